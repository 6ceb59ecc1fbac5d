#include "fixtures.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/session.hpp"

#include <cmath>
#include <doctest/doctest.h>
#include <limits>
#include <string>
#include <vector>

using namespace needlebook;
using test::contains;
using test::refusal;

namespace {

SessionDetails with_areas(std::vector<AreaTreatment> areas) {
    return test::session_at("2026-11-20T10:00:00Z", std::move(areas));
}

} // namespace

TEST_CASE("parse_area_spec: AREA[:left|right]=DEPTH[xPASSES]") {
    SUBCASE("area and depth") {
        const auto t = parse_area_spec("cheek=1.5");
        CHECK(t == AreaTreatment{Area::cheek, std::nullopt, 1.5, std::nullopt});
    }
    SUBCASE("side and passes") {
        const auto t = parse_area_spec("cheek:left=1.5x3");
        CHECK(t == AreaTreatment{Area::cheek, Side::left, 1.5, 3});
    }
    SUBCASE("any case, capital X") {
        const auto t = parse_area_spec("Periorbital:RIGHT=0.25X2");
        CHECK(t == AreaTreatment{Area::periorbital, Side::right, 0.25, 2});
    }
    SUBCASE("an 'mm' unit after the depth") {
        CHECK(parse_area_spec("forehead=0.5mm") ==
              AreaTreatment{Area::forehead, std::nullopt, 0.5, std::nullopt});
        CHECK(parse_area_spec("forehead=0.5mmx2") ==
              AreaTreatment{Area::forehead, std::nullopt, 0.5, 2});
    }
    SUBCASE("the unit in capitals") {
        CHECK(parse_area_spec("cheek:left=1.5MM") ==
              AreaTreatment{Area::cheek, Side::left, 1.5, std::nullopt});
        CHECK(parse_area_spec("cheek=1.5MMx3") == AreaTreatment{Area::cheek, std::nullopt, 1.5, 3});
    }
    SUBCASE("every area code") {
        for (const auto& entry : Catalogue<Area>::entries) {
            const auto spec = fmt::format("{}:right=0.75x4", entry.code);
            CAPTURE(spec);
            CHECK(parse_area_spec(spec) == AreaTreatment{entry.value, Side::right, 0.75, 4});
        }
    }
}

TEST_CASE("parse_area_spec: bad specs name the part that is wrong") {
    struct Case {
        const char* spec;
        const char* field;
        const char* says;
    };
    for (const auto& c : std::vector<Case>{
             {"cheek", "area", "area 'cheek' has no depth"},
             {"eyelid=0.5", "area", "unknown area 'eyelid'"},
             {"=0.5", "area", "unknown area ''"},
             {"cheek:middle=1", "side", "unknown side 'middle'"},
             {"cheek=abc", "depth", "depth 'abc' is not a number"},
             {"cheek=", "depth", "depth '' is not a number"},
             {"cheek=-1", "depth", "depth '-1' is negative; it must be greater than 0"},
             {"cheek=1,5", "depth", "depth '1,5' has a decimal comma; write it with a point: 1.5"},
             {"cheek=.5", "depth", "depth '.5' needs a digit before the point, e.g. 0.5"},
             {"cheek=.5mm", "depth", "depth '.5' needs a digit before the point, e.g. 0.5"},
             {"cheek=mm", "depth", "depth 'mm' is not a number"},
             {"cheek=MM", "depth", "depth 'MM' is not a number"},
             {"cheek=1.5Mm", "depth", "depth '1.5Mm' is not a number"},
             {"cheek=1.5mmmm", "depth", "depth '1.5mm' is not a number"},
             {"cheek=0.255", "depth", "depth '0.255' has more than 2 decimals"},
             {"cheek=1.5x0", "passes", "passes 0 is out of range"},
             {"cheek=1.5x21", "passes", "passes 21 is out of range"},
             {"cheek=1.5x", "passes", "passes '' is not a whole number"},
             {"cheek=1.5x3x4", "passes", "passes '3x4' is not a whole number"},
         }) {
        CAPTURE(c.spec);
        const auto e = refusal([&] { parse_area_spec(c.spec); });
        CHECK(e.field() == c.field);
        CHECK(contains(e.what(), c.says));
    }
}

