#include "fixtures.hpp"

#include "needlebook/model/catalogue.hpp"
#include "needlebook/records/assessments.hpp"
#include "needlebook/records/courses.hpp"
#include "needlebook/records/lots.hpp"
#include "needlebook/records/merge.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/products.hpp"
#include "needlebook/records/reactions.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/storage/photo_repository.hpp"

#include <doctest/doctest.h>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace needlebook;

namespace {

// Every table holding medical records or their audit trail: insert-only.
const std::vector<std::string> record_tables{"patient",
                                             "patient_revision",
                                             "session",
                                             "session_revision",
                                             "session_area",
                                             "serum_use",
                                             "session_override",
                                             "session_finding",
                                             "reaction",
                                             "reaction_revision",
                                             "followup",
                                             "followup_revision",
                                             "condition",
                                             "condition_revision",
                                             "consent",
                                             "consent_revision",
                                             "setting",
                                             "setting_revision",
                                             "product",
                                             "session_setting",
                                             "lot",
                                             "lot_revision",
                                             "condition_clearance",
                                             "consent_terms",
                                             "condition_revision_code",
                                             "product_revision",
                                             "condition_owner",
                                             "consent_owner",
                                             "session_owner",
                                             "patient_merge",
                                             "course",
                                             "course_revision",
                                             "session_course",
                                             "assessment",
                                             "assessment_revision",
                                             "photo",
                                             "photo_revision",
                                             "audit_log"};

// Append-only tables of the audit trail that a plain clinic leaves empty (disclosures of lists,
// seals); their triggers are tried where they get rows.
const std::set<std::string> audit_side_tables{"audit_disclosure", "audit_seal"};

// Tables a database file leaves empty: photo_image holds a server's images (a file keeps them in
// its photo store); its triggers are tried by tests/schema/compare_dialects.py.
const std::set<std::string> server_side_tables{"photo_image"};

// Reference data a clinic may change: settings and the serum catalogue.
const std::set<std::string> reference_tables{"treatment_area", "reaction_kind", "condition_code",
                                             "outcome_scale"};

// A clinic with at least one row in every record table, each written through the use cases.
struct FullClinic : test::Clinic {
    Patient patient;
    Session session;
    Reaction reaction;
    Followup followup;
    Condition condition;
    Course course;
    Assessment score;

