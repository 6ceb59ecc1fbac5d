#include "needlebook/storage/sqlite_connection.hpp"

#include "needlebook/error.hpp"
#include "needlebook/storage/database.hpp"

#include <fmt/format.h>

#include <sqlite3.h>
#include <thread>

namespace needlebook::storage {
namespace {

FailureKind kind_of(int code) {
    switch (code & 0xff) { // the primary code: extended codes share its low byte
    case SQLITE_FULL:
        return FailureKind::disk_full;
    case SQLITE_IOERR:
        return FailureKind::io_error;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return FailureKind::busy;
    case SQLITE_NOTADB:
        return FailureKind::not_a_database;
    case SQLITE_CANTOPEN:
        return FailureKind::cannot_open;
    case SQLITE_CORRUPT:
        return FailureKind::damaged;
    case SQLITE_READONLY:
        return FailureKind::read_only;
    case SQLITE_CONSTRAINT:
    case SQLITE_MISMATCH:
    case SQLITE_TOOBIG:
        return FailureKind::refused_row;
    case SQLITE_AUTH:
    case SQLITE_PERM:
        return FailureKind::denied;
    default:
        return FailureKind::other;
    }
}

// Runs one SQLiteCpp call, turning its exception into the engine-neutral one.
template <class Call> decltype(auto) translated(Call&& call) {
    try {
        return call();
    } catch (const SQLite::Exception& e) {
        throw failure_of(e);
    }
}

class SqliteStatement final : public Statement {
public:
    SqliteStatement(SQLite::Database& sql, std::string_view text)
        : m_statement(translated([&] { return SQLite::Statement(sql, std::string(text)); })) {}

    bool step() override {
        return translated([&] { return m_statement.executeStep(); });
    }
    void exec() override {
        translated([&] { m_statement.exec(); });
    }
    void reset() noexcept override { m_statement.tryReset(); }
    int column_count() override { return m_statement.getColumnCount(); }

protected:
    void bind_int64(const char* name, std::int64_t value) override {
        translated([&] { m_statement.bind(name, static_cast<int64_t>(value)); });
    }
    void bind_double(const char* name, double value) override {
        translated([&] { m_statement.bind(name, value); });
    }
    void bind_text(const char* name, std::string_view text) override {
        translated([&] { m_statement.bind(name, std::string(text)); }); // as TEXT, not a BLOB
    }
    void bind_null(const char* name) override {
        translated([&] { m_statement.bind(name); });
    }
    void bind_blob(const char* name, std::string_view bytes) override {
        translated([&] { m_statement.bind(name, bytes.data(), static_cast<int>(bytes.size())); });
    }

