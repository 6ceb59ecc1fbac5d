// `check` on a PostgreSQL server (storage/server_checks.cpp, storage/server_catalog.cpp), against
// a real server: run under tests/pg/run_with_server.sh (ctest postgres/connection); skipped
// without one. With NEEDLEBOOK_WRITE_CATALOG=FILE the description of a new clinic's schema is
// written to FILE (tests/pg/write_catalog.sh makes schema/postgresql/NNNN_catalog.txt so).
#include "needlebook/storage/database.hpp"
#include "needlebook/storage/migrations.hpp"
#include "needlebook/storage/server_catalog.hpp"
#include "needlebook/storage/server_checks.hpp"
#include "needlebook/storage/verification.hpp"

#include "postgres_server.hpp"

#include <algorithm>
#include <cstdlib>
#include <doctest/doctest.h>
#include <fstream>

using namespace needlebook;
using storage::Database;
using test::EmptyDatabase;

namespace {

const bool no_server = test::no_postgres_server;

const storage::CheckSection& section(const storage::DatabaseCheck& check, const char* name) {
    const auto found = std::find_if(check.sections.begin(), check.sections.end(),
                                    [&](const storage::CheckSection& s) { return s.name == name; });
    REQUIRE(found != check.sections.end());
    return *found;
}

} // namespace

TEST_SUITE_BEGIN("postgres");

TEST_CASE("server check: a new clinic's catalog is the one this program describes" *
          doctest::skip(no_server)) {
    EmptyDatabase empty;
    auto db = Database::open(empty.uri(), Database::Create::yes);
    const auto lines = storage::describe_server_schema(db);
    if (const char* out = std::getenv("NEEDLEBOOK_WRITE_CATALOG")) {
        std::ofstream file(out);
        for (const auto& line : lines)
            file << line << '\n';
    }
    const auto schema = storage::server_schema(db);
    INFO(schema.first.value_or(""));
    CHECK(schema.ok());
    CHECK(schema.checked == static_cast<std::int64_t>(lines.size()));
    // What the description covers: tables, triggers with their state, grants, functions.
    const auto has = [&](std::string_view start) {
        return std::any_of(lines.begin(), lines.end(),
                           [&](const std::string& line) { return line.starts_with(start); });
    };
    CHECK(has("table session_revision"));
    CHECK(has("trigger O CREATE TRIGGER audit_log_no_update"));
    CHECK(has("grant session_revision to needlebook_practitioner: INSERT"));
    CHECK(has("function needlebook_next_id()"));
    CHECK(has("member needlebook_manager of needlebook_practitioner"));
}

TEST_CASE("server check: a new clinic passes every section; a server has no pages to count" *
          doctest::skip(no_server)) {
    EmptyDatabase empty;
    { Database::open(empty.uri(), Database::Create::yes); }
    auto db = Database::open_read_only(empty.uri());
    const auto check = storage::verify_database(db);
    INFO(check.first_fault());
    CHECK(check.ok());
    CHECK(check.on_server);
    CHECK(section(check, "integrity").note.find("pg_amcheck") != std::string::npos);
    CHECK(section(check, "audit chain").checked > 0);
    CHECK(section(check, "schema").checked > 0);
    // Opened read-only: a write is refused by the server.
    CHECK_THROWS(db.write([&] { db.exec("INSERT INTO audit_disclosure VALUES (1, 1)"); }));
}

TEST_CASE("server check: a disabled trigger, a grant added and a changed function are faults" *
          doctest::skip(no_server)) {
    EmptyDatabase empty;
    auto db = Database::open(empty.uri(), Database::Create::yes);
    db.exec("ALTER TABLE session_revision DISABLE TRIGGER session_revision_no_update");
    auto schema = storage::server_schema(db);
    CHECK(schema.faults == 2); // the enabled trigger missing, the disabled one not in the schema
    CHECK(schema.first.value_or("").find("session_revision_no_update") != std::string::npos);

    db.exec("ALTER TABLE session_revision ENABLE TRIGGER session_revision_no_update");
    db.exec("GRANT UPDATE ON setting_revision TO needlebook_practitioner");
    schema = storage::server_schema(db);
    CHECK(schema.faults == 1);
    CHECK(schema.first.value_or("") ==
          "grant setting_revision to needlebook_practitioner: UPDATE is not part of schema 11");

    db.exec("REVOKE UPDATE ON setting_revision FROM needlebook_practitioner");
    db.exec("CREATE OR REPLACE FUNCTION needlebook_refuse() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RETURN NULL; END $$");
    schema = storage::server_schema(db);
    CHECK(schema.faults == 2);
    CHECK(schema.first.value_or("").find("function needlebook_refuse()") != std::string::npos);
}

