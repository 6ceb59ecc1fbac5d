#include "fixtures.hpp"

#include "needlebook/error.hpp"
#include "needlebook/storage/database.hpp"
#include "needlebook/storage/migrations.hpp"
#include "needlebook/storage/session_repository.hpp"

#include <atomic>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace needlebook;
namespace fs = std::filesystem;

namespace {

using test::TempDir;

std::string file_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int user_version(const fs::path& path) {
    SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
    return raw.execAndGet("PRAGMA user_version").getInt();
}

std::string schema_sql(storage::Database& db) {
    std::string all;
    SQLite::Statement rows(test::raw(db), "SELECT type || ' ' || name || ' ' || coalesce(sql, '') "
                                          "FROM sqlite_schema ORDER BY type, name");
    while (rows.executeStep())
        all += rows.getColumn(0).getString() + "\n";
    return all;
}

// A database file another, newer program left behind: schema version above ours.
void write_newer_file(const fs::path& path) {
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("CREATE TABLE future_thing (id INTEGER PRIMARY KEY, what TEXT)");
    raw.exec("INSERT INTO future_thing (what) VALUES ('from the future')");
    raw.exec(fmt::format("PRAGMA user_version = {}", storage::latest_schema_version() + 1));
}

} // namespace

TEST_CASE("migrations are numbered 1, 2, 3 … and the latest is the last one") {
    const auto all = storage::migrations();
    REQUIRE_FALSE(all.empty());
    for (std::size_t i = 0; i < all.size(); ++i) {
        CAPTURE(i);
        CHECK(all[i].version == static_cast<int>(i) + 1);
        CHECK_FALSE(all[i].sql.empty());
        CHECK(all[i].name.substr(0, 4) == fmt::format("{:04}", all[i].version));
    }
    CHECK(storage::latest_schema_version() == all.back().version);
}

TEST_CASE("an empty database is migrated to the latest schema version") {
    SUBCASE("in memory") {
        auto db = storage::Database::in_memory();
        CHECK(db.schema_version() == storage::latest_schema_version());
        CHECK(test::count_rows(db, "patient") == 0);
    }
    SUBCASE("a new file") {
        TempDir dir;
        const auto path = dir.path() / "clinic.db";
        {
            auto db = storage::Database::open(path, storage::Database::Create::yes);
            CHECK(db.schema_version() == storage::latest_schema_version());
            CHECK(db.path() == path.string());
            for (const char* table : {"patient", "session", "session_area", "reaction", "followup",
                                      "consent", "condition", "audit_log", "setting_revision"}) {
                CAPTURE(std::string(table));
                CHECK_NOTHROW(test::count_rows(db, table));
            }
        }
        CHECK(user_version(path) == storage::latest_schema_version());
    }
    SUBCASE("an empty file, as 'touch' leaves it, when asked to create") {
        TempDir dir;
        const auto path = dir.path() / "empty.db";
        std::ofstream(path).close();
        auto db = storage::Database::open(path, storage::Database::Create::yes);
        CHECK(db.schema_version() == storage::latest_schema_version());
    }
}

// A read command must not write a schema into a file nobody initialised.
TEST_CASE("an empty file is not a database yet unless asked to create one") {
    TempDir dir;
    const auto path = dir.path() / "empty.db";
    std::ofstream(path).close();
    try {
        storage::Database::open(path, storage::Database::Create::no);
        FAIL("an empty file was opened as a database");
    } catch (const NotFound& e) {
        CHECK(std::string(e.what()) ==
              fmt::format("{} is not a Needlebook database yet; create it with 'needlebook init'",
                          path.string()));
    }
    CHECK(file_bytes(path).empty());
    CHECK_FALSE(fs::exists(path.string() + "-wal"));
    CHECK_FALSE(fs::exists(path.string() + "-journal"));
}

