#pragma once
// The append-only audit log: one row per write, chained by SHA-256 so tampering shows.

#include "needlebook/storage/database.hpp"
#include "needlebook/time/date.hpp"

#include <cstdint>
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

// Appends `entry`; call inside the write transaction of the change it describes.
void append_audit(Database& db, const AuditEntry& entry);

// Whether any audit row records `action`, e.g. "demo.fill".
bool has_audit_action(Database& db, const std::string& action);

// The hex SHA-256 a row must carry, given the hash of the row before it.
std::string audit_row_hash(std::int64_t id, const AuditEntry& entry, const std::string& prev_hash);

} // namespace needlebook::storage
