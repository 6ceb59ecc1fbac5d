#include "fixtures.hpp"

#include "needlebook/records/merge.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/render/report_view.hpp"
#include "needlebook/report/outcomes.hpp"
#include "needlebook/storage/outcome_reader.hpp"

#include <doctest/doctest.h>
#include <optional>
#include <string>
#include <vector>

// report outcomes. Every expected figure below was worked out by hand from the inputs; the
// working is in the comment next to it. Medians: the middle of the sorted values, or the mean of
// the two middle ones.

using namespace needlebook;
using report::OutcomeGrouping;
using test::day;
using test::london;
using test::utc;

namespace {

// A score fact: assessment `id` (ids grow as scores are recorded), on `on`.
ScoreFact score(std::int64_t id, std::int64_t patient, ScaleCode scale, double value,
                std::string_view on, std::optional<Area> area = std::nullopt,
                std::optional<Side> side = std::nullopt,
                std::optional<std::int64_t> course = std::nullopt) {
    ScoreFact fact;
    fact.assessment = AssessmentId{id};
    fact.patient = PatientId{patient};
    fact.fitzpatrick = 3;
    fact.details.scale = scale;
    fact.details.score = value;
    fact.details.area = area;
    fact.details.side = side;
    fact.details.assessed_on = day(on);
    if (course)
        fact.details.course = CourseId{*course};
    return fact;
}

OutcomeSessionFact session(std::int64_t id, std::int64_t patient, std::string_view at,
                           std::vector<AreaTreatment> areas, Device device = Device::pen,
                           std::vector<std::string> products = {},
                           Indication indication = Indication::acne_scars,
                           std::optional<std::int64_t> course = std::nullopt) {
    OutcomeSessionFact fact;
    fact.session = SessionId{id};
    fact.patient = PatientId{patient};
    fact.performed_at = utc(at);
    fact.indication = indication;
    fact.device = device;
    fact.areas = std::move(areas);
    fact.products = std::move(products);
    if (course)
        fact.course = CourseId{*course};
    return fact;
}

AreaTreatment area(Area where, std::optional<Side> side, double depth) {
    return {where, side, depth, std::nullopt};
}

report::OutcomeUnit unit(std::int64_t patient, ScaleCode scale, std::optional<double> baseline,
                         double latest, std::vector<report::UnitSession> sessions,
                         std::optional<int> fitzpatrick = 3) {
    report::OutcomeUnit u;
    u.patient = PatientId{patient};
    u.fitzpatrick = fitzpatrick;
    u.scale = scale;
    u.baseline = baseline;
    u.latest = latest;
    u.sessions = std::move(sessions);
    return u;
}

struct Expected {
    std::string label;
    int units, patients;
    std::optional<double> baseline;
    double latest;
    std::optional<double> change;
    int responders, decided;
};

void check_group(const report::OutcomeGroup& group, const Expected& expected) {
    CAPTURE(expected.label);
    CHECK(group.label == expected.label);
    CHECK(group.units == expected.units);
    CHECK(group.patients == expected.patients);
    CHECK(group.median_baseline.has_value() == expected.baseline.has_value());
    if (expected.baseline && group.median_baseline)
        CHECK(*group.median_baseline == doctest::Approx(*expected.baseline));
    CHECK(group.median_latest == doctest::Approx(expected.latest));
    CHECK(group.median_change.has_value() == expected.change.has_value());
    if (expected.change && group.median_change)
        CHECK(*group.median_change == doctest::Approx(*expected.change));
    CHECK(group.responders == expected.responders);
    CHECK(group.decided == expected.decided);
}

// The groups of one scale, in report order.
std::vector<report::OutcomeGroup> of_scale(const std::vector<report::OutcomeGroup>& groups,
                                           ScaleCode scale) {
    std::vector<report::OutcomeGroup> kept;
    for (const auto& group : groups)
        if (group.scale == scale)
            kept.push_back(group);
    return kept;
}

void check_groups(const std::vector<report::OutcomeGroup>& groups,
                  const std::vector<Expected>& expected) {
    REQUIRE(groups.size() == expected.size());
    for (std::size_t i = 0; i < groups.size(); ++i)
        check_group(groups[i], expected[i]);
}

// Hand-made units for the grouping tests (sessions: depth on the unit's area, device,
// serums):
//   goodman-baron (a grade better or more responds)
//     u1 patient 1 (III) cheek:left  3 -> 1  [1.50 pen ha-serum] [2.00 roller]    responder
//     u2 patient 1 (III) forehead    3 -> 3  [0.50 pen ha-serum] [0.75 roller]
//     u3 patient 2 (V)   cheek:left  4 -> 3  [1.00 pen gf-serum ha-serum]         responder
//     u4 patient 3 (-)   cheek:right 2 -> 2  no session
//   mmasi (25% lower or more responds)
//     u5 patient 4 10.20 -> 7.65 [1.00 pen]              exactly 25% lower: responder
//     u6 patient 5  8.00 -> 7.00 [0.50 stamp ha-serum]   12.5% lower
//     u7 patient 6  0.00 -> 0.00 [0.50 pen]              nothing to be 25% lower than
//   gais-clinician (the latest 1 or 2 responds; no baseline)
//     u8 patient 1 2 [2.00 pen ha-serum]                 responder
//     u9 patient 2 3 [1.00 pen]
std::vector<report::OutcomeUnit> hand_made_units() {
    using report::UnitSession;
    const std::vector<std::string> ha{"ha-serum"}, gf_ha{"gf-serum", "ha-serum"}, none;
    return {
        unit(1, ScaleCode::goodman_baron, 3, 1,
             {UnitSession{1.5, Device::pen, ha}, UnitSession{2.0, Device::roller, none}}),
        unit(1, ScaleCode::goodman_baron, 3, 3,
             {UnitSession{0.5, Device::pen, ha}, UnitSession{0.75, Device::roller, none}}),
        unit(2, ScaleCode::goodman_baron, 4, 3, {UnitSession{1.0, Device::pen, gf_ha}}, 5),
        unit(3, ScaleCode::goodman_baron, 2, 2, {}, std::nullopt),
        unit(4, ScaleCode::mmasi, 10.20, 7.65, {UnitSession{1.0, Device::pen, none}}),
        unit(5, ScaleCode::mmasi, 8.00, 7.00, {UnitSession{0.5, Device::stamp, ha}}),
        unit(6, ScaleCode::mmasi, 0.00, 0.00, {UnitSession{0.5, Device::pen, none}}),
        unit(1, ScaleCode::gais_clinician, std::nullopt, 2, {UnitSession{2.0, Device::pen, ha}}),
        unit(2, ScaleCode::gais_clinician, std::nullopt, 3, {UnitSession{1.0, Device::pen, none}},
             5),
    };
}

} // namespace