TEST_CASE("a missing parent directory is created") {
    TempDir dir;
    const auto path = dir.path() / "data" / "needlebook" / "clinic.db";
    auto db = storage::Database::open(path, storage::Database::Create::yes);
    CHECK(fs::exists(path));
    CHECK(db.schema_version() == storage::latest_schema_version());
}

TEST_CASE("opening twice is idempotent and keeps the records") {
    TempDir dir;
    const auto path = dir.path() / "clinic.db";
    std::string schema_before;
    std::map<std::string, int> counts_before;
    {
        auto db = storage::Database::open(path, storage::Database::Create::yes,
                                          {"dr.test", test::fixed_now(), true});
        records::Scope scope(db, test::fixed_clock(), "dr.test");
        records::register_patient(scope, std::string("P-KEEP"), test::patient_details());
        schema_before = schema_sql(db);
        counts_before = test::table_counts(db);
    }
    for (const auto create : {storage::Database::Create::yes, storage::Database::Create::no}) {
        auto db = storage::Database::open(path, create);
        CHECK(db.schema_version() == storage::latest_schema_version());
        CHECK(schema_sql(db) == schema_before);
        CHECK(test::table_counts(db) == counts_before); // no seed rows inserted twice
        CHECK(records::find_patient(db, "P-KEEP").details == test::patient_details());
    }
}

TEST_CASE("a database newer than the program is refused and left untouched") {
    TempDir dir;
    const auto path = dir.path() / "newer.db";
    write_newer_file(path);
    const auto before = file_bytes(path);
    REQUIRE_FALSE(before.empty());

    for (const auto create : {storage::Database::Create::no, storage::Database::Create::yes}) {
        try {
            storage::Database::open(path, create);
            FAIL("a newer database was opened");
        } catch (const StorageError& e) {
            const std::string message = e.what();
            CHECK(message.find(fmt::format("schema version {}", storage::latest_schema_version() +
                                                                    1)) != std::string::npos);
            CHECK(message.find("newer") != std::string::npos);
        }
        CHECK(file_bytes(path) == before);
        CHECK_FALSE(fs::exists(path.string() + "-wal"));
        CHECK_FALSE(fs::exists(path.string() + "-journal"));
    }
    CHECK(user_version(path) == storage::latest_schema_version() + 1);
}

TEST_CASE("a missing file is not created unless asked") {
    TempDir dir;
    const auto path = dir.path() / "missing.db";
    try {
        storage::Database::open(path, storage::Database::Create::no);
        FAIL("a missing database was opened");
    } catch (const NotFound& e) {
        CHECK(std::string(e.what()).find(path.string()) != std::string::npos);
    }
    CHECK_FALSE(fs::exists(path));
}

TEST_CASE("a file that is not a database is refused with StorageError and left as it is") {
    TempDir dir;
    const auto path = dir.path() / "notes.txt";
    {
        std::ofstream out(path, std::ios::binary);
        out << std::string(4096, 'x') << "these are not the records you are looking for\n";
    }
    const auto before = file_bytes(path);
    CHECK_THROWS_AS(storage::Database::open(path, storage::Database::Create::no), StorageError);
    CHECK(file_bytes(path) == before);
}

TEST_CASE("a new database file is readable and writable by its owner only") {
    TempDir dir;
    const auto path = dir.path() / "private.db";
    const auto old_mask = ::umask(022); // a typical umask would give 0644
    { auto db = storage::Database::open(path, storage::Database::Create::yes); }
    ::umask(old_mask);
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
}

