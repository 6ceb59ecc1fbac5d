#include "needlebook/model/reaction.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"

#include <fmt/format.h>

namespace needlebook {
namespace {

void check_day(std::string_view field, time::Date day, time::Date session_day, time::Date today) {
    if (day < session_day)
        throw ValidationError(std::string(field),
                              fmt::format("{} {} is before the session on {}", field,
                                          time::format_date(day), time::format_date(session_day)));
    if (day > today)
        throw ValidationError(std::string(field),
                              fmt::format("{} {} is in the future (today is {})", field,
                                          time::format_date(day), time::format_date(today)));
}

} // namespace

void validate(const ReactionDetails& details, time::Date session_day, time::Date today) {
    check_day("onset", details.onset, session_day, today);
    if (details.resolved) {
        if (*details.resolved < details.onset)
            throw ValidationError("resolved", fmt::format("resolved {} is before the onset {}",
                                                          time::format_date(*details.resolved),
                                                          time::format_date(details.onset)));
        check_day("resolved", *details.resolved, session_day, today);
    }
    if (details.side && !details.area)
        throw ValidationError("area", "a side needs an area, e.g. --area cheek:left");
    check_note("note", details.note, 10000);
}

void validate(const FollowupDetails& details, time::Date session_day, time::Date today) {
    check_day("follow-up date", details.checked_on, session_day, today);
    check_note("note", details.note, 10000);
}

} // namespace needlebook