    ValueType column_type(int index) override {
        switch (translated([&] { return m_statement.getColumn(index).getType(); })) {
        case SQLITE_INTEGER:
            return ValueType::integer;
        case SQLITE_FLOAT:
            return ValueType::real;
        case SQLITE_TEXT:
            return ValueType::text;
        case SQLITE_BLOB:
            return ValueType::blob;
        default:
            return ValueType::null;
        }
    }
    std::int64_t column_int64(int index) override {
        return translated([&] { return m_statement.getColumn(index).getInt64(); });
    }
    double column_double(int index) override {
        return translated([&] { return m_statement.getColumn(index).getDouble(); });
    }
    std::string column_text(int index) override {
        return translated([&] { return m_statement.getColumn(index).getString(); });
    }
    std::string column_bytes(int index) override {
        return column_text(index); // SQLiteCpp reads a BLOB with its length, NULs included
    }
    std::string column_name(int index) override {
        return translated([&] { return std::string(m_statement.getColumnName(index)); });
    }

private:
    SQLite::Statement m_statement;
};

} // namespace

// SQLite's busy handler for the write lock. SQLite's own (a busy timeout) sleeps longer the longer
// it has waited, up to 100 ms a try, so the writer that has waited longest tries least often and
// loses the lock to newer ones, again and again: one of eight writers under load gave up after
// five seconds while the others went on. Trying at one short interval gives every waiter the same
// chance at each release, however long it has waited.
int wait_while_busy(void* since, int tries) {
    using namespace std::chrono;
    constexpr auto interval = milliseconds(1); // a try is a few system calls on the lock
    auto& began = *static_cast<steady_clock::time_point*>(since);
    const auto now = steady_clock::now();
    if (tries == 0) // a new wait
        began = now;
    if (now - began >= busy_wait_limit)
        return 0; // SQLITE_BUSY to the caller: the database is busy
    std::this_thread::sleep_for(interval);
    return 1;
}

SqliteConnection::SqliteConnection(std::unique_ptr<SQLite::Database> sql) : m_sql(std::move(sql)) {
    sqlite3_busy_handler(m_sql->getHandle(), wait_while_busy, &m_busy_since);
}

DatabaseFailure failure_of(const SQLite::Exception& e) {
    return DatabaseFailure(kind_of(e.getErrorCode()), e.what());
}

std::unique_ptr<Statement> SqliteConnection::prepare(std::string_view sql) {
    return std::make_unique<SqliteStatement>(*m_sql, sql);
}

void SqliteConnection::exec(std::string_view sql) {
    translated([&] { m_sql->exec(std::string(sql)); });
}

void SqliteConnection::try_exec(std::string_view sql) noexcept {
    m_sql->tryExec(std::string(sql));
}

bool SqliteConnection::has_table(std::string_view name) {
    // Asked of SQLite's parsed schema, not by a query: a query scanned sqlite_schema for every
    // session fingerprinted.
    const std::string table(name);
    return sqlite3_table_column_metadata(m_sql->getHandle(), "main", table.c_str(), nullptr,
                                         nullptr, nullptr, nullptr, nullptr, nullptr) == SQLITE_OK;
}

std::vector<std::string> SqliteConnection::table_names() {
    std::vector<std::string> names;
    SqliteStatement query(*m_sql, "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND "
                                  "name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name");
    while (query.step())
        names.push_back(query.column(0).as_text());
    return names;
}

void SqliteConnection::with_triggers_off(const std::function<void()>& work) {
    if (sqlite3_get_autocommit(m_sql->getHandle()) != 0) // each DROP would commit on its own
        throw std::logic_error("with_triggers_off outside a transaction");
    exec("PRAGMA defer_foreign_keys = ON"); // until the transaction ends
    // Every trigger as it is now, in creation order, to be made again word for word.
    std::vector<std::pair<std::string, std::string>> triggers;
    {
        SqliteStatement query(*m_sql, "SELECT name, sql FROM main.sqlite_schema WHERE type = "
                                      "'trigger' ORDER BY rowid");
        while (query.step())
            triggers.emplace_back(query.column(0).as_text(), query.column(1).as_text());
    }
    for (const auto& trigger : triggers)
        exec(fmt::format("DROP TRIGGER {}", quoted_name(trigger.first)));
    work();
    for (const auto& trigger : triggers)
        exec(trigger.second);
}

void SqliteConnection::begin(TransactionKind kind) {
    exec(kind == TransactionKind::write ? "BEGIN IMMEDIATE" : "BEGIN");
}

void SqliteConnection::commit() {
    exec("COMMIT");
}

void SqliteConnection::rollback() noexcept {
    try_exec("ROLLBACK");
}

SQLite::Database& sqlite_of(Database& db) {
    auto* sqlite = dynamic_cast<SqliteConnection*>(&db.connection());
    if (sqlite == nullptr) // check, backup, restore, seal and import --all read the file itself
        throw Refused(fmt::format("this works on a SQLite database file only; {} is a "
                                  "PostgreSQL server (use the server's own tools: pg_dump, "
                                  "pg_amcheck)",
                                  db.path()));
    return sqlite->sql();
}

} // namespace needlebook::storage
