// Merging a duplicate chart: the records move as new revisions, the duplicate is voided naming
// the target, lookups and histories say where everything went, and the checks of the merged
// file are reported without being stored.
#include "fixtures.hpp"

#include "needlebook/error.hpp"
#include "needlebook/records/merge.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/reactions.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/report/history.hpp"
#include "needlebook/storage/patient_repository.hpp"

#include <doctest/doctest.h>

namespace needlebook::test {
namespace {

// Two charts of one person, each with a consent and a session on the left cheek a week apart;
// the duplicate also has a condition and a reaction.
struct Twins : Clinic {
    Patient real = patient_with_consent(*this, "REAL");
    Patient twin = patient_with_consent(*this, "TWIN", "2026-02-01");
    Session first, second;
    Condition condition;
    Reaction reaction;

    Twins() {
        first = records::log_session(
                    scope, real.code,
                    session_at("2026-11-03T10:00:00Z", {{Area::cheek, Side::left, 1.0}}), {})
                    .session;
        condition = records::add_condition(
            scope, twin.code, {ConditionCode::keloid_tendency, std::nullopt, std::nullopt, ""});
        second = records::log_session(
                     scope, twin.code,
                     session_at("2026-11-10T10:00:00Z", {{Area::cheek, Side::left, 1.0}}), {})
                     .session;
        ReactionDetails erythema;
        erythema.kind = ReactionKind::erythema;
        erythema.severity = Severity::mild;
        erythema.onset = day("2026-11-10");
        reaction = records::add_reaction(scope, second.id, erythema);
    }
};

records::Correction because(std::string reason, std::optional<int> based_on = std::nullopt) {
    return {std::move(reason), based_on};
}

} // namespace

TEST_CASE("a merge moves the duplicate's records as new revisions and voids it") {
    Twins clinic;
    const auto before_sessions = count_rows(clinic.db, "session");
    const auto merged = records::merge_patient(clinic.scope, "TWIN", "REAL",
                                               because("registered twice at reception"));
    CHECK(merged.conditions == 1);
    CHECK(merged.consents == 1);
    CHECK(merged.sessions == 1);
    CHECK(merged.duplicate.revision.voided);
    // Nothing rewritten: the same sessions, each with a new revision naming its new patient.
    CHECK(count_rows(clinic.db, "session") == before_sessions);
    CHECK(count_rows(clinic.db, "session_owner") == 1);
    CHECK(count_rows(clinic.db, "condition_owner") == 1);
    CHECK(count_rows(clinic.db, "consent_owner") == 1);
    CHECK(count_rows(clinic.db, "patient_merge") == 1);

    storage::SessionFilter of_real;
    of_real.patient = clinic.real.id;
    CHECK(records::list_sessions(clinic.db, of_real).size() == 2);
    storage::SessionFilter of_twin;
    of_twin.patient = clinic.twin.id;
    CHECK(records::list_sessions(clinic.db, of_twin).empty());
    CHECK(records::conditions_of(clinic.db, clinic.real.id).size() == 1);
    CHECK(records::consents_of(clinic.db, clinic.real.id).size() == 2);
    CHECK(records::conditions_of(clinic.db, clinic.twin.id).empty());
    const auto moved = records::get_session(clinic.db, clinic.second.id);
    CHECK(moved.patient_id == clinic.real.id);
    CHECK(moved.patient_code == "REAL");
    CHECK(moved.revision.number == 2);
    CHECK(moved.revision.reason == "chart TWIN merged into REAL: registered twice at reception");

    // The merged file's checks: the same cheek a week apart, and the keloid tendency, are
    // reported; the sessions' stored findings are not changed.
    const auto reported = [&](std::string_view part) {
        return std::any_of(merged.warnings.begin(), merged.warnings.end(),
                           [&](const std::string& w) { return contains(w, part); });
    };
    CHECK(reported(fmt::format("session {} (2026-11-03 10:00) in the merged file: "
                               "interval:cheek:left",
                               clinic.first.id)));
    CHECK(reported("condition:keloid-tendency"));
    CHECK(records::get_session(clinic.db, clinic.first.id).findings.empty());

    // The history of the target shows the merge in its header and at each record moved.
    const auto history = report::build_history(clinic.scope, "REAL");
    REQUIRE(history.chart_status.size() == 1);
    CHECK(contains(history.chart_status[0], "chart TWIN merged into REAL"));
    REQUIRE(history.sessions.size() == 2);
    const auto& entry = history.sessions[1];
    REQUIRE(entry.amendments.size() == 1);
    REQUIRE_FALSE(entry.amendments[0].changes.empty());
    CHECK(entry.amendments[0].changes[0].field == "chart");
    CHECK(entry.amendments[0].changes[0].before == "TWIN");
    CHECK(entry.amendments[0].changes[0].after == "REAL");
    CHECK(entry.reactions.size() == 1);
    const auto twin_history = report::build_history(clinic.scope, "TWIN");
    REQUIRE(twin_history.chart_status.size() == 1);
    CHECK(contains(twin_history.chart_status[0], "its records are on REAL's history"));
    CHECK(twin_history.sessions.empty());

    // Later corrections of a moved record keep its new patient.
    records::void_session(clinic.scope, clinic.second.id, because("logged twice"));
    CHECK(records::get_session(clinic.db, clinic.second.id).patient_id == clinic.real.id);
    CHECK(count_rows(clinic.db, "session_owner") == 2);
}

TEST_CASE("a merge is refused, changing nothing, for a chart merged, voided or itself") {
    Twins clinic;
    const auto refused = [&]<class E>(E*, std::string_view duplicate, std::string_view into,
                                      records::Correction correction) {
        const auto before = table_counts(clinic.db);
        const std::string message =
            thrown<E>([&] {
                records::merge_patient(clinic.scope, duplicate, into, correction);
            }).what();
        CHECK(table_counts(clinic.db) == before);
        return message;
    };
    CHECK(refused(static_cast<ValidationError*>(nullptr), "TWIN", "REAL", because(" ")) ==
          "reason must say why, e.g. --reason \"typo in depth\"");
    CHECK(contains(refused(static_cast<ValidationError*>(nullptr), "REAL", "REAL", because("x")),
                   "cannot be merged into itself"));
    refused(static_cast<NotFound*>(nullptr), "NOBODY", "REAL", because("x"));
    refused(static_cast<Conflict*>(nullptr), "TWIN", "REAL", because("x", 2));
    records::merge_patient(clinic.scope, "TWIN", "REAL", because("the same person"));
    CHECK(refused(static_cast<Conflict*>(nullptr), "TWIN", "REAL", because("again")) ==
          "patient TWIN was already merged into REAL");
    const auto third = patient_with_consent(clinic, "THIRD");
    CHECK(refused(static_cast<Conflict*>(nullptr), "THIRD", "TWIN", because("x")) ==
          "patient TWIN was itself merged into REAL; merge into REAL");
    CHECK(contains(refused(static_cast<Conflict*>(nullptr), "TWIN", "THIRD", because("x")),
                   "already merged"));
    // Writing to the merged chart names the chart that holds its records.
    CHECK(std::string(thrown<Conflict>([&] {
                          records::add_consent(
                              clinic.scope, "TWIN",
                              {day("2026-11-01"), "microneedling", "", std::nullopt});
                      }).what()) == "patient TWIN was merged into REAL; add the consent to REAL");
}

TEST_CASE("a chart merged into one that is merged in turn follows its records") {
    Twins clinic;
    const auto third = patient_with_consent(clinic, "THIRD");
    records::merge_patient(clinic.scope, "TWIN", "REAL", because("the same person"));
    records::merge_patient(clinic.scope, "REAL", "THIRD", because("the same person again"));
    storage::SessionFilter of_third;
    of_third.patient = third.id;
    CHECK(records::list_sessions(clinic.db, of_third).size() == 2);
    CHECK(records::consents_of(clinic.db, third.id).size() == 3);
    const auto merges = storage::PatientRepository(clinic.db).merged_into(third.id);
    REQUIRE(merges.size() == 2);
    CHECK(merges[0].duplicate == "TWIN");
    CHECK(merges[1].duplicate == "REAL");
}

} // namespace needlebook::test