    FullClinic() {
        patient = test::patient_with_consent(*this);
        // Schema 10's records: a course the session joins, its pain and a score, amended.
        CourseDetails plan;
        plan.indication = Indication::acne_scars;
        plan.planned = 6;
        plan.every_days = 28;
        plan.started_on = test::day("2026-11-01");
        course = records::start_course(scope, patient.code, plan);
        auto amended = test::patient_details();
        amended.phone = "+44 7700 900999";
        records::amend_patient(scope, patient.code, amended, "new phone number");
        condition = records::add_condition(scope, patient.code,
                                           {ConditionCode::keloid_tendency, test::day("2020-01-01"),
                                            std::nullopt, "family history"});
        auto details =
            test::session_at("2026-11-20T10:00:00Z", {{Area::cheek, Side::left, 1.8, 3}});
        details.serums = {{"ha-serum", "HA2291", SerumPhase::during}};
        records::LogOptions with_pain;
        with_pain.pain = 4;
        session = records::log_session(scope, patient.code, details,
                                       {"depth:cheek:left=deep acne scars"}, with_pain)
                      .session;
        // The depth above the cheek limit; the keloid tendency and the missing baseline photos
        // warn.
        REQUIRE(session.findings.size() == 3);
        REQUIRE(session.details.course == course.id);
        AssessmentDetails grade;
        grade.scale = ScaleCode::goodman_baron;
        grade.score = 3;
        grade.area = Area::cheek;
        grade.side = Side::left;
        grade.assessed_on = test::day("2026-11-20");
        score = records::record_assessment(scope, patient.code, grade);
        records::amend_assessment(scope, score.id, [](AssessmentDetails& d) { d.score = 2; },
                                  {"misread the grading sheet", std::nullopt});
        records::amend_course(scope, course.id,
                              [](CourseDetails& d) { d.goal = "fewer rolling scars"; },
                              {"goal agreed", std::nullopt});
        // Schema 7's records: a lot, a clearance and a guardian's consent.
        records::add_lot(scope, "ha-serum", "HA2291", {test::day("2027-06-30")});
        records::clear_condition(scope, patient.code, ConditionCode::keloid_tendency,
                                 "Dr A. Shah, dermatologist", test::day("2027-01-31"),
                                 "no keloid seen on the face");
        records::add_consent(scope, patient.code,
                             {test::day("2026-11-01"), "microneedling", "Mary Doe", std::nullopt});
        ReactionDetails erythema;
        erythema.kind = ReactionKind::erythema;
        erythema.severity = Severity::mild;
        erythema.onset = test::day("2026-11-20");
        reaction = records::add_reaction(scope, session.id, erythema);
        records::resolve_reaction(scope, reaction.id, test::day("2026-11-22"));
        followup = records::add_followup(scope, session.id,
                                         {test::day("2026-11-23"), FollowupOutcome::reactions, ""});
        // Schema 8's records: a condition's code corrected, and a product's maker.
        const auto flare = records::add_condition(
            scope, patient.code, {ConditionCode::rosacea_flare, std::nullopt, std::nullopt, ""});
        records::amend_condition(
            scope, flare.id,
            [](ConditionDetails& details) { details.code = ConditionCode::active_herpes; },
            {"entered under the wrong code", std::nullopt});
        auto product = records::find_product(db, "gf-serum");
        product.maker = "Acme Labs";
        records::amend_product(scope, product.code, product, "maker from the box", 1);
        // A duplicate chart with a condition, a consent and a session, merged into this one.
        const auto twin = test::patient_with_consent(*this, "P-TWIN");
        records::add_condition(scope, twin.code,
                               {ConditionCode::anticoagulants, std::nullopt, std::nullopt, ""});
        records::log_session(
            scope, twin.code,
            test::session_at("2026-11-02T10:00:00Z", {{Area::forehead, std::nullopt, 0.5}}), {});
        records::merge_patient(scope, twin.code, patient.code, {"the same person", std::nullopt});
        add_photo_record();
    }

    // Schema 10's photo record, stored as add_photo stores it; the image needs a database file
    // for its store, the tables do not.
    void add_photo_record() {
        db.write([&] {
            PhotoImage image{std::string(64, 'a'), 1234, ImageType::jpeg, "front.jpg"};
            PhotoDetails details{PhotoView::front, test::day("2026-11-20"), session.id, "", ""};
            const auto id =
                storage::PhotoRepository(db).insert(patient.id, image, details, scope.revision(1));
            append_audit(db, scope.audit("photo.add", "photo", id.value, patient.id.value, 1));
        });
    }

    std::int64_t session_revision_id() {
        return test::scalar(db, "SELECT max(id) FROM session_revision WHERE session_id = " +
                                    std::to_string(session.id.value))
            .as_int64();
    }
    std::int64_t consent_id() { return test::scalar(db, "SELECT max(id) FROM consent").as_int64(); }
};

// Whether SQLite accepts `sql`; nothing it does is kept either way.
bool accepted(storage::Database& db, const std::string& sql) {
    db.exec("SAVEPOINT probe");
    bool ok = true;
    try {
        db.exec(sql);
    } catch (const storage::DatabaseFailure&) {
        ok = false;
    }
    db.exec("ROLLBACK TO probe");
    db.exec("RELEASE probe");
    return ok;
}

using Row = std::map<std::string, std::string>; // column -> SQL literal

std::string insert_sql(const std::string& table, Row row, const Row& changes = {}) {
    for (const auto& [column, value] : changes)
        row[column] = value;
    std::string columns, values;
    for (const auto& [column, value] : row) {
        columns += (columns.empty() ? "" : ", ") + column;
        values += (values.empty() ? "" : ", ") + value;
    }
    return fmt::format("INSERT INTO {} ({}) VALUES ({})", table, columns, values);
}

// One or more column changes; a function, since a braced map literal is ambiguous here.
Row change(std::initializer_list<std::pair<const std::string, std::string>> items) {
    return Row(items);
}

std::string sql_text(std::string_view text) {
    return fmt::format("'{}'", text);
}

// A valid row for each table the model validates, so a refused probe fails for its one change.
struct Templates {
    std::map<std::string, Row> rows;

