#include "fixtures.hpp"

#include "needlebook/error.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/reactions.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/report/changes.hpp"
#include "needlebook/report/followups.hpp"
#include "needlebook/report/history.hpp"
#include "needlebook/report/lot_recall.hpp"
#include "needlebook/report/recovery.hpp"
#include "needlebook/report/timeline.hpp"
#include "needlebook/storage/report_reader.hpp"

#include <doctest/doctest.h>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

// Every expected figure below was worked out by hand from the inputs; the working is in the
// comment next to it. Day counts: October has 31 days, so 10-10 -> 11-05 is 21 + 5 = 26.

using namespace needlebook;
using test::day;
using test::london;
using test::thrown;
using test::utc;

namespace {

std::string text(time::Date d) {
    return time::format_date(d);
}

// The defaults of docs/clinical-defaults.md, written out by hand so the pure tests need no
// database.
ClinicSettings reference_settings() {
    ClinicSettings settings;
    settings.interval_warn_days = 28;
    settings.followup_due_days = 7;
    const auto expected = [&](ReactionKind kind, int days) {
        settings.reaction_norm[kind] = ReactionNorm{days, false};
    };
    const auto adverse = [&](ReactionKind kind) {
        settings.reaction_norm[kind] = ReactionNorm{std::nullopt, true};
    };
    expected(ReactionKind::erythema, 3);
    expected(ReactionKind::oedema, 3);
    expected(ReactionKind::pinpoint_bleeding, 1);
    expected(ReactionKind::bruising, 10);
    expected(ReactionKind::itching, 7);
    expected(ReactionKind::burning, 7);
    expected(ReactionKind::dryness_peeling, 7);
    expected(ReactionKind::acneiform_eruption, 14);
    expected(ReactionKind::milia, 14);
    adverse(ReactionKind::post_inflammatory_hyperpigmentation);
    adverse(ReactionKind::infection);
    adverse(ReactionKind::herpes_reactivation);
    adverse(ReactionKind::contact_dermatitis);
    adverse(ReactionKind::granuloma);
    adverse(ReactionKind::tram_track_scarring);
    expected(ReactionKind::other, 14);
    return settings;
}

ReactionDetails reaction(ReactionKind kind, std::string_view onset,
                         std::optional<std::string_view> resolved = std::nullopt,
                         std::optional<Area> area = std::nullopt,
                         std::optional<Side> side = std::nullopt) {
    ReactionDetails details;
    details.kind = kind;
    details.severity = Severity::mild;
    details.area = area;
    details.side = side;
    details.onset = day(onset);
    if (resolved)
        details.resolved = day(*resolved);
    return details;
}

PatientLabel label(std::int64_t id, std::string code, std::optional<int> fitzpatrick) {
    return {PatientId{id}, std::move(code), "Family", "Given", fitzpatrick};
}

// What a reaction fact takes from its session.
struct SessionSpec {
    std::int64_t id = 0;
    PatientLabel patient;
    std::string_view at; // UTC
    Device device = Device::pen;
    double deepest_mm = 0;
    std::vector<std::string> products;
};

ReactionFact fact(std::int64_t id, const SessionSpec& session, ReactionDetails details,
                  std::optional<double> area_depth_mm) {
    ReactionFact f;
    f.reaction = ReactionId{id};
    f.session = SessionId{session.id};
    f.patient = session.patient;
    f.performed_at = utc(session.at);
    f.device = session.device;
    f.details = std::move(details);
    f.area_depth_mm = area_depth_mm;
    f.deepest_mm = session.deepest_mm;
    f.products = session.products;
    return f;
}

SessionFact session_fact(std::int64_t id, const PatientLabel& patient, std::string_view at,
                         std::vector<std::string_view> followups) {
    SessionFact f;
    f.session = SessionId{id};
    f.patient = patient;
    f.performed_at = utc(at);
    f.device = Device::pen;
    for (const auto& on : followups)
        f.followups.push_back(day(on));
    return f;
}

struct ExpectedGroup {
    std::string label;
    int reactions, median, p90, prolonged, adverse, open;
};

void check_group(const report::RecoveryGroup& group, const ExpectedGroup& expected) {
    CAPTURE(expected.label);
    CHECK(group.label == expected.label);
    CHECK(group.reactions == expected.reactions);
    CHECK(group.median_days == expected.median);
    CHECK(group.p90_days == expected.p90);
    CHECK(group.prolonged == expected.prolonged);
    CHECK(group.adverse == expected.adverse);
    CHECK(group.open == expected.open);
}

void check_groups(const report::RecoveryReport& report,
                  const std::vector<ExpectedGroup>& expected) {
    REQUIRE(report.groups.size() == expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i)
        check_group(report.groups[i], expected[i]);
}

void check_change(const report::FieldChange& change, std::string_view field,
                  std::string_view before, std::string_view after) {
    CHECK(change.field == field);
    CHECK(change.before == before);
    CHECK(change.after == after);
}

// --- The recovery fixture: 4 sessions, 10 reactions, as of 2026-11-30 -------------------------
//
// S1 patient A (Fitzpatrick II), 2026-11-02 10:00Z (GMT: day 11-02), pen, deepest 1.5 mm,
//    serums gf-serum + ha-serum
// S2 patient B (V), 2026-11-10 09:00Z (day 11-10), roller, deepest 1.0 mm, ha-serum
// S3 patient C (not recorded), 2026-10-09 23:30Z = 2026-10-10 00:30 BST (day 10-10), rf,
//    back 2.5 mm and scar 1.75 mm, no serum
// S4 patient A, 2026-11-20 14:00Z (day 11-20), stamp, deepest 0.5 mm, vitc-serum
//
// Reaction (kind, expected days)      area (depth)       onset  resolved  recovery day  marks
// R1 S1 erythema (3)                  cheek:left (1.5)   11-02  11-04     2
// R2 S1 oedema (3)                    forehead (0.5)     11-02  11-06     4             prolonged
// R3 S1 bruising (10)                 none (-> 1.5)      11-03  11-09     7
// R4 S2 erythema (3)                  neck (1.0)         11-10  11-11     1
// R5 S2 acneiform-eruption (14)       neck (1.0)         11-14  open      20 (to 11-30) open,prol.
// R6 S3 infection (adverse)           scar (1.75)        10-14  11-05     26 (21 + 5)   adverse
// R7 S3 dryness-peeling (7)           none (-> 2.5)      10-12  10-16     6
// R8 S4 erythema (3)                  periorbital (0.5)  11-20  12-02     10 (to 11-30) open,prol.
// R9 S4 post-infl. hyperpigm. (adv.)  periorbital (0.5)  11-25  open      10 (to 11-30) open,adv.
// R10 S2 itching                      none               12-01  -         (onset after as-of:
//                                                                          left out everywhere)
const PatientLabel patient_a = label(1, "P-A", 2);
const PatientLabel patient_b = label(2, "P-B", 5);
const PatientLabel patient_c = label(3, "P-C", std::nullopt);

std::vector<ReactionFact> recovery_fixture() {
    const SessionSpec s1{1,           patient_a, "2026-11-02T10:00:00Z",
                         Device::pen, 1.5,       {"gf-serum", "ha-serum"}};
    const SessionSpec s2{2, patient_b, "2026-11-10T09:00:00Z", Device::roller, 1.0, {"ha-serum"}};
    const SessionSpec s3{3, patient_c, "2026-10-09T23:30:00Z", Device::rf, 2.5, {}};
    const SessionSpec s4{4, patient_a, "2026-11-20T14:00:00Z", Device::stamp, 0.5, {"vitc-serum"}};
    using K = ReactionKind;
    return {
        fact(1, s1, reaction(K::erythema, "2026-11-02", "2026-11-04", Area::cheek, Side::left),
             1.5),
        fact(2, s1, reaction(K::oedema, "2026-11-02", "2026-11-06", Area::forehead), 0.5),
        fact(3, s1, reaction(K::bruising, "2026-11-03", "2026-11-09"), std::nullopt),
        fact(4, s2, reaction(K::erythema, "2026-11-10", "2026-11-11", Area::neck), 1.0),
        fact(5, s2, reaction(K::acneiform_eruption, "2026-11-14", std::nullopt, Area::neck), 1.0),
        fact(6, s3, reaction(K::infection, "2026-10-14", "2026-11-05", Area::scar), 1.75),
        fact(7, s3, reaction(K::dryness_peeling, "2026-10-12", "2026-10-16"), std::nullopt),
        fact(8, s4, reaction(K::erythema, "2026-11-20", "2026-12-02", Area::periorbital), 0.5),
        fact(9, s4,
             reaction(K::post_inflammatory_hyperpigmentation, "2026-11-25", std::nullopt,
                      Area::periorbital),
             0.5),
        fact(10, s2, reaction(K::itching, "2026-12-01"), std::nullopt),
    };
}

report::RecoveryReport recovery_by(report::RecoveryGrouping by) {
    return report::summarise_recovery(recovery_fixture(), by, reference_settings(), london(),
                                      day("2026-11-30"));
}

} // namespace

