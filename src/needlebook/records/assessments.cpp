#include "needlebook/records/assessments.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/courses.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/safekeeping.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/storage/assessment_repository.hpp"

#include <fmt/format.h>

namespace needlebook::records {
namespace {

std::string score_label(AssessmentId id) {
    return fmt::format("score {}", id);
}

// What a score refers to must be the patient's and live: its session (on or before the score's
// day) and its course. Fills in the course when `link` is automatic.
void check_references(storage::Database& db, const time::ClinicZone& zone, const Patient& patient,
                      AssessmentDetails& details, CourseLink link) {
    check_not_before_birth(patient, details.assessed_on, "on", "date");
    std::optional<Session> session;
    if (details.session) {
        session = get_session(db, *details.session, storage::SessionRepository::Parts::areas);
        if (session->revision.voided)
            throw ValidationError(
                "session",
                fmt::format("session {} is voided; no score can name it", *details.session));
        if (session->patient_id != patient.id)
            throw ValidationError("session", fmt::format("session {} is another patient's "
                                                         "(chart {})",
                                                         session->id, session->patient_code));
        const auto day = zone.local_date(session->details.performed_at);
        if (details.scale == ScaleCode::pain_nrs && details.assessed_on != day)
            throw ValidationError("on", fmt::format("pain during session {} is scored on its day, "
                                                    "{}, not {}",
                                                    session->id, time::format_date(day),
                                                    time::format_date(details.assessed_on)));
        if (details.assessed_on < day)
            throw ValidationError("on", fmt::format("date {} is before session {} on {}",
                                                    time::format_date(details.assessed_on),
                                                    session->id, time::format_date(day)));
    }
    if (link == CourseLink::automatic) {
        if (session && session->details.course) {
            details.course = session->details.course;
        } else {
            // The patient's one open course that has started by the score's day, if only one.
            std::optional<CourseId> only;
            int open = 0;
            for (const auto& course : storage::CourseRepository(db).for_patient(patient.id))
                if (course.open() && course.details.started_on <= details.assessed_on) {
                    only = course.id;
                    ++open;
                }
            details.course = open == 1 ? only : std::nullopt;
        }
    }
    if (details.course) {
        if (session && session->details.course && *session->details.course != *details.course)
            throw ValidationError(
                "course", fmt::format("session {} belongs to course {}; a score taken at it "
                                      "measures that course (or give --course none)",
                                      session->id, *session->details.course));
        const auto course = get_course(db, *details.course);
        if (course.revision.voided)
            throw ValidationError(
                "course", fmt::format("course {} is voided; no score can name it", course.id));
        if (course.patient_id != patient.id)
            throw ValidationError("course",
                                  fmt::format("course {} is another patient's", course.id));
    }
}

Assessment current_assessment(storage::Database& db, AssessmentId id) {
    return get_assessment(db, id);
}

RecordCorrection<Assessment>
assessment_correction(Scope& scope, storage::AssessmentRepository& scores, AssessmentId id) {
    RecordCorrection<Assessment> how;
    how.kind = "assessment";
    how.label = score_label(id);
    how.check = [&scope](const Assessment& assessment) {
        validate(assessment.details, scope.today());
        auto details = assessment.details;
        check_score_references(scope.db(), scope.zone(),
                               find_patient_by_id(scope.db(), assessment.patient_id), details);
    };
    how.store = [&scores](const Assessment& assessment) { scores.add_revision(assessment); };
    how.patient_of = [](const Assessment& assessment) { return assessment.patient_id; };
    return how;
}

} // namespace

void check_score_references(storage::Database& db, const time::ClinicZone& zone,
                            const Patient& patient, AssessmentDetails details) {
    check_references(db, zone, patient, details, CourseLink::as_given);
}

AssessmentId parse_assessment_id(std::string_view text) {
    return AssessmentId{parse_record_id(text, "score", "use the number printed by 'assess'")};
}

Assessment get_assessment(storage::Database& db, AssessmentId id) {
    if (auto found = storage::AssessmentRepository(db).find(id))
        return *found;
    throw NotFound(fmt::format("no score {}; see 'needlebook score list PATIENT'", id));
}

Assessment record_assessment(Scope& scope, const Patient& patient, AssessmentDetails details,
                             CourseLink link) {
    return scope.db().write([&] {
        validate(details, scope.today());
        check_references(scope.db(), scope.zone(), patient, details, link);
        Assessment assessment{{}, patient.id, details, scope.revision(1)};
        assessment.id = storage::AssessmentRepository(scope.db()).insert(assessment);
        append_audit(scope.db(), scope.audit("assessment.add", "assessment", assessment.id.value,
                                             patient.id.value, 1));
        return assessment;
    });
}

Assessment record_assessment(Scope& scope, std::string_view patient_code, AssessmentDetails details,
                             CourseLink link) {
    validate(details, scope.today());
    return scope.db().write([&] {
        return record_assessment(scope, open_patient(scope.db(), patient_code, "score"), details,
                                 link);
    });
}

Assessment amend_assessment(Scope& scope, AssessmentId id,
                            const std::function<void(AssessmentDetails&)>& edit,
                            const Correction& correction) {
    check_reason("reason", correction.reason);
    return scope.db().write([&] {
        storage::AssessmentRepository scores(scope.db());
        auto how = assessment_correction(scope, scores, id);
        how.edit = edit;
        return apply_correction(scope, current_assessment(scope.db(), id), correction,
                                CorrectionKind::amend, how);
    });
}

Assessment void_assessment(Scope& scope, AssessmentId id, const Correction& correction) {
    check_reason("reason", correction.reason);
    return scope.db().write([&] {
        storage::AssessmentRepository scores(scope.db());
        return apply_correction(scope, current_assessment(scope.db(), id), correction,
                                CorrectionKind::void_record,
                                assessment_correction(scope, scores, id));
    });
}

std::vector<Assessment> list_assessments(Scope& scope, std::string_view patient_code) {
    return scope.db().write([&] {
        const auto patient = find_patient(scope.db(), patient_code);
        auto scores = storage::AssessmentRepository(scope.db()).for_patient(patient.id);
        audit_disclosure(scope, "score.list", fmt::format("{} scores", scores.size()),
                         {patient.id.value});
        return scores;
    });
}

std::vector<Assessment> assessments_of_session(storage::Database& db, SessionId session) {
    return storage::AssessmentRepository(db).for_session(session);
}

} // namespace needlebook::records
