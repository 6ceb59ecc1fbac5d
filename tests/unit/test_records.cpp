#include "fixtures.hpp"

#include "needlebook/error.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/products.hpp"
#include "needlebook/records/reactions.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/records/settings.hpp"
#include "needlebook/storage/audit_log.hpp"
#include "needlebook/storage/patient_repository.hpp"
#include "needlebook/storage/record_digest.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace needlebook;
using test::contains;
using test::day;
using test::thrown;
using test::utc;

namespace {

struct AuditRow {
    std::int64_t id = 0;
    storage::AuditEntry entry;
    std::optional<std::string> prev_hash;
    std::optional<std::string> hash;
    std::string record_hash; // empty when NULL
};

std::vector<AuditRow> audit_rows(storage::Database& db) {
    auto rows = db.connection().prepare("SELECT id, at, actor, action, patient_id, record_kind, "
                                        "record_id, revision, reason, prev_hash, hash, "
                                        "coalesce(record_hash, '') FROM audit_log "
                                        "ORDER BY id");
    std::vector<AuditRow> out;
    while (rows->step()) {
        AuditRow row;
        row.id = rows->column(0).as_int64();
        row.entry.at = time::parse_utc(rows->column(1).as_text(), "at");
        row.entry.actor = rows->column(2).as_text();
        row.entry.action = rows->column(3).as_text();
        if (!rows->column(4).is_null())
            row.entry.patient_id = rows->column(4).as_int64();
        row.entry.record_kind = rows->column(5).as_text(); // NULL reads as ""
        if (!rows->column(6).is_null())
            row.entry.record_id = rows->column(6).as_int64();
        if (!rows->column(7).is_null())
            row.entry.revision = rows->column(7).as_int();
        row.entry.reason = rows->column(8).as_text();
        if (!rows->column(9).is_null())
            row.prev_hash = rows->column(9).as_text();
        if (!rows->column(10).is_null())
            row.hash = rows->column(10).as_text();
        row.record_hash = rows->column(11).as_text();
        out.push_back(std::move(row));
    }
    return out;
}

// The newest audit row, which a write just added.
storage::AuditEntry last_audit(storage::Database& db) {
    const auto rows = audit_rows(db);
    REQUIRE_FALSE(rows.empty());
    return rows.back().entry;
}

void check_audit(const storage::AuditEntry& entry, std::string_view action,
                 std::string_view record_kind, std::int64_t record_id, std::int64_t patient_id,
                 int revision, std::string_view reason = "") {
    CHECK(entry.action == action);
    CHECK(entry.actor == test::test_actor);
    CHECK(entry.at == test::fixed_now());
    CHECK(entry.record_kind == record_kind);
    CHECK(entry.record_id == record_id);
    CHECK(entry.patient_id == patient_id);
    CHECK(entry.revision == revision);
    CHECK(entry.reason == reason);
}

ReactionDetails reaction(ReactionKind kind, std::string_view onset,
                         std::optional<Area> area = std::nullopt,
                         std::optional<Side> side = std::nullopt) {
    ReactionDetails details;
    details.kind = kind;
    details.severity = Severity::mild;
    details.area = area;
    details.side = side;
    details.onset = day(onset);
    return details;
}

} // namespace

TEST_CASE("register_patient: next free code, revision 1 and one audit row") {
    test::Clinic clinic;
    const auto first =
        records::register_patient(clinic.scope, std::nullopt, test::patient_details());
    CHECK(first.code == "P-000001");
    CHECK(first.revision.number == 1);
    CHECK(first.revision.author == test::test_actor);
    CHECK(first.revision.recorded_at == test::fixed_now());
    CHECK(first.revision.reason.empty());

    const auto stored = records::find_patient(clinic.db, "P-000001");
    CHECK(stored.id == first.id);
    CHECK(stored.details == test::patient_details());
    CHECK(stored.revision.author == test::test_actor);
    CHECK(test::count_rows(clinic.db, "audit_log") == 1);
    check_audit(last_audit(clinic.db), "patient.add", "patient", first.id.value, first.id.value, 1);

    const auto second = records::register_patient(clinic.scope, std::nullopt,
                                                  test::patient_details("Okafor", "Chidi"));
    CHECK(second.code == "P-000002");
    CHECK(test::count_rows(clinic.db, "audit_log") == 2);
}

TEST_CASE("register_patient: a code typed by hand takes no number from the series") {
    test::Clinic clinic;
    records::register_patient(clinic.scope, std::string("ANN"), test::patient_details());
    records::register_patient(clinic.scope, std::string("BOB"),
                              test::patient_details("Okafor", "Chidi"));
    const auto first = records::register_patient(clinic.scope, std::nullopt,
                                                 test::patient_details("Nguyen", "Linh"));
    CHECK(first.code == "P-000001");
    records::register_patient(clinic.scope, std::string("P-000007"),
                              test::patient_details("Lee", "Cam"));
    const auto next =
        records::register_patient(clinic.scope, std::nullopt, test::patient_details("Diaz", "Dee"));
    CHECK(next.code == "P-000008");
}

TEST_CASE("possible_duplicates: other current charts with the same names and birth date") {
    test::Clinic clinic;
    const auto ann = records::register_patient(clinic.scope, std::string("ANN"),
                                               test::patient_details("Smith", "Ann"));
    const auto other_day = [] {
        auto details = test::patient_details("Smith", "Ann");
        details.birth_date = day("1985-04-13");
        return details;
    }();
    records::register_patient(clinic.scope, std::nullopt, other_day);
    records::register_patient(clinic.scope, std::nullopt, test::patient_details("Smith", "Anne"));
    CHECK(records::possible_duplicates(clinic.db, ann).empty()); // not itself

    const auto again = records::register_patient(clinic.scope, std::nullopt,
                                                 test::patient_details("SMITH", "ann"));
    const auto found = records::possible_duplicates(clinic.db, again);
    REQUIRE(found.size() == 1);
    CHECK(found[0].code == "ANN");
    CHECK(found[0].id == ann.id);

    const auto third = records::register_patient(clinic.scope, std::string("ANN-3"),
                                                 test::patient_details("Smith", "Ann"));
    std::vector<std::string> codes;
    for (const auto& p : records::possible_duplicates(clinic.db, third))
        codes.push_back(p.code);
    CHECK(codes == std::vector<std::string>{"ANN", again.code});

    // The current revision counts: a chart renamed away no longer matches.
    records::amend_patient(clinic.scope, "ANN", test::patient_details("Jones", "Ann"),
                           "married name");
    CHECK(records::possible_duplicates(clinic.db, again).size() == 1);
    CHECK(records::possible_duplicates(clinic.db, again)[0].code == "ANN-3");
}

