// Corrections of the records on a patient's file: amend and void of conditions, consents,
// reactions and follow-ups, each a new revision with its reason and audit row, each refusal
// leaving the database as it was.
#include "fixtures.hpp"

#include "needlebook/error.hpp"
#include "needlebook/records/correction.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/reactions.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/report/history.hpp"
#include "needlebook/storage/audit_log.hpp"
#include "needlebook/storage/condition_repository.hpp"
#include "needlebook/storage/reaction_repository.hpp"

#include <doctest/doctest.h>

namespace needlebook::test {
namespace {

records::Correction because(std::string reason, std::optional<int> based_on = std::nullopt) {
    return {std::move(reason), based_on};
}

// What the newest audit row says: action, record kind, id, revision and reason.
std::string last_audit_row(storage::Database& db) {
    auto row = db.connection().prepare("SELECT action || ' ' || record_kind || ' ' || record_id || "
                                       "' rev ' || revision || ': ' || reason FROM audit_log ORDER "
                                       "BY id DESC LIMIT 1");
    REQUIRE(row->step());
    return row->column(0).as_text();
}

// A patient with a condition, a consent, a session, one reaction and one follow-up.
struct File : Clinic {
    Patient patient = patient_with_consent(*this);
    Condition condition;
    Session session;
    Reaction reaction;
    Followup followup;

