// rules::eligibility_on: what the conditions on file let a patient have on a day, and from when
// if not, as the clinical checks would say for a session that day.
#include "fixtures.hpp"

#include "needlebook/rules/clinical_checks.hpp"
#include "needlebook/rules/eligibility.hpp"
#include "needlebook/storage/settings_repository.hpp"

#include <doctest/doctest.h>

using namespace needlebook;
using test::day;
using test::london;

namespace {

Condition condition(ConditionCode code, std::optional<std::string_view> since = std::nullopt,
                    std::optional<std::string_view> resolved = std::nullopt) {
    static std::int64_t next_id = 1;
    Condition c;
    c.id = ConditionId{next_id++};
    c.patient_id = PatientId{1};
    c.details.code = code;
    if (since)
        c.details.since = day(*since);
    if (resolved)
        c.details.resolved_on = day(*resolved);
    return c;
}

rules::Eligibility eligibility(std::string_view on, const std::vector<Condition>& conditions,
                               const ClinicSettings& settings = test::seeded_settings()) {
    return rules::eligibility_on(day(on), conditions, settings, london());
}

std::string text(std::optional<time::Date> value) {
    return value ? time::format_date(*value) : "-";
}

// A session with no area on `on` is refused by the clinical checks exactly when not eligible.
bool checks_block(std::string_view on, const std::vector<Condition>& conditions,
                  const ClinicSettings& settings = test::seeded_settings()) {
    SessionDetails session;
    session.performed_at = london().start_of_day(day(on));
    rules::PatientFile file;
    file.conditions = conditions;
    return rules::has_blocking(rules::check_session(session, file, settings, london()));
}

} // namespace

TEST_CASE("eligibility: nothing on file, or nothing that blocks") {
    CHECK(eligibility("2026-11-23", {}).eligible());
    CHECK_FALSE(eligibility("2026-11-23", {}).eligible_from);
    // A warn-level condition (rosacea-flare by default) leaves the patient eligible.
    CHECK(eligibility("2026-11-23", {condition(ConditionCode::rosacea_flare, "2026-01-01")})
              .eligible());
    // So does a blocking one once set to warn.
    auto settings = test::seeded_settings();
    settings.condition_action[ConditionCode::eczema] = ConditionAction::warn;
    CHECK(eligibility("2026-11-23", {condition(ConditionCode::eczema, "2026-01-01")}, settings)
              .eligible());
    // A condition begun later, or resolved by the day, does not block it.
    CHECK(eligibility("2026-11-23", {condition(ConditionCode::eczema, "2026-11-24")}).eligible());
    CHECK(eligibility("2026-11-23", {condition(ConditionCode::eczema, "2026-01-01", "2026-11-23")})
              .eligible());
}

TEST_CASE("eligibility: an active blocking condition with no end on file") {
    const std::vector<Condition> file{condition(ConditionCode::eczema, "2026-01-01"),
                                      condition(ConditionCode::rosacea_flare, "2026-01-01")};
    const auto e = eligibility("2026-11-23", file);
    CHECK_FALSE(e.eligible());
    CHECK_FALSE(e.eligible_from);
    REQUIRE(e.blocks.size() == 1); // the warning is no block
    CHECK(e.blocks[0].code == ConditionCode::eczema);
    CHECK_FALSE(e.blocks[0].until);
    CHECK_FALSE(e.blocks[0].resolved_on);
    // With no start on file it is active all along.
    CHECK_FALSE(eligibility("2020-01-01", {condition(ConditionCode::psoriasis)}).eligible());
}

TEST_CASE("eligibility: a condition resolved later blocks until that day") {
    const std::vector<Condition> file{condition(ConditionCode::eczema, "2026-10-01", "2026-11-10")};
    const auto e = eligibility("2026-10-29", file);
    REQUIRE(e.blocks.size() == 1);
    CHECK(text(e.blocks[0].until) == "2026-11-10");
    CHECK_FALSE(e.blocks[0].resolved_on); // active on the day
    CHECK(text(e.eligible_from) == "2026-11-10");
    CHECK(checks_block("2026-11-09", file));
    CHECK_FALSE(checks_block("2026-11-10", file));
    CHECK(eligibility("2026-11-10", file).eligible());
}