TEST_CASE("register_patient: refusals store nothing") {
    test::Clinic clinic;
    records::register_patient(clinic.scope, std::string("P-TAKEN"), test::patient_details());
    const auto before = test::table_counts(clinic.db);

    SUBCASE("a taken chart code") {
        const auto e = thrown<Conflict>([&] {
            records::register_patient(clinic.scope, std::string("P-TAKEN"),
                                      test::patient_details());
        });
        CHECK(std::string(e.what()).find("'P-TAKEN' is already taken") != std::string::npos);
    }
    SUBCASE("a taken chart code in other letter case") {
        const auto e = thrown<Conflict>([&] {
            records::register_patient(clinic.scope, std::string("p-taken"),
                                      test::patient_details());
        });
        CHECK(std::string(e.what()).find("'p-taken' is already taken") != std::string::npos);
    }
    SUBCASE("a chart code with a space") {
        const auto e = thrown<ValidationError>([&] {
            records::register_patient(clinic.scope, std::string("P 1"), test::patient_details());
        });
        CHECK(e.field() == "code");
    }
    SUBCASE("invalid details") {
        auto details = test::patient_details();
        details.birth_date = day("2026-11-24"); // tomorrow for the fixed clock
        const auto e = thrown<ValidationError>(
            [&] { records::register_patient(clinic.scope, std::nullopt, details); });
        CHECK(e.field() == "born");
    }
    CHECK(test::table_counts(clinic.db) == before);
}

TEST_CASE("find_patient: chart codes are looked up without regard to case") {
    test::Clinic clinic;
    records::register_patient(clinic.scope, std::string("ANN-01"), test::patient_details());
    CHECK(records::find_patient(clinic.db, "ann-01").code == "ANN-01");
    CHECK(records::find_patient(clinic.db, "Ann-01").code == "ANN-01");
}

TEST_CASE("Scope: a blank acting user is refused") {
    auto db = test::clinic_database();
    for (const char* actor : {"", " ", "  \t"}) {
        CAPTURE(std::string(actor));
        const auto e = thrown<ValidationError>(
            [&] { records::Scope(db, test::fixed_clock(), std::string(actor)); });
        CHECK(e.field() == "as");
        CHECK(std::string(e.what()) ==
              "the acting user is blank; give --as NAME or set NEEDLEBOOK_USER");
    }
}

// The actor is written into every revision and audit row and printed in the audit list.
TEST_CASE("Scope: an acting user that is not one line of visible text is refused") {
    auto db = test::clinic_database();
    for (const std::string actor : {"dr.lee\nneedlebook: ok", "dr.lee\r", "dr\tlee", "dr.\u202eeel",
                                    "dr.lee\x1b[8m", "dr.\u200blee", "dr.lee\xff"}) {
        CAPTURE(actor);
        const auto e =
            thrown<ValidationError>([&] { records::Scope(db, test::fixed_clock(), actor); });
        CHECK(e.field() == "as");
        CHECK(std::string(e.what()).starts_with("the acting user (--as or NEEDLEBOOK_USER) "));
    }
    CHECK_NOTHROW(records::Scope(db, test::fixed_clock(), "Dr Zoë Ødegård"));
}

TEST_CASE("amend_patient: a new revision with its reason") {
    test::Clinic clinic;
    const auto patient =
        records::register_patient(clinic.scope, std::string("P-TEST"), test::patient_details());
    auto changed = test::patient_details();
    changed.family_name = "Doe-Smith";

    const auto amended = records::amend_patient(clinic.scope, "P-TEST", changed, "married name");
    CHECK(amended.revision.number == 2);
    CHECK(amended.revision.reason == "married name");
    CHECK(records::find_patient(clinic.db, "P-TEST").details == changed);

    const auto revisions = storage::PatientRepository(clinic.db).revisions(patient.id);
    REQUIRE(revisions.size() == 2);
    CHECK(revisions[0].details == test::patient_details()); // the original is kept
    CHECK(revisions[1].revision.reason == "married name");
    check_audit(last_audit(clinic.db), "patient.amend", "patient", patient.id.value,
                patient.id.value, 2, "married name");

    SUBCASE("a third revision counts on") {
        changed.phone = "+44 7700 900777";
        CHECK(
            records::amend_patient(clinic.scope, "P-TEST", changed, "new phone").revision.number ==
            3);
    }
    SUBCASE("refusals store nothing") {
        const auto before = test::table_counts(clinic.db);
        CHECK(thrown<ValidationError>([&] {
                  records::amend_patient(clinic.scope, "P-TEST", test::patient_details(), " ");
              }).field() == "reason");
        CHECK_THROWS_AS(records::amend_patient(clinic.scope, "P-TEST", changed, "no change"),
                        Conflict);
        const auto e = thrown<NotFound>(
            [&] { records::amend_patient(clinic.scope, "P-NOBODY", changed, "typo"); });
        CHECK(std::string(e.what()).find("'P-NOBODY'") != std::string::npos);
        CHECK(test::table_counts(clinic.db) == before);
    }
}

TEST_CASE("log_session: a clean session is stored exactly, with one audit row") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    auto details =
        test::session_at("2026-11-20T10:00:00Z", {{Area::cheek, Side::left, 1.0, 3},
                                                  {Area::cheek, Side::right, 1.0, 3},
                                                  {Area::forehead, std::nullopt, 0.5, 2}});
    details.serums = {{"ha-serum", "HA2291", SerumPhase::during},
                      {"gf-serum", "GF-7", SerumPhase::after}};

    const auto logged = records::log_session(clinic.scope, patient.code, details);
    CHECK(logged.warnings().empty());
    CHECK(logged.session.revision.number == 1);

    const auto stored = records::get_session(clinic.db, logged.session.id);
    CHECK(stored.details == details);
    CHECK(stored.patient_code == patient.code);
    CHECK(stored.findings.empty());
    CHECK(stored.revision.author == test::test_actor);
    check_audit(last_audit(clinic.db), "session.log", "session", logged.session.id.value,
                patient.id.value, 1);
}

TEST_CASE("log_session: warnings are returned and stored with the session") {
    test::Clinic clinic;
    const auto patient = records::register_patient(clinic.scope, std::string("P-NOCONSENT"),
                                                   test::patient_details());
    const auto logged =
        records::log_session(clinic.scope, patient.code, test::session_at("2026-11-20T10:00:00Z"));
    REQUIRE(logged.warnings().size() == 1);
    CHECK(logged.warnings()[0].key == "consent");
    CHECK(records::get_session(clinic.db, logged.session.id).findings == logged.session.findings);
    CHECK(test::count_rows(clinic.db, "session_finding") == 1);
}

TEST_CASE("log_session: a blocking finding refuses the session and stores nothing") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    const auto before = test::table_counts(clinic.db);
    const auto too_deep =
        test::session_at("2026-11-20T10:00:00Z", {{Area::periorbital, Side::left, 1.0, 2}});

    const auto e =
        thrown<Refused>([&] { records::log_session(clinic.scope, patient.code, too_deep); });
    const std::string message = e.what();
    CHECK(message.find("depth 1.00 mm on periorbital:left exceeds the clinic limit of 0.50 mm") !=
          std::string::npos);
    CHECK(message.find("  depth:periorbital:left: ") != std::string::npos);
    CHECK(message.find("--override KEY=\"reason\"") != std::string::npos);
    CHECK(test::table_counts(clinic.db) == before);
}

