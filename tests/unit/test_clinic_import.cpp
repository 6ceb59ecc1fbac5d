// exchange::import_clinic: a whole export (every revision) into a new database, exported again
// equal; what it refuses leaves the new database as it was.
#include "fixtures.hpp"
#include "temp_dir.hpp"

#include "needlebook/error.hpp"
#include "needlebook/exchange/clinic_import.hpp"
#include "needlebook/exchange/csv_export.hpp"
#include "needlebook/records/assessments.hpp"
#include "needlebook/records/courses.hpp"
#include "needlebook/records/merge.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/records/settings.hpp"
#include "needlebook/storage/audit_log.hpp"
#include "needlebook/storage/course_repository.hpp"
#include "needlebook/storage/patient_repository.hpp"
#include "needlebook/storage/sha256.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>

using namespace needlebook;
namespace fs = std::filesystem;
using test::Clinic;

namespace {

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A small clinic with a changed setting, an amended patient and a session, exported whole.
void export_clinic(Clinic& clinic, const fs::path& folder) {
    records::change_setting(clinic.scope, "minimum_age", "21", "clinic policy");
    const auto patient = test::patient_with_consent(clinic, "P-1");
    auto details = patient.details;
    details.family_name = "Roe";
    records::amend_patient(clinic.scope, patient.code, details, "married name");
    records::log_session(clinic.scope, patient.code, test::session_at("2026-07-01T09:30:00Z"));
    exchange::ExportOptions options;
    options.raw = true;
    options.all_revisions = true;
    exchange::export_all(clinic.scope, folder, options);
}

// A database as init makes it, with its scope.
struct NewClinic {
    storage::Database db = test::new_database();
    records::Scope scope{db, test::fixed_clock(), "dr.import"};
};

} // namespace

TEST_CASE("a whole clinic, every revision, is imported and exports again byte for byte") {
    Clinic source;
    test::TempDir dir;
    export_clinic(source, dir.path() / "out");
    NewClinic target;
    const auto result = exchange::import_clinic(target.scope, dir.path() / "out");
    CHECK(result.tables.size() == 12);
    CHECK(result.manifest_sha256 == storage::sha256_of_file(dir.path() / "out" / "manifest.csv"));
    exchange::ExportOptions options;
    options.raw = true;
    options.all_revisions = true;
    exchange::export_all(target.scope, dir.path() / "again", options);
    for (const auto& table : exchange::csv_tables()) {
        if (table.name == "audit")
            continue; // each database keeps its own trail
        const auto name = fmt::format("{}.csv", table.name);
        CAPTURE(name);
        CHECK(read_all(dir.path() / "again" / name) == read_all(dir.path() / "out" / name));
    }
    // The trail starts again: the creation, then the import naming the manifest.
    const auto second =
        test::scalar(target.db, "SELECT action || ': ' || reason FROM audit_log WHERE id "
                                "= 2")
            .as_text();
    CHECK(test::contains(second, "database.import: whole clinic imported from"));
    CHECK(test::contains(second, result.manifest_sha256));
    CHECK(test::contains(second, result.source_head));
    // The clinic's own settings are in force, with the revision that set them.
    CHECK(target.scope.settings().minimum_age == 21);
}

TEST_CASE("an export changed after it was written, or a database with records, is refused") {
    Clinic source;
    test::TempDir dir;
    const auto out = dir.path() / "out";
    export_clinic(source, out);
    NewClinic target;
    const auto counts = test::table_counts(target.db);
    SUBCASE("a file edited") {
        std::ofstream(out / "patients.csv", std::ios::app) << "X,Doe,Jo,1980-01-01,,,,,,0\r\n";
        const auto refused = test::refusal([&] { exchange::import_clinic(target.scope, out); });
        CHECK(test::contains(refused.what(), "patients.csv differs from the file the export "
                                             "wrote"));
    }
    SUBCASE("a manifest that miscounts a file's rows") {
        auto manifest = read_all(out / "manifest.csv");
        const auto at = manifest.find("patients.csv,2,");
        REQUIRE(at != std::string::npos);
        manifest.replace(at, 15, "patients.csv,3,");
        std::ofstream(out / "manifest.csv", std::ios::binary) << manifest;
        const auto refused = test::refusal([&] { exchange::import_clinic(target.scope, out); });
        CHECK(test::contains(refused.what(), "patients.csv holds 2 rows, manifest.csv says 3"));
    }
    // An image entry, photos/<sha256>.jpg|png, is checked with the photo record naming it.
    const auto list_image = [&](const std::string& name, const std::string& sha256) {
        auto manifest = read_all(out / "manifest.csv");
        const auto at = manifest.find("audit chain head,");
        REQUIRE(at != std::string::npos);
        manifest.insert(at, fmt::format("{},10,{}\r\n", name, sha256));
        std::ofstream(out / "manifest.csv", std::ios::binary) << manifest;
        return test::refusal([&] { exchange::import_clinic(target.scope, out); });
    };
    const std::string a(64, 'a'), b(64, 'b');
    SUBCASE("an image the manifest names by another hash") {
        const auto refused = list_image(fmt::format("photos/{}.jpg", a), b);
        CHECK(test::contains(refused.what(), "is not photos/SHA-256.jpg or .png of the SHA-256 "
                                             "beside it"));
    }
    SUBCASE("an image the manifest lists that no photo record names") {
        const auto refused = list_image(fmt::format("photos/{}.png", a), a);
        CHECK(test::contains(refused.what(), fmt::format("manifest.csv lists the image "
                                                         "photos/{}.png, which no photo record "
                                                         "names",
                                                         a)));
    }
    SUBCASE("the source database itself, which holds records") {
        const auto before = test::table_counts(source.db);
        test::thrown<Refused>([&] { exchange::import_clinic(source.scope, out); });
        CHECK(test::table_counts(source.db) == before);
    }
    CHECK(test::table_counts(target.db) == counts);
}

