// Text output (tables, record views, the text history, report views, the HTML escape) with
// stored text that could fake a line: records are built in memory, past the validation that
// refuses such text today, as a database written by an older version or by hand may hold them.
#include "fixtures.hpp"

#include "needlebook/render/history.hpp"
#include "needlebook/render/html.hpp"
#include "needlebook/render/record_text.hpp"
#include "needlebook/render/report_view.hpp"
#include "needlebook/render/table.hpp"

#include <doctest/doctest.h>
#include <sstream>
#include <string>
#include <vector>

using namespace needlebook;
using test::contains;

namespace {

const std::string forged_row = "\nP-000009  Forged, Row  1990-01-01  -";
const std::string hostile = "a\tb\rc\x1b[31md\u202ee\u200bf\u2028g\x7f";
const std::string hostile_shown =
    "a\u21E5b<U+000D>c<U+001B>[31md<U+202E>e<U+200B>f<U+2028>g<U+007F>";

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

// No line of `text` holds a character that does not print as itself, and none starts with
// what a forged row would start with.
void check_one_line_each(const std::string& text) {
    for (const auto& line : lines_of(text)) {
        CAPTURE(line);
        CHECK_FALSE(line.starts_with("P-000009"));
        for (const char c : line)
            CHECK((static_cast<unsigned char>(c) >= 0x20 && c != 0x7F));
        CHECK_FALSE(contains(line, "\u202e"));
        CHECK_FALSE(contains(line, "\u200b"));
        CHECK_FALSE(contains(line, "\u2028"));
    }
}

Patient hostile_patient() {
    Patient patient;
    patient.id = PatientId{1};
    patient.code = "P-000001";
    patient.details = test::patient_details("Okafor" + forged_row, "Chidi" + hostile);
    patient.details.note = "note" + forged_row;
    patient.details.phone = hostile;
    patient.revision = {2, "dr.lee\nP-000009", test::fixed_now(), "typo" + forged_row, false};
    return patient;
}

Session hostile_session() {
    Session session;
    session.id = SessionId{1};
    session.patient_id = PatientId{1};
    session.patient_code = "P-000001";
    session.details = test::session_at("2026-11-20T10:00:00Z");
    session.details.practitioner = "Dr" + forged_row;
    session.details.model = hostile;
    session.details.aftercare = "SPF\r\nP-000009  Forged";
    session.details.note = "ok" + forged_row;
    session.details.serums = {{"ha-serum", "HA\n2291", SerumPhase::during}};
    session.findings = {
        {"depth:cheek", FindingLevel::overridden, "deep" + forged_row, "because" + forged_row}};
    session.revision = {1, "nurse\x1b[2J", test::fixed_now(), "", false};
    return session;
}

} // namespace

TEST_CASE("TextTable: a cell is one line of visible characters") {
    render::TextTable table({"code", "name"});
    table.add_row({"P-000001", "x" + forged_row});
    table.add_row({"P-000002", hostile});
    const auto text = table.render(false);
    CHECK(lines_of(text) ==
          std::vector<std::string>{"code      name",
                                   "P-000001  x\u23CEP-000009  Forged, Row  1990-01-01  -",
                                   "P-000002  " + hostile_shown});
    check_one_line_each(text);
    SUBCASE("columns stay aligned: the width is that of the visible form") {
        render::TextTable aligned({"a", "b"});
        aligned.add_row({"\u202e", "x"});
        aligned.add_row({"12345678", "y"});
        CHECK(lines_of(aligned.render(false)) ==
              std::vector<std::string>{"a         b", "<U+202E>  x", "12345678  y"});
    }
}

TEST_CASE("patient_text and patient_table: stored text cannot fake a line") {
    const auto zone = time::ClinicZone::from_setting("Europe/London");
    const auto patient = hostile_patient();
    Consent consent;
    consent.details = {test::day("2026-06-01"), "all" + forged_row};
    const auto text = render::patient_text(patient, {}, {consent}, {}, zone);
    check_one_line_each(text);
    CHECK(contains(text, "  note          note\u23CEP-000009  Forged, Row  1990-01-01  -\n"));
    CHECK(contains(text, "  phone         " + hostile_shown + "\n"));
    CHECK(contains(text, "    0: signed 2026-06-01, covers all\u23CEP-000009"));
    CHECK(contains(text, "  revision 2 by dr.lee\u23CEP-000009 on 2026-11-23 15:00: typo\u23CE"));
    check_one_line_each(render::patient_table({patient}).render(false));
}