TEST_CASE("log_session: each override stores its finding with its own reason") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    records::add_condition(clinic.scope, patient.code,
                           {ConditionCode::eczema, day("2026-10-01"), std::nullopt, "hands only"});
    const auto details =
        test::session_at("2026-11-20T10:00:00Z", {{Area::periorbital, Side::left, 1.0, 2}});

    SUBCASE("one override alone is refused and nothing is stored") {
        const auto before = test::table_counts(clinic.db);
        const auto e = thrown<Refused>([&] {
            records::log_session(clinic.scope, patient.code, details,
                                 {"condition:eczema=hands only, face clear today"});
        });
        CHECK(contains(e.what(), "  depth:periorbital:left: depth 1.00 mm"));
        CHECK_FALSE(contains(e.what(), "condition:eczema:"));
        CHECK(test::table_counts(clinic.db) == before);
    }
    const auto logged = records::log_session(clinic.scope, patient.code, details,
                                             {"depth:periorbital:left=scar under the eye; agreed",
                                              "condition:eczema=hands only, face clear today"});
    const auto stored = records::get_session(clinic.db, logged.session.id);
    CHECK(stored.details == details);
    REQUIRE(stored.findings.size() == 2);
    CHECK(stored.findings[0] ==
          SessionFinding{"condition:eczema", FindingLevel::overridden,
                         "eczema on file since 2026-10-01", "hands only, face clear today",
                         std::string(test::test_actor), test::utc(test::fixed_now_text)});
    CHECK(stored.findings[1].key == "depth:periorbital:left");
    CHECK(stored.findings[1].override_reason == "scar under the eye; agreed");
    CHECK(test::count_rows(clinic.db, "session_finding") == 2);
    check_audit(last_audit(clinic.db), "session.log", "session", logged.session.id.value,
                patient.id.value, 1,
                "condition:eczema: hands only, face clear today; depth:periorbital:left: scar "
                "under the eye; agreed");
}

// An amendment is blocked only by what it changes (check_and_prepare): a finding the previous
// revision overrode is carried over with its reason, one the previous content raises too is a
// warning, and only a new blocking finding refuses.
TEST_CASE("amend_session: an override on file is carried over with its reason") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    const auto details =
        test::session_at("2026-11-20T10:00:00Z", {{Area::periorbital, Side::left, 1.0, 2}});
    const auto logged = records::log_session(clinic.scope, patient.code, details,
                                             {"depth:periorbital:left=deep lines"});
    auto changed = details;
    changed.note = "tolerated well";

    const auto amended =
        records::amend_session(clinic.scope, logged.session.id, changed, "note added");
    CHECK(amended.warnings().empty());
    const auto stored = records::get_session(clinic.db, logged.session.id);
    CHECK(stored.revision.number == 2);
    CHECK(stored.details == changed);
    REQUIRE(stored.findings.size() == 1);
    CHECK(stored.findings[0] ==
          SessionFinding{"depth:periorbital:left", FindingLevel::overridden,
                         "depth 1.00 mm on periorbital:left exceeds the clinic limit of 0.50 mm",
                         "deep lines", std::string(test::test_actor),
                         test::utc(test::fixed_now_text)});
    CHECK(test::count_rows(clinic.db, "session_finding") == 2); // one row per revision
    check_audit(last_audit(clinic.db), "session.amend", "session", logged.session.id.value,
                patient.id.value, 2, "note added");

    SUBCASE("an --override with the key on file corrects its reason, alone too") {
        records::amend_session(clinic.scope, logged.session.id, changed, "reason was too short",
                               {"depth:periorbital:left=deep crow's feet, plan of Dr Shah"});
        const auto third = records::get_session(clinic.db, logged.session.id);
        CHECK(third.revision.number == 3);
        CHECK(third.details == changed);
        REQUIRE(third.findings.size() == 1);
        CHECK(third.findings[0].override_reason == "deep crow's feet, plan of Dr Shah");
        // The same reason again changes nothing.
        CHECK_THROWS_AS(
            records::amend_session(clinic.scope, logged.session.id, changed, "again",
                                   {"depth:periorbital:left=deep crow's feet, plan of Dr Shah"}),
            Conflict);
    }
    SUBCASE("an --override whose key matches nothing is refused") {
        const auto before = test::table_counts(clinic.db);
        CHECK_THROWS_AS(records::amend_session(clinic.scope, logged.session.id, changed,
                                               "aftercare added", {"depth:neck=deep lines there"}),
                        Refused);
        CHECK(test::table_counts(clinic.db) == before);
    }
    SUBCASE("once the finding is gone, nothing is carried") {
        auto corrected = changed;
        corrected.areas[0].depth_mm = 0.5;
        const auto next =
            records::amend_session(clinic.scope, logged.session.id, corrected, "depth mistyped");
        CHECK(next.warnings().empty());
        CHECK(records::get_session(clinic.db, logged.session.id).findings.empty());
    }
}

TEST_CASE("amend_session: a finding the previous content raises too only warns") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    const auto details = test::session_at("2026-11-20T10:00:00Z");
    const auto logged = records::log_session(clinic.scope, patient.code, details);
    auto changed = details;
    changed.note = "tolerated well";

    SUBCASE("a blocking condition entered later, dated before the session") {
        records::add_condition(clinic.scope, patient.code,
                               {ConditionCode::eczema, day("2026-11-01"), std::nullopt, ""});
        const auto amended =
            records::amend_session(clinic.scope, logged.session.id, changed, "note added");
        REQUIRE(amended.warnings().size() == 1);
        CHECK(amended.warnings()[0].key == "condition:eczema");
        CHECK(amended.warnings()[0].message ==
              "eczema on file since 2026-11-01 (so before this amendment too)");
        const auto stored = records::get_session(clinic.db, logged.session.id);
        CHECK(stored.details == changed);
        CHECK(stored.findings == amended.session.findings);
        CHECK_FALSE(stored.has_override());
    }
    SUBCASE("a depth limit lowered after the session") {
        records::change_setting(clinic.scope, "depth_limit.cheek", "0.8");
        records::Scope later{clinic.db, test::fixed_clock(), std::string(test::test_actor)};
        const auto amended =
            records::amend_session(later, logged.session.id, changed, "note added");
        REQUIRE(amended.warnings().size() == 1);
        CHECK(amended.warnings()[0].key == "depth:cheek");
        CHECK(amended.warnings()[0].message == "depth 1.00 mm on cheek exceeds the clinic limit of "
                                               "0.80 mm (so before this amendment too)");
        CHECK_FALSE(records::get_session(clinic.db, logged.session.id).has_override());

        SUBCASE("a deeper cheek is a new finding: refused") {
            const auto before = test::table_counts(clinic.db);
            auto deeper = changed;
            deeper.areas[0].depth_mm = 1.25;
            const auto e = thrown<Refused>(
                [&] { records::amend_session(later, logged.session.id, deeper, "deeper"); });
            CHECK(std::string(e.what()) ==
                  "session refused by the clinical checks:\n"
                  "  depth:cheek: depth 1.25 mm on cheek exceeds the clinic limit of 0.80 mm\n"
                  "use --override KEY=\"reason\" for each finding you accept; the reason is "
                  "kept with the session");
            CHECK(test::table_counts(clinic.db) == before);
        }
    }
}

