#pragma once
// All SQL for treatment courses and the sessions that belong to them.

#include "needlebook/model/course.hpp"
#include "needlebook/storage/database.hpp"

#include <optional>
#include <vector>

namespace needlebook::storage {

// A session of a course as the course counts it: live sessions in time order.
struct CourseSession {
    SessionId id;
    time::Instant performed_at{};
};

class CourseRepository {
public:
    explicit CourseRepository(Database& db) : m_db(db) {}

    // Stores the identity row and revision 1 under `id` (import keeps exported ids), else under
    // the next free id; course.id is ignored.
    CourseId insert(const Course& course, std::optional<std::int64_t> id = std::nullopt);
    // Stores `course` as its next revision; course.revision.number says which.
    void add_revision(const Course& course);

    // The current revision, voided or not; nothing for an unknown id.
    std::optional<Course> find(CourseId id);
    // Current revisions of the patient's courses, voided ones left out, by start.
    std::vector<Course> for_patient(PatientId patient);
    // Every revision of the patient's courses, voided ones too, by course and revision.
    std::vector<Course> revisions_for_patient(PatientId patient);
    // Current revisions of every course, voided ones left out; only open ones if `open_only`.
    std::vector<Course> list(bool open_only);
    // The live sessions whose current revision belongs to `course`, in time order.
    std::vector<CourseSession> sessions_of(CourseId course);
    // The same for many courses at once, keyed by course id.
    std::vector<std::pair<CourseId, CourseSession>> sessions_of(const std::vector<CourseId>& ids);

private:
    std::vector<Course> read(Statement& query);

    Database& m_db;
};

} // namespace needlebook::storage