// The wait for a busy lock is a busy handler of our own, tested in test_sqlite_connection.cpp.
TEST_CASE("every connection gets the pragmas the README names") {
    TempDir dir;
    const auto path = dir.path() / "clinic.db";
    for (const auto create : {storage::Database::Create::yes, storage::Database::Create::no}) {
        auto db = storage::Database::open(path, create);
        CHECK(test::scalar(db, "PRAGMA foreign_keys").as_int() == 1);
        CHECK(test::scalar(db, "PRAGMA journal_mode").as_text() == "wal");
        CHECK(test::scalar(db, "PRAGMA synchronous").as_int() == 2); // FULL
    }
    SUBCASE("in memory: foreign keys are enforced too") {
        auto db = storage::Database::in_memory();
        CHECK(test::scalar(db, "PRAGMA foreign_keys").as_int() == 1);
        CHECK_THROWS_AS(db.exec("INSERT INTO session (patient_id, created_at) VALUES (999, "
                                "'2026-11-23T15:00:00Z')"),
                        storage::DatabaseFailure);
    }
}

// Schema 6 keeps the overrides of older revisions where schema 5 wrote them (session_override,
// one reason per revision) and gives each the key of the finding it covered.
TEST_CASE("schema 6 gives the overrides stored by schema 5 the keys of their findings") {
    TempDir dir;
    const auto path = dir.path() / "v5.db";
    {
        SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec("CREATE TEMP TABLE migration_context (now TEXT, actor TEXT); INSERT INTO "
                 "migration_context VALUES ('2026-01-01T00:00:00Z', 'v5')");
        for (const auto& migration : storage::migrations())
            if (migration.version <= 5)
                raw.exec(std::string(migration.sql));
        raw.exec("DROP TABLE temp.migration_context; PRAGMA user_version = 5");
        raw.exec(R"(
            INSERT INTO patient (id, code, created_at) VALUES (1, 'ANN', '2026-01-01T00:00:00Z');
            INSERT INTO patient_revision (patient_id, revision, family_name, given_name,
                birth_date, author, recorded_at) VALUES (1, 1, 'Smith', 'Ann', '1985-04-12',
                'v5', '2026-01-01T00:00:00Z');
            INSERT INTO session (id, patient_id, created_at) VALUES (1, 1, '2026-01-02T00:00:00Z');
            INSERT INTO session_revision (id, session_id, revision, performed_at, practitioner,
                indication, device, override_reason, author, recorded_at) VALUES (1, 1, 1,
                '2026-01-02T10:00:00Z', 'Dr Lee', 'other', 'pen', 'dermatologist''s plan', 'v5',
                '2026-01-02T10:00:00Z');
            INSERT INTO session_area (session_revision_id, position, area, side, depth_mm)
                VALUES (1, 1, 'periorbital', 'left', 1.0);
            INSERT INTO session_override (session_revision_id, rule, detail) VALUES
                (1, 'contraindication', 'pregnancy or nursing on file since 2025-12-01'),
                (1, 'depth', 'depth 1.00 mm on periorbital:left exceeds the clinic limit of 0.50 mm'),
                (1, 'interval', 'periorbital:left was also treated 3 days earlier, in session 9 on 2025-12-30 10:00 (clinic minimum 14 days)'),
                (1, 'contraindication', 'isotretinoin stopped on 2025-10-01, less than 6 months before the session');
        )");
    }
    auto db = storage::Database::open(path, storage::Database::Create::no);
    CHECK(db.schema_version() == storage::latest_schema_version());
    const auto session = storage::SessionRepository(db).find(SessionId{1});
    REQUIRE(session.has_value());
    std::vector<std::string> keys;
    for (const auto& finding : session->findings) {
        CHECK(finding.level == FindingLevel::overridden);
        CHECK(finding.override_reason == "dermatologist's plan");
        keys.push_back(finding.key);
    }
    CHECK(keys == std::vector<std::string>{"condition:pregnancy", "depth:periorbital:left",
                                           "interval:periorbital:left", "condition:isotretinoin"});
    CHECK(session->findings[1].message ==
          "depth 1.00 mm on periorbital:left exceeds the clinic limit of 0.50 mm");
    // The rows themselves are as schema 5 wrote them.
    CHECK(test::scalar(db, "SELECT count(*) FROM session_finding").as_int() == 0);
    CHECK(test::scalar(db, "SELECT count(*) FROM session_override").as_int() == 4);
}
