#include "needlebook/model/fold.hpp"
#include "needlebook/storage/database.hpp"
#include "needlebook/storage/text_functions.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <string>
#include <unistd.h>

using namespace needlebook;

TEST_CASE("needlebook_fold: fold() in SQL on every connection Database opens") {
    auto db = storage::Database::in_memory();
    auto folded = [&](const std::string& text) {
        SQLite::Statement query(db.sql(), "SELECT needlebook_fold(?)");
        query.bind(1, text);
        REQUIRE(query.executeStep());
        return query.getColumn(0).getString();
    };
    CHECK(folded("ZOË Müller") == "zoe muller");
    CHECK(folded("Straße Łukasz Øyvind") == "strasse lukasz oyvind");
    CHECK(folded("") == "");
    for (const std::string text : {"Ελένη", "김민지", "E\u0301lodie", "P-000001"})
        CHECK(folded(text) == fold(text));
    CHECK(db.sql().execAndGet("SELECT needlebook_fold(NULL) IS NULL").getInt() == 1);
    CHECK(db.sql().execAndGet("SELECT needlebook_fold(42)").getString() == "42");
    CHECK(db.sql().execAndGet("SELECT typeof(needlebook_fold('A'))").getString() == "text");
}

TEST_CASE("needlebook_fold: deterministic, so SQLite may index on it") {
    auto db = storage::Database::in_memory();
    db.sql().exec("CREATE TEMP TABLE names (name TEXT)");
    CHECK_NOTHROW(db.sql().exec("CREATE INDEX temp.folded ON names (needlebook_fold(name))"));
    db.sql().exec("INSERT INTO names VALUES ('Zoë'), ('ZOE'), ('Zoey')");
    CHECK(db.sql()
              .execAndGet("SELECT count(*) FROM names WHERE needlebook_fold(name) = 'zoe'")
              .getInt() == 2);
}

TEST_CASE("needlebook_fold: on files opened to write and to read only") {
    const auto folder = std::filesystem::temp_directory_path() /
                        fmt::format("needlebook-text-functions-{}", ::getpid());
    std::filesystem::create_directories(folder);
    const auto path = folder / "clinic.db";
    {
        auto db = storage::Database::open(path, storage::Database::Create::yes);
        CHECK(db.sql().execAndGet("SELECT needlebook_fold('ÅSA')").getString() == "asa");
    }
    {
        auto db = storage::Database::open_read_only(path);
        CHECK(db.sql().execAndGet("SELECT needlebook_fold('ÅSA')").getString() == "asa");
    }
    std::filesystem::remove_all(folder);
}

TEST_CASE("register_text_functions: a plain connection gets the function too") {
    SQLite::Database sql(":memory:", SQLite::OPEN_READWRITE);
    CHECK_THROWS_AS(sql.exec("SELECT needlebook_fold('a')"), SQLite::Exception);
    storage::register_text_functions(sql);
    CHECK(sql.execAndGet("SELECT needlebook_fold('Ü')").getString() == "u");
}
