#include "needlebook/report/timeline.hpp"

#include <algorithm>
#include <stdexcept>

namespace needlebook::report {

ReactionTimeline timeline_of(const ReactionDetails& reaction, time::Date session_day,
                             const ReactionNorm& norm, time::Date as_of) {
    ReactionTimeline timeline;
    timeline.onset_day = time::days_between(session_day, reaction.onset);
    timeline.open = !reaction.resolved || *reaction.resolved > as_of;
    const auto end = timeline.open ? as_of : *reaction.resolved;
    timeline.recovery_day = time::days_between(session_day, end);
    if (!timeline.open)
        timeline.duration = time::days_between(reaction.onset, end);
    timeline.adverse = norm.always_adverse;
    timeline.prolonged = norm.expected_days && timeline.recovery_day > *norm.expected_days;
    return timeline;
}

const ReactionNorm& norm_of(const ClinicSettings& settings, ReactionKind kind) {
    static const ReactionNorm unknown{std::nullopt, true};
    const auto found = settings.reaction_norm.find(kind);
    return found != settings.reaction_norm.end() ? found->second : unknown;
}

std::string timeline_marks(const ReactionTimeline& timeline) {
    std::string marks;
    for (const auto& [on, word] :
         {std::pair{timeline.open, "open"}, std::pair{timeline.prolonged, "prolonged"},
          std::pair{timeline.adverse, "adverse"}})
        if (on) {
            if (!marks.empty())
                marks += ',';
            marks += word;
        }
    return marks;
}

int nearest_rank(const std::vector<int>& sorted, int percent) {
    if (sorted.empty() || percent <= 0 || percent > 100)
        throw std::invalid_argument("nearest_rank needs values and a percent in (0, 100]");
    // ceil(percent × n / 100) in whole numbers, so no rounding error moves the rank.
    const auto n = sorted.size();
    const auto rank = (static_cast<std::size_t>(percent) * n + 99) / 100;
    return sorted[std::max<std::size_t>(rank, 1) - 1];
}

std::size_t depth_band(double depth_mm) {
    // Depths are stored with at most two decimals; compare in hundredths so 1.0 is not 1.0000001.
    const auto hundredths = static_cast<long>(depth_mm * 100 + 0.5);
    constexpr long upper_bounds[] = {50, 100, 150, 200};
    std::size_t band = 0;
    while (band < std::size(upper_bounds) && hundredths > upper_bounds[band])
        ++band;
    return band;
}

} // namespace needlebook::report
