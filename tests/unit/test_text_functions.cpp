#include "fixtures.hpp"
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
        auto query = db.query("SELECT needlebook_fold(:text)");
        query->bind(":text", text);
        REQUIRE(query->step());
        return query->column(0).as_text();
    };
    CHECK(folded("ZOË Müller") == "zoe muller");
    CHECK(folded("Straße Łukasz Øyvind") == "strasse lukasz oyvind");
    CHECK(folded("") == "");
    for (const std::string text : {"Ελένη", "김민지", "E\u0301lodie", "P-000001"})
        CHECK(folded(text) == fold(text));
    CHECK(test::scalar(db, "SELECT needlebook_fold(NULL) IS NULL").as_int() == 1);
    CHECK(test::scalar(db, "SELECT needlebook_fold(42)").as_text() == "42");
    CHECK(test::scalar(db, "SELECT typeof(needlebook_fold('A'))").as_text() == "text");
}

TEST_CASE("needlebook_fold: deterministic, so SQLite may index on it") {
    auto db = storage::Database::in_memory();
    db.exec("CREATE TEMP TABLE names (name TEXT)");
    CHECK_NOTHROW(db.exec("CREATE INDEX temp.folded ON names (needlebook_fold(name))"));
    db.exec("INSERT INTO names VALUES ('Zoë'), ('ZOE'), ('Zoey')");
    CHECK(test::scalar(db, "SELECT count(*) FROM names WHERE needlebook_fold(name) = 'zoe'")
              .as_int() == 2);
}

TEST_CASE("needlebook_fold: on files opened to write and to read only") {
    const auto folder = std::filesystem::temp_directory_path() /
                        fmt::format("needlebook-text-functions-{}", ::getpid());
    std::filesystem::create_directories(folder);
    const auto path = folder / "clinic.db";
    {
        auto db = storage::Database::open(path, storage::Database::Create::yes);
        CHECK(test::scalar(db, "SELECT needlebook_fold('ÅSA')").as_text() == "asa");
    }
    {
        auto db = storage::Database::open_read_only(path);
        CHECK(test::scalar(db, "SELECT needlebook_fold('ÅSA')").as_text() == "asa");
    }
    std::filesystem::remove_all(folder);
}

TEST_CASE("register_text_functions: a plain connection gets the function too") {
    SQLite::Database sql(":memory:", SQLite::OPEN_READWRITE);
    CHECK_THROWS_AS(sql.exec("SELECT needlebook_fold('a')"), SQLite::Exception);
    storage::register_text_functions(sql);
    CHECK(sql.execAndGet("SELECT needlebook_fold('Ü')").getString() == "u");
}
