#include "fixtures.hpp"

#include "needlebook/error.hpp"
#include "needlebook/time/clock.hpp"
#include "needlebook/time/date.hpp"
#include "needlebook/time/zone.hpp"

#include <chrono>
#include <cstdlib>
#include <doctest/doctest.h>
#include <optional>
#include <string>
#include <vector>

using namespace needlebook;
using test::contains;
using test::refusal;
using namespace std::chrono_literals;
using test::day;
using test::utc;

namespace {

// Sets an environment variable for one test and puts the old value back afterwards.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : m_name(name) {
        if (const char* old = std::getenv(name))
            m_old = old;
        if (value)
            ::setenv(name, value, 1);
        else
            ::unsetenv(name);
    }
    ~ScopedEnv() {
        if (m_old)
            ::setenv(m_name, m_old->c_str(), 1);
        else
            ::unsetenv(m_name);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* m_name;
    std::optional<std::string> m_old;
};

} // namespace

TEST_CASE("parse_date: dates that exist in the calendar") {
    const auto d = time::parse_date("2026-02-28", "onset");
    CHECK(d == time::Date{date::year{2026}, date::February, date::day{28}});
    for (const char* text :
         {"2024-02-29", "2000-02-29", "2026-12-31", "2026-01-01", "1900-01-01"}) {
        INFO("text: ", std::string(text));
        CHECK(time::format_date(time::parse_date(text, "onset")) == text);
    }
}

TEST_CASE("parse_date: dates not in the calendar are refused") {
    for (const char* text : {"2026-02-30", "2025-02-29", "1900-02-29", "2026-04-31", "2026-13-01",
                             "2026-00-10", "2026-01-00", "2026-01-32"}) {
        INFO("text: ", std::string(text));
        const auto e = refusal([&] { time::parse_date(text, "onset"); });
        CHECK(e.field() == "onset");
        CHECK(std::string(e.what()) ==
              fmt::format("onset '{}' is not a date in the calendar", text));
    }
}

TEST_CASE("parse_date: only the YYYY-MM-DD shape") {
    for (const char* text :
         {"2026-2-3", "2026-02-3", "26-02-03", "2026/02/03", "20260203", " 2026-02-03",
          "2026-02-03 ", "2026-02-03T00:00", "", "03-02-2026", "2026-0a-03", "+026-02-03"}) {
        INFO("text: ", std::string(text));
        const auto e = refusal([&] { time::parse_date(text, "born"); });
        CHECK(e.field() == "born");
        CHECK(std::string(e.what()) ==
              fmt::format("born '{}' is not a date; use YYYY-MM-DD", text));
    }
}

TEST_CASE("days_between counts calendar days, negative backwards") {
    CHECK(time::days_between(day("2026-01-01"), day("2026-01-01")) == 0);
    CHECK(time::days_between(day("2025-12-31"), day("2026-01-01")) == 1);
    CHECK(time::days_between(day("2026-01-01"), day("2025-12-31")) == -1);
    CHECK(time::days_between(day("2024-01-01"), day("2025-01-01")) == 366); // leap year
    CHECK(time::days_between(day("2025-01-01"), day("2026-01-01")) == 365);
    CHECK(time::days_between(day("2024-02-28"), day("2024-03-01")) == 2);
    CHECK(time::days_between(day("2026-02-28"), day("2026-03-01")) == 1);
    // Across the clocks changing: calendar days, not 24-hour periods.
    CHECK(time::days_between(day("2026-03-28"), day("2026-03-30")) == 2);
}

TEST_CASE("add_days is the inverse of days_between") {
    CHECK(time::add_days(day("2024-02-28"), 1) == day("2024-02-29"));
    CHECK(time::add_days(day("2025-02-28"), 1) == day("2025-03-01"));
    CHECK(time::add_days(day("2026-01-01"), -1) == day("2025-12-31"));
    const auto from = day("2026-11-23");
    for (int days : {-800, -28, -1, 0, 1, 14, 365, 1000}) {
        CAPTURE(days);
        CHECK(time::days_between(from, time::add_days(from, days)) == days);
    }
}

