#include "fixtures.hpp"

#include "needlebook/error.hpp"
#include "needlebook/records/demo.hpp"
#include "needlebook/records/reactions.hpp"
#include "needlebook/records/sessions.hpp"

#include <doctest/doctest.h>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace needlebook;

namespace {

std::map<std::string, std::vector<std::string>> dump_all(storage::Database& db) {
    std::map<std::string, std::vector<std::string>> all;
    for (const auto& [table, count] : test::table_counts(db))
        all[table] = test::dump_table(db, table);
    return all;
}

records::DemoSummary fill(test::Clinic& clinic, int patients, std::uint64_t seed) {
    return records::fill_demo_clinic(clinic.scope, {patients, seed});
}

} // namespace

TEST_CASE("demo: the same seed gives the same clinic, row for row") {
    test::Clinic a, b;
    const auto summary_a = fill(a, 8, 42);
    const auto summary_b = fill(b, 8, 42);
    CHECK(summary_a.patients == 8);
    CHECK(summary_a.sessions == summary_b.sessions);
    CHECK(summary_a.reactions == summary_b.reactions);
    CHECK(dump_all(a.db) == dump_all(b.db));

    SUBCASE("another seed gives another clinic") {
        test::Clinic c;
        fill(c, 8, 43);
        CHECK(test::dump_table(c.db, "patient_revision") !=
              test::dump_table(a.db, "patient_revision"));
    }
}

TEST_CASE("demo: the summary counts what was stored") {
    test::Clinic clinic;
    const auto summary = fill(clinic, 12, 7);
    CHECK_FALSE(summary.already_filled);
    CHECK(summary.patients == test::count_rows(clinic.db, "patient"));
    CHECK(summary.sessions == test::count_rows(clinic.db, "session"));
    CHECK(summary.areas == test::count_rows(clinic.db, "session_area"));
    CHECK(summary.serums == test::count_rows(clinic.db, "serum_use"));
    CHECK(summary.reactions == test::count_rows(clinic.db, "reaction"));
    CHECK(summary.followups == test::count_rows(clinic.db, "followup"));
    CHECK(summary.sessions >= summary.patients); // at least one session each
}

TEST_CASE("demo: a realistic clinic of 60 patients") {
    test::Clinic clinic;
    fill(clinic, 60, 1);
    const auto settings = clinic.scope.settings();
    const auto& zone = clinic.scope.zone();
    const auto today = clinic.scope.today();
    const auto patients = records::list_patients(clinic.db, "");
    REQUIRE(patients.size() == 60);

    std::set<int> types;
    for (const auto& patient : patients) {
        REQUIRE(patient.details.fitzpatrick.has_value());
        types.insert(*patient.details.fitzpatrick);
        CHECK_NOTHROW(validate(patient.details, today));
    }
    CHECK(types == std::set<int>{1, 2, 3, 4, 5, 6});

    CHECK(test::count_rows(clinic.db, "session_override") == 0); // nothing needed an override
    for (const auto& patient : patients) {
        CAPTURE(patient.code);
        storage::SessionFilter filter;
        filter.patient = patient.id;
        const auto sessions = records::list_sessions(clinic.db, filter);
        CHECK(sessions.size() >= 1);
        CHECK(sessions.size() <= 8);
        for (std::size_t i = 0; i < sessions.size(); ++i) {
            const auto& session = sessions[i];
            CHECK(session.details.performed_at <= test::fixed_now());
            CHECK_FALSE(session.has_override());
            for (const auto& area : session.details.areas) {
                CAPTURE(area_side_code(area.area, area.side));
                CAPTURE(area.depth_mm);
                CHECK(area.depth_mm > 0);
                CHECK(area.depth_mm <= settings.depth_limit_mm.at(area.area) + 1e-9);
            }
            const auto day = zone.local_date(session.details.performed_at);
            if (i > 0) {
                const auto gap =
                    time::days_between(zone.local_date(sessions[i - 1].details.performed_at), day);
                CHECK(gap >= 28);
                CHECK(gap <= 56);
            }
            for (const auto& reaction : records::reactions_of(clinic.db, session.id)) {
                CHECK(reaction.details.onset >= day);
                CHECK(reaction.details.onset <= today);
                if (reaction.details.resolved) {
                    CHECK(*reaction.details.resolved >= reaction.details.onset);
                    CHECK(*reaction.details.resolved <= today);
                }
            }
        }
    }
}

TEST_CASE("demo: a database holding real patients is refused and left as it was") {
    test::Clinic clinic;
    records::register_patient(clinic.scope, std::string("P-REAL"), test::patient_details());
    const auto before = test::table_counts(clinic.db);
    CHECK_THROWS_AS(fill(clinic, 5, 1), Conflict);
    CHECK(test::table_counts(clinic.db) == before);
}

TEST_CASE("demo: a demo clinic is not filled twice") {
    test::Clinic clinic;
    fill(clinic, 5, 1);
    const auto before = test::table_counts(clinic.db);
    const auto again = fill(clinic, 5, 1);
    CHECK(again.already_filled);
    CHECK(again.patients == 0);
    CHECK(test::table_counts(clinic.db) == before);
}

TEST_CASE("demo: the number of patients must be sensible") {
    test::Clinic clinic;
    for (int patients : {0, -1}) {
        CAPTURE(patients);
        try {
            fill(clinic, patients, 1);
            FAIL("accepted");
        } catch (const ValidationError& e) {
            CHECK(e.field() == "patients");
        }
    }
    CHECK(test::count_rows(clinic.db, "patient") == 0);
}

TEST_CASE("demo: the options are checked on their own, before any database is opened") {
    CHECK_THROWS_AS(records::check_demo_options({0, 1}), ValidationError);
    CHECK_THROWS_AS(records::check_demo_options({1000001, 1}), ValidationError);
    CHECK_NOTHROW(records::check_demo_options({1, 1}));
    const auto e = test::refusal([] { records::check_demo_options({-5, 1}); });
    CHECK(e.field() == "patients");
    CHECK(test::contains(e.what(), "allowed: 1 to 1000000"));
}
