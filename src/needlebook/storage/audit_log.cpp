#include "needlebook/storage/audit_log.hpp"

#include "needlebook/storage/binding.hpp"
#include "needlebook/storage/record_digest.hpp"
#include "needlebook/storage/record_owner.hpp"
#include "needlebook/storage/sha256.hpp"

#include "needlebook/error.hpp"

#include <array>
#include <fmt/format.h>
#include <limits>
#include <nlohmann/json.hpp>
#include <pwd.h>
#include <unistd.h>

namespace needlebook::storage {
namespace {

template <class T> std::string optional_text(const std::optional<T>& value) {
    return value ? fmt::format("{}", *value) : std::string();
}

// A JSON array of the row's fields: quoting makes field boundaries unambiguous whatever the
// fields hold. Each schema's rows keep the form they were written in.
std::string chain_hash(const StoredAuditRow& row) {
    auto canonical = nlohmann::json::array(
        {row.id, row.at, row.actor, row.action, optional_text(row.patient_id), row.record_kind,
         optional_text(row.record_id), optional_text(row.revision), row.reason, row.prev_hash});
    if (row.os_user) { // schema 4 and later: every field, always
        canonical.push_back(row.record_hash);
        canonical.push_back(*row.os_user);
        canonical.push_back(row.clock_fixed ? nlohmann::json(*row.clock_fixed) : nlohmann::json());
    } else if (!row.record_hash.empty()) { // schema 3
        canonical.push_back(row.record_hash);
    }
    return sha256_hex(canonical.dump());
}

std::string text_or_empty(const Column& column) {
    return column.is_null() ? std::string() : column.as_text();
}

template <class T> std::optional<T> optional_number(const Column& column) {
    if (column.is_null())
        return std::nullopt;
    return static_cast<T>(column.as_int64());
}

// Databases opened only to be checked may predate the columns of schema 3 and 4.
std::string column_or_null(Database& db, const std::string& column) {
    if (db.on_server()) // PostgreSQL starts at schema 10, after every column was added
        return column;
    auto query = db.query("SELECT 1 FROM pragma_table_info('audit_log') WHERE name = :name");
    query->bind(":name", column);
    return query->step() ? column : "NULL";
}

} // namespace

namespace {

std::string look_up_operating_system_account() {
    const uid_t uid = ::geteuid();
    std::array<char, 4096> buffer{};
    passwd entry{};
    passwd* found = nullptr;
    if (::getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) == 0 && found != nullptr)
        return found->pw_name;
    return fmt::format("uid {}", uid);
}

} // namespace

const std::string& operating_system_account() {
    // Looked up once: a demo clinic or an import writes hundreds of thousands of audit rows.
    static const std::string account = look_up_operating_system_account();
    return account;
}

std::string audit_row_hash(const StoredAuditRow& row) {
    return chain_hash(row);
}

ChainHead chain_head(Database& db) {
    // max(id) is one index lookup; ORDER BY id DESC LIMIT 1 is planned as a (stopped) scan.
    auto last = db.query("SELECT id, hash FROM audit_log WHERE id = (SELECT max(id) FROM "
                         "audit_log)");
    if (!last->step())
        return {};
    return {last->column(0).as_int64(), text_or_empty(last->column(1))};
}

