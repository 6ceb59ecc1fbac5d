#include "needlebook/error.hpp"
#include "needlebook/rules/overrides.hpp"

#include <doctest/doctest.h>
#include <functional>
#include <string>
#include <vector>

using namespace needlebook;
using rules::Finding;
using rules::Level;
using rules::OverrideRequest;

namespace {

const Finding depth{"depth:periorbital", Level::block,
                    "depth 2.50 mm on periorbital exceeds the clinic limit of 0.50 mm"};
const Finding eczema{"condition:eczema", Level::block, "eczema on file"};
const Finding consent{"consent", Level::warning, "no signed consent on file"};
// The revision being stored: a new override is accepted by its author, at its time.
const RevisionInfo by{2, "dr.shah", std::chrono::sys_days{std::chrono::year{2026} / 11 / 23}, "",
                      false};

std::string refusal_of(const std::function<void()>& call) {
    try {
        call();
    } catch (const Error& e) {
        return e.what();
    }
    return "(no refusal)";
}

} // namespace

TEST_CASE("parse_override: KEY=reason, or a bare reason with no key") {
    const auto keyed = rules::parse_override("depth:cheek:left=deep scar, agreed");
    CHECK(keyed.key == "depth:cheek:left");
    CHECK(keyed.reason == "deep scar, agreed");
    // Everything after the first '=' is the reason, '=' included.
    CHECK(rules::parse_override("same-day=a = b").reason == "a = b");
    CHECK(rules::parse_override("lot:HA-2291=recalled batch checked").key == "lot:HA-2291");
    for (const auto* bare : {"deep lines, patient informed", "reason with = inside", "=no key",
                             "Depth:cheek=capital letter", "depth: cheek=space in key",
                             "depth:=empty part", "depth::cheek=empty part"}) {
        CAPTURE(bare);
        const auto parsed = rules::parse_override(bare);
        CHECK(parsed.key.empty());
        CHECK(parsed.reason == bare);
    }
}

TEST_CASE("resolve_overrides: each blocking finding needs an override with its own key") {
    SUBCASE("both accepted: stored as overridden, each with its reason, warnings after") {
        const auto stored =
            rules::resolve_overrides({depth, eczema}, {}, {consent},
                                     {{"condition:eczema", "dermatologist cleared, letter on file"},
                                      {"depth:periorbital", "deep scar under the eye, agreed"}},
                                     10, by);
        REQUIRE(stored.size() == 3);
        CHECK(stored[0] == SessionFinding{"depth:periorbital", FindingLevel::overridden,
                                          depth.message, "deep scar under the eye, agreed",
                                          "dr.shah", by.recorded_at});
        CHECK(stored[1] == SessionFinding{"condition:eczema", FindingLevel::overridden,
                                          "eczema on file", "dermatologist cleared, letter on file",
                                          "dr.shah", by.recorded_at});
        CHECK(stored[2] ==
              SessionFinding{"consent", FindingLevel::warning, consent.message, "", "", {}});
    }
    SUBCASE("one override does not approve the other finding") {
        const auto message = refusal_of([] {
            rules::resolve_overrides({depth, eczema}, {}, {},
                                     {{"condition:eczema", "dermatologist cleared it"}}, 10, by);
        });
        CHECK(message == "session refused by the clinical checks:\n"
                         "  depth:periorbital: depth 2.50 mm on periorbital exceeds the clinic "
                         "limit of 0.50 mm\n"
                         "use --override KEY=\"reason\" for each finding you accept; the reason "
                         "is kept with the session");
        CHECK_THROWS_AS(rules::resolve_overrides({depth, eczema}, {}, {},
                                                 {{"condition:eczema", "dermatologist cleared"}},
                                                 10, by),
                        Refused);
    }
    SUBCASE("a bare override is a usage error naming the keys to use") {
        CHECK_THROWS_AS(rules::resolve_overrides({depth, eczema}, {}, {},
                                                 {{"", "patient insisted on it"}}, 10, by),
                        UsageError);
        CHECK(refusal_of([] {
                  rules::resolve_overrides({depth, eczema}, {}, {},
                                           {{"", "patient insisted on it"}}, 10, by);
              }) == "--override needs the key of the finding it accepts; for this session: "
                    "--override depth:periorbital=\"reason\" --override "
                    "condition:eczema=\"reason\"");
        CHECK(refusal_of([] {
                  rules::resolve_overrides({}, {}, {}, {{"", "just in case"}}, 10, by);
              }).ends_with("no check blocks this session: leave --override out"));
    }
    SUBCASE("a stale override, matching no blocking finding, is refused") {
        CHECK_THROWS_AS(rules::resolve_overrides({depth}, {}, {consent},
                                                 {{"depth:periorbital", "deep scar, agreed"},
                                                  {"consent", "signed on paper today"}},
                                                 10, by),
                        Refused);
        CHECK(refusal_of([] {
                  rules::resolve_overrides({}, {}, {}, {{"depth:cheek", "just in case it is"}}, 10,
                                           by);
              }) == "--override depth:cheek matches no blocking finding of this session, so "
                    "nothing was stored; no check blocks it: leave --override out");
    }
    SUBCASE("a reason shorter than the clinic's minimum, or blank, is refused") {
        CHECK(
            refusal_of([] {
                rules::resolve_overrides({depth}, {}, {}, {{"depth:periorbital", " ok "}}, 10, by);
            }) == "the reason for --override depth:periorbital has 2 characters; the clinic "
                  "asks for at least 10 (setting override_min_reason), saying why the check "
                  "is overruled");
        CHECK_THROWS_AS(
            rules::resolve_overrides({depth}, {}, {}, {{"depth:periorbital", "   "}}, 10, by),
            ValidationError);
        // Characters, not bytes: ten accented letters are enough.
        CHECK(
            rules::resolve_overrides({depth}, {}, {}, {{"depth:periorbital", "éééééééééé"}}, 10, by)
                .size() == 1);
    }
    SUBCASE("the same key twice is refused") {
        CHECK_THROWS_AS(rules::resolve_overrides({depth}, {}, {},
                                                 {{"depth:periorbital", "deep scar, agreed"},
                                                  {"depth:periorbital", "another reason here"}},
                                                 10, by),
                        ValidationError);
    }
}