TEST_CASE("add_months keeps the day, or moves to the month's last day") {
    CHECK(time::add_months(day("2026-05-15"), 6) == day("2026-11-15"));
    CHECK(time::add_months(day("2026-01-31"), 1) == day("2026-02-28"));
    CHECK(time::add_months(day("2024-01-31"), 1) == day("2024-02-29"));
    CHECK(time::add_months(day("2026-03-31"), 1) == day("2026-04-30"));
    CHECK(time::add_months(day("2026-11-30"), 3) == day("2027-02-28"));
    CHECK(time::add_months(day("2026-03-31"), -1) == day("2026-02-28"));
    CHECK(time::add_months(day("2024-02-29"), 12) == day("2025-02-28"));
    CHECK(time::add_months(day("2024-02-29"), 48) == day("2028-02-29"));
    CHECK(time::add_months(day("2026-08-31"), 0) == day("2026-08-31"));
    CHECK(time::add_months(day("2025-12-15"), 1) == day("2026-01-15"));
}

TEST_CASE("parse_utc and format_utc round trip") {
    for (const char* text : {"2026-11-23T15:00:00Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z",
                             "1969-12-31T23:59:59Z", "1950-06-01T08:30:05Z"}) {
        INFO("text: ", std::string(text));
        CHECK(time::format_utc(time::parse_utc(text, "at")) == text);
    }
    CHECK(time::parse_utc("1970-01-01T00:00:00Z", "at").time_since_epoch() == 0s);
    CHECK(time::parse_utc("1970-01-02T01:02:03Z", "at").time_since_epoch() == 24h + 1h + 2min + 3s);
    CHECK(time::parse_utc("2026-11-23T15:00:01Z", "at") -
              time::parse_utc("2026-11-23T15:00:00Z", "at") ==
          1s);
}

TEST_CASE("parse_utc refuses anything but 'YYYY-MM-DDTHH:MM:SSZ'") {
    for (const char* text :
         {"2026-11-23T15:00Z", "2026-11-23 15:00:00Z", "2026-11-23T15:00:00",
          "2026-11-23T24:00:00Z", "2026-11-23T15:60:00Z", "2026-11-23T15:00:60Z",
          "2026-02-30T10:00:00Z", "2026-11-23T15:00:00+01:00", "2026-11-23t15:00:00z", ""}) {
        INFO("text: ", std::string(text));
        const auto e = refusal([&] { time::parse_utc(text, "NEEDLEBOOK_NOW"); });
        CHECK(e.field() == "NEEDLEBOOK_NOW");
        CHECK(contains(e.what(), "is not a UTC time 'YYYY-MM-DDTHH:MM:SSZ'"));
    }
}

TEST_CASE("Clock: fixed in tests, from NEEDLEBOOK_NOW, or the system's") {
    SUBCASE("fixed") {
        const time::Clock clock{utc("2026-11-23T15:00:00Z")};
        CHECK(time::format_utc(clock.now()) == "2026-11-23T15:00:00Z");
        CHECK(clock.now() == clock.now());
    }
    SUBCASE("NEEDLEBOOK_NOW") {
        ScopedEnv now("NEEDLEBOOK_NOW", "2030-01-02T03:04:05Z");
        CHECK(time::format_utc(time::Clock::from_environment().now()) == "2030-01-02T03:04:05Z");
    }
    SUBCASE("NEEDLEBOOK_NOW malformed") {
        ScopedEnv now("NEEDLEBOOK_NOW", "2030-01-02 03:04");
        CHECK(refusal([] { time::Clock::from_environment(); }).field() == "NEEDLEBOOK_NOW");
    }
    SUBCASE("system clock") {
        ScopedEnv now("NEEDLEBOOK_NOW", nullptr);
        const auto before = std::chrono::system_clock::now();
        const auto read = time::Clock::from_environment().now();
        const auto after = std::chrono::system_clock::now();
        CHECK(read >= std::chrono::floor<std::chrono::seconds>(before));
        CHECK(read <= after);
    }
}

TEST_CASE("ClinicZone: named zones") {
    CHECK(test::london().name() == "Europe/London");
    const auto e = refusal([] { time::ClinicZone::from_setting("Mars/Olympus_Mons"); });
    CHECK(e.field() == "time zone");
    CHECK(contains(e.what(), "'Mars/Olympus_Mons'"));
}