    explicit Templates(FullClinic& clinic) {
        const auto revision = std::to_string(clinic.session_revision_id());
        const Row written{{"author", "'dr.test'"},
                          {"recorded_at", "'2026-11-23T15:00:00Z'"},
                          {"reason", "'probe'"},
                          {"revision", "9"}};
        const auto with_revision = [&](Row row) {
            row.insert(written.begin(), written.end());
            return row;
        };
        rows["patient"] = {{"code", "'P-PROBE'"}, {"created_at", "'2026-11-23T15:00:00Z'"}};
        rows["patient_revision"] =
            with_revision({{"patient_id", std::to_string(clinic.patient.id.value)},
                           {"family_name", "'Doe'"},
                           {"given_name", "'Jane'"},
                           {"birth_date", "'1985-04-12'"},
                           {"fitzpatrick", "3"}});
        rows["session_revision"] =
            with_revision({{"session_id", std::to_string(clinic.session.id.value)},
                           {"performed_at", "'2026-11-20T10:00:00Z'"},
                           {"practitioner", "'Dr Test'"},
                           {"indication", "'rejuvenation'"},
                           {"device", "'pen'"}});
        // 'forehead' was not treated in the session, so the probe never clashes with its areas.
        rows["session_area"] = {{"session_revision_id", revision},
                                {"position", "99"},
                                {"area", "'forehead'"},
                                {"side", "NULL"},
                                {"depth_mm", "1.0"},
                                {"passes", "2"}};
        rows["serum_use"] = {{"session_revision_id", revision},
                             {"position", "99"},
                             {"product_id", "(SELECT id FROM product WHERE code = 'ha-serum')"},
                             {"lot", "'HA1'"},
                             {"phase", "'after'"}};
        rows["session_override"] = {
            {"session_revision_id", revision}, {"rule", "'depth'"}, {"detail", "'probe'"}};
        rows["session_finding"] = {{"session_revision_id", revision},
                                   {"position", "99"},
                                   {"key", "'probe:key'"},
                                   {"level", "'warning'"},
                                   {"message", "'probe'"},
                                   {"override_reason", "''"}};
        rows["reaction_revision"] =
            with_revision({{"reaction_id", std::to_string(clinic.reaction.id.value)},
                           {"kind", "'erythema'"},
                           {"severity", "'mild'"},
                           {"area", "'cheek'"},
                           {"side", "NULL"},
                           {"onset_on", "'2026-11-21'"},
                           {"resolved_on", "NULL"}});
        rows["followup_revision"] =
            with_revision({{"followup_id", std::to_string(clinic.followup.id.value)},
                           {"checked_on", "'2026-11-22'"},
                           {"outcome", "'none'"}});
        rows["condition"] = {{"patient_id", std::to_string(clinic.patient.id.value)},
                             {"code", "'eczema'"},
                             {"created_at", "'2026-11-23T15:00:00Z'"}};
        rows["condition_revision"] =
            with_revision({{"condition_id", std::to_string(clinic.condition.id.value)},
                           {"since", "'2026-01-01'"},
                           {"resolved_on", "NULL"}});
        rows["consent_revision"] = with_revision(
            {{"consent_id", std::to_string(clinic.consent_id())}, {"signed_on", "'2026-01-05'"}});
        rows["assessment_revision"] =
            with_revision({{"assessment_id", std::to_string(clinic.score.id.value)},
                           {"patient_id", std::to_string(clinic.patient.id.value)},
                           {"scale", "'goodman-baron'"},
                           {"score", "3"},
                           {"area", "'cheek'"},
                           {"side", "'left'"},
                           {"assessed_on", "'2026-11-20'"}});
        rows["course_revision"] =
            with_revision({{"course_id", std::to_string(clinic.course.id.value)},
                           {"patient_id", std::to_string(clinic.patient.id.value)},
                           {"indication", "'acne-scars'"},
                           {"planned", "6"},
                           {"every_days", "28"},
                           {"started_on", "'2026-11-01'"}});
        rows["product"] = {
            {"code", "'probe-serum'"}, {"name", "'Probe serum'"}, {"kind", "'other'"}};
        rows["product_revision"] =
            with_revision({{"product_id", "(SELECT id FROM product WHERE code = 'gf-serum')"},
                           {"name", "'Growth factor serum'"},
                           {"kind", "'growth-factors'"},
                           {"maker", "''"},
                           {"retired", "0"}});
    }

