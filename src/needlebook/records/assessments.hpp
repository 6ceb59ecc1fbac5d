#pragma once
// Use cases for outcome scores: record, list, amend and void.

#include "needlebook/model/assessment.hpp"
#include "needlebook/model/patient.hpp"
#include "needlebook/records/correction.hpp"
#include "needlebook/records/scope.hpp"

#include <functional>
#include <string_view>
#include <vector>

namespace needlebook::records {

// Which course a score measures, when the caller does not name one.
enum class CourseLink {
    automatic, // the course of its session, else the patient's one open course on its day
    as_given,  // details.course as given, none included (--course none)
};

// Records one score ("assessment.add"): refused for a voided or merged chart, a score or area
// the scale does not allow, a day in the future or before birth, a session that is another
// patient's, voided, or later than the score, and a course that is another patient's or voided.
Assessment record_assessment(Scope& scope, std::string_view patient_code, AssessmentDetails details,
                             CourseLink link = CourseLink::automatic);
// The same inside the caller's write, for a patient already read (session log --pain).
Assessment record_assessment(Scope& scope, const Patient& patient, AssessmentDetails details,
                             CourseLink link = CourseLink::automatic);
// The references rules of record_assessment for a score as given (import): its session and
// course must be the patient's and live, the session on or before the score's day.
void check_score_references(storage::Database& db, const time::ClinicZone& zone,
                            const Patient& patient, AssessmentDetails details);
// Corrects a score: the result is checked as on entry; "assessment.amend".
Assessment amend_assessment(Scope& scope, AssessmentId id,
                            const std::function<void(AssessmentDetails&)>& edit,
                            const Correction& correction);
Assessment void_assessment(Scope& scope, AssessmentId id, const Correction& correction);

// Throws NotFound; a voided score is returned with revision.voided set.
Assessment get_assessment(storage::Database& db, AssessmentId id);
// The patient's live scores by day, scale and area, read and audited as "score.list".
std::vector<Assessment> list_assessments(Scope& scope, std::string_view patient_code);
std::vector<Assessment> assessments_of_session(storage::Database& db, SessionId session);

AssessmentId parse_assessment_id(std::string_view text);

} // namespace needlebook::records