TEST_CASE("amend_session: only a new blocking finding refuses") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    const auto details =
        test::session_at("2026-11-20T10:00:00Z", {{Area::periorbital, Side::left, 1.0, 2}});
    const auto logged = records::log_session(clinic.scope, patient.code, details,
                                             {"depth:periorbital:left=deep lines"});
    const auto before = test::table_counts(clinic.db);
    auto changed = details;
    changed.areas.push_back({Area::neck, std::nullopt, 1.5, 2});

    // The refusal names only the new finding, and no longer the override on file.
    const auto e = thrown<Refused>(
        [&] { records::amend_session(clinic.scope, logged.session.id, changed, "neck added"); });
    CHECK(std::string(e.what()) ==
          "session refused by the clinical checks:\n"
          "  depth:neck: depth 1.50 mm on neck exceeds the clinic limit of 1.00 mm\n"
          "use --override KEY=\"reason\" for each finding you accept; the reason is kept with "
          "the session");
    CHECK(test::table_counts(clinic.db) == before);

    SUBCASE("with an override it is stored next to the carried finding") {
        records::amend_session(clinic.scope, logged.session.id, changed, "neck added",
                               {"depth:neck=neck scar, agreed"});
        const auto stored = records::get_session(clinic.db, logged.session.id);
        REQUIRE(stored.findings.size() == 2);
        CHECK(stored.findings[0].message ==
              "depth 1.50 mm on neck exceeds the clinic limit of 1.00 mm");
        CHECK(stored.findings[0].override_reason == "neck scar, agreed");
        CHECK(stored.findings[1].message ==
              "depth 1.00 mm on periorbital:left exceeds the clinic limit of 0.50 mm");
        CHECK(stored.findings[1].override_reason == "deep lines");
    }
    SUBCASE("a new condition finding on a moved date") {
        records::add_condition(clinic.scope, patient.code,
                               {ConditionCode::pregnancy, day("2026-11-21"), std::nullopt, ""});
        const auto counts = test::table_counts(clinic.db);
        auto moved = details;
        moved.performed_at = utc("2026-11-22T10:00:00Z");
        const auto refused = thrown<Refused>([&] {
            records::amend_session(clinic.scope, logged.session.id, moved, "date mistyped");
        });
        CHECK(contains(refused.what(), "condition:pregnancy: pregnancy or nursing on file since "
                                       "2026-11-21"));
        CHECK_FALSE(contains(refused.what(), "periorbital"));
        CHECK(test::table_counts(clinic.db) == counts);
    }
}

TEST_CASE("log_session: an override nothing needed is refused, a bare one is a usage error") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    const auto before = test::table_counts(clinic.db);
    CHECK_THROWS_AS(records::log_session(clinic.scope, patient.code,
                                         test::session_at("2026-11-20T10:00:00Z"),
                                         {"depth:cheek=just in case it is"}),
                    Refused);
    CHECK_THROWS_AS(records::log_session(clinic.scope, patient.code,
                                         test::session_at("2026-11-20T10:00:00Z"),
                                         {"just in case it is"}),
                    UsageError);
    CHECK(test::table_counts(clinic.db) == before);
}

TEST_CASE("log_session: refusals before any check store nothing") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    const auto before = test::table_counts(clinic.db);

    SUBCASE("depth beyond 3.0 mm even with an override") {
        const auto details =
            test::session_at("2026-11-20T10:00:00Z", {{Area::scar, std::nullopt, 3.5, 1}});
        CHECK(thrown<ValidationError>([&] {
                  records::log_session(clinic.scope, patient.code, details,
                                       {"depth:scar=very deep scar"});
              }).field() == "depth");
    }
    SUBCASE("a blank override reason") {
        CHECK(thrown<ValidationError>([&] {
                  records::log_session(clinic.scope, patient.code,
                                       test::session_at("2026-11-20T10:00:00Z"),
                                       {"depth:cheek=  "});
              }).field() == "override");
    }
    SUBCASE("a session in the future") {
        const auto e = thrown<ValidationError>([&] {
            records::log_session(clinic.scope, patient.code,
                                 test::session_at("2026-11-23T15:01:00Z"));
        });
        CHECK(e.field() == "at");
    }
    SUBCASE("a session before the patient was born") {
        // patient_details(): born 1985-04-12.
        const auto e = thrown<ValidationError>([&] {
            records::log_session(clinic.scope, patient.code,
                                 test::session_at("1980-01-01T10:00:00Z"),
                                 {"interval:cheek=as the chart says"});
        });
        CHECK(e.field() == "at");
        CHECK(std::string(e.what()) ==
              "session on 1980-01-01 is before P-TEST was born (1985-04-12); check the year");
    }
    SUBCASE("a session late on the day before the birth, in the clinic's zone") {
        // 1985-04-11 23:30 BST is 22:30 UTC.
        const auto e = thrown<ValidationError>([&] {
            records::log_session(clinic.scope, patient.code,
                                 test::session_at("1985-04-11T22:30:00Z"));
        });
        CHECK(e.field() == "at");
        CHECK(std::string(e.what()) ==
              "session on 1985-04-11 is before P-TEST was born (1985-04-12); check the year");
    }
    SUBCASE("a serum product not in the catalogue") {
        auto details = test::session_at("2026-11-20T10:00:00Z");
        details.serums = {{"snake-oil", "SO-1", SerumPhase::after}};
        const auto e = thrown<ValidationError>(
            [&] { records::log_session(clinic.scope, patient.code, details); });
        CHECK(e.field() == "serum");
        CHECK(std::string(e.what()).find("unknown serum product 'snake-oil'") != std::string::npos);
        CHECK(std::string(e.what()).find("ha-serum") != std::string::npos);
    }
    SUBCASE("an unknown patient") {
        CHECK_THROWS_AS(records::log_session(clinic.scope, "P-NOBODY",
                                             test::session_at("2026-11-20T10:00:00Z")),
                        NotFound);
    }
    SUBCASE("an area given twice") {
        const auto details =
            test::session_at("2026-11-20T10:00:00Z", {{Area::cheek, std::nullopt, 1.0, 2},
                                                      {Area::cheek, Side::left, 1.0, 2}});
        CHECK(thrown<ValidationError>([&] {
                  records::log_session(clinic.scope, patient.code, details);
              }).field() == "area");
    }
    CHECK(test::table_counts(clinic.db) == before);
}

