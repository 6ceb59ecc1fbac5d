#pragma once
// One connection to a database engine: prepared statements, scripts, and what a failure of the
// engine means. SQLite and PostgreSQL implement it; Database (storage/database.hpp) builds
// transactions, the statement cache and migrations on top, the same for both.

#include "needlebook/storage/statement.hpp"

#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::storage {

// How long a writer waits for another's lock before it is told the database is busy; the same
// on every engine.
inline constexpr std::chrono::seconds busy_wait_limit{5};

// What went wrong underneath, in the terms a message to the user needs; each engine maps its
// own codes onto these.
enum class FailureKind {
    disk_full,
    io_error,
    busy,           // another writer held a lock for longer than the wait allowed
    not_a_database, // the file or server is not a database
    cannot_open,
    damaged,
    read_only,   // a write where only reads are allowed (a backup, a read-only role)
    refused_row, // a constraint, type or size check of the schema refused a row
    denied,      // the database user lacks the grant
    connection,  // the server could not be reached or went away
    other,
};

// An engine call failed. what() is the engine's own message; kind() says what it means.
class DatabaseFailure : public std::runtime_error {
public:
    DatabaseFailure(FailureKind kind, const std::string& message)
        : std::runtime_error(message), m_kind(kind) {}
    FailureKind kind() const { return m_kind; }

private:
    FailureKind m_kind;
};

// What the outermost transaction of a piece of work does.
enum class TransactionKind {
    write, // holds the engine's write lock from its start: what it reads stays true until commit
    read,  // sees one snapshot of the database
};

class Connection {
public:
    Connection() = default;
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    virtual ~Connection() = default;

    virtual std::unique_ptr<Statement> prepare(std::string_view sql) = 0;
    // Runs one or more statements that return no rows (a migration, BEGIN, COMMIT).
    virtual void exec(std::string_view sql) = 0;
    // The same, for undoing in a destructor: a failure is swallowed (the engine undoes the rest).
    virtual void try_exec(std::string_view sql) noexcept = 0;
    // The outermost transaction; nested ones are savepoints, the same SQL on every engine.
    virtual void begin(TransactionKind kind) = 0;
    virtual void commit() = 0;
    // For undoing in a destructor: never throws (the engine undoes the rest when it fails).
    virtual void rollback() noexcept = 0;
    // Whether the schema has a table of that name.
    virtual bool has_table(std::string_view name) = 0;
    // The schema's tables (not the engine's own), by name.
    virtual std::vector<std::string> table_names() = 0;
    // Inside a write transaction, for replacing a clinic's whole content (import --all, copy):
    // runs `work` with the schema's triggers off (those that refuse changes and those that check
    // or number each insert) and every foreign key checked at commit. SQLite drops the triggers
    // and makes them again word for word afterwards, so `check` finds the schema unchanged;
    // PostgreSQL disables them for the while, which only the tables' owner may do. A failure
    // leaves undoing to the transaction's rollback.
    virtual void with_triggers_off(const std::function<void()>& work) = 0;
};

} // namespace needlebook::storage
