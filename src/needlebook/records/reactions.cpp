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
// `refused`: what the void forbids, e.g. "no reaction can be added to it".
Session open_session(Scope& scope, SessionId id, std::string_view refused) {
    Session session = get_session(scope.db(), id, storage::SessionRepository::Parts::areas);
    if (session.revision.voided)
        throw Conflict(fmt::format("session {} is voided; {}", id, refused));
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
        const Session session = open_session(scope, session_id, "no reaction can be added to it");
        check_reaction_fits(session, details, scope.zone(), scope.today());
        Reaction reaction{{}, session_id, details, scope.revision(1)};
        reaction.id =
            storage::ReactionRepository(scope.db()).insert(session_id, details, reaction.revision);
        append_audit(scope.db(), scope.audit("reaction.add", "reaction", reaction.id.value,
                                             session.patient_id.value, 1));
        return reaction;
    });
}

namespace {

Reaction current_reaction(storage::ReactionRepository& reactions, ReactionId id) {
    auto found = reactions.find(id);
    if (!found)
        throw NotFound(fmt::format("no reaction {}; reaction ids are printed by 'reaction add' "
                                   "and 'session show'",
                                   id));
    return std::move(*found);
}

} // namespace

Reaction resolve_reaction(Scope& scope, ReactionId id, time::Date on,
                          const std::optional<std::string>& reason) {
    if (reason)
        check_reason("reason", *reason);
    return scope.db().write([&] {
        storage::ReactionRepository reactions(scope.db());
        Reaction reaction = current_reaction(reactions, id);
        const auto record = fmt::format("reaction {}", id);
        if (reaction.revision.voided)
            throw Conflict(fmt::format("{} is voided; it cannot be resolved", record));
        if (reaction.details.resolved && !reason)
            throw Conflict(fmt::format("{} was already resolved on {}; to correct the date, say "
                                       "why with --reason",
                                       record, time::format_date(*reaction.details.resolved)));
        if (reaction.details.resolved == on)
            throw_nothing_to_amend(record);
        const Session session =
            open_session(scope, reaction.session_id, "its reactions can only be voided");
        reaction.details.resolved = on;
        validate(reaction.details, scope.zone().local_date(session.details.performed_at),
                 scope.today());
        const std::string why = reason.value_or("resolved");
        reaction.revision = scope.revision(reaction.revision.number + 1, why);
        reactions.add_revision(id, reaction.details, reaction.revision);
        append_audit(scope.db(),
                     scope.audit("reaction.resolve", "reaction", id.value, session.patient_id.value,
                                 reaction.revision.number, why));
        return reaction;
    });
}

namespace {

// How a reaction or follow-up is corrected: `session` is loaded by the correction (an amendment
// must still fit it) and names the patient for the audit row.
template <class Record>
RecordCorrection<Record> session_child_correction(Scope& scope, std::string kind, std::string label,
                                                  std::optional<Session>& session,
                                                  std::function<void(const Record&)> store) {
    RecordCorrection<Record> how;
    how.kind = std::move(kind);
    how.label = std::move(label);
    how.store = std::move(store);
    how.patient_of = [&scope, &session](const Record& record) {
        if (!session)
            session = get_session(scope.db(), record.session_id,
                                  storage::SessionRepository::Parts::areas);
        return session->patient_id;
    };
    return how;
}

RecordCorrection<Reaction> reaction_correction(Scope& scope, storage::ReactionRepository& reactions,
                                               ReactionId id, std::optional<Session>& session) {
    auto how = session_child_correction<Reaction>(
        scope, "reaction", fmt::format("reaction {}", id), session,
        [&reactions](const Reaction& r) { reactions.add_revision(r.id, r.details, r.revision); });
    how.check = [&scope, &session](const Reaction& reaction) {
        session = open_session(scope, reaction.session_id, "its reactions can only be voided");
        check_reaction_fits(*session, reaction.details, scope.zone(), scope.today());
    };
    return how;
}

} // namespace

Corrected<Reaction> amend_reaction(Scope& scope, ReactionId id,
                                   const std::function<void(ReactionDetails&)>& edit,
                                   const Correction& correction) {
    check_reason("reason", correction.reason);
    return scope.db().write([&] {
        storage::ReactionRepository reactions(scope.db());
        std::optional<Session> session;
        auto how = reaction_correction(scope, reactions, id, session);
        how.edit = edit;
        auto amended = apply_correction(scope, current_reaction(reactions, id), correction,
                                        CorrectionKind::amend, how);
        return Corrected<Reaction>{amended,
                                   followups_in_disagreement(scope.db(), amended.session_id)};
    });
}

Corrected<Reaction> void_reaction(Scope& scope, ReactionId id, const Correction& correction) {
    check_reason("reason", correction.reason);
    return scope.db().write([&] {
        storage::ReactionRepository reactions(scope.db());
        std::optional<Session> session;
        auto voided = apply_correction(scope, current_reaction(reactions, id), correction,
                                       CorrectionKind::void_record,
                                       reaction_correction(scope, reactions, id, session));
        return Corrected<Reaction>{voided,
                                   followups_in_disagreement(scope.db(), voided.session_id)};
    });
}

