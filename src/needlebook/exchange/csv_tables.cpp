#include "needlebook/exchange/csv_tables.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/storage/record_owner.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace needlebook::exchange {
namespace {

// What --all-revisions adds after a record's own columns.
std::vector<CsvColumn> revision_columns() {
    return {{"revision", CsvType::integer},
            {"author"},
            {"recorded_at", CsvType::instant},
            {"reason", CsvType::text, false}};
}

// Builds both statements of a table from its parts. `newest` keeps the current revision only;
// the revisions statement adds the revision columns and orders revisions within a record.
struct TableSql {
    std::string_view select; // the table's own columns
    std::string_view from;   // FROM … JOIN …, revision table aliased r
    std::string_view newest; // condition keeping the newest revision
    std::string_view order;  // export order of records
    // What a revision records beyond author, time and reason (sessions: the settings their
    // checks used), after the revision columns: its columns and their SQL.
    std::vector<CsvColumn> revision_extra = {};
    std::string_view revision_extra_select = {};
};

// Every record table ends with `voided`: a voided record is exported, marked, never dropped.
CsvTable make_table(std::string_view name, std::vector<CsvColumn> columns, const TableSql& sql) {
    columns.push_back({"voided", CsvType::integer, false});
    auto revisions = revision_columns();
    revisions.insert(revisions.end(), sql.revision_extra.begin(), sql.revision_extra.end());
    return {name, std::move(columns), std::move(revisions),
            fmt::format("SELECT {}, r.voided {} WHERE {} ORDER BY {}", sql.select, sql.from,
                        sql.newest, sql.order),
            fmt::format("SELECT {}, r.voided, r.revision, r.author, r.recorded_at, r.reason{}{} "
                        "{} ORDER BY {}, r.revision",
                        sql.select, sql.revision_extra_select.empty() ? "" : ", ",
                        sql.revision_extra_select, sql.from, sql.order)};
}

// The newest revision of a record whose identity row is `alias` in `table`_revision.
std::string newest(std::string_view table, std::string_view alias) {
    return fmt::format(
        "r.revision = (SELECT max(revision) FROM {0}_revision WHERE {0}_id = {1}.id)", table,
        alias);
}

// Children of a session revision (areas, serums) follow the revision they belong to, and
// carry its voided mark and, with every revision, its author, time and reason.
CsvTable session_child(std::string_view name, std::vector<CsvColumn> columns,
                       std::string_view select, std::string_view child) {
    columns.push_back({"voided", CsvType::integer, false});
    const std::string from =
        fmt::format("FROM session s JOIN session_revision r ON r.session_id = s.id JOIN {} c ON "
                    "c.session_revision_id = r.id",
                    child);
    return {name, std::move(columns), revision_columns(),
            fmt::format("SELECT {}, r.voided {} WHERE {} ORDER BY s.id, c.position", select, from,
                        newest("session", "s")),
            fmt::format("SELECT {}, r.voided, r.revision, r.author, r.recorded_at, r.reason {} "
                        "ORDER BY s.id, r.revision, c.position",
                        select, from)};
}

// The child rows of a record table's rows: `select` (the parent's key first) `from` (aliasing
// the revision table r) restricted to the newest revisions with `newest`, ordered by `order`
// (the parent table's) then `within` (the children's own order).
ChildRows children_of(std::string_view column, ChildRows::Form form, std::vector<ChildField> fields,
                      std::string_view select, std::string_view from, std::string_view newest,
                      std::string_view order, std::string_view within) {
    return {
        column, form, std::move(fields),
        fmt::format("SELECT {} {} WHERE {} ORDER BY {}, {}", select, from, newest, order, within),
        fmt::format("SELECT {} {} ORDER BY {}, r.revision, {}", select, from, order, within)};
}

std::vector<CsvTable> build_tables() {
    const std::string patient_newest = newest("patient", "p");
    const std::string condition_newest = newest("condition", "x");
    const std::string consent_newest = newest("consent", "x");
    const std::string lot_newest = newest("lot", "x");
    const std::string session_newest = newest("session", "s");
    const std::string reaction_newest = newest("reaction", "x");
    const std::string followup_newest = newest("followup", "x");
    const std::string course_newest = newest("course", "x");
    const std::string assessment_newest = newest("assessment", "x");
    const std::string photo_newest = newest("photo", "x");
    // Each revision names the patient it belonged to then (a merge moves records, schema 8).
    const std::string condition_from = fmt::format(
        "FROM condition x JOIN condition_revision r ON r.condition_id = x.id JOIN patient p ON "
        "p.id = {}",
        storage::owner_of("condition", "r", "x"));
    const std::string consent_from = fmt::format(
        "FROM consent x JOIN consent_revision r ON r.consent_id = x.id JOIN patient p ON p.id = "
        "{} LEFT JOIN consent_terms t ON t.consent_revision_id = r.id",
        storage::owner_of("consent", "r", "x"));
    const std::string session_from =
        fmt::format("FROM session s JOIN session_revision r ON r.session_id = s.id JOIN patient p "
                    "ON p.id = {}",
                    storage::owner_of("session", "r", "s"));
    std::vector<CsvTable> tables;
    // The clinic's settings and catalogue come first: an import needs them before the records
    // that are checked against them.
    tables.push_back(
        {"settings",
         {{"key"}, {"value", CsvType::text, false}},
         revision_columns(),
         "SELECT s.key, r.value FROM setting s JOIN setting_revision r ON r.setting_id = s.id "
         "WHERE r.revision = (SELECT max(revision) FROM setting_revision WHERE setting_id = s.id) "
         "ORDER BY s.key",
         "SELECT s.key, r.value, r.revision, r.author, r.recorded_at, r.reason FROM setting s "
         "JOIN setting_revision r ON r.setting_id = s.id ORDER BY s.key, r.revision"});
    // A product row is its revision 1 and records no author, time or reason (the audit trail
    // has them); later revisions are product_revision rows.
    tables.push_back(
        {"products",
         {{"id", CsvType::integer},
          {"code"},
          {"name"},
          {"kind"},
          {"maker", CsvType::text, false},
          {"retired", CsvType::integer, false}},
         revision_columns(),
         "SELECT id, code, name, kind, maker, retired FROM product_current ORDER BY id",
         "SELECT p.id, p.code, p.name, p.kind, p.maker, 0, 1, '', NULL, '' FROM product p "
         "UNION ALL SELECT p.id, p.code, r.name, r.kind, r.maker, r.retired, r.revision, "
         "r.author, r.recorded_at, r.reason FROM product_revision r JOIN product p ON p.id = "
         "r.product_id ORDER BY 1, 7"});
    tables.push_back(make_table(
        "patients",
        {{"code"},
         {"family_name"},
         {"given_name"},
         {"birth_date", CsvType::date},
         {"fitzpatrick", CsvType::integer, false},
         {"phone", CsvType::text, false},
         {"email", CsvType::text, false},
         {"note", CsvType::text, false},
         // Since schema 8: the chart a duplicate was merged into (its voiding revision).
         {"merged_into", CsvType::text, false}},
        {"p.code, r.family_name, r.given_name, r.birth_date, r.fitzpatrick, r.phone, r.email, "
         "r.note, (SELECT t.code FROM patient_merge m JOIN patient t ON t.id = m.into_patient_id "
         "WHERE m.patient_revision_id = r.id)",
         "FROM patient p JOIN patient_revision r ON r.patient_id = p.id", patient_newest,
         "lower(p.code)"}));
    tables.push_back(
        make_table("conditions",
                   {{"id", CsvType::integer},
                    {"patient"},
                    {"code"},
                    {"since", CsvType::date, false},
                    {"resolved", CsvType::date, false},
                    {"note", CsvType::text, false},
                    // Since schema 7 (files exported before it have no such column): a JSON array
                    // of the specialists' clearances, as they were given.
                    {"clearances", CsvType::text, false, CellForm::child_rows}},
                   {"x.id, p.code, coalesce((SELECT code FROM condition_revision_code WHERE "
                    "condition_revision_id = r.id), x.code), r.since, r.resolved_on, r.note, r.id",
                    condition_from, condition_newest, "x.id"}));
    tables.back().children.push_back(children_of(
        "clearances", ChildRows::Form::json_array_or_empty, {{"by"}, {"on"}, {"until"}, {"reason"}},
        "r.id, k.cleared_by, k.cleared_on, k.until, k.reason",
        "FROM condition x JOIN condition_revision r ON r.condition_id = x.id JOIN "
        "condition_clearance k ON k.condition_revision_id = r.id",
        condition_newest, "x.id", "k.position"));
    tables.push_back(make_table(
        "consents",
        {{"id", CsvType::integer},
         {"patient"},
         {"signed", CsvType::date},
         {"covers", CsvType::text, false},
         {"guardian", CsvType::text, false},
         {"withdrawn_on", CsvType::date, false},
         {"withdrawal_reason", CsvType::text, false}},
        {"x.id, p.code, r.signed_on, r.covers, t.guardian, t.withdrawn_on, t.withdrawal_reason",
         consent_from, consent_newest, "x.id"}));
    // Registered lots come before the sessions that name them, so an import checks each
    // session against the lots as they were.
    tables.push_back(make_table(
        "lots",
        {{"id", CsvType::integer},
         {"product"},
         {"lot"},
         {"expires", CsvType::date},
         {"received", CsvType::date, false},
         {"note", CsvType::text, false},
         {"recalled_on", CsvType::date, false},
         {"recall_reason", CsvType::text, false}},
        {"x.id, coalesce(d.code, 'cartridge'), x.lot, r.expires_on, r.received_on, r.note, "
         "r.recalled_on, r.recall_reason",
         "FROM lot x JOIN lot_revision r ON r.lot_id = x.id LEFT JOIN product d ON d.id = "
         "x.product_id",
         lot_newest, "x.id"}));
    // Courses (schema 10) come before the sessions that belong to them; each revision names
    // its patient.
    tables.push_back(make_table(
        "courses",
        {{"id", CsvType::integer},
         {"patient"},
         {"indication"},
         {"planned", CsvType::integer},
         {"every_days", CsvType::integer},
         {"areas", CsvType::text, false},
         {"goal", CsvType::text, false},
         {"started_on", CsvType::date},
         {"closed_on", CsvType::date, false},
         {"outcome", CsvType::text, false},
         {"close_reason", CsvType::text, false}},
        {"x.id, p.code, r.indication, r.planned, r.every_days, r.areas, r.goal, r.started_on, "
         "r.closed_on, r.outcome, r.close_reason",
         "FROM course x JOIN course_revision r ON r.course_id = x.id JOIN patient p ON p.id = "
         "r.patient_id",
         course_newest, "x.id"}));
    // Areas, serums and clinical findings also go with their session as JSON arrays, so one row
    // holds a whole session (import needs it whole: a session has at least one area). The tables
    // session_areas and serum_uses list the same areas and serums a row each, for spreadsheets.
    tables.push_back(make_table(
        "sessions",
        {{"id", CsvType::integer},
         {"patient"},
         {"performed_at", CsvType::instant},
         {"practitioner"},
         {"indication"},
         {"device"},
         {"model", CsvType::text, false},
         {"cartridge", CsvType::text, false},
         {"cartridge_lot", CsvType::text, false},
         {"anaesthetic", CsvType::text, false},
         {"endpoint", CsvType::text, false},
         {"aftercare", CsvType::text, false},
         {"note", CsvType::text, false},
         {"areas", CsvType::text, true, CellForm::child_rows},
         {"serums", CsvType::text, false, CellForm::child_rows},
         {"findings", CsvType::text, false, CellForm::child_rows},
         // Since schema 10: the course the session belongs to.
         {"course", CsvType::integer, false}},
        {"s.id, p.code, r.performed_at, r.practitioner, r.indication, r.device, r.model, "
         "r.cartridge, r.cartridge_lot, r.anaesthetic, r.endpoint, r.aftercare, r.note, "
         "r.id, r.id, r.id, "
         "(SELECT course_id FROM session_course WHERE session_revision_id = r.id)",
         session_from,
         session_newest,
         "s.id",
         // Since schema 4: the setting revisions the clinical checks used, each with its value.
         {{"checked_with", CsvType::text, false, CellForm::child_rows}},
         "r.id"}));
    const std::string session_rows =
        "FROM session s JOIN session_revision r ON r.session_id = s.id";
    auto& sessions = tables.back().children;
    sessions.push_back(children_of(
        "areas", ChildRows::Form::json_array,
        {{"area"}, {"side"}, {"depth_mm", JsonKind::real}, {"passes", JsonKind::integer}},
        "r.id, a.area, a.side, a.depth_mm, a.passes",
        session_rows + " JOIN session_area a ON a.session_revision_id = r.id", session_newest,
        "s.id", "a.position"));
    sessions.push_back(children_of(
        "serums", ChildRows::Form::json_array_or_empty,
        {{"product"}, {"lot"}, {"expiry"}, {"phase"}, {"amount_ml", JsonKind::real}},
        "r.id, d.code, u.lot, u.expiry, u.phase, u.amount_ml",
        session_rows + " JOIN serum_use u ON u.session_revision_id = r.id JOIN product d ON "
                       "d.id = u.product_id",
        session_newest, "s.id", "u.position"));
    // Revisions from before schema 6 keep their overrides in session_override.
    sessions.push_back(children_of(
        "findings", ChildRows::Form::json_array_or_empty,
        {{"key"},
         {"level"},
         {"message"},
         {"override_reason"},
         {"overridden_by"},
         {"overridden_at"}},
        "r.id, f.key, f.level, f.message, f.override_reason, f.overridden_by, f.overridden_at",
        session_rows + " JOIN (SELECT session_revision_id, 0 AS kept, position AS place, key, "
                       "level, message, override_reason, overridden_by, overridden_at FROM "
                       "session_finding UNION ALL SELECT session_revision_id, 1, id, key, "
                       "'overridden', message, override_reason, overridden_by, overridden_at "
                       "FROM session_override_keyed) f ON f.session_revision_id = r.id",
        session_newest, "s.id", "f.kept, f.place"));
    auto checked_with = children_of(
        "checked_with", ChildRows::Form::json_array_or_empty,
        {{"key"}, {"revision", JsonKind::integer}, {"value"}},
        "r.id, ss.key, sv.revision, sv.value",
        session_rows + " JOIN session_setting su ON su.session_revision_id = r.id JOIN "
                       "setting_revision sv ON sv.id = su.setting_revision_id JOIN setting ss ON "
                       "ss.id = sv.setting_id",
        session_newest, "s.id", "ss.key");
    checked_with.current_sql.clear(); // a revision column: with every revision only
    sessions.push_back(std::move(checked_with));
    tables.push_back(session_child("session_areas",
                                   {{"session", CsvType::integer},
                                    {"position", CsvType::integer},
                                    {"area"},
                                    {"side", CsvType::text, false},
                                    {"depth_mm", CsvType::decimal, true, CellForm::two_places},
                                    {"passes", CsvType::integer, false}},
                                   "s.id, c.position, c.area, c.side, c.depth_mm, c.passes",
                                   "session_area"));
    tables.push_back(session_child(
        "serum_uses",
        {{"session", CsvType::integer},
         {"position", CsvType::integer},
         {"product"},
         {"lot"},
         {"expiry", CsvType::date, false},
         {"phase"},
         {"amount_ml", CsvType::decimal, false, CellForm::two_places}},
        "s.id, c.position, (SELECT code FROM product WHERE id = c.product_id), c.lot, c.expiry, "
        "c.phase, c.amount_ml",
        "serum_use"));
    tables.push_back(make_table(
        "reactions",
        {{"id", CsvType::integer},
         {"session", CsvType::integer},
         {"kind"},
         {"severity"},
         {"area", CsvType::text, false},
         {"side", CsvType::text, false},
         {"onset", CsvType::date},
         {"resolved", CsvType::date, false},
         {"note", CsvType::text, false}},
        {"x.id, x.session_id, r.kind, r.severity, r.area, r.side, r.onset_on, r.resolved_on, "
         "r.note",
         "FROM reaction x JOIN reaction_revision r ON r.reaction_id = x.id", reaction_newest,
         "x.id"}));
    tables.push_back(make_table("followups",
                                {{"id", CsvType::integer},
                                 {"session", CsvType::integer},
                                 {"checked_on", CsvType::date},
                                 {"outcome"},
                                 {"note", CsvType::text, false}},
                                {"x.id, x.session_id, r.checked_on, r.outcome, r.note",
                                 "FROM followup x JOIN followup_revision r ON r.followup_id = x.id",
                                 followup_newest, "x.id"}));
    // Outcome scores and photo records (schema 10): each revision names its patient. A score
    // is written with its scale's decimals; a photo's image is not in the file (export --all
    // copies the images beside it).
    tables.push_back(make_table(
        "scores",
        {{"id", CsvType::integer},
         {"patient"},
         {"scale"},
         {"score", CsvType::decimal, true, CellForm::scale_places},
         {"area", CsvType::text, false},
         {"side", CsvType::text, false},
         {"assessed_on", CsvType::date},
         {"session", CsvType::integer, false},
         {"course", CsvType::integer, false},
         {"assessor", CsvType::text, false},
         {"note", CsvType::text, false}},
        {"x.id, p.code, r.scale, r.score, r.area, r.side, r.assessed_on, r.session_id, "
         "r.course_id, r.assessor, r.note",
         "FROM assessment x JOIN assessment_revision r ON r.assessment_id = x.id JOIN patient p "
         "ON p.id = r.patient_id",
         assessment_newest, "x.id"}));
    tables.push_back(make_table(
        "photos",
        {{"id", CsvType::integer},
         {"patient"},
         {"sha256"},
         {"bytes", CsvType::integer},
         {"media_type"},
         {"file_name", CsvType::text, false},
         {"view"},
         {"taken_on", CsvType::date},
         {"session", CsvType::integer, false},
         {"note", CsvType::text, false},
         {"override_reason", CsvType::text, false}},
        {"x.id, p.code, x.sha256, x.bytes, x.media_type, x.file_name, r.view, r.taken_on, "
         "r.session_id, r.note, r.override_reason",
         "FROM photo x JOIN photo_revision r ON r.photo_id = x.id JOIN patient p ON p.id = "
         "r.patient_id",
         photo_newest, "x.id"}));
    // The audit trail, for auditors and regulators: written by export, never imported (a
    // database keeps its own trail; an imported one names the export it came from).
    const std::string audit_sql =
        "SELECT a.id, a.at, a.actor, a.action, p.code, a.record_kind, a.record_id, a.revision, "
        "a.reason, a.os_user, a.clock_fixed, a.id, a.prev_hash, a.hash, a.record_hash FROM "
        "audit_log a LEFT JOIN patient p ON p.id = a.patient_id ORDER BY a.id";
    // The charts a list disclosed, by code ignoring case (lower(): the same order on SQLite, whose
    // column is NOCASE, and on PostgreSQL, whose is byte order; codes are ASCII).
    const std::string disclosed_sql =
        "SELECT x.audit_id, d.code FROM audit_disclosure x JOIN patient d ON d.id = "
        "x.patient_id ORDER BY x.audit_id, lower(d.code)";
    tables.push_back(
        {"audit",
         {{"id", CsvType::integer},
          {"at", CsvType::instant},
          {"actor"},
          {"action"},
          {"patient"},
          {"record_kind"},
          {"record_id", CsvType::integer},
          {"revision", CsvType::integer},
          {"reason"},
          {"os_account"},
          {"clock_fixed", CsvType::integer},
          {"disclosed", CsvType::text, true, CellForm::child_rows},
          {"prev_hash"},
          {"hash"},
          {"record_hash"}},
         {},
         audit_sql,
         audit_sql,
         {{"disclosed", ChildRows::Form::words, {{"code"}}, disclosed_sql, disclosed_sql}}});
    return tables;
}

} // namespace

