#include "needlebook/storage/outcome_reader.hpp"

#include "needlebook/storage/binding.hpp"
#include "needlebook/storage/record_owner.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <unordered_map>
#include <unordered_set>

// As the recovery report: whole tables read once each and joined in memory by id, never a query
// per patient.

namespace needlebook::storage {
namespace {

struct Chart {
    std::optional<int> fitzpatrick;
    bool voided = false;
    std::optional<std::int64_t> merged_into;
};

using ChartMap = std::unordered_map<std::int64_t, Chart>;

ChartMap load_charts(Database& db) {
    auto query = db.query(
        "SELECT p.id, pr.fitzpatrick, pr.voided, m.into_patient_id FROM patient p JOIN "
        "patient_revision pr ON pr.patient_id = p.id AND pr.revision = (SELECT max(revision) "
        "FROM patient_revision WHERE patient_id = p.id) LEFT JOIN patient_merge m ON "
        "m.patient_revision_id = pr.id");
    ChartMap charts;
    while (query->step()) {
        auto& chart = charts[query->column(0).as_int64()];
        chart.fitzpatrick = read_optional_int(query->column(1));
        chart.voided = query->column(2).as_int() != 0;
        if (!query->column(3).is_null())
            chart.merged_into = query->column(3).as_int64();
    }
    return charts;
}

// The chart `patient` is now: itself, or the chart it was merged into (through every merge);
// nothing for a chart voided in error.
std::optional<std::int64_t> current_chart(const ChartMap& charts, std::int64_t patient) {
    for (std::size_t hops = 0; hops <= charts.size(); ++hops) { // a merge cycle cannot loop
        const auto found = charts.find(patient);
        if (found == charts.end())
            return std::nullopt;
        if (found->second.merged_into) {
            patient = *found->second.merged_into;
            continue;
        }
        if (found->second.voided)
            return std::nullopt;
        return patient;
    }
    return std::nullopt;
}

std::vector<ScoreFact> load_scores(Database& db, const ChartMap& charts,
                                   std::optional<ScaleCode> scale, std::optional<time::Date> from,
                                   std::optional<time::Date> to) {
    std::string where;
    if (scale)
        where += " AND r.scale = :scale";
    if (from)
        where += " AND r.assessed_on >= :from";
    if (to)
        where += " AND r.assessed_on <= :to";
    auto query = db.query(fmt::format(
        "SELECT a.id, r.patient_id, r.scale, r.score, r.area, r.side, r.assessed_on, "
        "r.session_id, r.course_id FROM assessment a JOIN assessment_revision r ON "
        "r.assessment_id = a.id AND r.revision = (SELECT max(revision) FROM assessment_revision "
        "WHERE assessment_id = a.id) WHERE r.voided = 0{}",
        where));
    if (scale)
        query->bind(":scale", std::string(scale_of(*scale).key));
    if (from)
        bind_date(*query, ":from", *from);
    if (to)
        bind_date(*query, ":to", *to);
    std::vector<ScoreFact> scores;
    while (query->step()) {
        const auto chart = current_chart(charts, query->column(1).as_int64());
        if (!chart)
            continue;
        ScoreFact fact;
        fact.assessment = AssessmentId{query->column(0).as_int64()};
        fact.patient = PatientId{*chart};
        fact.fitzpatrick = charts.at(*chart).fitzpatrick;
        auto& details = fact.details;
        details.scale = outcome_scale(query->column(2).as_text()).code;
        details.score = query->column(3).as_double();
        details.area = read_optional_code<Area>(query->column(4));
        details.side = read_optional_code<Side>(query->column(5));
        details.assessed_on = read_date(query->column(6));
        if (!query->column(7).is_null())
            details.session = SessionId{query->column(7).as_int64()};
        if (!query->column(8).is_null())
            details.course = CourseId{query->column(8).as_int64()};
        scores.push_back(std::move(fact));
    }
    return scores;
}

// The live sessions of `holders` (charts with a score), with their areas and products.
std::vector<OutcomeSessionFact> load_sessions(Database& db, const ChartMap& charts,
                                              const std::unordered_set<std::int64_t>& holders) {
    std::vector<OutcomeSessionFact> sessions;
    std::unordered_map<std::int64_t, std::size_t> by_revision; // revision id -> index
    {
        auto query = db.query(fmt::format(
            "SELECT s.id, {}, r.id, r.performed_at, r.indication, r.device, c.course_id FROM "
            "session s JOIN session_revision r ON r.session_id = s.id AND r.revision = (SELECT "
            "max(revision) FROM session_revision WHERE session_id = s.id) LEFT JOIN "
            "session_course c ON c.session_revision_id = r.id WHERE r.voided = 0",
            owner_of("session", "r", "s")));
        while (query->step()) {
            const auto chart = current_chart(charts, query->column(1).as_int64());
            if (!chart || !holders.contains(*chart))
                continue;
            OutcomeSessionFact fact;
            fact.session = SessionId{query->column(0).as_int64()};
            fact.patient = PatientId{*chart};
            fact.performed_at = time::parse_utc(query->column(3).as_text(), "performed_at");
            fact.indication = read_code<Indication>(query->column(4));
            fact.device = read_code<Device>(query->column(5));
            if (!query->column(6).is_null())
                fact.course = CourseId{query->column(6).as_int64()};
            by_revision.emplace(query->column(2).as_int64(), sessions.size());
            sessions.push_back(std::move(fact));
        }
    }
    {
        auto query = db.query("SELECT session_revision_id, area, side, depth_mm FROM session_area");
        while (query->step())
            if (const auto found = by_revision.find(query->column(0).as_int64());
                found != by_revision.end())
                sessions[found->second].areas.push_back(
                    {read_code<Area>(query->column(1)), read_optional_code<Side>(query->column(2)),
                     query->column(3).as_double(), std::nullopt});
    }
    auto query = db.query("SELECT u.session_revision_id, d.code FROM serum_use u JOIN product d "
                          "ON d.id = u.product_id");
    while (query->step())
        if (const auto found = by_revision.find(query->column(0).as_int64());
            found != by_revision.end())
            sessions[found->second].products.push_back(query->column(1).as_text());
    for (auto& session : sessions) {
        std::sort(session.products.begin(), session.products.end());
        session.products.erase(std::unique(session.products.begin(), session.products.end()),
                               session.products.end());
    }
    // Sorted here, not in SQL: the recovery report showed a sort in SQL doubling its time.
    std::sort(sessions.begin(), sessions.end(), [](const auto& a, const auto& b) {
        return std::pair(a.performed_at, a.session.value) <
               std::pair(b.performed_at, b.session.value);
    });
    return sessions;
}

} // namespace

OutcomeFacts read_outcome_facts(Database& db, std::optional<ScaleCode> scale,
                                std::optional<time::Date> from, std::optional<time::Date> to) {
    const auto charts = load_charts(db);
    OutcomeFacts facts;
    facts.scores = load_scores(db, charts, scale, from, to);
    std::unordered_set<std::int64_t> holders;
    for (const auto& score : facts.scores)
        holders.insert(score.patient.value);
    if (!holders.empty())
        facts.sessions = load_sessions(db, charts, holders);
    return facts;
}

} // namespace needlebook::storage