std::vector<Reaction> reactions_of(storage::Database& db, SessionId session) {
    return storage::ReactionRepository(db).for_session(session);
}

namespace {

// Whether a follow-up's outcome disagrees with the reactions on file by its day: "none" with a
// reaction recorded, or "reactions" with none, is a record that contradicts itself. Says how.
std::optional<std::string> outcome_disagreement(const std::vector<Reaction>& reactions,
                                                SessionId session, const FollowupDetails& details) {
    std::vector<const Reaction*> by_then;
    for (const auto& reaction : reactions)
        if (!reaction.revision.voided && reaction.details.onset <= details.checked_on)
            by_then.push_back(&reaction);
    const auto day = time::format_date(details.checked_on);
    if (details.outcome == FollowupOutcome::none && !by_then.empty())
        return fmt::format("outcome none, but session {} has reaction {} ({}, onset {}) on file "
                           "by {}",
                           session, by_then.front()->id, code_of(by_then.front()->details.kind),
                           time::format_date(by_then.front()->details.onset), day);
    if (details.outcome == FollowupOutcome::reactions && by_then.empty())
        return fmt::format("outcome reactions, but session {} has no reaction on file by {}",
                           session, day);
    return std::nullopt;
}

void check_outcome(storage::Database& db, SessionId session, const FollowupDetails& details) {
    const auto disagreement = outcome_disagreement(reactions_of(db, session), session, details);
    if (!disagreement)
        return;
    throw ValidationError(
        "outcome",
        details.outcome == FollowupOutcome::none
            ? fmt::format("{}; use --outcome reactions", *disagreement)
            : fmt::format("{}; record it first with 'needlebook reaction add {} …', or use "
                          "--outcome none",
                          *disagreement, session));
}

} // namespace

std::vector<std::string> followups_in_disagreement(storage::Database& db, SessionId session) {
    const auto reactions = reactions_of(db, session);
    std::vector<std::string> warnings;
    for (const auto& followup : followups_of(db, session))
        if (const auto disagreement = outcome_disagreement(reactions, session, followup.details))
            warnings.push_back(fmt::format(
                "follow-up {} of {} no longer agrees with the reactions on file: {}; correct it "
                "with 'needlebook followup amend {} --outcome {} --reason …'",
                followup.id, time::format_date(followup.details.checked_on), *disagreement,
                followup.id,
                followup.details.outcome == FollowupOutcome::none ? "reactions" : "none"));
    return warnings;
}

FollowupId parse_followup_id(std::string_view text) {
    return FollowupId{parse_record_id(
        text, "follow-up", "use the number printed by 'followup add' or 'session show'")};
}

namespace {

Followup current_followup(storage::ReactionRepository& followups, FollowupId id) {
    auto found = followups.find_followup(id);
    if (!found)
        throw NotFound(fmt::format("no follow-up {}; follow-up ids are printed by 'followup add' "
                                   "and 'session show'",
                                   id));
    return std::move(*found);
}

} // namespace

namespace {

RecordCorrection<Followup> followup_correction(Scope& scope, storage::ReactionRepository& followups,
                                               FollowupId id, std::optional<Session>& session) {
    auto how = session_child_correction<Followup>(
        scope, "followup", fmt::format("follow-up {}", id), session,
        [&followups](const Followup& f) {
            followups.add_followup_revision(f.id, f.details, f.revision);
        });
    how.check = [&scope, &session](const Followup& followup) {
        session = open_session(scope, followup.session_id, "its follow-ups can only be voided");
        validate(followup.details, scope.zone().local_date(session->details.performed_at),
                 scope.today());
        check_outcome(scope.db(), session->id, followup.details);
    };
    return how;
}

} // namespace

Followup amend_followup(Scope& scope, FollowupId id,
                        const std::function<void(FollowupDetails&)>& edit,
                        const Correction& correction) {
    check_reason("reason", correction.reason);
    return scope.db().write([&] {
        storage::ReactionRepository followups(scope.db());
        std::optional<Session> session;
        auto how = followup_correction(scope, followups, id, session);
        how.edit = edit;
        return apply_correction(scope, current_followup(followups, id), correction,
                                CorrectionKind::amend, how);
    });
}

Followup void_followup(Scope& scope, FollowupId id, const Correction& correction) {
    check_reason("reason", correction.reason);
    return scope.db().write([&] {
        storage::ReactionRepository followups(scope.db());
        std::optional<Session> session;
        return apply_correction(scope, current_followup(followups, id), correction,
                                CorrectionKind::void_record,
                                followup_correction(scope, followups, id, session));
    });
}

Followup add_followup(Scope& scope, SessionId session_id, const FollowupDetails& details) {
    return scope.db().write([&] {
        const Session session = open_session(scope, session_id, "no follow-up can be added to it");
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