TEST_CASE("ClinicZone: the system zone comes from $TZ first") {
    SUBCASE("plain name") {
        ScopedEnv tz("TZ", "Europe/London");
        CHECK(time::ClinicZone::from_setting("").name() == "Europe/London");
    }
    SUBCASE("POSIX ':Area/City'") {
        ScopedEnv tz("TZ", ":Europe/Paris");
        const auto zone = time::ClinicZone::from_setting("");
        CHECK(zone.name() == "Europe/Paris");
        CHECK(zone.format_local(utc("2026-01-15T10:00:00Z")) == "2026-01-15 11:00");
    }
    SUBCASE("the setting wins over $TZ") {
        ScopedEnv tz("TZ", "Asia/Tokyo");
        CHECK(time::ClinicZone::from_setting("Europe/London").name() == "Europe/London");
    }
    SUBCASE("an unknown $TZ is refused") {
        ScopedEnv tz("TZ", "Nowhere/Special");
        CHECK(refusal([] { time::ClinicZone::from_setting(""); }).field() == "time zone");
    }
}

TEST_CASE("ClinicZone: local times in winter and summer") {
    SUBCASE("winter: GMT") {
        const auto at = test::london().parse_local("2026-01-15 10:00", "at");
        CHECK(time::format_utc(at) == "2026-01-15T10:00:00Z");
        CHECK(test::london().format_local(at) == "2026-01-15 10:00");
    }
    SUBCASE("summer: BST, an hour ahead") {
        const auto at = test::london().parse_local("2026-07-01 10:00", "at");
        CHECK(time::format_utc(at) == "2026-07-01T09:00:00Z");
        CHECK(test::london().format_local(at) == "2026-07-01 10:00");
    }
    SUBCASE("round trip over a year of half hours") {
        // Every local time that exists once must come back as typed.
        auto at = utc("2026-01-01T00:00:00Z");
        for (int i = 0; i < 365 * 48; i += 37) {
            const auto instant = at + std::chrono::minutes{30 * i};
            const auto local = test::london().format_local(instant);
            if (local.starts_with("2026-10-25 01:"))
                continue; // happens twice
            CAPTURE(local);
            CHECK(test::london().parse_local(local, "at") == instant);
        }
    }
}

TEST_CASE("ClinicZone: the hour skipped in spring does not exist") {
    const auto e = refusal([] { test::london().parse_local("2026-03-29 01:30", "at"); });
    CHECK(e.field() == "at");
    CHECK(std::string(e.what()) ==
          "at '2026-03-29 01:30' does not exist in Europe/London (the clocks went forward)");
    CHECK(time::format_utc(test::london().parse_local("2026-03-29 00:59", "at")) ==
          "2026-03-29T00:59:00Z");
    CHECK(time::format_utc(test::london().parse_local("2026-03-29 02:00", "at")) ==
          "2026-03-29T01:00:00Z");
}

TEST_CASE("ClinicZone: the hour repeated in autumn is ambiguous") {
    const auto e = refusal([] { test::london().parse_local("2026-10-25 01:30", "at"); });
    CHECK(e.field() == "at");
    CHECK(std::string(e.what()) ==
          "at '2026-10-25 01:30' happens twice in Europe/London (the clocks went back); give the "
          "UTC time instead, '2026-10-25T00:30Z' or '2026-10-25T01:30Z'"); // both, in UTC

    // Both occurrences can be given in UTC and show as the same local time.
    const auto first = test::london().parse_local("2026-10-25T00:30Z", "at");
    const auto second = test::london().parse_local("2026-10-25T01:30Z", "at");
    CHECK(second - first == 1h);
    CHECK(test::london().format_local(first) == "2026-10-25 01:30");
    CHECK(test::london().format_local(second) == "2026-10-25 01:30");
}

