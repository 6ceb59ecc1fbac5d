#include "needlebook/storage/database.hpp"

#include "needlebook/error.hpp"
#include "needlebook/io/undo_creation.hpp"
#include "needlebook/storage/audit_log.hpp"
#include "needlebook/storage/migrations.hpp"
#include "needlebook/storage/server_roles.hpp"
#include "needlebook/storage/sqlite_connection.hpp"
#include "needlebook/storage/text_functions.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <utility>
#include <vector>

namespace needlebook::storage {
namespace {

// Before SQLite's first use (a static initializer: nothing else calls SQLite before main).
// Counting every allocation takes a process-wide mutex on each malloc and free; two threads
// (check's second connection) contended for it, and nothing here reads the counts.
const bool sqlite_configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
}();

// SQLite would create the file with the umask's mode; medical records are 0600 from the start.
void create_private_file(const std::filesystem::path& path) {
    if (path.has_parent_path()) // every folder it makes is 0700, not only the last one
        io::make_private_folders(path.parent_path());
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST)
        throw StorageError(
            fmt::format("cannot create database {}: {}", path.string(), std::strerror(errno)));
    if (fd >= 0)
        ::close(fd);
}

} // namespace

namespace {

struct NewerSchema : StorageError {
    using StorageError::StorageError;
};

// A backup opened to be created or migrated.
struct BackupRefused : Refused {
    using Refused::Refused;
};

// A refused file is left as found: no -wal or -shm of ours beside it. They are removed only if
// this open created them, when no other connection can have been using them.
class NewLogSweeper {
public:
    explicit NewLogSweeper(const std::filesystem::path& path)
        : m_wal(path.string() + "-wal"), m_shm(path.string() + "-shm"),
          m_had_log(std::filesystem::exists(m_wal) || std::filesystem::exists(m_shm)) {}
    void sweep() const {
        std::error_code ignored;
        if (!m_had_log && std::filesystem::file_size(m_wal, ignored) == 0) {
            std::filesystem::remove(m_wal, ignored);
            std::filesystem::remove(m_shm, ignored);
        }
    }

private:
    std::string m_wal, m_shm;
    bool m_had_log;
};

// What a write to a backup, and opening one to create or migrate it, is told.
std::string backup_refusal(const std::string& path) {
    return fmt::format("{0} is a backup made by 'needlebook backup' and is opened read-only; "
                       "nothing was changed. To bring it back: 'needlebook restore {0}'; to "
                       "work on a copy of it: 'needlebook --db NEW_FILE restore {0}'",
                       path);
}

void refuse_newer(Database& db, const std::filesystem::path& path) {
    if (const int version = db.schema_version(); version > latest_schema_version())
        throw NewerSchema(fmt::format("database {} has schema version {}, newer than this program "
                                      "knows ({}); use a newer needlebook",
                                      path.string(), version, latest_schema_version()));
}

// SQLite reports a full disk as an I/O error when it fails to grow the -shm or to sync: ask the
// file system.
bool disk_nearly_full(const std::string& path) {
    struct statvfs space {};
    const auto folder = std::filesystem::path(path).parent_path();
    if (::statvfs(folder.empty() ? "." : folder.c_str(), &space) != 0)
        return false;
    return static_cast<unsigned long long>(space.f_bavail) * space.f_frsize < (1ULL << 20);
}

} // namespace

