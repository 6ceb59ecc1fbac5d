#include "needlebook/storage/report_reader.hpp"

#include "needlebook/storage/binding.hpp"
#include "needlebook/storage/condition_repository.hpp"
#include "needlebook/storage/course_repository.hpp"
#include "needlebook/storage/record_owner.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <unordered_map>

// The recovery and follow-up reports read whole tables: flat scans joined in memory by id are
// about twice as fast as one query with a correlated subquery per row (area depth, products,
// follow-up dates), and need no sort in SQL.

namespace needlebook::storage {
namespace {

// Conditions that keep only the newest revision of a session (r) and patient (pr).
constexpr std::string_view current_session =
    "r.revision = (SELECT max(revision) FROM session_revision WHERE session_id = s.id)";
constexpr std::string_view current_patient =
    "pr.revision = (SELECT max(revision) FROM patient_revision WHERE patient_id = p.id)";

// Columns 0..4 of a query joining the patient: who the row is about.
constexpr std::string_view patient_columns =
    "p.id, p.code, pr.family_name, pr.given_name, pr.fitzpatrick";

PatientLabel read_patient(Statement& row, int first) {
    return {PatientId{row.column(first).as_int64()}, row.column(first + 1).as_text(),
            row.column(first + 2).as_text(), row.column(first + 3).as_text(),
            read_optional_int(row.column(first + 4))};
}

// A current, unvoided session with what its reactions share.
struct SessionRow {
    std::int64_t revision_id = 0;
    const PatientLabel* patient = nullptr;
    time::Instant performed_at{};
    Device device{};
    std::vector<std::string> products; // sorted, each once
    std::vector<AreaTreatment> areas;
    std::vector<time::Date> followups;
};

using PatientMap = std::unordered_map<std::int64_t, PatientLabel>;
using SessionMap = std::unordered_map<std::int64_t, SessionRow>; // by session id

PatientMap load_patients(Database& db) {
    auto query = db.query(fmt::format("SELECT {} FROM patient p JOIN patient_revision pr ON "
                                      "pr.patient_id = p.id AND {}",
                                      patient_columns, current_patient));
    PatientMap patients;
    while (query->step())
        patients.emplace(query->column(0).as_int64(), read_patient(*query, 0));
    return patients;
}

// Current, unvoided sessions performed in [from, to).
SessionMap load_sessions(Database& db, const PatientMap& patients,
                         std::optional<time::Instant> from, std::optional<time::Instant> to) {
    std::string where;
    if (from)
        where += " AND r.performed_at >= :from";
    if (to)
        where += " AND r.performed_at < :to";
    auto query = db.query(
        fmt::format("SELECT s.id, {}, r.id, r.performed_at, r.device FROM session s JOIN "
                    "session_revision r ON r.session_id = s.id AND {} WHERE r.voided = 0{}",
                    owner_of("session", "r", "s"), current_session, where));
    if (from)
        query->bind(":from", time::format_utc(*from));
    if (to)
        query->bind(":to", time::format_utc(*to));
    SessionMap sessions;
    while (query->step()) {
        auto& row = sessions[query->column(0).as_int64()];
        row.patient = &patients.at(query->column(1).as_int64());
        row.revision_id = query->column(2).as_int64();
        row.performed_at = time::parse_utc(query->column(3).as_text(), "performed_at");
        row.device = read_code<Device>(query->column(4));
    }
    return sessions;
}

// The sessions' revision ids, for the rows that hang off a revision (areas, serums).
std::unordered_map<std::int64_t, SessionRow*> by_revision(SessionMap& sessions) {
    std::unordered_map<std::int64_t, SessionRow*> rows;
    rows.reserve(sessions.size());
    for (auto& [id, row] : sessions)
        rows.emplace(row.revision_id, &row);
    return rows;
}

void load_areas_and_products(Database& db, SessionMap& sessions) {
    const auto revisions = by_revision(sessions);
    {
        auto query = db.query("SELECT session_revision_id, area, side, depth_mm FROM session_area");
        while (query->step())
            if (const auto found = revisions.find(query->column(0).as_int64());
                found != revisions.end())
                found->second->areas.push_back({read_code<Area>(query->column(1)),
                                                read_optional_code<Side>(query->column(2)),
                                                query->column(3).as_double(), std::nullopt});
    }
    auto query = db.query("SELECT u.session_revision_id, d.code FROM serum_use u JOIN product d "
                          "ON d.id = u.product_id");
    while (query->step())
        if (const auto found = revisions.find(query->column(0).as_int64());
            found != revisions.end())
            found->second->products.push_back(query->column(1).as_text());
    // Sorted and once each: the same product twice in a session is one serum group.
    for (auto& [id, row] : sessions) {
        std::sort(row.products.begin(), row.products.end());
        row.products.erase(std::unique(row.products.begin(), row.products.end()),
                           row.products.end());
    }
}

// The current, unvoided reactions of `sessions`, with what each session shares; the depths and
// products only when the sessions' areas and products were loaded.
std::vector<ReactionFact> read_reactions(Database& db, const SessionMap& sessions) {
    auto query = db.query(
        "SELECT x.id, x.session_id, r.kind, r.severity, r.area, r.side, r.onset_on, "
        "r.resolved_on FROM reaction x JOIN reaction_revision r ON r.reaction_id = x.id AND "
        "r.revision = (SELECT max(revision) FROM reaction_revision WHERE reaction_id = x.id) "
        "WHERE r.voided = 0");
    std::vector<ReactionFact> facts;
    while (query->step()) {
        const auto session = sessions.find(query->column(1).as_int64());
        if (session == sessions.end())
            continue; // a voided session, or one outside [from, to)
        const auto& row = session->second;
        ReactionFact fact;
        fact.reaction = ReactionId{query->column(0).as_int64()};
        fact.session = SessionId{session->first};
        fact.patient = *row.patient;
        fact.performed_at = row.performed_at;
        fact.device = row.device;
        fact.products = row.products;
        auto& details = fact.details;
        details.kind = read_code<ReactionKind>(query->column(2));
        details.severity = read_code<Severity>(query->column(3));
        details.area = read_optional_code<Area>(query->column(4));
        details.side = read_optional_code<Side>(query->column(5));
        details.onset = read_date(query->column(6));
        details.resolved = read_optional_date(query->column(7));
        for (const auto& treated : row.areas) {
            fact.deepest_mm = std::max(fact.deepest_mm, treated.depth_mm);
            if (details.area && is_on(treated, *details.area, details.side))
                fact.area_depth_mm = std::max(fact.area_depth_mm.value_or(0), treated.depth_mm);
        }
        facts.push_back(std::move(fact));
    }
    return facts;
}

// Every session of `sessions` with its follow-up dates, in time order.
std::vector<SessionFact> session_facts(Database& db, SessionMap& sessions) {
    {
        auto query = db.query(
            "SELECT f.session_id, r.checked_on FROM followup f JOIN followup_revision r ON "
            "r.followup_id = f.id AND r.revision = (SELECT max(revision) FROM followup_revision "
            "WHERE followup_id = f.id) WHERE r.voided = 0");
        while (query->step())
            if (const auto found = sessions.find(query->column(0).as_int64());
                found != sessions.end())
                found->second.followups.push_back(read_date(query->column(1)));
    }
    std::vector<SessionFact> facts;
    facts.reserve(sessions.size());
    for (auto& [id, row] : sessions) {
        std::sort(row.followups.begin(), row.followups.end());
        facts.push_back(
            {SessionId{id}, *row.patient, row.performed_at, row.device, std::move(row.followups)});
    }
    std::sort(facts.begin(), facts.end(), [](const SessionFact& a, const SessionFact& b) {
        return std::pair(a.performed_at, a.session.value) <
               std::pair(b.performed_at, b.session.value);
    });
    return facts;
}

} // namespace

std::vector<ReactionFact> ReportReader::reactions(std::optional<time::Instant> from,
                                                  std::optional<time::Instant> to) {
    const auto patients = load_patients(m_db);
    auto sessions = load_sessions(m_db, patients, from, to);
    load_areas_and_products(m_db, sessions);
    return read_reactions(m_db, sessions);
}

namespace {

// Every live course with its live sessions: two queries whatever the number of courses.
std::vector<CourseFact> course_facts(Database& db, const PatientMap& patients) {
    CourseRepository courses(db);
    std::vector<CourseFact> facts;
    std::vector<CourseId> ids;
    for (const auto& course : courses.list(false)) {
        const auto patient = patients.find(course.patient_id.value);
        if (patient == patients.end())
            continue; // a voided chart's
        const auto& d = course.details;
        facts.push_back({course.id,
                         patient->second,
                         d.indication,
                         d.planned,
                         d.every_days,
                         d.started_on,
                         d.closing ? std::optional(d.closing->on) : std::nullopt,
                         {}});
        ids.push_back(course.id);
    }
    std::map<CourseId, std::size_t> index;
    for (std::size_t i = 0; i < facts.size(); ++i)
        index[facts[i].course] = i;
    for (const auto& [id, session] : courses.sessions_of(ids)) // in time order per course
        facts[index.at(id)].sessions.push_back(session.performed_at);
    return facts;
}

} // namespace

FollowupFacts ReportReader::followup_facts() {
    const auto patients = load_patients(m_db);
    auto sessions = load_sessions(m_db, patients, std::nullopt, std::nullopt);
    FollowupFacts facts;
    facts.reactions = read_reactions(m_db, sessions); // before session_facts takes the dates
    facts.sessions = session_facts(m_db, sessions);
    facts.conditions = ConditionRepository(m_db).all_patients(); // one scan, not one per patient
    facts.courses = course_facts(m_db, patients);
    return facts;
}

std::vector<LotUse> ReportReader::lot_uses(const std::string& lot) {
    // Driven from the lot indexes; the patient is joined on afterwards.
    auto query = m_db.query(fmt::format(
        "WITH used (session_id, what, product, lot, phase, performed_at, patient_id) AS ("
        "SELECT s.id, 'serum', d.code, u.lot, u.phase, r.performed_at, {owner} FROM serum_use u "
        "JOIN session_revision r ON r.id = u.session_revision_id "
        "JOIN session s ON s.id = r.session_id AND {session} "
        "JOIN product d ON d.id = u.product_id "
        "WHERE {serum_lot} AND r.voided = 0 "
        "UNION ALL "
        "SELECT s.id, 'cartridge', r.cartridge, r.cartridge_lot, NULL, r.performed_at, {owner} "
        "FROM session_revision r JOIN session s ON s.id = r.session_id AND {session} "
        "WHERE {cartridge_lot} AND r.cartridge_lot <> '' AND r.voided = 0) "
        "SELECT {patient}, used.* FROM used JOIN patient p ON p.id = used.patient_id "
        "JOIN patient_revision pr ON pr.patient_id = p.id AND {patient_now} "
        "ORDER BY used.performed_at, used.session_id, used.what DESC, used.product",
        fmt::arg("patient", patient_columns), fmt::arg("session", current_session),
        fmt::arg("owner", owner_of("session", "r", "s")), fmt::arg("patient_now", current_patient),
        fmt::arg("serum_lot", m_db.dialect().nocase_equals("u.lot", ":lot")),
        fmt::arg("cartridge_lot", m_db.dialect().nocase_equals("r.cartridge_lot", ":lot"))));
    query->bind(":lot", lot);
    std::vector<LotUse> uses;
    while (query->step()) {
        LotUse use;
        use.patient = read_patient(*query, 0);
        use.session = SessionId{query->column(5).as_int64()};
        use.what = query->column(6).as_text();
        use.product = query->column(7).as_text();
        use.lot = query->column(8).as_text();
        use.phase = read_optional_code<SerumPhase>(query->column(9));
        use.performed_at = time::parse_utc(query->column(10).as_text(), "performed_at");
        uses.push_back(std::move(use));
    }
    return uses;
}

} // namespace needlebook::storage
