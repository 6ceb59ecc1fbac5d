#pragma once
// The throw-away PostgreSQL server of the "postgres" test suite: tests/pg/run_with_server.sh
// (ctest postgres/connection) sets NEEDLEBOOK_TEST_POSTGRES to its libpq conninfo, and exports
// PGHOST, PGPORT and PGUSER. Without it the suite's cases are skipped.

#include "needlebook/storage/postgres_connection.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <memory>
#include <string>
#include <unistd.h>

namespace needlebook::test {

inline std::string postgres_server() {
    const char* conninfo = std::getenv("NEEDLEBOOK_TEST_POSTGRES");
    return conninfo ? conninfo : "";
}

inline const bool no_postgres_server = postgres_server().empty();

// An empty database of its own; its URI relies on libpq's PGHOST, PGPORT and PGUSER.
class EmptyDatabase {
public:
    EmptyDatabase()
        : m_name(fmt::format("nb_server_db_{}_{}", getpid(), ++s_count)),
          m_admin(storage::PostgresConnection::connect(postgres_server())) {
        m_admin->exec(fmt::format("CREATE DATABASE {}", m_name));
    }
    ~EmptyDatabase() {
        m_admin->try_exec(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", m_name));
    }
    std::string uri() const { return fmt::format("postgresql:///{}", m_name); }
    const std::string& name() const { return m_name; }
    std::string conninfo() const { return fmt::format("{} dbname={}", postgres_server(), m_name); }

private:
    static inline int s_count = 0;
    std::string m_name;
    std::unique_ptr<storage::PostgresConnection> m_admin;
};

} // namespace needlebook::test
