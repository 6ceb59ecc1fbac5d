#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"

#include "fixtures.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <limits>
#include <string>
#include <utility>
#include <vector>

using namespace needlebook;
using test::contains;
using test::refusal;

namespace {

std::string repeat(std::string_view unit, std::size_t times) {
    std::string out;
    for (std::size_t i = 0; i < times; ++i)
        out += unit;
    return out;
}

} // namespace

TEST_CASE("check_text: required text must not be blank") {
    for (const std::string blank : {"", " ", "\t\n  "}) {
        CAPTURE(blank);
        const auto e = refusal([&] { check_text("family name", blank, 100, true); });
        CHECK(e.field() == "family name");
        CHECK(std::string(e.what()) == "family name must not be empty");
        CHECK_NOTHROW(check_text("note", blank, 100)); // optional text may be blank
    }
    CHECK_NOTHROW(check_text("family name", "Doe", 100, true));
}

TEST_CASE("check_text: the length limit counts characters, not bytes") {
    SUBCASE("ASCII at and over the limit") {
        CHECK_NOTHROW(check_text("phone", repeat("7", 40), 40));
        const auto e = refusal([] { check_text("phone", repeat("7", 41), 40); });
        CHECK(e.field() == "phone");
        CHECK(std::string(e.what()) == "phone is 41 characters long; at most 40 are allowed");
    }
    SUBCASE("two-byte characters") {
        CHECK_NOTHROW(check_text("given name", repeat("é", 5), 5)); // 10 bytes, 5 characters
        CHECK_THROWS_AS(check_text("given name", repeat("é", 6), 5), ValidationError);
    }
    SUBCASE("four-byte characters") {
        CHECK_NOTHROW(check_text("note", repeat("\xF0\x9F\x98\x80", 3), 3)); // three emoji
        CHECK_THROWS_AS(check_text("note", repeat("\xF0\x9F\x98\x80", 4), 3), ValidationError);
    }
}

TEST_CASE("check_text: malformed UTF-8 is refused") {
    for (const std::string& bad : {std::string("\xFF"), std::string("abc\xC3"), std::string("\x80"),
                                   std::string("ab\xE2\x82"), std::string("\xC3\x28")}) {
        CAPTURE(bad);
        const auto e = refusal([&] { check_text("note", bad, 100); });
        CHECK(e.field() == "note");
        CHECK(contains(e.what(), "not valid UTF-8"));
    }
    CHECK_NOTHROW(check_text("note", "Müller, Siobhán, 김민지", 100));
}

// Overlong forms and UTF-16 surrogates are not UTF-8 (RFC 3629); JSON writers refuse them, so
// text passing check_text could not be exported.
TEST_CASE("check_text: overlong encodings and surrogates are refused") {
    for (const std::string& bad : {std::string("\xC0\xAF"), std::string("\xE0\x80\xAF"),
                                   std::string("\xED\xA0\x80"), std::string("\xF4\x90\x80\x80")}) {
        CAPTURE(bad);
        const auto e = refusal([&] { check_text("note", bad, 100); });
        CHECK(e.field() == "note");
        CHECK(contains(e.what(), "not valid UTF-8"));
    }
    // The largest code points of each length, and the ones either side of the surrogates, are fine.
    for (const std::string& good :
         {std::string("\x7E"), std::string("\xDF\xBF"), std::string("\xED\x9F\xBF"),
          std::string("\xEE\x80\x80"), std::string("\xF4\x8F\xBF\xBF")}) {
        CAPTURE(good);
        CHECK_NOTHROW(check_text("note", good, 100));
    }
}

TEST_CASE("check_text: control characters are refused, line breaks and tabs are not") {
    for (const std::string& bad : {std::string("a\x1b[31mred"),
                                   std::string("a\x1f"
                                               "b"),
                                   std::string("bell\a"), std::string("del\x7F")}) {
        CAPTURE(bad);
        const auto e = refusal([&] { check_text("note", bad, 100); });
        CHECK(e.field() == "note");
        CHECK(contains(e.what(), "holds a control character"));
    }
    CHECK_NOTHROW(check_text("note", "line one\r\nline two\tindented", 100));
}

TEST_CASE("check_reason: a reason must say why") {
    SUBCASE("amendment reason") {
        const auto e = refusal([] { check_reason("reason", "  "); });
        CHECK(e.field() == "reason");
        CHECK(contains(e.what(), "--reason"));
    }
    SUBCASE("override reason") {
        const auto e = refusal([] { check_reason("override", ""); });
        CHECK(e.field() == "override");
        CHECK(contains(e.what(), "--override"));
    }
    SUBCASE("length") {
        CHECK_NOTHROW(check_reason("reason", repeat("x", 2000)));
        CHECK_THROWS_AS(check_reason("reason", repeat("x", 2001)), ValidationError);
    }
}

TEST_CASE("parse_decimal: plain decimals are read exactly") {
    CHECK(parse_decimal("0.25", "depth", 2) == 0.25);
    CHECK(parse_decimal("1", "depth", 2) == 1.0);
    CHECK(parse_decimal("2.5", "depth", 2) == 2.5);
    CHECK(parse_decimal("10.00", "depth", 2) == 10.0);
    CHECK(parse_decimal("007.5", "depth", 2) == 7.5);
    CHECK(parse_decimal("0.125", "amount", 3) == 0.125);
}

