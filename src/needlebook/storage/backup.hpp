#pragma once
// Copies of a whole database: a verified backup, and a restore that first keeps the database it
// replaces. Both go through SQLite's online backup API, which copies a consistent snapshot
// while other processes go on writing and never leaves a half-copied file under the real name.

#include "needlebook/storage/database.hpp"
#include "needlebook/storage/verification.hpp"

#include <cstdint>
#include <filesystem>
#include <string>

namespace needlebook::storage {

struct VerifiedCopy {
    std::filesystem::path file;
    std::uintmax_t bytes = 0;
    std::string sha256; // of the file's bytes, to compare copies later
    DatabaseCheck check;
};

// Copies `source` into a 0600 temporary file beside `target` (which must not exist yet),
// switches the copy to a single-file journal, fsyncs it, runs every check of `check` on it and
// only then gives it its name. Throws StorageError (leaving nothing behind) if the copy fails.
// A FIFO or a character device as `target` (a pipe, /dev/stdout) receives the bytes of the
// verified copy, which is made beside the database and removed afterwards.
VerifiedCopy back_up_database(Database& source, const std::filesystem::path& target);

// Reads `file` read-only and runs every check on it: the file `restore` is asked to use.
VerifiedCopy verify_database_file(const std::filesystem::path& file);

// Saves the current content of the database at `live` to `keep` (as it is, even if damaged:
// page by page through SQLite, else byte by byte), then replaces `live`'s content with the
// verified `source`'s in one transaction that other connections see whole or not at all.
void replace_database(const std::filesystem::path& live, const VerifiedCopy& source,
                      const std::filesystem::path& keep);

} // namespace needlebook::storage
