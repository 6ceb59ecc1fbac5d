#include "fixtures.hpp"

#include "needlebook/rules/clinical_checks.hpp"
#include "needlebook/storage/settings_repository.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace needlebook;
using rules::Finding;
using rules::Level;
using test::contains;
using test::day;
using test::london;
using test::utc;

namespace {

Condition condition(ConditionCode code, std::optional<time::Date> since = std::nullopt,
                    std::optional<time::Date> resolved = std::nullopt) {
    Condition c;
    c.id = ConditionId{1};
    c.details = {code, since, resolved, ""};
    return c;
}

Consent consent(std::string_view signed_on) {
    Consent c;
    c.id = ConsentId{1};
    c.details = {day(signed_on), "microneedling"};
    return c;
}

Session earlier_session(std::int64_t id, std::string_view at, std::vector<AreaTreatment> areas) {
    Session s;
    s.id = SessionId{id};
    s.patient_id = PatientId{1};
    s.details = test::session_at(at, std::move(areas));
    return s;
}

// The cartridge lot of test::session_at, registered and in date.
Lot registered_cartridge() {
    Lot lot;
    lot.id = LotId{1};
    lot.product = cartridge_product;
    lot.lot = "CL-120";
    lot.details.expires_on = day("2028-01-31");
    return lot;
}

// A file with a valid consent and nothing else: a plain session has no findings against it.
rules::PatientFile clean_file() {
    rules::PatientFile file{{}, {consent("2026-06-01")}, {}};
    file.lots = {registered_cartridge()};
    return file;
}

AreaTreatment area(Area where, std::optional<Side> side = std::nullopt, double depth = 1.0) {
    return {where, side, depth, 3};
}

std::vector<Finding> check(const SessionDetails& session, const rules::PatientFile& file,
                           const ClinicSettings& settings = test::seeded_settings()) {
    return rules::check_session(session, file, settings, london());
}

std::vector<Finding> check_amendment(const SessionDetails& session, const rules::PatientFile& file,
                                     const ClinicSettings& settings = test::seeded_settings()) {
    return rules::check_session(session, file, settings, london(), rules::Purpose::amend);
}

std::string same_day_message(std::int64_t id, std::string_view at) {
    return fmt::format("session {} on {} is the same day; to add areas to it, use 'session amend "
                       "{} --area …' instead",
                       id, at, id);
}

} // namespace

TEST_CASE("a plain session with consent on file has no findings") {
    const auto findings = check(test::session_at("2026-11-20T10:00:00Z"), clean_file());
    CHECK(findings.empty());
    CHECK_FALSE(rules::has_blocking(findings));
}

TEST_CASE("contraindications on file: block or warn as the clinic's policy says") {
    // docs/clinical-defaults.md: these block, the rest warn.
    const std::vector<ConditionCode> blocking{ConditionCode::active_infection,
                                              ConditionCode::open_wound,
                                              ConditionCode::eczema,
                                              ConditionCode::psoriasis,
                                              ConditionCode::skin_cancer,
                                              ConditionCode::bleeding_disorder,
                                              ConditionCode::pregnancy,
                                              ConditionCode::metal_allergy,
                                              ConditionCode::anaesthetic_allergy,
                                              ConditionCode::isotretinoin};
    for (const auto& entry : Catalogue<ConditionCode>::entries) {
        CAPTURE(entry.code);
        auto file = clean_file();
        file.conditions.push_back(condition(entry.value, day("2026-10-01")));
        const auto findings = check(test::session_at("2026-11-20T10:00:00Z"), file);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].key.starts_with("condition:"));
        const bool blocks =
            std::find(blocking.begin(), blocking.end(), entry.value) != blocking.end();
        CHECK(findings[0].level == (blocks ? Level::block : Level::warning));
        CHECK(findings[0].message ==
              fmt::format("{} on file since 2026-10-01", label_of(entry.value)));
    }
}