TEST_CASE("report outcomes median: the middle value, or the mean of the two middle ones") {
    CHECK(report::median({3}) == 3);
    CHECK(report::median({3, 1}) == 2);            // (1 + 3) / 2
    CHECK(report::median({4, 1, 3}) == 3);         // 1 3 4
    CHECK(report::median({4, 1, 3, 2}) == 2.5);    // 1 2 3 4: (2 + 3) / 2
    CHECK(report::median({-2, 0, -1, 0}) == -0.5); // -2 -1 0 0: (-1 + 0) / 2
    CHECK_THROWS_AS(report::median({}), std::invalid_argument);
}

TEST_CASE("report outcomes responder rules: a grade better, 25% lower at the boundary, GAIS 1-2") {
    const auto& gb = scale_of(ScaleCode::goodman_baron);
    CHECK(responded(gb, 3, 2) == true);
    CHECK(responded(gb, 3, 3) == false);
    CHECK(responded(gb, 2, 3) == false); // worse
    const auto& mmasi = scale_of(ScaleCode::mmasi);
    CHECK(responded(mmasi, 10.20, 7.65) == true);  // 10.20 x 0.75 = 7.65 exactly
    CHECK(responded(mmasi, 10.20, 7.66) == false); // 24.9% lower
    CHECK(responded(mmasi, 8.00, 6.00) == true);
    CHECK(responded(mmasi, 0.00, 0.00) == std::nullopt);
    const auto& quant = scale_of(ScaleCode::goodman_baron_quant);
    CHECK(responded(quant, 40, 30) == true);  // 40 x 0.75 = 30
    CHECK(responded(quant, 40, 31) == false); // 22.5% lower
    const auto& gais = scale_of(ScaleCode::gais_patient);
    CHECK(responded(gais, std::nullopt, 2) == true);
    CHECK(responded(gais, std::nullopt, 3) == false);
    CHECK(responded(scale_of(ScaleCode::glogau), 3, 1) == std::nullopt);
}