// --- timeline.hpp -------------------------------------------------------------------------------

TEST_CASE("report nearest_rank: rank ceil(p/100 x n) of the sorted values") {
    const std::vector<int> ten{2, 4, 6, 8, 10, 12, 14, 16, 18, 20};
    CHECK(report::nearest_rank(ten, 50) == 10);  // ceil(0.5 x 10) = 5 -> 5th value
    CHECK(report::nearest_rank(ten, 90) == 18);  // ceil(0.9 x 10) = 9 -> 9th value
    CHECK(report::nearest_rank(ten, 91) == 20);  // ceil(9.1) = 10 -> 10th value
    CHECK(report::nearest_rank(ten, 100) == 20); // rank 10
    CHECK(report::nearest_rank(ten, 1) == 2);    // ceil(0.1) = 1 -> 1st value
    CHECK(report::nearest_rank(ten, 10) == 2);   // ceil(1.0) = 1, exactly, not 2
    CHECK(report::nearest_rank(ten, 11) == 4);   // ceil(1.1) = 2

    const std::vector<int> one{7};
    CHECK(report::nearest_rank(one, 50) == 7); // ceil(0.5) = 1
    CHECK(report::nearest_rank(one, 90) == 7); // ceil(0.9) = 1

    const std::vector<int> three{3, 5, 9};
    CHECK(report::nearest_rank(three, 50) == 5); // ceil(1.5) = 2 -> 2nd value
    CHECK(report::nearest_rank(three, 90) == 9); // ceil(2.7) = 3
    CHECK(report::nearest_rank(three, 33) == 3); // ceil(0.99) = 1
    CHECK(report::nearest_rank(three, 34) == 5); // ceil(1.02) = 2

    CHECK_THROWS_AS(report::nearest_rank({}, 50), std::invalid_argument);
    CHECK_THROWS_AS(report::nearest_rank(three, 0), std::invalid_argument);
    CHECK_THROWS_AS(report::nearest_rank(three, 101), std::invalid_argument);
}

TEST_CASE("report depth_band: upper bounds inclusive, edges in hundredths") {
    CHECK(report::depth_band(0.25) == 0);
    CHECK(report::depth_band(0.5) == 0);  // <= 0.5
    CHECK(report::depth_band(0.51) == 1); // just above 0.5
    CHECK(report::depth_band(1.0) == 1);  // 0.5-1.0 holds 1.0
    CHECK(report::depth_band(1.01) == 2);
    CHECK(report::depth_band(1.5) == 2); // 1.0-1.5 holds 1.5
    CHECK(report::depth_band(1.51) == 3);
    CHECK(report::depth_band(2.0) == 3);  // 1.5-2.0 holds 2.0
    CHECK(report::depth_band(2.01) == 4); // > 2.0
    CHECK(report::depth_band(3.0) == 4);
    CHECK(report::depth_bands[0] == "<=0.5");
    CHECK(report::depth_bands[1] == "0.5-1.0");
    CHECK(report::depth_bands[2] == "1.0-1.5");
    CHECK(report::depth_bands[3] == "1.5-2.0");
    CHECK(report::depth_bands[4] == ">2.0");
}

TEST_CASE("report timeline_of: day counts against the session day and the kind's norm") {
    const ReactionNorm three_days{3, false};
    const ReactionNorm always_adverse{std::nullopt, true};
    const auto session = day("2026-11-10");
    const auto as_of = day("2026-11-20");

    SUBCASE("resolved in time") {
        const auto t =
            report::timeline_of(reaction(ReactionKind::erythema, "2026-11-11", "2026-11-13"),
                                session, three_days, as_of);
        CHECK(t.onset_day == 1);    // 11-10 -> 11-11
        CHECK(t.recovery_day == 3); // 11-10 -> 11-13, not beyond 3: not prolonged
        REQUIRE(t.duration);
        CHECK(*t.duration == 2); // 11-11 -> 11-13
        CHECK_FALSE(t.open);
        CHECK_FALSE(t.prolonged);
        CHECK_FALSE(t.adverse);
        CHECK(report::timeline_marks(t).empty());
    }
    SUBCASE("one day beyond the norm is prolonged") {
        const auto t =
            report::timeline_of(reaction(ReactionKind::erythema, "2026-11-11", "2026-11-14"),
                                session, three_days, as_of);
        CHECK(t.recovery_day == 4); // 11-10 -> 11-14 > 3
        CHECK(*t.duration == 3);    // 11-11 -> 11-14
        CHECK(t.prolonged);
        CHECK(report::timeline_marks(t) == "prolonged");
    }
    SUBCASE("resolved on the as-of day is not open") {
        const auto t =
            report::timeline_of(reaction(ReactionKind::erythema, "2026-11-10", "2026-11-20"),
                                session, three_days, as_of);
        CHECK_FALSE(t.open);
        CHECK(t.recovery_day == 10); // 11-10 -> 11-20
        CHECK(*t.duration == 10);
    }
    SUBCASE("open: counted to the as-of date") {
        const auto t = report::timeline_of(reaction(ReactionKind::erythema, "2026-11-12"), session,
                                           three_days, as_of);
        CHECK(t.onset_day == 2);
        CHECK(t.recovery_day == 10); // 11-10 -> as-of 11-20
        CHECK_FALSE(t.duration);
        CHECK(t.open);
        CHECK(t.prolonged); // 10 > 3
        CHECK(report::timeline_marks(t) == "open,prolonged");
    }
    SUBCASE("resolved after the as-of date counts as open on it") {
        const auto t =
            report::timeline_of(reaction(ReactionKind::erythema, "2026-11-10", "2026-11-18"),
                                session, three_days, day("2026-11-12"));
        CHECK(t.open);
        CHECK(t.recovery_day == 2); // 11-10 -> as-of 11-12, not 8 (to 11-18)
        CHECK_FALSE(t.duration);
        CHECK_FALSE(t.prolonged); // 2 <= 3
    }
    SUBCASE("an always-adverse kind is adverse and never prolonged") {
        const auto t =
            report::timeline_of(reaction(ReactionKind::infection, "2026-11-12", "2026-11-30"),
                                session, always_adverse, day("2026-12-01"));
        CHECK(t.onset_day == 2);
        CHECK(t.recovery_day == 20); // 11-10 -> 11-30
        CHECK(*t.duration == 18);    // 11-12 -> 11-30
        CHECK(t.adverse);
        CHECK_FALSE(t.prolonged);
        CHECK_FALSE(t.open);
        CHECK(report::timeline_marks(t) == "adverse");
    }
    SUBCASE("across a month end") {
        const auto t =
            report::timeline_of(reaction(ReactionKind::erythema, "2026-10-31", "2026-11-02"),
                                day("2026-10-30"), three_days, as_of);
        CHECK(t.onset_day == 1);    // 10-30 -> 10-31
        CHECK(t.recovery_day == 3); // 10-30 -> 10-31 -> 11-01 -> 11-02
        CHECK(*t.duration == 2);
    }
}

