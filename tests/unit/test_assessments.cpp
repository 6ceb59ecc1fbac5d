#include "fixtures.hpp"

#include "needlebook/model/assessment.hpp"
#include "needlebook/records/assessments.hpp"
#include "needlebook/records/courses.hpp"
#include "needlebook/records/merge.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/storage/assessment_repository.hpp"
#include "needlebook/storage/record_digest.hpp"

#include <doctest/doctest.h>

using namespace needlebook;

namespace {

AssessmentDetails grade(double score, std::string_view on = "2026-09-01") {
    AssessmentDetails details;
    details.scale = ScaleCode::goodman_baron;
    details.score = score;
    details.area = Area::cheek;
    details.side = Side::left;
    details.assessed_on = test::day(on);
    return details;
}

AssessmentDetails whole_patient(ScaleCode scale, double score, std::string_view on) {
    AssessmentDetails details;
    details.scale = scale;
    details.score = score;
    details.assessed_on = test::day(on);
    return details;
}

} // namespace

TEST_CASE("a score must fit its scale: range, decimals, area exactly when per area, a day") {
    const auto today = test::day("2026-11-23");
    CHECK_NOTHROW(validate(grade(4), today));
    CHECK(std::string(test::refusal([&] { validate(grade(5), today); }).what()) ==
          "score 5 is not allowed on goodman-baron; allowed: whole numbers 1 to 4");
    CHECK(test::refusal([&] { validate(grade(2.5), today); }).field() == "score");
    auto no_area = grade(2);
    no_area.area.reset();
    no_area.side.reset();
    CHECK(test::refusal([&] { validate(no_area, today); }).field() == "area");
    auto mmasi = whole_patient(ScaleCode::mmasi, 12.25, "2026-11-01");
    CHECK_NOTHROW(validate(mmasi, today));
    mmasi.score = 12.255;
    CHECK(test::refusal([&] { validate(mmasi, today); }).field() == "score");
    mmasi.score = 12;
    mmasi.area = Area::cheek;
    CHECK(test::refusal([&] { validate(mmasi, today); }).field() == "area");
    // Procedure pain belongs to a session.
    CHECK(test::refusal([&] {
              validate(whole_patient(ScaleCode::pain_nrs, 3, "2026-11-01"), today);
          }).field() == "session");
    CHECK(test::refusal([&] { validate(grade(2, "2026-11-24"), today); }).field() == "on");
}

TEST_CASE("scores are stored with their audit row and fingerprint, and corrected as revisions") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    auto scored = grade(3);
    scored.assessor = "Dr Shah";
    scored.note = "rolling scars";
    const auto score = records::record_assessment(clinic.scope, "P-TEST", scored);
    CHECK(test::count_rows(clinic.db, "assessment_revision") == 1);
    const auto stored = records::get_assessment(clinic.db, score.id);
    CHECK(stored.details == scored);
    CHECK(stored.patient_id == patient.id);
    CHECK(test::scalar(clinic.db,
                       "SELECT action || ' ' || record_kind FROM audit_log ORDER BY id DESC "
                       "LIMIT 1")
              .as_text() == "assessment.add assessment");
    CHECK(storage::record_digest(clinic.db, "assessment", score.id.value, 1));

    const auto amended =
        records::amend_assessment(clinic.scope, score.id, [](AssessmentDetails& d) { d.score = 2; },
                                  {"misread the sheet", 1});
    CHECK(amended.revision.number == 2);
    CHECK(records::get_assessment(clinic.db, score.id).details.score == 2);
    // A stale --based-on, an amendment to a value the scale refuses: nothing stored.
    const auto before = test::table_counts(clinic.db);
    CHECK_THROWS_AS(records::amend_assessment(clinic.scope, score.id,
                                              [](AssessmentDetails& d) { d.score = 1; },
                                              {"again", 1}),
                    Conflict);
    CHECK(test::refusal([&] {
              records::amend_assessment(clinic.scope, score.id,
                                        [](AssessmentDetails& d) { d.score = 9; },
                                        {"typo", std::nullopt});
          }).field() == "score");
    CHECK(test::table_counts(clinic.db) == before);

    records::void_assessment(clinic.scope, score.id, {"wrong patient", std::nullopt});
    CHECK(records::get_assessment(clinic.db, score.id).revision.voided);
    CHECK(storage::AssessmentRepository(clinic.db).for_patient(patient.id).empty());
    CHECK(storage::AssessmentRepository(clinic.db).revisions_for_patient(patient.id).size() == 3);
}