    std::string sql(const std::string& table, const Row& changes = {}) const {
        return insert_sql(table, rows.at(table), changes);
    }
};

} // namespace

TEST_CASE("every table is either an insert-only record table or reference data") {
    test::Clinic clinic;
    std::set<std::string> tables;
    SQLite::Statement names(test::raw(clinic.db),
                            "SELECT name FROM sqlite_schema WHERE type = 'table' "
                            "AND name NOT LIKE 'sqlite_%'");
    while (names.executeStep())
        tables.insert(names.getColumn(0).getString());
    std::set<std::string> expected(record_tables.begin(), record_tables.end());
    expected.insert(reference_tables.begin(), reference_tables.end());
    expected.insert(audit_side_tables.begin(), audit_side_tables.end());
    expected.insert(server_side_tables.begin(), server_side_tables.end());
    CHECK(tables == expected);
}

TEST_CASE("raw UPDATE and DELETE fail on every record table once a record exists") {
    FullClinic clinic;
    // Since schema 6 the program writes findings to session_finding; session_override keeps the
    // rows of older revisions, so one is put there the way schema 5 wrote it.
    clinic.db.exec("INSERT INTO session_override (session_revision_id, rule, detail) "
                   "SELECT min(id), 'depth', 'depth 1.80 mm on cheek:left exceeds the "
                   "clinic limit of 1.50 mm' FROM session_revision");
    const auto before = test::table_counts(clinic.db);
    for (const auto& table : record_tables) {
        CAPTURE(table);
        REQUIRE(before.at(table) > 0); // a trigger on an empty table would prove nothing

        try {
            clinic.db.exec(fmt::format("UPDATE {} SET id = id", table));
            FAIL("UPDATE was allowed");
        } catch (const storage::DatabaseFailure& e) {
            const std::string message = e.what();
            CHECK((message.find("never") != std::string::npos ||
                   message.find("append-only") != std::string::npos));
        }
        CHECK_THROWS_AS(clinic.db.exec(fmt::format("DELETE FROM {}", table)),
                        storage::DatabaseFailure);
        CHECK_THROWS_AS(clinic.db.exec(fmt::format(
                            "DELETE FROM {} WHERE id = (SELECT max(id) FROM {})", table, table)),
                        storage::DatabaseFailure);
    }
    CHECK(test::table_counts(clinic.db) == before);
}

TEST_CASE("rewriting history the way someone would try it fails") {
    FullClinic clinic;
    auto& sql = test::raw(clinic.db);
    const auto areas = test::dump_table(clinic.db, "session_area");
    const auto audit = test::dump_table(clinic.db, "audit_log");
    CHECK_THROWS_AS(sql.exec("UPDATE session_area SET depth_mm = 0.5"), SQLite::Exception);
    CHECK_THROWS_AS(sql.exec("UPDATE session_revision SET override_reason = ''"),
                    SQLite::Exception);
    CHECK_THROWS_AS(sql.exec("DELETE FROM session_finding"), SQLite::Exception);
    CHECK_THROWS_AS(sql.exec("UPDATE audit_log SET actor = 'someone else'"), SQLite::Exception);
    CHECK_THROWS_AS(sql.exec("DELETE FROM audit_log WHERE action = 'session.log'"),
                    SQLite::Exception);
    CHECK(test::dump_table(clinic.db, "session_area") == areas);
    CHECK(test::dump_table(clinic.db, "audit_log") == audit);
}