TEST_CASE("resolve_overrides: a finding overridden before keeps its reason unless corrected") {
    const SessionFinding on_file{"depth:periorbital",
                                 FindingLevel::overridden,
                                 depth.message,
                                 "deep lines",
                                 "dr.lee",
                                 std::chrono::sys_days{std::chrono::year{2026} / 11 / 20}};
    SUBCASE("carried over as it was") {
        const auto stored = rules::resolve_overrides({}, {on_file}, {}, {}, 10, by);
        REQUIRE(stored.size() == 1);
        CHECK(stored[0] == on_file);
    }
    SUBCASE("an override with its key corrects the reason") {
        const auto stored = rules::resolve_overrides(
            {}, {on_file}, {}, {{"depth:periorbital", "deep acne scars, plan of Dr Shah"}}, 10, by);
        REQUIRE(stored.size() == 1);
        CHECK(stored[0].override_reason == "deep acne scars, plan of Dr Shah");
        CHECK(stored[0].message == on_file.message);
        // Accepted anew, by the amendment's author.
        CHECK(stored[0].overridden_by == "dr.shah");
        CHECK(stored[0].overridden_at == by.recorded_at);
    }
    SUBCASE("the same reason again leaves the finding as it was") {
        const auto stored = rules::resolve_overrides({}, {on_file}, {},
                                                     {{"depth:periorbital", "deep lines"}}, 10, by);
        REQUIRE(stored.size() == 1);
        CHECK(stored[0] == on_file);
    }
}

TEST_CASE("is_finding_key: the keys the checks use") {
    for (const auto* key : {"depth:periorbital", "depth:cheek:left", "interval:neck", "consent",
                            "same-day", "condition:keloid-tendency", "lot:HA-2291"})
        CHECK(rules::is_finding_key(key));
    for (const auto* key : {"", "Depth", ":cheek", "depth:", "depth:a b", "depth:a=b", "1=2"})
        CHECK_FALSE(rules::is_finding_key(key));
}

TEST_CASE("sort_findings: only what an amendment changes blocks; refusals name the record") {
    const SessionFinding on_file{"depth:periorbital",
                                 FindingLevel::overridden,
                                 depth.message,
                                 "deep lines",
                                 "dr.lee",
                                 std::chrono::sys_days{std::chrono::year{2026} / 11 / 20}};
    SUBCASE("a new record: every blocking finding blocks, a warning stays one") {
        const auto sorted = rules::sort_findings({depth, consent}, {}, {});
        REQUIRE(sorted.blocking.size() == 1);
        CHECK(sorted.blocking[0].key == depth.key);
        CHECK(sorted.carried.empty());
        REQUIRE(sorted.warnings.size() == 1);
        CHECK(sorted.warnings[0].key == consent.key);
    }
    SUBCASE("raised again unchanged: the override on file is carried") {
        const auto sorted = rules::sort_findings({depth}, {depth}, {on_file});
        CHECK(sorted.blocking.empty());
        REQUIRE(sorted.carried.size() == 1);
        CHECK(sorted.carried[0] == on_file);
    }
    SUBCASE("raised with another message (another day, another depth): it blocks anew") {
        Finding moved = depth;
        moved.message = "depth 2.80 mm on periorbital exceeds the clinic limit of 0.50 mm";
        const auto sorted = rules::sort_findings({moved}, {depth}, {on_file});
        REQUIRE(sorted.blocking.size() == 1);
        CHECK(sorted.blocking[0].message == moved.message);
        CHECK(sorted.carried.empty());
    }
    SUBCASE("raised by the old content too, never overridden: a warning") {
        const auto sorted = rules::sort_findings({eczema}, {eczema}, {});
        CHECK(sorted.blocking.empty());
        REQUIRE(sorted.warnings.size() == 1);
        CHECK(sorted.warnings[0].level == Level::warning);
        CHECK(sorted.warnings[0].message == "eczema on file (so before this amendment too)");
    }
    SUBCASE("the refusal names the record checked") {
        CHECK(refusal_of([] {
                  rules::resolve_overrides({eczema}, {}, {}, {}, 10, by, "photo");
              }).starts_with("photo refused by the clinical checks:"));
        CHECK(rules::describe_refusal({eczema}, "photo")
                  .ends_with("the reason is kept with the photo"));
    }
}
