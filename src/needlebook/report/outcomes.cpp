#include "needlebook/report/outcomes.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/patient.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/report/timeline.hpp"
#include "needlebook/storage/outcome_reader.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace needlebook::report {
namespace {

constexpr std::array<std::pair<OutcomeGrouping, std::string_view>, 5> grouping_names{{
    {OutcomeGrouping::depth, "depth"},
    {OutcomeGrouping::device, "device"},
    {OutcomeGrouping::serum, "serum"},
    {OutcomeGrouping::fitzpatrick, "fitzpatrick"},
    {OutcomeGrouping::sessions, "sessions"},
}};

// Where a group sorts: its order first, then its label. "no session" sorts last.
using GroupKey = std::pair<int, std::string>;
const GroupKey no_session{1000, "no session"};

// One unit's scores: a patient, a scale, and for a per-area scale an area and side.
using UnitKey = std::tuple<std::int64_t, int, int, int>;

UnitKey unit_key(const ScoreFact& score) {
    const auto& details = score.details;
    return {score.patient.value, static_cast<int>(details.scale),
            details.area ? static_cast<int>(*details.area) : -1,
            details.side ? static_cast<int>(*details.side) : -1};
}

bool needs_no_baseline(const OutcomeScale& scale) {
    return scale.responder == ResponderRule::latest_at_most_two;
}

// The deepest depth of `session` on the unit's area (per-area scales) or on any area.
std::optional<double> depth_of(const OutcomeSessionFact& session, const OutcomeScale& scale,
                               const AssessmentDetails& scored) {
    std::optional<double> deepest;
    for (const auto& treated : session.areas)
        if (!scale.per_area || (scored.area && is_on(treated, *scored.area, scored.side)))
            deepest = std::max(deepest.value_or(0), treated.depth_mm);
    return deepest;
}

// The patient's sessions from `first` (nothing: from the first) to `last`, both days inclusive.
std::vector<UnitSession> sessions_between(const std::vector<const OutcomeSessionFact*>& sessions,
                                          std::optional<time::Date> first, time::Date last,
                                          const OutcomeScale& scale,
                                          const AssessmentDetails& scored,
                                          const OutcomeFilter& filter,
                                          const time::ClinicZone& zone) {
    std::vector<UnitSession> kept;
    for (const auto* session : sessions) {
        const auto on = zone.local_date(session->performed_at);
        if ((first && on < *first) || on > last)
            continue;
        if (filter.indication && session->indication != *filter.indication)
            continue;
        kept.push_back({depth_of(*session, scale, scored), session->device, session->products});
    }
    return kept;
}

// The day of the first session of `course` among the patient's; nothing when it has none.
std::optional<time::Date> first_session_of(const std::vector<const OutcomeSessionFact*>& sessions,
                                           CourseId course, const time::ClinicZone& zone) {
    for (const auto* session : sessions) // in time order
        if (session->course == course)
            return zone.local_date(session->performed_at);
    return std::nullopt;
}

std::vector<GroupKey> groups_of(const OutcomeUnit& unit, OutcomeGrouping by) {
    if (by == OutcomeGrouping::fitzpatrick) {
        if (!unit.fitzpatrick)
            return {{7, "not recorded"}};
        return {{*unit.fitzpatrick, std::string(fitzpatrick_roman(*unit.fitzpatrick))}};
    }
    if (unit.sessions.empty())
        return {no_session};
    switch (by) {
    case OutcomeGrouping::depth: {
        std::optional<double> deepest;
        for (const auto& session : unit.sessions)
            if (session.depth_mm)
                deepest = std::max(deepest.value_or(0), *session.depth_mm);
        if (!deepest)
            return {{900, "area not treated"}};
        const auto band = depth_band(*deepest);
        return {{static_cast<int>(band), std::string(outcome_depth_bands[band])}};
    }
    case OutcomeGrouping::device: {
        std::set<Device> devices;
        for (const auto& session : unit.sessions)
            devices.insert(session.device);
        if (devices.size() > 1)
            return {{100, "mixed"}};
        return {{static_cast<int>(*devices.begin()), std::string(code_of(*devices.begin()))}};
    }
    case OutcomeGrouping::serum: {
        std::set<std::string> products;
        for (const auto& session : unit.sessions)
            products.insert(session.products.begin(), session.products.end());
        if (products.empty())
            return {{1, "no serum"}};
        std::vector<GroupKey> keys;
        for (const auto& product : products)
            keys.push_back({0, product});
        return keys;
    }
    case OutcomeGrouping::sessions: {
        const auto count = static_cast<int>(unit.sessions.size());
        return {{count, std::to_string(count)}};
    }
    case OutcomeGrouping::fitzpatrick:
        break;
    }
    return {};
}

OutcomeGroup figures_of(std::string label, ScaleCode code,
                        const std::vector<const OutcomeUnit*>& units) {
    const auto& scale = scale_of(code);
    OutcomeGroup group;
    group.label = std::move(label);
    group.scale = code;
    group.units = static_cast<int>(units.size());
    std::set<std::int64_t> patients;
    std::vector<double> baselines, latests, changes;
    for (const auto* unit : units) {
        patients.insert(unit->patient.value);
        latests.push_back(unit->latest);
        if (unit->baseline) {
            baselines.push_back(*unit->baseline);
            changes.push_back(unit->latest - *unit->baseline);
        }
        if (const auto responder = responded(scale, unit->baseline, unit->latest)) {
            ++group.decided;
            group.responders += *responder;
        }
    }
    group.patients = static_cast<int>(patients.size());
    group.median_latest = median(latests);
    if (!baselines.empty()) {
        group.median_baseline = median(baselines);
        group.median_change = median(changes);
    }
    return group;
}

} // namespace

