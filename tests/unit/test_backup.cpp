// storage/backup: a backup copy is marked as one, so that opening it later reads it as it is
// (reads work, writes are refused, audited reads leave no row) and a restore clears the mark.
#include "fixtures.hpp"

#include "needlebook/error.hpp"
#include "needlebook/storage/audit_log.hpp"
#include "needlebook/storage/backup.hpp"
#include "needlebook/storage/database.hpp"
#include "needlebook/storage/migrations.hpp"
#include "needlebook/storage/sha256.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>

using namespace needlebook;
namespace fs = std::filesystem;

namespace {

using test::TempDir;

std::string file_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int application_id(const fs::path& path) {
    SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
    return raw.execAndGet("PRAGMA application_id").getInt();
}

bool has_side_files(const fs::path& path) {
    for (const char* suffix : {"-wal", "-shm", "-journal"})
        if (fs::exists(path.string() + suffix))
            return true;
    return false;
}

const storage::Opener opener{std::string(test::test_actor), test::fixed_now(), true};

// A clinic file with one patient, and its verified backup beside it.
struct BackedUp {
    TempDir dir;
    fs::path live = dir.path() / "clinic.db";
    fs::path backup = dir.path() / "backup.db";
    storage::VerifiedCopy copy;

    BackedUp() {
        auto db = storage::Database::open(live, storage::Database::Create::yes, opener);
        records::Scope scope(db, test::fixed_clock(), std::string(test::test_actor));
        records::register_patient(scope, "P-1", test::patient_details());
        copy = storage::back_up_database(db, backup);
    }
};

int audit_rows(storage::Database& db) {
    return test::count_rows(db, "audit_log");
}

} // namespace

TEST_CASE("a backup carries the backup mark, and its check and SHA-256 are of the marked bytes") {
    BackedUp clinic;
    REQUIRE(clinic.copy.check.ok());
    CHECK(application_id(clinic.backup) == storage::backup_application_id);
    CHECK(clinic.copy.sha256 == storage::sha256_of_file(clinic.backup));
    CHECK(clinic.copy.bytes == fs::file_size(clinic.backup));
    CHECK(application_id(clinic.live) == 0); // the live database is not marked
    CHECK_FALSE(has_side_files(clinic.backup));
}

TEST_CASE("a backup opens read-only: reads work, writes are refused and no byte changes") {
    BackedUp clinic;
    const auto before = file_bytes(clinic.backup);
    {
        auto db = storage::Database::open(clinic.backup, storage::Database::Create::no, opener);
        CHECK(db.is_backup());
        CHECK(db.schema_version() == storage::latest_schema_version());
        CHECK(test::count_rows(db, "patient") == 1);
        CHECK(test::scalar(db, "PRAGMA journal_mode").as_text() == "delete");
        CHECK(test::scalar(db, "PRAGMA query_only").as_int() == 1);

        records::Scope scope(db, test::fixed_clock(), std::string(test::test_actor));
        try {
            records::register_patient(scope, "P-2", test::patient_details("Roe", "Rita"));
            FAIL("a write to a backup was not refused");
        } catch (const Refused& e) {
            CHECK(test::contains(e.what(), "is a backup made by 'needlebook backup'"));
            CHECK(test::contains(e.what(), "opened read-only"));
            CHECK(test::contains(e.what(), "restore"));
        }
        CHECK(test::count_rows(db, "patient") == 1);
    }
    CHECK(file_bytes(clinic.backup) == before);
    CHECK_FALSE(has_side_files(clinic.backup));
    CHECK_THROWS_AS(storage::Database::open(clinic.backup, storage::Database::Create::yes, opener),
                    Refused);
    CHECK(file_bytes(clinic.backup) == before);
}

TEST_CASE("an audited read of a backup leaves its audit row out and is noted once") {
    BackedUp clinic;
    const auto before = file_bytes(clinic.backup);
    {
        auto db = storage::Database::open(clinic.backup, storage::Database::Create::no, opener);
        int notes = 0;
        db.on_unaudited_read([&notes] { ++notes; });
        const int rows = audit_rows(db);
        const auto head = storage::chain_head(db);
        const storage::AuditEntry read{test::fixed_now(),
                                       std::string(test::test_actor),
                                       "patient.show",
                                       std::nullopt,
                                       "",
                                       std::nullopt,
                                       std::nullopt,
                                       ""};
        db.write([&] {
            CHECK(storage::append_audit(db, read).id == head.id); // the backup's own head
            CHECK(notes == 0);                                    // said once the read went through
        });
        CHECK(notes == 1);
        db.write([&] { storage::append_audit(db, read); });
        CHECK(notes == 1);
        CHECK(audit_rows(db) == rows);
    }
    CHECK(file_bytes(clinic.backup) == before);
}

TEST_CASE("a backup older than the program is refused without a byte changed") {
    BackedUp clinic;
    const auto older = clinic.dir.path() / "older.db";
    fs::copy_file(clinic.backup, older);
    {
        SQLite::Database raw(older.string(), SQLite::OPEN_READWRITE);
        raw.exec(fmt::format("PRAGMA user_version = {}", storage::latest_schema_version() - 1));
    }
    const auto before = file_bytes(older);
    try {
        storage::Database::open(older, storage::Database::Create::no, opener);
        FAIL("an older backup was opened");
    } catch (const Refused& e) {
        CHECK(test::contains(e.what(), "older than this program's"));
        CHECK(test::contains(e.what(), "restore it into a new file"));
    }
    CHECK(file_bytes(older) == before);
    CHECK_FALSE(has_side_files(older));
}

TEST_CASE("a restore clears the mark: the restored database takes writes") {
    BackedUp clinic;
    const auto before = file_bytes(clinic.backup);
    const auto fresh = clinic.dir.path() / "fresh.db";
    {
        const storage::StagedRestore staged(clinic.backup, fresh, opener);
        CHECK(staged.source().sha256 == clinic.copy.sha256); // the bytes as given
        CHECK(application_id(staged.staged()) == 0);
        storage::replace_damaged_database(fresh, staged, {});
    }
    CHECK(application_id(fresh) == 0);
    auto db = storage::Database::open(fresh, storage::Database::Create::no, opener);
    CHECK_FALSE(db.is_backup());
    records::Scope scope(db, test::fixed_clock(), std::string(test::test_actor));
    records::register_patient(scope, "P-2", test::patient_details("Roe", "Rita"));
    CHECK(test::count_rows(db, "patient") == 2);
    CHECK(file_bytes(clinic.backup) == before);
}