TEST_CASE("a condition counts only while active on the session day") {
    auto file = clean_file();
    const auto session = test::session_at("2026-11-20T10:00:00Z");

    SUBCASE("no start date known: active") {
        file.conditions.push_back(condition(ConditionCode::eczema));
        const auto findings = check(session, file);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].message == "eczema on file");
    }
    SUBCASE("resolved before the session") {
        file.conditions.push_back(
            condition(ConditionCode::eczema, day("2026-01-01"), day("2026-11-01")));
        CHECK(check(session, file).empty());
    }
    SUBCASE("resolved on the session day") {
        file.conditions.push_back(
            condition(ConditionCode::eczema, day("2026-01-01"), day("2026-11-20")));
        CHECK(check(session, file).empty());
    }
    SUBCASE("resolved the day after") {
        file.conditions.push_back(
            condition(ConditionCode::eczema, day("2026-01-01"), day("2026-11-21")));
        CHECK(check(session, file).size() == 1);
    }
    SUBCASE("begins after the session") {
        file.conditions.push_back(condition(ConditionCode::psoriasis, day("2026-11-21")));
        CHECK(check(session, file).empty());
    }
    SUBCASE("the clinic changed a block to a warning") {
        auto settings = test::seeded_settings();
        settings.condition_action[ConditionCode::eczema] = ConditionAction::warn;
        file.conditions.push_back(condition(ConditionCode::eczema));
        const auto findings = check(session, file, settings);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].level == Level::warning);
    }
}

TEST_CASE("isotretinoin blocks while taken and for N months after the last dose") {
    auto file = clean_file();
    auto settings = test::seeded_settings();
    REQUIRE(settings.isotretinoin_months == 6);
    const auto session = test::session_at("2026-11-20T10:00:00Z");

    SUBCASE("still taking it") {
        file.conditions.push_back(condition(ConditionCode::isotretinoin, day("2026-03-01")));
        const auto findings = check(session, file, settings);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].level == Level::block);
    }
    SUBCASE("stopped less than 6 months before") {
        file.conditions.push_back(
            condition(ConditionCode::isotretinoin, day("2026-01-01"), day("2026-05-21")));
        const auto findings = check(session, file, settings);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].key.starts_with("condition:"));
        CHECK(findings[0].level == Level::block);
        CHECK(findings[0].message ==
              "isotretinoin stopped on 2026-05-21, less than 6 months before the session");
    }
    SUBCASE("stopped exactly 6 months before") {
        file.conditions.push_back(
            condition(ConditionCode::isotretinoin, day("2026-01-01"), day("2026-05-20")));
        CHECK(check(session, file, settings).empty());
    }
    SUBCASE("a shorter wait set by the clinic") {
        settings.isotretinoin_months = 3;
        file.conditions.push_back(
            condition(ConditionCode::isotretinoin, day("2026-01-01"), day("2026-08-21")));
        CHECK(check(session, file, settings).size() == 1);
        file.conditions.back().details.resolved_on = day("2026-08-20");
        CHECK(check(session, file, settings).empty());
    }
    SUBCASE("no wait at all") {
        settings.isotretinoin_months = 0;
        file.conditions.push_back(
            condition(ConditionCode::isotretinoin, day("2026-01-01"), day("2026-11-19")));
        CHECK(check(session, file, settings).empty());
    }
    SUBCASE("two courses on file are one finding, one key to override") {
        file.conditions.push_back(
            condition(ConditionCode::isotretinoin, day("2025-01-01"), day("2026-05-21")));
        file.conditions.push_back(condition(ConditionCode::isotretinoin, day("2026-10-01")));
        const auto findings = check(session, file, settings);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].key == "condition:isotretinoin");
        CHECK(findings[0].level == Level::block);
        CHECK(findings[0].message ==
              "isotretinoin stopped on 2026-05-21, less than 6 months before the session; "
              "isotretinoin on file since 2026-10-01");
    }
    SUBCASE("the months rule applies to isotretinoin only") {
        file.conditions.push_back(
            condition(ConditionCode::eczema, day("2026-01-01"), day("2026-11-01")));
        CHECK(check(session, file, settings).empty());
    }
}

