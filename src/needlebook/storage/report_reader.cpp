#include "needlebook/storage/report_reader.hpp"

#include "needlebook/storage/binding.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <sstream>
#include <tuple>
#include <unordered_map>

namespace needlebook::storage {
namespace {

// Conditions that keep only the newest revision of a session (r), reaction (rr) and patient (pr).
constexpr std::string_view current_session =
    "r.revision = (SELECT max(revision) FROM session_revision WHERE session_id = s.id)";
constexpr std::string_view current_patient =
    "pr.revision = (SELECT max(revision) FROM patient_revision WHERE patient_id = p.id)";

// Columns 0..4 of every query below: who the row is about.
constexpr std::string_view patient_columns =
    "s.patient_id, p.code, pr.family_name, pr.given_name, pr.fitzpatrick";

PatientLabel read_patient(SQLite::Statement& row, int first) {
    return {PatientId{row.getColumn(first).getInt64()}, row.getColumn(first + 1).getString(),
            row.getColumn(first + 2).getString(), row.getColumn(first + 3).getString(),
            read_optional_int(row.getColumn(first + 4))};
}

template <class T>
std::vector<T> split_words(const SQLite::Column& column, T (*read)(std::string)) {
    std::vector<T> values;
    if (column.isNull())
        return values;
    std::istringstream words(column.getString());
    for (std::string word; words >> word;)
        values.push_back(read(std::move(word)));
    return values;
}

} // namespace

namespace {

// What every reaction of one session shares.
struct SessionRow {
    std::int64_t revision_id = 0;
    PatientLabel patient;
    time::Instant performed_at{};
    Device device{};
    std::vector<std::string> products;
    // (area, side, depth) of each treated area.
    std::vector<std::tuple<Area, std::optional<Side>, double>> areas;
};

} // namespace

// Three flat scans joined in memory: sessions, their areas, reactions. One query with the area
// depths and products as correlated subqueries per reaction took twice as long.
std::vector<ReactionFact> ReportReader::reactions(std::optional<time::Instant> from,
                                                  std::optional<time::Instant> to) {
    std::unordered_map<std::int64_t, SessionRow> sessions;             // by session id
    std::unordered_map<std::int64_t, SessionRow*> session_of_revision; // by revision id
    {
        std::string where;
        if (from)
            where += " AND r.performed_at >= :from";
        if (to)
            where += " AND r.performed_at < :to";
        auto query = m_db.query(fmt::format(
            "SELECT {patient}, s.id, r.id, r.performed_at, r.device, "
            "(SELECT group_concat(d.code, ' ') FROM serum_use u JOIN product d ON d.id = "
            "u.product_id WHERE u.session_revision_id = r.id) "
            "FROM session s JOIN session_revision r ON r.session_id = s.id AND {session} "
            "JOIN patient p ON p.id = s.patient_id "
            "JOIN patient_revision pr ON pr.patient_id = p.id AND {patient_now} "
            "WHERE r.voided = 0{where}",
            fmt::arg("patient", patient_columns), fmt::arg("session", current_session),
            fmt::arg("patient_now", current_patient), fmt::arg("where", where)));
        if (from)
            query->bind(":from", time::format_utc(*from));
        if (to)
            query->bind(":to", time::format_utc(*to));
        while (query->executeStep()) {
            auto& row = sessions[query->getColumn(5).getInt64()];
            row.patient = read_patient(*query, 0);
            row.revision_id = query->getColumn(6).getInt64();
            row.performed_at = time::parse_utc(query->getColumn(7).getString(), "performed_at");
            row.device = read_code<Device>(query->getColumn(8));
            row.products = split_words<std::string>(query->getColumn(9),
                                                    [](std::string word) { return word; });
            // Sorted and once each: the same product twice in a session is one serum group.
            std::sort(row.products.begin(), row.products.end());
            row.products.erase(std::unique(row.products.begin(), row.products.end()),
                               row.products.end());
        }
    }
    session_of_revision.reserve(sessions.size());
    for (auto& [id, row] : sessions)
        session_of_revision[row.revision_id] = &row;
    {
        auto query =
            m_db.query("SELECT session_revision_id, area, side, depth_mm FROM session_area");
        while (query->executeStep()) {
            const auto found = session_of_revision.find(query->getColumn(0).getInt64());
            if (found != session_of_revision.end())
                found->second->areas.emplace_back(read_code<Area>(query->getColumn(1)),
                                                  read_optional_code<Side>(query->getColumn(2)),
                                                  query->getColumn(3).getDouble());
        }
    }
    auto query = m_db.query(
        "SELECT x.id, x.session_id, r.kind, r.severity, r.area, r.side, r.onset_on, "
        "r.resolved_on FROM reaction x JOIN reaction_revision r ON r.reaction_id = x.id AND "
        "r.revision = (SELECT max(revision) FROM reaction_revision WHERE reaction_id = x.id) "
        "WHERE r.voided = 0");
    std::vector<ReactionFact> facts;
    while (query->executeStep()) {
        const auto session = sessions.find(query->getColumn(1).getInt64());
        if (session == sessions.end())
            continue; // a voided session, or one outside [from, to)
        const auto& row = session->second;
        ReactionFact fact;
        fact.reaction = ReactionId{query->getColumn(0).getInt64()};
        fact.session = SessionId{session->first};
        fact.patient = row.patient;
        fact.performed_at = row.performed_at;
        fact.device = row.device;
        fact.products = row.products;
        auto& details = fact.details;
        details.kind = read_code<ReactionKind>(query->getColumn(2));
        details.severity = read_code<Severity>(query->getColumn(3));
        details.area = read_optional_code<Area>(query->getColumn(4));
        details.side = read_optional_code<Side>(query->getColumn(5));
        details.onset = read_date(query->getColumn(6));
        details.resolved = read_optional_date(query->getColumn(7));
        for (const auto& [area, side, depth] : row.areas) {
            fact.deepest_mm = std::max(fact.deepest_mm, depth);
            // An unsided reaction on a sided area (or the reverse) is on that area.
            if (details.area == area && (!details.side || !side || details.side == side))
                fact.area_depth_mm = std::max(fact.area_depth_mm.value_or(0), depth);
        }
        facts.push_back(std::move(fact));
    }
    return facts;
}

std::vector<SessionFact> ReportReader::sessions() {
    auto query = m_db.query(fmt::format(
        "SELECT {patient}, s.id, r.performed_at, r.device, "
        "(SELECT group_concat(checked_on, ' ') FROM (SELECT fr.checked_on FROM followup f JOIN "
        "followup_revision fr ON fr.followup_id = f.id WHERE f.session_id = s.id AND "
        "fr.revision = (SELECT max(revision) FROM followup_revision WHERE followup_id = f.id) "
        "AND fr.voided = 0 ORDER BY fr.checked_on)), "
        "(SELECT group_concat(onset_on, ' ') FROM (SELECT rr.onset_on FROM reaction x JOIN "
        "reaction_revision rr ON rr.reaction_id = x.id WHERE x.session_id = s.id AND "
        "rr.revision = (SELECT max(revision) FROM reaction_revision WHERE reaction_id = x.id) "
        "AND rr.voided = 0 ORDER BY rr.onset_on)) "
        "FROM session s JOIN session_revision r ON r.session_id = s.id AND {session} "
        "JOIN patient p ON p.id = s.patient_id "
        "JOIN patient_revision pr ON pr.patient_id = p.id AND {patient_now} "
        "WHERE r.voided = 0 ORDER BY r.performed_at, s.id",
        fmt::arg("patient", patient_columns), fmt::arg("session", current_session),
        fmt::arg("patient_now", current_patient)));
    std::vector<SessionFact> facts;
    while (query->executeStep()) {
        SessionFact fact;
        fact.patient = read_patient(*query, 0);
        fact.session = SessionId{query->getColumn(5).getInt64()};
        fact.performed_at = time::parse_utc(query->getColumn(6).getString(), "performed_at");
        fact.device = read_code<Device>(query->getColumn(7));
        fact.followups = split_words<time::Date>(query->getColumn(8), [](std::string word) {
            return time::parse_date(word, "checked_on");
        });
        fact.reaction_onsets = split_words<time::Date>(query->getColumn(9), [](std::string word) {
            return time::parse_date(word, "onset_on");
        });
        facts.push_back(std::move(fact));
    }
    return facts;
}

std::vector<LotUse> ReportReader::lot_uses(const std::string& lot) {
    // Driven from the lot indexes; the patient is joined on afterwards.
    auto query = m_db.query(fmt::format(
        "WITH used (session_id, what, product, lot, phase, performed_at) AS ("
        "SELECT s.id, 'serum', d.code, u.lot, u.phase, r.performed_at FROM serum_use u "
        "JOIN session_revision r ON r.id = u.session_revision_id "
        "JOIN session s ON s.id = r.session_id AND {session} "
        "JOIN product d ON d.id = u.product_id "
        "WHERE u.lot = :lot COLLATE NOCASE AND r.voided = 0 "
        "UNION ALL "
        "SELECT s.id, 'cartridge', r.cartridge, r.cartridge_lot, NULL, r.performed_at "
        "FROM session_revision r JOIN session s ON s.id = r.session_id AND {session} "
        "WHERE r.cartridge_lot = :lot COLLATE NOCASE AND r.cartridge_lot <> '' AND r.voided = 0) "
        "SELECT {patient}, used.* FROM used JOIN session s ON s.id = used.session_id "
        "JOIN patient p ON p.id = s.patient_id "
        "JOIN patient_revision pr ON pr.patient_id = p.id AND {patient_now} "
        "ORDER BY used.performed_at, used.session_id, used.what DESC, used.product",
        fmt::arg("patient", patient_columns), fmt::arg("session", current_session),
        fmt::arg("patient_now", current_patient)));
    query->bind(":lot", lot);
    std::vector<LotUse> uses;
    while (query->executeStep()) {
        LotUse use;
        use.patient = read_patient(*query, 0);
        use.session = SessionId{query->getColumn(5).getInt64()};
        use.what = query->getColumn(6).getString();
        use.product = query->getColumn(7).getString();
        use.lot = query->getColumn(8).getString();
        use.phase = read_optional_code<SerumPhase>(query->getColumn(9));
        use.performed_at = time::parse_utc(query->getColumn(10).getString(), "performed_at");
        uses.push_back(std::move(use));
    }
    return uses;
}

} // namespace needlebook::storage