TEST_CASE("log_session: the interval to the last session on the same area") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    const auto first =
        records::log_session(clinic.scope, patient.code, test::session_at("2026-11-10T10:00:00Z"));
    const auto before = test::table_counts(clinic.db);
    const auto ten_days_later = test::session_at("2026-11-20T10:00:00Z");

    const auto e =
        thrown<Refused>([&] { records::log_session(clinic.scope, patient.code, ten_days_later); });
    CHECK(std::string(e.what()).find(fmt::format("in session {}", first.session.id)) !=
          std::string::npos);
    CHECK(test::table_counts(clinic.db) == before);

    const auto logged = records::log_session(clinic.scope, patient.code, ten_days_later,
                                             {"interval:cheek=patient travelling"});
    REQUIRE(logged.session.findings.size() == 1);
    CHECK(logged.session.findings[0].key == "interval:cheek");

    SUBCASE("a voided session no longer counts") {
        test::Clinic other;
        const auto p = test::patient_with_consent(other);
        const auto early =
            records::log_session(other.scope, p.code, test::session_at("2026-11-10T10:00:00Z"));
        records::void_session(other.scope, early.session.id, {"logged for the wrong patient"});
        const auto again =
            records::log_session(other.scope, p.code, test::session_at("2026-11-20T10:00:00Z"));
        CHECK(again.warnings().empty());
    }
}

TEST_CASE("log_session: the birth day itself is not before the birth") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    records::change_setting(clinic.scope, "minimum_age", "0", "a birth-day test, not an age test");
    // 1985-04-12 00:30 BST is 23:30 UTC the day before.
    const auto logged =
        records::log_session(clinic.scope, patient.code, test::session_at("1985-04-11T23:30:00Z"));
    CHECK(records::get_session(clinic.db, logged.session.id).details.performed_at ==
          utc("1985-04-11T23:30:00Z"));
}

TEST_CASE("amend_session: a session moved before the patient's birth is refused") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    const auto logged =
        records::log_session(clinic.scope, patient.code, test::session_at("2026-11-20T10:00:00Z"));
    const auto before = test::table_counts(clinic.db);
    const auto e = thrown<ValidationError>([&] {
        records::amend_session(clinic.scope, logged.session.id,
                               test::session_at("1926-11-20T10:00:00Z"), "year");
    });
    CHECK(e.field() == "at");
    CHECK(std::string(e.what()) ==
          "session on 1926-11-20 is before P-TEST was born (1985-04-12); check the year");
    CHECK(test::table_counts(clinic.db) == before);
}

TEST_CASE("amend_session: a new revision, checked without counting itself") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    const auto logged =
        records::log_session(clinic.scope, patient.code, test::session_at("2026-11-20T10:00:00Z"));
    const auto id = logged.session.id;
    auto changed = test::session_at("2026-11-20T10:00:00Z", {{Area::cheek, std::nullopt, 1.25, 3}});
    changed.note = "depth was 1.25, not 1.0";

    const auto amended = records::amend_session(clinic.scope, id, changed, "typo in depth");
    CHECK(amended.session.revision.number == 2);
    CHECK(amended.warnings().empty()); // its own first revision is not an interval finding
    const auto stored = records::get_session(clinic.db, id);
    CHECK(stored.details == changed);
    CHECK(stored.revision.reason == "typo in depth");
    CHECK(test::count_rows(clinic.db, "session_revision") == 2);
    CHECK(test::count_rows(clinic.db, "session_area") == 2); // both revisions' areas kept
    check_audit(last_audit(clinic.db), "session.amend", "session", id.value, patient.id.value, 2,
                "typo in depth");

    SUBCASE("refusals store nothing") {
        const auto before = test::table_counts(clinic.db);
        CHECK(thrown<ValidationError>([&] {
                  records::amend_session(clinic.scope, id, changed, "");
              }).field() == "reason");
        CHECK_THROWS_AS(records::amend_session(clinic.scope, id, changed, "again"), Conflict);
        auto too_deep = changed;
        too_deep.areas[0].depth_mm = 2.0;
        CHECK_THROWS_AS(records::amend_session(clinic.scope, id, too_deep, "deeper"), Refused);
        CHECK_THROWS_AS(
            records::amend_session(clinic.scope, SessionId{id.value + 100}, changed, "typo"),
            NotFound);
        CHECK(test::table_counts(clinic.db) == before);
    }
}

TEST_CASE("void_session: a voided revision, kept and shown as voided") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    const auto details = test::session_at("2026-11-20T10:00:00Z");
    const auto id = records::log_session(clinic.scope, patient.code, details).session.id;

    const auto voided = records::void_session(clinic.scope, id, {"wrong patient"}).session;
    CHECK(voided.revision.number == 2);
    CHECK(voided.revision.voided);
    const auto stored = records::get_session(clinic.db, id);
    CHECK(stored.revision.voided);
    CHECK(stored.revision.reason == "wrong patient");
    CHECK(stored.details == details); // what was voided stays readable
    CHECK(records::list_sessions(clinic.db, {}).empty());
    storage::SessionFilter all;
    all.include_voided = true;
    CHECK(records::list_sessions(clinic.db, all).size() == 1);
    check_audit(last_audit(clinic.db), "session.void", "session", id.value, patient.id.value, 2,
                "wrong patient");

    const auto before = test::table_counts(clinic.db);
    CHECK_THROWS_AS(records::void_session(clinic.scope, id, {"again"}), Conflict);
    CHECK_THROWS_AS(
        records::amend_session(clinic.scope, id, test::session_at("2026-11-20T11:00:00Z"), "fix"),
        Conflict);
    CHECK_THROWS_AS(
        records::add_reaction(clinic.scope, id, reaction(ReactionKind::erythema, "2026-11-20")),
        Conflict);
    CHECK(thrown<ValidationError>([&] { records::void_session(clinic.scope, id, {""}); }).field() ==
          "reason");
    CHECK(test::table_counts(clinic.db) == before);
}

