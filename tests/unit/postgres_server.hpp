#pragma once
// The throw-away PostgreSQL server of the "postgres" test suite: tests/pg/run_with_server.sh
// (ctest postgres/connection) sets NEEDLEBOOK_TEST_POSTGRES to its libpq conninfo, and exports
// PGHOST, PGPORT and PGUSER. Without it the suite's cases are skipped.

#include <cstdlib>
#include <string>

namespace needlebook::test {

inline std::string postgres_server() {
    const char* conninfo = std::getenv("NEEDLEBOOK_TEST_POSTGRES");
    return conninfo ? conninfo : "";
}

inline const bool no_postgres_server = postgres_server().empty();

} // namespace needlebook::test
