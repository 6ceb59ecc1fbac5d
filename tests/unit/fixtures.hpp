#pragma once
// Shared test fixtures: an in-memory clinic in Europe/London, a fixed clock, record helpers.

#include "postgres_server.hpp"
#include "temp_dir.hpp"

#include "needlebook/model/patient.hpp"
#include "needlebook/model/session.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/scope.hpp"
#include "needlebook/storage/audit_log.hpp"
#include "needlebook/storage/database.hpp"
#include "needlebook/storage/settings_repository.hpp"
#include "needlebook/storage/sqlite_connection.hpp"
#include "needlebook/time/clock.hpp"
#include "needlebook/time/date.hpp"

#include "needlebook/error.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <cstdlib>
#include <deque>
#include <doctest/doctest.h>
#include <fmt/format.h>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::test {

inline constexpr std::string_view fixed_now_text = "2026-11-23T15:00:00Z";
inline constexpr std::string_view clinic_zone_name = "Europe/London";
inline constexpr std::string_view test_actor = "dr.test";

// The ValidationError `call` throws, so a test can look at its field and message.
template <class Call> ValidationError refusal(Call&& call) {
    try {
        call();
    } catch (const ValidationError& e) {
        return e;
    }
    FAIL("no ValidationError was thrown");
    return ValidationError("", "");
}

inline bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

inline time::Instant utc(std::string_view text) {
    return time::parse_utc(text, "test instant");
}
inline time::Date day(std::string_view text) {
    return time::parse_date(text, "test date");
}
inline time::Instant fixed_now() {
    return utc(fixed_now_text);
}
inline time::Clock fixed_clock() {
    return time::Clock{fixed_now()};
}

// Whether this run makes each test's clinic on the throw-away PostgreSQL server instead of in
// memory (ctest postgres/unit sets NEEDLEBOOK_UNIT_ON_SERVER): the same tests, on the other
// engine. Tests of what is SQLite's alone are left out there (tests/CMakeLists.txt).
inline bool unit_on_server() {
    return std::getenv("NEEDLEBOOK_UNIT_ON_SERVER") != nullptr && !no_postgres_server;
}

