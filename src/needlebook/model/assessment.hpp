#pragma once
// An outcome score: one value on a scale of the catalogue (model/outcome_scale), for a patient,
// on a day, for one area where the scale is scored per area.

#include "needlebook/model/catalogue.hpp"
#include "needlebook/model/ids.hpp"
#include "needlebook/model/outcome_scale.hpp"
#include "needlebook/model/revision.hpp"
#include "needlebook/time/date.hpp"

#include <optional>
#include <string>

namespace needlebook {

struct AssessmentDetails {
    ScaleCode scale = ScaleCode::goodman_baron;
    double score = 0;
    std::optional<Area> area;
    std::optional<Side> side;
    time::Date assessed_on{};
    std::optional<SessionId> session; // the session it was scored at, if any
    std::optional<CourseId> course;   // the course it measures, if any
    std::string assessor;             // who scored it, when not the one recording it
    std::string note;
    friend bool operator==(const AssessmentDetails&, const AssessmentDetails&) = default;
};

struct Assessment {
    AssessmentId id;
    PatientId patient_id;
    AssessmentDetails details;
    RevisionInfo revision;
};

// The score within the scale's values, an area exactly when the scale is scored per area (a side
// only with an area), not in the future, text lengths; a ValidationError naming the field and
// what is allowed.
void validate(const AssessmentDetails& details, time::Date today);

} // namespace needlebook
