#pragma once
// Plain-text views of records for the terminal (session show, patient show, lists).

#include "needlebook/model/assessment.hpp"
#include "needlebook/model/condition.hpp"
#include "needlebook/model/course.hpp"
#include "needlebook/model/patient.hpp"
#include "needlebook/model/reaction.hpp"
#include "needlebook/model/session.hpp"
#include "needlebook/render/table.hpp"
#include "needlebook/time/zone.hpp"

#include <string>
#include <vector>

namespace needlebook::render {

// The spellings of depths, --area and --serum live with the model; lists use them too.
using needlebook::area_spec;
using needlebook::format_depth;
using needlebook::serum_spec;

std::string patient_name(const PatientDetails& details); // 'Family, Given'
std::string revision_line(const RevisionInfo& revision, const time::ClinicZone& zone);
// 'KEY: message', and ' (reason: …)' for an overridden finding; not yet made visible().
std::string finding_text(const SessionFinding& finding);
// 'cleared by Dr A. Shah from 2026-11-30 until 2027-01-31 (reason)'.
std::string clearance_text(const Clearance& clearance);
// Every clearance of a condition, joined by '; ' (empty when none).
std::string clearances_text(const std::vector<Clearance>& clearances);
// 'signed 2026-11-01, covers microneedling serums, signed by Mary Jones (guardian), withdrawn
// 2026-11-30 (reason)': every line that shows a consent.
std::string consent_text(const ConsentDetails& consent);
// 'eczema since 2026-01-01, active; cleared by …': every line that shows a condition.
std::string condition_text(const ConditionDetails& condition);
// 'erythema, mild, cheek:left, onset 2026-11-23, resolved 2026-11-25 (note)'.
std::string reaction_text(const ReactionDetails& reaction);
// '2026-11-30: no reactions (note)'.
std::string followup_text(const FollowupDetails& followup);
// 'ha-serum, lot HA2291, after, 1.5 ml'.
std::string serum_text(const SerumUse& use);

// 'acne-scars, 6 sessions every 28 days from 2026-10-01, areas cheek nose; closed 2026-12-01
// completed (reason)': every line that shows a course's plan.
std::string course_text(const CourseDetails& course);
// 'session 2 of 6 planned in course 3'.
std::string course_place_text(const CoursePlace& place);
// 'goodman-baron 3, cheek:left, on 2026-10-01, session 4, course 1, by the patient (note)'.
std::string score_text(const AssessmentDetails& score);

// `place`: where the session stands in its course; `scores`: those taken at it (pain).
std::string session_text(const Session& session, const std::vector<Reaction>& reactions,
                         const std::vector<Followup>& followups, const time::ClinicZone& zone,
                         const std::optional<CoursePlace>& place = std::nullopt,
                         const std::vector<Assessment>& scores = {});
std::string patient_text(const Patient& patient, const std::vector<Condition>& conditions,
                         const std::vector<Consent>& consents, const std::vector<Session>& sessions,
                         const time::ClinicZone& zone);

TextTable session_table(const std::vector<Session>& sessions, const time::ClinicZone& zone);
TextTable patient_table(const std::vector<Patient>& patients);

} // namespace needlebook::render
