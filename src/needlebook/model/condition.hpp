#pragma once
// What is on file about a patient before treating: conditions and consent.

#include "needlebook/model/catalogue.hpp"
#include "needlebook/model/ids.hpp"
#include "needlebook/model/revision.hpp"
#include "needlebook/time/date.hpp"

#include <optional>
#include <string>

namespace needlebook {

struct ConditionDetails {
    ConditionCode code{};
    std::optional<time::Date> since;
    std::optional<time::Date> resolved_on; // active until set
    std::string note;
};

struct Condition {
    ConditionId id;
    PatientId patient_id;
    ConditionDetails details;
    RevisionInfo revision;

    // Active on `day`: begun by then (or no start known) and not yet resolved.
    bool active_on(time::Date day) const {
        return (!details.since || *details.since <= day) &&
               (!details.resolved_on || *details.resolved_on > day);
    }
};

struct ConsentDetails {
    time::Date signed_on{};
    std::string covers;
};

struct Consent {
    ConsentId id;
    PatientId patient_id;
    ConsentDetails details;
    RevisionInfo revision;
};

void validate(const ConditionDetails& details, time::Date today);
void validate(const ConsentDetails& details, time::Date today);

} // namespace needlebook
