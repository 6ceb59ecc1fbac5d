// storage::ensure_only_seeded and clear_seeds: what a database holds right after init, and
// taking its seeds out for an import --all without leaving the schema changed.
#include "fixtures.hpp"

#include "needlebook/error.hpp"
#include "needlebook/storage/audit_log.hpp"
#include "needlebook/storage/patient_repository.hpp"
#include "needlebook/storage/seeded_database.hpp"
#include "needlebook/storage/settings_repository.hpp"

#include <doctest/doctest.h>

using namespace needlebook;

namespace {

using test::new_database;

std::vector<std::string> triggers(storage::Database& db) {
    std::vector<std::string> all;
    SQLite::Statement query(test::raw(db),
                            "SELECT name || ': ' || sql FROM sqlite_schema WHERE type "
                            "= 'trigger' ORDER BY name");
    while (query.executeStep())
        all.push_back(query.getColumn(0).getString());
    return all;
}

} // namespace

TEST_CASE("a database as init makes it holds only seeds") {
    auto db = new_database();
    CHECK_NOTHROW(db.read([&] { storage::ensure_only_seeded(db, "import --all"); }));
}

TEST_CASE("anything init did not put there is named and refused") {
    auto db = new_database();
    SUBCASE("a patient") {
        db.write([&] {
            storage::PatientRepository(db).insert("P-1", test::patient_details(),
                                                  RevisionInfo{1, "dr.test", test::fixed_now()});
        });
        const auto refused =
            test::thrown<Refused>([&] { storage::ensure_only_seeded(db, "import --all"); });
        CHECK(test::contains(refused.what(), "holds a patient"));
        CHECK(test::contains(refused.what(), "nothing was changed"));
    }
    SUBCASE("a changed setting") {
        db.write([&] {
            storage::SettingsRepository(db).set(
                "minimum_age", "21", RevisionInfo{0, "dr.test", test::fixed_now(), "policy"});
        });
        const auto refused =
            test::thrown<Refused>([&] { storage::ensure_only_seeded(db, "import --all"); });
        CHECK(test::contains(refused.what(), "a change of the setting minimum_age"));
    }
    SUBCASE("an audit row of another action, such as a read") {
        db.write([&] {
            storage::append_audit(
                db, {.at = test::fixed_now(), .actor = "dr.test", .action = "patient.list"});
        });
        const auto refused =
            test::thrown<Refused>([&] { storage::ensure_only_seeded(db, "import --all"); });
        CHECK(test::contains(refused.what(), "(patient.list)"));
    }
}

TEST_CASE("clear_seeds takes out the trail and the seeds named, and leaves the schema as it was") {
    auto db = new_database();
    const auto before = triggers(db);
    const int settings = test::count_rows(db, "setting_revision");
    db.write([&] { storage::clear_seeds(db, {{"time_zone", "minimum_age"}, true}); });
    CHECK(test::count_rows(db, "audit_log") == 0);
    CHECK(test::count_rows(db, "product") == 0);
    CHECK(test::count_rows(db, "setting_revision") == settings - 2);
    CHECK(test::count_rows(db, "setting") > 0); // the keys stay, with their ids
    CHECK(triggers(db) == before);
    // The insert-only guards are back: nothing more can be deleted.
    db.write([&] {
        storage::append_audit(db,
                              {.at = test::fixed_now(), .actor = "dr.test", .action = "x.test"});
    });
    CHECK_THROWS(db.exec("DELETE FROM setting_revision"));
    CHECK_THROWS(db.exec("DELETE FROM audit_log"));
}

TEST_CASE("a failure after clear_seeds rolls everything back, guards included") {
    auto db = new_database();
    const auto counts = test::table_counts(db);
    const auto before = triggers(db);
    CHECK_THROWS(db.write([&] {
        storage::clear_seeds(db, {{"time_zone"}, true});
        throw Refused("the import failed");
    }));
    CHECK(test::table_counts(db) == counts);
    CHECK(triggers(db) == before);
}
