#include "needlebook/storage/backup.hpp"

#include "needlebook/storage/sqlite_connection.hpp"

#include "needlebook/error.hpp"
#include "needlebook/io/atomic_file.hpp"
#include "needlebook/io/file_sync.hpp"
#include "needlebook/io/output_target.hpp"
#include "needlebook/storage/clinic_copy.hpp"
#include "needlebook/storage/photo_backup.hpp"
#include "needlebook/storage/photo_store.hpp"
#include "needlebook/storage/sha256.hpp"

#include <SQLiteCpp/Backup.h>
#include <array>
#include <fmt/format.h>
#include <fstream>
#include <sqlite3.h>
#include <sys/stat.h>
#include <vector>

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

// The staged copy of a backup becomes a live database: its backup mark goes (after its check
// and SHA-256 were taken on the bytes as given), so it can be migrated and written to.
void clear_backup_mark(const fs::path& file) {
    SQLite::Database sql(file.string(), SQLite::OPEN_READWRITE, 5000);
    if (sql.execAndGet("PRAGMA application_id").getInt() == backup_application_id)
        sql.exec("PRAGMA application_id = 0");
}

// A clinic on a server is backed up as a SQLite file, row by row as `copy` moves it (one
// snapshot of the server), so the same file restores into a file or, with copy, onto a server.
void copy_from_server(Database& source, const fs::path& file) {
    auto copy = Database::open(file, Database::Create::yes);
    source.read([&] { copy.write([&] { replace_seeded_content(source, copy); }); });
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
        try {
            result.head = chain_head(db);
        } catch (const DatabaseFailure&) {
            // a file too damaged to read its trail: its check says so
        }
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
    // (A server's clinic is made in the working folder.)
    TemporaryFile copy(!stream              ? output.path
                       : source.on_server() ? fs::current_path() / "needlebook-backup"
                                            : fs::path(source.path()));
    try {
        if (source.on_server())
            copy_from_server(source, copy.path());
        SQLite::Database to(copy.path().string(), SQLite::OPEN_READWRITE);
        if (!source.on_server())
            copy_pages(sqlite_of(source), to);
        // A backup is one self-contained file: no -wal beside it to lose on the way.
        to.exec("PRAGMA journal_mode = DELETE");
        // Marked as a backup, before it is checked and hashed: Database::open then reads it
        // without changing a byte.
        to.exec(fmt::format("PRAGMA application_id = {}", backup_application_id));
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
    // The images go beside a backup file, into "<file>.photos/", from the photo store or (on a
    // server) photo_image; for a stream they are only verified, to be copied apart (a copy into
    // the store itself copies nothing).
    CopiedPhotos photos;
    {
        const auto store = image_store_of(source);
        auto copied = Database::open_read_only(copy.path());
        const PhotoStore beside(output.path);
        photos =
            copy_photos(copied, *store, stream ? *store : static_cast<const ImageStore&>(beside));
    }
    if (stream && source.on_server() && photos.images > 0)
        throw Refused(fmt::format("{} has {} photo images, which a stream cannot carry beside it; "
                                  "back up to a file, which gets them in FILE.photos/; nothing "
                                  "was written",
                                  source.path(), photos.images));
    result.photos = photos.images;
    result.photos_streamed = stream;
    if (stream)
        stream_into(copy.path(), target);
    else
        io::publish_without_replacing(copy.path(), output.path); // a link's target, when new
    photos.keep();
    result.file = target;
    return result;
}

namespace {

// SQLite switches foreign keys only outside a transaction: off while every table is dropped and
// copied back, then checked once over the whole copy.
class ForeignKeysOff {
public:
    explicit ForeignKeysOff(SQLite::Database& sql) : m_sql(sql) {
        m_sql.exec("PRAGMA foreign_keys = OFF");
    }
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;
    ~ForeignKeysOff() { m_sql.tryExec("PRAGMA foreign_keys = ON"); }

private:
    SQLite::Database& m_sql;
};

constexpr const char* staged_schema = "restore_source";

class AttachedSource {
public:
    AttachedSource(SQLite::Database& sql, const fs::path& file) : m_sql(sql) {
        SQLite::Statement attach(m_sql, fmt::format("ATTACH DATABASE ? AS {}", staged_schema));
        attach.bind(1, file.string());
        attach.exec();
    }
    AttachedSource(const AttachedSource&) = delete;
    AttachedSource& operator=(const AttachedSource&) = delete;
    ~AttachedSource() { m_sql.tryExec(fmt::format("DETACH DATABASE {}", staged_schema)); }

private:
    SQLite::Database& m_sql;
};

std::string quoted(const std::string& name) {
    std::string result = "\"";
    for (const char c : name)
        result += c == '"' ? std::string("\"\"") : std::string(1, c);
    return result + '"';
}

struct SchemaObject {
    std::string type, name, sql;
};

std::vector<SchemaObject> schema_objects(SQLite::Database& sql, std::string_view schema) {
    SQLite::Statement query(sql, fmt::format("SELECT type, name, coalesce(sql, '') FROM "
                                             "{}.sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' "
                                             "ESCAPE '\\' ORDER BY rowid",
                                             schema));
    std::vector<SchemaObject> objects;
    while (query.executeStep())
        objects.push_back({query.getColumn(0).getString(), query.getColumn(1).getString(),
                           query.getColumn(2).getString()});
    return objects;
}

// Inside the caller's write transaction: every table, index, view and trigger of main is
// dropped and made again from the attached copy, rows and user_version included.
void replace_content(SQLite::Database& sql) {
    const auto old_objects = schema_objects(sql, "main");
    for (const char* type : {"trigger", "view", "table"})
        for (const auto& object : old_objects)
            if (object.type == type)
                sql.exec(fmt::format("DROP {} main.{}", type, quoted(object.name)));
    const auto new_objects = schema_objects(sql, staged_schema);
    // Rows go in before indexes and triggers exist: faster, and no trigger fires on the copy.
    for (const auto& object : new_objects)
        if (object.type == "table") {
            sql.exec(object.sql);
            sql.exec(fmt::format("INSERT INTO main.{0} SELECT * FROM {1}.{0}", quoted(object.name),
                                 staged_schema));
        }
    for (const auto& object : new_objects)
        if (object.type != "table" && !object.sql.empty())
            sql.exec(object.sql);
    if (sql.tableExists("sqlite_sequence")) {
        sql.exec("DELETE FROM main.sqlite_sequence");
        sql.exec(fmt::format("INSERT INTO main.sqlite_sequence SELECT * FROM {}.sqlite_sequence",
                             staged_schema));
    }
    const int version =
        sql.execAndGet(fmt::format("PRAGMA {}.user_version", staged_schema)).getInt();
    sql.exec(fmt::format("PRAGMA main.user_version = {}", version));
    SQLite::Statement foreign_keys(sql, "PRAGMA main.foreign_key_check");
    if (foreign_keys.executeStep())
        throw StorageError(fmt::format("the restored copy's {} row {} refers to a row that does "
                                       "not exist",
                                       foreign_keys.getColumn(0).getString(),
                                       foreign_keys.getColumn(1).getString()));
}

// Bytes 18 and 19 of an SQLite header are 2 in WAL mode, 1 with a rollback journal.
bool in_wal_mode(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::array<char, 20> header{};
    in.read(header.data(), header.size());
    return in.gcount() == 20 && (header[18] == 2 || header[19] == 2);
}

} // namespace

StagedRestore::StagedRestore(const fs::path& source, const fs::path& live, const Opener& by)
    : m_staged(io::private_temporary(live.string() + ".restoring")) {
    try {
        std::error_code ignored;
        if (!fs::is_regular_file(source, ignored))
            throw NotFound(fmt::format("no backup file at {}", source.string()));
        if (const fs::path wal = source.string() + "-wal";
            fs::file_size(wal, ignored) > 0 && !ignored)
            throw Refused(fmt::format(
                "{} has a write-ahead log beside it ({}): it is a database in use, not a "
                "backup. Make a backup of it with 'needlebook --db {} backup NEW_FILE' and "
                "restore that; nothing was changed",
                source.string(), wal.string(), source.string()));
        fs::copy_file(source, m_staged, fs::copy_options::overwrite_existing);
        fs::permissions(m_staged, fs::perms::owner_read | fs::perms::owner_write);
        // A backup is a single-file journal; a file in WAL mode is a database in use, perhaps
        // through a link whose -wal (holding its newest commits) is under another name.
        if (in_wal_mode(m_staged))
            throw Refused(fmt::format(
                "{} is a database in write-ahead-log mode, in use and perhaps newer than its "
                "file shows, not a backup. Make a backup of it with 'needlebook --db {} backup "
                "NEW_FILE' and restore that; nothing was changed",
                source.string(), source.string()));
        io::sync_file(m_staged);
        m_source = verify_database_file(m_staged);
        m_source.file = source;
        if (m_source.check.ok()) {
            clear_backup_mark(m_staged);
            try {
                Database::open(m_staged, Database::Create::no, by); // migrates an older copy
            } catch (const StorageError& e) {
                throw Refused(fmt::format("{} passed its check but cannot be brought to this "
                                          "program's schema ({}); nothing was restored and the "
                                          "database is unchanged",
                                          source.string(), e.what()));
            }
        }
    } catch (...) {
        std::error_code ignored;
        fs::remove(m_staged, ignored);
        throw;
    }
}

StagedRestore::~StagedRestore() {
    std::error_code ignored;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"})
        fs::remove(m_staged.string() + suffix, ignored);
}

void restore_database(Database& live, const StagedRestore& staged, const fs::path& keep,
                      const std::function<void()>& finish) {
    if (same_file(live.path(), staged.source().file))
        throw Conflict(fmt::format("{} is the database itself; give a backup file",
                                   staged.source().file.string()));
    refuse_existing(keep);
    bool published = false;
    try {
        ForeignKeysOff foreign_keys(sqlite_of(live));
        AttachedSource source(sqlite_of(live), staged.staged());
        TemporaryFile kept(keep);
        live.write([&] {
            // BEGIN IMMEDIATE holds the write lock from here: what is kept is the last commit.
            {
                SQLite::Database reader(live.path(), SQLite::OPEN_READONLY, 5000);
                SQLite::Database to(kept.path().string(), SQLite::OPEN_READWRITE);
                copy_pages(reader, to);
                to.exec("PRAGMA journal_mode = DELETE"); // one self-contained file
            }
            replace_content(sqlite_of(live));
            finish();
            io::sync_file(kept.path());
            io::publish_without_replacing(kept.path(), keep);
            published = true;
        });
    } catch (...) {
        std::error_code ignored;
        if (published) // the commit failed: the live database is as it was
            fs::remove(keep, ignored);
        throw;
    }
    ::chmod(live.path().c_str(), 0600);
}

void replace_damaged_database(const fs::path& live, const StagedRestore& staged,
                              const fs::path& keep) {
    std::error_code ignored;
    if (fs::exists(live, ignored)) {
        refuse_existing(keep);
        keep_as_it_is(live, keep);
    }
    TemporaryFile copy(live);
    fs::copy_file(staged.staged(), copy.path(), fs::copy_options::overwrite_existing);
    fs::permissions(copy.path(), fs::perms::owner_read | fs::perms::owner_write);
    io::sync_file(copy.path());
    fs::rename(copy.path(), live);
    for (const char* suffix : {"-wal", "-shm"})
        fs::remove(live.string() + suffix, ignored);
    io::sync_folder(io::folder_of(live));
}

bool readable_database(const fs::path& path) {
    try {
        SQLite::Database probe(path.string(), SQLite::OPEN_READONLY, 5000);
        sqlite3_db_config(probe.getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
        return probe.execAndGet("PRAGMA quick_check").getString() == "ok";
    } catch (const SQLite::Exception& e) {
        // Only a damaged file is unreadable. A busy one is in use: replacing it by rename would
        // lose what its writers commit to the old file, so that is a failure, not damage.
        if (e.getErrorCode() == SQLITE_NOTADB || e.getErrorCode() == SQLITE_CORRUPT)
            return false;
        throw StorageError(describe_failure(failure_of(e), path.string()));
    }
}

} // namespace needlebook::storage
