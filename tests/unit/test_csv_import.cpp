// exchange::import_table: the whole file is read and checked before the write lock is taken;
// a file past the reader's limits is refused naming the column and the limit; a pipe imports
// as a file does.
#include "fixtures.hpp"

#include "needlebook/error.hpp"
#include "needlebook/exchange/csv_import.hpp"
#include "needlebook/records/courses.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/storage/course_repository.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace needlebook;
namespace fs = std::filesystem;

namespace {

constexpr std::string_view patients_header =
    "code,family_name,given_name,birth_date,fitzpatrick,phone,email,note,voided\r\n";

std::string patient_row(int n, const std::string& note = "") {
    return fmt::format("P-{:06},Family{},Given{},1980-01-{:02},,,,{},0\r\n", n, n, n, n % 28 + 1,
                       note);
}

// A clinic in a database file (not in memory), so a second connection can compete for it.
struct FileClinic {
    fs::path folder;
    std::optional<storage::Database> db;
    std::optional<records::Scope> scope;

    FileClinic() {
        std::string pattern = (fs::temp_directory_path() / "import-XXXXXX").string();
        folder = ::mkdtemp(pattern.data());
        db.emplace(storage::Database::open(folder / "clinic.db", storage::Database::Create::yes,
                                           {"dr.test", test::fixed_now(), true}));
        scope.emplace(*db, test::fixed_clock(), std::string(test::test_actor));
    }
    ~FileClinic() {
        scope.reset();
        db.reset();
        fs::remove_all(folder);
    }
    fs::path write(const std::string& name, const std::string& text) const {
        std::ofstream(folder / name, std::ios::binary) << text;
        return folder / name;
    }
    // Another program's connection, which must not wait for the lock (busy timeout 0).
    SQLite::Database other() const {
        return SQLite::Database((folder / "clinic.db").string(), SQLite::OPEN_READWRITE, 0);
    }
};

std::string refusal_of(FileClinic& clinic, const fs::path& file) {
    try {
        exchange::import_table(*clinic.scope, "patients", file);
    } catch (const ValidationError& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("a field past 1 MiB is refused naming its line, column and the limit; nothing stored") {
    FileClinic clinic;
    const auto file = clinic.write("big.csv", std::string(patients_header) + patient_row(1) +
                                                  patient_row(2, std::string(2 << 20, 'n')));
    const auto before = test::table_counts(*clinic.db);
    const auto message = refusal_of(clinic, file);
    CHECK(test::contains(message, "big.csv:3: column note:"));
    CHECK(test::contains(message, "field 8 is longer than 1 MiB (1048576 bytes)"));
    CHECK(test::table_counts(*clinic.db) == before);
}

TEST_CASE("a file with problems is refused while another connection holds the write lock: it "
          "never asks for it") {
    FileClinic clinic;
    exchange::import_table(
        *clinic.scope, "patients",
        clinic.write("first.csv", std::string(patients_header) + patient_row(1)));
    auto other = clinic.other();
    other.exec("BEGIN IMMEDIATE");
    // A chart code already stored, a bad date: found on the first reading, without the lock.
    const auto message =
        refusal_of(clinic, clinic.write("again.csv", std::string(patients_header) + patient_row(1) +
                                                         "P-000009,Doe,Jane,1980-02-30,,,,,0\r\n"));
    other.exec("ROLLBACK");
    CHECK(test::contains(message, "again.csv:2: column code: chart code 'P-000001' is already"));
    CHECK(test::contains(message, "again.csv:3: column birth_date:"));
    CHECK_FALSE(test::contains(message, "busy"));
}

TEST_CASE("while the file is read (a FIFO kept waiting), another connection can write") {
    FileClinic clinic;
    const auto fifo = clinic.folder / "feed";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    exchange::ImportResult result;
    std::string failure;
    std::thread importer([&] {
        try {
            result = exchange::import_table(*clinic.scope, "patients", fifo);
        } catch (const std::exception& e) {
            failure = e.what();
        }
    });
    std::ofstream feed(fifo, std::ios::binary);
    feed << patients_header << patient_row(1) << patient_row(2) << std::flush;
    std::this_thread::sleep_for(std::chrono::milliseconds(200)); // the import waits for more
    auto other = clinic.other();
    CHECK_NOTHROW(other.exec("BEGIN IMMEDIATE; CREATE TABLE scratch (x); DROP TABLE scratch; "
                             "COMMIT"));
    feed << patient_row(3);
    feed.close();
    importer.join();
    CHECK(failure.empty());
    CHECK(result.rows == 3);
    CHECK(test::count_rows(*clinic.db, "patient") == 3);
}

namespace {

constexpr std::string_view sessions_header =
    "id,patient,performed_at,practitioner,indication,device,model,cartridge,cartridge_lot,"
    "anaesthetic,endpoint,aftercare,note,areas,serums,findings,voided\r\n";

std::string session_row(int id, int patient, const std::string& at) {
    return fmt::format(
        "{},P-{:06},{},Dr Lee,rejuvenation,pen,,,,,,,,\"[{{\"\"area\"\":"
        "\"\"forehead\"\",\"\"side\"\":null,\"\"depth_mm\"\":0.3,\"\"passes\"\":2}}]\","
        "[],[],0\r\n",
        id, patient, at);
}

std::vector<std::string> warnings_for(const exchange::ImportResult& result, int session) {
    std::vector<std::string> found;
    for (const auto& warning : result.warnings)
        if (test::contains(warning, fmt::format("session {}: interval:", session)))
            found.push_back(warning);
    return found;
}

} // namespace

TEST_CASE("the clinical checks of imported sessions see the patient's sessions stored before, "
          "whichever patient the rows in between belong to") {
    FileClinic clinic;
    exchange::import_table(*clinic.scope, "patients",
                           clinic.write("patients.csv", std::string(patients_header) +
                                                            patient_row(1) + patient_row(2)));
    // Patient 1's rows are split by one of patient 2 (the kept file is read again), then follow
    // each other (the session just stored is added to the kept file).
    const auto result = exchange::import_table(
        *clinic.scope, "sessions",
        clinic.write("sessions.csv", std::string(sessions_header) +
                                         session_row(1, 1, "2026-03-01T10:00:00Z") +
                                         session_row(2, 2, "2026-03-01T10:00:00Z") +
                                         session_row(3, 1, "2026-03-11T10:00:00Z") +
                                         session_row(4, 1, "2026-03-10T10:00:00Z")));
    CHECK(result.rows == 4);
    CHECK(warnings_for(result, 1).empty());
    CHECK(warnings_for(result, 2).empty());
    REQUIRE(warnings_for(result, 3).size() == 1);
    CHECK(test::contains(warnings_for(result, 3)[0], "10 days earlier, in session 1 "));
    REQUIRE(warnings_for(result, 4).size() == 1);
    CHECK(test::contains(warnings_for(result, 4)[0], "1 day later, in session 3 "));
}

TEST_CASE("a row the schema refuses is listed as that row's problem and nothing is stored") {
    FileClinic clinic;
    exchange::import_table(
        *clinic.scope, "patients",
        clinic.write("patients.csv", std::string(patients_header) + patient_row(1)));
    // A key of 300 characters passes the importer's checks (a finding key has no length of its
    // own) but not the schema's CHECK (at most 200).
    auto row = session_row(2, 1, "2026-03-01T10:00:00Z");
    const std::string long_key = R"("[{""key"":""lot:)" + std::string(300, 'A') +
                                 R"("",""level"":""warning"",)" +
                                 R"(""message"":""lot not registered""}]")";
    row.replace(row.rfind(",[],0"), 3, "," + long_key);
    const auto before = test::table_counts(*clinic.db);
    std::string message;
    try {
        exchange::import_table(
            *clinic.scope, "sessions",
            clinic.write("bad.csv", std::string(sessions_header) +
                                        session_row(1, 1, "2026-02-01T10:00:00Z") + row));
    } catch (const ValidationError& e) {
        message = e.what();
    }
    INFO(message);
    CHECK(test::contains(message, "bad.csv:3: the database refused it: CHECK constraint failed"));
    CHECK(test::table_counts(*clinic.db) == before);
}

namespace {

constexpr std::string_view course_sessions_header =
    "id,patient,performed_at,practitioner,indication,device,areas,serums,findings,voided,"
    "course\r\n";

std::string course_session_row(int id, int patient, const std::string& at, int course,
                               const std::string& indication = "rejuvenation") {
    return fmt::format("{},P-{:06},{},Dr Lee,{},pen,\"[{{\"\"area\"\":\"\"forehead\"\",\"\"side"
                       "\"\":null,\"\"depth_mm\"\":0.3,\"\"passes\"\":2}}]\",[],[],0,{}\r\n",
                       id, patient, at, indication, course);
}

CourseDetails rejuvenation_course(std::string_view start, int planned = 3) {
    CourseDetails plan;
    plan.indication = Indication::rejuvenation;
    plan.planned = planned;
    plan.every_days = 28;
    plan.started_on = test::day(start);
    return plan;
}

// The problem the whole file was refused for ("" when it was imported).
std::string import_refusal(FileClinic& clinic, std::string_view table, const fs::path& file) {
    try {
        exchange::import_table(*clinic.scope, table, file);
    } catch (const ValidationError& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("imported sessions and scores keep their course's rules, as 'session log' and 'assess' "
          "do; a file that breaks one is refused whole") {
    FileClinic clinic;
    exchange::import_table(*clinic.scope, "patients",
                           clinic.write("patients.csv", std::string(patients_header) +
                                                            patient_row(1) + patient_row(2)));
    auto& scope = *clinic.scope;
    const auto open =
        records::start_course(scope, "P-000001", rejuvenation_course("2026-03-01", 1));
    const auto others = records::start_course(scope, "P-000002", rejuvenation_course("2026-03-01"));
    auto melasma = rejuvenation_course("2026-03-01");
    melasma.indication = Indication::melasma;
    const auto voided = records::start_course(scope, "P-000001", melasma);
    records::void_course(scope, voided.id, {"started in error", std::nullopt});
    auto acne = rejuvenation_course("2026-01-01");
    acne.indication = Indication::acne_scars;
    const auto closed = records::start_course(scope, "P-000001", acne);
    records::close_course(scope, closed.id,
                          {test::day("2026-02-01"), CourseOutcome::stopped, "moved away"});
    const auto before = test::table_counts(*clinic.db);
    const auto sessions = [&](const std::string& rows) {
        return import_refusal(clinic, "sessions",
                              clinic.write("sessions.csv", std::string(course_sessions_header) +
                                                               course_session_row(1, 1,
                                                                                  "2026-03-02T"
                                                                                  "10:00:00Z",
                                                                                  1) +
                                                               rows));
    };
    const auto refused = [&](const std::string& message, std::string_view what) {
        INFO(message);
        CHECK(test::contains(message, "sessions.csv:3: column course: "));
        CHECK(test::contains(message, what));
        CHECK(test::table_counts(*clinic.db) == before);
    };
    REQUIRE(open.id.value == 1);
    SUBCASE("another patient's course") {
        refused(sessions(course_session_row(2, 1, "2026-03-05T10:00:00Z", others.id.value)),
                "course 2 is another patient's course");
    }
    SUBCASE("a voided course") {
        refused(
            sessions(course_session_row(2, 1, "2026-03-05T10:00:00Z", voided.id.value, "melasma")),
            "course 3 is voided");
    }
    SUBCASE("a course of another indication") {
        refused(sessions(course_session_row(2, 1, "2026-01-05T10:00:00Z", closed.id.value)),
                "course 4 is for acne-scars, and this session is for rejuvenation");
    }
    SUBCASE("a day before the course's start") {
        refused(sessions(course_session_row(2, 1, "2026-02-27T10:00:00Z", open.id.value)),
                "course 1 starts on 2026-03-01, after this session's day 2026-02-27");
    }
    SUBCASE("a day after the course's close") {
        refused(sessions(course_session_row(2, 1, "2026-03-05T10:00:00Z", closed.id.value,
                                            "acne-scars")),
                "course 4 was closed on 2026-02-01, before this session's day 2026-03-05");
    }
    SUBCASE("a session beyond the plan is imported with a warning") {
        CHECK(sessions(course_session_row(2, 1, "2026-03-30T10:00:00Z", open.id.value)).empty());
        CHECK(storage::CourseRepository(*clinic.db).sessions_of(open.id).size() == 2);
    }
    SUBCASE("a score naming a voided course, or another patient's session") {
        CHECK(sessions("").empty());
        const auto counts = test::table_counts(*clinic.db);
        const std::string header =
            "id,patient,scale,score,area,side,assessed_on,session,course,assessor,note\r\n";
        auto message = import_refusal(
            clinic, "scores",
            clinic.write(
                "scores.csv",
                header + "1,P-000001,mmasi,8.0,,,2026-03-02,1,1,,\r\n" +
                    fmt::format("2,P-000001,mmasi,7.0,,,2026-03-02,,{},,\r\n", voided.id.value) +
                    "3,P-000002,mmasi,6.0,,,2026-03-02,1,,,\r\n"));
        INFO(message);
        CHECK(test::contains(message, "(2 problems)"));
        CHECK(test::contains(message, "scores.csv:3: column course: course 3 is voided"));
        CHECK(test::contains(message,
                             "scores.csv:4: column session: session 1 is another patient's"));
        CHECK(test::table_counts(*clinic.db) == counts);
    }
}

TEST_CASE("an imported course keeps the rules of 'course start'; a second open one of an "
          "indication is said, as a merge can bring one") {
    FileClinic clinic;
    exchange::import_table(*clinic.scope, "patients",
                           clinic.write("patients.csv", std::string(patients_header) +
                                                            patient_row(1) + patient_row(2)));
    const std::string header = "id,patient,indication,planned,every_days,areas,goal,started_on,"
                               "closed_on,outcome,close_reason\r\n";
    const auto before = test::table_counts(*clinic.db);
    const auto born_later = import_refusal(
        clinic, "courses",
        clinic.write("courses.csv", header + "1,P-000001,melasma,3,28,,,1979-12-01,,,\r\n"));
    INFO(born_later);
    CHECK(test::contains(born_later,
                         "courses.csv:2: column started_on: course start 1979-12-01 is before "
                         "P-000001 was born"));
    CHECK(test::table_counts(*clinic.db) == before);

    // As on the command line, a voided chart takes no course.
    records::void_patient(*clinic.scope, "P-000002", {"registered in error", std::nullopt});
    const auto counts = test::table_counts(*clinic.db);
    const auto on_voided = import_refusal(
        clinic, "courses",
        clinic.write("courses.csv", header + "1,P-000002,melasma,3,28,,,2026-01-01,,,\r\n"));
    CHECK(test::contains(on_voided, "courses.csv:2: column patient: patient P-000002 is voided "
                                    "(registered in error); no record can be added to the chart"));
    CHECK(test::table_counts(*clinic.db) == counts);

    const auto result = exchange::import_table(
        *clinic.scope, "courses",
        clinic.write("courses.csv", header + "1,P-000001,melasma,3,28,,,2026-01-01,,,\r\n" +
                                        "2,P-000001,melasma,3,28,,,2026-02-01,,,\r\n"));
    CHECK(result.rows == 2);
    REQUIRE(result.warnings.size() == 1);
    CHECK(result.warnings[0] == "courses.csv line 3: course 2: course 1 for melasma is open for "
                                "this patient too; a session joins one only when named with "
                                "--course");
}