TEST_CASE("report outcomes by scale: one group per scale, in catalogue order") {
    const auto r = report::summarise_outcomes(hand_made_units(), std::nullopt);
    CHECK(r.totals.empty());
    check_groups(r.groups, {
                               // baselines 2 3 3 4 -> 3; latest 1 2 3 3 -> 2.5; changes -2 -1 0 0
                               // -> -0.5; responders u1 (3-1 = 2) and u3 (4-3 = 1) of 4
                               {"goodman-baron", 4, 3, 3, 2.5, -0.5, 2, 4},
                               // baselines 0 8 10.2 -> 8; latest 0 7 7.65 -> 7; changes -2.55 -1 0
                               // -> -1; u5 responds, u6 does not, u7 undecided (baseline 0): 1 of 2
                               {"mmasi", 3, 3, 8, 7, -1, 1, 2},
                               // no baselines; latest 2 3 -> 2.5; u8 (2) responds: 1 of 2
                               {"gais-clinician", 2, 2, std::nullopt, 2.5, std::nullopt, 1, 2},
                           });
}

TEST_CASE("report outcomes by depth: the deepest on the scored area, bands, no session last") {
    const auto r = report::summarise_outcomes(hand_made_units(), OutcomeGrouping::depth);
    check_groups(of_scale(r.groups, ScaleCode::goodman_baron),
                 {
                     // u2 max(0.50, 0.75) = 0.75, u3 1.00: baselines 3 4 -> 3.5; latest 3 3 -> 3;
                     // changes 0 -1 -> -0.5; u3 responds
                     {"0.51-1.00", 2, 2, 3.5, 3, -0.5, 1, 2},
                     {"1.51-2.00", 1, 1, 3, 1, -2, 1, 1}, // u1 max(1.50, 2.00) = 2.00
                     {"no session", 1, 1, 2, 2, 0, 0, 1}, // u4
                 });
    check_groups(of_scale(r.groups, ScaleCode::mmasi),
                 {
                     // u6 0.50, u7 0.50: baselines 0 8 -> 4; latest 0 7 -> 3.5; changes -1 0 ->
                     // -0.5; u6 no, u7 undecided
                     {"<=0.50", 2, 2, 4, 3.5, -0.5, 0, 1},
                     {"0.51-1.00", 1, 1, 10.2, 7.65, -2.55, 1, 1}, // u5
                 });
    // Each unit once per scale.
    REQUIRE(r.totals.size() == 3);
    check_group(r.totals[0], {"(all)", 4, 3, 3, 2.5, -0.5, 2, 4});

    SUBCASE("a per-area unit whose sessions never treated its area") {
        const auto alone = report::summarise_outcomes(
            {unit(7, ScaleCode::goodman_baron, 3, 2, {{std::nullopt, Device::pen, {}}})},
            OutcomeGrouping::depth);
        check_groups(alone.groups, {{"area not treated", 1, 1, 3, 2, -1, 1, 1}});
    }
}