std::string describe_failure(const DatabaseFailure& e, const std::string& path) {
    const auto kind = e.kind();
    if (kind == FailureKind::disk_full ||
        ((kind == FailureKind::io_error || kind == FailureKind::cannot_open) &&
         disk_nearly_full(path)))
        return fmt::format("the disk holding {} is full ({}); nothing was changed. Free some "
                           "space and try again",
                           path, e.what());
    switch (kind) {
    case FailureKind::io_error:
        return fmt::format("the disk holding {} reported an I/O error ({}); nothing was changed. "
                           "Check the disk, then run 'needlebook check'",
                           path, e.what());
    case FailureKind::busy:
        return fmt::format("{} stayed busy for more than {} seconds ({}): another program is "
                           "writing to it. Nothing was stored; try again",
                           path, busy_wait_limit.count(), e.what());
    case FailureKind::not_a_database:
        return fmt::format("{} is not a database file ({}); give the clinic's database with --db",
                           path, e.what());
    case FailureKind::cannot_open:
        return fmt::format("cannot open database {}: {}", path, e.what());
    case FailureKind::connection:
        return fmt::format("cannot reach the database server {} ({}); nothing was changed. Check "
                           "that the server runs and that --db or NEEDLEBOOK_DB names it",
                           path, e.what());
    case FailureKind::denied:
        if (const auto needed = explain_denied(e.what()))
            return fmt::format("the database server {} refused this: {}; nothing was changed", path,
                               *needed);
        return fmt::format("the database server {} refused this ({}); nothing was changed. Your "
                           "database role is not allowed to do it",
                           path, e.what());
    case FailureKind::damaged:
        return fmt::format("{} is damaged ({}); nothing was changed. Run 'needlebook check' and "
                           "restore the latest backup with 'needlebook restore FILE'",
                           path, e.what());
    default:
        return fmt::format("database {}: {}", path, e.what());
    }
}

std::optional<std::string> describe_database_failure(const std::exception& e,
                                                     const std::string& path) {
    if (const auto* failed = dynamic_cast<const DatabaseFailure*>(&e))
        return describe_failure(*failed, path);
    if (const auto* failed = dynamic_cast<const SQLite::Exception*>(&e))
        return describe_failure(failure_of(*failed), path);
    return std::nullopt;
}

std::string without_check_heading(std::string line) {
    constexpr std::string_view heading = "*** in database main ***";
    if (line.starts_with(heading))
        line.erase(0, line.find_first_not_of('\n', heading.size()));
    return line;
}

Database::Database(std::unique_ptr<Connection> connection, std::string path)
    : m_connection(std::move(connection)), m_path(std::move(path)) {}

namespace {

// A SQLite connection with needlebook_fold() for name searches.
std::unique_ptr<Connection> sqlite_connection(std::unique_ptr<SQLite::Database> sql) {
    register_text_functions(*sql);
    return std::make_unique<SqliteConnection>(std::move(sql));
}

} // namespace

Database Database::open(const std::filesystem::path& path, Create create, const Opener& by) {
    if (is_server_target(path.string()))
        return open_server(path.string(), create, by);
    if (create == Create::no && !std::filesystem::exists(path))
        throw NotFound(fmt::format("no database at {}; create it with 'needlebook init' or give "
                                   "--db PATH",
                                   path.string()));
    if (create == Create::yes)
        create_private_file(path);
    const NewLogSweeper new_log(path);
    try {
        auto sql =
            std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX,
                                               5000); // one connection per thread
        // Closing would checkpoint a WAL left by a newer program into the file; not before the
        // version is known to be ours.
        sqlite3_db_config(sql->getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
        Database db(sqlite_connection(std::move(sql)), path.string());
        auto& sqlite = sqlite_of(db);
        // Read the version before any pragma writes to the file: a newer one is left untouched.
        refuse_newer(db, path);
        if (create == Create::no && db.schema_version() == 0)
            throw NotFound(fmt::format("{} is not a Needlebook database yet; create it with "
                                       "'needlebook init'",
                                       path.string()));
        if (sqlite.execAndGet("PRAGMA application_id").getInt() == backup_application_id) {
            // A frozen copy: read as it is, with no checkpoint on close (set above).
            if (create == Create::yes)
                throw BackupRefused(backup_refusal(path.string()));
            if (const int version = db.schema_version(); version < latest_schema_version())
                throw BackupRefused(fmt::format(
                    "{0} is a backup at schema version {1}, older than this program's ({2}); a "
                    "backup is opened read-only, never migrated, so nothing was changed. "
                    "'needlebook --db {0} check' checks it as it is; to read it, restore it "
                    "into a new file: 'needlebook --db NEW_FILE restore {0}'",
                    path.string(), version, latest_schema_version()));
            sqlite.exec("PRAGMA query_only = ON");
            sqlite.exec("PRAGMA foreign_keys = ON");
            db.m_backup = true;
            return db;
        }
        sqlite3_db_config(sqlite.getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, nullptr);
        // Switching the journal mode rewrites the header: a damaged file is refused before.
        if (sqlite.execAndGet("PRAGMA journal_mode").getString() != "wal") {
            db.check_whole_file(); // once in the file's life: it came from elsewhere
            sqlite.exec("PRAGMA journal_mode = WAL");
        }
        sqlite.exec("PRAGMA synchronous = FULL");
        sqlite.exec("PRAGMA foreign_keys = ON");
        sqlite.exec("PRAGMA cell_size_check = ON");
        db.migrate(&by);
        return db;
    } catch (const NewerSchema& e) {
        new_log.sweep(); // the connection is closed by now
        throw;
    } catch (const BackupRefused&) {
        new_log.sweep(); // left as found
        throw;
    } catch (const SQLite::Exception& e) {
        throw StorageError(describe_failure(failure_of(e), path.string()));
    } catch (const DatabaseFailure& e) {
        throw StorageError(describe_failure(e, path.string()));
    }
}