    File() {
        condition = records::add_condition(
            scope, patient.code,
            {ConditionCode::pregnancy, day("2026-01-01"), std::nullopt, "second trimester"});
        auto details = session_at("2026-11-20T10:00:00Z", {{Area::cheek, Side::left, 1.0, 2}});
        details.serums = {{"ha-serum", "HA1", SerumPhase::after}};
        session = records::log_session(scope, patient.code, details,
                                       {"condition:pregnancy=obstetrician agrees"})
                      .session;
        ReactionDetails erythema;
        erythema.kind = ReactionKind::erythema;
        erythema.severity = Severity::mild;
        erythema.area = Area::cheek;
        erythema.side = Side::left;
        erythema.onset = day("2026-11-20");
        reaction = records::add_reaction(scope, session.id, erythema);
        followup = records::add_followup(scope, session.id,
                                         {day("2026-11-22"), FollowupOutcome::reactions, ""});
    }
    ConsentId consent() { return records::consents_of(db, patient.id).front().id; }
};

// `call` throws E, and the database is exactly as it was.
template <class E, class Call> std::string refused_unchanged(Clinic& clinic, Call&& call) {
    const auto before = table_counts(clinic.db);
    const auto audit = dump_table(clinic.db, "audit_log");
    const std::string message = thrown<E>(call).what();
    CHECK(table_counts(clinic.db) == before);
    CHECK(dump_table(clinic.db, "audit_log") == audit);
    return message;
}

} // namespace

TEST_CASE("check_correctable refuses a blank reason, a stale revision and a voided record") {
    RevisionInfo current{3, "dr.test", fixed_now(), "typo", false};
    using records::CorrectionKind;
    CHECK_NOTHROW(
        records::check_correctable("condition 1", current, because("typo"), CorrectionKind::amend));
    CHECK_NOTHROW(records::check_correctable("condition 1", current, because("typo", 3),
                                             CorrectionKind::amend));
    CHECK(refusal([&] {
              records::check_correctable("condition 1", current, because("  "),
                                         CorrectionKind::amend);
          }).field() == "reason");
    CHECK(std::string(thrown<Conflict>([&] {
                          records::check_correctable("condition 1", current, because("x", 2),
                                                     CorrectionKind::amend);
                      }).what()) ==
          "condition 1 was amended meanwhile (now revision 3); run the command again");
    current.voided = true;
    CHECK(std::string(thrown<Conflict>([&] {
                          records::check_correctable("condition 1", current, because("x"),
                                                     CorrectionKind::amend);
                      }).what()) == "condition 1 is voided; it cannot be amended");
    CHECK(std::string(thrown<Conflict>([&] {
                          records::check_correctable("condition 1", current, because("x"),
                                                     CorrectionKind::void_record);
                      }).what()) == "condition 1 is already voided");
}

TEST_CASE("a condition's code, dates and note are amended as a new revision") {
    File file;
    const auto amended = records::amend_condition(
        file.scope, file.condition.id,
        [](ConditionDetails& d) {
            d.code = ConditionCode::eczema;
            d.since.reset();
            d.note = "hands";
        },
        because("entered under the wrong code"));
    CHECK(amended.revision.number == 2);
    CHECK(amended.details.code == ConditionCode::eczema);
    CHECK(last_audit_row(file.db) ==
          fmt::format("condition.amend condition {} rev 2: entered under the wrong code",
                      file.condition.id));
    // The identity row keeps the code it was entered with; the revision holds the new one.
    CHECK(count_rows(file.db, "condition_revision_code") == 1);
    const auto on_file = records::conditions_of(file.db, file.patient.id);
    REQUIRE(on_file.size() == 1);
    CHECK(on_file[0].details.code == ConditionCode::eczema);
    CHECK_FALSE(on_file[0].details.since);
    // The next session is checked against the corrected file: eczema blocks, pregnancy is gone.
    const auto refusal = thrown<Refused>([&] {
        records::log_session(file.scope, file.patient.code,
                             session_at("2026-11-23T09:00:00Z", {{Area::chin, std::nullopt, 1.0}}),
                             {});
    });
    CHECK(contains(refusal.what(), "condition:eczema"));
    CHECK_FALSE(contains(refusal.what(), "pregnancy"));
    // A later revision repeats the corrected code.
    const auto resolved = records::resolve_condition(file.scope, file.patient.code,
                                                     ConditionCode::eczema, day("2026-11-22"));
    CHECK(resolved.details.code == ConditionCode::eczema);
    CHECK(count_rows(file.db, "condition_revision_code") == 2);
}

TEST_CASE("a condition amendment is refused when it would clash or change nothing") {
    File file;
    records::add_condition(file.scope, file.patient.code,
                           {ConditionCode::eczema, std::nullopt, std::nullopt, ""});
    CHECK(contains(refused_unchanged<Conflict>(file,
                                               [&] {
                                                   records::amend_condition(
                                                       file.scope, file.condition.id,
                                                       [](ConditionDetails& d) {
                                                           d.code = ConditionCode::eczema;
                                                       },
                                                       because("wrong code"));
                                               }),
                   "eczema is already on file"));
    CHECK(refused_unchanged<Conflict>(file,
                                      [&] {
                                          records::amend_condition(
                                              file.scope, file.condition.id,
                                              [](ConditionDetails&) {}, because("no change"));
                                      }) ==
          fmt::format("condition {} already reads like that; nothing to amend", file.condition.id));
    refused_unchanged<NotFound>(file, [&] {
        records::amend_condition(
            file.scope, ConditionId{99}, [](ConditionDetails& d) { d.note.push_back('x'); },
            because("x"));
    });
    // A date before the patient was born, or a resolution before the start.
    refused_unchanged<ValidationError>(file, [&] {
        records::amend_condition(
            file.scope, file.condition.id, [](ConditionDetails& d) { d.since = day("1980-01-01"); },
            because("year"));
    });
    refused_unchanged<ValidationError>(file, [&] {
        records::amend_condition(
            file.scope, file.condition.id,
            [](ConditionDetails& d) { d.resolved_on = day("2025-12-01"); }, because("date"));
    });
    refused_unchanged<Conflict>(file, [&] {
        records::amend_condition(
            file.scope, file.condition.id, [](ConditionDetails& d) { d.note.push_back('x'); },
            because("x", 2));
    });
}

TEST_CASE("a voided condition stays in the history, marked, and no longer blocks") {
    File file;
    const auto voided =
        records::void_condition(file.scope, file.condition.id, because("wrong patient"));
    CHECK(voided.revision.voided);
    CHECK(voided.revision.number == 2);
    CHECK(records::conditions_of(file.db, file.patient.id).empty());
    CHECK_NOTHROW(records::log_session(
        file.scope, file.patient.code,
        session_at("2026-11-23T09:00:00Z", {{Area::chin, std::nullopt, 1.0}}), {}));
    refused_unchanged<Conflict>(
        file, [&] { records::void_condition(file.scope, file.condition.id, because("again")); });
    refused_unchanged<Conflict>(file, [&] {
        records::amend_condition(
            file.scope, file.condition.id, [](ConditionDetails& d) { d.note.push_back('x'); },
            because("x"));
    });
    const auto history = report::build_history(file.scope, file.patient.code);
    REQUIRE(history.conditions.size() == 1);
    CHECK(history.conditions[0].record.revision.voided);
    REQUIRE(history.conditions[0].amendments.size() == 1);
    CHECK(history.conditions[0].amendments[0].revision.reason == "wrong patient");
    CHECK(history.conditions[0].amendments[0].changes.back().field == "voided");
}

TEST_CASE("a consent's date, scope and guardian are amended; a void takes it off the file") {
    File file;
    const auto id = file.consent();
    const auto amended = records::amend_consent(
        file.scope, id,
        [](ConsentDetails& d) {
            d.signed_on = day("2026-01-06");
            d.covers = "microneedling serums prp";
        },
        because("typed from the wrong form"));
    CHECK(amended.revision.number == 2);
    CHECK(last_audit_row(file.db) ==
          fmt::format("consent.amend consent {} rev 2: typed from the wrong form", id));
    const auto history = report::build_history(file.scope, file.patient.code);
    REQUIRE(history.consents.size() == 1);
    const auto& changes = history.consents[0].amendments.at(0).changes;
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].field == "signed");
    CHECK(changes[0].before == "2026-01-05");
    CHECK(changes[0].after == "2026-01-06");
    CHECK(changes[1].field == "covers");
    refused_unchanged<ValidationError>(file, [&] {
        records::amend_consent(
            file.scope, id, [](ConsentDetails& d) { d.signed_on = day("2026-12-01"); },
            because("future"));
    });
    records::void_consent(file.scope, id, because("signed by someone else"));
    CHECK(records::consents_of(file.db, file.patient.id).empty());
}