// REPLACE deletes the clashing row without firing DELETE triggers (recursive_triggers is off by
// default, also in a raw sqlite3 shell), so a stored depth or audit row could be rewritten; the
// BEFORE INSERT triggers refuse any insert that collides with a stored row.
TEST_CASE("INSERT OR REPLACE cannot rewrite a stored row") {
    FullClinic clinic;
    const auto areas = test::dump_table(clinic.db, "session_area");
    const auto audit = test::dump_table(clinic.db, "audit_log");
    CHECK_THROWS_WITH_AS(
        clinic.db.exec(
            "INSERT OR REPLACE INTO session_area (id, session_revision_id, position, area, side, "
            "depth_mm, passes) SELECT id, session_revision_id, position, area, side, 0.5, passes "
            "FROM session_area"),
        "session_area rows are never replaced", storage::DatabaseFailure);
    CHECK_THROWS_WITH_AS(
        clinic.db.exec("REPLACE INTO audit_log (id, at, actor, action, reason) SELECT id, "
                       "at, 'someone else', action, reason FROM audit_log"),
        "audit_log rows are never replaced", storage::DatabaseFailure);
    CHECK(test::dump_table(clinic.db, "session_area") == areas);
    CHECK(test::dump_table(clinic.db, "audit_log") == audit);
}