std::optional<int> Database::schema_version_of(const std::filesystem::path& path) {
    if (!std::filesystem::is_regular_file(path))
        return std::nullopt;
    const NewLogSweeper new_log(path);
    std::optional<int> version;
    try {
        SQLite::Database probe(path, SQLite::OPEN_READONLY, 5000);
        sqlite3_db_config(probe.getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
        version = probe.execAndGet("PRAGMA user_version").getInt();
    } catch (const SQLite::Exception&) {
        // unreadable: the caller decides what a damaged file means
    }
    // Only a newer program's file, which this program refuses, is left as found. Our own may be
    // in use: a -wal another process made after the sweeper looked would be deleted under it,
    // with the commits it is about to hold (restore lost confirmed writes that way).
    if (version && *version > latest_schema_version())
        new_log.sweep();
    return version;
}

Database Database::open_read_only(const std::filesystem::path& path) {
    if (is_server_target(path.string()))
        return open_server_read_only(path.string());
    if (!std::filesystem::is_regular_file(path))
        throw NotFound(fmt::format("no database file at {}", path.string()));
    const NewLogSweeper new_log(path);
    try {
        // Read-write only so that SQLite can roll back a crashed transaction's hot journal
        // (recovery, not a change); query_only refuses every write of ours.
        const bool writable = ::access(path.c_str(), W_OK) == 0;
        auto sql = std::make_unique<SQLite::Database>(
            path,
            (writable ? SQLite::OPEN_READWRITE : SQLite::OPEN_READONLY) | SQLite::OPEN_NOMUTEX,
            5000); // one connection per thread
        sqlite3_db_config(sql->getHandle(), SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, nullptr);
        sql->exec("PRAGMA query_only = ON");
        Database db(sqlite_connection(std::move(sql)), path.string());
        refuse_newer(db, path);
        return db;
    } catch (const NewerSchema&) {
        new_log.sweep(); // the connection is closed by now
        throw;
    } catch (const SQLite::Exception& e) {
        throw StorageError(describe_failure(failure_of(e), path.string()));
    } catch (const DatabaseFailure& e) {
        throw StorageError(describe_failure(e, path.string()));
    }
}

Database Database::in_memory() {
    auto sql = std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE);
    Database db(sqlite_connection(std::move(sql)), ":memory:");
    db.exec("PRAGMA foreign_keys = ON");
    db.migrate(nullptr);
    return db;
}

int Database::schema_version() {
    if (m_on_server) {
        if (!m_connection->has_table("needlebook_schema"))
            return 0;
        auto version = m_connection->prepare("SELECT version FROM needlebook_schema");
        return version->step() ? version->column(0).as_int() : 0;
    }
    return sqlite_of(*this).execAndGet("PRAGMA user_version").getInt();
}