TEST_CASE("report norm_of: the clinic's norm, a kind without a row is always adverse") {
    const auto settings = reference_settings();
    CHECK(report::norm_of(settings, ReactionKind::bruising).expected_days == 10);
    CHECK_FALSE(report::norm_of(settings, ReactionKind::bruising).always_adverse);
    CHECK(report::norm_of(settings, ReactionKind::granuloma).always_adverse);

    const ClinicSettings empty;
    const auto& unknown = report::norm_of(empty, ReactionKind::erythema);
    CHECK(unknown.always_adverse);
    CHECK_FALSE(unknown.expected_days);
}

// --- recovery.hpp: pure -------------------------------------------------------------------------

TEST_CASE("report recovery parse_grouping: the six names, anything else refused") {
    CHECK(report::parse_grouping("kind") == report::RecoveryGrouping::kind);
    CHECK(report::parse_grouping("area") == report::RecoveryGrouping::area);
    CHECK(report::parse_grouping("depth") == report::RecoveryGrouping::depth);
    CHECK(report::parse_grouping("fitzpatrick") == report::RecoveryGrouping::fitzpatrick);
    CHECK(report::parse_grouping("device") == report::RecoveryGrouping::device);
    CHECK(report::parse_grouping("serum") == report::RecoveryGrouping::serum);
    CHECK(report::grouping_name(report::RecoveryGrouping::fitzpatrick) == "fitzpatrick");
    const auto e = test::refusal([] { report::parse_grouping("colour"); });
    CHECK(e.field() == "by");
    CHECK(test::contains(e.what(), "'colour'"));
}

TEST_CASE("report recovery total: every reaction once, onsets after the as-of date left out") {
    const auto r = recovery_by(report::RecoveryGrouping::kind);
    CHECK(r.by == report::RecoveryGrouping::kind);
    CHECK(text(r.as_of) == "2026-11-30");
    // R1..R9 (R10 starts 12-01): days 2 4 7 1 20 26 6 10 10 -> sorted 1 2 4 6 7 10 10 20 26.
    // median rank ceil(4.5) = 5 -> 7; p90 rank ceil(8.1) = 9 -> 26.
    // prolonged R2 R5 R8 = 3; adverse R6 R9 = 2; open R5 R8 R9 = 3.
    check_group(r.total, {"all reactions", 9, 7, 26, 3, 2, 3});
    CHECK(r.total.prolonged_share() == doctest::Approx(3.0 / 9));
    CHECK(r.total.adverse_share() == doctest::Approx(2.0 / 9));
}

TEST_CASE("report recovery by kind: catalogue order, empty kinds left out") {
    const auto r = recovery_by(report::RecoveryGrouping::kind);
    check_groups(r, {
                        // R1 2, R4 1, R8 10 -> 1 2 10: median rank 2 = 2, p90 rank 3 = 10
                        {"erythema", 3, 2, 10, 1, 0, 1},
                        {"oedema", 1, 4, 4, 1, 0, 0},               // R2 4 > 3
                        {"bruising", 1, 7, 7, 0, 0, 0},             // R3 7 <= 10
                        {"dryness-peeling", 1, 6, 6, 0, 0, 0},      // R7 6 <= 7
                        {"acneiform-eruption", 1, 20, 20, 1, 0, 1}, // R5 20 > 14, open
                        {"post-inflammatory-hyperpigmentation", 1, 10, 10, 0, 1, 1}, // R9
                        {"infection", 1, 26, 26, 0, 1, 0},                           // R6
                    });
    CHECK(r.groups[0].prolonged_share() == doctest::Approx(1.0 / 3));
}

TEST_CASE("report recovery by area: reactions without an area in their own group, last") {
    const auto r = recovery_by(report::RecoveryGrouping::area);
    check_groups(r, {
                        {"forehead", 1, 4, 4, 1, 0, 0}, // R2
                        // R8 10, R9 10: median rank 1 = 10, p90 rank ceil(1.8) = 2 = 10
                        {"periorbital", 2, 10, 10, 1, 1, 2},
                        {"cheek", 1, 2, 2, 0, 0, 0}, // R1 (cheek:left counts under cheek)
                        // R4 1, R5 20: median rank 1 = 1, p90 rank 2 = 20
                        {"neck", 2, 1, 20, 1, 0, 1},
                        {"scar", 1, 26, 26, 0, 1, 0}, // R6
                        // R3 7, R7 6 -> 6 7: median 6, p90 7
                        {"(whole session)", 2, 6, 7, 0, 0, 0},
                    });
}

TEST_CASE("report recovery by depth: the area's depth, else the session's deepest") {
    const auto r = recovery_by(report::RecoveryGrouping::depth);
    check_groups(r, {
                        // R2 4, R8 10, R9 10 (all 0.5 mm): median rank 2 = 10, p90 rank 3 = 10
                        {"<=0.5", 3, 10, 10, 2, 1, 2},
                        // R4 1, R5 20 (neck 1.0 mm)
                        {"0.5-1.0", 2, 1, 20, 1, 0, 1},
                        // R1 2 (cheek 1.5), R3 7 (no area: deepest 1.5)
                        {"1.0-1.5", 2, 2, 7, 0, 0, 0},
                        // R6 26 (scar 1.75, although the session's deepest is 2.5)
                        {"1.5-2.0", 1, 26, 26, 0, 1, 0},
                        // R7 6 (no area: deepest 2.5)
                        {">2.0", 1, 6, 6, 0, 0, 0},
                    });
}

TEST_CASE("report recovery by fitzpatrick: roman types, then not recorded") {
    const auto r = recovery_by(report::RecoveryGrouping::fitzpatrick);
    check_groups(r, {
                        // A: R1 2, R2 4, R3 7, R8 10, R9 10: median rank ceil(2.5) = 3 -> 7,
                        // p90 rank ceil(4.5) = 5 -> 10; prolonged R2 R8; adverse R9; open R8 R9
                        {"II", 5, 7, 10, 2, 1, 2},
                        {"V", 2, 1, 20, 1, 0, 1}, // B: R4 1, R5 20
                                                  // C: R6 26, R7 6 -> 6 26
                        {"(not recorded)", 2, 6, 26, 0, 1, 0},
                    });
}

TEST_CASE("report recovery by device: catalogue order pen, roller, stamp, rf") {
    const auto r = recovery_by(report::RecoveryGrouping::device);
    check_groups(r, {
                        // S1: R1 2, R2 4, R3 7: median rank 2 = 4, p90 rank 3 = 7
                        {"pen", 3, 4, 7, 1, 0, 0},
                        {"roller", 2, 1, 20, 1, 0, 1}, // S2: R4 1, R5 20
                        {"stamp", 2, 10, 10, 1, 1, 2}, // S4: R8 10, R9 10
                        {"rf", 2, 6, 26, 0, 1, 0},     // S3: R7 6, R6 26
                    });
}

