#pragma once
// A database that `init` has just made holds no records, only the seeded settings and catalogue
// and their audit rows. `import --all` puts a whole clinic's settings, catalogue and trail in
// their place: the only time rows are ever taken out of the insert-only tables.

#include "needlebook/storage/database.hpp"

#include <string>
#include <vector>

namespace needlebook::storage {

// Refuses (Refused, naming the first thing found and `command`, e.g. "import --all") a database
// holding anything `init` did not put there: a record, a changed setting or product, a seal, an
// audit row of any other action.
void ensure_only_seeded(Database& db, std::string_view command);

// Refuses (Refused, naming `command`) a login that may not replace the content of `db`: on a
// server only the owner of the clinic's tables may turn their triggers off. Nothing to refuse on
// a file.
void ensure_may_replace_content(Database& db, std::string_view command);

// What an import replaces: the seeded revisions of these setting keys, and with `products` the
// whole seeded catalogue. The audit trail is always emptied: the caller starts it again.
struct SeedsToReplace {
    std::vector<std::string> setting_keys;
    bool products = false;
};

// Inside the caller's write transaction, after ensure_only_seeded: deletes the audit trail and
// the seeds named, with the triggers that refuse deletes off for it
// (Connection::with_triggers_off).
void clear_seeds(Database& db, const SeedsToReplace& seeds);

// After an import: how many setting values are still the ones init seeded (audited again as
// "setting.seed" when the trail started again).
std::int64_t count_seeds_kept(Database& db);

} // namespace needlebook::storage
