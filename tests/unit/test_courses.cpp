#include "fixtures.hpp"

#include "needlebook/model/course.hpp"
#include "needlebook/records/assessments.hpp"
#include "needlebook/records/courses.hpp"
#include "needlebook/records/merge.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/report/followups.hpp"
#include "needlebook/storage/course_repository.hpp"

#include <doctest/doctest.h>

using namespace needlebook;

namespace {

CourseDetails acne_plan(std::string_view start = "2026-09-01", int planned = 4, int every = 28) {
    CourseDetails plan;
    plan.indication = Indication::acne_scars;
    plan.planned = planned;
    plan.every_days = every;
    plan.areas = {Area::cheek};
    plan.started_on = test::day(start);
    return plan;
}

Session log_at(test::Clinic& clinic, std::string_view at,
               Indication indication = Indication::acne_scars) {
    auto details = test::session_at(at);
    details.indication = indication;
    return records::log_session(clinic.scope, "P-TEST", details).session;
}

} // namespace

TEST_CASE("course areas are read as codes, each once, and printed back the same") {
    CHECK(parse_course_areas("cheek,nose") == std::vector{Area::cheek, Area::nose});
    CHECK(parse_course_areas("Cheek nose") == std::vector{Area::cheek, Area::nose});
    CHECK(parse_course_areas("").empty());
    CHECK(areas_text({Area::cheek, Area::nose}) == "cheek nose");
    CHECK(test::refusal([] { parse_course_areas("cheek,eyelid"); }).field() == "areas");
    CHECK(std::string(test::refusal([] { parse_course_areas("cheek,cheek"); }).what()) ==
          "area 'cheek' is named twice");
}

TEST_CASE("a course plan is refused outside its ranges, in the future, or closed without why") {
    const auto today = test::day("2026-11-23");
    auto plan = acne_plan();
    CHECK_NOTHROW(validate(plan, today));
    plan.planned = 0;
    CHECK(test::refusal([&] { validate(plan, today); }).field() == "planned");
    plan = acne_plan();
    plan.every_days = 366;
    CHECK(test::refusal([&] { validate(plan, today); }).field() == "every");
    plan = acne_plan("2026-11-24");
    CHECK(test::refusal([&] { validate(plan, today); }).field() == "started");
    plan = acne_plan();
    plan.closing = CourseClosing{test::day("2026-08-31"), CourseOutcome::stopped, "moved away"};
    CHECK(test::refusal([&] { validate(plan, today); }).field() == "on");
    plan.closing = CourseClosing{test::day("2026-10-01"), CourseOutcome::stopped, "  "};
    CHECK(test::refusal([&] { validate(plan, today); }).field() == "reason");
}

TEST_CASE("sessions join the patient's open course of their indication and count in order") {
    test::Clinic clinic;
    test::patient_with_consent(clinic);
    const auto course = records::start_course(clinic.scope, "P-TEST", acne_plan());
    CHECK(test::count_rows(clinic.db, "course_revision") == 1);

    const auto first = log_at(clinic, "2026-09-01T10:00:00Z");
    const auto other = log_at(clinic, "2026-09-15T10:00:00Z", Indication::rejuvenation);
    const auto second = log_at(clinic, "2026-09-29T10:00:00Z");
    CHECK(first.details.course == course.id);
    CHECK_FALSE(other.details.course); // another indication: no course
    CHECK(second.details.course == course.id);

    const auto progress = records::course_progress(clinic.db, course.id);
    REQUIRE(progress.done() == 2);
    CHECK(progress.position_of(second.id) == 2);
    CHECK_FALSE(progress.position_of(other.id));
    CHECK(progress.intervals(test::london()) == std::vector{28});
    CHECK(progress.next_due(test::london()) == test::day("2026-10-27"));
    const auto place = records::course_place(clinic.db, second);
    REQUIRE(place);
    CHECK(place->position == 2);
    CHECK(place->planned == 4);

    // A session recorded late, before the others, takes its place in time order.
    auto late = test::session_at("2026-09-08T10:00:00Z", {{Area::forehead, std::nullopt, 0.5}});
    late.course = course.id;
    const auto logged = records::log_session(clinic.scope, "P-TEST", late).session;
    CHECK(records::course_progress(clinic.db, course.id).position_of(logged.id) == 2);

    // Voided sessions leave the course's count.
    records::void_session(clinic.scope, logged.id, {"logged twice", std::nullopt});
    CHECK(records::course_progress(clinic.db, course.id).done() == 2);
}