TEST_CASE("a clinic where a chart with a course, scores and voided records was merged into another "
          "round-trips with every revision") {
    Clinic source;
    test::patient_with_consent(source, "TWIN");
    test::patient_with_consent(source, "REAL");
    CourseDetails plan;
    plan.indication = Indication::acne_scars;
    plan.planned = 3;
    plan.every_days = 28;
    plan.started_on = test::day("2026-06-01");
    const auto course = records::start_course(source.scope, "TWIN", plan);
    const auto session =
        records::log_session(source.scope, "TWIN", test::session_at("2026-07-01T09:30:00Z"))
            .session;
    REQUIRE(session.details.course == course.id);
    AssessmentDetails score;
    score.scale = ScaleCode::mmasi;
    score.score = 8;
    score.assessed_on = test::day("2026-07-01");
    score.session = session.id;
    records::record_assessment(source.scope, "TWIN", score);
    // Voided records move too, with a revision voided still.
    score.score = 9;
    const auto wrong = records::record_assessment(source.scope, "TWIN", score);
    records::void_assessment(source.scope, wrong.id, {"typed twice", std::nullopt});
    const auto twice =
        records::log_session(source.scope, "TWIN", test::session_at("2026-07-29T09:30:00Z"))
            .session;
    records::void_session(source.scope, twice.id, {"logged twice", std::nullopt});
    records::merge_patient(source.scope, "TWIN", "REAL", {"the same person", std::nullopt});
    // Revision 1 of the course, the session and the score name TWIN; the merge moved them.
    test::TempDir dir;
    exchange::ExportOptions options;
    options.raw = true;
    options.all_revisions = true;
    exchange::export_all(source.scope, dir.path() / "out", options);

    NewClinic target;
    REQUIRE_NOTHROW(exchange::import_clinic(target.scope, dir.path() / "out"));
    exchange::export_all(target.scope, dir.path() / "again", options);
    for (const auto* name : {"courses.csv", "sessions.csv", "scores.csv", "patients.csv"}) {
        CAPTURE(name);
        CHECK(read_all(dir.path() / "again" / name) == read_all(dir.path() / "out" / name));
    }
    const auto moved = storage::CourseRepository(target.db).find(course.id);
    REQUIRE(moved);
    CHECK(moved->patient_id == storage::PatientRepository(target.db).find("REAL")->id);
}

TEST_CASE("an export whose files put a live record on a voided chart is refused whole") {
    Clinic source;
    test::TempDir dir;
    const auto out = dir.path() / "out";
    export_clinic(source, out); // every revision: P-1, with a session
    // A revision voiding the chart added by hand to patients.csv, the manifest made to agree:
    // the row repeats P-1's newest revision with the next number, voided.
    auto patients = read_all(out / "patients.csv");
    const auto start = patients.rfind("\r\nP-1,", patients.size() - 3) + 2;
    auto row = patients.substr(start, patients.size() - start - 2);
    std::vector<std::string> fields;
    for (std::size_t from = 0;;) {
        const auto comma = row.find(',', from);
        fields.push_back(row.substr(from, comma - from));
        if (comma == std::string::npos)
            break;
        from = comma + 1;
    }
    REQUIRE(fields.size() == 15); // code … merged_into, voided, revision, author, at, local, reason
    fields[9] = "1";
    fields[10] = std::to_string(std::stoi(fields[10]) + 1);
    fields[14] = "hidden by hand";
    patients += fmt::format("{}\r\n", fmt::join(fields, ","));
    std::ofstream(out / "patients.csv", std::ios::binary) << patients;
    auto manifest = read_all(out / "manifest.csv");
    const auto listed = manifest.find("patients.csv,");
    const auto line_end = manifest.find("\r\n", listed);
    const auto rows = std::stoi(manifest.substr(listed + 13));
    manifest.replace(
        listed, line_end - listed,
        fmt::format("patients.csv,{},{}", rows + 1, storage::sha256_of_file(out / "patients.csv")));
    std::ofstream(out / "manifest.csv", std::ios::binary) << manifest;

    NewClinic target;
    const auto counts = test::table_counts(target.db);
    const auto refused = test::refusal([&] { exchange::import_clinic(target.scope, out); });
    INFO(std::string(refused.what()));
    CHECK(test::contains(refused.what(), "records that are not voided on charts that are voided "
                                         "or merged away (session 1 (chart P-1))"));
    CHECK(test::table_counts(target.db) == counts);
}