TEST_CASE("CHECK constraints refuse what the model refuses") {
    FullClinic clinic;
    const Templates templates(clinic);

    // Each template row is accepted as it is: a refused probe below fails for its change alone.
    for (const auto& [table, row] : templates.rows) {
        CAPTURE(table);
        CHECK(accepted(clinic.db, templates.sql(table)));
    }

    struct Probe {
        std::string table;
        Row change;
    };
    const std::vector<Probe> refused{
        {"session_area", change({{"depth_mm", "3.5"}})},
        {"session_area", change({{"depth_mm", "3.0001"}})},
        {"session_area", change({{"depth_mm", "0"}})},
        {"session_area", change({{"depth_mm", "-1.0"}})},
        {"session_area", change({{"depth_mm", "'deep'"}})},
        {"session_area", change({{"passes", "0"}})},
        {"session_area", change({{"passes", "21"}})},
        {"session_area", change({{"area", "'eyelid'"}})},
        {"session_area", change({{"area", "'Forehead'"}})},
        {"session_area", change({{"side", "'middle'"}})},
        {"session_area", change({{"area", "'cheek'"}, {"side", "'left'"}})}, // twice in one session
        {"session_revision", change({{"performed_at", "'2026-11-20 10:00'"}})},
        {"session_revision", change({{"performed_at", "'2026-11-20T10:00:00+01:00'"}})},
        {"session_revision", change({{"practitioner", "'  '"}})},
        {"session_revision", change({{"indication", "'tattoo'"}})},
        {"session_revision", change({{"device", "'laser'"}})},
        {"session_revision", change({{"reason", "''"}})}, // an amendment must say why
        {"session_revision", change({{"author", "''"}})},
        {"patient", change({{"code", "'P 1'"}})},
        {"patient", change({{"code", sql_text(std::string(33, 'P'))}})},
        {"patient", change({{"code", "'P-TEST'"}})}, // taken
        {"patient", change({{"code", "'p-test'"}})}, // taken, in other letter case
        {"patient_revision", change({{"birth_date", "'1985-4-12'"}})},
        {"patient_revision", change({{"fitzpatrick", "7"}})},
        {"patient_revision", change({{"fitzpatrick", "0"}})},
        {"patient_revision", change({{"family_name", "' '"}})},
        {"patient_revision", change({{"given_name", sql_text(std::string(101, 'g'))}})},
        {"patient_revision", change({{"reason", "''"}})},
        {"reaction_revision", change({{"resolved_on", "'2026-11-20'"}})}, // before onset
        {"reaction_revision", change({{"kind", "'sunburn'"}})},
        {"reaction_revision", change({{"severity", "'extreme'"}})},
        {"reaction_revision", change({{"area", "'eyelid'"}})},
        {"reaction_revision", change({{"area", "NULL"}, {"side", "'left'"}})},
        {"condition", change({{"code", "'flu'"}})},
        {"condition_revision", change({{"resolved_on", "'2025-12-31'"}})}, // before since
        {"serum_use", change({{"lot", "' '"}})},
        {"serum_use", change({{"phase", "'before'"}})},
        {"serum_use", change({{"product_id", "9999"}})},
        {"serum_use", change({{"amount_ml", "0"}})},
        {"session_override", change({{"rule", "'magic'"}})},
        {"session_override", change({{"detail", "''"}})},
        {"session_finding", change({{"level", "'block'"}})},
        {"session_finding", change({{"key", "'Depth:cheek'"}})},
        {"session_finding", change({{"key", "'depth cheek'"}})},
        {"session_finding", change({{"message", "''"}})},
        {"session_finding", change({{"level", "'overridden'"}})},         // without a reason
        {"session_finding", change({{"override_reason", "'a reason'"}})}, // on a warning
        {"followup_revision", change({{"outcome", "'maybe'"}})},
        {"product", change({{"kind", "'snake-oil'"}})},
        {"product", change({{"code", "'Bad Code'"}})},
        {"product_revision", change({{"revision", "1"}})}, // the product row is revision 1
        {"product_revision", change({{"revision", "2"}})}, // taken
        {"product_revision", change({{"retired", "2"}})},
        {"product_revision", change({{"kind", "'snake-oil'"}})},
        {"product_revision", change({{"name", "''"}})},
        {"product_revision", change({{"reason", "' '"}})},
        {"product_revision", change({{"product_id", "9999"}})},
        {"assessment_revision", change({{"score", "5"}})}, // goodman-baron is 1 to 4
        {"assessment_revision", change({{"score", "0"}})},
        {"assessment_revision", change({{"score", "2.5"}})},                   // whole grades only
        {"assessment_revision", change({{"area", "NULL"}, {"side", "NULL"}})}, // per area
        {"assessment_revision", change({{"scale", "'mmasi'"}, {"score", "3.125"}})},
        {"assessment_revision", change({{"scale", "'mmasi'"}, {"score", "24.01"}})},
        {"assessment_revision", change({{"scale", "'mmasi'"}, {"score", "3"}})}, // not per area
        {"assessment_revision", change({{"scale", "'acne-index'"}})},
        {"assessment_revision", change({{"score", "'three'"}})},
        {"assessment_revision", change({{"assessed_on", "'2026-11-31'"}})},
        {"course_revision", change({{"planned", "0"}})},
        {"course_revision", change({{"every_days", "366"}})},
        {"course_revision", change({{"indication", "'tattoo'"}})},
        {"course_revision", change({{"closed_on", "'2026-11-20'"}})}, // no outcome
        {"course_revision", change({{"closed_on", "'2026-10-01'"},
                                    {"outcome", "'completed'"},
                                    {"close_reason", "'done'"}})}, // before the start
        {"course_revision",
         change({{"closed_on", "'2026-11-20'"}, {"outcome", "'completed'"}})}, // no reason
        {"course_revision", change({{"outcome", "'failed'"}})},
    };
    for (const auto& probe : refused) {
        const auto sql = templates.sql(probe.table, probe.change);
        CAPTURE(sql);
        CHECK_FALSE(accepted(clinic.db, sql));
    }

    const std::vector<Probe> allowed{
        {"session_area", change({{"depth_mm", "3.0"}})},
        {"session_area", change({{"depth_mm", "0.01"}})},
        {"session_area", change({{"passes", "NULL"}})},
        {"session_area", change({{"area", "'cheek'"}, {"side", "'right'"}})},
        {"patient_revision", change({{"birth_date", "'2024-02-29'"}})},
        {"reaction_revision",
         change({{"onset_on", "'2024-02-29'"}, {"resolved_on", "'2024-03-01'"}})},
        {"reaction_revision", change({{"resolved_on", "'2026-11-21'"}})},
        {"assessment_revision",
         change({{"scale", "'mmasi'"}, {"score", "23.75"}, {"area", "NULL"}, {"side", "NULL"}})},
        {"assessment_revision",
         change({{"scale", "'gais-patient'"}, {"score", "1"}, {"area", "NULL"}, {"side", "NULL"}})},
        {"course_revision", change({{"closed_on", "'2026-11-20'"},
                                    {"outcome", "'stopped'"},
                                    {"close_reason", "'moved away'"}})},
    };
    for (const auto& probe : allowed) {
        const auto sql = templates.sql(probe.table, probe.change);
        CAPTURE(sql);
        CHECK(accepted(clinic.db, sql));
    }
}

