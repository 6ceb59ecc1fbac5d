#pragma once
// The clinic's time zone: sessions are typed and shown in it, day counts are taken in it.

#include "needlebook/time/date.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace date {
class time_zone;
}

namespace needlebook::time {

class ClinicZone {
public:
    // setting: an IANA name such as "Europe/London", or empty for the system's zone
    // ($TZ first, because date's current_zone() reads only /etc/localtime).
    static ClinicZone from_setting(std::string_view setting);

    const std::string& name() const { return m_name; }

    // 'YYYY-MM-DD HH:MM' in this zone, or 'YYYY-MM-DDTHH:MM[:SS]Z' in UTC.
    Instant parse_local(std::string_view text, std::string_view field) const;
    // The same, or 'now': the current minute of `now`. A refusal says that 'now' is accepted.
    Instant parse_when(std::string_view text, std::string_view field, Instant now) const;
    std::string format_local(Instant at) const; // 'YYYY-MM-DD HH:MM'
    // 'YYYY-MM-DDTHH:MM:SS+HH:MM': ISO 8601 local time with its offset, for exports.
    std::string format_iso_local(Instant at) const;
    Date local_date(Instant at) const;
    // The first instant of a local day, for range filters.
    Instant start_of_day(Date day) const;

private:
    // parse_local, and parse_when when `now` is given: the one place that words a refusal.
    Instant parse(std::string_view text, std::string_view field, std::optional<Instant> now) const;
    ClinicZone(const date::time_zone* zone, std::string name)
        : m_zone(zone), m_name(std::move(name)) {}
    const date::time_zone* m_zone; // owned by date's tz database, which lives forever
    std::string m_name;
};

} // namespace needlebook::time
