#pragma once
// The only code that parses or formats dates and instants. Calendar dates (birth, onset,
// resolution) are date::year_month_day; instants are UTC seconds, shown in the clinic's zone.

#include <chrono>
#include <date/date.h>
#include <optional>
#include <string>
#include <string_view>

namespace needlebook::time {

using Date = date::year_month_day;
using Instant = std::chrono::sys_seconds;

// Whether `text` matches `shape` character by character, where '9' in the shape stands for
// any digit: has_shape("2026-11-23", "9999-99-99").
bool has_shape(std::string_view text, std::string_view shape);

// A value that failed to parse, as a message echoes it: a line break shows as '⏎', a tab as '⇥'
// and any other ASCII control as '<U+001B>', so the echo stays on the message's line (the CLI
// shows the other hidden characters visibly when it prints the message).
std::string echo_typed(std::string_view text);

// Strict 'YYYY-MM-DD' that exists in the calendar (2026-02-30 is refused).
Date parse_date(std::string_view text, std::string_view field);
std::string format_date(Date day);

// Days from `from` to `to` (negative when `to` is earlier).
int days_between(Date from, Date to);
Date add_days(Date day, int days);
// Completed years from `from` to `to`: a patient's age on a day (born 29 February, one turns a
// year older on 1 March in other years).
int whole_years_between(Date from, Date to);
Date add_months(Date day, int months);

// The stored form: 'YYYY-MM-DDTHH:MM:SSZ'.
std::string format_utc(Instant at);
Instant parse_utc(std::string_view text, std::string_view field);
// 'YYYY-MM-DDTHH:MM:SS+HH:MM' (or -HH:MM), a local time with its offset as exports write it;
// nothing when the text is not one.
std::optional<Instant> parse_iso_with_offset(std::string_view text);

} // namespace needlebook::time