TEST_CASE("a session is refused for a course that is not its patient's, voided, for another "
          "indication or not spanning its day") {
    test::Clinic clinic;
    test::patient_with_consent(clinic);
    test::patient_with_consent(clinic, "P-OTHER");
    const auto course = records::start_course(clinic.scope, "P-TEST", acne_plan());
    const auto others = records::start_course(clinic.scope, "P-OTHER", acne_plan());
    const auto before = test::table_counts(clinic.db);

    auto details = test::session_at("2026-09-01T10:00:00Z");
    details.course = others.id;
    CHECK(std::string(test::refusal([&] {
                          records::log_session(clinic.scope, "P-TEST", details);
                      }).what()) ==
          fmt::format("course {} is another patient's course", others.id));
    details.course = course.id;
    details.indication = Indication::melasma;
    CHECK(test::refusal([&] { records::log_session(clinic.scope, "P-TEST", details); }).field() ==
          "course");
    details = test::session_at("2026-08-31T10:00:00Z");
    details.course = course.id;
    CHECK(test::contains(
        test::refusal([&] { records::log_session(clinic.scope, "P-TEST", details); }).what(),
        "starts on 2026-09-01"));
    details.course = CourseId{99};
    CHECK_THROWS_AS(records::log_session(clinic.scope, "P-TEST", details), NotFound);
    CHECK(test::table_counts(clinic.db) == before);
}

TEST_CASE("one open course per indication; closing, amending and voiding keep the sessions "
          "consistent") {
    test::Clinic clinic;
    test::patient_with_consent(clinic);
    const auto course = records::start_course(clinic.scope, "P-TEST", acne_plan());
    CHECK_THROWS_AS(records::start_course(clinic.scope, "P-TEST", acne_plan("2026-10-01")),
                    Conflict);
    const auto session = log_at(clinic, "2026-09-10T10:00:00Z");

    // The plan cannot move past its sessions, nor to another indication than theirs.
    CHECK(std::string(test::refusal([&] {
                          records::amend_course(
                              clinic.scope, course.id,
                              [](CourseDetails& d) { d.indication = Indication::melasma; },
                              {"typo", std::nullopt});
                      }).what()) ==
          fmt::format("session {} of course {} is for acne-scars; amend the session "
                      "(or move it out with --course none) first",
                      session.id, course.id));
    CHECK(test::refusal([&] {
              records::amend_course(
                  clinic.scope, course.id,
                  [](CourseDetails& d) { d.started_on = test::day("2026-09-11"); },
                  {"typo", std::nullopt});
          }).field() == "start");
    CHECK_THROWS_AS(records::void_course(clinic.scope, course.id, {"in error", std::nullopt}),
                    Conflict);
    CHECK(test::refusal([&] {
              records::close_course(clinic.scope, course.id,
                                    {test::day("2026-09-09"), CourseOutcome::stopped, "moved"});
          }).field() == "on");

    const auto closed = records::close_course(
        clinic.scope, course.id, {test::day("2026-11-20"), CourseOutcome::stopped, "moved away"});
    CHECK(closed.revision.number == 2);
    CHECK(closed.revision.reason == "moved away");
    CHECK_FALSE(closed.open());
    CHECK_THROWS_AS(
        records::close_course(clinic.scope, course.id,
                              {test::day("2026-11-21"), CourseOutcome::completed, "done"}),
        Conflict);
    // Closed, a new course of the same indication may start; a new session joins it.
    const auto next = records::start_course(clinic.scope, "P-TEST", acne_plan("2026-11-21"));
    CHECK(log_at(clinic, "2026-11-22T10:00:00Z").details.course == next.id);
    CHECK(records::get_session(clinic.db, session.id).details.course == course.id);

    // With its session moved out, a course can be voided.
    auto moved = records::get_session(clinic.db, session.id).details;
    moved.course.reset();
    records::amend_session(clinic.scope, session.id, moved, "not part of the course");
    const auto voided =
        records::void_course(clinic.scope, course.id, {"started in error", std::nullopt});
    CHECK(voided.revision.voided);
    CHECK(test::count_rows(clinic.db, "course_revision") == 4); // start, close, void, next
}

TEST_CASE("a merge moves the duplicate's courses to the chart it is merged into") {
    test::Clinic clinic;
    test::patient_with_consent(clinic);
    test::patient_with_consent(clinic, "P-TWIN");
    const auto course = records::start_course(clinic.scope, "P-TWIN", acne_plan());
    records::log_session(clinic.scope, "P-TWIN", test::session_at("2026-09-01T10:00:00Z"));
    const auto merged =
        records::merge_patient(clinic.scope, "P-TWIN", "P-TEST", {"same person", std::nullopt});
    CHECK(merged.courses == 1);
    const auto target = records::find_patient(clinic.db, "P-TEST");
    const auto moved = records::get_course(clinic.db, course.id);
    CHECK(moved.patient_id == target.id);
    CHECK(moved.revision.number == 2);
    CHECK(records::course_progress(clinic.db, course.id).done() == 1);
    // The merged chart's next acne-scar session joins the moved course.
    CHECK(log_at(clinic, "2026-09-29T10:00:00Z").details.course == course.id);
}

