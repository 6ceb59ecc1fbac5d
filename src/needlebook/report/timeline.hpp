#pragma once
// Recovery timelines (README "Reports for the clinic manager"): day counts of one reaction against
// its session and the clinic's norm for its kind. Every report and the history use these.

#include "needlebook/model/reaction.hpp"
#include "needlebook/model/settings.hpp"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::report {

struct ReactionTimeline {
    int onset_day = 0;           // onset − session day
    int recovery_day = 0;        // resolution − session day; to the as-of date while open
    std::optional<int> duration; // resolution − onset; nothing while open
    bool open = false;           // not resolved by the as-of date
    bool prolonged = false;      // recovery day beyond the expected resolution of its kind
    bool adverse = false;        // a kind that is always an adverse event
};

// A resolution after `as_of` counts as still open on `as_of`.
ReactionTimeline timeline_of(const ReactionDetails& reaction, time::Date session_day,
                             const ReactionNorm& norm, time::Date as_of);

// The norm of `kind` in `settings` (a kind without a row is treated as always adverse).
const ReactionNorm& norm_of(const ClinicSettings& settings, ReactionKind kind);

// 'open', 'prolonged', 'adverse' joined by commas; empty for a reaction that settled in time.
std::string timeline_marks(const ReactionTimeline& timeline);

// Nearest-rank percentile: the smallest value with at least p % of the values at or below it
// (rank ceil(p/100 × n)). `sorted` is ascending and not empty; p in (0, 100].
int nearest_rank(const std::vector<int>& sorted, int percent);

// Depth bands of the recovery report in mm, upper bounds inclusive, in ASCII for CSV and
// terminals.
inline constexpr std::array<std::string_view, 5> depth_bands{"<=0.5", "0.5-1.0", "1.0-1.5",
                                                             "1.5-2.0", ">2.0"};
// The index in depth_bands of the band holding `depth_mm`.
std::size_t depth_band(double depth_mm);

} // namespace needlebook::report