TEST_CASE("depth above the area's clinic limit blocks") {
    const auto settings = test::seeded_settings();
    SUBCASE("at the limit: fine") {
        for (const auto& [where, limit] : settings.depth_limit_mm) {
            CAPTURE(code_of(where));
            CHECK(
                check(test::session_at("2026-11-20T10:00:00Z", {area(where, std::nullopt, limit)}),
                      clean_file(), settings)
                    .empty());
        }
    }
    SUBCASE("a step over the limit: blocked, naming area, depth and limit") {
        const auto findings = check(
            test::session_at("2026-11-20T10:00:00Z",
                             {area(Area::cheek, Side::left, 1.55), area(Area::forehead, {}, 0.5),
                              area(Area::periorbital, Side::right, 0.75)}),
            clean_file(), settings);
        REQUIRE(findings.size() == 2);
        for (const auto& f : findings) {
            CHECK(f.key.starts_with("depth:"));
            CHECK(f.level == Level::block);
        }
        CHECK(findings[0].message ==
              "depth 1.55 mm on cheek:left exceeds the clinic limit of 1.50 mm");
        CHECK(findings[1].message ==
              "depth 0.75 mm on periorbital:right exceeds the clinic limit of 0.50 mm");
    }
    SUBCASE("the clinic's own limit") {
        auto strict = settings;
        strict.depth_limit_mm[Area::cheek] = 1.0;
        const auto session = test::session_at("2026-11-20T10:00:00Z", {area(Area::cheek, {}, 1.2)});
        CHECK(check(session, clean_file(), settings).empty());
        const auto findings = check(session, clean_file(), strict);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].message == "depth 1.20 mm on cheek exceeds the clinic limit of 1.00 mm");
    }
}

TEST_CASE("interval since the last session on the same area") {
    auto file = clean_file();
    const auto today = "2026-11-20T10:00:00Z";
    const auto previous_on = [&](int days_before, std::vector<AreaTreatment> areas) {
        const auto at = utc(today) - std::chrono::days{days_before};
        file.other_sessions.push_back(earlier_session(7, time::format_utc(at), std::move(areas)));
    };
    const auto session = test::session_at(today, {area(Area::cheek, Side::left)});

    SUBCASE("under 14 days: block") {
        previous_on(13, {area(Area::cheek, Side::left)});
        const auto findings = check(session, file);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].key.starts_with("interval:"));
        CHECK(findings[0].level == Level::block);
        CHECK(findings[0].message == "cheek:left was also treated 13 days earlier, in session 7 on "
                                     "2026-11-07 10:00 (clinic minimum 14 days)");
    }
    SUBCASE("14 to 27 days: warning") {
        for (int days : {14, 20, 27}) {
            CAPTURE(days);
            file.other_sessions.clear();
            previous_on(days, {area(Area::cheek, Side::left)});
            const auto findings = check(session, file);
            REQUIRE(findings.size() == 1);
            CHECK(findings[0].level == Level::warning);
            CHECK(contains(findings[0].message, fmt::format("also treated {} days earlier", days)));
            CHECK(contains(findings[0].message, "clinic recommends at least 28 days"));
        }
    }
    SUBCASE("28 days or more: nothing") {
        previous_on(28, {area(Area::cheek, Side::left)});
        CHECK(check(session, file).empty());
    }
    SUBCASE("another area: nothing") {
        previous_on(5, {area(Area::forehead), area(Area::neck)});
        CHECK(check(session, file).empty());
    }
    SUBCASE("the other side of a sided area: nothing") {
        previous_on(5, {area(Area::cheek, Side::right)});
        CHECK(check(session, file).empty());
    }
    SUBCASE("unsided before, sided now: the same skin") {
        previous_on(5, {area(Area::cheek)});
        const auto findings = check(session, file);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].level == Level::block);
    }
    SUBCASE("sided before, unsided now: the same skin") {
        previous_on(20, {area(Area::cheek, Side::right)});
        const auto findings = check(test::session_at(today, {area(Area::cheek)}), file);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].level == Level::warning);
        CHECK(contains(findings[0].message, "cheek was also treated 20 days earlier"));
    }
    SUBCASE("a later session counts too (a late entry)") {
        file.other_sessions.push_back(
            earlier_session(9, "2026-11-23T09:00:00Z", {area(Area::cheek, Side::left)}));
        const auto findings = check(session, file);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].level == Level::block);
        CHECK(findings[0].message == "cheek:left was also treated 3 days later, in session 9 on "
                                     "2026-11-23 09:00 (clinic minimum 14 days)");
    }
    SUBCASE("a session the same day") {
        file.other_sessions.push_back(
            earlier_session(9, "2026-11-20T08:00:00Z", {area(Area::cheek, Side::left)}));
        const auto findings = check(session, file);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].level == Level::block);
        CHECK(findings[0].message == "cheek:left was also treated the same day, in session 9 on "
                                     "2026-11-20 08:00 (clinic minimum 14 days)");
    }
    SUBCASE("the nearest session decides") {
        previous_on(20, {area(Area::cheek, Side::left)});
        previous_on(1, {area(Area::cheek, Side::left)});
        const auto findings = check(session, file);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].level == Level::block);
        CHECK(contains(findings[0].message, "also treated 1 day earlier"));
    }
    SUBCASE("one finding per treated area") {
        previous_on(5, {area(Area::cheek, Side::left), area(Area::chin)});
        const auto findings =
            check(test::session_at(today, {area(Area::cheek, Side::left), area(Area::chin),
                                           area(Area::forehead, {}, 0.5)}),
                  file);
        CHECK(findings.size() == 2);
    }
    SUBCASE("the clinic's own limits") {
        auto settings = test::seeded_settings();
        settings.interval_block_days = 21;
        settings.interval_warn_days = 42;
        previous_on(30, {area(Area::cheek, Side::left)});
        auto findings = check(session, file, settings);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].level == Level::warning);
        file.other_sessions.clear();
        previous_on(20, {area(Area::cheek, Side::left)});
        findings = check(session, file, settings);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].level == Level::block);
    }
}

