#include "fixtures.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/condition.hpp"
#include "needlebook/model/patient.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace needlebook;
using test::day;

namespace {

const time::Date today = day("2026-11-23");

// The field named by the ValidationError `call` throws.
template <class Call> std::string refused_field(Call&& call) {
    try {
        call();
    } catch (const ValidationError& e) {
        return e.field();
    }
    return "(accepted)";
}

} // namespace

TEST_CASE("validate(PatientDetails): a complete patient is accepted") {
    CHECK_NOTHROW(validate(test::patient_details(), today));
    auto minimal = test::patient_details();
    minimal.fitzpatrick.reset();
    minimal.phone.clear();
    minimal.email.clear();
    minimal.note.clear();
    CHECK_NOTHROW(validate(minimal, today));
}

TEST_CASE("validate(PatientDetails): each rule names its field") {
    auto details = test::patient_details();

    SUBCASE("blank family name") {
        details.family_name = "  ";
        CHECK(refused_field([&] { validate(details, today); }) == "family name");
    }
    SUBCASE("blank given name") {
        details.given_name = "";
        CHECK(refused_field([&] { validate(details, today); }) == "given name");
    }
    SUBCASE("name over 100 characters") {
        details.family_name = std::string(101, 'a');
        CHECK(refused_field([&] { validate(details, today); }) == "family name");
        details.family_name = std::string(100, 'a');
        CHECK_NOTHROW(validate(details, today));
    }
    SUBCASE("born in the future") {
        details.birth_date = test::day("2026-11-24");
        try {
            validate(details, today);
            FAIL("a birth date after today was accepted");
        } catch (const ValidationError& e) {
            CHECK(e.field() == "born");
            CHECK(std::string(e.what()) ==
                  "born 2026-11-24 is in the future (today is 2026-11-23)");
        }
        details.birth_date = today;
        CHECK_NOTHROW(validate(details, today));
    }
    SUBCASE("born before 1900") {
        details.birth_date = test::day("1899-12-31");
        CHECK(refused_field([&] { validate(details, today); }) == "born");
        details.birth_date = test::day("1900-01-01");
        CHECK_NOTHROW(validate(details, today));
    }
    SUBCASE("Fitzpatrick type outside I..VI") {
        for (int type : {0, 7, -1}) {
            CAPTURE(type);
            details.fitzpatrick = type;
            CHECK(refused_field([&] { validate(details, today); }) == "fitzpatrick");
        }
        for (int type = 1; type <= 6; ++type) {
            details.fitzpatrick = type;
            CHECK_NOTHROW(validate(details, today));
        }
    }
    SUBCASE("email without '@'") {
        details.email = "jane.example.org";
        CHECK(refused_field([&] { validate(details, today); }) == "email");
    }
    SUBCASE("phone over 40 characters") {
        details.phone = std::string(41, '1');
        CHECK(refused_field([&] { validate(details, today); }) == "phone");
    }
    SUBCASE("note over 10000 characters") {
        details.note = std::string(10001, 'n');
        CHECK(refused_field([&] { validate(details, today); }) == "note");
    }
}

// Names, phone and email print on one line of tables and headers: nothing in them may fake
// another line, column or direction. The note is free text: line breaks and tabs are fine.
TEST_CASE("validate(PatientDetails): single-line fields refuse hidden characters, the note "
          "keeps line breaks") {
    const std::vector<std::pair<std::string, std::string PatientDetails::*>> lines{
        {"family name", &PatientDetails::family_name},
        {"given name", &PatientDetails::given_name},
        {"phone", &PatientDetails::phone},
        {"email", &PatientDetails::email}};
    for (const auto& [field, member] : lines)
        for (const std::string bad :
             {"a@b\nP-000002  Smith, Ann", "a@b\r", "a@b\tc", "a@b\x1b[2J", "a@b\u202e",
              "a@b\u2066x\u2069", "a@\u200bb", "a@b\ufeff", "a@b\u0085", "a@b\xff"}) {
            CAPTURE(field);
            CAPTURE(bad);
            auto details = test::patient_details();
            details.*member = bad;
            CHECK(refused_field([&] { validate(details, today); }) == field);
        }
    auto details = test::patient_details();
    details.note = "prefers mornings\nallergic to lidocaine?\tcheck";
    CHECK_NOTHROW(validate(details, today));
    details.note = "fine\u202e";
    CHECK(refused_field([&] { validate(details, today); }) == "note");
    details.note = "fine\x1b[31m";
    CHECK(refused_field([&] { validate(details, today); }) == "note");
    details = test::patient_details("Ødegård-Müller", "Zoë Łucja");
    CHECK_NOTHROW(validate(details, today));
}