// A session logs several areas, so a number error says which --area it came from.
TEST_CASE("parse_area_spec: number errors name the --area they came from") {
    for (const auto& [spec, message] : std::vector<std::pair<std::string, std::string>>{
             {"cheek=abc", "depth 'abc' is not a number; use digits with '.' as the decimal "
                           "point, e.g. 0.25 (in --area cheek=abc)"},
             {"cheek=-1", "depth '-1' is negative; it must be greater than 0 (in --area cheek=-1)"},
             {"cheek=.5", "depth '.5' needs a digit before the point, e.g. 0.5 (in --area "
                          "cheek=.5)"},
             {"cheek:left=0.255", "depth '0.255' has more than 2 decimals (in --area "
                                  "cheek:left=0.255)"},
             {"cheek=1.5x0", "passes 0 is out of range; allowed: 1 to 20 (in --area cheek=1.5x0)"},
             {"cheek=1.5xtwo", "passes 'two' is not a whole number; allowed: 1 to 20 (in --area "
                               "cheek=1.5xtwo)"},
         }) {
        CAPTURE(spec);
        CHECK(std::string(refusal([&] { parse_area_spec(spec); }).what()) == message);
    }
}

TEST_CASE("parse_area_side and area_side_code are inverse") {
    for (const auto& entry : Catalogue<Area>::entries) {
        for (const std::optional<Side> side :
             {std::optional<Side>{}, std::optional{Side::left}, std::optional{Side::right}}) {
            const auto code = area_side_code(entry.value, side);
            CAPTURE(code);
            const auto [area, parsed_side] = parse_area_side(code);
            CHECK(area == entry.value);
            CHECK(parsed_side == side);
        }
    }
    CHECK(area_side_code(Area::cheek, Side::left) == "cheek:left");
    CHECK(area_side_code(Area::neck, std::nullopt) == "neck");
}

TEST_CASE("parse_serum_spec: PRODUCT@LOT[:during|after]") {
    SUBCASE("phase defaults to after") {
        CHECK(parse_serum_spec("ha-serum@HA2291") ==
              SerumUse{"ha-serum", "HA2291", SerumPhase::after});
    }
    SUBCASE("explicit phases") {
        CHECK(parse_serum_spec("gf-serum@GF-7:during") ==
              SerumUse{"gf-serum", "GF-7", SerumPhase::during});
        CHECK(parse_serum_spec("gf-serum@GF-7:after") ==
              SerumUse{"gf-serum", "GF-7", SerumPhase::after});
    }
    SUBCASE("a lot that contains ':' keeps it when a phase follows") {
        CHECK(parse_serum_spec("prp@KIT:2026:during") ==
              SerumUse{"prp", "KIT:2026", SerumPhase::during});
    }
    SUBCASE("refusals") {
        struct Case {
            const char* spec;
            const char* field;
        };
        for (const auto& c : std::vector<Case>{{"ha-serum", "serum"},
                                               {"@HA2291", "serum"},
                                               {"ha-serum@", "serum lot"},
                                               {"ha-serum@:during", "serum lot"},
                                               {"ha-serum@   ", "serum lot"},
                                               {"ha-serum@HA1:sometimes", "serum phase"}}) {
            CAPTURE(c.spec);
            CHECK(refusal([&] { parse_serum_spec(c.spec); }).field() == c.field);
        }
        const auto long_lot = "ha-serum@" + std::string(61, 'L');
        CHECK(refusal([&] { parse_serum_spec(long_lot); }).field() == "serum lot");
        CHECK_NOTHROW(parse_serum_spec("ha-serum@" + std::string(60, 'L')));
    }
}

TEST_CASE("parse_serum_spec: product codes are read without regard to case") {
    CHECK(parse_serum_spec("HA-Serum@L1") == SerumUse{"ha-serum", "L1", SerumPhase::after});
    CHECK(parse_serum_spec("HA-SERUM@L1:during") == SerumUse{"ha-serum", "L1", SerumPhase::during});
    CHECK(parse_serum_spec("ha-serum@Lot-A").lot == "Lot-A"); // the lot keeps its case
}