TEST_CASE("report outcomes by serum: a unit under each product its sessions used") {
    const auto r = report::summarise_outcomes(hand_made_units(), OutcomeGrouping::serum);
    check_groups(of_scale(r.groups, ScaleCode::goodman_baron),
                 {
                     {"gf-serum", 1, 1, 4, 3, -1, 1, 1}, // u3
                     // u1 u2 u3 (patients 1 and 2): baselines 3 3 4 -> 3; latest 1 3 3 -> 3;
                     // changes -2 0 -1 -> -1; u1 and u3 respond
                     {"ha-serum", 3, 2, 3, 3, -1, 2, 3},
                     {"no session", 1, 1, 2, 2, 0, 0, 1}, // u4
                 });
    check_groups(of_scale(r.groups, ScaleCode::gais_clinician),
                 {
                     {"ha-serum", 1, 1, std::nullopt, 2, std::nullopt, 1, 1}, // u8
                     {"no serum", 1, 1, std::nullopt, 3, std::nullopt, 0, 1}, // u9
                 });
    // The groups of goodman-baron hold 5 units, the scale 4: (all) counts each once.
    check_group(r.totals[0], {"(all)", 4, 3, 3, 2.5, -0.5, 2, 4});
}

TEST_CASE("report outcomes by device, Fitzpatrick type and number of sessions") {
    SUBCASE("device: one, or mixed when the sessions used several") {
        const auto r = report::summarise_outcomes(hand_made_units(), OutcomeGrouping::device);
        check_groups(of_scale(r.groups, ScaleCode::goodman_baron),
                     {
                         {"pen", 1, 1, 4, 3, -1, 1, 1}, // u3
                         // u1 u2, pen and roller: baselines 3 3; latest 1 3 -> 2; changes -2 0
                         // -> -1; u1 responds
                         {"mixed", 2, 1, 3, 2, -1, 1, 2},
                         {"no session", 1, 1, 2, 2, 0, 0, 1},
                     });
        check_groups(of_scale(r.groups, ScaleCode::mmasi),
                     {
                         // u5 u7: baselines 0 10.2 -> 5.1; latest 0 7.65 -> 3.825; changes
                         // -2.55 0 -> -1.275; u5 responds, u7 undecided
                         {"pen", 2, 2, 5.1, 3.825, -1.275, 1, 1},
                         {"stamp", 1, 1, 8, 7, -1, 0, 1}, // u6
                     });
    }
    SUBCASE("fitzpatrick: the chart's type; a unit without sessions is not set apart") {
        const auto r = report::summarise_outcomes(hand_made_units(), OutcomeGrouping::fitzpatrick);
        check_groups(of_scale(r.groups, ScaleCode::goodman_baron),
                     {
                         {"III", 2, 1, 3, 2, -1, 1, 2},         // u1 u2
                         {"V", 1, 1, 4, 3, -1, 1, 1},           // u3
                         {"not recorded", 1, 1, 2, 2, 0, 0, 1}, // u4, without a session
                     });
    }
    SUBCASE("sessions: how many, ascending") {
        const auto r = report::summarise_outcomes(hand_made_units(), OutcomeGrouping::sessions);
        check_groups(of_scale(r.groups, ScaleCode::goodman_baron),
                     {
                         {"1", 1, 1, 4, 3, -1, 1, 1},        // u3
                         {"2", 2, 1, 3, 2, -1, 1, 2},        // u1 u2
                         {"no session", 1, 1, 2, 2, 0, 0, 1} // u4
                     });
    }
}