TEST_CASE("another session the same day on other areas: a warning when logging") {
    auto file = clean_file();
    const auto session = test::session_at("2026-11-20T14:00:00Z", {area(Area::cheek, Side::left)});

    SUBCASE("other areas: one warning naming the session, its time and the amend command") {
        file.other_sessions.push_back(
            earlier_session(4, "2026-11-20T09:15:00Z", {area(Area::forehead, {}, 0.5)}));
        const auto findings = check(session, file);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].key == "same-day");
        CHECK(findings[0].level == Level::warning);
        CHECK(findings[0].message == same_day_message(4, "2026-11-20 09:15"));
        CHECK_FALSE(rules::has_blocking(findings));

        // Logging is the default purpose.
        const auto logged = rules::check_session(session, file, test::seeded_settings(), london(),
                                                 rules::Purpose::log);
        REQUIRE(logged.size() == 1);
        CHECK(logged[0].message == findings[0].message);
    }
    SUBCASE("amending: no such warning") {
        file.other_sessions.push_back(
            earlier_session(4, "2026-11-20T09:15:00Z", {area(Area::forehead, {}, 0.5)}));
        CHECK(check_amendment(session, file).empty());
    }
    SUBCASE("amending still runs every other check") {
        file.other_sessions.push_back(
            earlier_session(4, "2026-11-20T09:15:00Z", {area(Area::cheek, Side::left)}));
        file.conditions.push_back(condition(ConditionCode::eczema));
        file.consents.clear();
        const auto findings = check_amendment(session, file);
        REQUIRE(findings.size() == 3);
        CHECK(findings[0].key.starts_with("condition:"));
        CHECK(findings[1].key.starts_with("interval:"));
        CHECK(findings[1].level == Level::block);
        CHECK(findings[2].key == "consent");
    }
    SUBCASE("a shared area is the interval block alone") {
        file.other_sessions.push_back(earlier_session(
            4, "2026-11-20T09:15:00Z", {area(Area::cheek), area(Area::forehead, {}, 0.5)}));
        const auto findings = check(session, file);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].key.starts_with("interval:"));
        CHECK(findings[0].level == Level::block);
        CHECK(contains(findings[0].message, "also treated the same day, in session 4"));
    }
    SUBCASE("the other side of a sided area is another area") {
        file.other_sessions.push_back(
            earlier_session(4, "2026-11-20T09:15:00Z", {area(Area::cheek, Side::right)}));
        const auto findings = check(session, file);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].level == Level::warning);
        CHECK(findings[0].message == same_day_message(4, "2026-11-20 09:15"));
    }
    SUBCASE("one warning naming every session that day, in the file's order") {
        file.other_sessions.push_back(
            earlier_session(6, "2026-11-20T16:00:00Z", {area(Area::neck, {}, 0.5)}));
        file.other_sessions.push_back(
            earlier_session(4, "2026-11-20T09:15:00Z", {area(Area::forehead, {}, 0.5)}));
        file.other_sessions.push_back(
            earlier_session(3, "2026-11-19T09:15:00Z", {area(Area::chin, {}, 0.5)}));
        const auto findings = check(session, file);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].key == "same-day");
        CHECK(findings[0].message ==
              "session 6 on 2026-11-20 16:00 and session 4 on 2026-11-20 09:15 are the same day; "
              "to add areas to it, use 'session amend 6 --area …' instead");
    }
    SUBCASE("after the interval findings, before consent") {
        file.consents.clear();
        file.other_sessions.push_back(
            earlier_session(4, "2026-11-20T09:15:00Z", {area(Area::forehead, {}, 0.5)}));
        file.other_sessions.push_back(
            earlier_session(2, "2026-11-01T10:00:00Z", {area(Area::cheek, Side::left)}));
        const auto findings = check(session, file);
        REQUIRE(findings.size() == 3);
        CHECK(findings[0].key.starts_with("interval:"));
        CHECK(contains(findings[0].message, "19 days earlier, in session 2"));
        CHECK(findings[1].message == same_day_message(4, "2026-11-20 09:15"));
        CHECK(findings[2].key == "consent");
    }
}