// A lot is matched exactly in a recall, so spaces at its ends would hide it.
TEST_CASE("parse_serum_spec: a lot with spaces at its ends is refused") {
    for (const std::string lot : {" HA 2291 ", " HA2291", "HA2291 "}) {
        CAPTURE(lot);
        const auto e = refusal([&] { parse_serum_spec("ha-serum@" + lot); });
        CHECK(e.field() == "serum lot");
        CHECK(std::string(e.what()) == fmt::format("serum lot '{}' has spaces at its ends", lot));
    }
    CHECK(parse_serum_spec("ha-serum@HA 2291").lot == "HA 2291"); // inner spaces are fine
}

// A lot is one line of visible text, like every single-line field (model/text.hpp).
TEST_CASE("parse_serum_spec: a lot with a tab, a line break or a hidden character is refused") {
    for (const std::string lot :
         {"HA2291\t", "HA\n2291", "HA2291\x1b[8m", "HA\u202e1922", "HA\u200b2291"}) {
        CAPTURE(lot);
        const auto e = refusal([&] { parse_serum_spec("ha-serum@" + lot); });
        CHECK(e.field() == "serum lot");
        CHECK(contains(e.what(), "allowed: one line of visible text"));
    }
}

TEST_CASE("validate(SessionDetails): single-line fields and free text") {
    const auto base = with_areas({{Area::cheek, Side::left, 1.5, 3}});
    SUBCASE("aftercare and the note may hold line breaks and tabs") {
        auto details = base;
        details.aftercare = "no make-up for 24 h\r\nSPF 50\tdaily";
        details.note = "tolerated well\nrecheck in 4 weeks";
        CHECK_NOTHROW(validate(details));
    }
    const std::vector<std::pair<std::string, std::string SessionDetails::*>> lines{
        {"practitioner", &SessionDetails::practitioner},
        {"model", &SessionDetails::model},
        {"cartridge", &SessionDetails::cartridge},
        {"cartridge lot", &SessionDetails::cartridge_lot},
        {"anaesthetic", &SessionDetails::anaesthetic},
        {"endpoint", &SessionDetails::endpoint}};
    for (const auto& [field, member] : lines) {
        for (const std::string bad : {"Dr\nLee", "Dr\tLee", "Dr \u202eeeL"}) {
            CAPTURE(field);
            CAPTURE(bad);
            auto details = base;
            details.*member = bad;
            const auto e = refusal([&] { validate(details); });
            CHECK(e.field() == field);
            CHECK(contains(e.what(), "allowed: one line of visible text"));
        }
    }
    for (const auto member : {&SessionDetails::aftercare, &SessionDetails::note}) {
        auto details = base;
        details.*member = "fine\n\u202etxet";
        CHECK(contains(refusal([&] { validate(details); }).what(), "a bidi control (U+202E)"));
    }
}

TEST_CASE("validate(SessionDetails): a full session is accepted") {
    auto details = with_areas({{Area::cheek, Side::left, 1.5, 3},
                               {Area::cheek, Side::right, 1.5, 3},
                               {Area::forehead, std::nullopt, 0.5, std::nullopt}});
    details.serums = {{"ha-serum", "HA2291", SerumPhase::during},
                      {"gf-serum", "GF-7", SerumPhase::after}};
    CHECK_NOTHROW(validate(details));
}

TEST_CASE("validate(SessionDetails): depth must be within (0, 3.0] mm, whatever the override") {
    SUBCASE("inside the bound") {
        for (double depth : {0.01, 0.25, 2.99, 3.0}) {
            CAPTURE(depth);
            CHECK_NOTHROW(validate(with_areas({{Area::scar, std::nullopt, depth, 1}})));
        }
    }
    SUBCASE("outside the bound") {
        for (double depth : {0.0, -0.5, 3.01, 3.5, 25.0, std::numeric_limits<double>::quiet_NaN(),
                             std::numeric_limits<double>::infinity()}) {
            CAPTURE(depth);
            const auto e = refusal([&] {
                validate(with_areas({{Area::scar, Side::left, depth, std::nullopt}}));
            });
            CHECK(e.field() == "depth");
            CHECK(contains(e.what(), "on scar:left is outside (0, 3.0] mm"));
            CHECK(contains(e.what(), "no override"));
        }
    }
}