TEST_CASE("a score names only the patient's live sessions and courses, and links its course") {
    test::Clinic clinic;
    test::patient_with_consent(clinic);
    test::patient_with_consent(clinic, "P-OTHER");
    CourseDetails plan;
    plan.indication = Indication::acne_scars;
    plan.planned = 3;
    plan.every_days = 28;
    plan.started_on = test::day("2026-09-01");
    const auto course = records::start_course(clinic.scope, "P-TEST", plan);
    const auto session =
        records::log_session(clinic.scope, "P-TEST", test::session_at("2026-09-02T10:00:00Z"))
            .session;
    const auto others =
        records::log_session(clinic.scope, "P-OTHER", test::session_at("2026-09-02T10:00:00Z"))
            .session;

    // Without a session, the patient's one open course is the one it measures.
    CHECK(records::record_assessment(clinic.scope, "P-TEST", grade(3)).details.course == course.id);
    auto at_session = grade(3, "2026-09-02");
    at_session.session = session.id;
    CHECK(records::record_assessment(clinic.scope, "P-TEST", at_session).details.course ==
          course.id);
    // Named as none, it measures none.
    CHECK_FALSE(
        records::record_assessment(clinic.scope, "P-TEST", grade(3), records::CourseLink::as_given)
            .details.course);

    const auto before = test::table_counts(clinic.db);
    auto wrong = grade(3, "2026-09-02");
    wrong.session = others.id;
    CHECK(test::refusal([&] {
              records::record_assessment(clinic.scope, "P-TEST", wrong);
          }).field() == "session");
    auto early = grade(3, "2026-09-01");
    early.session = session.id;
    CHECK(std::string(test::refusal([&] {
                          records::record_assessment(clinic.scope, "P-TEST", early);
                      }).what()) == "date 2026-09-01 is before session 1 on 2026-09-02");
    auto unborn = grade(3, "1980-01-01");
    CHECK(test::refusal([&] {
              records::record_assessment(clinic.scope, "P-TEST", unborn);
          }).field() == "on");
    CHECK_THROWS_AS(records::record_assessment(clinic.scope, "P-NOBODY", grade(3)), NotFound);
    CHECK(test::table_counts(clinic.db) == before);
}

TEST_CASE("session log --pain stores the pain score with the session, or nothing at all") {
    test::Clinic clinic;
    test::patient_with_consent(clinic);
    records::LogOptions options;
    options.pain = 6;
    const auto logged = records::log_session(clinic.scope, "P-TEST",
                                             test::session_at("2026-11-20T10:00:00Z"), {}, options);
    REQUIRE(logged.pain);
    CHECK(logged.pain->details.scale == ScaleCode::pain_nrs);
    CHECK(logged.pain->details.score == 6);
    CHECK(logged.pain->details.session == logged.session.id);
    CHECK(logged.pain->details.assessed_on == test::day("2026-11-20"));
    CHECK(records::assessments_of_session(clinic.db, logged.session.id).size() == 1);

    const auto before = test::table_counts(clinic.db);
    options.pain = 11;
    CHECK(std::string(test::refusal([&] {
                          records::log_session(clinic.scope, "P-TEST",
                                               test::session_at("2026-11-22T10:00:00Z"), {},
                                               options);
                      }).what()) == "pain 11 is not allowed; allowed: whole numbers 0 to 10");
    CHECK(test::table_counts(clinic.db) == before);
}

TEST_CASE("a merge moves the duplicate's scores to the chart it is merged into") {
    test::Clinic clinic;
    test::patient_with_consent(clinic);
    test::patient_with_consent(clinic, "P-TWIN");
    const auto score = records::record_assessment(clinic.scope, "P-TWIN", grade(3));
    const auto merged =
        records::merge_patient(clinic.scope, "P-TWIN", "P-TEST", {"same person", std::nullopt});
    CHECK(merged.scores == 1);
    const auto target = records::find_patient(clinic.db, "P-TEST");
    const auto moved = storage::AssessmentRepository(clinic.db).for_patient(target.id);
    REQUIRE(moved.size() == 1);
    CHECK(moved[0].id == score.id);
    CHECK(moved[0].revision.number == 2);
    CHECK(moved[0].details == score.details);
}

TEST_CASE("a session is voided with the pain recorded with it, and refused while other scores "
          "name it") {
    test::Clinic clinic;
    test::patient_with_consent(clinic);
    records::LogOptions with_pain;
    with_pain.pain = 4;
    const auto logged = records::log_session(
        clinic.scope, "P-TEST", test::session_at("2026-09-01T10:00:00Z"), {}, with_pain);
    REQUIRE(logged.pain);
    auto gais = whole_patient(ScaleCode::gais_clinician, 2, "2026-09-01");
    gais.session = logged.session.id;
    const auto named = records::record_assessment(clinic.scope, "P-TEST", gais);

    const auto before = test::table_counts(clinic.db);
    CHECK(std::string(test::thrown<Conflict>([&] {
                          records::void_session(clinic.scope, logged.session.id, {"logged twice"});
                      }).what()) ==
          fmt::format("session {} is named by score {}; amend it with '--session "
                      "none' (or another session), or void it if taken in error, "
                      "first",
                      logged.session.id, named.id));
    CHECK(test::table_counts(clinic.db) == before);

    records::void_assessment(clinic.scope, named.id, {"scored at the other visit"});
    const auto voided = records::void_session(clinic.scope, logged.session.id, {"logged twice"});
    CHECK(voided.session.revision.voided);
    REQUIRE(voided.pain_scores.size() == 1);
    CHECK(voided.pain_scores[0].id == logged.pain->id);
    const auto pain = records::get_assessment(clinic.db, logged.pain->id);
    CHECK(pain.revision.voided);
    CHECK(pain.revision.reason ==
          fmt::format("voided with session {}: logged twice", logged.session.id));
    CHECK(storage::AssessmentRepository(clinic.db)
              .for_patient(records::find_patient(clinic.db, "P-TEST").id)
              .empty());
}
