#include "needlebook/records/courses.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/dependents.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/safekeeping.hpp"
#include "needlebook/storage/assessment_repository.hpp"
#include "needlebook/storage/photo_repository.hpp"
#include "needlebook/storage/session_repository.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

namespace needlebook::records {
namespace {

std::string course_label(CourseId id) {
    return fmt::format("course {}", id);
}

void check_start_after_birth(const Patient& patient, const CourseDetails& details) {
    check_not_before_birth(patient, details.started_on, "start", "course start");
}

// One open course per indication and patient, so a session knows which one it joins.
void check_one_open_per_indication(storage::Database& db, const Course& course) {
    if (const auto other = other_open_course(db, course))
        throw Conflict(fmt::format("course {} for {} is still open for this patient; close it "
                                   "first ('course close {} --outcome completed|stopped "
                                   "--reason R')",
                                   *other, code_of(course.details.indication), *other));
}

// The course's sessions must still fit it after an amendment or a close: its indication, and
// days between its start and its close.
void check_sessions_fit(storage::Database& db, const Course& course, const time::ClinicZone& zone) {
    const auto progress = course_progress(db, course.id);
    storage::SessionRepository sessions(db);
    for (const auto& session : progress.sessions) {
        const auto held = sessions.find(session.id, storage::SessionRepository::Parts::areas);
        if (held && held->details.indication != course.details.indication)
            throw ValidationError("indication",
                                  fmt::format("session {} of {} is for {}; amend the session (or "
                                              "move it out with --course none) first",
                                              session.id, course_label(course.id),
                                              code_of(held->details.indication)));
        const auto day = zone.local_date(session.performed_at);
        if (day < course.details.started_on)
            throw ValidationError(
                "start", fmt::format("session {} on {} belongs to {} and would come "
                                     "before its start {}",
                                     session.id, time::format_date(day), course_label(course.id),
                                     time::format_date(course.details.started_on)));
        if (course.details.closing && day > course.details.closing->on)
            throw ValidationError("on", fmt::format("session {} on {} belongs to {} and would come "
                                                    "after its close on {}",
                                                    session.id, time::format_date(day),
                                                    course_label(course.id),
                                                    time::format_date(course.details.closing->on)));
    }
}

Course current_course(storage::Database& db, CourseId id) {
    return get_course(db, id);
}

RecordCorrection<Course> course_correction(Scope& scope, storage::CourseRepository& courses) {
    RecordCorrection<Course> how;
    how.kind = "course";
    how.check = [&scope](const Course& course) {
        check_course(scope.db(), course, scope.today());
        check_one_open_per_indication(scope.db(), course);
        check_sessions_fit(scope.db(), course, scope.zone());
    };
    how.store = [&courses](const Course& course) { courses.add_revision(course); };
    how.patient_of = [](const Course& course) { return course.patient_id; };
    return how;
}

} // namespace

void check_course(storage::Database& db, const Course& course, time::Date today) {
    validate(course.details, today);
    check_start_after_birth(find_patient_by_id(db, course.patient_id), course.details);
}

std::optional<CourseId> other_open_course(storage::Database& db, const Course& course) {
    if (!course.open())
        return std::nullopt;
    for (const auto& other : storage::CourseRepository(db).for_patient(course.patient_id))
        if (other.id != course.id && other.open() &&
            other.details.indication == course.details.indication)
            return other.id;
    return std::nullopt;
}

std::optional<int> CourseProgress::position_of(SessionId session) const {
    for (std::size_t i = 0; i < sessions.size(); ++i)
        if (sessions[i].id == session)
            return static_cast<int>(i + 1);
    return std::nullopt;
}

std::optional<time::Date> CourseProgress::next_due(const time::ClinicZone& zone) const {
    if (!course.open() || done() >= course.details.planned)
        return std::nullopt;
    if (sessions.empty())
        return course.details.started_on;
    return time::add_days(zone.local_date(sessions.back().performed_at), course.details.every_days);
}

std::vector<int> CourseProgress::intervals(const time::ClinicZone& zone) const {
    std::vector<int> days;
    for (std::size_t i = 1; i < sessions.size(); ++i)
        days.push_back(time::days_between(zone.local_date(sessions[i - 1].performed_at),
                                          zone.local_date(sessions[i].performed_at)));
    return days;
}

const std::vector<PhotoView>& baseline_views() {
    static const std::vector<PhotoView> views = {PhotoView::front, PhotoView::left_45,
                                                 PhotoView::right_45};
    return views;
}

std::optional<CoursePlace> course_place(storage::Database& db, const Session& session) {
    if (!session.details.course || session.revision.voided)
        return std::nullopt;
    const auto progress = course_progress(db, *session.details.course);
    const auto position = progress.position_of(session.id);
    if (!position)
        return std::nullopt;
    return CoursePlace{progress.course.id, *position, progress.course.details.planned};
}

CourseId parse_course_id(std::string_view text) {
    return CourseId{parse_record_id(text, "course", "use the number printed by 'course start'")};
}

Course get_course(storage::Database& db, CourseId id) {
    if (auto course = storage::CourseRepository(db).find(id))
        return *course;
    throw NotFound(fmt::format("no course {}; see 'needlebook course list'", id));
}

CourseProgress course_progress(storage::Database& db, CourseId id) {
    auto course = get_course(db, id);
    auto sessions = storage::CourseRepository(db).sessions_of(id);
    return {std::move(course), std::move(sessions)};
}

std::vector<CourseProgress> progress_of(storage::Database& db, std::vector<Course> courses) {
    std::vector<CourseId> ids;
    for (const auto& course : courses)
        ids.push_back(course.id);
    std::map<CourseId, std::vector<storage::CourseSession>> by_course;
    for (auto& [id, session] : storage::CourseRepository(db).sessions_of(ids))
        by_course[id].push_back(session);
    std::vector<CourseProgress> progress;
    for (auto& course : courses) {
        auto sessions = std::move(by_course[course.id]);
        progress.push_back({std::move(course), std::move(sessions)});
    }
    return progress;
}

Course start_course(Scope& scope, std::string_view patient_code, const CourseDetails& details) {
    validate(details, scope.today());
    return scope.db().write([&] {
        const Patient patient = open_patient(scope.db(), patient_code, "course");
        check_start_after_birth(patient, details);
        Course course{{}, patient.id, details, scope.revision(1)};
        check_one_open_per_indication(scope.db(), course);
        course.id = storage::CourseRepository(scope.db()).insert(course);
        append_audit(scope.db(),
                     scope.audit("course.start", "course", course.id.value, patient.id.value, 1));
        return course;
    });
}

Course close_course(Scope& scope, CourseId id, const CourseClosing& closing,
                    std::optional<int> based_on) {
    check_reason("reason", closing.reason);
    return scope.db().write([&] {
        storage::CourseRepository courses(scope.db());
        auto course = current_course(scope.db(), id);
        if (course.details.closing && !course.revision.voided)
            throw Conflict(fmt::format("{} was already closed on {} ({}); to correct the close, "
                                       "'course amend' it with --closed or --outcome",
                                       course_label(id),
                                       time::format_date(course.details.closing->on),
                                       code_of(course.details.closing->outcome)));
        auto how = course_correction(scope, courses);
        how.label = course_label(id);
        how.edit = [&closing](CourseDetails& details) { details.closing = closing; };
        how.amend_verb = "close";
        auto closed = apply_correction(scope, std::move(course), {closing.reason, based_on},
                                       CorrectionKind::amend, how);
        return closed;
    });
}

Course amend_course(Scope& scope, CourseId id, const std::function<void(CourseDetails&)>& edit,
                    const Correction& correction) {
    check_reason("reason", correction.reason);
    return scope.db().write([&] {
        storage::CourseRepository courses(scope.db());
        auto how = course_correction(scope, courses);
        how.label = course_label(id);
        how.edit = edit;
        return apply_correction(scope, current_course(scope.db(), id), correction,
                                CorrectionKind::amend, how);
    });
}

Course void_course(Scope& scope, CourseId id, const Correction& correction) {
    check_reason("reason", correction.reason);
    return scope.db().write([&] {
        storage::CourseRepository courses(scope.db());
        const auto progress = course_progress(scope.db(), id);
        Dependents named_by;
        if (!progress.course.revision.voided) {
            named_by.add("session", progress.sessions);
            named_by.add("score", storage::AssessmentRepository(scope.db()).for_course(id));
        }
        if (!named_by.empty())
            throw Conflict(fmt::format("{} is named by {}; amend {} with '--course none' or "
                                       "another course first, or close the course as stopped",
                                       course_label(id), named_by.listed(),
                                       named_by.size() == 1 ? "it" : "each"));
        auto how = course_correction(scope, courses);
        how.label = course_label(id);
        return apply_correction(scope, progress.course, correction, CorrectionKind::void_record,
                                how);
    });
}

CourseProgress show_course(Scope& scope, CourseId id) {
    return scope.db().write([&] {
        auto progress = course_progress(scope.db(), id);
        audit_read(scope, "course.show", "course", id.value, progress.course.patient_id.value,
                   progress.course.revision.number);
        return progress;
    });
}

std::vector<CourseProgress> list_courses(Scope& scope, std::optional<std::string_view> patient_code,
                                         bool open_only) {
    return scope.db().write([&] {
        storage::CourseRepository courses(scope.db());
        std::vector<Course> found;
        if (patient_code) {
            found = courses.for_patient(find_patient(scope.db(), *patient_code).id);
            if (open_only)
                std::erase_if(found, [](const Course& c) { return !c.open(); });
        } else {
            found = courses.list(open_only);
        }
        auto progress = progress_of(scope.db(), std::move(found));
        std::vector<std::int64_t> patients;
        for (const auto& item : progress)
            patients.push_back(item.course.patient_id.value);
        audit_disclosure(scope, "course.list", fmt::format("{} courses", progress.size()),
                         std::move(patients));
        return progress;
    });
}

std::vector<CourseId> open_courses_for(storage::Database& db, const Patient& patient,
                                       const SessionDetails& details,
                                       const time::ClinicZone& zone) {
    const auto day = zone.local_date(details.performed_at);
    std::vector<CourseId> open;
    for (const auto& course : storage::CourseRepository(db).for_patient(patient.id))
        if (course.open() && course.details.indication == details.indication &&
            course.details.started_on <= day)
            open.push_back(course.id);
    return open;
}

std::vector<rules::Finding> check_session_course(storage::Database& db, PatientId patient,
                                                 const SessionDetails& details,
                                                 std::optional<SessionId> session_id,
                                                 const time::ClinicZone& zone) {
    if (!details.course)
        return {};
    storage::CourseRepository courses(db);
    const auto course = courses.find(*details.course);
    if (!course)
        throw NotFound(fmt::format("no course {}; see 'needlebook course list'", *details.course));
    const auto label = course_label(course->id);
    if (course->revision.voided)
        throw Conflict(fmt::format("{} is voided; no session can join it", label));
    if (course->patient_id != patient)
        throw ValidationError("course", fmt::format("{} is another patient's course", label));
    if (course->details.indication != details.indication)
        throw ValidationError(
            "course",
            fmt::format("{} is for {}, and this session is for {}; give --indication {} "
                        "or another course",
                        label, code_of(course->details.indication), code_of(details.indication),
                        code_of(course->details.indication)));
    const auto day = zone.local_date(details.performed_at);
    if (day < course->details.started_on)
        throw ValidationError("course",
                              fmt::format("{} starts on {}, after this session's day {}", label,
                                          time::format_date(course->details.started_on),
                                          time::format_date(day)));
    if (course->details.closing && day > course->details.closing->on)
        throw ValidationError("course",
                              fmt::format("{} was closed on {}, before this session's "
                                          "day {}",
                                          label, time::format_date(course->details.closing->on),
                                          time::format_date(day)));
    std::vector<rules::Finding> findings;
    std::set<Area> outside; // of the plan's areas, when it names any
    for (const auto& treated : details.areas)
        if (!course->details.areas.empty() &&
            std::find(course->details.areas.begin(), course->details.areas.end(), treated.area) ==
                course->details.areas.end())
            outside.insert(treated.area);
    if (!outside.empty()) {
        std::vector<std::string> codes;
        for (const auto area : outside)
            codes.emplace_back(code_of(area));
        findings.push_back(
            {"course:areas", rules::Level::warning,
             fmt::format("{} plans {}; this session also treats {}", label,
                         areas_text(course->details.areas), fmt::join(codes, ", "))});
    }
    // The session's place among the course's sessions once it is stored.
    auto sessions = courses.sessions_of(course->id);
    std::erase_if(sessions, [&](const auto& s) { return session_id && s.id == *session_id; });
    const auto earlier = std::count_if(sessions.begin(), sessions.end(), [&](const auto& s) {
        return s.performed_at <= details.performed_at;
    });
    const int position = static_cast<int>(earlier) + 1;
    if (static_cast<int>(sessions.size()) + 1 > course->details.planned)
        findings.push_back({"course:beyond-plan", rules::Level::warning,
                            fmt::format("{} planned {} sessions; this makes {}", label,
                                        course->details.planned, sessions.size() + 1)});
    if (position == 1) {
        std::set<PhotoView> views; // of the live photos taken by the session's day
        for (const auto& photo : storage::PhotoRepository(db).for_patient(patient))
            if (photo.details.taken_on <= day)
                views.insert(photo.details.view);
        std::vector<std::string> missing;
        for (const auto view : baseline_views())
            if (!views.contains(view))
                missing.emplace_back(code_of(view));
        if (!missing.empty())
            findings.push_back(
                {"course:baseline-photos", rules::Level::warning,
                 fmt::format("first session of {} without a baseline photo set: "
                             "no {} photo taken on or before {}",
                             label, fmt::join(missing, ", "), time::format_date(day))});
    }
    return findings;
}

} // namespace needlebook::records