TEST_CASE("report recovery by serum: once under every product, '(none)' last") {
    const auto r = recovery_by(report::RecoveryGrouping::serum);
    check_groups(r, {
                        // S1 only: R1 2, R2 4, R3 7
                        {"gf-serum", 3, 4, 7, 1, 0, 0},
                        // S1 and S2: 2 4 7 1 20 -> 1 2 4 7 20: median rank 3 = 4,
                        // p90 rank ceil(4.5) = 5 = 20; prolonged R2 R5; open R5
                        {"ha-serum", 5, 4, 20, 2, 0, 1},
                        {"vitc-serum", 2, 10, 10, 1, 1, 2}, // S4: R8, R9
                        {"(none)", 2, 6, 26, 0, 1, 0},      // S3: R6, R7
                    });
    CHECK(r.groups[1].prolonged_share() == doctest::Approx(0.4)); // 2 / 5
    // R1..R3 count under both gf-serum and ha-serum: 3 + 5 + 2 + 2 = 12 group rows, 9 reactions.
    CHECK(r.total.reactions == 9);
}

TEST_CASE("report recovery: no reactions, no groups and a zero total") {
    const auto r = report::summarise_recovery({}, report::RecoveryGrouping::area,
                                              reference_settings(), london(), day("2026-11-30"));
    CHECK(r.groups.empty());
    check_group(r.total, {"all reactions", 0, 0, 0, 0, 0, 0});
    CHECK(r.total.prolonged_share() == 0);
}

// --- followups.hpp: pure ------------------------------------------------------------------------

TEST_CASE("report follow-ups: open reactions prolonged first, adverse events open first") {
    using K = ReactionKind;
    const auto p = label(1, "P-A", 3);
    const auto at = [&](std::int64_t id, std::string_view when) {
        return SessionSpec{id, p, when, Device::pen, 1.0, {}};
    };
    // as-of 2026-11-30; days_open = as-of - onset.
    const std::vector<ReactionFact> reactions{
        // F1 erythema, session 11-20, open: recovery 10 > 3 prolonged; open 11-20 -> 11-30 = 10
        fact(1, at(1, "2026-11-20T10:00:00Z"), reaction(K::erythema, "2026-11-20"), std::nullopt),
        // F2 acneiform, session 11-10, onset 11-14, open: recovery 20 > 14 prolonged; open 16
        fact(2, at(2, "2026-11-10T10:00:00Z"), reaction(K::acneiform_eruption, "2026-11-14"),
             std::nullopt),
        // F3 itching, session 11-25, open: recovery 5 <= 7; open 5
        fact(3, at(3, "2026-11-25T10:00:00Z"), reaction(K::itching, "2026-11-25"), std::nullopt),
        // F4 bruising, session 11-21, open: recovery 9 <= 10; open 9
        fact(4, at(4, "2026-11-21T10:00:00Z"), reaction(K::bruising, "2026-11-21"), std::nullopt),
        // F5 PIH, session 11-20, onset 11-24, open: adverse; open 6
        fact(5, at(1, "2026-11-20T10:00:00Z"),
             reaction(K::post_inflammatory_hyperpigmentation, "2026-11-24"), std::nullopt),
        // F6 infection, session 10-10 (BST: 10-09 23:30Z), 10-14 -> 11-05: adverse, closed
        fact(6, at(5, "2026-10-09T23:30:00Z"), reaction(K::infection, "2026-10-14", "2026-11-05"),
             std::nullopt),
        // F7 herpes, session 11-02, onset 11-04, resolved 12-03 after as-of: open 26, adverse
        fact(7, at(6, "2026-11-02T10:00:00Z"),
             reaction(K::herpes_reactivation, "2026-11-04", "2026-12-03"), std::nullopt),
        // F8 erythema with onset after as-of: in no list
        fact(8, at(7, "2026-11-29T10:00:00Z"), reaction(K::erythema, "2026-12-01"), std::nullopt),
        // F9 erythema resolved in time: in no list
        fact(9, at(6, "2026-11-02T10:00:00Z"), reaction(K::erythema, "2026-11-02", "2026-11-04"),
             std::nullopt),
    };
    const auto r = report::summarise_followups(reactions, {}, {}, reference_settings(), london(),
                                               day("2026-11-30"));
    CHECK(text(r.as_of) == "2026-11-30");
    CHECK(r.followup_due_days == 7);

    // Prolonged: F2 (16), F1 (10); then by days open: F7 (26), F4 (9), F5 (6), F3 (5).
    REQUIRE(r.open_reactions.size() == 6);
    const std::vector<std::int64_t> open_ids{2, 1, 7, 4, 5, 3};
    const std::vector<int> days_open{16, 10, 26, 9, 6, 5};
    for (std::size_t i = 0; i < open_ids.size(); ++i) {
        CAPTURE(i);
        CHECK(r.open_reactions[i].fact.reaction.value == open_ids[i]);
        CHECK(r.open_reactions[i].days_open == days_open[i]);
        CHECK(r.open_reactions[i].timeline.open);
    }
    CHECK(r.open_reactions[0].timeline.prolonged);
    CHECK(r.open_reactions[0].timeline.recovery_day == 20); // 11-10 -> 11-30
    CHECK(text(r.open_reactions[0].session_day) == "2026-11-10");
    CHECK(r.open_reactions[1].timeline.prolonged);
    CHECK_FALSE(r.open_reactions[2].timeline.prolonged);    // adverse kinds have no norm
    CHECK(r.open_reactions[2].timeline.recovery_day == 28); // 11-02 -> 11-30

    // Adverse: open first, then latest onset: F5 (11-24), F7 (11-04), then closed F6.
    REQUIRE(r.adverse_events.size() == 3);
    CHECK(r.adverse_events[0].fact.reaction.value == 5);
    CHECK(r.adverse_events[1].fact.reaction.value == 7);
    CHECK(r.adverse_events[2].fact.reaction.value == 6);
    CHECK_FALSE(r.adverse_events[2].timeline.open);
    CHECK(r.adverse_events[2].days_open == 0);
    CHECK(text(r.adverse_events[2].session_day) == "2026-10-10"); // local day, not UTC 10-09
    CHECK(r.adverse_events[2].timeline.recovery_day == 26);       // 10-10 -> 11-05: 21 + 5
}

