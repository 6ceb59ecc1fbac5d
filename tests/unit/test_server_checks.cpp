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
          "grant setting_revision to needlebook_practitioner: UPDATE is not part of schema 10");

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
