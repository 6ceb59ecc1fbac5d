// Database::open on a PostgreSQL URI (storage/server_database.cpp), against a real server: run
// under tests/pg/run_with_server.sh (ctest postgres/connection), which sets
// NEEDLEBOOK_TEST_POSTGRES; skipped without it. Each case opens a database of its own.
#include "needlebook/error.hpp"
#include "needlebook/storage/audit_log.hpp"
#include "needlebook/storage/database.hpp"
#include "needlebook/storage/migrations.hpp"
#include "needlebook/storage/postgres_connection.hpp"

#include "postgres_server.hpp"

#include <cstdlib>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <unistd.h>

using namespace needlebook;
using storage::Database;
using storage::PostgresConnection;

namespace {

const bool no_server = test::no_postgres_server;
using test::EmptyDatabase;

std::string text_of(Database& db, const std::string& sql) {
    auto query = db.connection().prepare(sql);
    REQUIRE(query->step());
    return query->column(0).as_text();
}

} // namespace

TEST_SUITE_BEGIN("postgres");

TEST_CASE("server database: init creates the schema, audited in the login's name" *
          doctest::skip(no_server)) {
    EmptyDatabase empty;
    auto db = Database::open(empty.uri(), Database::Create::yes, {"typed-name", {}, true});
    CHECK(db.on_server());
    CHECK(db.schema_version() == storage::latest_schema_version());
    CHECK(db.dialect().id_list == "needlebook_ids");
    const auto login = text_of(db, "SELECT session_user");
    CHECK(db.server_user() == login);
    // The name the caller gave is not the actor; the login is.
    CHECK(text_of(db, "SELECT actor FROM audit_log WHERE action = 'schema.create'") == login);
    CHECK(text_of(db, "SELECT count(*) FROM audit_log WHERE actor <> session_user") == "0");
}

TEST_CASE("server database: opening an empty database without init is refused, as a missing file" *
          doctest::skip(no_server)) {
    EmptyDatabase empty;
    CHECK_THROWS_WITH_AS(Database::open(empty.uri(), Database::Create::no),
                         doctest::Contains("no database at postgresql:///"), NotFound);
    // Nothing was created.
    auto raw = PostgresConnection::connect(empty.conninfo());
    CHECK_FALSE(raw->has_table("needlebook_schema"));
}

TEST_CASE("server database: a second open finds the schema and migrates nothing" *
          doctest::skip(no_server)) {
    EmptyDatabase empty;
    { Database::open(empty.uri(), Database::Create::yes); }
    auto db = Database::open(empty.uri(), Database::Create::no);
    CHECK(text_of(db, "SELECT count(*) FROM audit_log WHERE action LIKE 'schema.%'") == "1");
}

TEST_CASE("server database: a write holds the clinic's lock until it commits" *
          doctest::skip(no_server)) {
    EmptyDatabase empty;
    auto db = Database::open(empty.uri(), Database::Create::yes);
    auto other = PostgresConnection::connect(empty.conninfo());
    constexpr long write_lock = 0x4E42424B; // "NBBK", as postgres_connection.cpp takes it
    const auto lock_free = [&] {
        auto query = other->prepare(fmt::format("SELECT pg_try_advisory_lock({})", write_lock));
        REQUIRE(query->step());
        const bool got = query->column(0).as_int() == 1;
        if (got)
            other->exec(fmt::format("SELECT pg_advisory_unlock({})", write_lock));
        return got;
    };
    CHECK(lock_free());
    db.write([&] { CHECK_FALSE(lock_free()); });
    CHECK(lock_free());
    // A read takes no lock.
    db.read([&] { CHECK(lock_free()); });
}

TEST_CASE("server database: the roles may insert and read, never update or delete" *
          doctest::skip(no_server)) {
    EmptyDatabase empty;
    auto db = Database::open(empty.uri(), Database::Create::yes);
    const auto may = [&](const char* role, const char* table, const char* privilege) {
        return text_of(db, fmt::format("SELECT has_table_privilege('{}', '{}', '{}')", role, table,
                                       privilege)) == "1";
    };
    CHECK(may("needlebook_practitioner", "session_revision", "INSERT"));
    CHECK_FALSE(may("needlebook_practitioner", "setting_revision", "INSERT"));
    CHECK(may("needlebook_manager", "setting_revision", "INSERT"));
    CHECK(may("needlebook_auditor", "audit_log", "INSERT"));
    CHECK_FALSE(may("needlebook_auditor", "patient", "INSERT"));
    CHECK(may("needlebook_auditor", "setting_revision", "SELECT"));
    CHECK(text_of(db, "SELECT count(*) FROM information_schema.role_table_grants WHERE grantee "
                      "IN ('needlebook_auditor', 'needlebook_practitioner', "
                      "'needlebook_manager') AND privilege_type IN ('UPDATE', 'DELETE', "
                      "'TRUNCATE')") == "0");
}

TEST_CASE("server database: a password in the URI is never shown" * doctest::skip(no_server)) {
    const auto message_of = [](const std::string& uri) {
        try {
            Database::open(uri, Database::Create::no);
        } catch (const std::exception& e) {
            return std::string(e.what());
        }
        FAIL("opened");
        return std::string();
    };
    const auto in_user = message_of("postgresql://nobody_here:s3cret@/no_such_database");
    CHECK(in_user.find("s3cret") == std::string::npos);
    CHECK(in_user.find("postgresql://nobody_here@/no_such_database") != std::string::npos);
    const auto in_query =
        message_of("postgresql:///no_such_database?sslmode=disable&password=s3cret&user=x");
    CHECK(in_query.find("s3cret") == std::string::npos);
    CHECK(in_query.find("postgresql:///no_such_database?sslmode=disable&password=***&user=x") !=
          std::string::npos);
}

TEST_CASE("server database: the audit list without a patient reads every row" *
          doctest::skip(no_server)) {
    EmptyDatabase empty;
    auto db = Database::open(empty.uri(), Database::Create::yes);
    int rows = 0;
    storage::for_each_audit_row(db, {}, [&](const storage::StoredAuditRow&) {
        ++rows;
        return true;
    });
    CHECK(rows == std::stoi(text_of(db, "SELECT count(*) FROM audit_log")));
    CHECK(rows > 0);
}

TEST_SUITE_END();
