#pragma once
// Proof that a database is sound: SQLite's integrity and foreign-key checks, the audit chain,
// and every record revision against the fingerprint its audit row keeps. Used by `check`, by
// `backup` on the copy it made and by `restore` on the file it is given.

#include "needlebook/storage/database.hpp"
#include "needlebook/storage/seal.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace needlebook::storage {

struct CheckSection {
    explicit CheckSection(std::string section_name) : name(std::move(section_name)) {}
    std::string name;         // "integrity", "foreign keys", "audit chain", "records"
    std::int64_t checked = 0; // pages are not counted: 0 for integrity
    std::int64_t faults = 0;
    std::optional<std::string> first; // the first fault, naming its row
    std::string note;                 // what was not checked, and why
    bool ok() const { return faults == 0; }
};

struct DatabaseCheck {
    std::vector<CheckSection> sections;
    bool on_server = false; // the sections are PostgreSQL's (storage/server_checks.hpp)
    bool ok() const;
    // The first fault of the first section that has one, for a one-line message.
    std::string first_fault() const;
};

// What a check is asked to prove beyond the file's own consistency.
struct CheckAnchors {
    std::optional<PublicKey> key;  // every seal must be this key's, and there must be one
    std::optional<ChainHead> head; // a head noted earlier must still be in the chain
    // The photo store (PhotoStore::folder) that must hold every photo's image, byte for byte;
    // not set for a copy that has no store beside it (a backup being made or restored). A
    // server's images are in the database, and always checked.
    std::optional<std::filesystem::path> photo_store;
};

// Runs every check on `db` (which may be opened read-only): SQLite's checks, the schema against
// the one this program defines for the file's version (on a server: server_checks.hpp), the audit
// chain (links, hashes, times that never go backwards), every record against its fingerprint, the
// seals and `anchors` (with anchors.photo_store, or on a server, a section "photos": each photo's
// image against its size and hash). Never throws for a damaged file: what cannot be read becomes a
// fault of its section.
DatabaseCheck verify_database(Database& db, const CheckAnchors& anchors = {});

} // namespace needlebook::storage
