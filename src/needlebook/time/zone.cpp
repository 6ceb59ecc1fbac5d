#include "needlebook/time/zone.hpp"

#include "needlebook/error.hpp"

#include <cstdlib>
#include <date/tz.h>
#include <fmt/format.h>
#include <sstream>

namespace needlebook::time {
namespace {

const date::time_zone* locate(std::string_view name, std::string_view origin) {
    try {
        return date::locate_zone(name);
    } catch (const std::exception&) {
        throw ValidationError("time zone", fmt::format("unknown time zone '{}' ({}); use an IANA "
                                                       "name such as Europe/London",
                                                       name, origin));
    }
}

} // namespace

ClinicZone ClinicZone::from_setting(std::string_view setting) {
    if (!setting.empty())
        return {locate(setting, "clinic setting time_zone"), std::string(setting)};
    if (const char* tz = std::getenv("TZ"); tz != nullptr && *tz != '\0') {
        std::string_view name = tz;
        if (name.front() == ':') // POSIX allows ':Area/City'
            name.remove_prefix(1);
        return {locate(name, "$TZ"), std::string(name)};
    }
    try {
        const auto* zone = date::current_zone();
        return {zone, std::string(zone->name())};
    } catch (const std::exception&) {
        return {locate("UTC", "fallback"), "UTC"}; // no /etc/localtime: a bare container
    }
}

Instant ClinicZone::parse_local(std::string_view text, std::string_view field) const {
    return parse(text, field, std::nullopt);
}

Instant ClinicZone::parse_when(std::string_view text, std::string_view field, Instant now) const {
    return parse(text, field, now);
}

Instant ClinicZone::parse(std::string_view text, std::string_view field,
                          std::optional<Instant> now) const {
    if (now && text == "now")
        return std::chrono::floor<std::chrono::minutes>(*now);
    const bool utc =
        has_shape(text, "9999-99-99T99:99Z") || has_shape(text, "9999-99-99T99:99:99Z");
    if (!utc && !has_shape(text, "9999-99-99 99:99"))
        throw ValidationError(
            std::string(field),
            fmt::format("{} '{}' is not a time; use 'YYYY-MM-DD HH:MM' (clinic time, {}){} "
                        "'YYYY-MM-DDTHH:MMZ' (UTC){}",
                        field, echo_typed(text), m_name, now ? "," : " or",
                        now ? " or now (the current minute)" : ""));
    Date day{};
    try {
        day = parse_date(text.substr(0, 10), field);
    } catch (const ValidationError&) {
        throw ValidationError(std::string(field),
                              fmt::format("{} '{}' is not a date in the calendar", field, text));
    }
    const auto number = [&](std::size_t at) {
        return (text[at] - '0') * 10 + (text[at + 1] - '0');
    };
    const int hours = number(11), minutes = number(14),
              seconds = text.size() == 20 ? number(17) : 0;
    if (hours > 23 || minutes > 59 || seconds > 59)
        throw ValidationError(std::string(field),
                              fmt::format("{} '{}' is not a time of day", field, text));
    const auto time_of_day =
        std::chrono::hours{hours} + std::chrono::minutes{minutes} + std::chrono::seconds{seconds};
    if (utc)
        return date::sys_days{day} + time_of_day;
    const auto local = date::local_days{day} + time_of_day;
    const auto info = m_zone->get_info(local);
    if (info.result == date::local_info::nonexistent)
        throw ValidationError(std::string(field),
                              fmt::format("{} '{}' does not exist in {} (the clocks went forward)",
                                          field, text, m_name));
    if (info.result == date::local_info::ambiguous)
        throw ValidationError(
            std::string(field),
            fmt::format("{} '{}' happens twice in {} (the clocks went back); give the UTC time "
                        "instead, '{}' or '{}'",
                        field, text, m_name,
                        date::format("%Y-%m-%dT%H:%MZ", local - info.first.offset),
                        date::format("%Y-%m-%dT%H:%MZ", local - info.second.offset)));
    return date::sys_seconds{(local - info.first.offset).time_since_epoch()};
}

std::string ClinicZone::format_local(Instant at) const {
    const auto zoned = date::make_zoned(m_zone, at);
    return date::format("%Y-%m-%d %H:%M", zoned.get_local_time());
}

std::string ClinicZone::format_iso_local(Instant at) const {
    const auto info = m_zone->get_info(at);
    const auto offset = std::chrono::duration_cast<std::chrono::minutes>(info.offset).count();
    const auto magnitude = offset < 0 ? -offset : offset;
    return fmt::format("{}{}{:02}:{:02}", date::format("%Y-%m-%dT%H:%M:%S", at + info.offset),
                       offset < 0 ? '-' : '+', magnitude / 60, magnitude % 60);
}

Date ClinicZone::local_date(Instant at) const {
    const auto local = date::make_zoned(m_zone, at).get_local_time();
    return Date{date::floor<date::days>(local)};
}

Instant ClinicZone::start_of_day(Date day) const {
    const auto zoned = date::make_zoned(m_zone, date::local_days{day}, date::choose::earliest);
    return zoned.get_sys_time();
}

} // namespace needlebook::time
