#include "needlebook/report/recovery.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/patient.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/report/timeline.hpp"
#include "needlebook/storage/report_reader.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <map>

namespace needlebook::report {
namespace {

constexpr std::array<std::pair<RecoveryGrouping, std::string_view>, 6> grouping_names{{
    {RecoveryGrouping::kind, "kind"},
    {RecoveryGrouping::area, "area"},
    {RecoveryGrouping::depth, "depth"},
    {RecoveryGrouping::fitzpatrick, "fitzpatrick"},
    {RecoveryGrouping::device, "device"},
    {RecoveryGrouping::serum, "serum"},
}};

constexpr std::string_view not_recorded = "(not recorded)";

// Where a group sorts: catalogue order first, then its label.
using GroupKey = std::pair<int, std::string>;

template <class E> GroupKey catalogue_key(E value) {
    return {static_cast<int>(value), std::string(code_of(value))};
}

std::vector<GroupKey> groups_of(const ReactionFact& fact, RecoveryGrouping by) {
    switch (by) {
    case RecoveryGrouping::kind:
        return {catalogue_key(fact.details.kind)};
    case RecoveryGrouping::area:
        if (!fact.details.area)
            return {{1000, "(whole session)"}};
        return {catalogue_key(*fact.details.area)};
    case RecoveryGrouping::depth: {
        const auto band = depth_band(fact.area_depth_mm.value_or(fact.deepest_mm));
        return {{static_cast<int>(band), std::string(depth_bands[band])}};
    }
    case RecoveryGrouping::fitzpatrick:
        if (!fact.patient.fitzpatrick)
            return {{7, std::string(not_recorded)}};
        return {
            {*fact.patient.fitzpatrick, std::string(fitzpatrick_roman(*fact.patient.fitzpatrick))}};
    case RecoveryGrouping::device:
        return {catalogue_key(fact.device)};
    case RecoveryGrouping::serum: {
        if (fact.products.empty())
            return {{1, "(none)"}};
        std::vector<GroupKey> keys;
        for (const auto& product : fact.products)
            keys.push_back({0, product});
        return keys;
    }
    }
    return {};
}

struct Tally {
    std::vector<int> days;
    int prolonged = 0, adverse = 0, open = 0;

    void add(const ReactionTimeline& timeline) {
        days.push_back(timeline.recovery_day);
        prolonged += timeline.prolonged;
        adverse += timeline.adverse;
        open += timeline.open;
    }

    RecoveryGroup finish(std::string label) {
        RecoveryGroup group;
        group.label = std::move(label);
        group.reactions = static_cast<int>(days.size());
        group.prolonged = prolonged;
        group.adverse = adverse;
        group.open = open;
        if (!days.empty()) {
            std::sort(days.begin(), days.end());
            group.median_days = nearest_rank(days, 50);
            group.p90_days = nearest_rank(days, 90);
        }
        return group;
    }
};

} // namespace

RecoveryGrouping parse_grouping(std::string_view text) {
    for (const auto& [grouping, name] : grouping_names)
        if (name == text)
            return grouping;
    throw ValidationError("by", fmt::format("unknown grouping '{}'; allowed: kind, area, depth, "
                                            "fitzpatrick, device, serum",
                                            visible(text)));
}

std::string_view grouping_name(RecoveryGrouping grouping) {
    for (const auto& [value, name] : grouping_names)
        if (value == grouping)
            return name;
    return "kind";
}

RecoveryReport summarise_recovery(const std::vector<ReactionFact>& facts, RecoveryGrouping by,
                                  const ClinicSettings& settings, const time::ClinicZone& zone,
                                  time::Date as_of) {
    RecoveryReport report;
    report.by = by;
    report.as_of = as_of;
    std::map<GroupKey, Tally> tallies;
    Tally total;
    for (const auto& fact : facts) {
        if (fact.details.onset > as_of)
            continue; // had not begun on the as-of date
        const auto timeline = timeline_of(fact.details, zone.local_date(fact.performed_at),
                                          norm_of(settings, fact.details.kind), as_of);
        total.add(timeline);
        for (const auto& key : groups_of(fact, by))
            tallies[key].add(timeline);
    }
    for (auto& [key, tally] : tallies)
        report.groups.push_back(tally.finish(key.second));
    report.total = total.finish("all reactions");
    return report;
}

RecoveryReport recovery_report(records::Scope& scope, RecoveryGrouping by,
                               std::optional<time::Date> from, std::optional<time::Date> to) {
    if (from && to && *to < *from)
        throw ValidationError("to", fmt::format("--to {} is before --from {}",
                                                time::format_date(*to), time::format_date(*from)));
    const auto& zone = scope.zone();
    std::optional<time::Instant> start, end;
    if (from)
        start = zone.start_of_day(*from);
    if (to)
        end = zone.start_of_day(time::add_days(*to, 1));
    // One snapshot: a session logged meanwhile by another process cannot half appear.
    auto facts =
        scope.db().read([&] { return storage::ReportReader(scope.db()).reactions(start, end); });
    auto report = summarise_recovery(facts, by, scope.settings(), zone, scope.today());
    report.from = from;
    report.to = to;
    return report;
}

} // namespace needlebook::report