OutcomeGrouping parse_outcome_grouping(std::string_view text) {
    for (const auto& [grouping, name] : grouping_names)
        if (name == text)
            return grouping;
    throw ValidationError("by", fmt::format("unknown grouping '{}'; allowed: depth, device, "
                                            "serum, fitzpatrick, sessions",
                                            visible(text)));
}

std::string_view outcome_grouping_name(OutcomeGrouping grouping) {
    for (const auto& [value, name] : grouping_names)
        if (value == grouping)
            return name;
    return "depth";
}

double median(std::vector<double> values) {
    if (values.empty())
        throw std::invalid_argument("median needs values");
    std::sort(values.begin(), values.end());
    const auto middle = values.size() / 2;
    if (values.size() % 2 == 1)
        return values[middle];
    return (values[middle - 1] + values[middle]) / 2;
}

std::vector<OutcomeUnit> outcome_units(const OutcomeFacts& facts, const OutcomeFilter& filter,
                                       const time::ClinicZone& zone) {
    std::map<UnitKey, std::vector<const ScoreFact*>> scores;
    for (const auto& score : facts.scores) {
        const auto& details = score.details;
        if (filter.scale && details.scale != *filter.scale)
            continue;
        if (!filter.scale && scale_of(details.scale).responder == ResponderRule::none)
            continue; // a classification or procedure pain, not an outcome
        if ((filter.from && details.assessed_on < *filter.from) ||
            (filter.to && details.assessed_on > *filter.to))
            continue;
        scores[unit_key(score)].push_back(&score);
    }
    std::unordered_map<std::int64_t, std::vector<const OutcomeSessionFact*>> sessions;
    for (const auto& session : facts.sessions)
        sessions[session.patient.value].push_back(&session);
    for (auto& [patient, list] : sessions)
        std::stable_sort(list.begin(), list.end(), [](const auto* a, const auto* b) {
            return a->performed_at < b->performed_at;
        });
    const std::vector<const OutcomeSessionFact*> none;

    std::vector<OutcomeUnit> units;
    for (auto& [key, list] : scores) {
        // By day, and within a day in the order recorded: the last of a day is its score.
        std::sort(list.begin(), list.end(), [](const ScoreFact* a, const ScoreFact* b) {
            return std::pair(a->details.assessed_on, a->assessment.value) <
                   std::pair(b->details.assessed_on, b->assessment.value);
        });
        const auto& latest = *list.back();
        const auto& scale = scale_of(latest.details.scale);
        const auto found = sessions.find(latest.patient.value);
        const auto& patient_sessions = found == sessions.end() ? none : found->second;
        OutcomeUnit unit;
        unit.patient = latest.patient;
        unit.fitzpatrick = latest.fitzpatrick;
        unit.scale = latest.details.scale;
        unit.area = latest.details.area;
        unit.side = latest.details.side;
        unit.latest = latest.details.score;
        if (needs_no_baseline(scale)) {
            std::optional<time::Date> first;
            if (latest.details.course) {
                first = first_session_of(patient_sessions, *latest.details.course, zone);
                if (first)
                    unit.sessions =
                        sessions_between(patient_sessions, first, latest.details.assessed_on, scale,
                                         latest.details, filter, zone);
            } else {
                unit.sessions =
                    sessions_between(patient_sessions, std::nullopt, latest.details.assessed_on,
                                     scale, latest.details, filter, zone);
            }
        } else {
            const auto first_day = list.front()->details.assessed_on;
            if (latest.details.assessed_on == first_day)
                continue; // no score on a later day than the baseline
            const auto baseline = std::find_if(list.begin(), list.end(), [&](const auto* score) {
                return score->details.assessed_on > first_day;
            });
            unit.baseline = (*std::prev(baseline))->details.score; // the first day's last
            unit.sessions =
                sessions_between(patient_sessions, first_day, latest.details.assessed_on, scale,
                                 latest.details, filter, zone);
        }
        if (filter.indication && unit.sessions.empty())
            continue; // no session of the indication
        units.push_back(std::move(unit));
    }
    return units;
}

