#include "needlebook/storage/course_repository.hpp"

#include "needlebook/storage/binding.hpp"
#include "needlebook/storage/record_owner.hpp"

#include <fmt/format.h>

namespace needlebook::storage {
namespace {

constexpr std::string_view select_course_revision =
    "SELECT c.id, r.patient_id, r.indication, r.planned, r.every_days, r.areas, r.goal, "
    "r.started_on, r.closed_on, r.outcome, r.close_reason, r.revision, r.author, r.recorded_at, "
    "r.reason, r.voided FROM course c JOIN course_revision r ON r.course_id = c.id ";
const std::string newest_revision =
    "r.revision = (SELECT max(revision) FROM course_revision WHERE course_id = c.id)";

Course read_course(Statement& row) {
    Course course;
    course.id = CourseId{row.column(0).as_int64()};
    course.patient_id = PatientId{row.column(1).as_int64()};
    auto& details = course.details;
    details.indication = read_code<Indication>(row.column(2));
    details.planned = row.column(3).as_int();
    details.every_days = row.column(4).as_int();
    details.areas = parse_course_areas(row.column(5).as_text());
    details.goal = row.column(6).as_text();
    details.started_on = read_date(row.column(7));
    if (const auto closed = read_optional_date(row.column(8)))
        details.closing = CourseClosing{*closed, read_code<CourseOutcome>(row.column(9)),
                                        row.column(10).as_text()};
    course.revision = read_revision(row, 11);
    return course;
}

// The live sessions whose current revision names a course: the rows session_course_by_course
// finds, kept when they are their session's newest revision.
constexpr std::string_view select_course_sessions =
    "SELECT c.course_id, r.session_id, r.performed_at FROM session_course c JOIN "
    "session_revision r ON r.id = c.session_revision_id WHERE r.revision = (SELECT max(revision) "
    "FROM session_revision WHERE session_id = r.session_id) AND r.voided = 0 ";

} // namespace

CourseId CourseRepository::insert(const Course& course, std::optional<std::int64_t> wanted) {
    auto identity =
        m_db.query("INSERT INTO course (id, created_at) VALUES (:id, :at) RETURNING id");
    bind_optional(*identity, ":id", wanted);
    identity->bind(":at", time::format_utc(course.revision.recorded_at));
    Course stored = course;
    stored.id = CourseId{identity->exec_returning_id()};
    add_revision(stored);
    return stored.id;
}

void CourseRepository::add_revision(const Course& course) {
    const auto& details = course.details;
    auto insert = m_db.query(
        "INSERT INTO course_revision (course_id, revision, patient_id, indication, planned, "
        "every_days, areas, goal, started_on, closed_on, outcome, close_reason, voided, author, "
        "recorded_at, reason) VALUES (:id, :revision, :patient, :indication, :planned, :every, "
        ":areas, :goal, :started, :closed, :outcome, :close_reason, :voided, :author, "
        ":recorded_at, :reason)");
    insert->bind(":id", course.id.value);
    insert->bind(":patient", course.patient_id.value);
    bind_code(*insert, ":indication", details.indication);
    insert->bind(":planned", details.planned);
    insert->bind(":every", details.every_days);
    insert->bind(":areas", areas_text(details.areas));
    insert->bind(":goal", details.goal);
    bind_date(*insert, ":started", details.started_on);
    if (details.closing) {
        bind_date(*insert, ":closed", details.closing->on);
        bind_code(*insert, ":outcome", details.closing->outcome);
        insert->bind(":close_reason", details.closing->reason);
    } else {
        insert->bind(":closed");
        insert->bind(":outcome");
        insert->bind(":close_reason", "");
    }
    bind_revision(*insert, course.revision);
    insert->exec();
}

std::vector<Course> CourseRepository::read(Statement& query) {
    std::vector<Course> courses;
    while (query.step())
        courses.push_back(read_course(query));
    return courses;
}

std::optional<Course> CourseRepository::find(CourseId id) {
    auto query = m_db.query(
        fmt::format("{}WHERE c.id = :id AND {}", select_course_revision, newest_revision));
    query->bind(":id", id.value);
    auto found = read(*query);
    if (found.empty())
        return std::nullopt;
    return std::move(found.front());
}

std::vector<Course> CourseRepository::for_patient(PatientId patient) {
    // Revisions naming the patient (course_revision_by_patient), kept when current and live.
    auto query = m_db.query(fmt::format("{}WHERE r.patient_id = :patient AND {} AND r.voided = 0 "
                                        "ORDER BY r.started_on, c.id",
                                        select_course_revision, newest_revision));
    query->bind(":patient", patient.value);
    return read(*query);
}

std::vector<Course> CourseRepository::revisions_for_patient(PatientId patient) {
    // Every revision of each course whose current revision is the patient's.
    auto query =
        m_db.query(fmt::format("{}WHERE {} ORDER BY c.id, r.revision", select_course_revision,
                               now_naming("course", "c", ":patient")));
    query->bind(":patient", patient.value);
    return read(*query);
}

std::vector<Course> CourseRepository::list(bool open_only) {
    auto query = m_db.query(fmt::format("{}WHERE {} AND r.voided = 0{} ORDER BY r.started_on, c.id",
                                        select_course_revision, newest_revision,
                                        open_only ? " AND r.closed_on IS NULL" : ""));
    return read(*query);
}

std::vector<CourseSession> CourseRepository::sessions_of(CourseId course) {
    std::vector<CourseSession> sessions;
    for (auto& [id, session] : sessions_of(std::vector{course}))
        sessions.push_back(session);
    return sessions;
}

std::vector<std::pair<CourseId, CourseSession>>
CourseRepository::sessions_of(const std::vector<CourseId>& ids) {
    auto query =
        m_db.query(fmt::format("{}AND c.course_id IN (SELECT value FROM {ids}(:ids)) "
                               "ORDER BY c.course_id, r.performed_at, r.session_id",
                               select_course_sessions, fmt::arg("ids", m_db.dialect().id_list)));
    query->bind(":ids", id_array(ids));
    std::vector<std::pair<CourseId, CourseSession>> sessions;
    while (query->step())
        sessions.emplace_back(
            CourseId{query->column(0).as_int64()},
            CourseSession{SessionId{query->column(1).as_int64()},
                          time::parse_utc(query->column(2).as_text(), "performed_at")});
    return sessions;
}

} // namespace needlebook::storage
