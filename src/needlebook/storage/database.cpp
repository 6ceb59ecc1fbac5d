#include "needlebook/storage/database.hpp"

#include "needlebook/error.hpp"
#include "needlebook/storage/audit_log.hpp"
#include "needlebook/storage/migrations.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace needlebook::storage {
namespace {

// SQLite would create the file with the umask's mode; medical records are 0600 from the start.
void create_private_file(const std::filesystem::path& path) {
    if (path.has_parent_path() && !std::filesystem::exists(path.parent_path())) {
        std::filesystem::create_directories(path.parent_path());
        std::filesystem::permissions(path.parent_path(), std::filesystem::perms::owner_all);
    }
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno != EEXIST)
        throw StorageError(
            fmt::format("cannot create database {}: {}", path.string(), std::strerror(errno)));
    if (fd >= 0)
        ::close(fd);
}

} // namespace

std::string without_check_heading(std::string line) {
    constexpr std::string_view heading = "*** in database main ***";
    if (line.starts_with(heading))
        line.erase(0, line.find_first_not_of('\n', heading.size()));
    return line;
}

Database::Database(std::unique_ptr<SQLite::Database> sql, std::string path)
    : m_sql(std::move(sql)), m_path(std::move(path)) {}

Database Database::open(const std::filesystem::path& path, Create create, const Opener& by) {
    if (create == Create::no && !std::filesystem::exists(path))
        throw NotFound(fmt::format("no database at {}; create it with 'needlebook init' or give "
                                   "--db PATH",
                                   path.string()));
    if (create == Create::yes)
        create_private_file(path);
    try {
        auto sql =
            std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_NOMUTEX,
                                               5000); // one connection per thread
        Database db(std::move(sql), path.string());
        // Read the version before any pragma writes to the file: a newer one is left untouched.
        if (const int version = db.schema_version(); version > latest_schema_version())
            throw StorageError(fmt::format("database {} has schema version {}, newer than this "
                                           "program knows ({}); use a newer needlebook",
                                           path.string(), version, latest_schema_version()));
        if (create == Create::no && db.schema_version() == 0)
            throw NotFound(fmt::format("{} is not a Needlebook database yet; create it with "
                                       "'needlebook init'",
                                       path.string()));
        // Switching the journal mode rewrites the header: a damaged file is refused before.
        if (db.sql().execAndGet("PRAGMA journal_mode").getString() != "wal") {
            db.check_before_first_write();
            db.sql().exec("PRAGMA journal_mode = WAL");
        }
        db.sql().exec("PRAGMA synchronous = FULL");
        db.sql().exec("PRAGMA foreign_keys = ON");
        db.migrate(&by);
        return db;
    } catch (const SQLite::Exception& e) {
        throw StorageError(fmt::format("cannot open database {}: {}", path.string(), e.what()));
    }
}

Database Database::open_read_only(const std::filesystem::path& path) {
    if (!std::filesystem::is_regular_file(path))
        throw NotFound(fmt::format("no database file at {}", path.string()));
    try {
        auto sql = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY, 5000);
        Database db(std::move(sql), path.string());
        if (const int version = db.schema_version(); version > latest_schema_version())
            throw StorageError(fmt::format("database {} has schema version {}, newer than this "
                                           "program knows ({}); use a newer needlebook",
                                           path.string(), version, latest_schema_version()));
        return db;
    } catch (const SQLite::Exception& e) {
        throw StorageError(fmt::format("cannot open database {}: {}", path.string(), e.what()));
    }
}

Database Database::in_memory() {
    auto sql = std::make_unique<SQLite::Database>(":memory:", SQLite::OPEN_READWRITE);
    Database db(std::move(sql), ":memory:");
    db.sql().exec("PRAGMA foreign_keys = ON");
    db.migrate(nullptr);
    return db;
}

int Database::schema_version() {
    return m_sql->execAndGet("PRAGMA user_version").getInt();
}

void Database::migrate(const Opener* by) {
    const int found = schema_version();
    for (const auto& migration : migrations()) {
        if (migration.version <= schema_version())
            continue;
        // The version, the schema change and its audit row commit together or not at all.
        write([&] {
            m_sql->exec(std::string(migration.sql));
            m_sql->exec(fmt::format("PRAGMA user_version = {}", migration.version));
            if (by == nullptr)
                return;
            if (found > 0)
                append_audit(*this, {by->now, by->actor, "schema.migrate", std::nullopt, "",
                                     std::nullopt, std::nullopt,
                                     fmt::format("schema {} -> {} ({})", migration.version - 1,
                                                 migration.version, migration.name)});
            else if (migration.version == latest_schema_version())
                append_audit(*this, {by->now, by->actor, "schema.create", std::nullopt, "",
                                     std::nullopt, std::nullopt,
                                     fmt::format("new database at schema {}", migration.version)});
        });
    }
}

void Database::check_before_first_write() {
    if (m_checked_for_writing || m_path == ":memory:")
        return;
    SQLite::Statement check(*m_sql, "PRAGMA quick_check");
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
    m_checked_for_writing = true;
}

Query Database::query(const std::string& sql) {
    auto& slot = m_statements[sql];
    if (!slot)
        slot = std::make_unique<SQLite::Statement>(*m_sql, sql);
    return Query(*slot);
}

Database::TransactionScope::TransactionScope(Database& db, const char* begin) : m_db(db) {
    if (m_db.m_depth == 0) {
        if (std::string_view(begin) == "BEGIN IMMEDIATE")
            m_db.check_before_first_write();
        m_undo = "ROLLBACK";
        m_db.m_sql->exec(begin);
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
        m_db.m_sql->exec("COMMIT");
    else
        m_db.query(fmt::format("RELEASE {}", m_savepoint))->exec();
    m_done = true;
    --m_db.m_depth;
}

Database::TransactionScope::~TransactionScope() {
    if (m_done)
        return;
    --m_db.m_depth;
    // Rolling back cannot be allowed to throw from a destructor; SQLite undoes the rest itself.
    m_db.m_sql->tryExec(m_undo);
}

} // namespace needlebook::storage
