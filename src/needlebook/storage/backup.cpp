#include "needlebook/storage/backup.hpp"

#include "needlebook/error.hpp"
#include "needlebook/io/atomic_file.hpp"
#include "needlebook/io/file_sync.hpp"
#include "needlebook/io/output_target.hpp"
#include "needlebook/storage/sha256.hpp"

#include <SQLiteCpp/Backup.h>
#include <array>
#include <fmt/format.h>
#include <fstream>
#include <sqlite3.h>

namespace needlebook::storage {
namespace {

namespace fs = std::filesystem;

// Removes a temporary file on every way out but success.
class TemporaryFile {
public:
    explicit TemporaryFile(const fs::path& target) : m_path(io::private_temporary(target)) {}
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    ~TemporaryFile() {
        std::error_code ignored;
        for (const char* suffix : {"", "-journal", "-wal", "-shm"})
            fs::remove(m_path.string() + suffix, ignored);
    }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

// Every page of `from` into `to` in one step: one consistent snapshot of the source.
void copy_pages(SQLite::Database& from, SQLite::Database& to) {
    SQLite::Backup backup(to, from);
    if (const int result = backup.executeStep(-1); result != SQLITE_DONE)
        throw SQLite::Exception("the online backup stopped before the end", result);
}

bool same_file(const fs::path& a, const fs::path& b) {
    std::error_code ignored;
    return fs::equivalent(a, b, ignored);
}

// `file` is `target` with its links followed: named too when it is another name.
void refuse_existing(const fs::path& target, const fs::path& file = {}) {
    std::error_code ignored;
    if (fs::exists(target, ignored))
        throw Conflict(fmt::format("{}{} exists; choose a new file name (for example with the "
                                   "date) or move the old file away",
                                   target.string(),
                                   file.empty() || file == target
                                       ? std::string()
                                       : fmt::format(" (a link to {})", file.string())));
}

// Copies the live file as it is, damaged or not: SQLite page by page when it can still read
// it, else the bytes of the file and its write-ahead log.
void keep_as_it_is(const fs::path& live, const fs::path& keep) {
    TemporaryFile copy(keep);
    try {
        SQLite::Database from(live.string(), SQLite::OPEN_READONLY, 5000);
        SQLite::Database to(copy.path().string(), SQLite::OPEN_READWRITE);
        copy_pages(from, to);
    } catch (const SQLite::Exception&) {
        fs::copy_file(live, copy.path(), fs::copy_options::overwrite_existing);
        if (const fs::path wal = live.string() + "-wal"; fs::exists(wal))
            fs::copy_file(wal, keep.string() + "-wal", fs::copy_options::overwrite_existing);
    }
    io::sync_file(copy.path());
    io::publish_without_replacing(copy.path(), keep);
}

// A FIFO or a device (a pipe to a compressor, /dev/stdout) receives the verified copy's bytes.
void stream_into(const fs::path& copy, const fs::path& target) {
    io::AtomicFile out(target); // written directly: there is nothing to replace
    std::ifstream in(copy, std::ios::binary);
    std::array<char, 1 << 16> block{};
    while (in) {
        in.read(block.data(), block.size());
        out.stream().write(block.data(), in.gcount());
    }
    if (in.bad())
        throw FileError(fmt::format("cannot read the verified copy for {}; it received an "
                                    "incomplete copy",
                                    target.string()));
    out.commit();
}

} // namespace

VerifiedCopy verify_database_file(const fs::path& file) {
    VerifiedCopy result;
    result.file = file;
    {
        auto db = Database::open_read_only(file);
        result.check = verify_database(db);
    }
    result.bytes = fs::file_size(file);
    result.sha256 = sha256_of_file(file);
    return result;
}

VerifiedCopy back_up_database(Database& source, const fs::path& target) {
    if (same_file(source.path(), target))
        throw Conflict(fmt::format("{} is the database itself; give a backup file elsewhere, "
                                   "ideally on another disk",
                                   target.string()));
    const auto output = io::resolve_output(target);
    const bool stream = output.kind == io::OutputKind::stream;
    if (!stream)
        refuse_existing(target, output.path);
    // A FIFO or a device has no folder for the copy: it is made and checked beside the database.
    TemporaryFile copy(stream ? fs::path(source.path()) : output.path);
    try {
        SQLite::Database to(copy.path().string(), SQLite::OPEN_READWRITE);
        copy_pages(source.sql(), to);
        // A backup is one self-contained file: no -wal beside it to lose on the way.
        to.exec("PRAGMA journal_mode = DELETE");
    } catch (const SQLite::Exception& e) {
        throw StorageError(fmt::format("backup to {} failed: {}; nothing was saved under that "
                                       "name",
                                       target.string(), e.what()));
    }
    io::sync_file(copy.path());
    auto result = verify_database_file(copy.path());
    if (!result.check.ok())
        throw StorageError(fmt::format("the backup copy failed its check ({}); nothing was "
                                       "saved as {}. The database itself may be damaged: run "
                                       "'needlebook check'",
                                       result.check.first_fault(), target.string()));
    if (stream)
        stream_into(copy.path(), target);
    else
        io::publish_without_replacing(copy.path(), output.path); // a link's target, when new
    result.file = target;
    return result;
}

void replace_database(const fs::path& live, const VerifiedCopy& source, const fs::path& keep) {
    if (same_file(live, source.file))
        throw Conflict(
            fmt::format("{} is the database itself; give a backup file", source.file.string()));
    std::error_code ignored;
    if (!fs::exists(live, ignored)) {
        // Nothing to keep: the verified file becomes the database under its name.
        TemporaryFile copy(live);
        fs::copy_file(source.file, copy.path(), fs::copy_options::overwrite_existing);
        io::sync_file(copy.path());
        io::publish_without_replacing(copy.path(), live);
        return;
    }
    refuse_existing(keep);
    keep_as_it_is(live, keep);
    try {
        SQLite::Database from(source.file.string(), SQLite::OPEN_READONLY, 5000);
        SQLite::Database to(live.string(), SQLite::OPEN_READWRITE, 5000);
        copy_pages(from, to);
    } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() == SQLITE_NOTADB || e.getErrorCode() == SQLITE_CORRUPT) {
            // SQLite cannot lock a file whose header is destroyed: replace the file itself.
            TemporaryFile copy(live);
            fs::copy_file(source.file, copy.path(), fs::copy_options::overwrite_existing);
            io::sync_file(copy.path());
            fs::rename(copy.path(), live);
            for (const char* suffix : {"-wal", "-shm"})
                fs::remove(live.string() + suffix, ignored);
            io::sync_folder(io::folder_of(live));
            return;
        }
        throw StorageError(fmt::format("restoring {} into {} failed: {}; the database is as it "
                                       "was, and a copy of it is kept as {}",
                                       source.file.string(), live.string(), e.what(),
                                       keep.string()));
    }
}

} // namespace needlebook::storage