TEST_CASE("report follow-ups: sessions not followed up and patients due") {
    const auto p1 = label(1, "P-1", 3);
    const auto p2 = label(2, "P-2", 3);
    const auto p3 = label(3, "P-3", 3);
    const auto p4 = label(4, "P-4", 3);
    const auto p5 = label(5, "P-5", 3);
    const auto p6 = label(6, "P-6", 3);
    // In time order, as ReportReader::followup_facts gives them. as-of 2026-11-30, due after 7
    // days.
    const std::vector<SessionFact> sessions{
        session_fact(10, p5, "2026-08-03T09:00:00Z", {"2026-08-05"}),
        session_fact(8, p5, "2026-10-01T09:00:00Z", {"2026-10-03"}),
        session_fact(1, p1, "2026-10-05T09:00:00Z", {"2026-10-08"}),
        // 23:30Z in BST is 00:30 on 10-15: the local day counts
        session_fact(9, p5, "2026-10-14T23:30:00Z", {"2026-10-16"}),
        session_fact(5, p3, "2026-10-20T09:00:00Z", {"2026-10-27"}),
        session_fact(12, p2, "2026-10-27T09:00:00Z", {"2026-10-28"}),
        session_fact(2, p1, "2026-11-02T10:00:00Z", {}),             // 28 days, none
        session_fact(3, p2, "2026-11-10T09:00:00Z", {"2026-12-02"}), // follow-up after as-of
        session_fact(11, p6, "2026-11-23T09:00:00Z", {}),            // exactly 7 days
        session_fact(6, p4, "2026-11-25T09:00:00Z", {}),             // 5 days: not yet due
        session_fact(4, p2, "2026-12-05T09:00:00Z", {}),             // after as-of: ignored
    };
    const auto r = report::summarise_followups({}, sessions, {}, reference_settings(), london(),
                                               day("2026-11-30"));
    CHECK(r.open_reactions.empty());
    CHECK(r.adverse_events.empty());

    // Oldest first: session 2 (11-02 -> 11-30 = 28), 3 (11-10 -> 20), 11 (11-23 -> 7).
    REQUIRE(r.unfollowed.size() == 3);
    CHECK(r.unfollowed[0].fact.session.value == 2);
    CHECK(r.unfollowed[0].days_since == 28);
    CHECK(text(r.unfollowed[0].session_day) == "2026-11-02");
    CHECK(r.unfollowed[1].fact.session.value == 3);
    CHECK(r.unfollowed[1].days_since == 20);
    CHECK(r.unfollowed[2].fact.session.value == 11);
    CHECK(r.unfollowed[2].days_since == 7);

    // P-5: last two days 10-01, 10-15 -> 14 days; due 10-29; overdue 10-29 -> 11-30 = 2 + 30 = 32.
    // P-3: one session 10-20 -> setting 28 days; due 10-20 + 28 = 11-17; overdue 13.
    // P-2: 10-27, 11-10 (12-05 ignored) -> 14 days; due 11-24; overdue 6.
    // P-1: 10-05, 11-02 -> 26 + 2 = 28 days; due 11-30; overdue 0 (due today).
    // P-4 (11-25 + 28 = 12-23) and P-6 (11-23 + 28 = 12-21) are not due yet.
    REQUIRE(r.due.size() == 4);
    const auto check_due = [](const report::DuePatient& due, std::string_view code,
                              std::int64_t last_session, std::string_view last_day, int interval,
                              bool is_setting, std::string_view due_on, int overdue) {
        CAPTURE(code);
        CHECK(due.patient.code == code);
        CHECK(due.last_session.value == last_session);
        CHECK(text(due.last_day) == last_day);
        CHECK(due.interval_days == interval);
        CHECK(due.interval_is_setting == is_setting);
        CHECK(text(due.due_on) == due_on);
        CHECK(due.days_overdue == overdue);
    };
    check_due(r.due[0], "P-5", 9, "2026-10-15", 14, false, "2026-10-29", 32);
    check_due(r.due[1], "P-3", 5, "2026-10-20", 28, true, "2026-11-17", 13);
    check_due(r.due[2], "P-2", 3, "2026-11-10", 14, false, "2026-11-24", 6);
    check_due(r.due[3], "P-1", 2, "2026-11-02", 28, false, "2026-11-30", 0);
}

Condition condition_of(std::int64_t patient, ConditionCode code, std::string_view since,
                       std::optional<std::string_view> resolved = std::nullopt) {
    static std::int64_t next_id = 1;
    Condition c;
    c.id = ConditionId{next_id++};
    c.patient_id = PatientId{patient};
    c.details.code = code;
    c.details.since = day(since);
    if (resolved)
        c.details.resolved_on = day(*resolved);
    return c;
}

TEST_CASE("report follow-ups: patients due whom a condition keeps from their next session") {
    // Everyone treated once on 2026-10-05: due after 28 days (interval_warn_days) on 11-02; the
    // report is as of 2026-11-30, 28 days later. P-9, treated on 11-20, is not due yet.
    std::vector<SessionFact> sessions;
    for (std::int64_t id = 1; id <= 8; ++id)
        sessions.push_back(session_fact(id, label(id, fmt::format("P-{}", id), 3),
                                        fmt::format("2026-10-05T{:02}:00:00Z", id), {}));
    sessions.push_back(session_fact(9, label(9, "P-9", 3), "2026-11-20T09:00:00Z", {}));
    auto settings = reference_settings();
    settings.condition_action[ConditionCode::rosacea_flare] = ConditionAction::warn;
    using C = ConditionCode;
    const std::vector<Condition> conditions{
        // P-1: nothing on file.
        // P-2: isotretinoin stopped 09-01: 6 months, until 2027-03-01.
        condition_of(2, C::isotretinoin, "2026-03-01", "2026-09-01"),
        // P-3: eczema with no end on file.
        condition_of(3, C::eczema, "2026-01-01"),
        // P-4: a condition that only warns: due as anyone.
        condition_of(4, C::rosacea_flare, "2026-01-01"),
        // P-5: psoriasis 10-20 to 11-10 blocked the due day: overdue from 11-10, 20 days.
        condition_of(5, C::psoriasis, "2026-10-20", "2026-11-10"),
        // P-6: eczema resolved on 12-02, after the as-of day: still active then, no end known.
        condition_of(6, C::eczema, "2026-10-01", "2026-12-02"),
        // P-7: eczema from 12-01, after the as-of day: not there yet.
        condition_of(7, C::eczema, "2026-12-01"),
        // P-8: isotretinoin stopped 07-01: until 2027-01-01, before P-2.
        condition_of(8, C::isotretinoin, "2026-01-01", "2026-07-01"),
        // P-9: not due, so in neither list.
        condition_of(9, C::eczema, "2026-01-01"),
    };
    const auto r = report::summarise_followups({}, sessions, conditions, settings, london(),
                                               day("2026-11-30"));

    // Most days overdue first; P-1, P-4, P-7 28 days from 11-02, P-5 20 days from 11-10.
    REQUIRE(r.due.size() == 4);
    const std::vector<std::string> due_codes{"P-1", "P-4", "P-7", "P-5"};
    const std::vector<int> overdue{28, 28, 28, 20};
    for (std::size_t i = 0; i < due_codes.size(); ++i) {
        CAPTURE(i);
        CHECK(r.due[i].patient.code == due_codes[i]);
        CHECK(text(r.due[i].due_on) == "2026-11-02");
        CHECK(r.due[i].days_overdue == overdue[i]);
        CHECK(r.due[i].eligibility.eligible());
        CHECK(r.due[i].held_until.has_value() == (due_codes[i] == "P-5"));
    }
    CHECK(text(*r.due[3].held_until) == "2026-11-10");

    // The earliest eligible first, then those with no end on file; never counted as overdue.
    REQUIRE(r.not_eligible.size() == 4);
    const auto check_blocked = [](const report::DuePatient& due, std::string_view code,
                                  ConditionCode blocked_by, std::string_view from,
                                  std::string_view resolved_on) {
        CAPTURE(code);
        CHECK(due.patient.code == code);
        CHECK(text(due.due_on) == "2026-11-02");
        CHECK(due.days_overdue == 0);
        CHECK_FALSE(due.held_until);
        const auto& e = due.eligibility;
        REQUIRE(e.blocks.size() == 1);
        CHECK(e.blocks[0].code == blocked_by);
        CHECK((e.eligible_from ? text(*e.eligible_from) : "-") == from);
        CHECK((e.blocks[0].resolved_on ? text(*e.blocks[0].resolved_on) : "-") == resolved_on);
    };
    check_blocked(r.not_eligible[0], "P-8", C::isotretinoin, "2027-01-01", "2026-07-01");
    check_blocked(r.not_eligible[1], "P-2", C::isotretinoin, "2027-03-01", "2026-09-01");
    check_blocked(r.not_eligible[2], "P-3", C::eczema, "-", "-");
    check_blocked(r.not_eligible[3], "P-6", C::eczema, "-", "-");

    // As of 2027-01-01: P-8's period ends that day, so she is due from it (0 days overdue) while
    // P-2 still waits; P-6's eczema ended on 12-02, overdue from then; P-7's began on 12-01 and
    // keeps her from a session now; P-9 is due (12-18) but has eczema.
    const auto later = report::summarise_followups({}, sessions, conditions, settings, london(),
                                                   day("2027-01-01"));
    std::vector<std::string> later_due, later_blocked;
    for (const auto& due : later.due)
        later_due.push_back(due.patient.code);
    for (const auto& due : later.not_eligible)
        later_blocked.push_back(due.patient.code);
    CHECK(later_blocked == std::vector<std::string>{"P-2", "P-3", "P-7", "P-9"});
    REQUIRE(later_due.size() == 5);
    CHECK(later_due == std::vector<std::string>{"P-1", "P-4", "P-5", "P-6", "P-8"});
    CHECK(later.due[2].days_overdue == 52); // P-5 from 11-10
    CHECK(text(*later.due[3].held_until) == "2026-12-02");
    CHECK(later.due[3].days_overdue == 30);
    CHECK(text(*later.due[4].held_until) == "2027-01-01");
    CHECK(later.due[4].days_overdue == 0);
}

