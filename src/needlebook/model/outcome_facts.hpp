#pragma once
// Flat rows the outcome report is built from: live outcome scores and live sessions, each
// filed under the chart it belongs to now. Plain values, read by storage/outcome_reader and
// consumed by report/outcomes.

#include "needlebook/model/assessment.hpp"
#include "needlebook/model/session.hpp"

#include <optional>
#include <string>
#include <vector>

namespace needlebook {

// A score as it reads now (its newest revision, not voided).
struct ScoreFact {
    AssessmentId assessment; // ids grow as scores are recorded: the later id was recorded last
    PatientId patient;       // the current chart: a merged chart's scores are its target's
    std::optional<int> fitzpatrick; // on that chart; nothing: not recorded
    AssessmentDetails details;
};

// A session as it reads now (its newest revision, not voided).
struct OutcomeSessionFact {
    SessionId session;
    PatientId patient; // the current chart, as for scores
    time::Instant performed_at{};
    Indication indication{};
    Device device{};
    std::optional<CourseId> course;
    std::vector<AreaTreatment> areas;
    std::vector<std::string> products; // serum products by code, sorted, each once
};

struct OutcomeFacts {
    std::vector<ScoreFact> scores;
    std::vector<OutcomeSessionFact> sessions; // in time order
};

} // namespace needlebook
