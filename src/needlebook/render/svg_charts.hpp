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

} // namespace needlebook::render