// SQLite 3.40's date('2026-02-30') returns '2026-02-30' unchanged, and date() of a malformed
// text is NULL, which a CHECK lets through: "date(x) = x" refuses neither.
TEST_CASE("date columns refuse dates that are not in the calendar or not YYYY-MM-DD") {
    FullClinic clinic;
    const Templates templates(clinic);
    const std::vector<std::pair<std::string, std::string>> date_columns{
        {"patient_revision", "birth_date"},
        {"reaction_revision", "onset_on"},
        {"reaction_revision", "resolved_on"},
        {"condition_revision", "since"},
        {"condition_revision", "resolved_on"},
        {"consent_revision", "signed_on"},
        {"serum_use", "expiry"},
        {"followup_revision", "checked_on"}};
    for (const auto& [table, column] : date_columns) {
        for (const char* bad :
             {"2026-02-30", "2025-02-29", "2026-04-31", "2026-13-01", "2026-11-1", "yesterday"}) {
            Row changes{{column, sql_text(bad)}};
            if (column == "resolved_on")
                changes[table == "reaction_revision" ? "onset_on" : "since"] = "'2020-01-01'";
            const auto sql = templates.sql(table, changes);
            CAPTURE(sql);
            CHECK_FALSE(accepted(clinic.db, sql));
        }
    }
    // The session time must be an exact 'YYYY-MM-DDTHH:MM:SSZ' instant in the calendar.
    for (const char* bad : {"2026-02-30T10:00:00Z", "2026-11-20T29:00:00Z", "2026-11-20T10:00Z",
                            "2026-11-20 10:00:00"}) {
        const auto sql =
            templates.sql("session_revision", change({{"performed_at", sql_text(bad)}}));
        CAPTURE(sql);
        CHECK_FALSE(accepted(clinic.db, sql));
    }
}

TEST_CASE("every catalogue code is accepted by the schema, so the two lists cannot drift") {
    FullClinic clinic;
    const Templates templates(clinic);

    const auto accepts_each = [&](auto catalogue_tag, const std::string& table,
                                  const std::string& column, Row extra = {}) {
        using E = decltype(catalogue_tag);
        for (const auto& entry : Catalogue<E>::entries) {
            Row change = extra;
            change[column] = sql_text(entry.code);
            const auto sql = templates.sql(table, change);
            CAPTURE(sql);
            CHECK(accepted(clinic.db, sql));
        }
    };
    SUBCASE("areas, in treatments and reactions") {
        accepts_each(Area{}, "session_area", "area");
        accepts_each(Area{}, "reaction_revision", "area");
    }
    SUBCASE("sides") {
        accepts_each(Side{}, "session_area", "side");
        accepts_each(Side{}, "reaction_revision", "side");
    }
    SUBCASE("devices and indications") {
        accepts_each(Device{}, "session_revision", "device");
        accepts_each(Indication{}, "session_revision", "indication");
    }
    SUBCASE("reaction kinds and severities") {
        accepts_each(ReactionKind{}, "reaction_revision", "kind");
        accepts_each(Severity{}, "reaction_revision", "severity");
    }
    SUBCASE("condition codes") {
        accepts_each(ConditionCode{}, "condition", "code");
    }
    SUBCASE("serum phases, follow-up outcomes, product kinds") {
        accepts_each(SerumPhase{}, "serum_use", "phase");
        accepts_each(FollowupOutcome{}, "followup_revision", "outcome");
        accepts_each(ProductKind{}, "product", "kind");
    }
    SUBCASE("finding levels") {
        for (auto level : {FindingLevel::warning, FindingLevel::overridden}) {
            const auto sql = templates.sql(
                "session_finding",
                change({{"level", sql_text(fmt::format("{}", level))},
                        {"override_reason",
                         sql_text(level == FindingLevel::warning ? "" : "a reason")},
                        {"overridden_by", sql_text(level == FindingLevel::warning ? "" : "dr.lee")},
                        {"overridden_at",
                         level == FindingLevel::warning ? "NULL" : "'2026-11-20T10:00:00Z'"}}));
            CAPTURE(sql);
            CHECK(accepted(clinic.db, sql));
        }
    }
}

