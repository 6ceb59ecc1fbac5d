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
        CHECK_NOTHROW(check_note("note", blank, 100)); // optional text may be blank
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
        CHECK_NOTHROW(check_note("note", repeat("\xF0\x9F\x98\x80", 3), 3)); // three emoji
        CHECK_THROWS_AS(check_note("note", repeat("\xF0\x9F\x98\x80", 4), 3), ValidationError);
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

// Every character that does not print as itself, named with its code point and position.
const std::vector<std::pair<std::string, std::string>> hidden_examples{
    {"\n", "a line break (U+000A)"},
    {"\r", "a carriage return (U+000D)"},
    {"\t", "a tab (U+0009)"},
    {"\x1b", "an escape character (terminal control) (U+001B)"},
    {std::string(1, '\0'), "a control character (U+0000)"},
    {"\a", "a control character (U+0007)"},
    {"\x1f", "a control character (U+001F)"},
    {"\x7f", "a control character (U+007F)"},
    {"\u0085", "a control character (U+0085)"}, // NEL, a line break to some terminals
    {"\u009b", "a control character (U+009B)"}, // CSI, ESC [ in one character
    {"\u061c", "a bidi control (U+061C)"},
    {"\u200e", "a bidi control (U+200E)"},
    {"\u200f", "a bidi control (U+200F)"},
    {"\u202a", "a bidi control (U+202A)"},
    {"\u202b", "a bidi control (U+202B)"},
    {"\u202c", "a bidi control (U+202C)"},
    {"\u202d", "a bidi control (U+202D)"},
    {"\u202e", "a bidi control (U+202E)"},
    {"\u2066", "a bidi control (U+2066)"},
    {"\u2067", "a bidi control (U+2067)"},
    {"\u2068", "a bidi control (U+2068)"},
    {"\u2069", "a bidi control (U+2069)"},
    {"\u200b", "an invisible character (U+200B)"},
    {"\u200c", "an invisible character (U+200C)"},
    {"\u200d", "an invisible character (U+200D)"},
    {"\u2060", "an invisible character (U+2060)"},
    {"\u2063", "an invisible character (U+2063)"},
    {"\ufeff", "an invisible character (U+FEFF)"},
    {"\ufff9", "an invisible character (U+FFF9)"},
    {"\u2028", "a line separator (U+2028)"},
    {"\u2029", "a paragraph separator (U+2029)"},
};

TEST_CASE("check_text: a single-line field refuses every character that does not print as "
          "itself") {
    for (const auto& [hidden, named] : hidden_examples) {
        CAPTURE(named);
        const auto e = refusal([&] { check_text("family name", "Ok" + hidden + "afor", 100); });
        CHECK(e.field() == "family name");
        CHECK(std::string(e.what()) ==
              fmt::format("family name holds {} at character 3; allowed: one line of visible "
                          "text, without line breaks, tabs, control characters, bidi controls or "
                          "invisible characters",
                          named));
    }
}

TEST_CASE("check_text: the position counts characters, not bytes") {
    const auto e = refusal([] { check_text("as", "Zoë Müller\u202e", 100); });
    CHECK(contains(e.what(), "(U+202E) at character 11;"));
}

TEST_CASE("check_text: letters of any script, punctuation and symbols are text") {
    for (const std::string good :
         {"O'Brien-Smith", "Zoë", "Müller", "Łukasz", "Ødegård", "Straße", "محمد", "עברית",
          "김민지", "Ελένη", "Дмитрий", "\xF0\x9F\x98\x80", "\u00a0", "\u202f", "a\u0301", "\u2065",
          "\u2070"}) {
        CAPTURE(good);
        CHECK_NOTHROW(check_text("given name", good, 100));
        CHECK_NOTHROW(check_note("note", good, 100));
    }
}

TEST_CASE("check_note: free text keeps line breaks and tabs, nothing else hidden") {
    CHECK_NOTHROW(check_note("note", "line one\r\nline two\tindented\nline three\n", 100));
    CHECK_NOTHROW(check_note("note", "\n\n\t", 100));
    for (const auto& [hidden, named] : hidden_examples) {
        if (hidden == "\n" || hidden == "\t" || hidden == "\r")
            continue;
        CAPTURE(named);
        const auto e = refusal([&] { check_note("aftercare", "cool\n" + hidden + "x", 2000); });
        CHECK(e.field() == "aftercare");
        CHECK(std::string(e.what()) ==
              fmt::format("aftercare holds {} at character 6; allowed: visible text with line "
                          "breaks and tabs, without other control characters, bidi controls or "
                          "invisible characters",
                          named));
    }
    SUBCASE("a carriage return only as part of CR LF") {
        for (const std::string bad : {"a\rb", "a\r", "\r\r\n", "a\n\rb"}) {
            CAPTURE(bad);
            const auto e = refusal([&] { check_note("note", bad, 100); });
            CHECK(contains(e.what(), "a carriage return that does not start a line break (CR LF) "
                                     "(U+000D)"));
        }
    }
    SUBCASE("required, UTF-8 and length as check_text") {
        CHECK(std::string(refusal([] { check_note("reason", "\n ", 100, true); }).what()) ==
              "reason must not be empty");
        CHECK(contains(refusal([] { check_note("note", "\xFF", 100); }).what(), "not valid UTF-8"));
        CHECK_THROWS_AS(check_note("note", "a\nb", 2), ValidationError);
    }
}

