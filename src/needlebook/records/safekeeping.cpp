#include "needlebook/records/safekeeping.hpp"

#include "needlebook/error.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/storage/migrations.hpp"
#include "needlebook/storage/patient_repository.hpp"

#include <date/date.h>
#include <fmt/format.h>
#include <unordered_map>

namespace needlebook::records {

storage::VerifiedCopy back_up(Scope& scope, const std::filesystem::path& target) {
    auto copy = storage::back_up_database(scope.db(), target);
    scope.db().write([&] {
        storage::append_audit(scope.db(), {scope.clock().now(), scope.actor(), "database.backup",
                                           std::nullopt, "", std::nullopt, std::nullopt,
                                           fmt::format("to {} ({} bytes, sha256 {})",
                                                       std::filesystem::absolute(target).string(),
                                                       copy.bytes, copy.sha256)});
    });
    return copy;
}

Restored restore(const std::filesystem::path& live, const std::filesystem::path& source,
                 const storage::Opener& by) {
    // A newer program's database is not this program's to replace (a damaged one is).
    if (const auto version = storage::Database::schema_version_of(live);
        version && *version > storage::latest_schema_version())
        throw Refused(
            fmt::format("database {} has schema version {}, newer than this program "
                        "knows ({}); restore with a newer needlebook. Nothing was changed",
                        live.string(), *version, storage::latest_schema_version()));
    Restored restored;
    restored.source = storage::verify_database_file(source);
    if (!restored.source.check.ok())
        throw Refused(fmt::format("{} failed its check ({}); nothing was restored and the "
                                  "database is unchanged",
                                  source.string(), restored.source.check.first_fault()));
    if (std::filesystem::exists(live)) {
        const auto stamp = live.string() + date::format(".replaced-%Y%m%dT%H%M%SZ", by.now);
        restored.kept = stamp;
        for (int n = 2; std::filesystem::exists(restored.kept); ++n) // two restores in a second
            restored.kept = fmt::format("{}-{}", stamp, n);
    }
    storage::replace_database(live, restored.source, restored.kept);
    // Opening migrates an older copy; the restore is then the newest row of its chain.
    auto db = storage::Database::open(live, storage::Database::Create::no, by);
    db.write([&] {
        storage::append_audit(
            db, {by.now, by.actor, "database.restore", std::nullopt, "", std::nullopt, std::nullopt,
                 fmt::format(
                     "from {} ({} bytes, sha256 {}){}", std::filesystem::absolute(source).string(),
                     restored.source.bytes, restored.source.sha256,
                     restored.kept.empty()
                         ? std::string()
                         : fmt::format("; the replaced database is kept as {}",
                                       std::filesystem::absolute(restored.kept).string()))});
    });
    restored.schema_version = db.schema_version();
    return restored;
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
    scope.db().read([&] {
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
    });
    return lines;
}

} // namespace needlebook::records
