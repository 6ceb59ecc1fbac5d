#include "needlebook/storage/verification.hpp"

#include "needlebook/model/text.hpp"
#include "needlebook/storage/audit_log.hpp"
#include "needlebook/storage/record_digest.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace needlebook::storage {
namespace {

// Records stored as an identity row plus numbered revisions; each revision needs an audit row.
// (Products are left out: the catalogue seeded by the schema has none.)
constexpr std::array revisioned_kinds = {"patient", "condition", "consent",
                                         "session", "reaction",  "followup"};

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
        SQLite::Statement check(db.sql(), "PRAGMA integrity_check");
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
        SQLite::Statement check(db.sql(), "PRAGMA foreign_key_check");
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
        record = fmt::format(", {} {}", visible(row.record_kind), row.record_id.value_or(0));
    if (row.revision)
        record += fmt::format(" revision {}", *row.revision);
    return fmt::format("audit row {} ({} {} by {}{})", row.id, visible(row.at), visible(row.action),
                       visible(row.actor), record);
}

// Walks the chain once: ids without gaps, each row's prev_hash is the row before's hash, each
// hash matches the row's content, and each record fingerprint matches the stored revision.
void audit_chain_and_records(Database& db, CheckSection& chain, CheckSection& records) {
    std::int64_t expected_id = 1;
    std::string previous_hash;
    std::int64_t without_fingerprint = 0;
    guarded(chain, [&] {
        for_each_audit_row(db, {}, [&](const StoredAuditRow& row) {
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

            if (!row.record_id || !row.revision || !has_record_digest(row.record_kind))
                return true;
            if (row.record_hash.empty()) {
                ++without_fingerprint; // written before schema 3
                return true;
            }
            ++records.checked;
            const auto digest = record_digest(db, row.record_kind, *row.record_id, *row.revision);
            if (!digest)
                add_fault(records, fmt::format("{}: that {} revision is no longer stored",
                                               describe(row), row.record_kind));
            else if (*digest != row.record_hash)
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
            auto query = db.query(fmt::format(
                "SELECT r.{0}_id, r.revision FROM {0}_revision r WHERE NOT EXISTS (SELECT 1 FROM "
                "audit_log a WHERE a.record_kind = '{0}' AND a.record_id = r.{0}_id AND "
                "a.revision = r.revision) ORDER BY r.id",
                kind));
            while (query->executeStep())
                add_fault(records, fmt::format("{} {} revision {} has no audit row: it was not "
                                               "written by needlebook",
                                               kind, query->getColumn(0).getInt64(),
                                               query->getColumn(1).getInt()));
        }
    });
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

DatabaseCheck verify_database(Database& db) {
    DatabaseCheck result;
    result.sections.push_back(sqlite_integrity(db));
    result.sections.push_back(foreign_keys(db));
    CheckSection chain{"audit chain"};
    CheckSection records{"records"};
    // One snapshot: a writer appending meanwhile must not make a row look missing.
    try {
        db.read([&] {
            audit_chain_and_records(db, chain, records);
            if (!chain.ok() && chain.first->starts_with("could not be read"))
                add_fault(records, fmt::format("only {} records could be checked: the audit log "
                                               "could not be read to the end",
                                               records.checked));
            unaudited_revisions(db, records);
        });
    } catch (const std::exception& e) {
        add_fault(chain, fmt::format("could not be read: {}", e.what()));
    }
    result.sections.push_back(std::move(chain));
    result.sections.push_back(std::move(records));
    return result;
}

} // namespace needlebook::storage
