#pragma once
// The append-only audit log: one row per write and per read of a patient's record, chained by
// SHA-256 so that tampering shows.

#include "needlebook/storage/database.hpp"
#include "needlebook/time/date.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

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
    // For a row that fingerprints something other than a record revision (the patients a read
    // disclosed): the fingerprint to keep, instead of one looked up by kind, id and revision.
    std::string content_hash;
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
    // From schema 4: the operating-system account that ran the program, and whether its clock
    // was fixed by NEEDLEBOOK_NOW. Nothing on older rows.
    std::optional<std::string> os_user;
    std::optional<bool> clock_fixed;
};

// The newest row of the chain: what seals sign and what printed documents state.
struct ChainHead {
    std::int64_t id = 0; // 0: an empty chain
    std::string hash;
};

// How far an audit time may run ahead of the computer's clock (clocks of two machines differ).
inline constexpr std::chrono::minutes future_tolerance{5};

// Appends `entry` with the fingerprint of its record, the operating-system account and the
// connection's clock mark; call inside the transaction of the write or read it describes.
// Refuses (Refused, so the transaction rolls back) a time earlier than the newest row's: no
// write can be backdated before what the log already holds. Returns the new head.
// On a backup opened read-only nothing is appended (Database::leave_out_audit_row) and the
// head is the backup's own.
ChainHead append_audit(Database& db, const AuditEntry& entry);

// The newest audit row's id and hash.
ChainHead chain_head(Database& db);

// Adds an audit row ("setting.seed", "product.seed") for every setting revision and catalogue
// product that has none: the values a migration seeded or carried over.
void audit_unaudited_catalogue(Database& db, time::Instant at, const std::string& actor);

// The record kind of an audit row that names the patients a read disclosed.
inline constexpr const char* disclosure_kind = "disclosure";

// The fingerprint of the set of patients a read disclosed (ids sorted, without repeats).
std::string disclosure_digest(const std::vector<std::int64_t>& patient_ids);
// The fingerprints of the disclosure rows stored for audit rows, asked for in ascending order of
// audit id as check walks the chain: read for a window of audit rows at a time, where a query
// for each was a round trip each on a server.
class StoredDisclosures {
public:
    explicit StoredDisclosures(Database& db) : m_db(db) {}
    std::string digest_of(std::int64_t audit_id);

private:
    Database& m_db;
    std::int64_t m_first = 0, m_end = 0; // the window read: audit ids [m_first, m_end)
    std::map<std::int64_t, std::vector<std::int64_t>> m_patients; // sorted, per audit id
};

// Names each patient whose data the read audited as `audit_id` disclosed.
void add_disclosures(Database& db, std::int64_t audit_id,
                     const std::vector<std::int64_t>& patient_ids);

// The operating-system account that wrote each record revision of `patient_id` (the first audit
// row of that revision), keyed by "kind:id:revision"; rows from before schema 4 have none.
std::map<std::string, std::string> write_accounts_of_patient(Database& db, std::int64_t patient_id);

// The name of the effective user id, e.g. "root"; "uid N" when it has no name.
const std::string& operating_system_account();

// Whether any audit row records `action`, e.g. "demo.fill".
bool has_audit_action(Database& db, const std::string& action);

// The hex SHA-256 a stored row must carry: of every field, its prev_hash and the fingerprint of
// its record revision (record_digest.hpp) included, in the form of the schema it was written in.
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
