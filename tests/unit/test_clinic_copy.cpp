// Copying a whole clinic (storage/clinic_copy.cpp, records/clinic_copy.cpp): every row of every
// table, ids and values kept, with the copied audit chain vouching for it; audited on both
// sides. File to file here; with a PostgreSQL server (suite "postgres") onto the server and back.
#include "fixtures.hpp"
#include "postgres_server.hpp"
#include "temp_dir.hpp"

#include "needlebook/error.hpp"
#include "needlebook/records/clinic_copy.hpp"
#include "needlebook/storage/clinic_copy.hpp"
#include "needlebook/storage/patient_repository.hpp"

#include <doctest/doctest.h>
#include <fstream>

using namespace needlebook;
using storage::Database;

namespace {

const storage::Opener by{"dr.copy", test::fixed_now(), true};

// A clinic file with a patient, audited as the program writes one.
std::string clinic_file(const test::TempDir& dir, const char* name = "clinic.db") {
    const auto path = (dir.path() / name).string();
    auto db = Database::open(path, Database::Create::yes, by);
    db.write([&] {
        storage::PatientRepository patients(db);
        const auto id = patients.insert("ANN", test::patient_details("Smith", "Ann"),
                                        RevisionInfo{1, "dr.copy", test::fixed_now()});
        storage::append_audit(db, {.at = test::fixed_now(),
                                   .actor = "dr.copy",
                                   .action = "patient.add",
                                   .patient_id = id.value,
                                   .record_kind = "patient",
                                   .record_id = id.value,
                                   .revision = 1});
    });
    return path;
}

// Every table but the trail, as text.
std::map<std::string, std::vector<std::string>> content(Database& db) {
    std::map<std::string, std::vector<std::string>> tables;
    for (const auto& table : db.connection().table_names())
        if (table != "audit_log" && table != "needlebook_schema")
            tables[table] = test::dump_table(db, table);
    return tables;
}

std::vector<std::string> audit_rows(Database& db, std::int64_t up_to) {
    auto rows = test::dump_table(db, "audit_log");
    rows.resize(static_cast<std::size_t>(up_to));
    return rows;
}

} // namespace

TEST_CASE("copy_rows puts every row of every table in place of a new database's seeds") {
    auto from = test::new_database();
    from.write([&] {
        storage::PatientRepository(from).insert("ANN", test::patient_details(),
                                                RevisionInfo{1, "dr.test", test::fixed_now()});
    });
    auto to = Database::in_memory();
    storage::CopiedRows copied;
    from.read([&] { to.write([&] { copied = storage::copy_rows(from, to); }); });
    // Every table but photo_image, whose images copy_photos copies from store to store.
    CHECK(copied.tables == static_cast<std::int64_t>(from.connection().table_names().size()) - 1);
    CHECK(copied.rows > 100);
    CHECK(content(to) == content(from));
    CHECK(test::dump_table(to, "audit_log") == test::dump_table(from, "audit_log"));
    // The triggers are back: the copy is as insert-only as the original.
    CHECK_THROWS(to.exec("DELETE FROM patient_revision"));
}

TEST_CASE("copy_clinic: file to file, checked, audited on both sides") {
    test::TempDir dir;
    const auto from = clinic_file(dir);
    const auto to = (dir.path() / "copy.db").string();
    const auto copy = records::copy_clinic(from, to, by);
    CHECK(copy.check.ok());
    CHECK(copy.rows.tables == 44);
    auto source = Database::open(from, Database::Create::no, by);
    auto target = Database::open(to, Database::Create::no, by);
    CHECK(content(target) == content(source));
    // The copied trail is the source's up to the head copied; each side adds its copy row.
    CHECK(audit_rows(target, copy.head.id) == audit_rows(source, copy.head.id));
    CHECK(test::scalar(target, "SELECT action || ' by ' || actor FROM audit_log ORDER BY id DESC "
                               "LIMIT 1")
              .text == "database.copy by dr.copy");
    CHECK(test::scalar(source, "SELECT reason FROM audit_log ORDER BY id DESC LIMIT 1")
              .text.starts_with("to " + to));
}

TEST_CASE("copy_clinic refuses, changing nothing") {
    test::TempDir dir;
    const auto from = clinic_file(dir);
    SUBCASE("a target that holds a clinic") {
        const auto other = clinic_file(dir, "other.db");
        std::map<std::string, int> before;
        {
            auto db = Database::open(other, Database::Create::no, by);
            before = test::table_counts(db);
        }
        const auto refused = test::thrown<Refused>([&] { records::copy_clinic(from, other, by); });
        CHECK(test::contains(refused.what(), "holds a patient: copy fills only a new database"));
        auto db = Database::open(other, Database::Create::no, by);
        CHECK(test::table_counts(db) == before);
    }
    SUBCASE("a source that fails its check; no file is left behind") {
        {
            auto db = Database::open(from, Database::Create::no, by);
            db.exec("DROP TRIGGER patient_revision_no_update");
            db.exec("UPDATE patient_revision SET family_name = 'Forged'");
        }
        const auto to = dir.path() / "copy.db";
        const auto refused =
            test::thrown<Refused>([&] { records::copy_clinic(from, to.string(), by); });
        CHECK(test::contains(refused.what(), "failed its check"));
        CHECK_FALSE(std::filesystem::exists(to));
        CHECK_FALSE(std::filesystem::exists(to.string() + "-wal"));
    }
    SUBCASE("the same database twice") {
        CHECK_THROWS_AS(records::copy_clinic(from, from, by), Refused);
    }
}

TEST_SUITE_BEGIN("postgres");

TEST_CASE("copy_clinic: a file onto a server and back, the same clinic row for row" *
          doctest::skip(test::no_postgres_server)) {
    test::TempDir dir;
    test::EmptyDatabase server;
    const auto from = clinic_file(dir);
    const auto onto = records::copy_clinic(from, server.uri(), by);
    CHECK(onto.check.ok());
    CHECK(onto.check.on_server);
    const auto back = (dir.path() / "back.db").string();
    const auto again = records::copy_clinic(server.uri(), back, by);
    CHECK(again.check.ok());
    auto source = Database::open(from, Database::Create::no, by);
    auto returned = Database::open(back, Database::Create::no, by);
    CHECK(content(returned) == content(source));
    CHECK(audit_rows(returned, onto.head.id) == audit_rows(source, onto.head.id));
    // On the server the copy row names the login, not the name typed.
    auto on_server = Database::open(server.uri(), Database::Create::no, by);
    CHECK(test::scalar(on_server, "SELECT actor FROM audit_log WHERE action = 'database.copy' "
                                  "ORDER BY id DESC LIMIT 1")
              .text == on_server.server_user());
}
