#include "needlebook/storage/record_digest.hpp"

#include "needlebook/storage/sha256.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

namespace needlebook::storage {
namespace {

// One query of a fingerprint: the rows of `columns` from `from` whose record is `record_id`
// and revision `revision`, in `order`. Columns are named, never `*`: a column added by a later
// migration must not change the fingerprint of revisions stored before it.
struct DigestPart {
    enum Kind {
        required,    // the revision is missing when this part finds no row
        optional,    // may find no row: an empty part
        added_later, // a part a later schema added: left out when empty, so older fingerprints
                     // stay as they were, and deleting all its rows still shows
        one_of // where a revision is stored depends on its number: left out when empty, and the
               // revision is missing when every one_of part is empty
    };
    DigestPart(std::string_view columns, std::string_view from, std::string_view record_id,
               std::string_view revision, std::string_view order, Kind kind)
        : table(from.substr(0, from.find(' '))), kind(kind),
          one_revision(fmt::format("SELECT {} FROM {} WHERE {} = :id AND {} = :revision{}{}",
                                   columns, from, record_id, revision,
                                   order.empty() ? "" : " ORDER BY ", order)),
          // The keys first, ordered by position: a revision given as a number would be read
          // as a column position by ORDER BY.
          id_range(fmt::format("SELECT {2}, {3}, {0} FROM {1} WHERE {2} BETWEEN :first AND "
                               ":last ORDER BY 1, 2{4}{5}",
                               columns, from, record_id, revision, order.empty() ? "" : ", ",
                               order)) {}

