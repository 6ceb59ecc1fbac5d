#pragma once
// Whether the conditions on file let a patient be treated on a given day, and if not, from
// when: the condition findings of the clinical checks (check_session) for a session that
// treats no area, so depth, interval and consent play no part.

#include "needlebook/model/condition.hpp"
#include "needlebook/model/settings.hpp"
#include "needlebook/time/zone.hpp"

#include <optional>
#include <vector>

namespace needlebook::rules {

// A condition that blocks a session on the day asked about (finding `condition:CODE`).
struct ConditionBlock {
    ConditionCode code{};
    // The first later day it no longer blocks; nothing while it is active with no end on file.
    std::optional<time::Date> until;
    // When it blocks although no condition of its code is active that day (isotretinoin, for
    // isotretinoin_months after it stopped): the latest day one resolved on.
    std::optional<time::Date> resolved_on;
};

struct Eligibility {
    std::vector<ConditionBlock> blocks; // in catalogue order; empty: nothing blocks that day
    // When blocked: the first later day nothing on file blocks; nothing when a block has no end
    // on file.
    std::optional<time::Date> eligible_from;

    bool eligible() const { return blocks.empty(); }
};

// Pure. `conditions`: the patient's current conditions (any order).
Eligibility eligibility_on(time::Date day, const std::vector<Condition>& conditions,
                           const ClinicSettings& settings, const time::ClinicZone& zone);

} // namespace needlebook::rules
