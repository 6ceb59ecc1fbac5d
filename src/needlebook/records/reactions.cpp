#include "needlebook/records/reactions.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/storage/reaction_repository.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace needlebook::records {
namespace {

// The session a reaction or follow-up belongs to; it must exist and not be voided.
// Only its day, state and areas matter here, so serums and overrides are not loaded.
Session open_session(Scope& scope, SessionId id, std::string_view what) {
    Session session = get_session(scope.db(), id, storage::SessionRepository::Parts::areas);
    if (session.revision.voided)
        throw Conflict(fmt::format("session {} is voided; no {} can be added to it", id, what));
    return session;
}

// A reaction's area must be one the session treated, so a typo cannot slip in.
void check_area(const Session& session, const ReactionDetails& details) {
    if (!details.area)
        return;
    const bool treated =
        std::any_of(session.details.areas.begin(), session.details.areas.end(),
                    [&](const AreaTreatment& a) { return is_on(a, *details.area, details.side); });
    if (treated)
        return;
    std::vector<std::string> areas;
    for (const auto& a : session.details.areas)
        areas.push_back(area_side_code(a.area, a.side));
    throw ValidationError("area", fmt::format("area {} was not treated in session {} (treated: {})",
                                              area_side_code(*details.area, details.side),
                                              session.id, fmt::join(areas, ", ")));
}

} // namespace

void check_reaction_fits(const Session& session, const ReactionDetails& details,
                         const time::ClinicZone& zone, time::Date today) {
    validate(details, zone.local_date(session.details.performed_at), today);
    check_area(session, details);
}

ReactionId parse_reaction_id(std::string_view text) {
    return ReactionId{
        parse_record_id(text, "reaction", "use the number printed by 'reaction add'")};
}

Reaction add_reaction(Scope& scope, SessionId session_id, const ReactionDetails& details) {
    return scope.db().write([&] {
        const Session session = open_session(scope, session_id, "reaction");
        check_reaction_fits(session, details, scope.zone(), scope.today());
        Reaction reaction{{}, session_id, details, scope.revision(1)};
        reaction.id =
            storage::ReactionRepository(scope.db()).insert(session_id, details, reaction.revision);
        append_audit(scope.db(), scope.audit("reaction.add", "reaction", reaction.id.value,
                                             session.patient_id.value, 1));
        return reaction;
    });
}

Reaction resolve_reaction(Scope& scope, ReactionId id, time::Date on) {
    return scope.db().write([&] {
        storage::ReactionRepository reactions(scope.db());
        auto found = reactions.find(id);
        if (!found || found->revision.voided)
            throw NotFound(fmt::format("no reaction {}; reaction ids are printed by 'reaction add' "
                                       "and 'session show'",
                                       id));
        Reaction reaction = *found;
        if (reaction.details.resolved)
            throw Conflict(fmt::format("reaction {} was already resolved on {}", id,
                                       time::format_date(*reaction.details.resolved)));
        const Session session = open_session(scope, reaction.session_id, "reaction");
        reaction.details.resolved = on;
        validate(reaction.details, scope.zone().local_date(session.details.performed_at),
                 scope.today());
        reaction.revision = scope.revision(reaction.revision.number + 1, "resolved");
        reactions.add_revision(id, reaction.details, reaction.revision);
        append_audit(scope.db(),
                     scope.audit("reaction.resolve", "reaction", id.value, session.patient_id.value,
                                 reaction.revision.number, "resolved"));
        return reaction;
    });
}

std::vector<Reaction> reactions_of(storage::Database& db, SessionId session) {
    return storage::ReactionRepository(db).for_session(session);
}

namespace {

// A follow-up's outcome must agree with the reactions on file by its day: "none" with a reaction
// recorded, or "reactions" with none, is a record that contradicts itself.
void check_outcome(storage::Database& db, SessionId session, const FollowupDetails& details) {
    std::vector<const Reaction*> by_then;
    const auto reactions = reactions_of(db, session);
    for (const auto& reaction : reactions)
        if (!reaction.revision.voided && reaction.details.onset <= details.checked_on)
            by_then.push_back(&reaction);
    const auto day = time::format_date(details.checked_on);
    if (details.outcome == FollowupOutcome::none && !by_then.empty())
        throw ValidationError(
            "outcome",
            fmt::format("outcome none, but session {} has reaction {} ({}, onset {}) "
                        "on file by {}; use --outcome reactions",
                        session, by_then.front()->id, code_of(by_then.front()->details.kind),
                        time::format_date(by_then.front()->details.onset), day));
    if (details.outcome == FollowupOutcome::reactions && by_then.empty())
        throw ValidationError(
            "outcome", fmt::format("outcome reactions, but session {} has no reaction on file by "
                                   "{}; record it first with 'needlebook reaction add {} …', or "
                                   "use --outcome none",
                                   session, day, session));
}

} // namespace

Followup add_followup(Scope& scope, SessionId session_id, const FollowupDetails& details) {
    return scope.db().write([&] {
        const Session session = open_session(scope, session_id, "follow-up");
        validate(details, scope.zone().local_date(session.details.performed_at), scope.today());
        check_outcome(scope.db(), session_id, details);
        Followup followup{{}, session_id, details, scope.revision(1)};
        followup.id = storage::ReactionRepository(scope.db())
                          .insert_followup(session_id, details, followup.revision);
        append_audit(scope.db(), scope.audit("followup.add", "followup", followup.id.value,
                                             session.patient_id.value, 1));
        return followup;
    });
}

std::vector<Followup> followups_of(storage::Database& db, SessionId session) {
    return storage::ReactionRepository(db).followups_for_session(session);
}

} // namespace needlebook::records