TEST_CASE("report outcomes units: baseline, latest, same-day ties, per area, sessions between") {
    OutcomeFacts facts;
    // Patient 1, goodman-baron per area. cheek:left: 03-01 4 then 3 (recorded later: the
    // baseline is 3); 06-01 2 then 1 (the latest is 1). cheek:right: one day only, no unit.
    // forehead: 3 and 3.
    facts.scores = {
        score(1, 1, ScaleCode::goodman_baron, 4, "2026-03-01", Area::cheek, Side::left),
        score(2, 1, ScaleCode::goodman_baron, 3, "2026-03-01", Area::cheek, Side::left),
        score(3, 1, ScaleCode::goodman_baron, 3, "2026-03-01", Area::cheek, Side::right),
        score(4, 1, ScaleCode::goodman_baron, 2, "2026-06-01", Area::cheek, Side::left),
        score(5, 1, ScaleCode::goodman_baron, 3, "2026-03-01", Area::forehead),
        score(6, 1, ScaleCode::goodman_baron, 1, "2026-06-01", Area::cheek, Side::left),
        score(7, 1, ScaleCode::goodman_baron, 3, "2026-06-01", Area::forehead),
        // A classification: not an outcome unless asked for.
        score(8, 1, ScaleCode::glogau, 3, "2026-03-01"),
        score(9, 1, ScaleCode::glogau, 2, "2026-06-01"),
    };
    // S1 before the baseline, S4 after the latest; S3 treats the cheek without a side.
    facts.sessions = {
        session(1, 1, "2026-02-20T10:00:00Z", {area(Area::cheek, Side::left, 2.5)}),
        session(2, 1, "2026-03-15T10:00:00Z",
                {area(Area::cheek, Side::left, 1.5), area(Area::forehead, std::nullopt, 0.5)},
                Device::pen, {"ha-serum"}),
        session(3, 1, "2026-04-15T10:00:00Z",
                {area(Area::cheek, std::nullopt, 2.0), area(Area::forehead, std::nullopt, 0.75)},
                Device::roller, {}, Indication::rejuvenation),
        session(4, 1, "2026-07-01T10:00:00Z", {area(Area::cheek, Side::left, 2.5)}),
    };
    // An evening session on 06-01 local (BST): 22:30 UTC is 23:30 on 06-01, inside the window;
    // 23:30 UTC is 00:30 on 06-02, outside.
    facts.sessions.push_back(session(5, 1, "2026-06-01T22:30:00Z",
                                     {area(Area::chin, std::nullopt, 0.5)}, Device::stamp));
    facts.sessions.push_back(session(6, 1, "2026-06-01T23:30:00Z",
                                     {area(Area::chin, std::nullopt, 3.0)}, Device::stamp));

    const auto units = report::outcome_units(facts, {}, london());
    // Units come by patient, scale, then area in catalogue order: forehead before cheek.
    REQUIRE(units.size() == 2); // cheek:left and forehead; glogau left out, cheek:right one day
    const auto& cheek = units[1];
    CHECK(cheek.area == Area::cheek);
    CHECK(cheek.side == Side::left);
    CHECK(cheek.baseline == 3.0);
    CHECK(cheek.latest == 1.0);
    REQUIRE(cheek.sessions.size() == 3); // S2, S3, S5
    CHECK(cheek.sessions[0].depth_mm == 1.5);
    CHECK(cheek.sessions[0].products == std::vector<std::string>{"ha-serum"});
    CHECK(cheek.sessions[1].depth_mm == 2.0); // cheek without a side is on cheek:left
    CHECK(cheek.sessions[1].device == Device::roller);
    CHECK_FALSE(cheek.sessions[2].depth_mm); // S5 treated the chin only
    const auto& forehead = units[0];
    CHECK(forehead.area == Area::forehead);
    CHECK(forehead.baseline == 3.0);
    CHECK(forehead.latest == 3.0);
    REQUIRE(forehead.sessions.size() == 3);
    CHECK(forehead.sessions[1].depth_mm == 0.75);

    const auto r = report::summarise_outcomes(units, OutcomeGrouping::depth);
    // cheek:left deepest 2.00; forehead 0.75
    check_groups(r.groups,
                 {{"0.51-1.00", 1, 1, 3, 3, 0, 0, 1}, {"1.51-2.00", 1, 1, 3, 1, -2, 1, 1}});

    SUBCASE("--indication keeps units with a session of it and counts only those") {
        report::OutcomeFilter filter;
        filter.indication = Indication::rejuvenation;
        const auto kept = report::outcome_units(facts, filter, london());
        REQUIRE(kept.size() == 2);
        REQUIRE(kept[0].sessions.size() == 1); // S3 only
        CHECK(kept[0].sessions[0].device == Device::roller);
        filter.indication = Indication::melasma;
        CHECK(report::outcome_units(facts, filter, london()).empty());
    }
    SUBCASE("--scale names a scale without a responder rule: reported, responders undecided") {
        report::OutcomeFilter filter;
        filter.scale = ScaleCode::glogau;
        const auto glogau = report::outcome_units(facts, filter, london());
        REQUIRE(glogau.size() == 1);
        CHECK(glogau[0].baseline == 3.0);
        CHECK(glogau[0].latest == 2.0);
        const auto g = report::summarise_outcomes(glogau, std::nullopt);
        check_groups(g.groups, {{"glogau", 1, 1, 3, 2, -1, 0, 0}});
    }
    SUBCASE("--from/--to cut the scores before the baseline is chosen") {
        report::OutcomeFilter filter;
        filter.from = day("2026-03-02"); // only 06-01 is left: one day, no unit
        CHECK(report::outcome_units(facts, filter, london()).empty());
        filter.from.reset();
        filter.to = day("2026-05-31"); // only 03-01 is left
        CHECK(report::outcome_units(facts, filter, london()).empty());
    }
}