// A database `init` has just made: in memory, or with unit_on_server() a new database on the
// server. The server's are dropped a few clinics later (a test uses at most a few at once), so
// a run of the whole suite does not fill the disk.
inline storage::Database blank_database() {
    if (!unit_on_server())
        return storage::Database::in_memory();
    static std::deque<std::string> made;
    static int count = 0;
    auto admin = storage::PostgresConnection::connect(postgres_server());
    while (made.size() >= 4) {
        admin->try_exec(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", made.front()));
        made.pop_front();
    }
    made.push_back(fmt::format("nb_unit_{}_{}", getpid(), ++count));
    admin->exec(fmt::format("CREATE DATABASE {}", made.back()));
    // Made at the tests' fixed time: a later audit row would refuse their writes as dated
    // before it.
    return storage::Database::open(fmt::format("postgresql:///{}", made.back()),
                                   storage::Database::Create::yes,
                                   {std::string(test_actor), fixed_now(), true});
}

// An in-memory database whose clinic zone is set, so no test depends on the machine's zone.
inline storage::Database clinic_database(std::string_view zone = clinic_zone_name) {
    auto db = blank_database();
    storage::SettingsRepository settings(db);
    settings.set("time_zone", std::string(zone), RevisionInfo{0, "test", fixed_now(), "test zone"});
    // The sessions of these tests name lots they never register; the lot checks have their own
    // tests (test_rules.cpp), with the setting as a clinic gets it.
    settings.set("lot_registration", "off", RevisionInfo{0, "test", fixed_now(), "test lots"});
    return db;
}

// A database as init makes it: the schema, the seeded settings and catalogue, their audit rows.
inline storage::Database new_database() {
    auto db = blank_database();
    db.write([&] { storage::audit_unaudited_catalogue(db, fixed_now(), "dr.test"); });
    return db;
}

// A clinic with its use-case scope: fixed clock, actor "dr.test", Europe/London.
struct Clinic {
    storage::Database db = clinic_database();
    records::Scope scope{db, fixed_clock(), std::string(test_actor)};

    Clinic() = default;
    Clinic(const Clinic&) = delete;
    Clinic& operator=(const Clinic&) = delete;
};

inline PatientDetails patient_details(std::string family = "Doe", std::string given = "Jane") {
    PatientDetails details;
    details.family_name = std::move(family);
    details.given_name = std::move(given);
    details.birth_date = day("1985-04-12");
    details.fitzpatrick = 3;
    details.phone = "+44 7700 900123";
    details.email = "jane@example.org";
    details.note = "prefers mornings";
    return details;
}

// A valid one-area session (cheek 1.0 mm x3) at `at` (UTC text), by "Dr Test".
inline SessionDetails session_at(std::string_view at, std::vector<AreaTreatment> areas = {
                                                          {Area::cheek, std::nullopt, 1.0, 3}}) {
    SessionDetails details;
    details.performed_at = utc(at);
    details.practitioner = "Dr Test";
    details.indication = Indication::acne_scars;
    details.device = Device::pen;
    details.model = "Dermapen 4";
    details.cartridge = "16-pin";
    details.cartridge_lot = "CL-120";
    details.areas = std::move(areas);
    return details;
}

// A registered patient with a consent signed well before the sessions used in tests.
inline Patient patient_with_consent(Clinic& clinic, std::string code = "P-TEST",
                                    std::string_view signed_on = "2026-01-05") {
    auto patient = records::register_patient(clinic.scope, std::move(code), patient_details());
    records::add_consent(clinic.scope, patient.code,
                         {day(signed_on), "microneedling serums", "", std::nullopt});
    return patient;
}

// The first column of the first row `sql` returns, kept after the statement is gone.
struct Scalar {
    std::string text;
    bool null = true;
    std::string as_text() const { return text; }
    std::int64_t as_int64() const { return null ? 0 : std::stoll(text); }
    int as_int() const { return static_cast<int>(as_int64()); }
    bool is_null() const { return null; }
};
inline Scalar scalar(storage::Database& db, const std::string& sql) {
    auto query = db.connection().prepare(sql);
    if (!query->step() || query->column(0).is_null())
        return {};
    return {query->column(0).as_text(), false};
}

// The SQLite handle, for tests of what is SQLite's alone (pragmas, its schema table).
inline SQLite::Database& raw(storage::Database& db) {
    return storage::sqlite_of(db);
}

inline int count_rows(storage::Database& db, std::string_view table) {
    return scalar(db, fmt::format("SELECT count(*) FROM {}", table)).as_int();
}

// Row counts of every table, to show that a refused write changed nothing.
inline std::map<std::string, int> table_counts(storage::Database& db) {
    std::map<std::string, int> counts;
    for (const auto& table : db.connection().table_names())
        counts[table] = count_rows(db, table);
    return counts;
}

// Every row of `table` as text, ordered by id, for comparing whole databases.
inline std::vector<std::string> dump_table(storage::Database& db, std::string_view table) {
    auto rows = db.connection().prepare(fmt::format("SELECT * FROM {} ORDER BY 1", table));
    std::vector<std::string> out;
    while (rows->step()) {
        std::string line;
        for (int i = 0; i < rows->column_count(); ++i)
            line +=
                (rows->column(i).is_null() ? std::string("NULL") : rows->column(i).as_text()) + "|";
        out.push_back(std::move(line));
    }
    return out;
}

// The clinic's zone in these tests. A function, not a global: date's tz database must not be
// read during static initialisation.
inline const time::ClinicZone& london() {
    static const auto zone = time::ClinicZone::from_setting(std::string(clinic_zone_name));
    return zone;
}

// The clinic's defaults as the schema seeds them (docs/clinical-defaults.md).
inline ClinicSettings seeded_settings() {
    auto db = storage::Database::in_memory();
    return storage::SettingsRepository(db).load();
}

// The exception of type E that `call` throws; fails the test when it throws none.
template <class E, class Call> E thrown(Call&& call) {
    try {
        call();
    } catch (const E& e) {
        return e;
    }
    FAIL("the expected exception was not thrown");
    throw;
}

} // namespace needlebook::test
