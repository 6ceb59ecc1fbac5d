#include "needlebook/model/assessment.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"

#include <cmath>
#include <fmt/format.h>

namespace needlebook {

void validate(const AssessmentDetails& details, time::Date today) {
    const auto& scale = scale_of(details.scale);
    const double factor = std::pow(10.0, scale.decimals);
    const bool in_steps =
        std::abs(details.score * factor - std::round(details.score * factor)) < 1e-9 * factor;
    if (details.score < scale.low || details.score > scale.high || !in_steps)
        throw ValidationError("score",
                              fmt::format("score {} is not allowed on {}; allowed: {}",
                                          details.score, scale.key, allowed_values(scale)));
    if (scale.per_area && !details.area)
        throw ValidationError("area", fmt::format("{} is scored per area: name one with --area "
                                                  "AREA[:left|right]",
                                                  scale.key));
    if (!scale.per_area && details.area)
        throw ValidationError("area", fmt::format("{} is scored for the whole patient, not per "
                                                  "area: leave out --area",
                                                  scale.key));
    if (details.side && !details.area)
        throw ValidationError("area", "a side needs an area, e.g. --area cheek:left");
    if (scale.moment == ScaleMoment::session && !details.session)
        throw ValidationError("session", fmt::format("{} is scored during a session: name it "
                                                     "with --session, or give --pain with "
                                                     "'session log'",
                                                     scale.key));
    if (details.assessed_on > today)
        throw ValidationError("on", fmt::format("date {} is in the future (today is {})",
                                                time::format_date(details.assessed_on),
                                                time::format_date(today)));
    check_note("by", details.assessor, 100);
    check_note("note", details.note, 10000);
}

} // namespace needlebook