// --- Through the database -----------------------------------------------------------------------

TEST_CASE("report history: sessions with amendments, a void, an override, reactions, follow-ups") {
    test::Clinic clinic; // today is 2026-11-23 in Europe/London
    auto& scope = clinic.scope;
    const auto patient = test::patient_with_consent(clinic);
    auto new_details = test::patient_details();
    new_details.phone = "+44 7700 900999";
    records::amend_patient(scope, patient.code, new_details, "new phone");

    // A: 2026-10-01 (BST, 10:00 local), both cheeks 1.00 mm x3, ha-serum.
    auto a_details = test::session_at("2026-10-01T09:00:00Z", {{Area::cheek, Side::left, 1.0, 3},
                                                               {Area::cheek, Side::right, 1.0, 3}});
    a_details.serums = {{"ha-serum", "HA-1", SerumPhase::during}};
    const auto a = records::log_session(scope, patient.code, a_details).session;
    const auto ra1 = records::add_reaction(
        scope, a.id,
        reaction(ReactionKind::erythema, "2026-10-01", std::nullopt, Area::cheek, Side::left));
    records::resolve_reaction(scope, ra1.id, day("2026-10-05"));
    records::add_reaction(scope, a.id,
                          reaction(ReactionKind::bruising, "2026-10-02", "2026-10-08"));
    records::add_followup(scope, a.id, {day("2026-10-08"), FollowupOutcome::reactions, "settling"});
    auto a_amended = a_details;
    a_amended.areas[0].depth_mm = 1.25;
    records::amend_session(scope, a.id, a_amended, "depth mistyped");

    // B: 2026-10-15, forehead, logged in error and voided (with a reaction added before).
    const auto b = records::log_session(scope, patient.code,
                                        test::session_at("2026-10-15T10:00:00Z",
                                                         {{Area::forehead, std::nullopt, 0.5, 2}}))
                       .session;
    records::add_reaction(
        scope, b.id, reaction(ReactionKind::erythema, "2026-10-15", "2026-10-16", Area::forehead));
    records::void_session(scope, b.id, {"logged in error"});

    // C: 2026-11-05, cheek and periorbital 1.00 mm (limit 0.50): overridden.
    const auto c =
        records::log_session(
            scope, patient.code,
            test::session_at("2026-11-05T10:00:00Z", {{Area::cheek, std::nullopt, 1.0, 3},
                                                      {Area::periorbital, std::nullopt, 1.0, 2}}),
            {"depth:periorbital=deep scar under the eye"})
            .session;
    records::add_reaction(scope, c.id,
                          reaction(ReactionKind::post_inflammatory_hyperpigmentation, "2026-11-08",
                                   std::nullopt, Area::periorbital));
    records::add_followup(scope, c.id, {day("2026-11-12"), FollowupOutcome::reactions, ""});

    const auto h = report::build_history(scope, patient.code);
    CHECK(h.zone_name == "Europe/London");
    CHECK(text(h.as_of) == "2026-11-23");
    CHECK(h.printed_at == test::fixed_now());
    CHECK(h.printed_by == test::test_actor);
    CHECK(h.patient.code == "P-TEST");
    CHECK(h.patient.details.phone == "+44 7700 900999");
    REQUIRE(h.patient_amendments.size() == 1);
    CHECK(h.patient_amendments[0].revision.number == 2);
    CHECK(h.patient_amendments[0].revision.reason == "new phone");
    REQUIRE(h.patient_amendments[0].changes.size() == 1);
    check_change(h.patient_amendments[0].changes[0], "phone", "+44 7700 900123", "+44 7700 900999");
    CHECK(h.consents.size() == 1);
    CHECK(h.conditions.empty());

    REQUIRE(h.sessions.size() == 3);
    const auto& ea = h.sessions[0];
    const auto& eb = h.sessions[1];
    const auto& ec = h.sessions[2];

    // A: the amendment changed only cheek:left's depth.
    CHECK(ea.session.id == a.id);
    CHECK(text(ea.day) == "2026-10-01");
    CHECK_FALSE(ea.days_since_previous); // the first session
    CHECK_FALSE(ea.session.revision.voided);
    CHECK(ea.session.revision.number == 2);
    CHECK(ea.session.details.areas[0].depth_mm == 1.25);
    REQUIRE(ea.amendments.size() == 1);
    CHECK(ea.amendments[0].revision.number == 2);
    CHECK(ea.amendments[0].revision.reason == "depth mistyped");
    CHECK(ea.amendments[0].revision.author == test::test_actor);
    REQUIRE(ea.amendments[0].changes.size() == 1);
    check_change(ea.amendments[0].changes[0], "area cheek:left", "1.00 mm x3", "1.25 mm x3");
    REQUIRE(ea.reactions.size() == 2);
    // Erythema (3 days): 10-01 -> resolved 10-05: recovery 4 > 3, prolonged; one resolve amendment.
    const auto& r1 = ea.reactions[0];
    CHECK(r1.reaction.id == ra1.id);
    CHECK(r1.timeline.onset_day == 0);
    CHECK(r1.timeline.recovery_day == 4);
    CHECK(r1.timeline.duration == 4);
    CHECK(r1.timeline.prolonged);
    CHECK_FALSE(r1.timeline.open);
    REQUIRE(r1.amendments.size() == 1);
    CHECK(r1.amendments[0].revision.number == 2);
    CHECK(r1.amendments[0].revision.reason == "resolved");
    REQUIRE(r1.amendments[0].changes.size() == 1);
    check_change(r1.amendments[0].changes[0], "resolved", "", "2026-10-05");
    // Bruising (10 days): onset 10-02 (day 1), resolved 10-08: recovery 7, duration 6.
    const auto& r2 = ea.reactions[1];
    CHECK(r2.reaction.details.kind == ReactionKind::bruising);
    CHECK(r2.timeline.onset_day == 1);
    CHECK(r2.timeline.recovery_day == 7);
    CHECK(r2.timeline.duration == 6);
    CHECK_FALSE(r2.timeline.prolonged);
    CHECK(r2.amendments.empty());
    CHECK(ea.recovery_day == 7); // max(4, 7)
    REQUIRE(ea.followups.size() == 1);
    CHECK(text(ea.followups[0].record.details.checked_on) == "2026-10-08");
    CHECK(ea.followups[0].record.details.note == "settling");

    // B: shown, voided, with the void as its amendment; not counted as a treatment.
    CHECK(eb.session.id == b.id);
    CHECK(eb.session.revision.voided);
    CHECK_FALSE(eb.days_since_previous);
    REQUIRE(eb.amendments.size() == 1);
    CHECK(eb.amendments[0].revision.reason == "logged in error");
    CHECK(eb.amendments[0].revision.voided);
    REQUIRE(eb.amendments[0].changes.size() == 1);
    check_change(eb.amendments[0].changes[0], "voided", "no", "yes");
    REQUIRE(eb.reactions.size() == 1);
    CHECK(eb.reactions[0].timeline.recovery_day == 1); // 10-15 -> 10-16

    // C: 10-01 -> 11-05 = 30 + 5 = 35 days (21 if the voided B had counted).
    CHECK(ec.session.id == c.id);
    CHECK(ec.days_since_previous == 35);
    REQUIRE(ec.session.findings.size() == 1);
    CHECK(ec.session.findings[0] ==
          SessionFinding{"depth:periorbital", FindingLevel::overridden,
                         "depth 1.00 mm on periorbital exceeds the clinic limit of 0.50 mm",
                         "deep scar under the eye", ec.session.revision.author,
                         ec.session.revision.recorded_at});
    CHECK(ec.amendments.empty());
    REQUIRE(ec.reactions.size() == 1);
    // PIH, always adverse: 11-05 -> onset 11-08 (day 3), open to 11-23 = 18.
    CHECK(ec.reactions[0].timeline.onset_day == 3);
    CHECK(ec.reactions[0].timeline.recovery_day == 18);
    CHECK(ec.reactions[0].timeline.open);
    CHECK(ec.reactions[0].timeline.adverse);
    CHECK_FALSE(ec.reactions[0].timeline.duration);
    CHECK(ec.recovery_day == 18);
    REQUIRE(ec.followups.size() == 1);
    CHECK(text(ec.followups[0].record.details.checked_on) == "2026-11-12");

    thrown<NotFound>([&] { report::build_history(scope, "P-NOBODY"); });
}

