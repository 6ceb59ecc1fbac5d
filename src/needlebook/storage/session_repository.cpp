#include "needlebook/storage/session_repository.hpp"

#include "needlebook/error.hpp"
#include "needlebook/storage/binding.hpp"
#include "needlebook/storage/record_owner.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <unordered_map>

namespace needlebook::storage {
namespace {

// Every revision row of a session, with the patient it belongs to and the patient's code.
const std::string select_session_revision = fmt::format(
    "SELECT r.id, s.id, p.id, p.code, r.performed_at, r.practitioner, r.indication, r.device, "
    "r.model, r.cartridge, r.cartridge_lot, r.anaesthetic, r.endpoint, r.aftercare, r.note, "
    "r.revision, r.author, r.recorded_at, r.reason, r.voided, c.course_id FROM session s JOIN "
    "session_revision r ON r.session_id = s.id JOIN patient p ON p.id = {} LEFT JOIN "
    "session_course c ON c.session_revision_id = r.id ",
    owner_of("session", "r", "s"));
// Only the current (newest) revision of each session.
const std::string select_session =
    fmt::format("{}WHERE r.revision = (SELECT max(revision) FROM session_revision WHERE "
                "session_id = s.id) ",
                select_session_revision);

Session read_session(Statement& row) {
    Session session;
    session.id = SessionId{row.column(1).as_int64()};
    session.patient_id = PatientId{row.column(2).as_int64()};
    session.patient_code = row.column(3).as_text();
    auto& details = session.details;
    details.performed_at = time::parse_utc(row.column(4).as_text(), "performed_at");
    details.practitioner = row.column(5).as_text();
    details.indication = read_code<Indication>(row.column(6));
    details.device = read_code<Device>(row.column(7));
    details.model = row.column(8).as_text();
    details.cartridge = row.column(9).as_text();
    details.cartridge_lot = row.column(10).as_text();
    details.anaesthetic = row.column(11).as_text();
    details.endpoint = row.column(12).as_text();
    details.aftercare = row.column(13).as_text();
    details.note = row.column(14).as_text();
    session.revision = read_revision(row, 15);
    if (!row.column(20).is_null())
        details.course = CourseId{row.column(20).as_int64()};
    return session;
}

// Puts a child row at its stored 1-based position; rows arrive in no particular order.
template <class T> void place(std::vector<T>& rows, int position, const T& row) {
    const auto index = static_cast<std::size_t>(position - 1);
    if (rows.size() <= index)
        rows.resize(index + 1);
    rows[index] = row;
}

} // namespace

SessionId SessionRepository::insert(const Session& session, std::optional<std::int64_t> id,
                                    Checked checked) {
    auto identity = m_db.query("INSERT INTO session (id, patient_id, created_at) VALUES (:id, "
                               ":patient, :at) RETURNING id");
    bind_optional(*identity, ":id", id);
    identity->bind(":patient", session.patient_id.value);
    identity->bind(":at", time::format_utc(session.revision.recorded_at));
    Session stored = session;
    stored.id = SessionId{identity->exec_returning_id()};
    add_revision(stored, checked);
    return stored.id;
}

void SessionRepository::add_revision(const Session& session, Checked checked) {
    const auto& details = session.details;
    const std::int64_t revision_id = [&] {
        auto insert = m_db.query(
            "INSERT INTO session_revision (session_id, revision, performed_at, practitioner, "
            "indication, device, model, cartridge, cartridge_lot, anaesthetic, endpoint, "
            "aftercare, note, voided, author, recorded_at, reason) VALUES (:id, :revision, :at, "
            ":practitioner, :indication, :device, :model, :cartridge, :cartridge_lot, "
            ":anaesthetic, :endpoint, :aftercare, :note, :voided, :author, :recorded_at, "
            ":reason) RETURNING id");
        insert->bind(":id", session.id.value);
        insert->bind(":at", time::format_utc(details.performed_at));
        insert->bind(":practitioner", details.practitioner);
        bind_code(*insert, ":indication", details.indication);
        bind_code(*insert, ":device", details.device);
        insert->bind(":model", details.model);
        insert->bind(":cartridge", details.cartridge);
        insert->bind(":cartridge_lot", details.cartridge_lot);
        insert->bind(":anaesthetic", details.anaesthetic);
        insert->bind(":endpoint", details.endpoint);
        insert->bind(":aftercare", details.aftercare);
        insert->bind(":note", details.note);
        bind_revision(*insert, session.revision);
        return insert->exec_returning_id();
    }();
    insert_owner(m_db, "session", session.id.value, revision_id, session.patient_id.value);
    if (details.course) {
        auto course = m_db.query("INSERT INTO session_course (session_revision_id, course_id) "
                                 "VALUES (:revision, :course)");
        course->bind(":revision", revision_id);
        course->bind(":course", details.course->value);
        course->exec();
    }
    auto area = m_db.query(
        "INSERT INTO session_area (session_revision_id, position, area, side, depth_mm, passes) "
        "VALUES (:revision, :position, :area, :side, :depth, :passes)");
    for (std::size_t i = 0; i < details.areas.size(); ++i) {
        const auto& treated = details.areas[i];
        area->bind(":revision", revision_id);
        area->bind(":position", static_cast<int>(i + 1));
        bind_code(*area, ":area", treated.area);
        bind_optional_code(*area, ":side", treated.side);
        area->bind(":depth", treated.depth_mm);
        bind_optional(*area, ":passes", treated.passes);
        area->exec();
        area->reset();
    }
    if (checked == Checked::yes && !session.revision.voided)
        record_settings_used(session, revision_id);
    auto serum = m_db.query(
        "INSERT INTO serum_use (session_revision_id, position, product_id, lot, phase, amount_ml) "
        "VALUES (:revision, :position, (SELECT id FROM product WHERE code = :product), :lot, "
        ":phase, :amount)");
    for (std::size_t i = 0; i < details.serums.size(); ++i) {
        const auto& use = details.serums[i];
        serum->bind(":revision", revision_id);
        serum->bind(":position", static_cast<int>(i + 1));
        serum->bind(":product", use.product);
        serum->bind(":lot", use.lot);
        bind_code(*serum, ":phase", use.phase);
        bind_optional(*serum, ":amount", use.amount_ml);
        serum->exec();
        serum->reset();
    }
    // Since schema 6 every finding, with its key; session_override keeps older revisions'.
    auto finding = m_db.query(
        "INSERT INTO session_finding (session_revision_id, position, key, level, message, "
        "override_reason, overridden_by, overridden_at) VALUES (:revision, :position, :key, "
        ":level, :message, :reason, :by, :at)");
    for (std::size_t i = 0; i < session.findings.size(); ++i) {
        const auto& item = session.findings[i];
        finding->bind(":revision", revision_id);
        finding->bind(":position", static_cast<int>(i + 1));
        finding->bind(":key", item.key);
        finding->bind(":level", fmt::format("{}", item.level));
        finding->bind(":message", item.message);
        finding->bind(":reason", item.override_reason);
        finding->bind(":by", item.overridden_by);
        if (item.overridden_at)
            finding->bind(":at", time::format_utc(*item.overridden_at));
        else
            finding->bind(":at");
        finding->exec();
        finding->reset();
    }
}

void SessionRepository::add_settings_used(SessionId id, int revision,
                                          const std::vector<std::int64_t>& setting_revisions) {
    auto insert = m_db.query(
        "INSERT INTO session_setting (session_revision_id, setting_revision_id) SELECT id, "
        ":setting FROM session_revision WHERE session_id = :id AND revision = :revision");
    for (const auto setting : setting_revisions) {
        insert->bind(":setting", setting);
        insert->bind(":id", id.value);
        insert->bind(":revision", revision);
        insert->exec();
        insert->reset();
    }
}

void SessionRepository::record_settings_used(const Session& session, std::int64_t revision_id) {
    // The setting revisions the clinical checks consult for this session: its areas' depth
    // limits, the intervals, consent and isotretinoin periods, its patient's conditions. Each
    // key is looked up on its own: an INSERT … SELECT with IN lists made SQLite build three
    // temporary tables per session, a third of the time of importing one.
    std::set<std::string> keys = {"interval_warn_days",   "interval_block_days",
                                  "consent_valid_months", "isotretinoin_months",
                                  "minimum_age",          "consent_policy"};
    for (const auto& treated : session.details.areas) {
        keys.insert(fmt::format("depth_limit.{}", code_of(treated.area)));
        // A device's limit, when one was ever set (a cleared one is recorded as cleared).
        keys.insert(fmt::format("depth_limit.{}.{}", code_of(treated.area),
                                code_of(session.details.device)));
    }
    if (!session.details.serums.empty() || !session.details.cartridge_lot.empty())
        keys.insert("lot_registration");
    if (session.has_override())
        keys.insert("override_min_reason");
    {
        // Every code the patient's conditions were entered or amended with (schema 8).
        auto conditions = m_db.query(fmt::format(
            "SELECT code FROM condition WHERE patient_id IN {0} UNION SELECT k.code FROM "
            "condition c JOIN condition_revision r ON r.condition_id = c.id JOIN "
            "condition_revision_code k ON k.condition_revision_id = r.id WHERE c.patient_id IN "
            "{0}",
            charts_held_by(":patient")));
        conditions->bind(":patient", session.patient_id.value);
        while (conditions->step())
            keys.insert("condition." + conditions->column(0).as_text());
    }
    std::set<std::int64_t> used; // in id order, each once
    {
        auto current = m_db.query("SELECT id FROM setting_current WHERE key = :key");
        for (const auto& key : keys) {
            current->bind(":key", key);
            if (current->step())
                used.insert(current->column(0).as_int64());
            current->reset();
        }
    }
    auto insert = m_db.query("INSERT INTO session_setting (session_revision_id, "
                             "setting_revision_id) VALUES (:revision, :setting)");
    for (const auto setting : used) {
        insert->bind(":revision", revision_id);
        insert->bind(":setting", setting);
        insert->exec();
        insert->reset();
    }
}

std::vector<Session> SessionRepository::read_with_children(Statement& query, Parts parts) {
    std::vector<Session> sessions;
    std::vector<std::int64_t> revision_ids;
    while (query.step()) {
        sessions.push_back(read_session(query));
        revision_ids.push_back(query.column(0).as_int64());
    }
    query.reset(); // the child queries below may need the tables unlocked
    load_children(sessions, parts, revision_ids);
    return sessions;
}

std::optional<Session> SessionRepository::find(SessionId id, Parts parts) {
    auto query = m_db.query(fmt::format("{} AND s.id = :id", select_session));
    query->bind(":id", id.value);
    auto found = read_with_children(*query, parts);
    if (found.empty())
        return std::nullopt;
    return std::move(found.front());
}

std::vector<Session> SessionRepository::find_many(const std::vector<SessionId>& ids) {
    std::vector<std::int64_t> values;
    for (const auto& id : ids)
        values.push_back(id.value);
    auto query = m_db.query(
        fmt::format("{} AND s.id IN (SELECT value FROM {ids}(:ids)) ORDER BY r.performed_at, s.id",
                    select_session, fmt::arg("ids", m_db.dialect().id_list)));
    query->bind(":ids", id_array(values));
    return read_with_children(*query, Parts::all);
}

std::vector<Session> SessionRepository::revisions_of_patient(PatientId patient) {
    auto query =
        m_db.query(fmt::format("{} WHERE {} ORDER BY s.id, r.revision", select_session_revision,
                               held_by("session", "s", ":patient")));
    query->bind(":patient", patient.value);
    return read_with_children(*query, Parts::all);
}

std::vector<Session> SessionRepository::list(const SessionFilter& filter) {
    {
        // Only the conditions in use, so SQLite can pick an index (an "OR :x IS NULL" cannot).
        std::string where;
        if (filter.patient)
            where += " AND " + held_by("session", "s", ":patient");
        if (filter.from)
            where += " AND r.performed_at >= :from";
        if (filter.to)
            where += " AND r.performed_at < :to";
        if (!filter.include_voided)
            where += " AND r.voided = 0";
        auto query =
            m_db.query(fmt::format("{}{} ORDER BY r.performed_at, s.id", select_session, where));
        if (filter.patient)
            query->bind(":patient", filter.patient->value);
        if (filter.from)
            query->bind(":from", time::format_utc(*filter.from));
        if (filter.to)
            query->bind(":to", time::format_utc(*filter.to));
        return read_with_children(*query, Parts::all);
    }
}

void SessionRepository::load_children(std::vector<Session>& sessions, Parts parts,
                                      const std::vector<std::int64_t>& revision_ids) {
    std::unordered_map<std::int64_t, Session*> by_revision;
    for (std::size_t i = 0; i < sessions.size(); ++i)
        by_revision[revision_ids[i]] = &sessions[i];
    const auto ids = id_array(revision_ids);
    {
        auto areas = m_db.query(fmt::format(
            "SELECT a.session_revision_id, a.area, a.side, a.depth_mm, a.passes, a.position FROM "
            "{ids}(:ids) j JOIN session_area a ON a.session_revision_id = j.value",
            fmt::arg("ids", m_db.dialect().id_list)));
        areas->bind(":ids", ids);
        while (areas->step()) {
            AreaTreatment treated;
            treated.area = read_code<Area>(areas->column(1));
            treated.side = read_optional_code<Side>(areas->column(2));
            treated.depth_mm = areas->column(3).as_double();
            treated.passes = read_optional_int(areas->column(4));
            place(by_revision.at(areas->column(0).as_int64())->details.areas,
                  areas->column(5).as_int(), treated);
        }
    }
    if (parts == Parts::areas)
        return;
    {
        auto serums = m_db.query(fmt::format(
            "SELECT u.session_revision_id, p.code, u.lot, u.phase, u.position, u.amount_ml FROM "
            "{ids}(:ids) j JOIN serum_use u ON u.session_revision_id = j.value JOIN product p "
            "ON p.id = u.product_id",
            fmt::arg("ids", m_db.dialect().id_list)));
        serums->bind(":ids", ids);
        while (serums->step()) {
            SerumUse use;
            use.product = serums->column(1).as_text();
            use.lot = serums->column(2).as_text();
            use.phase = read_code<SerumPhase>(serums->column(3));
            if (!serums->column(5).is_null())
                use.amount_ml = serums->column(5).as_double();
            place(by_revision.at(serums->column(0).as_int64())->details.serums,
                  serums->column(4).as_int(), use);
        }
    }
    // Revisions stored before schema 6 keep their overrides in session_override, keyed by the
    // schema's view; they come after the newer rows, in the order they were stored.
    auto findings = m_db.query(fmt::format(
        "SELECT f.session_revision_id, f.key, f.level, f.message, f.override_reason, "
        "f.position, 0, f.overridden_by, f.overridden_at FROM {ids}(:ids) j JOIN "
        "session_finding f ON f.session_revision_id = j.value UNION ALL SELECT "
        "o.session_revision_id, o.key, 'overridden', o.message, o.override_reason, o.id, 1, "
        "o.overridden_by, o.overridden_at FROM {ids}(:ids) j JOIN session_override_keyed o "
        "ON o.session_revision_id = j.value ORDER BY 7, 6",
        fmt::arg("ids", m_db.dialect().id_list)));
    findings->bind(":ids", ids);
    while (findings->step()) {
        const auto at = findings->column(8);
        SessionFinding finding{findings->column(1).as_text(),
                               read_code<FindingLevel>(findings->column(2)),
                               findings->column(3).as_text(),
                               findings->column(4).as_text(),
                               findings->column(7).as_text(),
                               at.is_null()
                                   ? std::nullopt
                                   : std::optional(time::parse_utc(at.as_text(), "overridden_at"))};
        auto& of_revision = by_revision.at(findings->column(0).as_int64())->findings;
        if (findings->column(6).as_int() == 0) {
            place(of_revision, findings->column(5).as_int(), finding);
            continue;
        }
        // Schema 5 could store two overrides under one key (two isotretinoin courses): one
        // finding per key, as the checks raise it now.
        const auto same = std::find_if(of_revision.begin(), of_revision.end(),
                                       [&](const auto& f) { return f.key == finding.key; });
        if (same == of_revision.end())
            of_revision.push_back(std::move(finding));
        else
            same->message += "; " + finding.message;
    }
}

std::map<std::string, std::vector<std::pair<std::string, std::string>>>
SessionRepository::settings_used_by_patient(PatientId patient) {
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> used;
    auto query = m_db.query(fmt::format(
        "SELECT r.session_id, r.revision, s.key, v.value FROM session x JOIN session_revision r "
        "ON r.session_id = x.id JOIN session_setting u ON u.session_revision_id = r.id JOIN "
        "setting_revision v ON v.id = u.setting_revision_id JOIN setting s ON s.id = "
        "v.setting_id WHERE x.patient_id IN {} ORDER BY r.id, s.key",
        charts_held_by(":patient")));
    query->bind(":patient", patient.value);
    while (query->step())
        used[fmt::format("{}:{}", query->column(0).as_int64(), query->column(1).as_int())]
            .emplace_back(query->column(2).as_text(), query->column(3).as_text());
    return used;
}

} // namespace needlebook::storage
