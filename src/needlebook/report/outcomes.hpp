#pragma once
// report outcomes: whether treatment worked, from the outcome scores (model/outcome_scale):
// per group and scale, the units with a baseline and a later score, median baseline, latest and
// change, and the share of responders by the scale's rule (README "Reports for the clinic
// manager").

#include "needlebook/model/outcome_facts.hpp"
#include "needlebook/records/scope.hpp"
#include "needlebook/time/zone.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::report {

// Nothing: one group per scale.
enum class OutcomeGrouping { depth, device, serum, fitzpatrick, sessions };

// 'depth', 'device', 'serum', 'fitzpatrick' or 'sessions'; ValidationError otherwise.
OutcomeGrouping parse_outcome_grouping(std::string_view text);
std::string_view outcome_grouping_name(OutcomeGrouping grouping);

// What to report on: scores of one scale, on days from `from` to `to` (inclusive), units with a
// session of one indication.
struct OutcomeFilter {
    std::optional<ScaleCode> scale;
    std::optional<Indication> indication;
    std::optional<time::Date> from, to;
};

// A session of a unit, with what the groups need.
struct UnitSession {
    // The deepest needle depth: on the scored area for a scale scored per area (nothing when the
    // session did not treat it), else on any area.
    std::optional<double> depth_mm;
    Device device{};
    std::vector<std::string> products; // sorted, each once
};

// One patient's scores on one scale (and, per area, one area and side).
struct OutcomeUnit {
    PatientId patient;
    std::optional<int> fitzpatrick;
    ScaleCode scale{};
    std::optional<Area> area;
    std::optional<Side> side;
    std::optional<double> baseline; // nothing for a rating that needs none (GAIS)
    double latest = 0;
    std::vector<UnitSession> sessions;
};

// A patient's live scores and sessions as units (pure). Scores outside filter.from/to are left
// out; baseline = the earliest score, latest = the newest on a later day (a day's score is the
// one recorded last that day); a unit needs both, except on a scale whose rule needs no baseline
// (GAIS: the latest rating alone). A unit's sessions are the patient's performed (in `zone`) from
// the baseline's day to the latest's; for GAIS, up to the rating's day, from the first session
// of the rating's course (without a course: every earlier one). With filter.indication only
// sessions of it count, and units without one are left out. Scales without a responder rule
// (glogau, pain-nrs) are left out unless filter.scale names them.
std::vector<OutcomeUnit> outcome_units(const OutcomeFacts& facts, const OutcomeFilter& filter,
                                       const time::ClinicZone& zone);

struct OutcomeGroup {
    std::string label; // the group; the scale's key when not grouped
    ScaleCode scale{};
    int units = 0;
    int patients = 0; // distinct
    // Nothing when no unit has a baseline (GAIS).
    std::optional<double> median_baseline, median_change;
    double median_latest = 0;
    int responders = 0; // k of n:
    int decided = 0;    // units the scale's rule decides (none on a scale without a rule)
};

struct OutcomeReport {
    std::optional<OutcomeGrouping> by;
    OutcomeFilter filter;
    std::vector<OutcomeGroup> groups; // by scale in catalogue order, then group order
    std::vector<OutcomeGroup> totals; // with `by`: per scale, every unit once, labelled "(all)"
};

// The median of `values` (not empty): the middle value, or the mean of the two middle ones.
double median(std::vector<double> values);

// Groups `units` (pure: the unit tests feed it hand-made units). Group order: depth bands
// shallow to deep, devices in catalogue order then "mixed", serums by code then "no serum",
// Fitzpatrick I to VI then "not recorded", session counts ascending; "no session" last. By
// serum a unit counts under each product its sessions used.
OutcomeReport summarise_outcomes(const std::vector<OutcomeUnit>& units,
                                 std::optional<OutcomeGrouping> by);

// The depth band labels of the report, in mm, upper bounds inclusive, in ASCII.
inline constexpr std::array<std::string_view, 5> outcome_depth_bands{
    "<=0.50", "0.51-1.00", "1.01-1.50", "1.51-2.00", ">2.00"};

// Reads the clinic's live scores and sessions in one snapshot and summarises them.
OutcomeReport outcome_report(records::Scope& scope, const OutcomeFilter& filter,
                             std::optional<OutcomeGrouping> by);

} // namespace needlebook::report