TEST_CASE("report lot recall: serum and cartridge lots, ignoring case, voided sessions aside") {
    test::Clinic clinic; // today is 2026-11-23
    auto& scope = clinic.scope;
    const auto one = test::patient_with_consent(clinic, "P-ONE");
    const auto two = records::register_patient(scope, std::string("P-TWO"),
                                               test::patient_details("Okafor", "Chidi"));
    records::add_consent(scope, two.code, {day("2026-01-05"), "microneedling"});

    // Logged out of time order: S2 (11-04) before S1 (11-02).
    auto s2_details = test::session_at("2026-11-04T10:00:00Z");
    s2_details.cartridge_lot = "CL-121";
    s2_details.serums = {{"vitc-serum", "ha-77", SerumPhase::after}};
    const auto s2 = records::log_session(scope, two.code, s2_details).session;
    auto s1_details = test::session_at("2026-11-02T10:00:00Z"); // cartridge lot CL-120
    s1_details.serums = {{"ha-serum", "HA-77", SerumPhase::during},
                         {"gf-serum", "GF-1", SerumPhase::after}};
    const auto s1 = records::log_session(scope, one.code, s1_details).session;
    auto s3_details =
        test::session_at("2026-11-06T10:00:00Z", {{Area::forehead, std::nullopt, 0.5, 2}});
    s3_details.serums = {{"ha-serum", "HA-77", SerumPhase::after},
                         {"peptide-serum", "VOID-1", SerumPhase::after}};
    const auto s3 = records::log_session(scope, two.code, s3_details).session;
    records::void_session(scope, s3.id, {"wrong patient"});
    auto s4_details =
        test::session_at("2026-11-10T10:00:00Z", {{Area::neck, std::nullopt, 1.0, 2}});
    s4_details.serums = {{"prp", "cl-120", SerumPhase::after}};
    const auto s4 = records::log_session(scope, one.code, s4_details).session;

    records::add_reaction(
        scope, s1.id, reaction(ReactionKind::erythema, "2026-11-02", "2026-11-03", Area::cheek));
    records::add_reaction(scope, s2.id, reaction(ReactionKind::contact_dermatitis, "2026-11-05"));

    SUBCASE("a serum lot") {
        const auto recall = report::lot_recall(scope, "ha-77");
        CHECK(recall.lot == "ha-77");
        CHECK(text(recall.as_of) == "2026-11-23");
        CHECK(recall.patients == 2); // P-ONE (S1) and P-TWO (S2); S3 is voided
        REQUIRE(recall.entries.size() == 2);
        const auto& e1 = recall.entries[0];
        CHECK(e1.session.id == s1.id); // by session time, not by id
        CHECK(e1.patient.code == "P-ONE");
        CHECK(text(e1.day) == "2026-11-02");
        REQUIRE(e1.uses.size() == 1);
        CHECK(e1.uses[0].what == "serum");
        CHECK(e1.uses[0].product == "ha-serum");
        CHECK(e1.uses[0].lot == "HA-77");
        CHECK(e1.uses[0].phase == SerumPhase::during);
        REQUIRE(e1.session.details.areas.size() == 1);
        CHECK(e1.session.details.areas[0].area == Area::cheek);
        REQUIRE(e1.reactions.size() == 1);
        CHECK(e1.reactions[0].reaction.details.kind == ReactionKind::erythema);
        CHECK(e1.reactions[0].timeline.recovery_day == 1); // 11-02 -> 11-03
        CHECK_FALSE(e1.reactions[0].timeline.open);

        const auto& e2 = recall.entries[1];
        CHECK(e2.session.id == s2.id);
        CHECK(e2.patient.code == "P-TWO");
        CHECK(e2.patient.family_name == "Okafor");
        REQUIRE(e2.uses.size() == 1);
        CHECK(e2.uses[0].product == "vitc-serum");
        CHECK(e2.uses[0].lot == "ha-77");
        CHECK(e2.uses[0].phase == SerumPhase::after);
        REQUIRE(e2.reactions.size() == 1);
        // Contact dermatitis, open: 11-04 -> onset 11-05 (day 1), to today 11-23 = 19.
        CHECK(e2.reactions[0].timeline.onset_day == 1);
        CHECK(e2.reactions[0].timeline.recovery_day == 19);
        CHECK(e2.reactions[0].timeline.open);
        CHECK(e2.reactions[0].timeline.adverse);
    }
    SUBCASE("a cartridge lot, and a session using it twice") {
        const auto recall = report::lot_recall(scope, "Cl-120");
        CHECK(recall.lot == "Cl-120");
        CHECK(recall.patients == 1); // S1 and S4 are both P-ONE; S2 is CL-121, S3 voided
        REQUIRE(recall.entries.size() == 2);
        CHECK(recall.entries[0].session.id == s1.id);
        REQUIRE(recall.entries[0].uses.size() == 1);
        CHECK(recall.entries[0].uses[0].what == "cartridge");
        CHECK(recall.entries[0].uses[0].product == "16-pin");
        CHECK(recall.entries[0].uses[0].lot == "CL-120");
        CHECK_FALSE(recall.entries[0].uses[0].phase);
        CHECK(recall.entries[1].session.id == s4.id);
        REQUIRE(recall.entries[1].uses.size() == 2); // serum first, then cartridge
        CHECK(recall.entries[1].uses[0].what == "serum");
        CHECK(recall.entries[1].uses[0].product == "prp");
        CHECK(recall.entries[1].uses[0].lot == "cl-120");
        CHECK(recall.entries[1].uses[1].what == "cartridge");
        CHECK(recall.entries[1].uses[1].lot == "CL-120");
        CHECK(recall.entries[1].reactions.empty());
    }
    SUBCASE("only the current revision counts: a lot amended away is no longer listed") {
        CHECK(report::lot_recall(scope, "GF-1").entries.size() == 1); // S1 before the amendment
        auto corrected = s1_details;
        corrected.serums[1].lot = "GF-2";
        records::amend_session(scope, s1.id, corrected, "lot misread");
        thrown<NotFound>([&] { report::lot_recall(scope, "GF-1"); });
        const auto recall = report::lot_recall(scope, "gf-2");
        REQUIRE(recall.entries.size() == 1);
        CHECK(recall.entries[0].session.id == s1.id);
        CHECK(recall.entries[0].session.revision.number == 2);
        CHECK(recall.entries[0].uses[0].lot == "GF-2");
    }
    SUBCASE("a lot nobody received, or only a voided session") {
        const auto unknown = thrown<NotFound>([&] { report::lot_recall(scope, "NO-SUCH"); });
        CHECK(test::contains(unknown.what(), "'NO-SUCH'"));
        thrown<NotFound>([&] { report::lot_recall(scope, "CL-12"); });  // no prefix match
        thrown<NotFound>([&] { report::lot_recall(scope, "void-1"); }); // S3 only, voided
    }
}

