// A history is built with a fixed number of queries however many sessions the patient has
// (issue 3: no query per row). Counted with SQLite's statement trace.
#include "fixtures.hpp"
#include "statement_trace.hpp"

#include "needlebook/records/reactions.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/report/history.hpp"

namespace needlebook::test {
namespace {

// Statements SQLite starts while `work` runs (each top-level statement once, triggers aside).
template <class Work> int statements_run(storage::Database& db, Work&& work) {
    return static_cast<int>(trace_statements(db, std::forward<Work>(work)).size());
}

// A patient with `sessions` sessions four weeks apart, each with a reaction and a follow-up, the
// second one amended and resolved: every kind of row the history reads.
void fill_patient(Clinic& clinic, const std::string& code, int sessions) {
    patient_with_consent(clinic, code);
    for (int i = 0; i < sessions; ++i) {
        const auto at = time::add_days(day("2023-01-02"), 28 * i);
        const auto logged = records::log_session(clinic.scope, code,
                                                 session_at(time::format_date(at) + "T10:00:00Z"));
        ReactionDetails reaction;
        reaction.kind = ReactionKind::erythema;
        reaction.severity = Severity::mild;
        reaction.onset = at;
        const auto added = records::add_reaction(clinic.scope, logged.session.id, reaction);
        records::resolve_reaction(clinic.scope, added.id, time::add_days(at, 2));
        records::add_followup(clinic.scope, logged.session.id,
                              {time::add_days(at, 3), FollowupOutcome::reactions, ""});
        if (i == 1) {
            auto amended = logged.session.details;
            amended.note = "corrected";
            records::amend_session(clinic.scope, logged.session.id, amended, "note added");
        }
    }
}

} // namespace

TEST_CASE("a history takes the same number of queries for 2 sessions as for 40") {
    Clinic clinic;
    fill_patient(clinic, "FEW", 2);
    fill_patient(clinic, "MANY", 40);
    report::PatientHistory few, many;
    const int few_queries =
        statements_run(clinic.db, [&] { few = report::build_history(clinic.scope, "FEW"); });
    const int many_queries =
        statements_run(clinic.db, [&] { many = report::build_history(clinic.scope, "MANY"); });
    REQUIRE(few.sessions.size() == 2);
    REQUIRE(many.sessions.size() == 40);
    CHECK(many.sessions[1].amendments.size() == 1);
    CHECK(many.sessions[39].reactions.size() == 1);
    CHECK(few_queries == many_queries);
    // 24: the OS account of each correction, the settings each session was checked with, since
    // schema 8 every revision of conditions, consents and follow-ups and the chart's merges, and
    // since schema 10 the courses with their sessions, the scores and the photos
    CHECK(many_queries <= 24);
    MESSAGE("queries per history: ", many_queries);
}

} // namespace needlebook::test