TEST_CASE("check_reason: a reason is free text") {
    CHECK_NOTHROW(check_reason("reason", "typo in depth\nchecked with the practitioner"));
    CHECK(contains(refusal([] { check_reason("reason", "typo\u202e"); }).what(),
                   "reason holds a bidi control (U+202E)"));
}

TEST_CASE("visible: one line of visible characters") {
    CHECK(visible("") == "");
    CHECK(visible("Okafor, Chidi") == "Okafor, Chidi");
    CHECK(visible("Zoë Müller 김민지 \xF0\x9F\x98\x80") == "Zoë Müller 김민지 \xF0\x9F\x98\x80");
    CHECK(visible("line one\nline two") == "line one\u23CEline two");
    CHECK(visible("line one\r\nline two\r\n") == "line one\u23CEline two\u23CE");
    CHECK(visible("a\tb") == "a\u21E5b");
    CHECK(visible("a\rb") == "a<U+000D>b");
    CHECK(visible("\x1b[31mred\x1b[0m") == "<U+001B>[31mred<U+001B>[0m");
    CHECK(visible("abc\u202efed") == "abc<U+202E>fed");
    CHECK(visible("a\u200bb\ufeff") == "a<U+200B>b<U+FEFF>");
    CHECK(visible("\u0085\u2028") == "<U+0085><U+2028>");
    CHECK(visible(std::string("a\0b", 3)) == "a<U+0000>b");
    SUBCASE("bytes that are not UTF-8 are shown as bytes") {
        CHECK(visible("\xFF") == "<0xFF>");
        CHECK(visible("ab\xC3") == "ab<0xC3>");
        CHECK(visible("\xC0\xAF") == "<0xC0><0xAF>");
        CHECK(visible("\xED\xA0\x80") == "<0xED><0xA0><0x80>");
    }
    SUBCASE("every hidden character is escaped, and visible text stays as it is") {
        for (const auto& [hidden, named] : hidden_examples) {
            CAPTURE(named);
            const auto shown = visible("x" + hidden + "y");
            CHECK(shown != "x" + hidden + "y");
            CHECK(valid_utf8(shown));
            CHECK(shown.find_first_of(std::string("\n\r\t\x1b\x7f\0", 6)) == std::string::npos);
            CHECK(visible(shown) == shown); // escaping twice changes nothing
        }
    }
}

TEST_CASE("visible_keeping_lines: line breaks stay, everything else as visible") {
    CHECK(visible_keeping_lines("one\ntwo\r\nthree") == "one\ntwo\nthree");
    CHECK(visible_keeping_lines("tab\there \x1b[2J\u202e") == "tab\u21E5here <U+001B>[2J<U+202E>");
}

TEST_CASE("hidden_character: the edges of each range") {
    CHECK(hidden_character(0x1F));
    CHECK_FALSE(hidden_character(0x20));
    CHECK_FALSE(hidden_character(0x7E));
    CHECK(hidden_character(0x7F));
    CHECK(hidden_character(0x80));
    CHECK(hidden_character(0x9F));
    CHECK_FALSE(hidden_character(0xA0));
    CHECK_FALSE(hidden_character(0x200A));
    CHECK_FALSE(hidden_character(0x2010));
    CHECK_FALSE(hidden_character(0x202F));
    CHECK_FALSE(hidden_character(0x2065));
    CHECK_FALSE(hidden_character(0x2070));
    CHECK_FALSE(hidden_character(0xFEFE));
    CHECK_FALSE(hidden_character(0xFFFC));
    CHECK_FALSE(hidden_character(0x10FFFF));
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

TEST_CASE("parse_decimal: a decimal comma is named, with the number as it should be written") {
    for (const auto& [bad, fixed] : {std::pair{"1,5", "1.5"}, std::pair{"0,25", "0.25"}}) {
        CAPTURE(bad);
        const auto e = refusal([&] { parse_decimal(bad, "depth", 2); });
        CHECK(e.field() == "depth");
        CHECK(std::string(e.what()) ==
              fmt::format("depth '{}' has a decimal comma; write it with a point: {}", bad, fixed));
    }
}

TEST_CASE("parse_decimal: anything but digits and one inner '.' is refused") {
    for (const std::string bad : {"", "5.", "1.2.3", "+1", "1e2", "0x1", " 1", "1 ", "1,5,0", ",5",
                                  "abc", "NaN", "inf", "½"}) {
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

TEST_CASE("parse_decimal, parse_whole, parse_record_id: a typed value is echoed as one line") {
    CHECK(std::string(refusal([] { parse_decimal("1\nneedlebook: ok", "depth", 2); }).what()) ==
          "depth '1\u23CEneedlebook: ok' is not a number; use digits with '.' as the decimal "
          "point, e.g. 0.25");
    CHECK(std::string(refusal([] { parse_whole("3\x1b[2J", "passes", 1, 20); }).what()) ==
          "passes '3<U+001B>[2J' is not a whole number; allowed: 1 to 20");
    CHECK(std::string(refusal([] {
                          parse_record_id("7\r\n", "session", "see the list");
                      }).what()) == "session '7\u23CE' is not a session id; see the list");
}
