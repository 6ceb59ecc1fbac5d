#pragma once
// Moving a whole clinic between databases: from a SQLite file onto a PostgreSQL server when the
// clinic outgrows one computer, back into a file, or from file to file. Audited on both sides.

#include "needlebook/storage/audit_log.hpp"
#include "needlebook/storage/clinic_copy.hpp"
#include "needlebook/storage/database.hpp"
#include "needlebook/storage/verification.hpp"

#include <cstdint>
#include <string>

namespace needlebook::records {

struct ClinicCopy {
    std::string from, to; // as the databases name themselves (a server's without its password)
    storage::CopiedRows rows;
    storage::ChainHead head; // the copied chain's newest row, the same in both
    std::int64_t photos = 0; // images copied into the target's store (its folder, or photo_image)
    storage::DatabaseCheck check; // of the target, after the copy
};

// Copies the clinic at `from` into `to`: a SQLite file that does not exist yet or that init has
// just made, or a PostgreSQL database that is empty or that init has just made, copied into by
// the owner of its tables (the administrator who ran init). First `from` must pass its check (on
// a snapshot) and gets its "database.copy" row (so the copy carries it, and a copy cut short
// still shows);
// then one snapshot of `from` replaces every row of `to` in one transaction, which adds `to`'s
// own "database.copy" row and checks `to` before it commits. `by` names the actor on a file; on
// a server the audit names the login. Refused, `to` unchanged (a file it made removed; on an
// empty server database, the schema init made stays), when anything fails.
ClinicCopy copy_clinic(const std::string& from, const std::string& to, const storage::Opener& by);

} // namespace needlebook::records
