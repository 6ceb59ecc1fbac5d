#include "needlebook/model/course.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace needlebook {

std::string course_status(const Course& course) {
    if (course.revision.voided)
        return "voided";
    if (const auto& closing = course.details.closing)
        return fmt::format("{} {}", code_of(closing->outcome), time::format_date(closing->on));
    return "open";
}

std::string areas_text(const std::vector<Area>& areas) {
    std::string text;
    for (const auto area : areas)
        text += fmt::format("{}{}", text.empty() ? "" : " ", area);
    return text;
}

std::vector<Area> parse_course_areas(std::string_view text) {
    std::vector<Area> areas;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find_first_of(", ", start), text.size());
        if (const auto word = text.substr(start, end - start); !word.empty()) {
            const auto area = find_code<Area>(word);
            if (!area)
                throw ValidationError("areas",
                                      fmt::format("unknown area '{}' in --areas; allowed: {}",
                                                  visible(word), allowed_codes<Area>()));
            if (std::find(areas.begin(), areas.end(), *area) != areas.end())
                throw ValidationError("areas", fmt::format("area '{}' is named twice", *area));
            areas.push_back(*area);
        }
        start = end + 1;
    }
    return areas;
}

void validate(const CourseDetails& details, time::Date today) {
    if (details.planned < 1 || details.planned > max_planned_sessions)
        throw ValidationError("planned", fmt::format("planned {} is not allowed; allowed: 1 to {} "
                                                     "sessions",
                                                     details.planned, max_planned_sessions));
    if (details.every_days < 1 || details.every_days > 365)
        throw ValidationError("every", fmt::format("every {} days is not allowed; allowed: 1 to "
                                                   "365 days between sessions",
                                                   details.every_days));
    check_note("goal", details.goal, 1000);
    if (details.started_on > today)
        throw ValidationError("started", fmt::format("start {} is in the future (today is {})",
                                                     time::format_date(details.started_on),
                                                     time::format_date(today)));
    if (const auto& closing = details.closing) {
        if (closing->on < details.started_on)
            throw ValidationError("on", fmt::format("closed {} is before the course started on {}",
                                                    time::format_date(closing->on),
                                                    time::format_date(details.started_on)));
        if (closing->on > today)
            throw ValidationError("on", fmt::format("closed {} is in the future (today is {})",
                                                    time::format_date(closing->on),
                                                    time::format_date(today)));
        if (closing->reason.find_first_not_of(" \t\r\n") == std::string::npos)
            throw ValidationError("reason", "closing a course needs --reason: why it ended");
        check_note("reason", closing->reason, 2000);
    }
}

} // namespace needlebook