    std::string table; // the one whose absence (an older schema) leaves the part out
    Kind kind;
    std::string one_revision; // binds :id and :revision
    std::string id_range;     // binds :first and :last; the record id and revision lead each row
};

struct RecordKind {
    std::string_view kind;
    std::string_view table; // holds one row per record: its ids mark out the batches
    std::vector<DigestPart> parts;
};

// The identity row and revision row of a record, joined.
DigestPart revision_part(std::string_view record, std::string_view identity_columns,
                         std::string_view revision_columns) {
    return {fmt::format("{}, {}", identity_columns, revision_columns),
            fmt::format("{0} i JOIN {0}_revision r ON r.{0}_id = i.id", record),
            "i.id",
            "r.revision",
            "",
            DigestPart::required};
}

// Rows of `table` that belong to one revision of `record` (through `link`, its revision's id).
DigestPart rows_of_revision(std::string_view record, std::string_view columns,
                            std::string_view table, std::string_view link, std::string_view order,
                            DigestPart::Kind kind) {
    return {columns,
            fmt::format("{} t JOIN {}_revision v ON v.id = t.{}", table, record, link),
            fmt::format("v.{}_id", record),
            "v.revision",
            order,
            kind};
}

const std::vector<RecordKind>& record_kinds() {
    using enum DigestPart::Kind;
    static const std::vector<RecordKind> kinds = {
        {"patient",
         "patient",
         {revision_part("patient", "i.id, i.code, i.created_at",
                        "r.id, r.revision, r.family_name, r.given_name, r.birth_date, "
                        "r.fitzpatrick, r.phone, r.email, r.note, r.voided, r.author, "
                        "r.recorded_at, r.reason"),
          // Schema 8: a merge.
          rows_of_revision("patient", "t.patient_revision_id, t.into_patient_id", "patient_merge",
                           "patient_revision_id", "", added_later)}},
        {"condition",
         "condition",
         {revision_part("condition", "i.id, i.patient_id, i.code, i.created_at",
                        "r.id, r.revision, r.since, r.resolved_on, r.note, r.voided, r.author, "
                        "r.recorded_at, r.reason"),
          // Schema 7: clearances; schema 8: the code and the owner.
          rows_of_revision(
              "condition", "t.id, t.position, t.cleared_by, t.cleared_on, t.until, t.reason",
              "condition_clearance", "condition_revision_id", "t.position", added_later),
          rows_of_revision("condition", "t.condition_revision_id, t.code",
                           "condition_revision_code", "condition_revision_id", "", added_later),
          rows_of_revision("condition", "t.condition_revision_id, t.patient_id", "condition_owner",
                           "condition_revision_id", "", added_later)}},
        {"consent",
         "consent",
         {revision_part("consent", "i.id, i.patient_id, i.created_at",
                        "r.id, r.revision, r.signed_on, r.covers, r.voided, r.author, "
                        "r.recorded_at, r.reason"),
          // Schema 7: the terms; schema 8: the owner.
          rows_of_revision("consent",
                           "t.consent_revision_id, t.guardian, t.withdrawn_on, "
                           "t.withdrawal_reason",
                           "consent_terms", "consent_revision_id", "", added_later),
          rows_of_revision("consent", "t.consent_revision_id, t.patient_id", "consent_owner",
                           "consent_revision_id", "", added_later)}},
        {"session",
         "session",
         {revision_part("session", "i.id, i.patient_id, i.created_at",
                        "r.id, r.revision, r.performed_at, r.practitioner, r.indication, "
                        "r.device, r.model, r.cartridge, r.cartridge_lot, r.anaesthetic, "
                        "r.endpoint, r.aftercare, r.note, r.override_reason, r.voided, r.author, "
                        "r.recorded_at, r.reason"),
          rows_of_revision("session", "t.id, t.position, t.area, t.side, t.depth_mm, t.passes",
                           "session_area", "session_revision_id", "t.position", optional),
          rows_of_revision("session",
                           "t.id, t.position, t.product_id, t.lot, t.expiry, t.phase, t.amount_ml",
                           "serum_use", "session_revision_id", "t.position", optional),
          rows_of_revision("session", "t.id, t.rule, t.detail", "session_override",
                           "session_revision_id", "t.id", optional),
          // Later schemas: the settings in force, the findings, the owner, the course.
          rows_of_revision("session", "t.setting_revision_id", "session_setting",
                           "session_revision_id", "t.setting_revision_id", added_later),
          rows_of_revision("session",
                           "t.id, t.position, t.key, t.level, t.message, t.override_reason, "
                           "t.overridden_by, t.overridden_at",
                           "session_finding", "session_revision_id", "t.position", added_later),
          rows_of_revision("session", "t.session_revision_id, t.patient_id", "session_owner",
                           "session_revision_id", "", added_later),
          rows_of_revision("session", "t.id, t.course_id", "session_course", "session_revision_id",
                           "", added_later)}},
        {"reaction",
         "reaction",
         {revision_part("reaction", "i.id, i.session_id, i.created_at",
                        "r.id, r.revision, r.kind, r.severity, r.area, r.side, r.onset_on, "
                        "r.resolved_on, r.note, r.voided, r.author, r.recorded_at, r.reason")}},
        {"followup",
         "followup",
         {revision_part("followup", "i.id, i.session_id, i.created_at",
                        "r.id, r.revision, r.checked_on, r.outcome, r.note, r.voided, r.author, "
                        "r.recorded_at, r.reason")}},
        // A product row is its revision 1; schema 8 added the later ones.
        {"product",
         "product",
         {{"p.id, p.code, p.name, p.kind, p.maker", "product p", "p.id", "1", "", one_of},
          {"v.id, v.product_id, v.revision, v.name, v.kind, v.maker, v.retired, v.author, "
           "v.recorded_at, v.reason",
           "product_revision v", "v.product_id", "v.revision", "", one_of}}},
        {"setting",
         "setting",
         {revision_part("setting", "i.id, i.key",
                        "r.id, r.revision, r.value, r.author, r.recorded_at, r.reason")}},
        {"lot",
         "lot",
         {revision_part("lot", "i.id, i.kind, i.product_id, i.lot, i.created_at",
                        "r.id, r.revision, r.expires_on, r.received_on, r.note, r.recalled_on, "
                        "r.recall_reason, r.voided, r.author, r.recorded_at, r.reason")}},
        // Schema 10.
        {"course",
         "course",
         {revision_part("course", "i.id, i.created_at",
                        "r.id, r.revision, r.patient_id, r.indication, r.planned, r.every_days, "
                        "r.areas, r.goal, r.started_on, r.closed_on, r.outcome, r.close_reason, "
                        "r.voided, r.author, r.recorded_at, r.reason")}},
        {"assessment",
         "assessment",
         {revision_part("assessment", "i.id, i.created_at",
                        "r.id, r.revision, r.patient_id, r.scale, r.score, r.area, r.side, "
                        "r.assessed_on, r.session_id, r.course_id, r.assessor, r.note, "
                        "r.voided, r.author, r.recorded_at, r.reason")}},
        {"photo",
         "photo",
         {revision_part("photo", "i.id, i.sha256, i.bytes, i.media_type, i.file_name, i.created_at",
                        "r.id, r.revision, r.patient_id, r.view, r.taken_on, r.session_id, "
                        "r.note, r.override_reason, r.voided, r.author, r.recorded_at, "
                        "r.reason")}},
        // A seal is written once; its audit row is the one that states it.
        {"seal",
         "audit_seal",
         {{"s.id, s.sealed_id, s.sealed_hash, s.public_key, s.key_fingerprint, s.signature",
           "audit_seal s", "s.id", "1", "", required}}},
    };
    return kinds;
}

const RecordKind* find_kind(std::string_view kind) {
    const auto& kinds = record_kinds();
    const auto found = std::find_if(kinds.begin(), kinds.end(),
                                    [&](const RecordKind& known) { return known.kind == kind; });
    return found == kinds.end() ? nullptr : &*found;
}

// Whether the part's table exists in `db`: a file from before the schema that added it, opened
// to be checked, has not got it. A required part's table is always there.
bool part_present(Database& db, const DigestPart& part) {
    return part.kind == DigestPart::required || db.connection().has_table(part.table);
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

// The cells of the row the query is on, from column `first`.
nlohmann::json row_from(Statement& query, int first) {
    auto row = nlohmann::json::array();
    for (int i = first; i < query.column_count(); ++i)
        row.push_back(cell(query.column(i)));
    return row;
}

// The fingerprint of a revision from the rows each part found (nullptr: the part's table does
// not exist), or nothing when the revision is not stored. JSON arrays of parts, rows and cells:
// quoting keeps boundaries unambiguous whatever the cells hold.
std::optional<std::string> digest_of(const RecordKind& known,
                                     const std::vector<const nlohmann::json*>& rows_of_part) {
    auto content = nlohmann::json::array();
    bool has_one_of = false, found_one_of = false;
    for (std::size_t i = 0; i < known.parts.size(); ++i) {
        const auto kind = known.parts[i].kind;
        if (rows_of_part[i] == nullptr)
            continue;
        const auto& rows = *rows_of_part[i];
        if (kind == DigestPart::required && rows.empty())
            return std::nullopt;
        if (kind == DigestPart::one_of) {
            has_one_of = true;
            found_one_of = found_one_of || !rows.empty();
        }
        if ((kind == DigestPart::added_later || kind == DigestPart::one_of) && rows.empty())
            continue;
        content.push_back(rows);
    }
    if (has_one_of && !found_one_of)
        return std::nullopt;
    return sha256_hex(content.dump());
}

} // namespace

bool has_record_digest(std::string_view kind) {
    return find_kind(kind) != nullptr;
}

std::vector<std::string_view> record_digest_kinds() {
    std::vector<std::string_view> kinds;
    for (const auto& known : record_kinds())
        kinds.push_back(known.kind);
    return kinds;
}

std::optional<std::string> record_digest(Database& db, std::string_view kind,
                                         std::int64_t record_id, int revision) {
    const auto* known = find_kind(kind);
    if (known == nullptr)
        return std::nullopt;
    std::vector<nlohmann::json> rows(known->parts.size(), nlohmann::json::array());
    std::vector<const nlohmann::json*> rows_of_part(known->parts.size(), nullptr);
    for (std::size_t i = 0; i < known->parts.size(); ++i) {
        const auto& part = known->parts[i];
        if (!part_present(db, part))
            continue;
        auto query = db.query(part.one_revision);
        query->bind(":id", record_id);
        query->bind(":revision", revision);
        while (query->step())
            rows[i].push_back(row_from(*query, 0));
        rows_of_part[i] = &rows[i];
    }
    return digest_of(*known, rows_of_part);
}

void for_each_record_digest(Database& db, std::string_view kind,
                            const std::function<void(const StoredDigest&)>& visit) {
    const auto* known = find_kind(kind);
    if (known == nullptr || !db.connection().has_table(known->table))
        return;
    // Batches of `batch` records, each from its first record's id to just before the next
    // batch's, the first from the lowest id there can be and the last to the highest: every
    // part's row is read whatever its record id says (a product's revision whose product row is
    // gone included), and memory holds one batch.
    constexpr std::size_t batch = 500;
    const auto next_ids = fmt::format("SELECT id FROM {} WHERE id >= :from ORDER BY id LIMIT {}",
                                      known->table, batch + 1);
    std::vector<bool> present(known->parts.size());
    for (std::size_t i = 0; i < known->parts.size(); ++i)
        present[i] = part_present(db, known->parts[i]);
    std::int64_t first = std::numeric_limits<std::int64_t>::min();
    for (bool last_batch = false; !last_batch;) {
        std::vector<std::int64_t> ids;
        {
            auto query = db.query(next_ids);
            query->bind(":from", first);
            while (query->step())
                ids.push_back(query->column(0).as_int64());
        }
        last_batch = ids.size() <= batch;
        const auto last = last_batch ? std::numeric_limits<std::int64_t>::max() : ids[batch] - 1;
        // (record id, revision) -> the rows of each part.
        std::map<std::pair<std::int64_t, std::int64_t>, std::vector<nlohmann::json>> found;
        for (std::size_t i = 0; i < known->parts.size(); ++i) {
            if (!present[i])
                continue;
            auto query = db.query(known->parts[i].id_range);
            query->bind(":first", first);
            query->bind(":last", last);
            while (query->step()) {
                auto& parts = found[{query->column(0).as_int64(), query->column(1).as_int64()}];
                parts.resize(known->parts.size(), nlohmann::json::array());
                parts[i].push_back(row_from(*query, 2));
            }
        }
        for (const auto& [key, rows] : found) {
            std::vector<const nlohmann::json*> rows_of_part(known->parts.size(), nullptr);
            for (std::size_t i = 0; i < rows.size(); ++i)
                if (present[i])
                    rows_of_part[i] = &rows[i];
            if (auto digest = digest_of(*known, rows_of_part))
                visit({key.first, key.second, std::move(*digest)});
        }
        first = last_batch ? first : ids[batch];
    }
}

} // namespace needlebook::storage