TEST_CASE("the same day is the clinic's day") {
    auto file = clean_file();
    SUBCASE("23:30 and 00:30 BST: two days, though one UTC date") {
        file.other_sessions.push_back(
            earlier_session(4, "2026-07-01T22:30:00Z", {area(Area::forehead, {}, 0.5)}));
        CHECK(check(test::session_at("2026-07-01T23:30:00Z"), file).empty());
    }
    SUBCASE("00:30 and 10:00 BST: one day, though two UTC dates") {
        file.other_sessions.push_back(
            earlier_session(4, "2026-07-01T23:30:00Z", {area(Area::forehead, {}, 0.5)}));
        const auto findings = check(test::session_at("2026-07-02T09:00:00Z"), file);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].message == same_day_message(4, "2026-07-02 00:30"));
    }
}

TEST_CASE("interval days are counted in the clinic's zone") {
    // 2026-07-01 00:30 BST and 2026-07-14 10:00 BST: 13 local days, though 14 UTC dates apart.
    rules::PatientFile file = clean_file();
    file.other_sessions.push_back(earlier_session(3, "2026-06-30T23:30:00Z", {area(Area::cheek)}));
    const auto findings = check(test::session_at("2026-07-14T09:00:00Z"), file);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].level == Level::block);
    CHECK(contains(findings[0].message, "13 days earlier"));
    CHECK(contains(findings[0].message, "on 2026-07-01 00:30"));
}