TEST_CASE("details_like: a session's treatment, without its time, practitioner or note") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    auto details = test::session_at(
        "2026-11-02T10:00:00Z",
        {{Area::cheek, Side::left, 1.5, 3}, {Area::forehead, std::nullopt, 0.5, std::nullopt}});
    details.anaesthetic = "EMLA 5%";
    details.endpoint = "pinpoint bleeding";
    details.aftercare = "SPF 50, no make-up for 24 h";
    details.note = "nervous about needles";
    details.serums = {{"ha-serum", "HA2291", SerumPhase::during}, {"gf-serum", "GF77"}};
    const auto id = records::log_session(clinic.scope, patient.code, details).session.id;
    auto amended = details;
    amended.areas[0].depth_mm = 1.25;
    records::amend_session(clinic.scope, id, amended, "depth typed wrong");

    const auto like = records::details_like(clinic.scope, "p-test", id);
    auto expected = amended; // the current revision
    expected.performed_at = {};
    expected.practitioner = std::string(test::test_actor);
    expected.note.clear();
    CHECK(like == expected);

    const auto before = test::table_counts(clinic.db);
    SUBCASE("another patient's session") {
        const auto other =
            records::register_patient(clinic.scope, "OTHER", test::patient_details("Roe", "Rita"));
        const auto e =
            thrown<ValidationError>([&] { records::details_like(clinic.scope, other.code, id); });
        CHECK(e.field() == "like");
        CHECK(std::string(e.what()) ==
              "--like 1: session 1 is not one of OTHER's; --like copies a session of the same "
              "patient; 'needlebook session list --patient OTHER' lists OTHER's sessions");
        CHECK(!contains(e.what(), patient.code)); // whose it is is not told
    }
    SUBCASE("no such session, or no such patient") {
        CHECK(std::string(thrown<NotFound>([&] {
                              records::details_like(clinic.scope, patient.code, SessionId{7});
                          }).what()) == "--like 7: there is no session 7; 'needlebook session "
                                        "list --patient P-TEST' lists P-TEST's sessions");
        CHECK_THROWS_AS(records::details_like(clinic.scope, "NOBODY", id), NotFound);
        CHECK(test::table_counts(clinic.db) == before);
    }
    SUBCASE("a voided session") {
        records::void_session(clinic.scope, id, {"wrong patient chart"});
        CHECK(std::string(thrown<Conflict>([&] {
                              records::details_like(clinic.scope, patient.code, id);
                          }).what()) ==
              "--like 1: session 1 is voided; copy a session that stands; 'needlebook session "
              "list --patient P-TEST' lists P-TEST's sessions");
    }
}

TEST_CASE("add_reaction: checked against the session's day in the clinic's zone") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    // 2026-07-01T23:30Z is 00:30 on 2 July in London.
    const auto session = records::log_session(
        clinic.scope, patient.code,
        test::session_at("2026-07-01T23:30:00Z", {{Area::cheek, Side::left, 1.0, 2}}));
    const auto id = session.session.id;
    const auto before = test::table_counts(clinic.db);

    SUBCASE("onset the day before the session") {
        const auto e = thrown<ValidationError>([&] {
            records::add_reaction(clinic.scope, id, reaction(ReactionKind::erythema, "2026-07-01"));
        });
        CHECK(e.field() == "onset");
        CHECK(std::string(e.what()) == "onset 2026-07-01 is before the session on 2026-07-02");
    }
    SUBCASE("resolved before onset") {
        auto details = reaction(ReactionKind::erythema, "2026-07-03");
        details.resolved = day("2026-07-02");
        CHECK(thrown<ValidationError>([&] {
                  records::add_reaction(clinic.scope, id, details);
              }).field() == "resolved");
    }
    SUBCASE("onset in the future") {
        CHECK(thrown<ValidationError>([&] {
                  records::add_reaction(clinic.scope, id,
                                        reaction(ReactionKind::erythema, "2026-11-24"));
              }).field() == "onset");
    }
    SUBCASE("an area the session did not treat") {
        const auto e = thrown<ValidationError>([&] {
            records::add_reaction(clinic.scope, id,
                                  reaction(ReactionKind::bruising, "2026-07-02", Area::forehead));
        });
        CHECK(e.field() == "area");
        CHECK(std::string(e.what()).find("treated: cheek:left") != std::string::npos);
        CHECK_THROWS_AS(records::add_reaction(clinic.scope, id,
                                              reaction(ReactionKind::bruising, "2026-07-02",
                                                       Area::cheek, Side::right)),
                        ValidationError);
    }
    SUBCASE("an unknown session") {
        CHECK_THROWS_AS(records::add_reaction(clinic.scope, SessionId{id.value + 100},
                                              reaction(ReactionKind::erythema, "2026-07-02")),
                        NotFound);
    }
    CHECK(test::table_counts(clinic.db) == before);

    SUBCASE("accepted on the session's local day, stored and audited") {
        const auto added = records::add_reaction(
            clinic.scope, id, reaction(ReactionKind::erythema, "2026-07-02", Area::cheek));
        const auto stored = records::reactions_of(clinic.db, id);
        REQUIRE(stored.size() == 1);
        CHECK(stored[0].id == added.id);
        CHECK(stored[0].details.kind == ReactionKind::erythema);
        CHECK(stored[0].details.area == Area::cheek);
        CHECK(stored[0].details.onset == day("2026-07-02"));
        CHECK_FALSE(stored[0].details.resolved.has_value());
        check_audit(last_audit(clinic.db), "reaction.add", "reaction", added.id.value,
                    patient.id.value, 1);
    }
}

TEST_CASE("resolve_reaction: a second revision with the resolution date") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    const auto session =
        records::log_session(clinic.scope, patient.code, test::session_at("2026-11-10T10:00:00Z"))
            .session;
    const auto added = records::add_reaction(clinic.scope, session.id,
                                             reaction(ReactionKind::bruising, "2026-11-11"));

    const auto resolved = records::resolve_reaction(clinic.scope, added.id, day("2026-11-18"));
    CHECK(resolved.revision.number == 2);
    CHECK(resolved.details.resolved == day("2026-11-18"));
    const auto stored = records::reactions_of(clinic.db, session.id);
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].details.resolved == day("2026-11-18"));
    CHECK(stored[0].revision.number == 2);
    check_audit(last_audit(clinic.db), "reaction.resolve", "reaction", added.id.value,
                patient.id.value, 2, "resolved");

    const auto before = test::table_counts(clinic.db);
    CHECK_THROWS_AS(records::resolve_reaction(clinic.scope, added.id, day("2026-11-19")), Conflict);
    CHECK_THROWS_AS(
        records::resolve_reaction(clinic.scope, ReactionId{added.id.value + 1}, day("2026-11-19")),
        NotFound);
    CHECK(test::table_counts(clinic.db) == before);

    SUBCASE("a resolution before onset or in the future is refused") {
        const auto open = records::add_reaction(clinic.scope, session.id,
                                                reaction(ReactionKind::erythema, "2026-11-12"));
        const auto counts = test::table_counts(clinic.db);
        CHECK(thrown<ValidationError>([&] {
                  records::resolve_reaction(clinic.scope, open.id, day("2026-11-11"));
              }).field() == "resolved");
        CHECK(thrown<ValidationError>([&] {
                  records::resolve_reaction(clinic.scope, open.id, day("2026-11-24"));
              }).field() == "resolved");
        CHECK(test::table_counts(clinic.db) == counts);
    }
}