TEST_CASE("session_text and session_table: stored text cannot fake a line") {
    const auto zone = time::ClinicZone::from_setting("Europe/London");
    const auto session = hostile_session();
    Reaction reaction;
    reaction.id = ReactionId{1};
    reaction.details.onset = test::day("2026-11-20");
    reaction.details.note = "itchy" + forged_row;
    Followup followup;
    followup.details.checked_on = test::day("2026-11-22");
    followup.details.note = "fine" + forged_row;
    const auto text = render::session_text(session, {reaction}, {followup}, zone);
    check_one_line_each(text);
    CHECK(contains(text, "  aftercare     SPF\u23CEP-000009  Forged\n"));
    CHECK(contains(text, "  note          ok\u23CEP-000009"));
    CHECK(contains(text, "  overridden    depth:cheek: deep\u23CEP-000009  Forged, Row  "
                         "1990-01-01  - (reason: because\u23CEP-000009"));
    CHECK(contains(text, "HA\u23CE2291"));
    CHECK(contains(text, "(itchy\u23CEP-000009"));
    CHECK(contains(text, "(fine\u23CEP-000009"));
    CHECK(contains(text, "by nurse<U+001B>[2J on"));
    check_one_line_each(render::session_table({session}, zone).render(false));
}

TEST_CASE("history_text: stored text cannot fake a line of the printed history") {
    const auto zone = time::ClinicZone::from_setting("Europe/London");
    report::PatientHistory history;
    history.clinic_name = "Clinic" + forged_row;
    history.zone_name = "Europe/London";
    history.as_of = test::day("2026-11-23");
    history.printed_at = test::fixed_now();
    history.printed_by = "dr.lee\x1b]0;title\a";
    history.patient = hostile_patient();
    report::SessionEntry entry;
    entry.session = hostile_session();
    entry.day = test::day("2026-11-20");
    history.sessions.push_back(entry);
    const auto text = render::history_text(history, zone, false);
    check_one_line_each(text);
    CHECK(contains(text, "Clinic\u23CEP-000009"));
    CHECK(contains(text, "by dr.lee<U+001B>]0;title<U+0007>;"));
    CHECK(contains(text, "  practitioner   Dr\u23CEP-000009"));
    CHECK(contains(text, "  aftercare      SPF\u23CEP-000009"));
}

TEST_CASE("view_text: titles, facts and cells of a report are single lines") {
    render::ReportView view;
    view.title = "Lot recall: L" + forged_row;
    view.facts = {{"lot", {"L" + forged_row}}};
    view.tables.push_back(
        {"rows", "", {"name", "reason"}, {{{"Ann" + forged_row}, {hostile}}}, ""});
    std::vector<records::AuditLine> audit(1);
    audit[0].row.id = 1;
    audit[0].row.at = "2026-11-23T15:00:00Z";
    audit[0].row.actor = "dr.lee\nP-000009";
    audit[0].row.action = "session.void";
    audit[0].row.reason = "typo" + forged_row;
    for (const auto& shown : {view, render::audit_view(audit)}) {
        const auto text = render::view_text(shown, false);
        check_one_line_each(text);
        // JSON and CSV carry the text as stored.
        CHECK(render::view_json(shown).dump().find("\\n") != std::string::npos);
        std::ostringstream csv;
        render::write_view_csv(csv, shown);
        CHECK(contains(csv.str(), "\nP-000009"));
    }
}

TEST_CASE("escape_html: markup escaped, hidden characters shown, line breaks kept") {
    CHECK(render::escape_html("<b>&\"'") == "&lt;b&gt;&amp;&quot;&#39;");
    CHECK(render::escape_html("a\u202eb\x1b[1m\u200b") ==
          "a&lt;U+202E&gt;b&lt;U+001B&gt;[1m&lt;U+200B&gt;");
    CHECK(render::escape_html("one\ntwo\r\nthree\tfour") == "one\ntwo\nthree\u21E5four");
    CHECK(render::escape_html("Zoë 김민지") == "Zoë 김민지");
}