TEST_CASE("consent missing or expired is a warning, never a block") {
    const auto session = test::session_at("2026-11-20T10:00:00Z");
    auto file = clean_file();
    file.consents.clear();

    SUBCASE("none on file") {
        const auto findings = check(session, file);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].key == "consent");
        CHECK(findings[0].level == Level::warning);
        CHECK(contains(findings[0].message, "no signed consent on file"));
    }
    SUBCASE("signed only after the session day") {
        file.consents.push_back(consent("2026-11-21"));
        const auto findings = check(session, file);
        REQUIRE(findings.size() == 1);
        CHECK(contains(findings[0].message, "no signed consent"));
    }
    SUBCASE("signed on the session day") {
        file.consents.push_back(consent("2026-11-20"));
        CHECK(check(session, file).empty());
    }
    SUBCASE("expired after 12 months") {
        file.consents.push_back(consent("2025-11-20"));
        const auto findings = check(session, file);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].key == "consent");
        CHECK(findings[0].level == Level::warning);
        CHECK(findings[0].message ==
              "consent signed 2025-11-20 expired on 2026-11-20 (valid 12 months)");
    }
    SUBCASE("one day short of 12 months: valid") {
        file.consents.push_back(consent("2025-11-21"));
        CHECK(check(session, file).empty());
    }
    SUBCASE("the newest consent counts") {
        file.consents.push_back(consent("2026-09-01"));
        file.consents.push_back(consent("2024-01-01"));
        CHECK(check(session, file).empty());
    }
    SUBCASE("the clinic's validity") {
        auto settings = test::seeded_settings();
        settings.consent_valid_months = 3;
        file.consents.push_back(consent("2026-08-01"));
        const auto findings = check(session, file, settings);
        REQUIRE(findings.size() == 1);
        CHECK(contains(findings[0].message, "expired on 2026-11-01 (valid 3 months)"));
    }
}

TEST_CASE("blocking findings come first, each group in check order") {
    auto file = clean_file(); // no consent: a warning, found last
    file.consents.clear();
    file.conditions.push_back(condition(ConditionCode::rosacea_flare)); // warning
    file.conditions.push_back(condition(ConditionCode::eczema));        // block
    file.other_sessions.push_back(earlier_session(4, "2026-11-01T10:00:00Z", {area(Area::chin)}));
    const auto session =
        test::session_at("2026-11-20T10:00:00Z",
                         {area(Area::chin), area(Area::cheek, {}, 2.0)}); // 19 days; too deep

    const auto findings = check(session, file);
    REQUIRE(findings.size() == 5);
    CHECK(rules::has_blocking(findings));
    const auto first_warning = std::find_if(findings.begin(), findings.end(), [](const Finding& f) {
        return f.level == Level::warning;
    });
    CHECK(std::all_of(findings.begin(), first_warning,
                      [](const Finding& f) { return f.level == Level::block; }));
    CHECK(std::all_of(first_warning, findings.end(),
                      [](const Finding& f) { return f.level == Level::warning; }));
    CHECK(findings[0].key.starts_with("condition:"));
    CHECK(findings[0].message == "eczema on file");
    CHECK(findings[1].key.starts_with("depth:"));
    CHECK(findings[2].key.starts_with("condition:"));
    CHECK(findings[2].message == "rosacea flare on file");
    CHECK(findings[3].key.starts_with("interval:"));
    CHECK(findings[4].key == "consent");

    SUBCASE("pure: the same inputs give the same findings") {
        const auto again = check(session, file);
        REQUIRE(again.size() == findings.size());
        for (std::size_t i = 0; i < again.size(); ++i) {
            CHECK(again[i].key == findings[i].key);
            CHECK(again[i].level == findings[i].level);
            CHECK(again[i].message == findings[i].message);
        }
    }
}

TEST_CASE("has_blocking: only warnings do not block") {
    CHECK_FALSE(rules::has_blocking({}));
    CHECK_FALSE(rules::has_blocking({{"consent", Level::warning, "w"}}));
    CHECK(rules::has_blocking(
        {{"consent", Level::warning, "w"}, {"depth:cheek", Level::block, "b"}}));
}

