#pragma once
// The fingerprint of one stored record revision: its identity row, the revision row and (for a
// session) its areas, serums and overrides. The audit row written with a revision keeps it, and
// `check` recomputes it, so an edit made behind the program's back is found.

#include "needlebook/storage/database.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::storage {

// Whether records of `kind` ("patient", "session", …) have a fingerprint.
bool has_record_digest(std::string_view kind);
// Every kind that has.
std::vector<std::string_view> record_digest_kinds();

// The SHA-256 (hex) of the stored revision, or nothing when no such revision is stored.
std::optional<std::string> record_digest(Database& db, std::string_view kind,
                                         std::int64_t record_id, int revision);

struct StoredDigest {
    std::int64_t record_id;
    std::int64_t revision;
    std::string digest; // as record_digest gives it
};

// Every stored revision of `kind` with its fingerprint, in order of record id and revision: the
// same fingerprints as record_digest, read a few hundred records at a time (check compares
// every audit row's; one query per part per revision took a round trip each on a server).
void for_each_record_digest(Database& db, std::string_view kind,
                            const std::function<void(const StoredDigest&)>& visit);

} // namespace needlebook::storage
