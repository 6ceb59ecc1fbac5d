#pragma once
// Use cases for treatment courses: start, show, list, amend, close and void, and how a session
// joins one.

#include "needlebook/model/course.hpp"
#include "needlebook/model/patient.hpp"
#include "needlebook/model/session.hpp"
#include "needlebook/records/correction.hpp"
#include "needlebook/records/scope.hpp"
#include "needlebook/rules/finding.hpp"
#include "needlebook/storage/course_repository.hpp"

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace needlebook::records {

// A course with the live sessions that belong to it, and what follows from its plan.
struct CourseProgress {
    Course course;
    std::vector<storage::CourseSession> sessions; // live, in time order

    int done() const { return static_cast<int>(sessions.size()); }
    // 1-based place of `session` among the course's sessions; nothing when not one of them.
    std::optional<int> position_of(SessionId session) const;
    // The day the next session is due: the last session's day plus the interval; the start day
    // when none was held yet; nothing once closed or all planned sessions are done.
    std::optional<time::Date> next_due(const time::ClinicZone& zone) const;
    // The days between consecutive sessions, in order.
    std::vector<int> intervals(const time::ClinicZone& zone) const;
};

// Nothing for a session in no course, or a voided one.
std::optional<CoursePlace> course_place(storage::Database& db, const Session& session);

// Starts a course for the patient: refused for a voided or merged chart, a start before birth
// or in the future, and while an open course of the same indication exists (one course per
// indication at a time, so a session knows which to join).
Course start_course(Scope& scope, std::string_view patient_code, const CourseDetails& details);
// The rules every course's current revision keeps (start, amend and import): a valid plan and
// a start on or after the patient's birth.
void check_course(storage::Database& db, const Course& course, time::Date today);
// Another open course of the patient for the same indication, if `course` is open. Start and
// amend refuse one (a session must know which course it joins); a merge or an import that
// brings one warns.
std::optional<CourseId> other_open_course(storage::Database& db, const Course& course);
// Closes an open course as completed or stopped, with a reason; a revision "course.close".
Course close_course(Scope& scope, CourseId id, const CourseClosing& closing,
                    std::optional<int> based_on = std::nullopt);
// Corrects the course's plan (indication, planned, interval, areas, goal, start); the result is
// checked as on start, and sessions that belong to it must still fit it.
Course amend_course(Scope& scope, CourseId id, const std::function<void(CourseDetails&)>& edit,
                    const Correction& correction);
// Voids a course started in error: refused while live sessions belong to it.
Course void_course(Scope& scope, CourseId id, const Correction& correction);

// Throws NotFound; a voided course is returned with revision.voided set.
Course get_course(storage::Database& db, CourseId id);
CourseProgress course_progress(storage::Database& db, CourseId id);
// For showing to someone: read and audited ("course.show") in one transaction.
CourseProgress show_course(Scope& scope, CourseId id);
// The courses of one patient (chart code) or of every patient, only open ones if `open_only`;
// audited as "course.list", naming every patient listed.
std::vector<CourseProgress> list_courses(Scope& scope, std::optional<std::string_view> patient_code,
                                         bool open_only);
std::vector<CourseProgress> progress_of(storage::Database& db, std::vector<Course> courses);

// The courses a new session of `patient` could join when none is named: the patient's open
// courses of the session's indication that start on or before its day. It joins the one; with
// two (after a merge) it joins none, and is told to name one.
std::vector<CourseId> open_courses_for(storage::Database& db, const Patient& patient,
                                       const SessionDetails& details, const time::ClinicZone& zone);
// Refuses a session (new, or an amendment of `session_id`) whose course is not the patient's,
// is voided, is for another indication, or does not span the session's day; then warns of a
// session beyond the plan, of areas the plan does not name, and of a course's first session
// without baseline photos.
std::vector<rules::Finding> check_session_course(storage::Database& db, PatientId patient,
                                                 const SessionDetails& details,
                                                 std::optional<SessionId> session_id,
                                                 const time::ClinicZone& zone);

// The views a course's baseline needs: front, left-45 and right-45.
const std::vector<PhotoView>& baseline_views();

CourseId parse_course_id(std::string_view text);

} // namespace needlebook::records