TEST_CASE("ClinicZone: UTC input 'YYYY-MM-DDTHH:MMZ' or with seconds") {
    CHECK(test::london().parse_local("2026-03-29T01:30Z", "at") == utc("2026-03-29T01:30:00Z"));
    CHECK(test::london().parse_local("2026-07-01T09:15:42Z", "at") == utc("2026-07-01T09:15:42Z"));
    const auto impossible = refusal([] { test::london().parse_local("2026-11-31T10:00Z", "at"); });
    CHECK(impossible.field() == "at");
    CHECK(std::string(impossible.what()) == "at '2026-11-31T10:00Z' is not a date in the calendar");
    CHECK(refusal([] { test::london().parse_local("2026-02-30T10:00Z", "at"); }).field() == "at");
    const auto shape = refusal([] { test::london().parse_local("2026-07-01T9:15Z", "at"); });
    CHECK(shape.field() == "at");
    CHECK(std::string(shape.what()) ==
          "at '2026-07-01T9:15Z' is not a time; use 'YYYY-MM-DD HH:MM' (clinic time, "
          "Europe/London) or 'YYYY-MM-DDTHH:MMZ' (UTC)");
    const auto hour = refusal([] { test::london().parse_local("2026-07-01T25:00Z", "at"); });
    CHECK(std::string(hour.what()) == "at '2026-07-01T25:00Z' is not a time of day");
}

TEST_CASE("ClinicZone: malformed local times are refused") {
    for (const char* text :
         {"2026-3-29 10:00", "2026-03-29 10:00:00", "2026-03-29T10:00", "2026-03-29 1:30",
          "2026-03-29  1:30", "2026-03-29 10.00", "", "now", "yesterday"}) {
        INFO("text: ", std::string(text));
        const auto e = refusal([&] { test::london().parse_local(text, "at"); });
        CHECK(e.field() == "at");
        CHECK(std::string(e.what()) ==
              fmt::format("at '{}' is not a time; use 'YYYY-MM-DD HH:MM' (clinic time, "
                          "Europe/London) or 'YYYY-MM-DDTHH:MMZ' (UTC)",
                          text));
    }
    // The right shape, but no such time on a clock.
    for (const char* text : {"2026-03-29 24:00", "2026-03-29 25:00", "2026-03-29 10:60"}) {
        INFO("text: ", std::string(text));
        const auto e = refusal([&] { test::london().parse_local(text, "at"); });
        CHECK(e.field() == "at");
        CHECK(std::string(e.what()) == fmt::format("at '{}' is not a time of day", text));
    }
    const auto e = refusal([] { test::london().parse_local("2026-02-30 10:00", "at"); });
    CHECK(std::string(e.what()) == "at '2026-02-30 10:00' is not a date in the calendar");
}

// A date part of the right length but the wrong shape is a shape error, not a calendar one: the
// message must show the format to use.
TEST_CASE("ClinicZone: a wrongly shaped date part gets the format in the message") {
    for (const char* text : {"29/03/2026 10:00", "2026/03/29 10:00", "2026-3-291 10:00"}) {
        INFO("text: ", std::string(text));
        const auto e = refusal([&] { test::london().parse_local(text, "at"); });
        CHECK(e.field() == "at");
        CHECK(std::string(e.what()) ==
              fmt::format("at '{}' is not a time; use 'YYYY-MM-DD HH:MM' (clinic time, "
                          "Europe/London) or 'YYYY-MM-DDTHH:MMZ' (UTC)",
                          text));
    }
}

// parse_when is what --at takes: parse_local's times, or now to the minute; its refusal names
// now, parse_local's does not (the demo's times, for one, cannot be now).
TEST_CASE("ClinicZone: parse_when takes a time or now, and says so when refused") {
    const auto now = utc("2026-11-23T15:07:42Z");
    CHECK(test::london().parse_when("now", "at", now) == utc("2026-11-23T15:07:00Z"));
    CHECK(test::london().parse_when("2026-07-01 10:15", "at", now) == utc("2026-07-01T09:15:00Z"));
    CHECK(test::london().parse_when("2026-07-01T10:15Z", "at", now) == utc("2026-07-01T10:15:00Z"));
    for (const char* text : {"yesterday", "Now", "now ", "", "2026-11-20"}) {
        INFO("text: ", std::string(text));
        const auto e = refusal([&] { test::london().parse_when(text, "at", now); });
        CHECK(e.field() == "at");
        CHECK(std::string(e.what()) ==
              fmt::format("at '{}' is not a time; use 'YYYY-MM-DD HH:MM' (clinic time, "
                          "Europe/London), 'YYYY-MM-DDTHH:MMZ' (UTC) or now (the current minute)",
                          text));
    }
    // The other refusals are parse_local's, word for word.
    CHECK(std::string(
              refusal([&] { test::london().parse_when("2026-03-29 01:30", "at", now); }).what()) ==
          "at '2026-03-29 01:30' does not exist in Europe/London (the clocks went forward)");
    CHECK(std::string(refusal([&] {
                          test::london().parse_when("2026-02-30 10:00", "at", now);
                      }).what()) == "at '2026-02-30 10:00' is not a date in the calendar");
    CHECK(!contains(refusal([] { test::london().parse_local("now", "at"); }).what(), "now ("));
}

