#pragma once
// report recovery: how long reactions took to settle, grouped by kind, area, depth band,
// Fitzpatrick type, device or serum (README "Reports for the clinic manager").

#include "needlebook/model/report_facts.hpp"
#include "needlebook/records/scope.hpp"

#include <optional>
#include <string>
#include <vector>

namespace needlebook::report {

enum class RecoveryGrouping { kind, area, depth, fitzpatrick, device, serum };

// 'kind', 'area', 'depth', 'fitzpatrick', 'device' or 'serum'; ValidationError otherwise.
RecoveryGrouping parse_grouping(std::string_view text);
std::string_view grouping_name(RecoveryGrouping grouping);

struct RecoveryGroup {
    std::string label;
    int reactions = 0;
    int median_days = 0; // nearest-rank 50th percentile of recovery days
    int p90_days = 0;    // nearest-rank 90th percentile
    int prolonged = 0;   // beyond the expected resolution of their kind
    int adverse = 0;     // kinds that are always adverse events
    int open = 0;        // not resolved by the as-of date (counted to it)
    double prolonged_share() const { return reactions ? double(prolonged) / reactions : 0; }
    double adverse_share() const { return reactions ? double(adverse) / reactions : 0; }
};

struct RecoveryReport {
    RecoveryGrouping by = RecoveryGrouping::kind;
    std::optional<time::Date> from, to; // session days, both inclusive
    time::Date as_of{};
    std::vector<RecoveryGroup> groups; // in catalogue order; empty groups left out
    RecoveryGroup total;               // every reaction once
};

// Groups `facts` (pure: the unit tests feed it hand-made facts). A reaction counts once in each
// group it belongs to: by serum, under every product its session used ('(none)' without one).
RecoveryReport summarise_recovery(const std::vector<ReactionFact>& facts, RecoveryGrouping by,
                                  const ClinicSettings& settings, const time::ClinicZone& zone,
                                  time::Date as_of);

// Reactions of sessions performed from `from` to `to` (days in the clinic's zone, inclusive),
// as of today.
RecoveryReport recovery_report(records::Scope& scope, RecoveryGrouping by,
                               std::optional<time::Date> from, std::optional<time::Date> to);

} // namespace needlebook::report