TEST_CASE("report outcomes units: --from/--to on three days of goodman-baron-quant") {
    OutcomeFacts facts;
    facts.scores = {score(1, 5, ScaleCode::goodman_baron_quant, 40, "2026-01-10"),
                    score(2, 5, ScaleCode::goodman_baron_quant, 30, "2026-03-10"),
                    score(3, 5, ScaleCode::goodman_baron_quant, 20, "2026-05-10")};
    const auto figures = [&](std::optional<std::string_view> from,
                             std::optional<std::string_view> to) {
        report::OutcomeFilter filter;
        if (from)
            filter.from = day(*from);
        if (to)
            filter.to = day(*to);
        const auto units = report::outcome_units(facts, filter, london());
        REQUIRE(units.size() == 1);
        return report::summarise_outcomes(units, std::nullopt).groups.at(0);
    };
    // All three: 40 -> 20, change -20, 20 <= 30: responder.
    check_group(figures({}, {}), {"goodman-baron-quant", 1, 1, 40, 20, -20, 1, 1});
    // From 02-01: 30 -> 20, change -10, 20 <= 22.5.
    check_group(figures("2026-02-01", {}), {"goodman-baron-quant", 1, 1, 30, 20, -10, 1, 1});
    // To 04-01: 40 -> 30, exactly 25% lower: responder. Dates are inclusive: to 03-10 the same.
    check_group(figures({}, "2026-04-01"), {"goodman-baron-quant", 1, 1, 40, 30, -10, 1, 1});
    check_group(figures("2026-01-10", "2026-03-10"),
                {"goodman-baron-quant", 1, 1, 40, 30, -10, 1, 1});
}