TEST_CASE("validate_chart_code: 1 to 32 letters, digits, '-' or '_'") {
    for (const auto& good :
         std::vector<std::string>{"P-000123", "abc_1", "X", std::string(32, 'Z')}) {
        CAPTURE(good);
        CHECK_NOTHROW(validate_chart_code(good));
    }
    for (const auto& bad : std::vector<std::string>{"", std::string(33, 'Z'), "P 1", "P/1", "P.1",
                                                    "Müller", "P-1;DROP"}) {
        CAPTURE(bad);
        try {
            validate_chart_code(bad);
            FAIL("accepted");
        } catch (const ValidationError& e) {
            CHECK(e.field() == "code");
            CHECK(std::string(e.what()).find(fmt::format("'{}'", bad)) != std::string::npos);
        }
    }
    SUBCASE("a code is echoed as one visible line") {
        try {
            validate_chart_code("P-1\nP-2");
            FAIL("accepted");
        } catch (const ValidationError& e) {
            CHECK(std::string(e.what()).starts_with("chart code 'P-1\u23CEP-2' is not allowed"));
        }
    }
}

TEST_CASE("parse_fitzpatrick: arabic or roman numerals, any case") {
    for (int type = 1; type <= 6; ++type) {
        const std::string roman(fitzpatrick_roman(type));
        std::string lower = roman;
        for (auto& c : lower)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        CAPTURE(roman);
        CHECK(parse_fitzpatrick(std::to_string(type)) == type);
        CHECK(parse_fitzpatrick(roman) == type);
        CHECK(parse_fitzpatrick(lower) == type);
    }
    CHECK(fitzpatrick_roman(4) == "IV");
    CHECK(fitzpatrick_roman(0) == "?");
    CHECK(fitzpatrick_roman(7) == "?");

    for (const std::string bad : {"0", "7", "VII", "IIII", "", " 3", "3 ", "type 2", "2.0"}) {
        CAPTURE(bad);
        CHECK(refused_field([&] { parse_fitzpatrick(bad); }) == "fitzpatrick");
    }
}

TEST_CASE("validate(ConditionDetails): dates not in the future, resolution after the start") {
    ConditionDetails details{ConditionCode::eczema, day("2026-01-10"), std::nullopt, "flexures"};
    CHECK_NOTHROW(validate(details, today));

    SUBCASE("since in the future") {
        details.since = day("2026-11-24");
        CHECK(refused_field([&] { validate(details, today); }) == "since");
    }
    SUBCASE("resolved in the future") {
        details.resolved_on = day("2026-11-24");
        CHECK(refused_field([&] { validate(details, today); }) == "resolved");
    }
    SUBCASE("resolved before it began") {
        details.resolved_on = day("2026-01-09");
        try {
            validate(details, today);
            FAIL("accepted");
        } catch (const ValidationError& e) {
            CHECK(e.field() == "resolved");
            CHECK(std::string(e.what()) == "resolved 2026-01-09 is before since 2026-01-10");
        }
    }
    SUBCASE("resolved the day it began, or with no start known") {
        details.resolved_on = details.since;
        CHECK_NOTHROW(validate(details, today));
        details.since.reset();
        CHECK_NOTHROW(validate(details, today));
    }
}

TEST_CASE("Condition::active_on: begun by the day and not yet resolved") {
    Condition condition;
    condition.details.code = ConditionCode::psoriasis;
    const auto on = day("2026-06-15");

    CHECK(condition.active_on(on)); // no dates: on file, so active
    condition.details.since = day("2026-06-16");
    CHECK_FALSE(condition.active_on(on));
    condition.details.since = on;
    CHECK(condition.active_on(on));
    condition.details.resolved_on = on;
    CHECK_FALSE(condition.active_on(on)); // resolved that day: no longer active
    condition.details.resolved_on = day("2026-06-16");
    CHECK(condition.active_on(on));
}

TEST_CASE("validate(ConsentDetails)") {
    CHECK_NOTHROW(validate(ConsentDetails{today, "microneedling"}, today));
    CHECK(refused_field([&] {
              validate(ConsentDetails{day("2026-11-24"), ""}, today);
          }) == "signed");
    CHECK(refused_field([&] {
              validate(ConsentDetails{today, std::string(1001, 'c')}, today);
          }) == "covers");
}