const std::vector<CsvTable>& csv_tables() {
    static const std::vector<CsvTable> tables = build_tables();
    return tables;
}

std::vector<ExportColumn> export_columns(const CsvTable& table, bool all_revisions) {
    std::vector<ExportColumn> columns;
    int source = 0;
    const auto add = [&](const std::vector<CsvColumn>& stored) {
        for (const auto& column : stored) {
            columns.push_back({std::string(column.name), column.type, source, false, column.form});
            if (column.type == CsvType::instant)
                columns.push_back(
                    {fmt::format("{}_local", column.name), CsvType::instant, source, true});
            ++source;
        }
    };
    add(table.columns);
    if (all_revisions)
        add(table.revision_columns);
    return columns;
}

bool is_local_time_column(const CsvTable& table, std::string_view name) {
    const auto local = [&](const std::vector<CsvColumn>& columns) {
        return std::any_of(columns.begin(), columns.end(), [&](const CsvColumn& c) {
            return c.type == CsvType::instant && name == fmt::format("{}_local", c.name);
        });
    };
    return local(table.columns) || local(table.revision_columns);
}

const CsvTable& csv_table(std::string_view name) {
    std::vector<std::string_view> names;
    for (const auto& table : csv_tables()) {
        if (table.name == name)
            return table;
        names.push_back(table.name);
    }
    throw ValidationError("TABLE", fmt::format("unknown table '{}'; allowed: {}", visible(name),
                                               fmt::join(names, ", ")));
}

} // namespace needlebook::exchange
