#pragma once
// Use cases for what follows a session: reactions and follow-up checks.

#include "needlebook/model/reaction.hpp"
#include "needlebook/records/scope.hpp"

#include <string_view>
#include <vector>

namespace needlebook::records {

Reaction add_reaction(Scope& scope, SessionId session, const ReactionDetails& details);
Reaction resolve_reaction(Scope& scope, ReactionId id, time::Date on);
std::vector<Reaction> reactions_of(storage::Database& db, SessionId session);

Followup add_followup(Scope& scope, SessionId session, const FollowupDetails& details);
std::vector<Followup> followups_of(storage::Database& db, SessionId session);

ReactionId parse_reaction_id(std::string_view text);

} // namespace needlebook::records
