#pragma once
// All SQL for outcome scores (assessments).

#include "needlebook/model/assessment.hpp"
#include "needlebook/storage/database.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace needlebook::storage {

class AssessmentRepository {
public:
    explicit AssessmentRepository(Database& db) : m_db(db) {}

    // Stores the identity row and revision 1 under `id` (import keeps exported ids), else under
    // the next free id; assessment.id is ignored.
    AssessmentId insert(const Assessment& assessment,
                        std::optional<std::int64_t> id = std::nullopt);
    // Stores `assessment` as its next revision; assessment.revision.number says which.
    void add_revision(const Assessment& assessment);

    // The current revision, voided or not; nothing for an unknown id.
    std::optional<Assessment> find(AssessmentId id);
    // Current revisions of the patient's scores, voided ones left out, by day, scale and area.
    std::vector<Assessment> for_patient(PatientId patient);
    // Every revision of the patient's scores, voided ones too, by score and revision.
    std::vector<Assessment> revisions_for_patient(PatientId patient);
    // Current revisions of the scores taken at `session`, voided ones left out.
    std::vector<Assessment> for_session(SessionId session);
    // Current revisions of the scores that measure `course`, voided ones left out.
    std::vector<Assessment> for_course(CourseId course);

private:
    std::vector<Assessment> read(Statement& query);
    // Current revisions, voided ones left out, whose `column` (a revision column) is `value`.
    std::vector<Assessment> live_where(std::string_view column, std::int64_t value);

    Database& m_db;
};

} // namespace needlebook::storage