OutcomeReport summarise_outcomes(const std::vector<OutcomeUnit>& units,
                                 std::optional<OutcomeGrouping> by) {
    OutcomeReport report;
    report.by = by;
    std::map<std::pair<int, GroupKey>, std::vector<const OutcomeUnit*>> groups;
    std::map<int, std::vector<const OutcomeUnit*>> totals;
    for (const auto& unit : units) {
        const auto scale = static_cast<int>(unit.scale);
        totals[scale].push_back(&unit);
        if (!by) {
            groups[{scale, {0, std::string(scale_of(unit.scale).key)}}].push_back(&unit);
            continue;
        }
        for (const auto& key : groups_of(unit, *by))
            groups[{scale, key}].push_back(&unit);
    }
    for (const auto& [key, members] : groups)
        report.groups.push_back(
            figures_of(key.second.second, static_cast<ScaleCode>(key.first), members));
    if (by)
        for (const auto& [scale, members] : totals)
            report.totals.push_back(figures_of("(all)", static_cast<ScaleCode>(scale), members));
    return report;
}

OutcomeReport outcome_report(records::Scope& scope, const OutcomeFilter& filter,
                             std::optional<OutcomeGrouping> by) {
    if (filter.from && filter.to && *filter.to < *filter.from)
        throw ValidationError("to", fmt::format("--to {} is before --from {}",
                                                time::format_date(*filter.to),
                                                time::format_date(*filter.from)));
    // One snapshot: a score recorded meanwhile by another process cannot half appear.
    const auto facts = scope.db().read([&] {
        return storage::read_outcome_facts(scope.db(), filter.scale, filter.from, filter.to);
    });
    auto report = summarise_outcomes(outcome_units(facts, filter, scope.zone()), by);
    report.filter = filter;
    return report;
}

} // namespace needlebook::report
