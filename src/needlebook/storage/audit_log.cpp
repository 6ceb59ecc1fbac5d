#include "needlebook/storage/audit_log.hpp"

#include "needlebook/storage/binding.hpp"
#include "needlebook/storage/record_digest.hpp"
#include "needlebook/storage/sha256.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace needlebook::storage {
namespace {

template <class T> std::string optional_text(const std::optional<T>& value) {
    return value ? fmt::format("{}", *value) : std::string();
}

std::string chain_hash(std::int64_t id, const std::string& at, const std::string& actor,
                       const std::string& action, const std::optional<std::int64_t>& patient_id,
                       const std::string& record_kind, const std::optional<std::int64_t>& record_id,
                       const std::optional<int>& revision, const std::string& reason,
                       const std::string& prev_hash, const std::string& record_hash) {
    // A JSON array: quoting makes field boundaries unambiguous whatever the fields hold.
    auto canonical = nlohmann::json::array({id, at, actor, action, optional_text(patient_id),
                                            record_kind, optional_text(record_id),
                                            optional_text(revision), reason, prev_hash});
    // Rows from before schema 3 have no fingerprint; their hashes stay as they were written.
    if (!record_hash.empty())
        canonical.push_back(record_hash);
    return sha256_hex(canonical.dump());
}

std::string text_or_empty(const SQLite::Column& column) {
    return column.isNull() ? std::string() : column.getString();
}

template <class T> std::optional<T> optional_number(const SQLite::Column& column) {
    if (column.isNull())
        return std::nullopt;
    return static_cast<T>(column.getInt64());
}

// Databases opened only to be checked may predate schema 3 and its record_hash column.
bool has_record_hash_column(Database& db) {
    auto query = db.query("SELECT 1 FROM pragma_table_info('audit_log') WHERE name = "
                          "'record_hash'");
    return query->executeStep();
}

} // namespace

std::string audit_row_hash(std::int64_t id, const AuditEntry& entry, const std::string& prev_hash,
                           const std::string& record_hash) {
    return chain_hash(id, time::format_utc(entry.at), entry.actor, entry.action, entry.patient_id,
                      entry.record_kind, entry.record_id, entry.revision, entry.reason, prev_hash,
                      record_hash);
}

std::string audit_row_hash(const StoredAuditRow& row) {
    return chain_hash(row.id, row.at, row.actor, row.action, row.patient_id, row.record_kind,
                      row.record_id, row.revision, row.reason, row.prev_hash, row.record_hash);
}

void append_audit(Database& db, const AuditEntry& entry) {
    std::int64_t id = 1;
    std::string prev_hash;
    {
        auto last = db.query("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
        if (last->executeStep()) {
            id = last->getColumn(0).getInt64() + 1;
            prev_hash = last->getColumn(1).getString();
        }
    }
    std::string record_hash;
    if (entry.record_id && entry.revision)
        record_hash =
            record_digest(db, entry.record_kind, *entry.record_id, *entry.revision).value_or("");
    auto insert = db.query(
        "INSERT INTO audit_log (id, at, actor, action, patient_id, record_kind, record_id, "
        "revision, reason, prev_hash, hash, record_hash) VALUES (:id, :at, :actor, :action, "
        ":patient, :kind, :record, :revision, :reason, :prev, :hash, :record_hash)");
    insert->bind(":id", id);
    insert->bind(":at", time::format_utc(entry.at));
    insert->bind(":actor", entry.actor);
    insert->bind(":action", entry.action);
    bind_optional(*insert, ":patient", entry.patient_id);
    bind_optional(*insert, ":kind",
                  entry.record_kind.empty() ? std::nullopt : std::optional(entry.record_kind));
    bind_optional(*insert, ":record", entry.record_id);
    bind_optional(*insert, ":revision", entry.revision);
    insert->bind(":reason", entry.reason);
    bind_optional(*insert, ":prev", prev_hash.empty() ? std::nullopt : std::optional(prev_hash));
    insert->bind(":hash", audit_row_hash(id, entry, prev_hash, record_hash));
    bind_optional(*insert, ":record_hash",
                  record_hash.empty() ? std::nullopt : std::optional(record_hash));
    insert->exec();
}

bool has_audit_action(Database& db, const std::string& action) {
    auto query = db.query("SELECT 1 FROM audit_log WHERE action = :action LIMIT 1");
    query->bind(":action", action);
    return query->executeStep();
}

void for_each_audit_row(Database& db, const AuditFilter& filter,
                        const std::function<bool(const StoredAuditRow&)>& visit) {
    auto query = db.query(fmt::format(
        "SELECT id, at, actor, action, patient_id, record_kind, record_id, revision, reason, "
        "prev_hash, hash, {} FROM audit_log WHERE (:patient IS NULL OR patient_id = :patient) "
        "AND (:from = '' OR at >= :from) AND (:to = '' OR at < :to) ORDER BY id",
        has_record_hash_column(db) ? "record_hash" : "NULL"));
    bind_optional(*query, ":patient", filter.patient_id);
    query->bind(":from", filter.from_at);
    query->bind(":to", filter.to_at);
    while (query->executeStep()) {
        StoredAuditRow row;
        row.id = query->getColumn(0).getInt64();
        row.at = text_or_empty(query->getColumn(1));
        row.actor = text_or_empty(query->getColumn(2));
        row.action = text_or_empty(query->getColumn(3));
        row.patient_id = optional_number<std::int64_t>(query->getColumn(4));
        row.record_kind = text_or_empty(query->getColumn(5));
        row.record_id = optional_number<std::int64_t>(query->getColumn(6));
        row.revision = optional_number<int>(query->getColumn(7));
        row.reason = text_or_empty(query->getColumn(8));
        row.prev_hash = text_or_empty(query->getColumn(9));
        row.hash = text_or_empty(query->getColumn(10));
        row.record_hash = text_or_empty(query->getColumn(11));
        if (!visit(row))
            break;
    }
}

} // namespace needlebook::storage