void Database::migrate(const Opener* by) {
    if (schema_version() >= latest_schema_version())
        return;
    // A scratch database (no opener) is not audited; its seeded setting revisions get a fixed
    // time, so two built alike are alike row for row.
    const Opener unnamed{"needlebook", time::Instant{}, false};
    const Opener& who = by != nullptr ? *by : unnamed;
    m_clock_fixed = who.clock_fixed;
    // A migration may rebuild a table that others refer to, which SQLite allows only with
    // foreign keys off (switched outside a transaction); they are all checked before the commit.
    // PostgreSQL defers its (deferrable) keys to the commit instead, inside the transaction.
    if (!m_on_server)
        m_connection->exec("PRAGMA foreign_keys = OFF");
    try {
        // Every pending migration, the version and its audit rows commit together or not at
        // all, so a crash leaves the old version whole; the rows are written in the newest schema.
        write([&] {
            // Read again under the write lock: another workstation may have migrated meanwhile.
            const int found = schema_version();
            if (found >= latest_schema_version())
                return;
            if (m_on_server)
                m_connection->exec("SET CONSTRAINTS ALL DEFERRED");
            const std::string_view temp = m_on_server ? "pg_temp" : "temp";
            m_connection->exec("CREATE TEMP TABLE migration_context (now TEXT NOT NULL, actor TEXT "
                               "NOT NULL)");
            auto context = m_connection->prepare(
                fmt::format("INSERT INTO {}.migration_context VALUES (:now, :actor)", temp));
            context->bind(":now", time::format_utc(who.now));
            context->bind(":actor", who.actor);
            context->exec();
            std::vector<std::string> applied;
            for (const auto& migration : m_on_server ? postgres_migrations() : migrations()) {
                if (migration.version <= found)
                    continue;
                m_connection->exec(migration.sql);
                m_connection->exec(fmt::format(
                    fmt::runtime(m_on_server ? "UPDATE needlebook_schema SET version = {}"
                                             : "PRAGMA user_version = {}"),
                    migration.version));
                applied.emplace_back(migration.name);
            }
            if (m_on_server) // a table a migration added gets its grants in the same commit
                m_connection->exec(grant_roles_sql());
            m_connection->exec(fmt::format("DROP TABLE {}.migration_context", temp));
            if (!m_on_server) {
                auto orphans = m_connection->prepare("PRAGMA foreign_key_check");
                if (orphans->step())
                    throw StorageError(fmt::format(
                        "migrating {} would leave {} row {} referring to a missing "
                        "row; nothing was changed",
                        m_path, orphans->column(0).as_text(), orphans->column(1).as_text()));
            }
            if (by == nullptr)
                return;
            const int now = latest_schema_version();
            append_audit(*this,
                         {.at = who.now,
                          .actor = who.actor,
                          .action = found == 0 ? "schema.create" : "schema.migrate",
                          .reason = found == 0 ? fmt::format("new database at schema {}", now)
                                               : fmt::format("schema {} -> {} ({})", found, now,
                                                             fmt::join(applied, ", "))});
            // Settings and catalogue products the schema seeded are records like any other.
            audit_unaudited_catalogue(*this, who.now, who.actor);
        });
    } catch (...) {
        if (!m_on_server)
            m_connection->try_exec("PRAGMA foreign_keys = ON");
        throw;
    }
    if (!m_on_server)
        m_connection->exec("PRAGMA foreign_keys = ON");
    // Statements prepared before the migration may name tables it rebuilt.
    m_statements.clear();
}

void Database::leave_out_audit_row() {
    m_audit_left_out = true;
    if (m_depth == 0 && m_unaudited_notice) // not in a transaction: nothing left to commit
        std::exchange(m_unaudited_notice, nullptr)();
}

void Database::rethrow_write_to_backup() const {
    // query_only refuses a write with SQLITE_READONLY, through a Statement or through the
    // SQLite handle the SQLite-only code (restore) uses.
    const auto write_refused = [&](FailureKind kind) {
        if (m_backup && kind == FailureKind::read_only)
            throw Refused(backup_refusal(m_path));
    };
    try {
        throw;
    } catch (const DatabaseFailure& e) {
        write_refused(e.kind());
        throw;
    } catch (const SQLite::Exception& e) {
        write_refused(failure_of(e).kind());
        throw;
    }
}

