#include "needlebook/time/date.hpp"

#include "needlebook/error.hpp"

#include <fmt/format.h>

namespace needlebook::time {
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

namespace {

// The number in text[first, first + count), all digits by has_shape. Read by hand rather than
// with date::parse, whose stream set-up cost dominated reading rows back.
int digits(std::string_view text, std::size_t first, std::size_t count) {
    int value = 0;
    for (std::size_t i = first; i < first + count; ++i)
        value = value * 10 + (text[i] - '0');
    return value;
}

} // namespace

std::string echo_typed(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\n' || (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')) {
            out += "\u23CE"; // ⏎
            i += c == '\r' ? 1 : 0;
        } else if (c == '\t') {
            out += "\u21E5"; // ⇥
        } else if (c < 0x20 || c == 0x7F) {
            out += fmt::format("<U+{:04X}>", static_cast<unsigned>(c));
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

Date parse_date(std::string_view text, std::string_view field) {
    if (has_shape(text, "9999-99-99")) {
        const Date day{date::year{digits(text, 0, 4)},
                       date::month(static_cast<unsigned>(digits(text, 5, 2))),
                       date::day(static_cast<unsigned>(digits(text, 8, 2)))};
        if (day.ok())
            return day;
        throw ValidationError(std::string(field),
                              fmt::format("{} '{}' is not a date in the calendar", field, text));
    }
    throw ValidationError(std::string(field), fmt::format("{} '{}' is not a date; use YYYY-MM-DD",
                                                          field, echo_typed(text)));
}

// fmt instead of date::format: no stream and locale per call (the demo formats millions).
std::string format_date(Date day) {
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(day.year()),
                       static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
}

int days_between(Date from, Date to) {
    return static_cast<int>((date::sys_days{to} - date::sys_days{from}).count());
}

Date add_days(Date day, int days) {
    return Date{date::sys_days{day} + date::days{days}};
}

Date add_months(Date day, int months) {
    Date moved = day + date::months{months};
    // 31 March plus one month is the last day of April, not 1 May.
    return moved.ok() ? moved : Date{moved.year() / moved.month() / date::last};
}

std::string format_utc(Instant at) {
    const auto day = date::floor<date::days>(at);
    const date::hh_mm_ss clock{at - day};
    return fmt::format("{}T{:02}:{:02}:{:02}Z", format_date(Date{day}), clock.hours().count(),
                       clock.minutes().count(), clock.seconds().count());
}

Instant parse_utc(std::string_view text, std::string_view field) {
    if (has_shape(text, "9999-99-99T99:99:99Z")) {
        const Date day{date::year{digits(text, 0, 4)},
                       date::month(static_cast<unsigned>(digits(text, 5, 2))),
                       date::day(static_cast<unsigned>(digits(text, 8, 2)))};
        const int hours = digits(text, 11, 2), minutes = digits(text, 14, 2),
                  seconds = digits(text, 17, 2);
        if (day.ok() && hours < 24 && minutes < 60 && seconds < 60)
            return date::sys_days{day} + std::chrono::hours{hours} + std::chrono::minutes{minutes} +
                   std::chrono::seconds{seconds};
    }
    throw ValidationError(
        std::string(field),
        fmt::format("{} '{}' is not a UTC time 'YYYY-MM-DDTHH:MM:SSZ'", field, echo_typed(text)));
}

std::optional<Instant> parse_iso_with_offset(std::string_view text) {
    if (!has_shape(text, "9999-99-99T99:99:99+99:99") &&
        !has_shape(text, "9999-99-99T99:99:99-99:99"))
        return std::nullopt;
    const int offset_hours = digits(text, 20, 2), offset_minutes = digits(text, 23, 2);
    if (offset_hours > 23 || offset_minutes > 59)
        return std::nullopt;
    try {
        const auto local = parse_utc(fmt::format("{}Z", text.substr(0, 19)), "time");
        const std::chrono::minutes offset{offset_hours * 60 + offset_minutes};
        return text[19] == '+' ? local - offset : local + offset;
    } catch (const ValidationError&) {
        return std::nullopt;
    }
}

int whole_years_between(Date from, Date to) {
    int years = static_cast<int>(to.year()) - static_cast<int>(from.year());
    if (std::pair(unsigned(to.month()), unsigned(to.day())) <
        std::pair(unsigned(from.month()), unsigned(from.day())))
        --years;
    return years;
}

} // namespace needlebook::time
