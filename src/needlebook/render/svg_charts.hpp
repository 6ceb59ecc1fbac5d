#pragma once
// The two charts of a printed history, as inline SVG (no script, no external resource).

#include "needlebook/report/history.hpp"

#include <string>

namespace needlebook::render {

// Needle depth per area (one line per area and side) across the sessions that were not voided.
// Empty when there is no such session.
std::string depth_chart_svg(const report::PatientHistory& history);
// One bar per reaction from onset day to recovery day after its session; open reactions run to
// the as-of date with an arrow. Empty when no reaction was recorded.
std::string reaction_chart_svg(const report::PatientHistory& history);
// The trends of one scale (one line per area, or one for the whole patient) over the days
// scored, on the scale's own range; empty when none has a score.
std::string score_chart_svg(const std::vector<report::ScoreTrend>& trends);

} // namespace needlebook::render
