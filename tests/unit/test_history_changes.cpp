// A printed history never hides a correction (issue 3), and reading one is audited.
#include "fixtures.hpp"

#include "needlebook/records/sessions.hpp"
#include "needlebook/report/history.hpp"

namespace needlebook::test {
namespace {

const report::FieldChange* find_change(const report::Amendment& amendment, std::string_view field) {
    for (const auto& change : amendment.changes)
        if (change.field == field)
            return &change;
    return nullptr;
}

int audit_rows(storage::Database& db, std::string_view action) {
    auto count = db.connection().prepare("SELECT count(*) FROM audit_log WHERE action = :action");
    count->bind(":action", std::string(action));
    count->step();
    return count->column(0).as_int();
}

} // namespace

TEST_CASE("dropping one phase of a serum given both during and after shows in the history") {
    Clinic clinic;
    const auto patient = patient_with_consent(clinic);
    auto details = session_at("2026-11-10T10:00:00Z");
    details.serums = {parse_serum_spec("ha-serum@L1:during"),
                      parse_serum_spec("ha-serum@L1:after")};
    const auto logged = records::log_session(clinic.scope, patient.code, details);
    details.serums = {parse_serum_spec("ha-serum@L1:after")};
    records::amend_session(clinic.scope, logged.session.id, details, "during dose was not given");

    const auto history = report::build_history(clinic.scope, patient.code);
    REQUIRE(history.sessions.size() == 1);
    REQUIRE(history.sessions[0].amendments.size() == 1);
    const auto* change = find_change(history.sessions[0].amendments[0], "serum ha-serum@L1:during");
    REQUIRE(change != nullptr);
    CHECK(change->before == "given");
    CHECK(change->after.empty());
}

TEST_CASE("moving a session by an hour within the repeated hour when clocks go back shows") {
    Clinic clinic; // Europe/London: 2026-10-25 01:00-02:00 happens twice
    const auto patient = patient_with_consent(clinic);
    auto details = session_at("2026-10-25T00:30:00Z"); // 01:30 BST
    const auto logged = records::log_session(clinic.scope, patient.code, details);
    details.performed_at = utc("2026-10-25T01:30:00Z"); // 01:30 GMT, the same on the wall clock
    records::amend_session(clinic.scope, logged.session.id, details, "clock read after change");

    const auto history = report::build_history(clinic.scope, patient.code);
    REQUIRE(history.sessions[0].amendments.size() == 1);
    const auto* change = find_change(history.sessions[0].amendments[0], "time");
    REQUIRE(change != nullptr);
    CHECK(change->before == "2026-10-25 01:30 (2026-10-25T00:30:00Z)");
    CHECK(change->after == "2026-10-25 01:30 (2026-10-25T01:30:00Z)");
}

TEST_CASE("each history read adds one audit row; an unknown patient or a failed delivery none") {
    Clinic clinic;
    const auto patient = patient_with_consent(clinic);
    report::build_history(clinic.scope, patient.code, "history as html to h.html");
    CHECK(audit_rows(clinic.db, "patient.history") == 1);
    auto last = clinic.db.connection().prepare("SELECT actor, patient_id, reason FROM audit_log "
                                               "ORDER BY id DESC LIMIT 1");
    REQUIRE(last->step());
    CHECK(last->column(0).as_text() == test_actor);
    CHECK(last->column(1).as_int64() == patient.id.value);
    CHECK(last->column(2).as_text() == "history as html to h.html");

    CHECK_THROWS_AS(report::build_history(clinic.scope, "NOBODY"), NotFound);
    CHECK_THROWS_AS(report::deliver_history(
                        clinic.scope, patient.code, "history",
                        [](const report::PatientHistory&) { throw FileError("disk full"); }),
                    FileError);
    CHECK(audit_rows(clinic.db, "patient.history") == 1);
}

} // namespace needlebook::test