TEST_CASE("the reference tables cover exactly the catalogues") {
    test::Clinic clinic;
    const auto column = [&](const std::string& sql) {
        std::set<std::string> values;
        SQLite::Statement rows(test::raw(clinic.db), sql);
        while (rows.executeStep())
            values.insert(rows.getColumn(0).getString());
        return values;
    };
    const auto codes = [](auto tag) {
        std::set<std::string> out;
        for (const auto& entry : Catalogue<decltype(tag)>::entries)
            out.emplace(entry.code);
        return out;
    };
    CHECK(column("SELECT area FROM treatment_area") == codes(Area{}));
    CHECK(column("SELECT kind FROM reaction_kind") == codes(ReactionKind{}));
    CHECK(column("SELECT code FROM condition_code") == codes(ConditionCode{}));
    // The scales: the program's catalogue and the table the database checks scores against.
    std::set<std::string> scales;
    SQLite::Statement rows(test::raw(clinic.db),
                           "SELECT key, low, high, decimals, per_area FROM outcome_scale");
    while (rows.executeStep())
        scales.insert(fmt::format("{} {} {} {} {}", rows.getColumn(0).getString(),
                                  rows.getColumn(1).getDouble(), rows.getColumn(2).getDouble(),
                                  rows.getColumn(3).getInt(), rows.getColumn(4).getInt()));
    std::set<std::string> catalogue;
    for (const auto& scale : outcome_scales())
        catalogue.insert(fmt::format("{} {} {} {} {}", scale.key, scale.low, scale.high,
                                     scale.decimals, scale.per_area ? 1 : 0));
    CHECK(scales == catalogue);
}

// A row planted for a revision not stored yet would join the next revision stored under that id
// (and its fingerprint, so check could not tell): refused, whatever wrote it.
TEST_CASE("a row for a revision that is not stored yet is refused") {
    FullClinic clinic;
    const auto before = test::table_counts(clinic.db);
    const auto next = [&](std::string_view revisions) {
        return std::to_string(
            test::scalar(clinic.db, fmt::format("SELECT max(id) + 1 FROM {}", revisions))
                .as_int64());
    };
    const std::vector<std::pair<std::string, std::string>> planted{
        {"session_area", "INSERT INTO session_area (session_revision_id, position, area, depth_mm) "
                         "VALUES (" +
                             next("session_revision") + ", 1, 'periorbital', 2.9)"},
        {"session_owner", "INSERT INTO session_owner (session_revision_id, patient_id) VALUES (" +
                              next("session_revision") + ", 1)"},
        {"condition_revision_code",
         "INSERT INTO condition_revision_code (condition_revision_id, code) VALUES (" +
             next("condition_revision") + ", 'eczema')"},
        {"consent_terms", "INSERT INTO consent_terms (consent_revision_id, withdrawn_on, "
                          "withdrawal_reason) VALUES (" +
                              next("consent_revision") + ", '2026-11-01', 'planted')"},
        {"patient_merge", "INSERT INTO patient_merge (patient_revision_id, into_patient_id) "
                          "VALUES (" +
                              next("patient_revision") + ", 1)"},
        {"session_course", "INSERT INTO session_course (session_revision_id, course_id) VALUES (" +
                               next("session_revision") + ", 1)"},
    };
    for (const auto& [table, sql] : planted) {
        CAPTURE(table);
        CHECK_THROWS_WITH_AS(clinic.db.exec(sql), doctest::Contains("rows belong to a stored"),
                             storage::DatabaseFailure);
    }
    CHECK(test::table_counts(clinic.db) == before);
}
