#include "needlebook/storage/assessment_repository.hpp"

#include "needlebook/storage/binding.hpp"
#include "needlebook/storage/record_owner.hpp"

#include <fmt/format.h>

namespace needlebook::storage {
namespace {

constexpr std::string_view select_assessment_revision =
    "SELECT a.id, r.patient_id, r.scale, r.score, r.area, r.side, r.assessed_on, r.session_id, "
    "r.course_id, r.assessor, r.note, r.revision, r.author, r.recorded_at, r.reason, r.voided "
    "FROM assessment a JOIN assessment_revision r ON r.assessment_id = a.id ";
constexpr std::string_view newest_revision =
    "r.revision = (SELECT max(revision) FROM assessment_revision WHERE assessment_id = a.id)";
constexpr std::string_view in_score_order =
    " ORDER BY r.assessed_on, r.scale, r.area, r.side, a.id";

Assessment read_assessment(Statement& row) {
    Assessment assessment;
    assessment.id = AssessmentId{row.column(0).as_int64()};
    assessment.patient_id = PatientId{row.column(1).as_int64()};
    auto& details = assessment.details;
    details.scale = outcome_scale(row.column(2).as_text()).code;
    details.score = row.column(3).as_double();
    details.area = read_optional_code<Area>(row.column(4));
    details.side = read_optional_code<Side>(row.column(5));
    details.assessed_on = read_date(row.column(6));
    if (!row.column(7).is_null())
        details.session = SessionId{row.column(7).as_int64()};
    if (!row.column(8).is_null())
        details.course = CourseId{row.column(8).as_int64()};
    details.assessor = row.column(9).as_text();
    details.note = row.column(10).as_text();
    assessment.revision = read_revision(row, 11);
    return assessment;
}

} // namespace

AssessmentId AssessmentRepository::insert(const Assessment& assessment,
                                          std::optional<std::int64_t> wanted) {
    auto identity =
        m_db.query("INSERT INTO assessment (id, created_at) VALUES (:id, :at) RETURNING id");
    bind_optional(*identity, ":id", wanted);
    identity->bind(":at", time::format_utc(assessment.revision.recorded_at));
    Assessment stored = assessment;
    stored.id = AssessmentId{identity->exec_returning_id()};
    add_revision(stored);
    return stored.id;
}

void AssessmentRepository::add_revision(const Assessment& assessment) {
    const auto& details = assessment.details;
    auto insert = m_db.query(
        "INSERT INTO assessment_revision (assessment_id, revision, patient_id, scale, score, "
        "area, side, assessed_on, session_id, course_id, assessor, note, voided, author, "
        "recorded_at, reason) VALUES (:id, :revision, :patient, :scale, :score, :area, :side, "
        ":on, :session, :course, :assessor, :note, :voided, :author, :recorded_at, :reason)");
    insert->bind(":id", assessment.id.value);
    insert->bind(":patient", assessment.patient_id.value);
    insert->bind(":scale", std::string(scale_of(details.scale).key));
    insert->bind(":score", details.score);
    bind_optional_code(*insert, ":area", details.area);
    bind_optional_code(*insert, ":side", details.side);
    bind_date(*insert, ":on", details.assessed_on);
    if (details.session)
        insert->bind(":session", details.session->value);
    else
        insert->bind(":session");
    if (details.course)
        insert->bind(":course", details.course->value);
    else
        insert->bind(":course");
    insert->bind(":assessor", details.assessor);
    insert->bind(":note", details.note);
    bind_revision(*insert, assessment.revision);
    insert->exec();
}

std::vector<Assessment> AssessmentRepository::read(Statement& query) {
    std::vector<Assessment> assessments;
    while (query.step())
        assessments.push_back(read_assessment(query));
    return assessments;
}

std::optional<Assessment> AssessmentRepository::find(AssessmentId id) {
    auto query = m_db.query(
        fmt::format("{}WHERE a.id = :id AND {}", select_assessment_revision, newest_revision));
    query->bind(":id", id.value);
    auto found = read(*query);
    if (found.empty())
        return std::nullopt;
    return std::move(found.front());
}

std::vector<Assessment> AssessmentRepository::live_where(std::string_view column,
                                                         std::int64_t value) {
    auto query = m_db.query(fmt::format("{}WHERE r.{} = :value AND {} AND r.voided = 0{}",
                                        select_assessment_revision, column, newest_revision,
                                        in_score_order));
    query->bind(":value", value);
    return read(*query);
}

std::vector<Assessment> AssessmentRepository::for_patient(PatientId patient) {
    return live_where("patient_id", patient.value);
}

std::vector<Assessment> AssessmentRepository::revisions_for_patient(PatientId patient) {
    auto query =
        m_db.query(fmt::format("{}WHERE {} ORDER BY a.id, r.revision", select_assessment_revision,
                               now_naming("assessment", "a", ":patient")));
    query->bind(":patient", patient.value);
    return read(*query);
}

std::vector<Assessment> AssessmentRepository::for_session(SessionId session) {
    return live_where("session_id", session.value);
}

std::vector<Assessment> AssessmentRepository::for_course(CourseId course) {
    return live_where("course_id", course.value);
}

} // namespace needlebook::storage