ChainHead append_audit(Database& db, const AuditEntry& entry) {
    // A clock set ahead would lock every later write out (none may go before it): refused.
    if (const auto system_now = std::chrono::system_clock::now();
        entry.at > system_now + future_tolerance)
        throw Refused(fmt::format(
            "the time of this {} ({}) is ahead of the computer's clock ({}); a record cannot be "
            "written in the future. Check NEEDLEBOOK_NOW; nothing was changed",
            entry.action, time::format_utc(entry.at),
            time::format_utc(std::chrono::floor<std::chrono::seconds>(system_now))));
    // A backup is a frozen copy: a read of it is not recorded in it (a write is refused anyway).
    if (db.is_backup()) {
        db.leave_out_audit_row();
        return chain_head(db);
    }
    StoredAuditRow row;
    row.id = 1;
    row.at = time::format_utc(entry.at);
    {
        auto last = db.query("SELECT id, hash, at, actor, action FROM audit_log WHERE id = "
                             "(SELECT max(id) FROM audit_log)");
        if (last->step()) {
            row.id = last->column(0).as_int64() + 1;
            row.prev_hash = text_or_empty(last->column(1));
            // UTC text in one fixed form: comparing the text compares the instants.
            if (const auto newest = text_or_empty(last->column(2)); row.at < newest)
                throw Refused(fmt::format(
                    "the time of this {} ({}) is earlier than the newest audit row ({}, {} by "
                    "{}); a record cannot be written into the past. Check the computer's clock "
                    "and NEEDLEBOOK_NOW; nothing was changed",
                    entry.action, row.at, newest, last->column(4).as_text(),
                    last->column(3).as_text()));
        }
    }
    if (!entry.content_hash.empty())
        row.record_hash = entry.content_hash;
    else if (entry.record_id && entry.revision)
        row.record_hash =
            record_digest(db, entry.record_kind, *entry.record_id, *entry.revision).value_or("");
    row.actor = entry.actor;
    row.action = entry.action;
    row.patient_id = entry.patient_id;
    row.record_kind = entry.record_kind;
    row.record_id = entry.record_id;
    row.revision = entry.revision;
    row.reason = entry.reason;
    row.os_user = operating_system_account();
    row.clock_fixed = db.clock_fixed();
    row.hash = chain_hash(row);
    auto insert = db.query(
        "INSERT INTO audit_log (id, at, actor, action, patient_id, record_kind, record_id, "
        "revision, reason, prev_hash, hash, record_hash, os_user, clock_fixed) VALUES (:id, :at, "
        ":actor, :action, :patient, :kind, :record, :revision, :reason, :prev, :hash, "
        ":record_hash, :os_user, :clock_fixed)");
    insert->bind(":id", row.id);
    insert->bind(":at", row.at);
    insert->bind(":actor", row.actor);
    insert->bind(":action", row.action);
    bind_optional(*insert, ":patient", row.patient_id);
    bind_optional(*insert, ":kind",
                  row.record_kind.empty() ? std::nullopt : std::optional(row.record_kind));
    bind_optional(*insert, ":record", row.record_id);
    bind_optional(*insert, ":revision", row.revision);
    insert->bind(":reason", row.reason);
    bind_optional(*insert, ":prev",
                  row.prev_hash.empty() ? std::nullopt : std::optional(row.prev_hash));
    insert->bind(":hash", row.hash);
    bind_optional(*insert, ":record_hash",
                  row.record_hash.empty() ? std::nullopt : std::optional(row.record_hash));
    insert->bind(":os_user", *row.os_user);
    insert->bind(":clock_fixed", *row.clock_fixed ? 1 : 0);
    insert->exec();
    return {row.id, row.hash};
}

void audit_unaudited_catalogue(Database& db, time::Instant at, const std::string& actor) {
    struct Unaudited {
        std::int64_t id;
        int revision;
        std::string reason;
    };
    const auto collect = [&](const std::string& sql) {
        std::vector<Unaudited> rows;
        auto query = db.query(sql);
        while (query->step())
            rows.push_back({query->column(0).as_int64(), query->column(1).as_int(),
                            query->column(2).as_text()});
        return rows;
    };
    for (const auto& row :
         collect("SELECT s.id, r.revision, s.key || ' = ' || r.value || ' (' || r.reason || ')' "
                 "FROM setting s JOIN setting_revision r ON r.setting_id = s.id WHERE NOT "
                 "EXISTS (SELECT 1 FROM audit_log a WHERE a.record_kind = 'setting' AND "
                 "a.record_id = s.id AND a.revision = r.revision) ORDER BY r.id"))
        append_audit(db, {at, actor, "setting.seed", std::nullopt, "setting", row.id, row.revision,
                          row.reason});
    for (const auto& row : collect("SELECT p.id, 1, p.code FROM product p WHERE NOT EXISTS "
                                   "(SELECT 1 FROM audit_log a WHERE a.record_kind = 'product' "
                                   "AND a.record_id = p.id) ORDER BY p.id"))
        append_audit(db, {at, actor, "product.seed", std::nullopt, "product", row.id, row.revision,
                          row.reason});
}

std::string disclosure_digest(const std::vector<std::int64_t>& patient_ids) {
    return sha256_hex(nlohmann::json(patient_ids).dump());
}

