#include "needlebook/records/safekeeping.hpp"

#include "needlebook/error.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/storage/migrations.hpp"
#include "needlebook/storage/patient_repository.hpp"
#include "needlebook/storage/photo_backup.hpp"
#include "needlebook/storage/photo_store.hpp"

#include <algorithm>
#include <date/date.h>
#include <fmt/format.h>
#include <unordered_map>

namespace needlebook::records {

storage::VerifiedCopy back_up(Scope& scope, const std::filesystem::path& target) {
    const auto audit = [&](const storage::VerifiedCopy& copy) {
        storage::append_audit(scope.db(),
                              {scope.clock().now(), scope.actor(), "database.backup", std::nullopt,
                               "", std::nullopt, std::nullopt,
                               fmt::format("to {} ({} bytes, sha256 {}, chain head {}:{})",
                                           std::filesystem::absolute(target).string(), copy.bytes,
                                           copy.sha256, copy.head.id, copy.head.hash)});
    };
    // Copied beside other writers (a write lock held for the whole copy would make theirs wait
    // and fail as busy), then audited with the copy's size and SHA-256.
    auto copy = storage::back_up_database(scope.db(), target);
    scope.db().write([&] { audit(copy); });
    return copy;
}

namespace {

// Beside the live database, named by the restore's time: never an existing file.
std::filesystem::path kept_name(const std::filesystem::path& live, time::Instant now) {
    const auto stamp = live.string() + date::format(".replaced-%Y%m%dT%H%M%SZ", now);
    std::filesystem::path kept = stamp;
    for (int n = 2; std::filesystem::exists(kept); ++n) // two restores in a second
        kept = fmt::format("{}-{}", stamp, n);
    return kept;
}

storage::AuditEntry restore_entry(const storage::Opener& by, const Restored& restored) {
    return {by.now,
            by.actor,
            "database.restore",
            std::nullopt,
            "",
            std::nullopt,
            std::nullopt,
            fmt::format("from {} ({} bytes, sha256 {}){}",
                        std::filesystem::absolute(restored.source.file).string(),
                        restored.source.bytes, restored.source.sha256,
                        restored.kept.empty()
                            ? std::string()
                            : fmt::format("; the replaced database is kept as {}",
                                          std::filesystem::absolute(restored.kept).string()))};
}

} // namespace

Restored restore(const std::filesystem::path& live, const std::filesystem::path& source,
                 const storage::Opener& by) {
    if (storage::Database::is_server_target(live.string()))
        throw Refused(fmt::format("restore replaces a SQLite file; on a server, copy the backup "
                                  "into an empty database instead: needlebook copy --from {} --to "
                                  "postgresql://…; nothing was changed",
                                  source.string()));
    // A newer program's database is not this program's to replace (a damaged one is).
    if (const auto version = storage::Database::schema_version_of(live);
        version && *version > storage::latest_schema_version())
        throw Refused(
            fmt::format("database {} has schema version {}, newer than this program "
                        "knows ({}); restore with a newer needlebook. Nothing was changed",
                        live.string(), *version, storage::latest_schema_version()));
    const storage::StagedRestore staged(source, live, by);
    Restored restored;
    restored.source = staged.source();
    if (!restored.source.check.ok())
        throw Refused(fmt::format("{} failed its check ({}); nothing was restored and the "
                                  "database is unchanged",
                                  source.string(), restored.source.check.first_fault()));
    // The images the copy names come back into the live store (from "<source>.photos/", where
    // backup put them) before the database changes; one in neither store refuses the restore.
    storage::CopiedPhotos photos;
    {
        auto copy = storage::Database::open_read_only(staged.staged());
        photos = storage::copy_photos(copy, storage::PhotoStore(source), storage::PhotoStore(live));
    }
    restored.photos = photos.images;
    const bool exists = std::filesystem::exists(live);
    if (exists)
        restored.kept = kept_name(live, by.now);
    if (exists && storage::readable_database(live)) {
        // One transaction on the live file: the old content kept, the copy brought in and
        // migrated, the audit row written; all of it, or nothing.
        auto db = storage::Database::open(live, storage::Database::Create::no, by);
        storage::restore_database(db, staged, restored.kept, [&] {
            storage::append_audit(db, restore_entry(by, restored));
            restored.schema_version = db.schema_version();
        });
        photos.keep();
        return restored;
    }
    // A missing or unreadable file: the staged copy takes its place.
    storage::replace_damaged_database(live, staged, restored.kept);
    auto db = storage::Database::open(live, storage::Database::Create::no, by);
    photos.keep();
    db.write([&] { storage::append_audit(db, restore_entry(by, restored)); });
    restored.schema_version = db.schema_version();
    return restored;
}

Sealed seal_chain(Scope& scope, const std::filesystem::path& private_pem) {
    return scope.db().write([&] {
        Sealed sealed;
        // Holding the write lock: the head signed is the head verified.
        sealed.check = storage::verify_database(scope.db());
        if (!sealed.check.ok())
            throw Refused(fmt::format("the database failed its check ({}); a seal would vouch for "
                                      "it, so nothing was sealed. Run 'needlebook check'",
                                      sealed.check.first_fault()));
        const auto head = storage::chain_head(scope.db());
        sealed.seal = storage::store_seal(scope.db(), head, private_pem);
        storage::append_audit(
            scope.db(), scope.audit("chain.seal", "seal", sealed.seal.id, std::nullopt, 1,
                                    fmt::format("audit row {} sha256 {} signed by key {}", head.id,
                                                head.hash, sealed.seal.key.fingerprint)));
        return sealed;
    });
}

storage::ChainHead audit_disclosure(Scope& scope, std::string action, std::string reason,
                                    std::vector<std::int64_t> patient_ids) {
    std::sort(patient_ids.begin(), patient_ids.end());
    patient_ids.erase(std::unique(patient_ids.begin(), patient_ids.end()), patient_ids.end());
    auto entry = scope.audit(std::move(action), storage::disclosure_kind, 0, std::nullopt, 0,
                             std::move(reason));
    entry.record_id.reset();
    entry.revision.reset();
    // The row's hash covers the set of patients named, so a disclosure row deleted or added
    // behind the program's back shows.
    entry.content_hash = storage::disclosure_digest(patient_ids);
    if (patient_ids.size() == 1)
        entry.patient_id = patient_ids.front();
    const auto head = storage::append_audit(scope.db(), entry);
    storage::add_disclosures(scope.db(), head.id, patient_ids);
    return head;
}

void audit_read(Scope& scope, std::string action, std::string record_kind, std::int64_t record_id,
                std::int64_t patient_id, int revision) {
    storage::append_audit(scope.db(), scope.audit(std::move(action), std::move(record_kind),
                                                  record_id, patient_id, revision));
}

std::vector<AuditLine> list_audit(Scope& scope, const AuditQuery& query) {
    storage::AuditFilter filter;
    if (query.patient_code)
        filter.patient_id = find_patient(scope.db(), *query.patient_code).id.value;
    if (query.from)
        filter.from_at = time::format_utc(scope.zone().start_of_day(*query.from));
    if (query.to)
        filter.to_at = time::format_utc(scope.zone().start_of_day(time::add_days(*query.to, 1)));
    if (query.from && query.to && *query.to < *query.from)
        throw ValidationError("to", "--to is before --from; give a range that starts first");
    std::vector<AuditLine> lines;
    std::unordered_map<std::int64_t, std::string> codes;
    scope.db().write([&] {
        storage::for_each_audit_row(scope.db(), filter, [&](const storage::StoredAuditRow& row) {
            AuditLine line{row, ""};
            if (row.patient_id) {
                auto& code = codes[*row.patient_id];
                if (code.empty())
                    if (auto patient =
                            storage::PatientRepository(scope.db()).find(PatientId{*row.patient_id}))
                        code = patient->code;
                line.patient_code = code;
            }
            lines.push_back(std::move(line));
            return true;
        });
        // The trail names patients and what was done to their records: reading it is a read.
        std::vector<std::int64_t> named;
        for (const auto& line : lines)
            if (line.row.patient_id)
                named.push_back(*line.row.patient_id);
        if (filter.patient_id)
            named.push_back(*filter.patient_id);
        audit_disclosure(scope, "audit.list", fmt::format("{} rows", lines.size()),
                         std::move(named));
    });
    return lines;
}

} // namespace needlebook::records
