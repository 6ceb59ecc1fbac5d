#include "needlebook/storage/reaction_repository.hpp"

#include "needlebook/storage/binding.hpp"

#include <fmt/format.h>

namespace needlebook::storage {
namespace {

constexpr std::string_view select_reaction_revision =
    "SELECT x.id, x.session_id, r.kind, r.severity, r.area, r.side, r.onset_on, r.resolved_on, "
    "r.note, r.revision, r.author, r.recorded_at, r.reason, r.voided FROM reaction x JOIN "
    "reaction_revision r ON r.reaction_id = x.id ";
const std::string select_reaction =
    fmt::format("{}WHERE r.revision = (SELECT max(revision) FROM reaction_revision WHERE "
                "reaction_id = x.id) ",
                select_reaction_revision);

constexpr std::string_view select_followup_revision =
    "SELECT f.id, f.session_id, r.checked_on, r.outcome, r.note, r.revision, r.author, "
    "r.recorded_at, r.reason, r.voided FROM followup f JOIN followup_revision r ON "
    "r.followup_id = f.id ";
const std::string select_followup =
    fmt::format("{}WHERE r.revision = (SELECT max(revision) FROM followup_revision WHERE "
                "followup_id = f.id) ",
                select_followup_revision);

Followup read_followup(Statement& row) {
    Followup followup;
    followup.id = FollowupId{row.column(0).as_int64()};
    followup.session_id = SessionId{row.column(1).as_int64()};
    followup.details.checked_on = read_date(row.column(2));
    followup.details.outcome = read_code<FollowupOutcome>(row.column(3));
    followup.details.note = row.column(4).as_text();
    followup.revision = read_revision(row, 5);
    return followup;
}

template <class Row, class Read> std::vector<Row> read_all(Statement& query, Read read) {
    std::vector<Row> rows;
    while (query.step())
        rows.push_back(read(query));
    return rows;
}

Reaction read_reaction(Statement& row) {
    Reaction reaction;
    reaction.id = ReactionId{row.column(0).as_int64()};
    reaction.session_id = SessionId{row.column(1).as_int64()};
    auto& details = reaction.details;
    details.kind = read_code<ReactionKind>(row.column(2));
    details.severity = read_code<Severity>(row.column(3));
    details.area = read_optional_code<Area>(row.column(4));
    details.side = read_optional_code<Side>(row.column(5));
    details.onset = read_date(row.column(6));
    details.resolved = read_optional_date(row.column(7));
    details.note = row.column(8).as_text();
    reaction.revision = read_revision(row, 9);
    return reaction;
}

} // namespace

ReactionId ReactionRepository::insert(SessionId session, const ReactionDetails& details,
                                      const RevisionInfo& revision,
                                      std::optional<std::int64_t> wanted) {
    auto identity = m_db.query("INSERT INTO reaction (id, session_id, created_at) VALUES (:id, "
                               ":session, :at) RETURNING id");
    bind_optional(*identity, ":id", wanted);
    identity->bind(":session", session.value);
    identity->bind(":at", time::format_utc(revision.recorded_at));
    const ReactionId id{identity->exec_returning_id()};
    add_revision(id, details, revision);
    return id;
}

void ReactionRepository::add_revision(ReactionId id, const ReactionDetails& details,
                                      const RevisionInfo& revision) {
    auto insert = m_db.query(
        "INSERT INTO reaction_revision (reaction_id, revision, kind, severity, area, side, "
        "onset_on, resolved_on, note, voided, author, recorded_at, reason) VALUES (:id, "
        ":revision, :kind, :severity, :area, :side, :onset, :resolved, :note, :voided, :author, "
        ":recorded_at, :reason)");
    insert->bind(":id", id.value);
    bind_code(*insert, ":kind", details.kind);
    bind_code(*insert, ":severity", details.severity);
    bind_optional_code(*insert, ":area", details.area);
    bind_optional_code(*insert, ":side", details.side);
    bind_date(*insert, ":onset", details.onset);
    bind_optional_date(*insert, ":resolved", details.resolved);
    insert->bind(":note", details.note);
    bind_revision(*insert, revision);
    insert->exec();
}

std::optional<Reaction> ReactionRepository::find(ReactionId id) {
    auto query = m_db.query(fmt::format("{} AND x.id = :id", select_reaction));
    query->bind(":id", id.value);
    if (!query->step())
        return std::nullopt;
    return read_reaction(*query);
}

std::vector<Reaction> ReactionRepository::for_session(SessionId session) {
    return for_sessions({session});
}

std::vector<Reaction> ReactionRepository::for_sessions(const std::vector<SessionId>& sessions) {
    auto query = m_db.query(fmt::format("{} AND x.session_id IN (SELECT value FROM {ids}(:ids)) "
                                        "AND r.voided = 0 ORDER BY r.onset_on, x.id",
                                        select_reaction, fmt::arg("ids", m_db.dialect().id_list)));
    query->bind(":ids", id_array(sessions));
    return read_all<Reaction>(*query, read_reaction);
}

std::vector<Reaction>
ReactionRepository::revisions_for_sessions(const std::vector<SessionId>& sessions) {
    auto query =
        m_db.query(fmt::format("{}WHERE x.session_id IN (SELECT value FROM "
                               "{ids}(:ids)) ORDER BY x.id, r.revision",
                               select_reaction_revision, fmt::arg("ids", m_db.dialect().id_list)));
    query->bind(":ids", id_array(sessions));
    return read_all<Reaction>(*query, read_reaction);
}

FollowupId ReactionRepository::insert_followup(SessionId session, const FollowupDetails& details,
                                               const RevisionInfo& revision,
                                               std::optional<std::int64_t> wanted) {
    auto identity = m_db.query("INSERT INTO followup (id, session_id, created_at) VALUES (:id, "
                               ":session, :at) RETURNING id");
    bind_optional(*identity, ":id", wanted);
    identity->bind(":session", session.value);
    identity->bind(":at", time::format_utc(revision.recorded_at));
    const FollowupId id{identity->exec_returning_id()};
    add_followup_revision(id, details, revision);
    return id;
}

void ReactionRepository::add_followup_revision(FollowupId id, const FollowupDetails& details,
                                               const RevisionInfo& revision) {
    auto insert = m_db.query(
        "INSERT INTO followup_revision (followup_id, revision, checked_on, outcome, note, voided, "
        "author, recorded_at, reason) VALUES (:id, :revision, :on, :outcome, :note, :voided, "
        ":author, :recorded_at, :reason)");
    insert->bind(":id", id.value);
    bind_date(*insert, ":on", details.checked_on);
    bind_code(*insert, ":outcome", details.outcome);
    insert->bind(":note", details.note);
    bind_revision(*insert, revision);
    insert->exec();
}

std::optional<Followup> ReactionRepository::find_followup(FollowupId id) {
    auto query = m_db.query(fmt::format("{} AND f.id = :id", select_followup));
    query->bind(":id", id.value);
    if (!query->step())
        return std::nullopt;
    return read_followup(*query);
}

std::vector<Followup> ReactionRepository::followups_for_session(SessionId session) {
    return followups_for_sessions({session});
}

std::vector<Followup>
ReactionRepository::followups_for_sessions(const std::vector<SessionId>& sessions) {
    auto query = m_db.query(fmt::format(
        "{} AND f.session_id IN (SELECT value FROM {ids}(:ids)) AND r.voided = 0 ORDER BY "
        "r.checked_on, f.id",
        select_followup, fmt::arg("ids", m_db.dialect().id_list)));
    query->bind(":ids", id_array(sessions));
    return read_all<Followup>(*query, read_followup);
}

std::vector<Followup>
ReactionRepository::followup_revisions_for_sessions(const std::vector<SessionId>& sessions) {
    auto query =
        m_db.query(fmt::format("{}WHERE f.session_id IN (SELECT value FROM "
                               "{ids}(:ids)) ORDER BY f.id, r.revision",
                               select_followup_revision, fmt::arg("ids", m_db.dialect().id_list)));
    query->bind(":ids", id_array(sessions));
    return read_all<Followup>(*query, read_followup);
}

} // namespace needlebook::storage
