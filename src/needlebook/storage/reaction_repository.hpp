#pragma once
// All SQL for reactions and follow-ups, the two records that hang off a session.

#include "needlebook/model/reaction.hpp"
#include "needlebook/storage/database.hpp"

#include <optional>
#include <vector>

namespace needlebook::storage {

class ReactionRepository {
public:
    explicit ReactionRepository(Database& db) : m_db(db) {}

    ReactionId insert(SessionId session, const ReactionDetails& details,
                      const RevisionInfo& revision, std::optional<std::int64_t> id = std::nullopt);
    void add_revision(ReactionId id, const ReactionDetails& details, const RevisionInfo& revision);
    // The current revision, voided or not; nothing for an unknown id.
    std::optional<Reaction> find(ReactionId id);
    // Current revisions, voided ones left out, by onset.
    std::vector<Reaction> for_session(SessionId session);
    // Current revisions of the reactions of all `sessions`, voided ones left out, by onset.
    std::vector<Reaction> for_sessions(const std::vector<SessionId>& sessions);
    // Every revision of the reactions of `sessions`, voided ones too, by reaction and revision.
    std::vector<Reaction> revisions_for_sessions(const std::vector<SessionId>& sessions);

    FollowupId insert_followup(SessionId session, const FollowupDetails& details,
                               const RevisionInfo& revision,
                               std::optional<std::int64_t> id = std::nullopt);
    void add_followup_revision(FollowupId id, const FollowupDetails& details,
                               const RevisionInfo& revision);
    // The current revision, voided or not; nothing for an unknown id.
    std::optional<Followup> find_followup(FollowupId id);
    // Current follow-ups of the session, voided ones left out, by date.
    std::vector<Followup> followups_for_session(SessionId session);
    // Current follow-ups of all `sessions`, voided ones left out, by date.
    std::vector<Followup> followups_for_sessions(const std::vector<SessionId>& sessions);
    // Every revision of the follow-ups of `sessions`, voided ones too, by follow-up and revision.
    std::vector<Followup> followup_revisions_for_sessions(const std::vector<SessionId>& sessions);

private:
    Database& m_db;
};

} // namespace needlebook::storage
