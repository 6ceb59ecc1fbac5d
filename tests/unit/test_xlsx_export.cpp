// export --format xlsx at the library level: a complete private file and one audit row, or no
// file, no temporary file and no audit row. What the cells hold is checked by opening the
// workbook in LibreOffice (tests/exchange/xlsx_check.sh).
#include "fixtures.hpp"

#include "needlebook/exchange/xlsx_export.hpp"
#include "needlebook/records/sessions.hpp"

#include <algorithm>
#include <fstream>
#include <sys/stat.h>

using namespace needlebook;
using test::Clinic;

namespace {

int audit_rows(Clinic& clinic) {
    return test::count_rows(clinic.db, "audit_log");
}

// The names in `folder`, to show that no temporary file was left.
std::vector<std::string> names_in(const std::filesystem::path& folder) {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(folder))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

std::string read_all(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void two_patients_with_a_session(Clinic& clinic) {
    const auto patient = test::patient_with_consent(clinic, "P-1");
    records::register_patient(clinic.scope, "P-2", test::patient_details("Roe", "Ann"));
    records::log_session(clinic.scope, patient.code, test::session_at("2026-07-01T09:30:00Z"));
}

} // namespace

TEST_CASE("every sheet name fits a spreadsheet's 31 characters") {
    for (const auto& table : exchange::csv_tables())
        CHECK(table.name.size() <= 31);
}

TEST_CASE("export_all_xlsx writes one private workbook and audits it once") {
    Clinic clinic;
    two_patients_with_a_session(clinic);
    test::TempDir dir;
    const auto file = dir.path() / "clinic.xlsx";
    const int audited = audit_rows(clinic);
    std::vector<std::string> progressed;
    exchange::XlsxOptions options;
    options.progress = [&](std::string_view table, std::int64_t) {
        progressed.emplace_back(table);
    };
    const auto sheets = exchange::export_all_xlsx(clinic.scope, file, options);
    REQUIRE(sheets.size() == exchange::csv_tables().size());
    const auto patients = std::find_if(sheets.begin(), sheets.end(),
                                       [](const auto& sheet) { return sheet.table == "patients"; });
    REQUIRE(patients != sheets.end());
    CHECK(patients->rows == 2);
    CHECK(progressed.size() == sheets.size());
    CHECK(read_all(file).substr(0, 2) == "PK"); // a zip container, as xlsx is
    struct stat info {};
    REQUIRE(::stat(file.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    CHECK(names_in(dir.path()) == std::vector<std::string>{"clinic.xlsx"});
    CHECK(audit_rows(clinic) == audited + 1);
    const auto what =
        test::scalar(clinic.db, "SELECT reason FROM audit_log ORDER BY id DESC LIMIT 1").as_text();
    CHECK(test::contains(what, "all tables as xlsx"));
}

TEST_CASE("export_table_xlsx writes one sheet, with every revision when asked") {
    Clinic clinic;
    two_patients_with_a_session(clinic);
    test::TempDir dir;
    exchange::XlsxOptions options;
    options.all_revisions = true;
    const auto rows = exchange::export_table_xlsx(clinic.scope, exchange::csv_table("patients"),
                                                  dir.path() / "patients.xlsx", options);
    CHECK(rows == 2);
    CHECK(names_in(dir.path()) == std::vector<std::string>{"patients.xlsx"});
}

TEST_CASE("a table longer than a sheet holds is refused: no file, no temporary, no audit") {
    Clinic clinic;
    two_patients_with_a_session(clinic);
    test::TempDir dir;
    const auto file = dir.path() / "clinic.xlsx";
    { std::ofstream(file) << "the old file"; }
    const int audited = audit_rows(clinic);
    exchange::XlsxOptions options;
    options.max_rows = 2; // the two patients fit, their 3 consents and 61 settings do not
    const auto refused =
        test::thrown<Refused>([&] { exchange::export_all_xlsx(clinic.scope, file, options); });
    CHECK(test::contains(refused.what(), "the settings table has more than 2 rows"));
    CHECK(test::contains(refused.what(), "--format csv"));
    CHECK(read_all(file) == "the old file"); // replaced only by a complete workbook
    CHECK(names_in(dir.path()) == std::vector<std::string>{"clinic.xlsx"});
    CHECK(audit_rows(clinic) == audited);
}

TEST_CASE("a workbook is written to a file only: a FIFO or a missing folder is refused") {
    Clinic clinic;
    two_patients_with_a_session(clinic);
    test::TempDir dir;
    const int audited = audit_rows(clinic);
    const auto fifo = dir.path() / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const auto to_fifo = test::thrown<FileError>([&] {
        exchange::export_table_xlsx(clinic.scope, exchange::csv_table("sessions"), fifo, {});
    });
    CHECK(test::contains(to_fifo.what(), "a workbook is written to a file"));
    test::thrown<FileError>([&] {
        exchange::export_all_xlsx(clinic.scope, dir.path() / "missing" / "clinic.xlsx", {});
    });
    CHECK(names_in(dir.path()) == std::vector<std::string>{"pipe"});
    CHECK(audit_rows(clinic) == audited);
}