TEST_CASE("parse_decimal: anything but digits and one inner '.' is refused") {
    for (const std::string bad :
         {"", "5.", "1.2.3", "+1", "1e2", "0x1", " 1", "1 ", "1,5", "abc", "NaN", "inf", "½"}) {
        CAPTURE(bad);
        const auto e = refusal([&] { parse_decimal(bad, "depth", 2); });
        CHECK(e.field() == "depth");
        CHECK(std::string(e.what()) ==
              fmt::format("depth '{}' is not a number; use digits with '.' as the decimal "
                          "point, e.g. 0.25",
                          bad));
    }
}

TEST_CASE("parse_decimal: a number that starts with the point says to write the 0") {
    const std::vector<std::pair<std::string, double>> cases{
        {".5", 0.5}, {".25", 0.25}, {".75", 0.75}};
    for (const auto& c : cases) {
        const std::string& bad = c.first;
        CAPTURE(bad);
        const auto e = refusal([&] { parse_decimal(bad, "depth", 2); });
        CHECK(e.field() == "depth");
        CHECK(std::string(e.what()) ==
              fmt::format("depth '{}' needs a digit before the point, e.g. 0{}", bad, bad));
        CHECK(parse_decimal("0" + bad, "depth", 2) == c.second); // the hint is accepted
    }
}

// The hint names a number that is accepted; where a leading 0 would not make one, the text is
// simply not a number.
TEST_CASE("parse_decimal: a point first with no number after it is not a number") {
    for (const std::string bad : {".", "..5", ".5.", ".5.5", ".a", ". 5"}) {
        CAPTURE(bad);
        const auto e = refusal([&] { parse_decimal(bad, "depth", 2); });
        CHECK(e.field() == "depth");
        CHECK(std::string(e.what()) ==
              fmt::format("depth '{}' is not a number; use digits with '.' as the decimal "
                          "point, e.g. 0.25",
                          bad));
    }
}

TEST_CASE("parse_decimal: a negative number is refused as negative") {
    for (const std::string bad : {"-1", "-0.5", "-abc"}) {
        CAPTURE(bad);
        const auto e = refusal([&] { parse_decimal(bad, "depth", 2); });
        CHECK(e.field() == "depth");
        CHECK(std::string(e.what()) ==
              fmt::format("depth '{}' is negative; it must be greater than 0", bad));
    }
}

TEST_CASE("parse_decimal: more decimals than allowed are refused, not rounded") {
    const auto e = refusal([] { parse_decimal("0.255", "depth", 2); });
    CHECK(e.field() == "depth");
    CHECK(std::string(e.what()) == "depth '0.255' has more than 2 decimals");
    CHECK_THROWS_AS(parse_decimal("1.5", "passes", 0), ValidationError);
}

// 400 nines do not fit in a double: from_chars reports out of range and leaves the value at 0.
TEST_CASE("parse_decimal: a number too large for a double is refused") {
    const std::string huge(400, '9');
    double value = -1;
    const auto e = refusal([&] { value = parse_decimal(huge, "depth", 2); });
    CHECK(e.field() == "depth");
    CHECK(std::string(e.what()) == fmt::format("depth '{}' is out of range", huge));
    CHECK(value == -1);
}

TEST_CASE("parse_whole: whole numbers within the range") {
    CHECK(parse_whole("1", "passes", 1, 20) == 1);
    CHECK(parse_whole("20", "passes", 1, 20) == 20);
    CHECK(parse_whole("07", "passes", 1, 20) == 7);

    SUBCASE("out of range") {
        for (const auto& [text, value] :
             std::initializer_list<std::pair<std::string, int>>{{"0", 0}, {"21", 21}, {"-1", -1}}) {
            CAPTURE(text);
            const auto e = refusal([&] { parse_whole(text, "passes", 1, 20); });
            CHECK(e.field() == "passes");
            CHECK(std::string(e.what()) ==
                  fmt::format("passes {} is out of range; allowed: 1 to 20", value));
        }
    }
    SUBCASE("not a whole number") {
        for (const std::string bad :
             {"", "x3", "3x", " 3", "3 ", "3.0", "+3", "three", "99999999999999999999"}) {
            CAPTURE(bad);
            const auto e = refusal([&] { parse_whole(bad, "passes", 1, 20); });
            CHECK(e.field() == "passes");
            CHECK(std::string(e.what()) ==
                  fmt::format("passes '{}' is not a whole number; allowed: 1 to 20", bad));
        }
    }
}

TEST_CASE("parse_record_id: a positive whole number") {
    CHECK(parse_record_id("42", "session", "see the list") == 42);
    CHECK(parse_record_id("1", "session", "see the list") == 1);
    CHECK(parse_record_id(std::to_string(std::numeric_limits<std::int64_t>::max()), "session",
                          "see the list") == std::numeric_limits<std::int64_t>::max());

    for (const std::string bad :
         {"", "0", "-5", "abc", "4 2", "12abc", "#12", "1.0", "+7", "9223372036854775808"}) {
        CAPTURE(bad);
        const auto e = refusal(
            [&] { parse_record_id(bad, "session", "use the number printed by 'session log'"); });
        CHECK(e.field() == "session");
        CHECK(std::string(e.what()) ==
              fmt::format("session '{}' is not a session id; use the number printed by "
                          "'session log'",
                          bad));
    }
}
