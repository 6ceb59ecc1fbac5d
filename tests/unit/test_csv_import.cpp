// exchange::import_table: the whole file is read and checked before the write lock is taken;
// a file past the reader's limits is refused naming the column and the limit; a pipe imports
// as a file does.
#include "fixtures.hpp"

#include "needlebook/error.hpp"
#include "needlebook/exchange/csv_import.hpp"

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
