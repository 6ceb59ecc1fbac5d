#pragma once
// Use cases for what follows a session: reactions and follow-up checks.

#include "needlebook/model/reaction.hpp"
#include "needlebook/model/session.hpp"
#include "needlebook/records/correction.hpp"
#include "needlebook/records/scope.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::records {

// Refuses `details` that do not fit `session`: dates against its day and today, and an area
// it did not treat.
void check_reaction_fits(const Session& session, const ReactionDetails& details,
                         const time::ClinicZone& zone, time::Date today);

// A corrected record, and what the correction leaves for someone to look at.
template <class Record> struct Corrected {
    Record record;
    std::vector<std::string> warnings;
};

Reaction add_reaction(Scope& scope, SessionId session, const ReactionDetails& details);
// Records that the reaction resolved on `on`. A reaction already resolved is refused unless a
// `reason` says why its date is corrected.
Reaction resolve_reaction(Scope& scope, ReactionId id, time::Date on,
                          const std::optional<std::string>& reason = std::nullopt);
// Corrects reaction `id`: `edit` changes the current details, which must still fit the session
// (check_reaction_fits); a new revision, "reaction.amend". Refuses a blank reason, an unknown or
// voided reaction, a stale `based_on`, and no change. Warns of follow-ups that no longer agree.
Corrected<Reaction> amend_reaction(Scope& scope, ReactionId id,
                                   const std::function<void(ReactionDetails&)>& edit,
                                   const Correction& correction);
Corrected<Reaction> void_reaction(Scope& scope, ReactionId id, const Correction& correction);
std::vector<Reaction> reactions_of(storage::Database& db, SessionId session);

Followup add_followup(Scope& scope, SessionId session, const FollowupDetails& details);
// Corrects follow-up `id` as amend_reaction does; its outcome must still agree with the
// session's reactions.
Followup amend_followup(Scope& scope, FollowupId id,
                        const std::function<void(FollowupDetails&)>& edit,
                        const Correction& correction);
Followup void_followup(Scope& scope, FollowupId id, const Correction& correction);
std::vector<Followup> followups_of(storage::Database& db, SessionId session);
// Messages for the session's follow-ups whose outcome contradicts the reactions on file.
std::vector<std::string> followups_in_disagreement(storage::Database& db, SessionId session);

ReactionId parse_reaction_id(std::string_view text);
FollowupId parse_followup_id(std::string_view text);

} // namespace needlebook::records
