#pragma once
// The fingerprint of one stored record revision: its identity row, the revision row and (for a
// session) its areas, serums and overrides. The audit row written with a revision keeps it, and
// `check` recomputes it, so an edit made behind the program's back is found.

#include "needlebook/storage/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace needlebook::storage {

// Whether records of `kind` ("patient", "session", …) have a fingerprint.
bool has_record_digest(std::string_view kind);

// The SHA-256 (hex) of the stored revision, or nothing when no such revision is stored.
std::optional<std::string> record_digest(Database& db, std::string_view kind,
                                         std::int64_t record_id, int revision);

} // namespace needlebook::storage
