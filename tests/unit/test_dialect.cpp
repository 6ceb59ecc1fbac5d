// storage/dialect: the spellings that differ between SQLite and PostgreSQL.
#include "needlebook/storage/database.hpp"
#include "needlebook/storage/dialect.hpp"

#include <doctest/doctest.h>

using namespace needlebook::storage;

TEST_CASE("dialect: NOCASE on SQLite is lower() on PostgreSQL, where the index is on lower()") {
    CHECK(sqlite_dialect.nocase_equals("p.code", ":code") == "p.code = :code COLLATE NOCASE");
    CHECK(postgres_dialect.nocase_equals("p.code", ":code") == "lower(p.code) = lower(:code)");
}

TEST_CASE("dialect: a database says which engine's spellings it takes") {
    auto db = Database::in_memory();
    CHECK_FALSE(db.on_server());
    CHECK(db.dialect().id_list == "json_each");
    CHECK(db.dialect().position == "instr");
    // The SQLite spellings run on SQLite.
    auto query = db.connection().prepare(
        "SELECT count(*), sum(value) FROM json_each(:ids) WHERE instr('abc', 'b') = 2");
    query->bind(":ids", "[3, 4]");
    REQUIRE(query->step());
    CHECK(query->column(0).as_int() == 2);
    CHECK(query->column(1).as_int() == 7);
}

TEST_CASE("dialect: only a PostgreSQL URI names a server") {
    CHECK(Database::is_server_target("postgresql://dr@host/clinic"));
    CHECK(Database::is_server_target("postgres:///clinic"));
    CHECK_FALSE(Database::is_server_target("clinic.db"));
    CHECK_FALSE(Database::is_server_target("/srv/postgresql/clinic.db"));
}
