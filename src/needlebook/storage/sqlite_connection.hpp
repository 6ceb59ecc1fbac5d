#pragma once
// The SQLite engine behind storage::Connection. Only storage/ includes this header: the code that
// is SQLite's alone (pragmas, the backup API, integrity checks) reaches the handle through it.

#include "needlebook/storage/connection.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <chrono>
#include <memory>

namespace needlebook::storage {

class Database;

// What a failed SQLite call means (its primary result code), with SQLite's message.
DatabaseFailure failure_of(const SQLite::Exception& e);

class SqliteConnection final : public Connection {
public:
    // Waits for another connection's lock as wait_while_busy says (replacing the handle's busy
    // timeout).
    explicit SqliteConnection(std::unique_ptr<SQLite::Database> sql);
    SqliteConnection(const SqliteConnection&) = delete; // the handler holds &m_busy_since
    SqliteConnection& operator=(const SqliteConnection&) = delete;
    SQLite::Database& sql() { return *m_sql; }

    std::unique_ptr<Statement> prepare(std::string_view sql) override;
    void exec(std::string_view sql) override;
    void try_exec(std::string_view sql) noexcept override;
    bool has_table(std::string_view name) override;
    std::vector<std::string> table_names() override;
    void with_triggers_off(const std::function<void()>& work) override;
    // BEGIN IMMEDIATE takes the write lock at once: a deferred transaction that reads first can
    // fail with SQLITE_BUSY when it comes to write under concurrent writers.
    void begin(TransactionKind kind) override;
    void commit() override;
    void rollback() noexcept override;

private:
    std::chrono::steady_clock::time_point m_busy_since; // when the current wait began
    std::unique_ptr<SQLite::Database> m_sql;            // closed before m_busy_since goes
};

// SQLite's busy handler of every connection: `since` points at when the current wait began (set
// at try 0). 1 (try again, after a millisecond) until busy_wait_limit has passed, then 0 (give up:
// the database is busy). Exposed for its test.
int wait_while_busy(void* since, int tries);

// The SQLite handle of a database opened on SQLite; a logic error on any other engine (the
// callers are the SQLite-only parts of storage/).
SQLite::Database& sqlite_of(Database& db);

} // namespace needlebook::storage