TEST_CASE("server check: a row whose foreign key finds nothing is a fault naming its table" *
          doctest::skip(no_server)) {
    EmptyDatabase empty;
    auto db = Database::open(empty.uri(), Database::Create::yes);
    CHECK(storage::server_foreign_keys(db).ok());
    // Only with the server's own triggers off (a superuser's replication mode) can it happen.
    db.exec("SET session_replication_role = replica");
    db.exec("INSERT INTO patient_revision (id, patient_id, revision, family_name, given_name, "
            "birth_date, fitzpatrick, phone, email, note, voided, author, recorded_at, reason) "
            "VALUES (1, 99, 1, 'A', 'B', '1990-01-01', 2, '', '', '', 0, 'x', "
            "'2026-01-01T00:00:00Z', '')");
    db.exec("SET session_replication_role = DEFAULT");
    const auto keys = storage::server_foreign_keys(db);
    CHECK(keys.faults == 1);
    CHECK(keys.first.value_or("") ==
          "1 row of patient_revision refers to a patient row that does not exist");
}

TEST_CASE("server check: row security, a rule, a column grant, a role's new membership, a second "
          "owner and the right to make objects are faults" *
          doctest::skip(no_server)) {
    EmptyDatabase empty;
    auto db = Database::open(empty.uri(), Database::Create::yes);
    const auto faults_after = [&](const std::string& change, const std::string& undo) {
        db.exec(change);
        const auto schema = storage::server_schema(db);
        db.exec(undo);
        INFO(change);
        CHECK(storage::server_schema(db).ok());
        return schema.first.value_or("");
    };
    CHECK(faults_after("ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY",
                       "ALTER TABLE audit_log DISABLE ROW LEVEL SECURITY") ==
          "row security audit_log is not part of schema 11");
    CHECK(faults_after("CREATE RULE hide AS ON INSERT TO audit_disclosure DO INSTEAD NOTHING",
                       "DROP RULE hide ON audit_disclosure")
              .starts_with("rule audit_disclosure.hide "));
    CHECK(faults_after("GRANT INSERT (value) ON setting_revision TO needlebook_practitioner",
                       "REVOKE INSERT (value) ON setting_revision FROM needlebook_practitioner") ==
          "grant column setting_revision.value to needlebook_practitioner: INSERT is not part of "
          "schema 11");
    CHECK(faults_after("GRANT pg_write_all_data TO needlebook_practitioner",
                       "REVOKE pg_write_all_data FROM needlebook_practitioner") ==
          "member needlebook_practitioner of pg_write_all_data is not part of schema 11");
    CHECK(faults_after("GRANT TEMPORARY ON DATABASE " + empty.name() + " TO PUBLIC",
                       "REVOKE TEMPORARY ON DATABASE " + empty.name() + " FROM PUBLIC") ==
          "grant database to PUBLIC: TEMPORARY is not part of schema 11");
    CHECK(faults_after("ALTER FUNCTION needlebook_refuse() OWNER TO needlebook_manager",
                       "ALTER FUNCTION needlebook_refuse() OWNER TO " + db.server_user()) ==
          "owners 1 of schema 11 is missing or differs");
}

TEST_CASE("server database: a temporary table cannot make a login the administrator" *
          doctest::skip(no_server)) {
    EmptyDatabase empty;
    auto db = Database::open(empty.uri(), Database::Create::yes);
    db.exec("CREATE ROLE nb_temp_prac LOGIN IN ROLE needlebook_practitioner");
    db.exec("GRANT TEMPORARY ON DATABASE " + empty.name() + " TO nb_temp_prac"); // a DBA's slip
    auto practitioner =
        storage::PostgresConnection::connect(empty.conninfo() + " user=nb_temp_prac");
    practitioner->exec("CREATE TEMP TABLE audit_log (id bigint)");
    // Even with the login's own search_path putting its temporary schema first.
    practitioner->exec("SET search_path = pg_temp, public");
    auto is_admin = practitioner->prepare("SELECT public.needlebook_is_administrator()");
    REQUIRE(is_admin->step());
    CHECK(is_admin->column(0).as_int64() == 0);
    practitioner.reset();
    db.exec("DROP OWNED BY nb_temp_prac");
    db.exec("DROP ROLE nb_temp_prac");
}