TEST_CASE("report outcomes units: GAIS needs no baseline; its sessions from its course's first") {
    OutcomeFacts facts;
    facts.scores = {
        // Patient 2: rated in course 7, 2 on 05-01.
        score(1, 2, ScaleCode::gais_clinician, 2, "2026-05-01", std::nullopt, std::nullopt, 7),
        // Patient 3: rated without a course, 3 on 04-01 then 4 on 05-01: the latest is 4.
        score(2, 3, ScaleCode::gais_patient, 3, "2026-04-01"),
        score(3, 3, ScaleCode::gais_patient, 4, "2026-05-01"),
    };
    const std::vector<AreaTreatment> cheek{area(Area::cheek, std::nullopt, 1.0)};
    facts.sessions = {
        session(10, 2, "2026-01-10T10:00:00Z", cheek),                         // before
        session(11, 2, "2026-02-01T10:00:00Z", cheek, Device::pen, {}, {}, 7), // first
        session(12, 2, "2026-03-01T10:00:00Z", cheek, Device::pen, {}, {}, 7),
        session(13, 2, "2026-05-01T09:00:00Z", cheek, Device::pen, {}, {}, std::nullopt),
        session(14, 2, "2026-05-02T09:00:00Z", cheek, Device::pen, {}, {}, 7), // after
        session(20, 3, "2026-01-10T10:00:00Z", cheek),
        session(21, 3, "2026-05-01T10:00:00Z", cheek),
        session(22, 3, "2026-06-01T10:00:00Z", cheek), // after the rating
    };
    const auto units = report::outcome_units(facts, {}, london());
    REQUIRE(units.size() == 2);
    CHECK_FALSE(units[0].baseline);
    CHECK(units[0].latest == 2.0);
    CHECK(units[0].sessions.size() == 3); // S11 S12 S13: from the course's first to the day
    CHECK_FALSE(units[1].baseline);
    CHECK(units[1].latest == 4.0);
    CHECK(units[1].sessions.size() == 2); // S20 S21: every earlier one
    const auto r = report::summarise_outcomes(units, OutcomeGrouping::sessions);
    check_groups(r.groups, {{"3", 1, 1, std::nullopt, 2, std::nullopt, 1, 1},
                            {"2", 1, 1, std::nullopt, 4, std::nullopt, 0, 1}});
}

TEST_CASE("report outcomes view: medians with the scale's decimals, a half step more when needed") {
    const auto r = report::summarise_outcomes(hand_made_units(), std::nullopt);
    const auto view = render::outcomes_view(r);
    REQUIRE(view.tables.size() == 1);
    const auto& rows = view.tables[0].rows;
    REQUIRE(rows.size() == 3);
    const auto cells = [](const std::vector<render::CsvCell>& row) {
        std::vector<std::string> out;
        for (const auto& cell : row)
            out.push_back(cell.text);
        return out;
    };
    CHECK(cells(rows[0]) == std::vector<std::string>{"goodman-baron", "4", "3", "3", "2.5", "-0.5",
                                                     "2 of 4 (50.0%)"});
    CHECK(cells(rows[1]) ==
          std::vector<std::string>{"mmasi", "3", "3", "8.00", "7.00", "-1.00", "1 of 2 (50.0%)"});
    CHECK(cells(rows[2]) ==
          std::vector<std::string>{"gais-clinician", "2", "2", "", "2.5", "", "1 of 2 (50.0%)"});
    const auto text = render::view_text(view, false);
    CHECK(test::contains(text, "responder on mmasi: the latest score at least 25% lower"));
    CHECK(test::contains(text, "a negative change is an improvement"));
}