TEST_CASE("report recovery through the database: --from/--to are days in the clinic's zone") {
    test::Clinic clinic; // Europe/London: BST (UTC+1) in July
    auto& scope = clinic.scope;
    const auto log_with = [&](std::string code, std::string_view at, ReactionKind kind,
                              std::string_view onset, std::string_view resolved) {
        const auto patient = test::patient_with_consent(clinic, std::move(code));
        const auto session =
            records::log_session(scope, patient.code, test::session_at(at)).session;
        records::add_reaction(scope, session.id, reaction(kind, onset, resolved));
        return session;
    };
    // Q4 07-09 23:59 local; Q1 07-10 00:30 local (UTC 07-09); Q2 07-10 23:59 local;
    // Q3 07-11 00:00 local (UTC 07-10).
    log_with("P-W", "2026-07-09T22:59:00Z", ReactionKind::itching, "2026-07-10", "2026-07-11");
    log_with("P-X", "2026-07-09T23:30:00Z", ReactionKind::erythema, "2026-07-10", "2026-07-12");
    log_with("P-Y", "2026-07-10T22:59:00Z", ReactionKind::oedema, "2026-07-11", "2026-07-15");
    log_with("P-Z", "2026-07-10T23:00:00Z", ReactionKind::bruising, "2026-07-11", "2026-07-14");
    // A voided session on 07-10 adds nothing.
    const auto voided =
        log_with("P-V", "2026-07-10T12:00:00Z", ReactionKind::burning, "2026-07-10", "2026-07-11");
    records::void_session(scope, voided.id, {"logged in error"});

    const auto by_kind = report::RecoveryGrouping::kind;
    SUBCASE("one day: the two sessions on local 07-10") {
        const auto r =
            report::recovery_report(scope, by_kind, day("2026-07-10"), day("2026-07-10"));
        CHECK(text(*r.from) == "2026-07-10");
        CHECK(text(*r.to) == "2026-07-10");
        CHECK(text(r.as_of) == "2026-11-23");
        check_groups(r, {
                            {"erythema", 1, 2, 2, 0, 0, 0}, // Q1 07-10 -> 07-12 = 2 <= 3
                            {"oedema", 1, 5, 5, 1, 0, 0},   // Q2 07-10 -> 07-15 = 5 > 3
                        });
        // 2 and 5: median rank 1 = 2, p90 rank 2 = 5
        check_group(r.total, {"all reactions", 2, 2, 5, 1, 0, 0});
    }
    SUBCASE("from only") {
        const auto r = report::recovery_report(scope, by_kind, day("2026-07-11"), std::nullopt);
        CHECK_FALSE(r.to);
        check_groups(r, {{"bruising", 1, 3, 3, 0, 0, 0}}); // Q3 07-11 -> 07-14 = 3
    }
    SUBCASE("to only") {
        const auto r = report::recovery_report(scope, by_kind, std::nullopt, day("2026-07-09"));
        CHECK_FALSE(r.from);
        check_groups(r, {{"itching", 1, 2, 2, 0, 0, 0}}); // Q4 07-09 -> 07-11 = 2 <= 7
    }
    SUBCASE("no filter: all four") {
        const auto r = report::recovery_report(scope, by_kind, std::nullopt, std::nullopt);
        // Q1 2, Q2 5, Q3 3, Q4 2 -> 2 2 3 5: median rank 2 = 2, p90 rank ceil(3.6) = 4 = 5
        check_group(r.total, {"all reactions", 4, 2, 5, 1, 0, 0});
    }
    SUBCASE("to before from is refused") {
        const auto e = test::refusal(
            [&] { report::recovery_report(scope, by_kind, day("2026-07-11"), day("2026-07-10")); });
        CHECK(e.field() == "to");
        CHECK(e.what() == std::string("--to 2026-07-10 is before --from 2026-07-11"));
    }
}

TEST_CASE("report reader: area depth, deepest area, products; follow-ups and their dates") {
    test::Clinic clinic;
    auto& scope = clinic.scope;
    const auto patient = test::patient_with_consent(clinic);
    auto details =
        test::session_at("2026-11-02T10:00:00Z", {{Area::cheek, Side::left, 1.0, 3},
                                                  {Area::cheek, Side::right, 1.5, 3},
                                                  {Area::forehead, std::nullopt, 0.5, 2}});
    details.serums = {{"ha-serum", "HA-2", SerumPhase::after},
                      {"gf-serum", "GF-1", SerumPhase::after},
                      {"ha-serum", "HA-3", SerumPhase::during}};
    const auto s = records::log_session(scope, patient.code, details).session;
    records::add_reaction(
        scope, s.id, reaction(ReactionKind::erythema, "2026-11-02", std::nullopt, Area::cheek));
    records::add_reaction(
        scope, s.id,
        reaction(ReactionKind::oedema, "2026-11-03", std::nullopt, Area::cheek, Side::left));
    records::add_reaction(scope, s.id, reaction(ReactionKind::itching, "2026-11-04"));
    records::add_followup(scope, s.id, {day("2026-11-09"), FollowupOutcome::reactions, ""});
    records::add_followup(scope, s.id, {day("2026-11-05"), FollowupOutcome::reactions, ""});

    const auto facts = storage::ReportReader(clinic.db).reactions(std::nullopt, std::nullopt);
    REQUIRE(facts.size() == 3);
    CHECK(facts[0].area_depth_mm == 1.5); // cheek without a side: the deeper side
    CHECK(facts[1].area_depth_mm == 1.0); // cheek:left
    CHECK_FALSE(facts[2].area_depth_mm);  // no area
    CHECK(facts[2].deepest_mm == 1.5);    // max of 1.0, 1.5, 0.5
    CHECK(facts[0].products == std::vector<std::string>{"gf-serum", "ha-serum"}); // once, by code
    CHECK(facts[0].patient.code == "P-TEST");
    CHECK(facts[0].patient.fitzpatrick == 3);

    const auto followup_facts = storage::ReportReader(clinic.db).followup_facts();
    CHECK(followup_facts.reactions.size() == 3); // the same reactions, without depths or products
    CHECK_FALSE(followup_facts.reactions[0].area_depth_mm);
    CHECK(followup_facts.reactions[0].products.empty());
    const auto& sessions = followup_facts.sessions;
    REQUIRE(sessions.size() == 1);
    REQUIRE(sessions[0].followups.size() == 2);
    CHECK(text(sessions[0].followups[0]) == "2026-11-05"); // earliest first
    CHECK(text(sessions[0].followups[1]) == "2026-11-09");

    const auto e = test::refusal([&] { report::followup_report(scope, day("2026-11-24")); });
    CHECK(e.field() == "as-of");
}