TEST_CASE("an amended reaction must still fit its session; follow-ups that disagree are named") {
    File file;
    const auto refuse_edit = [&](auto edit) {
        return refused_unchanged<ValidationError>(file, [&] {
            records::amend_reaction(file.scope, file.reaction.id, edit, because("x"));
        });
    };
    CHECK(contains(refuse_edit([](ReactionDetails& d) { d.onset = day("2026-11-19"); }),
                   "before the session"));
    CHECK(contains(refuse_edit([](ReactionDetails& d) { d.area = Area::forehead; }),
                   "was not treated"));
    CHECK(contains(refuse_edit([](ReactionDetails& d) { d.resolved = day("2026-11-19"); }),
                   "2026-11-19"));
    const auto amended = records::amend_reaction(
        file.scope, file.reaction.id,
        [](ReactionDetails& d) {
            d.kind = ReactionKind::oedema;
            d.severity = Severity::moderate;
        },
        because("looked again at the photo"));
    CHECK(amended.record.revision.number == 2);
    CHECK(amended.warnings.empty());
    // Voided, the reaction leaves the follow-up's "reactions" without one: a warning says so.
    const auto voided =
        records::void_reaction(file.scope, file.reaction.id, because("another patient's"));
    CHECK(voided.record.revision.voided);
    REQUIRE(voided.warnings.size() == 1);
    CHECK(contains(voided.warnings[0],
                   fmt::format("followup amend {} --outcome none", file.followup.id)));
}

TEST_CASE("resolving a resolved reaction again needs a reason, and changes its date") {
    File file;
    records::resolve_reaction(file.scope, file.reaction.id, day("2026-11-21"));
    CHECK(contains(
        refused_unchanged<Conflict>(
            file,
            [&] { records::resolve_reaction(file.scope, file.reaction.id, day("2026-11-22")); }),
        "--reason"));
    refused_unchanged<Conflict>(file, [&] {
        records::resolve_reaction(file.scope, file.reaction.id, day("2026-11-21"),
                                  std::string("same day"));
    });
    const auto corrected = records::resolve_reaction(file.scope, file.reaction.id,
                                                     day("2026-11-22"), std::string("typo"));
    CHECK(corrected.details.resolved == day("2026-11-22"));
    CHECK(corrected.revision.reason == "typo");
}

TEST_CASE("an amended follow-up must agree with the reactions; a void keeps it marked") {
    File file;
    CHECK(refused_unchanged<ValidationError>(file, [&] {
              records::amend_followup(
                  file.scope, file.followup.id,
                  [](FollowupDetails& d) { d.outcome = FollowupOutcome::none; }, because("x"));
          }).find("outcome none") != std::string::npos);
    refused_unchanged<ValidationError>(file, [&] {
        records::amend_followup(
            file.scope, file.followup.id,
            [](FollowupDetails& d) { d.checked_on = day("2026-11-19"); }, because("x"));
    });
    const auto amended = records::amend_followup(
        file.scope, file.followup.id, [](FollowupDetails& d) { d.note = "settling"; },
        because("note left out"));
    CHECK(amended.revision.number == 2);
    records::void_followup(file.scope, file.followup.id, because("entered twice"));
    CHECK(records::followups_of(file.db, file.session.id).empty());
    const auto history = report::build_history(file.scope, file.patient.code);
    REQUIRE(history.sessions.size() == 1);
    REQUIRE(history.sessions[0].followups.size() == 1);
    const auto& entry = history.sessions[0].followups[0];
    CHECK(entry.record.revision.voided);
    REQUIRE(entry.amendments.size() == 2);
    CHECK(entry.amendments[0].changes.at(0).field == "note");
}

} // namespace needlebook::test