TEST_CASE("report outcomes through the database: current revisions, voids, merges, --to") {
    test::Clinic clinic;
    auto& scope = clinic.scope;
    auto& db = clinic.db;
    const auto a = test::patient_with_consent(clinic, "P-A");
    const auto b = test::patient_with_consent(clinic, "P-B");
    const auto c = test::patient_with_consent(clinic, "P-C");
    const auto on_cheek = [](std::string_view at, double depth) {
        return test::session_at(at, {{Area::cheek, Side::left, depth, 3}});
    };
    const auto s1 = records::log_session(scope, a.code, on_cheek("2026-03-10T10:00:00Z", 1.0));
    records::log_session(scope, a.code, on_cheek("2026-04-20T10:00:00Z", 1.5));
    const auto voided = records::log_session(scope, a.code, on_cheek("2026-05-10T10:00:00Z", 1.25));
    records::void_session(scope, voided.session.id, {"logged in error"});
    records::log_session(scope, b.code, on_cheek("2026-03-12T10:00:00Z", 0.5));
    records::log_session(scope, c.code, on_cheek("2026-03-12T10:00:00Z", 1.0));

    // Scores as the assess command will store them: an identity row and its revisions.
    int next_id = 0;
    const auto insert_revision = [&](int assessment, int revision, std::int64_t patient,
                                     std::string_view scale, double value, std::string_view on,
                                     bool voided_revision) {
        db.exec(fmt::format(
            "INSERT INTO assessment_revision (assessment_id, revision, patient_id, scale, score, "
            "area, side, assessed_on, voided, author, recorded_at, reason) VALUES ({}, {}, {}, "
            "'{}', {}, 'cheek', 'left', '{}', {}, 'dr.test', '2026-11-23T15:00:00Z', '{}')",
            assessment, revision, patient, scale, value, on, voided_revision ? 1 : 0,
            revision == 1 ? "" : "corrected"));
    };
    const auto assess = [&](std::int64_t patient, double value, std::string_view on) {
        ++next_id;
        db.exec(fmt::format(
            "INSERT INTO assessment (id, created_at) VALUES ({}, '2026-11-23T15:00:00Z')",
            next_id));
        insert_revision(next_id, 1, patient, "goodman-baron", value, on, false);
        return next_id;
    };
    // P-A: 4 on 03-01, 3 on 04-01 (amended to 2), 1 on 06-01 (voided): baseline 4, latest 2.
    assess(a.id.value, 4, "2026-03-01");
    const auto amended = assess(a.id.value, 3, "2026-04-01");
    insert_revision(amended, 2, a.id.value, "goodman-baron", 2, "2026-04-01", false);
    const auto voided_score = assess(a.id.value, 1, "2026-06-01");
    insert_revision(voided_score, 2, a.id.value, "goodman-baron", 1, "2026-06-01", true);
    // P-B, merged into P-A below: 3 on 03-01, 3 on 05-01; its unit is P-A's.
    assess(b.id.value, 3, "2026-03-01");
    assess(b.id.value, 3, "2026-05-01");
    // P-C: 4 -> 1.
    assess(c.id.value, 4, "2026-03-01");
    assess(c.id.value, 1, "2026-05-01");
    records::merge_patient(scope, b.code, a.code, {"registered twice", std::nullopt});

    SUBCASE("the facts: current revisions, voided ones out, merged charts read as their target") {
        const auto facts =
            storage::read_outcome_facts(db, std::nullopt, std::nullopt, std::nullopt);
        REQUIRE(facts.scores.size() == 6); // 7 scores, one voided
        int on_a = 0;
        for (const auto& fact : facts.scores) {
            on_a += fact.patient == a.id;
            CHECK(fact.patient != b.id);
            CHECK(fact.fitzpatrick == 3);
        }
        CHECK(on_a == 4); // P-A's two live ones and P-B's two
        // The sessions of P-A (its own two live ones and P-B's) and P-C's, in time order.
        REQUIRE(facts.sessions.size() == 4);
        CHECK(facts.sessions[0].session == s1.session.id);
        CHECK(facts.sessions[1].patient == a.id); // P-B's, moved by the merge
        CHECK(facts.sessions[0].areas.size() == 1);
    }
    SUBCASE("the report") {
        const auto r = report::outcome_report(scope, {}, OutcomeGrouping::depth);
        // P-A cheek:left: one unit of 4 scores, 03-01 4 and 3 (two charts' scores on one day:
        // the later recorded, P-B's 3, is the baseline) to 05-01 3 (P-B's, later than 04-01);
        // sessions 03-10 1.00, 03-12 0.50, 04-20 1.50 -> deepest 1.50.
        // P-C: 4 -> 1 with its 03-12 session at 1.00.
        check_groups(r.groups,
                     {{"0.51-1.00", 1, 1, 4, 1, -3, 1, 1}, {"1.01-1.50", 1, 1, 3, 3, 0, 0, 1}});
        report::OutcomeFilter filter;
        filter.to = day("2026-04-30"); // P-A 03-01 3 -> 04-01 2; P-C one day only
        const auto cut = report::outcome_report(scope, filter, std::nullopt);
        check_groups(cut.groups, {{"goodman-baron", 1, 1, 3, 2, -1, 1, 1}});
        filter.from = day("2026-05-01");
        const auto e = test::refusal([&] { report::outcome_report(scope, filter, std::nullopt); });
        CHECK(e.field() == "to");
    }
}