TEST_CASE("the first session of a course warns when no baseline photo set was taken") {
    test::Clinic clinic;
    test::patient_with_consent(clinic);
    records::start_course(clinic.scope, "P-TEST", acne_plan("2026-09-01", 2));
    const auto first =
        records::log_session(clinic.scope, "P-TEST", test::session_at("2026-09-01T10:00:00Z"));
    const auto warnings = first.warnings();
    REQUIRE(warnings.size() == 1);
    CHECK(warnings[0].key == "course:baseline-photos");
    CHECK(warnings[0].message == "first session of course 1 without a baseline photo set: no "
                                 "front, left-45, right-45 photo taken on or before 2026-09-01");
    // Later sessions do not repeat it; the third of two planned says so.
    CHECK(log_at(clinic, "2026-09-29T10:00:00Z").findings.empty());
    const auto third =
        records::log_session(clinic.scope, "P-TEST", test::session_at("2026-10-27T10:00:00Z"));
    REQUIRE(third.warnings().size() == 1);
    CHECK(third.warnings()[0].message == "course 1 planned 2 sessions; this makes 3");
}

TEST_CASE("the follow-up report lists courses due, and those overdue beyond the setting") {
    const auto patient = PatientLabel{PatientId{1}, "P-1", "Doe", "Jane", 3};
    CourseFact waiting{CourseId{1},
                       patient,
                       Indication::acne_scars,
                       4,
                       28,
                       test::day("2026-09-01"),
                       std::nullopt,
                       {test::utc("2026-09-01T10:00:00Z"), test::utc("2026-09-29T10:00:00Z")}};
    CourseFact late = waiting;
    late.course = CourseId{2};
    late.sessions = {test::utc("2026-09-01T10:00:00Z")}; // due 2026-09-29
    CourseFact fresh = waiting;
    fresh.course = CourseId{3};
    fresh.started_on = test::day("2026-11-23");
    fresh.sessions = {}; // due on its start day
    CourseFact closed = late;
    closed.course = CourseId{4};
    closed.closed_on = test::day("2026-11-01");
    CourseFact complete = waiting;
    complete.course = CourseId{5};
    complete.planned = 2;
    auto settings = test::seeded_settings();
    settings.course_overdue_days = 14;
    const auto report =
        report::summarise_followups({}, {}, {}, settings, test::london(), test::day("2026-11-23"),
                                    {waiting, late, fresh, closed, complete});
    // waiting: due 2026-10-27, 27 days late; late: due 2026-09-29, 55 days; fresh: today.
    REQUIRE(report.courses_overdue.size() == 2);
    CHECK(report.courses_overdue[0].fact.course == CourseId{2});
    CHECK(report.courses_overdue[0].days_late == 55);
    CHECK(report.courses_overdue[1].fact.course == CourseId{1});
    CHECK(report.courses_overdue[1].due_on == test::day("2026-10-27"));
    CHECK(report.courses_overdue[1].done == 2);
    REQUIRE(report.courses_due.size() == 1);
    CHECK(report.courses_due[0].fact.course == CourseId{3});
    CHECK(report.courses_due[0].days_late == 0);
    // As of an earlier day, a later session does not count yet.
    CourseFact booked = waiting;
    booked.sessions = {test::utc("2026-09-01T10:00:00Z"), test::utc("2026-10-15T10:00:00Z")};
    const auto earlier = report::summarise_followups({}, {}, {}, settings, test::london(),
                                                     test::day("2026-10-01"), {booked});
    REQUIRE(earlier.courses_due.size() == 1);
    CHECK(earlier.courses_due[0].done == 1);
    CHECK(earlier.courses_due[0].due_on == test::day("2026-09-29"));
    CHECK(earlier.courses_due[0].days_late == 2);
}

TEST_CASE("a course named by a score is not voided, nor a chart with a course") {
    test::Clinic clinic;
    test::patient_with_consent(clinic);
    const auto course = records::start_course(clinic.scope, "P-TEST", acne_plan());
    AssessmentDetails baseline;
    baseline.scale = ScaleCode::goodman_baron_quant;
    baseline.score = 30;
    baseline.assessed_on = test::day("2026-09-01");
    const auto score = records::record_assessment(clinic.scope, "P-TEST", baseline);
    REQUIRE(score.details.course == course.id);
    const auto before = test::table_counts(clinic.db);
    CHECK(std::string(
              test::thrown<Conflict>([&] {
                  records::void_course(clinic.scope, course.id, {"started in error", std::nullopt});
              }).what()) == fmt::format("course {} is named by score {}; amend it with '--course "
                                        "none' or another course first, or close the course as "
                                        "stopped",
                                        course.id, score.id));
    CHECK(test::contains(
        test::thrown<Conflict>([&] {
            records::void_patient(clinic.scope, "P-TEST", {"registered in error", std::nullopt});
        }).what(),
        fmt::format("has records not voided (course {} and score {})", course.id, score.id)));
    CHECK(test::table_counts(clinic.db) == before);
}
