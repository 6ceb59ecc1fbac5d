#include "needlebook/storage/record_digest.hpp"

#include "needlebook/storage/sha256.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <vector>

namespace needlebook::storage {
namespace {

// Columns are named, never `*`: a column added by a later migration must not change the
// fingerprint of revisions stored before it.
struct DigestQuery {
    enum Part {
        required,    // the revision is missing when this query finds no row
        optional,    // may find no row: an empty part
        added_later, // a part a later schema added: left out when empty, so older fingerprints
                     // stay as they were, and deleting all its rows still shows
        one_of // where a revision is stored depends on its number: left out when empty, and the
               // revision is missing when every one_of part is empty
    };
    std::string_view sql;
    Part part;
};

struct RecordKind {
    std::string_view kind;
    std::vector<DigestQuery> queries; // each binds :id and :revision
};

std::string revision_query(std::string_view record, std::string_view identity_columns,
                           std::string_view revision_columns) {
    return fmt::format("SELECT {1}, {2} FROM {0} i JOIN {0}_revision r ON r.{0}_id = i.id "
                       "WHERE i.id = :id AND r.revision = :revision",
                       record, identity_columns, revision_columns);
}

const std::vector<RecordKind>& record_kinds() {
    // The strings must outlive the string_views above: built once, kept for the program's life.
    static const std::array<std::string, 11> sql = {
        revision_query("patient", "i.id, i.code, i.created_at",
                       "r.id, r.revision, r.family_name, r.given_name, r.birth_date, "
                       "r.fitzpatrick, r.phone, r.email, r.note, r.voided, r.author, "
                       "r.recorded_at, r.reason"),
        revision_query("condition", "i.id, i.patient_id, i.code, i.created_at",
                       "r.id, r.revision, r.since, r.resolved_on, r.note, r.voided, r.author, "
                       "r.recorded_at, r.reason"),
        revision_query("consent", "i.id, i.patient_id, i.created_at",
                       "r.id, r.revision, r.signed_on, r.covers, r.voided, r.author, "
                       "r.recorded_at, r.reason"),
        revision_query("session", "i.id, i.patient_id, i.created_at",
                       "r.id, r.revision, r.performed_at, r.practitioner, r.indication, "
                       "r.device, r.model, r.cartridge, r.cartridge_lot, r.anaesthetic, "
                       "r.endpoint, r.aftercare, r.note, r.override_reason, r.voided, r.author, "
                       "r.recorded_at, r.reason"),
        revision_query("reaction", "i.id, i.session_id, i.created_at",
                       "r.id, r.revision, r.kind, r.severity, r.area, r.side, r.onset_on, "
                       "r.resolved_on, r.note, r.voided, r.author, r.recorded_at, r.reason"),
        revision_query("followup", "i.id, i.session_id, i.created_at",
                       "r.id, r.revision, r.checked_on, r.outcome, r.note, r.voided, r.author, "
                       "r.recorded_at, r.reason"),
        revision_query("setting", "i.id, i.key",
                       "r.id, r.revision, r.value, r.author, r.recorded_at, r.reason"),
        revision_query("lot", "i.id, i.kind, i.product_id, i.lot, i.created_at",
                       "r.id, r.revision, r.expires_on, r.received_on, r.note, r.recalled_on, "
                       "r.recall_reason, r.voided, r.author, r.recorded_at, r.reason"),
        // Schema 10.
        revision_query("course", "i.id, i.created_at",
                       "r.id, r.revision, r.patient_id, r.indication, r.planned, r.every_days, "
                       "r.areas, r.goal, r.started_on, r.closed_on, r.outcome, r.close_reason, "
                       "r.voided, r.author, r.recorded_at, r.reason"),
        revision_query("assessment", "i.id, i.created_at",
                       "r.id, r.revision, r.patient_id, r.scale, r.score, r.area, r.side, "
                       "r.assessed_on, r.session_id, r.course_id, r.assessor, r.note, r.voided, "
                       "r.author, r.recorded_at, r.reason"),
        revision_query("photo", "i.id, i.sha256, i.bytes, i.media_type, i.file_name, i.created_at",
                       "r.id, r.revision, r.patient_id, r.view, r.taken_on, r.session_id, "
                       "r.note, r.override_reason, r.voided, r.author, r.recorded_at, r.reason"),
    };
    // Parts schema 7 added to a condition's and a consent's revision, and schema 8's code, owners
    // and merges.
    static const std::array<std::string, 7> revision_parts = {
        "SELECT k.id, k.position, k.cleared_by, k.cleared_on, k.until, k.reason FROM "
        "condition_clearance k WHERE k.condition_revision_id = (SELECT id FROM "
        "condition_revision WHERE condition_id = :id AND revision = :revision) ORDER BY "
        "k.position",
        "SELECT t.consent_revision_id, t.guardian, t.withdrawn_on, t.withdrawal_reason FROM "
        "consent_terms t WHERE t.consent_revision_id = (SELECT id FROM consent_revision WHERE "
        "consent_id = :id AND revision = :revision)",
        "SELECT c.condition_revision_id, c.code FROM condition_revision_code c WHERE "
        "c.condition_revision_id = (SELECT id FROM condition_revision WHERE condition_id = :id "
        "AND revision = :revision)",
        "SELECT o.condition_revision_id, o.patient_id FROM condition_owner o WHERE "
        "o.condition_revision_id = (SELECT id FROM condition_revision WHERE condition_id = :id "
        "AND revision = :revision)",
        "SELECT o.consent_revision_id, o.patient_id FROM consent_owner o WHERE "
        "o.consent_revision_id = (SELECT id FROM consent_revision WHERE consent_id = :id AND "
        "revision = :revision)",
        "SELECT o.session_revision_id, o.patient_id FROM session_owner o WHERE "
        "o.session_revision_id = (SELECT id FROM session_revision WHERE session_id = :id AND "
        "revision = :revision)",
        "SELECT m.patient_revision_id, m.into_patient_id FROM patient_merge m WHERE "
        "m.patient_revision_id = (SELECT id FROM patient_revision WHERE patient_id = :id AND "
        "revision = :revision)",
    };
    static constexpr std::string_view of_session_revision =
        "(SELECT id FROM session_revision WHERE session_id = :id AND revision = :revision)";
    static const std::array<std::string, 6> session_parts = {
        fmt::format("SELECT id, position, area, side, depth_mm, passes FROM session_area "
                    "WHERE session_revision_id = {} ORDER BY position",
                    of_session_revision),
        fmt::format("SELECT id, position, product_id, lot, expiry, phase, amount_ml FROM "
                    "serum_use WHERE session_revision_id = {} ORDER BY position",
                    of_session_revision),
        fmt::format("SELECT id, rule, detail FROM session_override WHERE session_revision_id = "
                    "{} ORDER BY id",
                    of_session_revision),
        fmt::format("SELECT setting_revision_id FROM session_setting WHERE session_revision_id "
                    "= {} ORDER BY setting_revision_id",
                    of_session_revision),
        fmt::format("SELECT id, position, key, level, message, override_reason, overridden_by, "
                    "overridden_at FROM session_finding WHERE session_revision_id = {} ORDER BY "
                    "position",
                    of_session_revision),
        // Schema 10: the course the revision belongs to.
        fmt::format("SELECT id, course_id FROM session_course WHERE session_revision_id = {}",
                    of_session_revision),
    };
    using enum DigestQuery::Part;
    static const std::vector<RecordKind> kinds = {
        {"patient", {{sql[0], required}, {revision_parts[6], added_later}}},
        {"condition",
         {{sql[1], required},
          {revision_parts[0], added_later},
          {revision_parts[2], added_later},
          {revision_parts[3], added_later}}},
        {"consent",
         {{sql[2], required}, {revision_parts[1], added_later}, {revision_parts[4], added_later}}},
        {"session",
         {{sql[3], required},
          {session_parts[0], optional},
          {session_parts[1], optional},
          {session_parts[2], optional},
          {session_parts[3], added_later},
          {session_parts[4], added_later},
          {revision_parts[5], added_later},
          {session_parts[5], added_later}}},
        {"reaction", {{sql[4], required}}},
        {"followup", {{sql[5], required}}},
        // A product row is its revision 1; schema 8 added the later ones.
        {"product",
         {{"SELECT id, code, name, kind, maker FROM product WHERE id = :id AND :revision = 1",
           one_of},
          {"SELECT id, product_id, revision, name, kind, maker, retired, author, recorded_at, "
           "reason FROM product_revision WHERE product_id = :id AND revision = :revision",
           one_of}}},
        {"setting", {{sql[6], required}}},
        {"lot", {{sql[7], required}}},
        {"course", {{sql[8], required}}},
        {"assessment", {{sql[9], required}}},
        {"photo", {{sql[10], required}}},
        // A seal is written once; its audit row is the one that states it.
        {"seal",
         {{"SELECT id, sealed_id, sealed_hash, public_key, key_fingerprint, signature FROM "
           "audit_seal WHERE id = :id AND :revision = 1",
           required}}},
    };
    return kinds;
}

const RecordKind* find_kind(std::string_view kind) {
    const auto& kinds = record_kinds();
    const auto found = std::find_if(kinds.begin(), kinds.end(),
                                    [&](const RecordKind& known) { return known.kind == kind; });
    return found == kinds.end() ? nullptr : &*found;
}

// Whether the table a part reads (the word after FROM) exists in `db`.
bool has_tables_of(Database& db, std::string_view sql) {
    const auto from = sql.find(" FROM ") + 6;
    return db.connection().has_table(sql.substr(from, sql.find(' ', from) - from));
}

nlohmann::json cell(const Column& column) {
    switch (column.type()) {
    case ValueType::integer:
        return column.as_int64();
    case ValueType::real:
        return column.as_double(); // printed in the shortest form that reads back the same
    case ValueType::null:
        return nullptr;
    default:
        return column.as_text();
    }
}

} // namespace

bool has_record_digest(std::string_view kind) {
    return find_kind(kind) != nullptr;
}

std::optional<std::string> record_digest(Database& db, std::string_view kind,
                                         std::int64_t record_id, int revision) {
    const auto* known = find_kind(kind);
    if (known == nullptr)
        return std::nullopt;
    // JSON arrays of parts, rows and cells: quoting keeps boundaries unambiguous whatever the
    // cells hold.
    auto content = nlohmann::json::array();
    bool has_one_of = false, found_one_of = false;
    for (const auto& part : known->queries) {
        if (part.part != DigestQuery::required && !has_tables_of(db, part.sql))
            continue; // a file from before the schema that added it, opened to be checked
        auto query = db.query(std::string(part.sql));
        query->bind(":id", record_id);
        query->bind(":revision", revision);
        auto rows = nlohmann::json::array();
        while (query->step()) {
            auto row = nlohmann::json::array();
            for (int i = 0; i < query->column_count(); ++i)
                row.push_back(cell(query->column(i)));
            rows.push_back(std::move(row));
        }
        if (part.part == DigestQuery::required && rows.empty())
            return std::nullopt;
        if (part.part == DigestQuery::one_of) {
            has_one_of = true;
            found_one_of = found_one_of || !rows.empty();
        }
        if ((part.part == DigestQuery::added_later || part.part == DigestQuery::one_of) &&
            rows.empty())
            continue;
        content.push_back(std::move(rows));
    }
    if (has_one_of && !found_one_of)
        return std::nullopt;
    return sha256_hex(content.dump());
}

} // namespace needlebook::storage
