// model/outcome_scale: the scales' values, their refusals, how scores print, and the responder
// rules, against figures worked out by hand.
#include "fixtures.hpp"

#include "needlebook/model/outcome_scale.hpp"

#include <doctest/doctest.h>

using namespace needlebook;

TEST_CASE("the catalogue holds the scales of the issue, each with its source") {
    std::vector<std::string_view> keys;
    for (const auto& scale : outcome_scales()) {
        keys.push_back(scale.key);
        CHECK_FALSE(scale.source.empty());
        CHECK(scale.low < scale.high);
    }
    CHECK(keys == std::vector<std::string_view>{"goodman-baron", "goodman-baron-quant", "mmasi",
                                                "lemperle", "glogau", "gais-clinician",
                                                "gais-patient", "pain-nrs"});
    CHECK(outcome_scale("goodman-baron").per_area);
    CHECK(outcome_scale("lemperle").per_area);
    CHECK_FALSE(outcome_scale("mmasi").per_area);
    CHECK(outcome_scale("glogau").moment == ScaleMoment::baseline);
    CHECK(outcome_scale("pain-nrs").moment == ScaleMoment::session);
}

TEST_CASE("an unknown scale is refused, naming the scales allowed") {
    const auto e = test::refusal([] { outcome_scale("masi"); });
    CHECK(e.field() == "scale");
    CHECK(std::string(e.what()) ==
          "unknown scale 'masi'; allowed: goodman-baron, goodman-baron-quant, mmasi, lemperle, "
          "glogau, gais-clinician, gais-patient, pain-nrs");
}

TEST_CASE("scores within the range, as numbers or labels") {
    CHECK(parse_score(outcome_scale("goodman-baron"), "3") == 3);
    CHECK(parse_score(outcome_scale("goodman-baron-quant"), "0") == 0);
    CHECK(parse_score(outcome_scale("goodman-baron-quant"), "84") == 84);
    CHECK(parse_score(outcome_scale("mmasi"), "7.25") == doctest::Approx(7.25));
    CHECK(parse_score(outcome_scale("glogau"), "III") == 3);
    CHECK(parse_score(outcome_scale("glogau"), "2") == 2);
    CHECK(parse_score(outcome_scale("gais-patient"), "much-improved") == 2);
    CHECK(parse_score(outcome_scale("pain-nrs"), "10") == 10);
}

TEST_CASE("scores outside the range or of the wrong form are refused with the values allowed") {
    const auto refused = [](std::string_view scale, std::string_view text) {
        return std::string(test::refusal([&] { parse_score(outcome_scale(scale), text); }).what());
    };
    CHECK(refused("goodman-baron", "5") ==
          "score '5' is not allowed on goodman-baron; allowed: whole numbers 1 to 4");
    CHECK(refused("goodman-baron", "0") ==
          "score '0' is not allowed on goodman-baron; allowed: whole numbers 1 to 4");
    CHECK(refused("goodman-baron", "2.5") ==
          "score '2.5' is not allowed on goodman-baron; allowed: whole numbers 1 to 4");
    CHECK(refused("mmasi", "24.5") ==
          "score '24.5' is not allowed on mmasi; allowed: 0 to 24 with at most 2 decimals");
    CHECK(refused("mmasi", "3.125") ==
          "score '3.125' is not allowed on mmasi; allowed: 0 to 24 with at most 2 decimals");
    CHECK(refused("pain-nrs", "-1") ==
          "score '-1' is not allowed on pain-nrs; allowed: whole numbers 0 to 10");
    CHECK(refused("glogau", "V") == "score 'V' is not allowed on glogau; allowed: whole numbers "
                                    "1 to 4 (1 I, 2 II, 3 III, 4 IV)");
    CHECK(refused("lemperle", "") ==
          "score '' is not allowed on lemperle; allowed: whole numbers 0 to 5");
}

TEST_CASE("scores print as numbers, with their label where the scale has one") {
    CHECK(format_score(outcome_scale("goodman-baron"), 3) == "3");
    CHECK(format_score(outcome_scale("mmasi"), 7.5) == "7.50");
    CHECK(format_score(outcome_scale("glogau"), 3) == "3 (III)");
    CHECK(format_score(outcome_scale("gais-clinician"), 1) == "1 (very-much-improved)");
}

TEST_CASE("responders, by each scale's rule") {
    const auto& grade = outcome_scale("goodman-baron");
    CHECK(responded(grade, 3.0, 2) == true);  // one grade better
    CHECK(responded(grade, 3.0, 3) == false); // unchanged
    CHECK(responded(grade, 2.0, 3) == false); // worse
    CHECK_FALSE(responded(grade, std::nullopt, 2).has_value());
    const auto& mmasi = outcome_scale("mmasi");
    CHECK(responded(mmasi, 8.0, 6.0) == true);   // 25% lower exactly
    CHECK(responded(mmasi, 8.0, 6.01) == false); // just short of it
    CHECK_FALSE(responded(mmasi, 0.0, 0).has_value());
    const auto& gais = outcome_scale("gais-patient");
    CHECK(responded(gais, std::nullopt, 2) == true);
    CHECK(responded(gais, std::nullopt, 3) == false);
    CHECK_FALSE(responded(outcome_scale("glogau"), 3.0, 2).has_value());
    CHECK_FALSE(responded(outcome_scale("pain-nrs"), 5.0, 2).has_value());
}
