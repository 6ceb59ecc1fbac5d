#pragma once
// The PostgreSQL engine behind storage::Connection, through libpq. Only storage/ includes this
// header. Statements keep the SQL the repositories write for SQLite: named parameters
// (":name") become $1, $2 … and each statement is prepared on the server once per set of
// parameter types.

#include "needlebook/storage/connection.hpp"

#include <memory>
#include <set>
#include <string>

struct pg_conn;

namespace needlebook::storage {

class PostgresConnection final : public Connection {
public:
    // Connects to `target`, a libpq URI (postgresql://USER@HOST/DBNAME) or key=value string;
    // libpq's environment (PGHOST, PGUSER, …) and ~/.pgpass apply as usual. Throws
    // DatabaseFailure (FailureKind::connection, or denied for a refused login) when it cannot.
    static std::unique_ptr<PostgresConnection> connect(const std::string& target);
    ~PostgresConnection() override;

    std::unique_ptr<Statement> prepare(std::string_view sql) override;
    void exec(std::string_view sql) override;
    void try_exec(std::string_view sql) noexcept override;
    bool has_table(std::string_view name) override;
    std::vector<std::string> table_names() override;
    void with_triggers_off(const std::function<void()>& work) override;
    // A write transaction first takes one clinic-wide lock (an advisory lock held until commit),
    // so writers from every workstation take turns as SQLite's do: the audit chain has one head
    // and the interval checks see every committed session. Reads take no lock; they see one
    // snapshot (REPEATABLE READ).
    void begin(TransactionKind kind) override;
    void commit() override;
    void rollback() noexcept override;

    pg_conn* handle() { return m_conn; }

private:
    explicit PostgresConnection(pg_conn* conn) : m_conn(conn) {}
    pg_conn* m_conn;
    int m_statements = 0; // names the server-side prepared statements: nb_1, nb_2 …
    std::unique_ptr<Statement> m_has_table; // prepared at the first has_table()
    // has_table's yes answers: check asks for every part of every fingerprint, a round trip
    // each. Tables are never dropped; a rollback (try_exec) may undo one made, so it forgets.
    std::set<std::string, std::less<>> m_tables_found;
};

// What a failed libpq call means, from its SQLSTATE, with the server's primary message.
// Exposed for the tests of the mapping.
FailureKind failure_kind_of_sqlstate(std::string_view sqlstate);

} // namespace needlebook::storage
