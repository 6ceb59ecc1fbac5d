#include "needlebook/model/catalogue.hpp"

#include <doctest/doctest.h>
#include <set>
#include <string>

using namespace needlebook;

namespace {

// The last enumerator of each catalogue, so a value added to an enum but not to its table shows.
template <class E> constexpr E last_value();
template <> constexpr Area last_value() {
    return Area::other;
}
template <> constexpr Side last_value() {
    return Side::right;
}
template <> constexpr Device last_value() {
    return Device::rf;
}
template <> constexpr Indication last_value() {
    return Indication::other;
}
template <> constexpr ReactionKind last_value() {
    return ReactionKind::other;
}
template <> constexpr Severity last_value() {
    return Severity::severe;
}
template <> constexpr ConditionCode last_value() {
    return ConditionCode::uncontrolled_diabetes;
}
template <> constexpr SerumPhase last_value() {
    return SerumPhase::after;
}
template <> constexpr FollowupOutcome last_value() {
    return FollowupOutcome::reactions;
}
template <> constexpr ProductKind last_value() {
    return ProductKind::other;
}

template <class E> std::set<std::string> codes() {
    std::set<std::string> out;
    for (const auto& entry : Catalogue<E>::entries)
        out.emplace(entry.code);
    return out;
}

} // namespace

#define ALL_CATALOGUES                                                                             \
    Area, Side, Device, Indication, ReactionKind, Severity, ConditionCode, SerumPhase,             \
        FollowupOutcome, ProductKind

TEST_CASE_TEMPLATE("every enum value has exactly one catalogue entry", E, ALL_CATALOGUES) {
    const auto count = static_cast<std::size_t>(last_value<E>()) + 1;
    REQUIRE(Catalogue<E>::entries.size() == count);
    for (std::size_t i = 0; i < count; ++i) {
        const auto value = static_cast<E>(i);
        CAPTURE(i);
        CHECK(catalogue_entry(value).value == value);
    }
    CHECK(codes<E>().size() == count); // no code used twice
}

TEST_CASE_TEMPLATE("every code parses back to its value and prints as itself", E, ALL_CATALOGUES) {
    for (const auto& entry : Catalogue<E>::entries) {
        const std::string code(entry.code);
        CAPTURE(code);
        CHECK(parse_code<E>(code) == entry.value);
        CHECK(code_of(entry.value) == entry.code);
        CHECK(fmt::format("{}", entry.value) == code);
        CHECK_FALSE(label_of(entry.value).empty());
    }
}

TEST_CASE_TEMPLATE("codes are lowercase words joined by hyphens", E, ALL_CATALOGUES) {
    for (const auto& entry : Catalogue<E>::entries) {
        const std::string code(entry.code);
        CAPTURE(code);
        REQUIRE_FALSE(code.empty());
        CHECK(code.front() != '-');
        CHECK(code.back() != '-');
        CHECK(code.find("--") == std::string::npos);
        for (char c : code)
            CHECK(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'));
    }
}

TEST_CASE_TEMPLATE("codes are matched whatever their case", E, ALL_CATALOGUES) {
    for (const auto& entry : Catalogue<E>::entries) {
        std::string upper(entry.code);
        for (auto& c : upper)
            c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        CAPTURE(upper);
        CHECK(find_code<E>(upper) == entry.value);
    }
}

TEST_CASE("the catalogues hold every entry the README lists") {
    SUBCASE("areas") {
        CHECK(codes<Area>() == std::set<std::string>{
                                   "forehead", "glabella", "temple", "periorbital", "nose", "cheek",
                                   "perioral", "chin", "jawline", "neck", "decolletage", "scalp",
                                   "hands", "abdomen", "thigh", "arm", "back", "scar", "other"});
    }
    SUBCASE("devices") {
        CHECK(codes<Device>() == std::set<std::string>{"pen", "roller", "stamp", "rf"});
    }
    SUBCASE("indications") {
        CHECK(codes<Indication>() ==
              std::set<std::string>{"rejuvenation", "acne-scars", "surgical-scar", "stretch-marks",
                                    "hyperpigmentation", "melasma", "other"});
    }
    SUBCASE("reaction kinds") {
        CHECK(codes<ReactionKind>() ==
              std::set<std::string>{"erythema", "oedema", "pinpoint-bleeding", "bruising",
                                    "itching", "burning", "dryness-peeling", "acneiform-eruption",
                                    "milia", "post-inflammatory-hyperpigmentation", "infection",
                                    "herpes-reactivation", "contact-dermatitis", "granuloma",
                                    "tram-track-scarring", "other"});
    }
    SUBCASE("severities") {
        CHECK(codes<Severity>() == std::set<std::string>{"mild", "moderate", "severe"});
    }
    SUBCASE("conditions") {
        const auto all = codes<ConditionCode>();
        for (const char* code :
             {"active-infection", "open-wound", "eczema", "psoriasis", "active-herpes",
              "rosacea-flare", "keloid-tendency", "isotretinoin", "pregnancy", "anticoagulants",
              "bleeding-disorder", "skin-cancer", "metal-allergy", "anaesthetic-allergy"}) {
            CAPTURE(code);
            CHECK(all.contains(code));
        }
    }
    SUBCASE("follow-up outcomes and serum phases") {
        CHECK(codes<FollowupOutcome>() == std::set<std::string>{"none", "reactions"});
        CHECK(codes<SerumPhase>() == std::set<std::string>{"during", "after"});
    }
}

TEST_CASE("an unknown code is refused naming the field and every allowed code") {
    SUBCASE("default field name") {
        try {
            parse_code<Area>("eyelid");
            FAIL("eyelid was accepted");
        } catch (const ValidationError& e) {
            CHECK(e.field() == "area");
            const std::string message = e.what();
            CHECK(message.find("unknown area 'eyelid'") != std::string::npos);
            for (const auto& entry : Catalogue<Area>::entries)
                CHECK(message.find(std::string(entry.code)) != std::string::npos);
        }
    }
    SUBCASE("field given by the caller") {
        try {
            parse_code<Area>("eyelid", "reaction area");
            FAIL("eyelid was accepted");
        } catch (const ValidationError& e) {
            CHECK(e.field() == "reaction area");
            CHECK(std::string(e.what()).find("unknown reaction area 'eyelid'") !=
                  std::string::npos);
        }
    }
    SUBCASE("empty, padded and underscored spellings") {
        CHECK_FALSE(find_code<Area>("").has_value());
        CHECK_FALSE(find_code<Area>(" cheek").has_value());
        CHECK_FALSE(find_code<Area>("cheek ").has_value());
        CHECK_FALSE(find_code<ReactionKind>("pinpoint bleeding").has_value());
        CHECK_THROWS_AS(parse_code<Severity>("extreme"), ValidationError);
    }
}

TEST_CASE("allowed_codes lists the codes in catalogue order, the last after 'or'") {
    CHECK(allowed_codes<Severity>() == "mild, moderate or severe");
    CHECK(allowed_codes<Side>() == "left or right");
    CHECK(allowed_codes<Device>() == "pen, roller, stamp or rf");
}

TEST_CASE("labels are what a person reads, codes what a person types") {
    CHECK(label_of(Area::decolletage) == "décolletage");
    CHECK(code_of(Area::decolletage) == "decolletage");
    CHECK(label_of(ReactionKind::dryness_peeling) == "dryness/peeling");
    CHECK(code_of(ReactionKind::dryness_peeling) == "dryness-peeling");
    CHECK(label_of(ConditionCode::active_herpes) == "active herpes simplex");
}