TEST_CASE("a clearance turns a condition's block into a warning for its days only") {
    auto file = clean_file();
    auto eczema = condition(ConditionCode::eczema, day("2026-01-01"));
    eczema.details.clearances = {
        {"Dr A. Shah, dermatologist", day("2026-11-10"), day("2026-11-20"), "face clear"}};
    file.conditions.push_back(eczema);
    const auto on = [&](std::string_view at) {
        const auto findings = check(test::session_at(at), file);
        REQUIRE(findings.size() == 1);
        CHECK(findings[0].key == "condition:eczema");
        return findings[0];
    };
    CHECK(on("2026-11-09T10:00:00Z").level == Level::block);
    CHECK(on("2026-11-10T10:00:00Z").level == Level::warning);
    CHECK(on("2026-11-20T10:00:00Z").message ==
          "eczema on file since 2026-01-01; cleared by Dr A. Shah, dermatologist until "
          "2026-11-20 (face clear)");
    CHECK(on("2026-11-21T10:00:00Z").level == Level::block);
    // A later clearance adds its own days; the earlier one still covers its own.
    file.conditions[0].details.clearances.push_back(
        {"Dr B. Okoro", day("2026-11-25"), day("2026-12-31"), "reviewed"});
    CHECK(on("2026-11-15T10:00:00Z").level == Level::warning);
    CHECK(on("2026-11-22T10:00:00Z").level == Level::block);
    CHECK(contains(on("2026-11-26T10:00:00Z").message, "cleared by Dr B. Okoro until 2026-12-31"));
}

TEST_CASE("a device's own depth limit replaces the area's for that device only") {
    auto settings = test::seeded_settings();
    settings.device_depth_limit_mm[{Area::jawline, Device::rf}] = 2.5;
    auto session = test::session_at("2026-11-20T10:00:00Z", {area(Area::jawline, {}, 2.25)});
    session.device = Device::rf;
    auto file = clean_file();
    file.consents[0].details.covers = "microneedling rf";
    CHECK(check(session, file, settings).empty());
    session.areas[0].depth_mm = 2.75;
    const auto deeper = check(session, file, settings);
    REQUIRE(deeper.size() == 1);
    CHECK(deeper[0].key == "depth:jawline");
    CHECK(deeper[0].message ==
          "depth 2.75 mm on jawline exceeds the clinic limit of 2.50 mm for rf");
    session.device = Device::pen; // the pen keeps the area's limit (1.50 mm)
    session.areas[0].depth_mm = 2.25;
    const auto pen = check(session, file, settings);
    REQUIRE(pen.size() == 1);
    CHECK(pen[0].message == "depth 2.25 mm on jawline exceeds the clinic limit of 1.50 mm");
}

TEST_CASE(
    "lots: expired before the day or recalled by it blocks; unregistered as the setting says") {
    auto session = test::session_at("2026-11-20T10:00:00Z");
    session.serums = {{"ha-serum", "ha-1", SerumPhase::after}};
    auto file = clean_file();
    file.consents[0].details.covers = "microneedling serums";
    Lot ha;
    ha.product = "ha-serum";
    ha.lot = "HA-1";
    ha.details.expires_on = day("2026-11-20"); // the expiry day itself is still usable
    file.lots.push_back(ha);
    CHECK(check(session, file).empty());
    file.lots.back().details.expires_on = day("2026-11-19");
    auto findings = check(session, file);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].key == "lot:ha-serum:ha-1");
    CHECK(findings[0].level == Level::block);
    CHECK(findings[0].message == "lot ha-1 of ha-serum expired on 2026-11-19");

    file.lots.back().details.expires_on = day("2027-01-01");
    file.lots.back().details.recall = LotRecall{day("2026-11-21"), "supplier notice"};
    CHECK(check(session, file).empty()); // recalled after the session day
    file.lots.back().details.recall->on = day("2026-11-20");
    findings = check(session, file);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].message ==
          "lot ha-1 of ha-serum was recalled on 2026-11-20: supplier notice");

    file.lots.pop_back();
    auto settings = test::seeded_settings();
    findings = check(session, file, settings);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].level == Level::warning);
    settings.lot_registration = LotRegistration::block;
    CHECK(check(session, file, settings)[0].level == Level::block);
    settings.lot_registration = LotRegistration::off;
    CHECK(check(session, file, settings).empty());
}

