// A command about one patient or one session reads through indexes only, so it does the same
// work at 100,000 patients as at 200 (issue 11). Shown two ways for each such command: EXPLAIN
// QUERY PLAN of every statement it runs scans no record table whole, and SQLite's own counters
// (trigger bodies included) show exactly the same work in a clinic of 200 patients as in one
// of 20.
#include "fixtures.hpp"
#include "statement_trace.hpp"

#include "needlebook/records/demo.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/photos.hpp"
#include "needlebook/records/reactions.hpp"
#include "needlebook/records/safekeeping.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/report/followups.hpp"
#include "needlebook/report/history.hpp"
#include "needlebook/report/outcomes.hpp"
#include "needlebook/storage/photo_repository.hpp"

#include <functional>
#include <map>
#include <regex>
#include <set>
#include <tuple>

namespace needlebook::test {
namespace {

// Tables sized by the clinic's configuration, not by its records: scanning one is flat.
const std::set<std::string> configuration_tables{
    "setting", "setting_revision", "product", "treatment_area", "reaction_kind", "condition_code"};

std::vector<std::string> record_tables(storage::Database& db) {
    std::vector<std::string> tables;
    SQLite::Statement names(test::raw(db),
                            "SELECT name FROM sqlite_schema WHERE type = 'table' AND "
                            "name NOT LIKE 'sqlite_%'");
    while (names.executeStep())
        if (!configuration_tables.contains(names.getColumn(0).getString()))
            tables.push_back(names.getColumn(0).getString());
    return tables;
}

// The tables each name in a query plan may stand for: "FROM t a" / "JOIN t AS a" in the
// statement and in the views it reads.
std::multimap<std::string, std::string> names_in(storage::Database& db, const std::string& sql) {
    std::string text = sql;
    SQLite::Statement views(test::raw(db),
                            "SELECT name, sql FROM sqlite_schema WHERE type = 'view'");
    while (views.executeStep())
        if (std::regex_search(sql, std::regex("\\b" + views.getColumn(0).getString() + "\\b")))
            text += " " + views.getColumn(1).getString();
    static const std::regex source(R"(\b(?:FROM|JOIN)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?)",
                                   std::regex::icase);
    std::multimap<std::string, std::string> names;
    for (std::sregex_iterator it(text.begin(), text.end(), source), end; it != end; ++it) {
        names.emplace((*it)[1], (*it)[1]);
        if ((*it)[2].matched)
            names.emplace((*it)[2], (*it)[1]);
    }
    return names;
}

// The record tables that EXPLAIN QUERY PLAN says `sql` scans whole (with the plan's line).
std::vector<std::string> record_tables_scanned(storage::Database& db, const std::string& sql) {
    const auto records = record_tables(db);
    const auto names = names_in(db, sql);
    SQLite::Statement plan(test::raw(db), "EXPLAIN QUERY PLAN " + sql);
    std::vector<std::string> scanned;
    static const std::regex scan(R"(^SCAN (\w+))");
    while (plan.executeStep()) {
        const auto detail = plan.getColumn(3).getString();
        std::smatch match;
        if (!std::regex_search(detail, match, scan))
            continue;
        const auto [first, last] = names.equal_range(match[1]);
        for (auto it = first; it != last; ++it)
            if (std::find(records.begin(), records.end(), it->second) != records.end())
                scanned.push_back(it->second + " (" + detail + ")");
    }
    return scanned;
}

SessionDetails three_areas_two_serums(std::string_view at) {
    auto details = session_at(at, {{Area::forehead, std::nullopt, 0.5, 2},
                                   {Area::cheek, Side::left, 1.0, 3},
                                   {Area::cheek, Side::right, 1.0, 3}});
    details.serums = {{"ha-serum", "HA-B7", SerumPhase::during}, {"gf-serum", "GF-A1"}};
    return details;
}

// What one command did: the statements it ran, in order.
using Commands = std::map<std::string, std::vector<TracedStatement>>;

// In a demo clinic of `patients`, a new patient goes through every per-patient and per-session
// command a practitioner and a manager use; each is traced.
Commands per_patient_commands(int patients) {
    Clinic clinic;
    records::fill_demo_clinic(clinic.scope, {patients, 7});
    auto& scope = clinic.scope;
    auto& db = clinic.db;
    Commands traced;
    const auto run = [&](const std::string& name, const std::function<void()>& work) {
        traced[name] = trace_statements(db, work);
    };
    Patient patient;
    run("patient add", [&] {
        patient =
            records::register_patient(scope, std::nullopt, patient_details("Flatley", "Constance"));
        records::possible_duplicates(scope, patient);
    });
    run("consent add", [&] {
        records::add_consent(scope, patient.code, {day("2026-01-05"), "microneedling"});
    });
    Session session;
    run("session log", [&] {
        session = records::log_session(scope, patient.code,
                                       three_areas_two_serums("2026-11-20T10:00:00Z"))
                      .session;
    });
    Reaction reaction;
    run("reaction add", [&] {
        reaction = records::add_reaction(scope, session.id,
                                         {ReactionKind::erythema, Severity::mild, Area::cheek,
                                          Side::left, day("2026-11-20"), std::nullopt, ""});
    });
    run("reaction resolve",
        [&] { records::resolve_reaction(scope, reaction.id, day("2026-11-22")); });
    run("followup add", [&] {
        records::add_followup(scope, session.id,
                              {day("2026-11-23"), FollowupOutcome::reactions, ""});
    });
    run("session amend", [&] {
        auto details = session.details;
        details.note = "forehead lighter next time";
        records::amend_session(scope, session.id, details, "note added");
    });
    run("patient show", [&] {
        db.write([&] {
            const auto found = records::find_patient(db, patient.code);
            records::conditions_of(db, found.id);
            records::consents_of(db, found.id);
            storage::SessionFilter filter;
            filter.patient = found.id;
            filter.include_voided = true;
            records::list_sessions(db, filter);
            records::audit_read(scope, "patient.show", "patient", found.id.value, found.id.value,
                                found.revision.number);
        });
    });
    run("session show", [&] {
        db.write([&] {
            const auto found = records::get_session(db, session.id);
            records::reactions_of(db, found.id);
            records::followups_of(db, found.id);
            records::audit_read(scope, "session.show", "session", found.id.value,
                                found.patient_id.value, found.revision.number);
        });
    });
    run("history", [&] { report::build_history(scope, patient.code); });
    // A photo record as add_photo stores it (its image needs a database file; the queries
    // do not), kept without photo consent so an amendment is not refused.
    const auto photo = db.write([&] {
        const PhotoImage image{std::string(64, 'a'), 1234, ImageType::jpeg, "front.jpg"};
        const PhotoDetails details{PhotoView::front, day("2026-11-20"), session.id, "",
                                   "verbal consent given"};
        const auto id =
            storage::PhotoRepository(db).insert(patient.id, image, details, scope.revision(1));
        append_audit(db, scope.audit("photo.add", "photo", id.value, patient.id.value, 1));
        return id;
    });
    run("photo list", [&] { records::list_photos(scope, patient.code); });
    run("photo amend", [&] {
        records::amend_photo(scope, photo, [](PhotoDetails& d) { d.view = PhotoView::left_45; },
                             {"wrong side", std::nullopt});
    });
    return traced;
}

} // namespace

TEST_CASE("per-patient and per-session commands scan no record table and do the same work in a "
          "clinic ten times the size") {
    const auto small = per_patient_commands(20);
    const auto large = per_patient_commands(200);
    Clinic clinic; // only for the schema the plans are read against
    records::fill_demo_clinic(clinic.scope, {2, 7});
    for (const auto& [command, statements] : large) {
        CAPTURE(command);
        REQUIRE(!statements.empty());
        long small_steps = 0, large_steps = 0, small_scans = 0, large_scans = 0;
        for (const auto& statement : small.at(command)) {
            small_steps += statement.vm_steps;
            small_scans += statement.full_scan_steps;
        }
        for (const auto& statement : statements) {
            large_steps += statement.vm_steps;
            large_scans += statement.full_scan_steps;
            CAPTURE(statement.sql);
            CHECK(record_tables_scanned(clinic.db, statement.sql) == std::vector<std::string>{});
        }
        CHECK(large.at(command).size() == small.at(command).size());
        CHECK(large_scans == small_scans);
        CHECK(large_steps == small_steps);
        MESSAGE(command, ": ", statements.size(), " statements, ", large_steps,
                " VM steps at 200 patients (", small_steps, " at 20)");
    }
}

// A report reads whole tables, each once, however many patients it lists: the conditions the
// follow-up report needs to tell who is not eligible come in one query, not one per patient.
// (It writes one disclosure row per patient listed; only its reads are compared.)
TEST_CASE("report followups reads each table once, in a clinic of 20 patients as of 200") {
    const auto reads = [](int patients) {
        Clinic clinic;
        records::fill_demo_clinic(clinic.scope, {patients, 7});
        // A blocking condition for every third patient, so eligibility is worked out.
        for (int p = 1; p <= patients; p += 3)
            records::add_condition(clinic.scope, fmt::format("P-{:06}", p),
                                   {ConditionCode::eczema, std::nullopt, std::nullopt, ""});
        std::vector<std::string> sql;
        for (const auto& statement : trace_statements(
                 clinic.db, [&] { report::followup_report(clinic.scope, std::nullopt); }))
            if (statement.sql.starts_with("SELECT") || statement.sql.starts_with("WITH"))
                sql.push_back(statement.sql);
        return sql;
    };
    const auto small = reads(20);
    const auto large = reads(200);
    CHECK(large == small);
    // The conditions once, and their clearances once: not a query per patient.
    const auto reading = [&](std::string_view what) {
        return std::count_if(large.begin(), large.end(), [&](const std::string& sql) {
            return sql.find(what) != std::string::npos;
        });
    };
    CHECK(reading("FROM condition c JOIN condition_revision r") == 1);
    CHECK(reading("FROM condition_clearance") == 1);
}

// report outcomes likewise: scores, sessions, areas and serums each read once for the whole
// clinic, never once per patient or per unit.
TEST_CASE("report outcomes reads each table once, in a clinic of 20 patients as of 200") {
    const auto reads = [](int patients) {
        Clinic clinic;
        records::fill_demo_clinic(clinic.scope, {patients, 7});
        // A baseline and a later score for every patient, as 'assess' stores them (ids above
        // the demo's own scores).
        for (const auto& [first_id, on, score] :
             {std::tuple{1000000, "2026-01-05", 40}, std::tuple{2000000, "2026-11-20", 25}}) {
            clinic.db.exec(fmt::format("INSERT INTO assessment (id, created_at) SELECT "
                                       "{} + id, '2026-11-23T15:00:00Z' FROM patient",
                                       first_id));
            clinic.db.exec(fmt::format(
                "INSERT INTO assessment_revision (assessment_id, revision, patient_id, scale, "
                "score, assessed_on, author, recorded_at) SELECT {} + id, 1, id, "
                "'goodman-baron-quant', {}, '{}', 'dr.test', '2026-11-23T15:00:00Z' FROM patient",
                first_id, score, on));
        }
        std::vector<std::string> sql;
        for (const auto& statement : trace_statements(clinic.db, [&] {
                 const auto report =
                     report::outcome_report(clinic.scope, {}, report::OutcomeGrouping::depth);
                 CHECK(report.groups.size() >= 1);
             }))
            if (statement.sql.starts_with("SELECT") || statement.sql.starts_with("WITH"))
                sql.push_back(statement.sql);
        return sql;
    };
    const auto small = reads(20);
    const auto large = reads(200);
    CHECK(large == small);
    const auto reading = [&](std::string_view what) {
        return std::count_if(large.begin(), large.end(), [&](const std::string& sql) {
            return sql.find(what) != std::string::npos;
        });
    };
    CHECK(reading("FROM assessment a JOIN assessment_revision r") == 1);
    CHECK(reading("FROM session s JOIN session_revision r") == 1);
    CHECK(reading("FROM session_area") == 1);
    CHECK(reading("FROM serum_use") == 1);
}

} // namespace needlebook::test
