#pragma once
// Use cases that protect the database as a whole: a verified backup, a restore that keeps what
// it replaces, and the audit trail listed for a manager. Each is audited.

#include "needlebook/records/scope.hpp"
#include "needlebook/storage/audit_log.hpp"
#include "needlebook/storage/backup.hpp"
#include "needlebook/storage/seal.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace needlebook::records {

// Copies the database into `target` (a new file), verifies the copy and audits it as
// "database.backup" with the copy's size and SHA-256.
storage::VerifiedCopy back_up(Scope& scope, const std::filesystem::path& target);

struct Restored {
    storage::VerifiedCopy source;
    std::filesystem::path kept; // the replaced database; empty when there was none
    int schema_version = 0;     // after migrating the restored copy, if it was older
    std::int64_t photos = 0;    // the images its photos name, each intact in the photo store
};

// Verifies `source` and refuses it (changing nothing) if any check fails; else keeps the
// database at `live` as '<live>.replaced-<UTC time>', copies `source` in, migrates it and audits
// "database.restore" in the restored database. First every image the copy names is brought
// into the live photo store from "<source>.photos/" (copy_photos): one in neither store refuses
// the restore, with nothing changed.
Restored restore(const std::filesystem::path& live, const std::filesystem::path& source,
                 const storage::Opener& by);

struct AuditLine {
    storage::StoredAuditRow row;
    std::string patient_code; // empty for whole-database actions
};

struct AuditQuery {
    std::optional<std::string> patient_code;
    std::optional<time::Date> from; // inclusive, a day in the clinic's zone
    std::optional<time::Date> to;   // inclusive
};

struct Sealed {
    storage::SealRow seal;
    storage::DatabaseCheck check; // what was verified before signing
};

// Verifies the whole database (refusing to seal one that fails), then signs the chain head with
// the Ed25519 private key in `private_pem` (kept off the database) and appends the seal with its
// audit row "chain.seal", all in one write transaction.
Sealed seal_chain(Scope& scope, const std::filesystem::path& private_pem);

// Audits a read that disclosed the data of several patients (a list, a report, an export): one
// row, naming each patient so that `audit --patient` finds it; call inside the read's
// transaction. Returns the new chain head.
storage::ChainHead audit_disclosure(Scope& scope, std::string action, std::string reason,
                                    std::vector<std::int64_t> patient_ids);

// Audits a read of a patient's record; call inside the transaction that read it.
void audit_read(Scope& scope, std::string action, std::string record_kind, std::int64_t record_id,
                std::int64_t patient_id, int revision);

// The audit trail, oldest first.
std::vector<AuditLine> list_audit(Scope& scope, const AuditQuery& query);

} // namespace needlebook::records
