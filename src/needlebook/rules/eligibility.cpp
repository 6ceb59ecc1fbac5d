#include "needlebook/rules/eligibility.hpp"

#include "needlebook/rules/clinical_checks.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace needlebook::rules {
namespace {

// The keys of the condition findings that block a session on `day` treating no area (consent
// and age findings may block too; they are left out: they do not depend on the condition).
std::vector<std::string> blocking_keys(time::Date day, const PatientFile& file,
                                       const ClinicSettings& settings,
                                       const time::ClinicZone& zone) {
    SessionDetails probe;
    probe.performed_at = zone.start_of_day(day);
    std::vector<std::string> keys;
    for (auto& finding : check_session(probe, file, settings, zone, Purpose::amend))
        if (finding.level == Level::block && finding.key.starts_with("condition:"))
            keys.push_back(std::move(finding.key));
    return keys;
}

// The days after `day` on which the checks may start or stop raising a condition: each start
// and each resolution on file, the end of the isotretinoin period after each resolution, and
// the first and the day after the last of each clearance (for every code: a day too many costs one
// check, and each day is checked, not assumed).
std::vector<time::Date> turning_days(time::Date day, const std::vector<Condition>& conditions,
                                     const ClinicSettings& settings) {
    std::vector<time::Date> days;
    for (const auto& condition : conditions) {
        if (condition.details.since)
            days.push_back(*condition.details.since);
        if (const auto resolved = condition.details.resolved_on) {
            days.push_back(*resolved);
            days.push_back(time::add_months(*resolved, settings.isotretinoin_months));
        }
        // A specialist's clearance turns a block into a warning from its day to its last.
        for (const auto& clearance : condition.details.clearances) {
            days.push_back(clearance.on);
            days.push_back(time::add_days(clearance.until, 1));
        }
    }
    std::erase_if(days, [&](time::Date d) { return d <= day; });
    std::sort(days.begin(), days.end());
    days.erase(std::unique(days.begin(), days.end()), days.end());
    return days;
}

} // namespace

Eligibility eligibility_on(time::Date day, const std::vector<Condition>& conditions,
                           const ClinicSettings& settings, const time::ClinicZone& zone) {
    Eligibility result;
    if (conditions.empty()) // no condition, no condition finding
        return result;
    PatientFile file;
    file.conditions = conditions;
    const auto keys = blocking_keys(day, file, settings, zone);
    if (keys.empty())
        return result;

    std::map<ConditionCode, ConditionBlock> blocks; // catalogue order
    for (const auto& condition : conditions) {
        const auto code = condition.details.code;
        if (std::find(keys.begin(), keys.end(), condition_key(code)) != keys.end())
            blocks[code].code = code;
    }
    for (auto& [code, block] : blocks) {
        const bool active = std::any_of(conditions.begin(), conditions.end(), [&](const auto& c) {
            return c.details.code == code && c.active_on(day);
        });
        if (active)
            continue;
        for (const auto& c : conditions)
            if (c.details.code == code && c.details.resolved_on && *c.details.resolved_on <= day)
                block.resolved_on = std::max(block.resolved_on.value_or(*c.details.resolved_on),
                                             *c.details.resolved_on);
    }

    // Walk the days on which something may change, until nothing blocks: each block ends on
    // the first of them without its finding.
    for (const auto next : turning_days(day, conditions, settings)) {
        const auto still = blocking_keys(next, file, settings, zone);
        for (auto& [code, block] : blocks)
            if (!block.until &&
                std::find(still.begin(), still.end(), condition_key(code)) == still.end())
                block.until = next;
        if (still.empty()) {
            result.eligible_from = next;
            break;
        }
    }
    for (auto& [code, block] : blocks)
        result.blocks.push_back(std::move(block));
    return result;
}

} // namespace needlebook::rules