TEST_CASE("add_followup: stored against its session") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    const auto session =
        records::log_session(clinic.scope, patient.code, test::session_at("2026-11-10T10:00:00Z"))
            .session;
    const auto added = records::add_followup(
        clinic.scope, session.id, {day("2026-11-17"), FollowupOutcome::none, "skin settled"});
    const auto stored = records::followups_of(clinic.db, session.id);
    REQUIRE(stored.size() == 1);
    CHECK(stored[0].id == added.id);
    CHECK(stored[0].details.checked_on == day("2026-11-17"));
    CHECK(stored[0].details.outcome == FollowupOutcome::none);
    CHECK(stored[0].details.note == "skin settled");
    check_audit(last_audit(clinic.db), "followup.add", "followup", added.id.value, patient.id.value,
                1);

    const auto before = test::table_counts(clinic.db);
    CHECK(thrown<ValidationError>([&] {
              records::add_followup(clinic.scope, session.id,
                                    {day("2026-11-09"), FollowupOutcome::none, ""});
          }).field() == "follow-up date");
    CHECK(test::table_counts(clinic.db) == before);
}

TEST_CASE("the audit log: one row per write, chained by hash") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic); // patient.add, consent.add
    auto changed = test::patient_details();
    changed.email = "jane.doe@example.org";
    records::amend_patient(clinic.scope, patient.code, changed, "new email");
    const auto session =
        records::log_session(clinic.scope, patient.code, test::session_at("2026-11-10T10:00:00Z"))
            .session;
    CHECK_THROWS_AS(
        records::log_session(clinic.scope, patient.code, test::session_at("2026-11-12T10:00:00Z")),
        Refused); // refused: no audit row
    const auto r = records::add_reaction(clinic.scope, session.id,
                                         reaction(ReactionKind::erythema, "2026-11-10"));
    records::resolve_reaction(clinic.scope, r.id, day("2026-11-12"));
    records::add_followup(clinic.scope, session.id,
                          {day("2026-11-13"), FollowupOutcome::reactions, ""});
    records::void_session(clinic.scope, session.id, {"duplicate entry"});

    const auto rows = audit_rows(clinic.db);
    std::vector<std::string> actions;
    for (const auto& row : rows)
        actions.push_back(row.entry.action);
    CHECK(actions == std::vector<std::string>{"patient.add", "consent.add", "patient.amend",
                                              "session.log", "reaction.add", "reaction.resolve",
                                              "followup.add", "session.void"});

    std::string previous;
    for (const auto& row : rows) {
        CAPTURE(row.id);
        CHECK(row.entry.actor == test::test_actor);
        CHECK(row.entry.at == test::fixed_now());
        CHECK(row.entry.patient_id == patient.id.value);
        if (previous.empty())
            CHECK_FALSE(row.prev_hash.has_value()); // the first row has nothing before it
        else
            CHECK(row.prev_hash == previous);
        REQUIRE(row.hash.has_value());
        CHECK(row.hash->size() == 64);
        // Each row keeps the fingerprint of the revision it wrote, and the hash covers it.
        CHECK(row.record_hash == storage::record_digest(clinic.db, row.entry.record_kind,
                                                        *row.entry.record_id, *row.entry.revision));
        previous = *row.hash;
    }
    std::vector<storage::StoredAuditRow> stored;
    storage::for_each_audit_row(clinic.db, {}, [&](const storage::StoredAuditRow& row) {
        stored.push_back(row);
        return true;
    });
    REQUIRE(stored.size() == rows.size());
    for (const auto& row : stored) {
        CHECK(row.hash == storage::audit_row_hash(row));
        CHECK(row.os_user == storage::operating_system_account());
        CHECK(row.clock_fixed == true); // the test clock is fixed
    }

    SUBCASE("changing any field changes the hash") {
        const auto& row = stored.at(2);
        const auto changed = [&](auto change) {
            auto tampered = row;
            change(tampered);
            return storage::audit_row_hash(tampered) != row.hash;
        };
        CHECK(changed([](auto& r) { r.reason = "new e-mail"; }));
        CHECK(changed([](auto& r) { r.actor = "someone.else"; }));
        CHECK(changed([](auto& r) { r.revision = 3; }));
        CHECK(changed([](auto& r) { r.id += 1; }));
        CHECK(changed([](auto& r) { r.prev_hash += "0"; }));
        CHECK(changed([](auto& r) { r.record_hash += "0"; }));
        CHECK(changed([](auto& r) { r.record_hash.clear(); }));
        CHECK(changed([](auto& r) { r.os_user = "mallory"; }));
        CHECK(changed([](auto& r) { r.os_user.reset(); }));
        CHECK(changed([](auto& r) { r.clock_fixed = false; }));
    }
}

TEST_CASE("load_patient_file: current sessions, the excluded one and voided ones left out") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    records::add_condition(clinic.scope, patient.code,
                           {ConditionCode::keloid_tendency, std::nullopt, std::nullopt, ""});
    const auto kept =
        records::log_session(clinic.scope, patient.code, test::session_at("2026-09-01T10:00:00Z"));
    const auto voided =
        records::log_session(clinic.scope, patient.code, test::session_at("2026-10-01T10:00:00Z"));
    const auto excluded =
        records::log_session(clinic.scope, patient.code, test::session_at("2026-11-01T10:00:00Z"));
    records::void_session(clinic.scope, voided.session.id, {"duplicate"});

    const auto file = rules::load_patient_file(clinic.db, patient.id, excluded.session.id);
    REQUIRE(file.other_sessions.size() == 1);
    CHECK(file.other_sessions[0].id == kept.session.id);
    REQUIRE(file.conditions.size() == 1);
    CHECK(file.conditions[0].details.code == ConditionCode::keloid_tendency);
    CHECK(file.consents.size() == 1);
    CHECK(rules::load_patient_file(clinic.db, patient.id).other_sessions.size() == 2);
}

TEST_CASE("add_condition and resolve_condition: revisions and audit rows") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    const auto added =
        records::add_condition(clinic.scope, patient.code,
                               {ConditionCode::eczema, day("2026-03-01"), std::nullopt, "hands"});
    check_audit(last_audit(clinic.db), "condition.add", "condition", added.id.value,
                patient.id.value, 1);

    const auto before = test::table_counts(clinic.db);
    const auto e = thrown<Conflict>([&] {
        records::add_condition(clinic.scope, patient.code,
                               {ConditionCode::eczema, std::nullopt, std::nullopt, ""});
    });
    CHECK(std::string(e.what()).find("eczema is already on file") != std::string::npos);
    CHECK(thrown<ValidationError>([&] {
              records::resolve_condition(clinic.scope, patient.code, ConditionCode::eczema,
                                         day("2026-02-28"));
          }).field() == "resolved");
    CHECK_THROWS_AS(records::resolve_condition(clinic.scope, patient.code, ConditionCode::psoriasis,
                                               day("2026-11-01")),
                    NotFound);
    CHECK_THROWS_AS(
        records::add_condition(clinic.scope, "P-NOBODY",
                               {ConditionCode::psoriasis, std::nullopt, std::nullopt, ""}),
        NotFound);
    CHECK(test::table_counts(clinic.db) == before);

    const auto resolved = records::resolve_condition(clinic.scope, patient.code,
                                                     ConditionCode::eczema, day("2026-11-01"));
    CHECK(resolved.revision.number == 2);
    const auto on_file = records::conditions_of(clinic.db, patient.id);
    REQUIRE(on_file.size() == 1);
    CHECK(on_file[0].details.resolved_on == day("2026-11-01"));
    CHECK(on_file[0].details.note == "hands");
    check_audit(last_audit(clinic.db), "condition.resolve", "condition", added.id.value,
                patient.id.value, 2, "resolved");

    // Resolved, the same condition can be recorded again when it comes back.
    CHECK_NOTHROW(records::add_condition(
        clinic.scope, patient.code, {ConditionCode::eczema, day("2026-11-20"), std::nullopt, ""}));
    CHECK(records::conditions_of(clinic.db, patient.id).size() == 2);
}