TEST_CASE("eligibility: the isotretinoin period after the drug stopped") {
    const std::vector<Condition> file{
        condition(ConditionCode::isotretinoin, "2026-03-01", "2026-09-01")};
    SUBCASE("default 6 months") {
        const auto e = eligibility("2026-11-23", file);
        REQUIRE(e.blocks.size() == 1);
        CHECK(e.blocks[0].code == ConditionCode::isotretinoin);
        CHECK(text(e.blocks[0].until) == "2027-03-01");
        CHECK(text(e.blocks[0].resolved_on) == "2026-09-01");
        CHECK(text(e.eligible_from) == "2027-03-01");
        CHECK(checks_block("2027-02-28", file));
        CHECK_FALSE(checks_block("2027-03-01", file));
        CHECK(eligibility("2027-03-01", file).eligible());
    }
    SUBCASE("the clinic's own period") {
        auto settings = test::seeded_settings();
        settings.isotretinoin_months = 3;
        CHECK(text(eligibility("2026-11-23", file, settings).eligible_from) == "2026-12-01");
    }
    SUBCASE("stopped on the 31st: the period ends on the last day of a shorter month") {
        const std::vector<Condition> late{
            condition(ConditionCode::isotretinoin, "2026-03-01", "2026-08-31")};
        const auto e = eligibility("2026-11-23", late);
        CHECK(text(e.eligible_from) == "2027-02-28");
        CHECK(checks_block("2027-02-27", late));
        CHECK_FALSE(checks_block("2027-02-28", late));
    }
    SUBCASE("two courses: the later one decides") {
        const std::vector<Condition> courses{
            condition(ConditionCode::isotretinoin, "2025-10-01", "2026-06-01"), file[0]};
        const auto e = eligibility("2026-11-23", courses);
        REQUIRE(e.blocks.size() == 1);
        CHECK(text(e.blocks[0].resolved_on) == "2026-09-01");
        CHECK(text(e.eligible_from) == "2027-03-01");
    }
    SUBCASE("still taken: no end on file") {
        const std::vector<Condition> taken{
            condition(ConditionCode::isotretinoin, "2025-10-01", "2026-06-01"),
            condition(ConditionCode::isotretinoin, "2026-10-01")};
        const auto e = eligibility("2026-11-23", taken);
        REQUIRE(e.blocks.size() == 1);
        CHECK_FALSE(e.blocks[0].until);
        CHECK_FALSE(e.blocks[0].resolved_on); // a course is active that day
        CHECK_FALSE(e.eligible_from);
    }
}

TEST_CASE("eligibility: several blocks, each with its end, eligible when the last ends") {
    SUBCASE("both end") {
        const std::vector<Condition> file{
            condition(ConditionCode::isotretinoin, "2026-03-01", "2026-09-01"),
            condition(ConditionCode::eczema, "2026-10-01", "2026-12-15")};
        const auto e = eligibility("2026-11-23", file);
        REQUIRE(e.blocks.size() == 2); // catalogue order
        CHECK(e.blocks[0].code == ConditionCode::eczema);
        CHECK(text(e.blocks[0].until) == "2026-12-15");
        CHECK(e.blocks[1].code == ConditionCode::isotretinoin);
        CHECK(text(e.blocks[1].until) == "2027-03-01");
        CHECK(text(e.eligible_from) == "2027-03-01");
    }
    SUBCASE("one has no end") {
        const std::vector<Condition> file{
            condition(ConditionCode::isotretinoin, "2026-03-01", "2026-09-01"),
            condition(ConditionCode::psoriasis, "2026-10-01")};
        const auto e = eligibility("2026-11-23", file);
        REQUIRE(e.blocks.size() == 2);
        CHECK(e.blocks[0].code == ConditionCode::psoriasis);
        CHECK_FALSE(e.blocks[0].until);
        CHECK(text(e.blocks[1].until) == "2027-03-01");
        CHECK_FALSE(e.eligible_from);
    }
    SUBCASE("another begins as one ends") {
        const std::vector<Condition> file{
            condition(ConditionCode::eczema, "2026-10-01", "2026-12-01"),
            condition(ConditionCode::psoriasis, "2026-12-01")};
        const auto e = eligibility("2026-11-23", file);
        REQUIRE(e.blocks.size() == 1); // psoriasis does not block yet
        CHECK(text(e.blocks[0].until) == "2026-12-01");
        CHECK_FALSE(e.eligible_from); // but from that day, with no end
    }
}

TEST_CASE("eligibility: the local day, whatever the clock change") {
    // 2026-10-25 is the day British Summer Time ends; the check is on that local day.
    const std::vector<Condition> file{condition(ConditionCode::eczema, "2026-10-25", "2026-10-26")};
    CHECK(eligibility("2026-10-24", file).eligible());
    CHECK(text(eligibility("2026-10-25", file).eligible_from) == "2026-10-26");
}
