#pragma once
// Use cases for what follows a session: reactions and follow-up checks.

#include "needlebook/model/reaction.hpp"
#include "needlebook/model/session.hpp"
#include "needlebook/records/scope.hpp"

#include <string_view>
#include <vector>

namespace needlebook::records {

// Refuses `details` that do not fit `session`: dates against its day and today, and an area
// it did not treat.
void check_reaction_fits(const Session& session, const ReactionDetails& details,
                         const time::ClinicZone& zone, time::Date today);

Reaction add_reaction(Scope& scope, SessionId session, const ReactionDetails& details);
Reaction resolve_reaction(Scope& scope, ReactionId id, time::Date on);
std::vector<Reaction> reactions_of(storage::Database& db, SessionId session);

Followup add_followup(Scope& scope, SessionId session, const FollowupDetails& details);
std::vector<Followup> followups_of(storage::Database& db, SessionId session);

ReactionId parse_reaction_id(std::string_view text);

} // namespace needlebook::records