TEST_CASE("ClinicZone: local dates and the start of a local day") {
    CHECK(test::london().local_date(utc("2026-07-01T23:30:00Z")) == day("2026-07-02")); // BST
    CHECK(test::london().local_date(utc("2026-01-01T23:30:00Z")) == day("2026-01-01")); // GMT
    CHECK(test::london().start_of_day(day("2026-07-02")) == utc("2026-07-01T23:00:00Z"));
    CHECK(test::london().start_of_day(day("2026-01-02")) == utc("2026-01-02T00:00:00Z"));
    CHECK(test::london().start_of_day(day("2026-03-29")) == utc("2026-03-29T00:00:00Z"));
    CHECK(test::london().start_of_day(day("2026-10-25")) == utc("2026-10-24T23:00:00Z"));
    for (const char* text : {"2026-03-29", "2026-10-25", "2026-07-02"}) {
        INFO("text: ", std::string(text));
        const auto start = test::london().start_of_day(day(text));
        CHECK(test::london().local_date(start) == day(text));
        CHECK(test::london().local_date(start - 1s) == time::add_days(day(text), -1));
    }
}

// A value that failed to parse is echoed on the message's own line.
TEST_CASE("echo_typed: controls in a typed date or time are shown, not sent") {
    CHECK(time::echo_typed("2026-11-20") == "2026-11-20");
    CHECK(time::echo_typed("2026\nneedlebook: ok") == "2026\u23CEneedlebook: ok");
    CHECK(time::echo_typed("a\r\nb\tc\x1b[2J\x7f") == "a\u23CEb\u21E5c<U+001B>[2J<U+007F>");
    CHECK(time::echo_typed("Zürich") == "Zürich");
    CHECK(std::string(refusal([] { time::parse_date("2026\n11-20", "onset"); }).what()) ==
          "onset '2026\u23CE11-20' is not a date; use YYYY-MM-DD");
    CHECK(std::string(refusal([] { time::parse_utc("x\ry", "performed_at"); }).what()) ==
          "performed_at 'x<U+000D>y' is not a UTC time 'YYYY-MM-DDTHH:MM:SSZ'");
    const auto london = time::ClinicZone::from_setting("Europe/London");
    CHECK(contains(refusal([&] { london.parse_local("2026-11-20\n10:00", "at"); }).what(),
                   "at '2026-11-20\u23CE10:00' is not a time"));
}

TEST_CASE("an instant in the clinic's local time with its offset, and read back") {
    const auto summer = test::utc("2026-07-01T09:30:00Z");
    const auto winter = test::utc("2026-01-15T09:30:00Z");
    CHECK(test::london().format_iso_local(summer) == "2026-07-01T10:30:00+01:00");
    CHECK(test::london().format_iso_local(winter) == "2026-01-15T09:30:00+00:00");
    CHECK(time::parse_iso_with_offset("2026-07-01T10:30:00+01:00") == summer);
    CHECK(time::parse_iso_with_offset("2026-07-01T04:30:00-05:00") == summer);
    for (const auto* bad : {"2026-07-01T10:30:00Z", "2026-07-01 10:30+01:00",
                            "2026-02-30T10:30:00+01:00", "2026-07-01T10:30:00+24:00", ""})
        CHECK_FALSE(time::parse_iso_with_offset(bad).has_value());
}
