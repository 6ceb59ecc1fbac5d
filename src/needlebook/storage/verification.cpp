#include "needlebook/storage/verification.hpp"

#include "needlebook/storage/sqlite_connection.hpp"

#include "needlebook/model/text.hpp"
#include "needlebook/storage/audit_log.hpp"
#include "needlebook/storage/database_image_store.hpp"
#include "needlebook/storage/photo_repository.hpp"
#include "needlebook/storage/photo_store.hpp"
#include "needlebook/storage/record_digest.hpp"
#include "needlebook/storage/server_checks.hpp"
#include "needlebook/storage/sha256.hpp"

#include "needlebook/storage/migrations.hpp"
#include <algorithm>

#include <array>
#include <cstdlib>
#include <fmt/format.h>
#include <future>
#include <map>
#include <set>

namespace needlebook::storage {
namespace {

// Records stored as an identity row plus numbered revisions; each revision needs an audit row.
// (Products are left out: the catalogue seeded by the schema has none.)
constexpr std::array revisioned_kinds = {"patient",  "condition",  "consent", "session",
                                         "reaction", "followup",   "setting", "lot",
                                         "course",   "assessment", "photo"};

void add_fault(CheckSection& section, std::string fault) {
    if (section.faults++ == 0)
        section.first = std::move(fault);
}

// A file too damaged to read fails the section it was reading, not the whole check.
template <class Work> void guarded(CheckSection& section, Work&& work) {
    try {
        work();
    } catch (const std::exception& e) {
        add_fault(section, fmt::format("could not be read: {}", e.what()));
    }
}

CheckSection sqlite_integrity(Database& db) {
    CheckSection section{"integrity"};
    guarded(section, [&] {
        SQLite::Statement check(sqlite_of(db), "PRAGMA integrity_check");
        while (check.executeStep()) {
            // One result may hold several problems, a line each.
            const auto lines = without_check_heading(check.getColumn(0).getString());
            std::size_t start = 0;
            while (start < lines.size()) {
                const auto end = std::min(lines.find('\n', start), lines.size());
                if (const auto line = lines.substr(start, end - start);
                    line != "ok" && !line.empty())
                    add_fault(section, line);
                start = end + 1;
            }
        }
    });
    return section;
}

CheckSection foreign_keys(Database& db) {
    CheckSection section{"foreign keys"};
    guarded(section, [&] {
        SQLite::Statement check(sqlite_of(db), "PRAGMA foreign_key_check");
        while (check.executeStep())
            add_fault(section,
                      fmt::format("{} row {} refers to a {} row that does not exist",
                                  check.getColumn(0).getString(), check.getColumn(1).getString(),
                                  check.getColumn(2).getString()));
    });
    return section;
}

// The row's text as stored may have been edited behind the program's back: shown visible().
std::string describe(const StoredAuditRow& row) {
    std::string record;
    if (!row.record_kind.empty())
        record = row.record_id ? fmt::format(", {} {}", visible(row.record_kind), *row.record_id)
                               : fmt::format(", {}", visible(row.record_kind));
    if (row.revision)
        record += fmt::format(" revision {}", *row.revision);
    return fmt::format("audit row {} ({}{} {} by {}{}{})", row.id, visible(row.at),
                       row.clock_fixed.value_or(false) ? " on a fixed clock" : "",
                       visible(row.action), visible(row.actor),
                       row.os_user ? fmt::format(" as OS account {}", visible(*row.os_user)) : "",
                       record);
}

// Walks the chain once: ids without gaps, each row's prev_hash is the row before's hash, each
// hash matches the row's content, and each record fingerprint matches the stored revision.
// The schema version a row was written under, from the rows that created or migrated the
// database ("new database at schema N", "schema A -> B (…)"); 0 before any such row.
int version_stated(const StoredAuditRow& row, int in_force) {
    const auto number_after = [&](std::string_view marker) {
        const auto at = row.reason.find(marker);
        return at == std::string::npos ? in_force
                                       : std::atoi(row.reason.c_str() + at + marker.size());
    };
    if (row.action == "schema.create")
        return number_after("at schema ");
    if (row.action == "schema.migrate")
        return number_after(" -> ");
    return in_force;
}

// Every stored revision's fingerprint, read before the chain is walked: a few queries per kind
// and batch of records, where one query per part of every revision took a round trip each on a
// server. Held as 32 bytes each (about 20 MB for a clinic of 20,000 patients).
class StoredDigests {
public:
    // A kind that cannot be read is a fault of `records`; the others are still checked.
    StoredDigests(Database& db, CheckSection& records) {
        for (const auto kind : record_digest_kinds()) {
            auto& stored = m_by_kind[std::string(kind)];
            try {
                for_each_record_digest(db, kind, [&](const StoredDigest& revision) {
                    stored.push_back(
                        {revision.record_id, revision.revision, bytes_of(revision.digest)});
                });
            } catch (const std::exception& e) {
                add_fault(records,
                          fmt::format("the {} records could not be read: {}", kind, e.what()));
                m_by_kind.erase(std::string(kind));
                m_unreadable.emplace(kind);
            }
        }
    }
    bool readable(std::string_view kind) const { return !m_unreadable.contains(kind); }
    // Nothing when that revision is not stored.
    std::optional<bool> matches(const std::string& kind, std::int64_t record_id,
                                std::int64_t revision, const std::string& digest) const {
        const auto of_kind = m_by_kind.find(kind);
        if (of_kind == m_by_kind.end())
            return std::nullopt;
        const auto& stored = of_kind->second;
        const auto key = std::make_pair(record_id, revision);
        const auto found = std::lower_bound(
            stored.begin(), stored.end(), key,
            [](const Entry& entry, const auto& wanted) { return entry.key() < wanted; });
        if (found == stored.end() || found->key() != key)
            return std::nullopt;
        return found->digest == bytes_of(digest);
    }

private:
    using Digest = std::array<unsigned char, 32>;
    struct Entry {
        std::int64_t record_id;
        std::int64_t revision;
        Digest digest;
        std::pair<std::int64_t, std::int64_t> key() const { return {record_id, revision}; }
    };
    // The bytes a SHA-256 in hex stands for; anything else (a forged cell) gives bytes no stored
    // fingerprint has.
    static Digest bytes_of(const std::string& hex) {
        Digest digest{};
        if (const auto bytes = bytes_of_hex(hex); bytes.size() == digest.size())
            std::copy(bytes.begin(), bytes.end(), digest.begin());
        return digest;
    }
    std::map<std::string, std::vector<Entry>, std::less<>> m_by_kind; // each in key order
    std::set<std::string, std::less<>> m_unreadable;
};

void audit_chain_and_records(Database& db, CheckSection& chain, CheckSection& records) {
    std::int64_t expected_id = 1;
    std::string previous_hash;
    std::string previous_at;
    const auto future_limit = time::format_utc(std::chrono::floor<std::chrono::seconds>(
        std::chrono::system_clock::now() + future_tolerance));
    int version = 0;
    std::int64_t without_fingerprint = 0;
    StoredDigests digests(db, records);
    StoredDisclosures disclosed(db);
    guarded(chain, [&] {
        for_each_audit_row(db, {}, [&](const StoredAuditRow& row) {
            version = version_stated(row, version);
            if (row.at < previous_at)
                add_fault(chain, fmt::format("{} is dated before the row before it ({}): the "
                                             "clock was set back or the row was forged",
                                             describe(row), previous_at));
            previous_at = row.at;
            if (row.at > future_limit)
                add_fault(chain, fmt::format("{} is dated after the computer's clock ({}): a "
                                             "clock was set ahead or the row was forged",
                                             describe(row), future_limit));
            ++chain.checked;
            if (row.id != expected_id)
                add_fault(chain,
                          row.id > expected_id
                              ? fmt::format("audit rows {} to {} are missing: {} follows row {}",
                                            expected_id, row.id - 1, describe(row), expected_id - 1)
                              : fmt::format("{} is out of order", describe(row)));
            else if (row.prev_hash != previous_hash)
                add_fault(chain, fmt::format("{} does not follow row {}: its prev_hash is not "
                                             "that row's hash",
                                             describe(row), row.id - 1));
            else if (row.hash != audit_row_hash(row))
                add_fault(chain, fmt::format("{} was changed after it was written: its hash "
                                             "does not match its content",
                                             describe(row)));
            expected_id = row.id + 1;
            previous_hash = row.hash;

            if (row.record_kind == disclosure_kind) {
                ++records.checked;
                if (row.record_hash != disclosed.digest_of(row.id))
                    add_fault(records, fmt::format("{}: the patients it names as disclosed differ "
                                                   "from those recorded then",
                                                   describe(row)));
                return true;
            }
            if (!row.record_id || !row.revision || !has_record_digest(row.record_kind))
                return true;
            if (row.record_hash.empty()) {
                if (version >= 3 || row.os_user)
                    add_fault(records, fmt::format("{} has no record fingerprint, though schema "
                                                   "{} writes one on every record row",
                                                   describe(row), std::max(version, 4)));
                else
                    ++without_fingerprint; // written before schema 3
                return true;
            }
            if (!digests.readable(row.record_kind))
                return true; // the fault is the records section's already
            ++records.checked;
            const auto matches =
                digests.matches(row.record_kind, *row.record_id, *row.revision, row.record_hash);
            if (!matches)
                add_fault(records, fmt::format("{}: that {} revision is no longer stored",
                                               describe(row), row.record_kind));
            else if (!*matches)
                add_fault(records, fmt::format("{}: the stored {} differs from what was "
                                               "recorded then",
                                               describe(row), row.record_kind));
            return true;
        });
    });
    if (without_fingerprint > 0)
        records.note = fmt::format("{} audit rows from before schema 3 carry no fingerprint; "
                                   "their records were checked for an audit row only",
                                   without_fingerprint);
}

// Every stored revision has an audit row: a record added behind the program's back has none.
void unaudited_revisions(Database& db, CheckSection& records) {
    guarded(records, [&] {
        for (const std::string_view kind : revisioned_kinds) {
            if (!db.connection().has_table(fmt::format("{}_revision", kind)))
                continue; // settings became records in schema 4
            auto query = db.query(fmt::format(
                "SELECT r.{0}_id, r.revision FROM {0}_revision r WHERE NOT EXISTS (SELECT 1 FROM "
                "audit_log a WHERE a.record_kind = '{0}' AND a.record_id = r.{0}_id AND "
                "a.revision = r.revision) ORDER BY r.id",
                kind));
            while (query->step())
                add_fault(records, fmt::format("{} {} revision {} has no audit row: it was not "
                                               "written by needlebook",
                                               kind, query->column(0).as_int64(),
                                               query->column(1).as_int()));
            // needlebook writes an identity row and its first revision together: one alone was
            // put there by hand, and would block the record's number or code for good.
            auto bare = db.query(fmt::format(
                "SELECT i.id FROM {0} i WHERE NOT EXISTS (SELECT 1 FROM {0}_revision r WHERE "
                "r.{0}_id = i.id) ORDER BY i.id",
                kind));
            while (bare->step())
                add_fault(records, fmt::format("{} {} has no revision: it was not written by "
                                               "needlebook",
                                               kind, bare->column(0).as_int64()));
        }
        if (!db.connection().has_table("setting"))
            return; // before schema 4 the seeded products had no audit rows
        auto stray = db.query("SELECT DISTINCT audit_id FROM audit_disclosure d WHERE NOT EXISTS "
                              "(SELECT 1 FROM audit_log a WHERE a.id = d.audit_id AND "
                              "a.record_kind = 'disclosure') ORDER BY audit_id");
        while (stray->step())
            add_fault(records, fmt::format("audit row {} is not a disclosure, yet patients are "
                                           "named as disclosed by it",
                                           stray->column(0).as_int64()));
        // A product row is its revision 1; later revisions are product_revision rows (schema 8).
        auto products = db.query("SELECT code FROM product p WHERE NOT EXISTS (SELECT 1 FROM "
                                 "audit_log a WHERE a.record_kind = 'product' AND a.record_id = "
                                 "p.id AND a.revision = 1) ORDER BY id");
        while (products->step())
            add_fault(records, fmt::format("catalogue product {} has no audit row: it was not "
                                           "written by needlebook",
                                           products->column(0).as_text()));
        if (!db.connection().has_table("product_revision"))
            return;
        auto amended = db.query(
            "SELECT p.code, r.revision FROM product_revision r JOIN product p ON p.id = "
            "r.product_id WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.record_kind = "
            "'product' AND a.record_id = r.product_id AND a.revision = r.revision) ORDER BY r.id");
        while (amended->step())
            add_fault(records,
                      fmt::format("catalogue product {} revision {} has no audit row: it "
                                  "was not written by needlebook",
                                  amended->column(0).as_text(), amended->column(1).as_int()));
    });
}

struct SchemaEntry {
    std::string type, table, sql;
    bool operator==(const SchemaEntry&) const = default;
};

std::map<std::string, SchemaEntry> schema_entries(SQLite::Database& sql) {
    std::map<std::string, SchemaEntry> entries;
    // SQLite's own tables hold statistics and counters, nothing that runs; any other object
    // named sqlite_… (a trigger planted with writable_schema) is compared like the rest.
    SQLite::Statement query(sql, "SELECT name, type, tbl_name, coalesce(sql, '') FROM "
                                 "main.sqlite_schema WHERE NOT (type = 'table' AND (name = "
                                 "'sqlite_sequence' OR name LIKE 'sqlite\\_stat%' ESCAPE "
                                 "'\\'))");
    while (query.executeStep())
        entries[query.getColumn(0).getString()] = {query.getColumn(1).getString(),
                                                   query.getColumn(2).getString(),
                                                   query.getColumn(3).getString()};
    return entries;
}

// Every table, index, view and trigger (CHECKs are part of a table's definition) as this
// program's migrations make them for the file's version, compared by name and definition.
CheckSection schema_matches(Database& db) {
    CheckSection section{"schema"};
    guarded(section, [&] {
        const int version = db.schema_version();
        SQLite::Database reference(":memory:", SQLite::OPEN_READWRITE);
        reference.exec("PRAGMA foreign_keys = OFF");
        reference.exec("CREATE TEMP TABLE migration_context (now TEXT NOT NULL, actor TEXT NOT "
                       "NULL); INSERT INTO migration_context VALUES ('1970-01-01T00:00:00Z', "
                       "'check')");
        for (const auto& migration : migrations())
            if (migration.version <= version)
                reference.exec(std::string(migration.sql));
        const auto expected = schema_entries(reference);
        const auto found = schema_entries(sqlite_of(db));
        for (const auto& [name, entry] : expected) {
            ++section.checked;
            const auto it = found.find(name);
            if (it == found.end())
                add_fault(section,
                          fmt::format("{} {} of schema {} is missing", entry.type, name, version));
            else if (!(it->second == entry))
                add_fault(section, fmt::format("{} {} differs from its definition in schema {}",
                                               entry.type, name, version));
        }
        for (const auto& [name, entry] : found)
            if (!expected.contains(name))
                add_fault(section,
                          fmt::format("{} {} is not part of schema {}", entry.type, name, version));
        // The code lists records refer to hold exactly the rows the schema seeded: a deleted
        // condition code would stop that condition from ever being put on file.
        for (const char* table :
             {"treatment_area", "reaction_kind", "condition_code", "outcome_scale"}) {
            if (!expected.contains(table) || !found.contains(table))
                continue;
            const auto codes = [&](SQLite::Database& sql) {
                std::vector<std::string> rows;
                SQLite::Statement query(sql,
                                        fmt::format("SELECT * FROM main.{} ORDER BY 1", table));
                while (query.executeStep()) { // every column: a scale's range too
                    std::string row;
                    for (int i = 0; i < query.getColumnCount(); ++i)
                        row += query.getColumn(i).getString() + '\x1f';
                    rows.push_back(std::move(row));
                }
                return rows;
            };
            if (codes(reference) != codes(sqlite_of(db)))
                add_fault(section, fmt::format("table {} does not hold the codes of schema {}",
                                               table, version));
        }
    });
    return section;
}

// Each seal's signature and sealed head; with a key, every seal must be that key's and at least
// one must exist; with a head noted earlier, that row must still carry that hash.
CheckSection seals_hold(Database& db, const CheckAnchors& anchors) {
    CheckSection section{"seals"};
    guarded(section, [&] {
        const auto seals = stored_seals(db);
        auto hash_of = db.query("SELECT hash FROM audit_log WHERE id = :id");
        const auto stored_hash = [&](std::int64_t id) -> std::optional<std::string> {
            hash_of->bind(":id", id);
            std::optional<std::string> hash;
            if (hash_of->step())
                hash = hash_of->column(0).as_text();
            hash_of->reset();
            return hash;
        };
        for (const auto& seal : seals) {
            ++section.checked;
            if (!signature_valid(seal))
                add_fault(section, fmt::format("seal {} (of audit row {}) has a signature that "
                                               "does not match what it seals",
                                               seal.id, seal.sealed.id));
            else if (anchors.key && seal.key.fingerprint != anchors.key->fingerprint)
                add_fault(section,
                          fmt::format("seal {} (of audit row {}) was made with another "
                                      "key ({}…), not the one given",
                                      seal.id, seal.sealed.id, seal.key.fingerprint.substr(0, 16)));
            else if (stored_hash(seal.sealed.id) != seal.sealed.hash)
                add_fault(section, fmt::format("audit row {}, sealed by seal {}, no longer has "
                                               "the hash that was sealed: a row at or before it "
                                               "was changed, removed or inserted",
                                               seal.sealed.id, seal.id));
        }
        if (anchors.key && seals.empty())
            add_fault(section, "there is no seal: nothing anchors the chain to the key given");
        if (anchors.head && stored_hash(anchors.head->id) != anchors.head->hash)
            add_fault(section,
                      fmt::format("the chain head noted as row {} with hash {}… is not in the "
                                  "chain: a row at or before it was changed, removed or inserted",
                                  anchors.head->id, anchors.head->hash.substr(0, 16)));
        if (!anchors.key && !seals.empty())
            section.note = "signatures checked against the keys stored with them; give --key "
                           "to prove they are the clinic's";
        else if (seals.empty())
            section.note = "no seals: anyone who can write the file could recompute the chain";
    });
    return section;
}

// A database file keeps its images beside it: rows in its photo_image table (version 11, for a
// server) are images nothing reads, put there behind the program's back.
void no_images_inside(Database& db, CheckSection& section) {
    if (db.on_server() || !db.connection().has_table("photo_image"))
        return;
    auto rows = db.query("SELECT count(*) FROM photo_image");
    rows->step();
    if (const auto count = rows->column(0).as_int64(); count > 0)
        add_fault(section, fmt::format("table photo_image holds {} row{}; a database file keeps "
                                       "its images in the photo store beside it, and nothing "
                                       "reads them there",
                                       count, count == 1 ? "" : "s"));
}

// Every photo's image, voided ones too, read back from `store` (when given) and hashed, and what
// the store holds that no record names (a note). Nothing for a database without photo records
// and without anything else in its store, so its report reads as before photos existed.
std::optional<CheckSection> photos_in(Database& db, const ImageStore* store) {
    CheckSection section{"photos"};
    const bool records = db.connection().has_table("photo") && [&] {
        auto any = db.query("SELECT 1 FROM photo LIMIT 1");
        return any->step();
    }();
    std::vector<PhotoImage> named;
    guarded(section, [&] {
        if (records && store)
            PhotoRepository(db).for_each_image([&](const StoredImage& stored) {
                ++section.checked;
                named.push_back(stored.image);
                if (const auto problem = store->problem_with(stored.image))
                    add_fault(section, fmt::format("photo {} of {}: {}; restore it from a backup",
                                                   stored.id, stored.patient_code, *problem));
            });
        no_images_inside(db, section);
    });
    // Only once every record was read: a fault reading them would make every image look unnamed.
    if (section.ok() && store)
        section.note = store->unnamed_note(named);
    // Without a store to read (a backup being made), only stray rows are worth a section.
    if ((!records || !store) && section.ok() && section.note.empty())
        return std::nullopt;
    return section;
}

} // namespace

bool DatabaseCheck::ok() const {
    return std::all_of(sections.begin(), sections.end(),
                       [](const CheckSection& section) { return section.ok(); });
}

std::string DatabaseCheck::first_fault() const {
    for (const auto& section : sections)
        if (!section.ok())
            return fmt::format("{}: {}", section.name, section.first.value_or("fault"));
    return {};
}

// SQLite's integrity and foreign-key checks of `db`. On a file they run on a second
// connection, beside the walk of the chain and the records on the first: each reads the whole
// file, and one after the other they took 3.3x the sqlite3 shell's two checks. In memory, or
// when no second connection can be opened, or inside a transaction (whose changes a second
// connection would not see), they run on `db` itself, when get() is called.
class SqliteChecks {
public:
    explicit SqliteChecks(Database& db) : m_db(db) {
        if (db.path() == ":memory:" || db.in_transaction())
            return;
        m_beside = std::async(std::launch::async, [path = db.path()] {
            auto second = Database::open_read_only(path);
            return std::array{sqlite_integrity(second), foreign_keys(second)};
        });
    }
    std::array<CheckSection, 2> get() {
        if (m_beside.valid()) {
            try {
                return m_beside.get();
            } catch (const std::exception&) {
                // e.g. the file cannot be opened twice: checked on the first connection below
            }
        }
        return {sqlite_integrity(m_db), foreign_keys(m_db)};
    }

private:
    Database& m_db;
    std::future<std::array<CheckSection, 2>> m_beside;
};

DatabaseCheck verify_database(Database& db, const CheckAnchors& anchors) {
    DatabaseCheck result;
    result.on_server = db.on_server();
    std::optional<SqliteChecks> sqlite_checks;
    if (!db.on_server())
        sqlite_checks.emplace(db);
    // A server's own sections: integrity and foreign keys first, the schema last, as SQLite's.
    std::array<CheckSection, 2> server_first{CheckSection{"integrity"},
                                             CheckSection{"foreign keys"}};
    CheckSection server_last{"schema"};
    CheckSection chain{"audit chain"};
    CheckSection records{"records"};
    CheckSection seals{"seals"};
    std::optional<CheckSection> photos;
    // One snapshot: a writer appending meanwhile must not make a row look missing.
    try {
        db.read([&] {
            if (db.on_server()) // in the snapshot the chain and the records are read in
                server_first = {server_integrity(db), server_foreign_keys(db)};
            audit_chain_and_records(db, chain, records);
            if (!chain.ok() && chain.first->starts_with("could not be read"))
                add_fault(records, fmt::format("only {} records could be checked: the audit log "
                                               "could not be read to the end",
                                               records.checked));
            unaudited_revisions(db, records);
            seals = seals_hold(db, anchors);
            if (db.on_server()) {
                const DatabaseImageStore store(db);
                photos = photos_in(db, &store);
            } else if (anchors.photo_store) {
                const auto store = PhotoStore::in_folder(*anchors.photo_store);
                photos = photos_in(db, &store);
            } else {
                photos = photos_in(db, nullptr);
            }
            if (db.on_server())
                server_last = server_schema(db);
        });
    } catch (const std::exception& e) {
        add_fault(chain, fmt::format("could not be read: {}", e.what()));
    }
    // First in the report, as before.
    auto sections = sqlite_checks ? sqlite_checks->get() : std::move(server_first);
    result.sections.insert(result.sections.begin(), std::make_move_iterator(sections.begin()),
                           std::make_move_iterator(sections.end()));
    result.sections.push_back(std::move(chain));
    result.sections.push_back(std::move(records));
    result.sections.push_back(std::move(seals));
    if (photos)
        result.sections.push_back(std::move(*photos));
    // Last: a record edited behind the program's back usually needed a trigger dropped, and
    // the first fault named should be the record.
    result.sections.push_back(db.on_server() ? std::move(server_last) : schema_matches(db));
    return result;
}

} // namespace needlebook::storage