TEST_CASE("add_product: the serum catalogue grows through a checked, audited write") {
    test::Clinic clinic;
    const storage::Product product{{}, "pdrn-serum", "PDRN serum", ProductKind::other, "Acme"};
    const auto added = records::add_product(clinic.scope, product);
    const auto products = records::list_products(clinic.db);
    CHECK(std::any_of(products.begin(), products.end(), [&](const storage::Product& p) {
        return p.id == added.id && p.code == "pdrn-serum" && p.name == "PDRN serum";
    }));
    const auto entry = last_audit(clinic.db);
    CHECK(entry.action == "product.add");
    CHECK(entry.record_id == added.id.value);
    CHECK_FALSE(entry.patient_id.has_value());

    const auto before = test::table_counts(clinic.db);
    CHECK_THROWS_AS(records::add_product(clinic.scope, product), Conflict);
    for (const auto& bad :
         std::vector<std::string>{"", "PDRN", "pdrn serum", std::string(41, 'p')}) {
        CAPTURE(bad);
        auto invalid = product;
        invalid.code = bad;
        CHECK(thrown<ValidationError>([&] {
                  records::add_product(clinic.scope, invalid);
              }).field() == "code");
    }
    auto unnamed = product;
    unnamed.code = "unnamed";
    unnamed.name = " ";
    CHECK(thrown<ValidationError>([&] { records::add_product(clinic.scope, unnamed); }).field() ==
          "name");
    CHECK(test::table_counts(clinic.db) == before);

    // The new product can be used in a session straight away.
    const auto patient = test::patient_with_consent(clinic);
    auto details = test::session_at("2026-11-20T10:00:00Z");
    details.serums = {{"pdrn-serum", "PD-1", SerumPhase::after}};
    const auto logged = records::log_session(clinic.scope, patient.code, details);
    CHECK(records::get_session(clinic.db, logged.session.id).details.serums == details.serums);
}

// A session entered later can change an override's message (the nearest session); amending a
// note must neither lose the override nor make it a plain warning.
TEST_CASE("amend_session: an override whose finding changed by another record stays an override") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    records::log_session(clinic.scope, patient.code, test::session_at("2026-11-01T10:00:00Z"));
    const auto second =
        records::log_session(clinic.scope, patient.code, test::session_at("2026-11-11T10:00:00Z"),
                             {"interval:cheek=patient travelling abroad"})
            .session;
    REQUIRE(second.findings.size() == 1);
    records::Scope later{clinic.db, test::fixed_clock(), "dr.other"};
    // Logged late: two days before the second session, on the same skin.
    records::log_session(later, patient.code, test::session_at("2026-11-09T10:00:00Z"),
                         {"interval:cheek=late entry from paper notes"});

    auto changed = second.details;
    changed.note = "tolerated well";
    const auto amended = records::amend_session(later, second.id, changed, "note added").session;
    REQUIRE(amended.findings.size() == 1);
    const auto& kept = amended.findings[0];
    CHECK(kept.key == "interval:cheek");
    CHECK(kept.level == FindingLevel::overridden);
    INFO(kept.message);
    CHECK(contains(kept.message, "2 days earlier, in session 3"));
    CHECK(kept.message.ends_with(" (so before this amendment too)"));
    CHECK(kept.override_reason == "patient travelling abroad");
    // Accepted by whoever logged the second session, not by the amendment's author.
    CHECK(kept.overridden_by == test::test_actor);
    CHECK(records::get_session(clinic.db, second.id).findings == amended.findings);

    SUBCASE("its reason can still be corrected by key") {
        records::amend_session(later, second.id, changed, "reason clarified",
                               {"interval:cheek=patient abroad until the 11th, agreed"});
        const auto stored = records::get_session(clinic.db, second.id);
        REQUIRE(stored.findings.size() == 1);
        CHECK(stored.findings[0].override_reason == "patient abroad until the 11th, agreed");
        CHECK(stored.findings[0].overridden_by == "dr.other");
    }
}

TEST_CASE("add_followup: the outcome must agree with the reactions on file by its day") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    const auto id =
        records::log_session(clinic.scope, patient.code, test::session_at("2026-11-10T10:00:00Z"))
            .session.id;
    records::add_reaction(clinic.scope, id, reaction(ReactionKind::erythema, "2026-11-12"));
    const auto before = test::table_counts(clinic.db);
    const auto none_after_onset = thrown<ValidationError>([&] {
        records::add_followup(clinic.scope, id, {day("2026-11-13"), FollowupOutcome::none, ""});
    });
    CHECK(none_after_onset.field() == "outcome");
    CHECK(contains(none_after_onset.what(), "onset 2026-11-12"));
    CHECK(thrown<ValidationError>([&] {
              records::add_followup(clinic.scope, id,
                                    {day("2026-11-11"), FollowupOutcome::reactions, ""});
          }).field() == "outcome");
    CHECK(test::table_counts(clinic.db) == before);
    // The day of onset counts as on file.
    records::add_followup(clinic.scope, id, {day("2026-11-12"), FollowupOutcome::reactions, ""});
    records::add_followup(clinic.scope, id, {day("2026-11-11"), FollowupOutcome::none, ""});
}

TEST_CASE("add_condition and resolve_condition: no date before the patient's birth") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic); // born 1985-04-12
    const auto before = test::table_counts(clinic.db);
    CHECK(thrown<ValidationError>([&] {
              records::add_condition(clinic.scope, patient.code,
                                     {ConditionCode::eczema, day("1985-04-11"), std::nullopt, ""});
          }).field() == "since");
    CHECK(test::table_counts(clinic.db) == before);
    records::add_condition(clinic.scope, patient.code,
                           {ConditionCode::eczema, day("1985-04-12"), std::nullopt, ""});
    CHECK(thrown<ValidationError>([&] {
              records::resolve_condition(clinic.scope, patient.code, ConditionCode::eczema,
                                         day("1980-01-01"));
          }).field() == "on");
}
