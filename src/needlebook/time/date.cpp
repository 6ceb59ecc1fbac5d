#include "needlebook/time/date.hpp"

#include "needlebook/error.hpp"

#include <fmt/format.h>
#include <sstream>

namespace needlebook::time {
namespace {

// The shape check date::parse leaves out: it would also take '2026-2-3'.
bool has_shape(std::string_view text, std::string_view shape) {
    if (text.size() != shape.size())
        return false;
    for (std::size_t i = 0; i < shape.size(); ++i) {
        const bool digit = text[i] >= '0' && text[i] <= '9';
        if (shape[i] == '9' ? !digit : text[i] != shape[i])
            return false;
    }
    return true;
}

} // namespace

Date parse_date(std::string_view text, std::string_view field) {
    Date day{};
    if (has_shape(text, "9999-99-99")) {
        std::istringstream in{std::string(text)};
        in >> date::parse("%Y-%m-%d", day);
        if (!in.fail() && day.ok())
            return day;
        throw ValidationError(std::string(field),
                              fmt::format("{} '{}' is not a date in the calendar", field, text));
    }
    throw ValidationError(std::string(field),
                          fmt::format("{} '{}' is not a date; use YYYY-MM-DD", field, text));
}

std::string format_date(Date day) { return date::format("%Y-%m-%d", day); }

int days_between(Date from, Date to) {
    return static_cast<int>((date::sys_days{to} - date::sys_days{from}).count());
}

Date add_days(Date day, int days) { return Date{date::sys_days{day} + date::days{days}}; }

Date add_months(Date day, int months) {
    Date moved = day + date::months{months};
    // 31 March plus one month is the last day of April, not 1 May.
    return moved.ok() ? moved : Date{moved.year() / moved.month() / date::last};
}

std::string format_utc(Instant at) { return date::format("%Y-%m-%dT%H:%M:%SZ", at); }

Instant parse_utc(std::string_view text, std::string_view field) {
    Instant at{};
    if (has_shape(text, "9999-99-99T99:99:99Z")) {
        std::istringstream in{std::string(text)};
        in >> date::parse("%Y-%m-%dT%H:%M:%SZ", at);
        if (!in.fail())
            return at;
    }
    throw ValidationError(std::string(field),
                          fmt::format("{} '{}' is not a UTC time 'YYYY-MM-DDTHH:MM:SSZ'", field, text));
}

} // namespace needlebook::time