TEST_CASE("age: under the minimum a guardian's consent is needed") {
    auto file = clean_file();
    file.birth_date = day("2010-11-21"); // 15 on 2026-11-20, 16 the next day
    const auto session = test::session_at("2026-11-20T10:00:00Z");
    auto findings = check(session, file);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].key == "age");
    CHECK(findings[0].level == Level::block);
    CHECK(contains(findings[0].message, "the patient is 15 on the session day"));
    auto settings = test::seeded_settings();
    settings.minimum_age = 15;
    CHECK(check(session, file, settings).empty());
    settings.minimum_age = 16;
    CHECK(check(session, file, settings).size() == 1);
    // A guardian's signature on a photo form alone does not consent to the treatment.
    auto guardian = consent("2026-10-01");
    guardian.details.covers = "photos";
    guardian.details.guardian = "Mary Doe";
    file.consents.push_back(guardian);
    CHECK(check(session, file).size() == 1);
    // On a consent in force for microneedling, even a second form, it does.
    file.consents.back().details.covers = "microneedling photos";
    CHECK(check(session, file).empty());
    // A withdrawal of that form ends the guardian's consent, and the older treatment consent.
    file.consents.back().details.withdrawal = ConsentWithdrawal{day("2026-11-15"), "moved away"};
    findings = check(session, file);
    REQUIRE(findings.size() == 2);
    CHECK(findings[0].key == "age");
    CHECK(findings[1].key == "consent");
}

TEST_CASE("consent: every consent in force counts; a withdrawn one ends on its day") {
    auto file = clean_file(); // signed 2026-06-01, covers microneedling
    auto session = test::session_at("2026-11-20T10:00:00Z");
    session.device = Device::rf;
    session.serums = {{"prp", "P-1", SerumPhase::during}};
    file.product_kinds["prp"] = ProductKind::prp;
    file.lots.push_back(registered_cartridge());
    file.lots.push_back(Lot{{}, "prp", "P-1", {day("2027-01-01")}, {}});
    auto findings = check(session, file);
    REQUIRE(findings.size() == 2); // the device first, then the serums
    CHECK(findings[0].key == "consent:rf");
    CHECK(findings[1].key == "consent:prp");
    CHECK(findings[0].message ==
          "no consent in force covers RF microneedling (in force: microneedling)");
    auto settings = test::seeded_settings();
    settings.consent_policy = ConsentPolicy::block;
    CHECK(rules::has_blocking(check(session, file, settings)));
    // A second form for PRP and RF adds to the first.
    auto extra = consent("2026-10-01");
    extra.id = ConsentId{2};
    extra.details.covers = "prp rf";
    file.consents.push_back(extra);
    CHECK(check(session, file).empty());
    // Withdrawing the older one leaves the newer in force, and the reverse.
    file.consents[0].details.withdrawal = ConsentWithdrawal{day("2026-11-01"), "changed mind"};
    findings = check(session, file);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].key == "consent:microneedling");
    file.consents[0].details.withdrawal.reset();
    file.consents[1].details.withdrawal = ConsentWithdrawal{day("2026-11-20"), "no PRP"};
    findings = check(session, file);
    REQUIRE(findings.size() == 2);
    CHECK(findings[1].key == "consent:prp");
    // A renewal withdrawn also ends the older form it renewed, for what it covered.
    file.consents[1].details.covers = "microneedling prp rf";
    file.consents[1].details.withdrawal = ConsentWithdrawal{day("2026-11-20"), "stopping"};
    findings = check(session, file);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].key == "consent");
    file.consents[1].details.covers = "prp rf";
    file.consents[1].details.withdrawal = ConsentWithdrawal{day("2026-11-20"), "no PRP"};
    // Both withdrawn: the newest withdrawal is named.
    file.consents[0].details.withdrawal = ConsentWithdrawal{day("2026-11-01"), "changed mind"};
    findings = check(session, file);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].key == "consent");
    CHECK(findings[0].message == "consent 2 signed 2026-10-01 was withdrawn on 2026-11-20 (no "
                                 "PRP); record a new one with 'needlebook consent add'");
}
