#pragma once
// The append-only audit log: one row per write and per read of a patient's record, chained by
// SHA-256 so that tampering shows.

#include "needlebook/storage/database.hpp"
#include "needlebook/time/date.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace needlebook::storage {

struct AuditEntry {
    time::Instant at{};
    std::string actor;
    std::string action; // e.g. "session.log", "patient.amend"
    std::optional<std::int64_t> patient_id;
    std::string record_kind; // "patient", "session", …; empty for whole-database actions
    std::optional<std::int64_t> record_id;
    std::optional<int> revision;
    std::string reason;
};

// An audit row as stored, every field as text so that `check` hashes exactly what is there.
struct StoredAuditRow {
    std::int64_t id = 0;
    std::string at; // UTC, ISO 8601
    std::string actor;
    std::string action;
    std::optional<std::int64_t> patient_id;
    std::string record_kind;
    std::optional<std::int64_t> record_id;
    std::optional<int> revision;
    std::string reason;
    std::string prev_hash; // empty on the first row
    std::string hash;
    std::string record_hash; // empty for rows without a record, and rows from before schema 3
};

// Appends `entry` with the fingerprint of its record; call inside the transaction of the write
// or read it describes.
void append_audit(Database& db, const AuditEntry& entry);

// Whether any audit row records `action`, e.g. "demo.fill".
bool has_audit_action(Database& db, const std::string& action);

// The hex SHA-256 a row must carry, given the hash of the row before it and the fingerprint of
// its record revision (record_digest.hpp; empty when there is none).
std::string audit_row_hash(std::int64_t id, const AuditEntry& entry, const std::string& prev_hash,
                           const std::string& record_hash = {});
std::string audit_row_hash(const StoredAuditRow& row);

// Which rows for_each_audit_row visits; empty fields do not filter.
struct AuditFilter {
    std::optional<std::int64_t> patient_id;
    std::string from_at; // UTC text, inclusive
    std::string to_at;   // UTC text, exclusive
};

// Calls `visit` with each stored row in id order; stops early when it returns false.
void for_each_audit_row(Database& db, const AuditFilter& filter,
                        const std::function<bool(const StoredAuditRow&)>& visit);

} // namespace needlebook::storage
