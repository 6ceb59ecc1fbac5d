#pragma once
// Copies of a whole database: a verified backup, and a restore that first keeps the database it
// replaces. Both go through SQLite's online backup API, which copies a consistent snapshot
// while other processes go on writing and never leaves a half-copied file under the real name.

#include "needlebook/storage/database.hpp"
#include "needlebook/storage/verification.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace needlebook::storage {

struct VerifiedCopy {
    std::filesystem::path file;
    std::uintmax_t bytes = 0;
    std::string sha256; // of the file's bytes, to compare copies later
    DatabaseCheck check;
    ChainHead head; // the copy's newest audit row: 'check --head' proves it later
    // The images its photos name, each verified in "<file>.photos/" (the photo store's
    // copy); for a copy streamed into a FIFO or a device, the images left for the caller to
    // copy apart.
    std::int64_t photos = 0;
    bool photos_streamed = false; // true: `photos` were not copied
};

// Copies `source` into a 0600 temporary file beside `target` (which must not exist yet),
// switches the copy to a single-file journal, marks it as a backup (backup_application_id, so
// that opening it later changes nothing), fsyncs it, runs every check of `check` on it and
// only then gives it its name; the SHA-256 is of the marked bytes. Throws StorageError (leaving
// nothing behind) if the copy fails. A FIFO or a character device as `target` (a pipe, /dev/stdout)
// receives the bytes of the verified copy, which is made beside the database and removed
// afterwards. The photo store goes with a backup file: every image the copy names is copied
// from the database's store into "<target>.photos/" and verified (copy_photos) before the copy
// gets its name; a missing or changed image refuses the backup. A stream gets no photos.
VerifiedCopy back_up_database(Database& source, const std::filesystem::path& target);

// Reads `file` read-only and runs every check on it.
VerifiedCopy verify_database_file(const std::filesystem::path& file);

// A backup file brought beside the live database for a restore: its bytes copied (and hashed)
// into a private temporary file, which is then verified, so the file cannot change between the
// check and the restore. Removed when dropped.
class StagedRestore {
public:
    // Refuses a file with a write-ahead log beside it: a live database, not a backup. A copy
    // that passes its check loses its backup mark (the check and SHA-256 are of the bytes as
    // given) and, if older than this program, is migrated here, in `by`'s name, so one that
    // cannot be migrated is refused before the live database is touched.
    StagedRestore(const std::filesystem::path& source, const std::filesystem::path& live,
                  const Opener& by);
    StagedRestore(const StagedRestore&) = delete;
    StagedRestore& operator=(const StagedRestore&) = delete;
    ~StagedRestore();
    // What was checked: the given file's name, its bytes and SHA-256, the verdict on the copy.
    const VerifiedCopy& source() const { return m_source; }
    const std::filesystem::path& staged() const { return m_staged; }

private:
    VerifiedCopy m_source;
    std::filesystem::path m_staged;
};

// Replaces the content of the open database `live` with the staged copy's in one write
// transaction. While that transaction holds the write lock, so that no one else can commit,
// the content being replaced is copied into the new file `keep`; then the copy is brought in,
// `finish` runs (the audit row) and only then does it commit. Any
// failure or crash before the commit leaves `live` as it was and no `keep`.
void restore_database(Database& live, const StagedRestore& staged,
                      const std::filesystem::path& keep, const std::function<void()>& finish);

// For a live file SQLite cannot read or write (a destroyed header; pages that fail
// quick_check): its bytes, with its -wal, are kept as `keep` and the staged copy takes its
// place by rename. No one can be writing to such a file: every write refuses it first.
void replace_damaged_database(const std::filesystem::path& live, const StagedRestore& staged,
                              const std::filesystem::path& keep);

// Whether SQLite can read `path` as a database that passes PRAGMA quick_check; false only for a
// damaged file. Throws StorageError when it cannot tell (busy, I/O error).
bool readable_database(const std::filesystem::path& path);

} // namespace needlebook::storage