TEST_CASE("validate(SessionDetails): passes within 1..20") {
    CHECK_NOTHROW(validate(with_areas({{Area::cheek, std::nullopt, 1.0, 1}})));
    CHECK_NOTHROW(validate(with_areas({{Area::cheek, std::nullopt, 1.0, 20}})));
    for (int passes : {0, 21, -3}) {
        CAPTURE(passes);
        CHECK(refusal([&] {
                  validate(with_areas({{Area::cheek, std::nullopt, 1.0, passes}}));
              }).field() == "passes");
    }
}

TEST_CASE("validate(SessionDetails): each area and side once") {
    SUBCASE("no area at all") {
        const auto e = refusal([] { validate(with_areas({})); });
        CHECK(e.field() == "area");
        CHECK(contains(e.what(), "at least one"));
    }
    SUBCASE("left and right of the same area are two areas") {
        CHECK_NOTHROW(validate(with_areas({{Area::cheek, Side::left, 1.0, std::nullopt},
                                           {Area::cheek, Side::right, 1.0, std::nullopt}})));
    }
    SUBCASE("duplicates") {
        const std::vector<std::vector<AreaTreatment>> duplicates{
            {{Area::cheek, std::nullopt, 1.0, std::nullopt},
             {Area::cheek, std::nullopt, 1.2, std::nullopt}},
            {{Area::cheek, Side::left, 1.0, std::nullopt},
             {Area::cheek, Side::left, 1.0, std::nullopt}},
            {{Area::cheek, std::nullopt, 1.0, std::nullopt},
             {Area::cheek, Side::left, 1.0, std::nullopt}},
            {{Area::cheek, Side::right, 1.0, std::nullopt},
             {Area::cheek, std::nullopt, 1.0, std::nullopt}},
            {{Area::cheek, Side::left, 1.0, std::nullopt},
             {Area::forehead, std::nullopt, 0.5, std::nullopt},
             {Area::cheek, Side::left, 1.0, std::nullopt}},
        };
        for (const auto& areas : duplicates) {
            CAPTURE(areas.size());
            const auto e = refusal([&] { validate(with_areas(areas)); });
            CHECK(e.field() == "area");
            CHECK(contains(e.what(), "given twice"));
        }
    }
}

TEST_CASE("validate(SessionDetails): each serum once") {
    auto details = test::session_at("2026-11-20T10:00:00Z");
    details.serums = {{"ha-serum", "L1", SerumPhase::after},
                      {"ha-serum", "L1", SerumPhase::during},
                      {"ha-serum", "L2", SerumPhase::after}};
    CHECK_NOTHROW(validate(details)); // another phase or lot is another serum
    details.serums.push_back({"ha-serum", "L1", SerumPhase::after});
    const auto e = refusal([&] { validate(details); });
    CHECK(e.field() == "serum");
    CHECK(std::string(e.what()) == "serum ha-serum@L1:after is given twice; give each serum once");

    details.serums = {{"ha-serum", " L1", SerumPhase::after}};
    CHECK(std::string(refusal([&] { validate(details); }).what()) ==
          "serum lot ' L1' has spaces at its ends");
}

TEST_CASE("validate(SessionDetails): text fields") {
    auto details = with_areas({{Area::cheek, std::nullopt, 1.0, std::nullopt}});
    SUBCASE("practitioner is required") {
        details.practitioner = " ";
        CHECK(refusal([&] { validate(details); }).field() == "practitioner");
    }
    SUBCASE("length limits") {
        details.model = std::string(101, 'm');
        CHECK(refusal([&] { validate(details); }).field() == "model");
        details.model.clear();
        details.aftercare = std::string(2001, 'a');
        CHECK(refusal([&] { validate(details); }).field() == "aftercare");
        details.aftercare.clear();
        details.note = std::string(10001, 'n');
        CHECK(refusal([&] { validate(details); }).field() == "note");
    }
    SUBCASE("serum product and lot are required") {
        details.serums = {{"ha-serum", " ", SerumPhase::after}};
        CHECK(refusal([&] { validate(details); }).field() == "serum lot");
        details.serums = {{"", "HA1", SerumPhase::after}};
        CHECK(refusal([&] { validate(details); }).field() == "serum product");
    }
}

TEST_CASE("rule kinds print as their names") {
    CHECK(fmt::format("{}", FindingLevel::warning) == "warning");
    CHECK(fmt::format("{}", FindingLevel::overridden) == "overridden");
}