std::string StoredDisclosures::digest_of(std::int64_t audit_id) {
    if (audit_id < m_first || audit_id >= m_end) {
        // A window of audit ids, not of rows: a list can name every patient, which bounds the
        // rows read by the clinic's size times the window.
        constexpr std::int64_t window = 256;
        m_first = audit_id;
        // A forged id near the largest there is must not overflow.
        m_end = audit_id > std::numeric_limits<std::int64_t>::max() - window
                    ? std::numeric_limits<std::int64_t>::max()
                    : audit_id + window;
        m_patients.clear();
        auto query = m_db.query("SELECT audit_id, patient_id FROM audit_disclosure WHERE "
                                "audit_id >= :first AND audit_id < :end ORDER BY audit_id, "
                                "patient_id");
        query->bind(":first", m_first);
        query->bind(":end", m_end);
        while (query->step())
            m_patients[query->column(0).as_int64()].push_back(query->column(1).as_int64());
    }
    const auto found = m_patients.find(audit_id);
    return disclosure_digest(found == m_patients.end() ? std::vector<std::int64_t>{}
                                                       : found->second);
}

void add_disclosures(Database& db, std::int64_t audit_id,
                     const std::vector<std::int64_t>& patient_ids) {
    if (db.is_backup())
        return; // as append_audit: a read of a frozen copy is not recorded in it
    auto insert = db.query("INSERT INTO audit_disclosure (audit_id, patient_id) VALUES "
                           "(:audit, :patient) ON CONFLICT DO NOTHING");
    for (const auto patient : patient_ids) {
        insert->bind(":audit", audit_id);
        insert->bind(":patient", patient);
        insert->exec();
        insert->reset();
    }
}

std::map<std::string, std::string> write_accounts_of_patient(Database& db,
                                                             std::int64_t patient_id) {
    std::map<std::string, std::string> accounts;
    // The charts merged into the patient's too: their records' earlier revisions are its now.
    auto query = db.query(fmt::format(
        "SELECT record_kind, record_id, revision, os_user FROM audit_log WHERE id IN (SELECT "
        "min(id) FROM audit_log WHERE patient_id IN {} AND revision IS NOT NULL GROUP BY "
        "record_kind, record_id, revision) AND os_user IS NOT NULL",
        charts_held_by(":patient")));
    query->bind(":patient", patient_id);
    while (query->step())
        accounts[fmt::format("{}:{}:{}", query->column(0).as_text(), query->column(1).as_int64(),
                             query->column(2).as_int())] = query->column(3).as_text();
    return accounts;
}

bool has_audit_action(Database& db, const std::string& action) {
    auto query = db.query("SELECT 1 FROM audit_log WHERE action = :action LIMIT 1");
    query->bind(":action", action);
    return query->step();
}

void for_each_audit_row(Database& db, const AuditFilter& filter,
                        const std::function<bool(const StoredAuditRow&)>& visit) {
    const bool disclosures = db.connection().has_table("audit_disclosure");
    auto query = db.query(fmt::format(
        "SELECT id, at, actor, action, patient_id, record_kind, record_id, revision, reason, "
        "prev_hash, hash, {}, {}, {} FROM audit_log WHERE (CAST(:patient AS BIGINT) IS NULL OR "
        "patient_id = "
        ":patient{}) AND (:from = '' OR at >= :from) AND (:to = '' OR at < :to) ORDER BY id",
        column_or_null(db, "record_hash"), column_or_null(db, "os_user"),
        column_or_null(db, "clock_fixed"),
        disclosures ? " OR id IN (SELECT audit_id FROM audit_disclosure WHERE patient_id = "
                      ":patient)"
                    : ""));
    bind_optional(*query, ":patient", filter.patient_id);
    query->bind(":from", filter.from_at);
    query->bind(":to", filter.to_at);
    query->read_in_batches(); // the whole trail, for check
    while (query->step()) {
        StoredAuditRow row;
        row.id = query->column(0).as_int64();
        row.at = text_or_empty(query->column(1));
        row.actor = text_or_empty(query->column(2));
        row.action = text_or_empty(query->column(3));
        row.patient_id = optional_number<std::int64_t>(query->column(4));
        row.record_kind = text_or_empty(query->column(5));
        row.record_id = optional_number<std::int64_t>(query->column(6));
        row.revision = optional_number<int>(query->column(7));
        row.reason = text_or_empty(query->column(8));
        row.prev_hash = text_or_empty(query->column(9));
        row.hash = text_or_empty(query->column(10));
        row.record_hash = text_or_empty(query->column(11));
        if (!query->column(12).is_null())
            row.os_user = query->column(12).as_text();
        if (!query->column(13).is_null())
            row.clock_fixed = query->column(13).as_int() != 0;
        if (!visit(row))
            break;
    }
}

} // namespace needlebook::storage