void Database::check_before_first_write() {
    // A server checks its own pages; this is about a SQLite file's header.
    if (m_checked_for_writing || m_path == ":memory:" || m_on_server)
        return;
    // Every page a write reads is checked as it is read (cell_size_check, set at open), and a
    // damaged one fails the write with SQLITE_CORRUPT before anything commits. The whole file
    // is verified where a full pass belongs: check, backup, restore, seal and the first switch
    // to WAL; a quick_check here grew with the clinic (about 1 s at 20,000 patients).
    auto& sqlite = sqlite_of(*this);
    const auto page_count = sqlite.execAndGet("PRAGMA page_count").getInt64();
    const auto free_pages = sqlite.execAndGet("PRAGMA freelist_count").getInt64();
    if (page_count <= 0 || free_pages < 0 || free_pages >= page_count)
        throw StorageError(fmt::format("database {} is damaged (its header counts {} pages, {} "
                                       "of them free); nothing was written to it. Run "
                                       "'needlebook check' for details and restore the latest "
                                       "backup with 'needlebook restore FILE'",
                                       m_path, page_count, free_pages));
    m_checked_for_writing = true;
}

void Database::check_whole_file() {
    SQLite::Statement check(sqlite_of(*this), "PRAGMA quick_check");
    std::string first_problem = "ok";
    while (check.executeStep()) {
        first_problem = without_check_heading(check.getColumn(0).getString());
        first_problem = first_problem.substr(0, first_problem.find('\n'));
        if (!first_problem.empty())
            break;
    }
    if (first_problem != "ok")
        throw StorageError(fmt::format("database {} is damaged ({}); nothing was written to it. "
                                       "Run 'needlebook check' for details and restore the "
                                       "latest backup with 'needlebook restore FILE'",
                                       m_path, first_problem));
}

void Database::keep_journals_in_memory() {
    if (m_depth == 0 && !m_on_server) // SQLite refuses to switch it inside a transaction
        m_connection->exec("PRAGMA temp_store = MEMORY");
}

void Database::refresh_statistics() {
    if (m_on_server && m_depth == 0)
        m_connection->exec("ANALYZE");
}

void Database::use_large_page_cache() {
    if (m_on_server) // the server sizes its own shared buffers
        return;
    m_connection->exec(
        "PRAGMA cache_size = -65536"); // KiB; pages are allocated only as they are used
}

void Database::use_small_page_cache() {
    if (m_on_server)
        return;
    m_connection->exec("PRAGMA cache_size = -1024"); // KiB
}

Query Database::query(const std::string& sql) {
    auto& slot = m_statements[sql];
    if (!slot)
        slot = m_connection->prepare(sql);
    return Query(*slot);
}

Database::TransactionScope::TransactionScope(Database& db, TransactionKind kind) : m_db(db) {
    if (m_db.m_depth == 0) {
        // A backup takes no write lock (query_only refuses BEGIN IMMEDIATE): the transaction
        // reads, and its first write is refused.
        if (kind == TransactionKind::write && m_db.m_backup)
            kind = TransactionKind::read;
        else if (kind == TransactionKind::write)
            m_db.check_before_first_write();
        m_db.m_audit_left_out = false;
        m_db.m_connection->begin(kind);
    } else {
        // Cached statements: a demo clinic opens hundreds of thousands of savepoints.
        m_savepoint = fmt::format("nested_{}", m_db.m_depth);
        m_undo = fmt::format("ROLLBACK TO {0}; RELEASE {0}", m_savepoint);
        m_db.query(fmt::format("SAVEPOINT {}", m_savepoint))->exec();
    }
    ++m_db.m_depth;
}

void Database::TransactionScope::commit() {
    if (m_savepoint.empty())
        m_db.m_connection->commit();
    else
        m_db.query(fmt::format("RELEASE {}", m_savepoint))->exec();
    m_done = true;
    --m_db.m_depth;
    // Said once the read went through, not for a command refused half way.
    if (m_db.m_depth == 0 && m_db.m_audit_left_out && m_db.m_unaudited_notice)
        std::exchange(m_db.m_unaudited_notice, nullptr)();
}

Database::TransactionScope::~TransactionScope() {
    if (m_done)
        return;
    --m_db.m_depth;
    // Rolling back cannot be allowed to throw from a destructor; the engine undoes the rest.
    if (m_savepoint.empty())
        m_db.m_connection->rollback();
    else
        m_db.m_connection->try_exec(m_undo);
}

} // namespace needlebook::storage
