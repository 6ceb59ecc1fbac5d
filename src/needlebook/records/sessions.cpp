#include "needlebook/records/sessions.hpp"

#include "needlebook/records/safekeeping.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/assessments.hpp"
#include "needlebook/records/courses.hpp"
#include "needlebook/records/dependents.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/products.hpp"
#include "needlebook/records/reactions.hpp"
#include "needlebook/rules/overrides.hpp"
#include "needlebook/storage/assessment_repository.hpp"
#include "needlebook/storage/patient_repository.hpp"
#include "needlebook/storage/photo_repository.hpp"
#include "needlebook/storage/settings_repository.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <ranges>

namespace needlebook::records {
namespace {

// `previous`: the revision an amendment replaces. A retired product can be used by no session
// performed after its retirement; an amendment may keep a product the session already had.
void check_time_and_products(Scope& scope, const SessionDetails& details,
                             const SessionDetails* previous) {
    if (details.performed_at > scope.clock().now())
        throw ValidationError("at", fmt::format("session time {} is in the future (now is {}); "
                                                "log a session after it happened",
                                                scope.zone().format_local(details.performed_at),
                                                scope.zone().format_local(scope.clock().now())));
    storage::SettingsRepository settings(scope.db());
    for (const auto& serum : details.serums) {
        if (const auto product = settings.find_product(serum.product)) {
            const auto had =
                previous != nullptr &&
                std::any_of(previous->serums.begin(), previous->serums.end(),
                            [&](const SerumUse& u) { return u.product == serum.product; });
            // A session performed before the retirement and recorded late may still name it.
            if (!had)
                check_not_retired(scope, *product, "serum",
                                  previous == nullptr
                                      ? "a session performed after that cannot use it"
                                      : "an amendment cannot add it to a session performed "
                                        "after that",
                                  details.performed_at);
            continue;
        }
        std::vector<std::string> known;
        for (const auto& product : settings.products())
            if (!product.retired)
                known.push_back(product.code);
        throw ValidationError("serum", fmt::format("unknown serum product '{}'; known products: {}",
                                                   visible(serum.product), fmt::join(known, ", ")));
    }
}

// A year typed wrong (1980 for 2026) would otherwise pass every other check.
void check_after_birth(Scope& scope, const Patient& patient, const Session& session) {
    check_not_before_birth(patient, scope.zone().local_date(session.details.performed_at), "at",
                           "session on");
}

// What hangs off a session must still fit it after an amendment: a reaction cannot start
// before the session, nor sit on an area the session no longer treats.
void check_followers(Scope& scope, const Session& amended) {
    const auto day = scope.zone().local_date(amended.details.performed_at);
    for (const auto& reaction : reactions_of(scope.db(), amended.id)) {
        try {
            check_reaction_fits(amended, reaction.details, scope.zone(), scope.today());
        } catch (const ValidationError& e) {
            throw ValidationError(e.field(), fmt::format("the amendment does not fit reaction {}: "
                                                         "{}",
                                                         reaction.id, e.what()));
        }
    }
    for (const auto& followup : followups_of(scope.db(), amended.id))
        if (followup.details.checked_on < day)
            throw ValidationError(
                "at", fmt::format("the amendment does not fit follow-up {}: it "
                                  "was on {}, before the session",
                                  followup.id, time::format_date(followup.details.checked_on)));
    for (const auto& score : storage::AssessmentRepository(scope.db()).for_session(amended.id))
        if (score.details.scale != ScaleCode::pain_nrs && score.details.assessed_on < day)
            throw ValidationError(
                "at", fmt::format("the amendment does not fit score {}: it was on {}, before "
                                  "the session; amend the score first",
                                  score.id, time::format_date(score.details.assessed_on)));
}

// The scores taken at an amended session follow it: the pain recorded with it its day, and
// each that measured the session's course its new course.
std::vector<Assessment> move_scores_with(Scope& scope, const Session& amended,
                                         const Session& before, const std::string& reason) {
    const auto day = scope.zone().local_date(amended.details.performed_at);
    std::vector<Assessment> moved;
    for (const auto& score : storage::AssessmentRepository(scope.db()).for_session(amended.id)) {
        auto d = score.details;
        if (d.scale == ScaleCode::pain_nrs)
            d.assessed_on = day;
        if (d.course == before.details.course)
            d.course = amended.details.course;
        if (d == score.details)
            continue;
        moved.push_back(
            amend_assessment(scope, score.id, [&](AssessmentDetails& details) { details = d; },
                             {fmt::format("moved with session {}: {}", amended.id, reason), {}}));
    }
    return moved;
}

std::vector<rules::OverrideRequest> parse_overrides(const std::vector<std::string>& typed) {
    std::vector<rules::OverrideRequest> requests;
    for (const auto& text : typed)
        requests.push_back(rules::parse_override(text));
    return requests;
}

// Runs the checks and decides what the revision stores (rules::sort_findings, then
// rules::resolve_overrides), or refuses. For an amendment (`previous` set) only what the
// amendment itself causes can block: what the previous content raises too (a condition, a limit
// or another session entered after this one) keeps its override or becomes a warning.
// `also`: warnings the caller found (which open course a new session joins).
Session check_and_prepare(Scope& scope, const Patient& patient, Session session,
                          const std::vector<std::string>& overrides,
                          const Session* previous = nullptr,
                          std::vector<rules::Finding> also = {}) {
    validate(session.details);
    check_time_and_products(scope, session.details, previous ? &previous->details : nullptr);
    check_after_birth(scope, patient, session);
    const auto course_findings =
        check_session_course(scope.db(), session.patient_id, session.details,
                             previous ? std::optional(previous->id) : std::nullopt, scope.zone());
    auto file = rules::load_patient_file(scope.db(), session.patient_id,
                                         previous ? std::optional(previous->id) : std::nullopt);
    const auto purpose = previous ? rules::Purpose::amend : rules::Purpose::log;
    std::vector<rules::Finding> before;
    if (previous) {
        rules::load_session_references(scope.db(), previous->details, file);
        before =
            rules::check_session(previous->details, file, scope.settings(), scope.zone(), purpose);
    }
    rules::load_session_references(scope.db(), session.details, file);
    auto findings =
        rules::check_session(session.details, file, scope.settings(), scope.zone(), purpose);
    findings.insert(findings.end(), course_findings.begin(), course_findings.end());
    findings.insert(findings.end(), also.begin(), also.end());
    auto [blocking, carried, warnings] = rules::sort_findings(
        std::move(findings), before, previous ? previous->findings : std::vector<SessionFinding>());
    session.findings =
        rules::resolve_overrides(blocking, carried, warnings, parse_overrides(overrides),
                                 scope.settings().override_min_reason, session.revision);
    return session;
}

// What the audit row of a logged or amended session says: each override with its reason.
std::string overrides_summary(const Session& session) {
    std::vector<std::string> parts;
    for (const auto& finding : session.findings)
        if (finding.level == FindingLevel::overridden)
            parts.push_back(fmt::format("{}: {}", finding.key, finding.override_reason));
    return fmt::format("{}", fmt::join(parts, "; "));
}

// --pain is refused as the scale refuses it, naming the option.
void validate_pain(double pain) {
    const auto& scale = scale_of(ScaleCode::pain_nrs);
    try {
        parse_score(scale, fmt::format("{}", pain));
    } catch (const ValidationError&) {
        throw ValidationError("pain", fmt::format("pain {} is not allowed; allowed: {}", pain,
                                                  allowed_values(scale)));
    }
}

AssessmentDetails pain_score(const Session& session, double pain, const Scope& scope) {
    AssessmentDetails score;
    score.scale = ScaleCode::pain_nrs;
    score.score = pain;
    score.assessed_on = scope.zone().local_date(session.details.performed_at);
    score.session = session.id;
    score.course = session.details.course;
    return score;
}

} // namespace

std::vector<SessionFinding> LoggedSession::warnings() const {
    std::vector<SessionFinding> warnings;
    for (const auto& finding : session.findings)
        if (finding.level == FindingLevel::warning)
            warnings.push_back(finding);
    return warnings;
}

SessionId parse_session_id(std::string_view text) {
    return SessionId{parse_record_id(text, "session", "use the number printed by 'session log'")};
}

Session get_session(storage::Database& db, SessionId id, storage::SessionRepository::Parts parts) {
    if (auto session = storage::SessionRepository(db).find(id, parts))
        return *session;
    throw NotFound(fmt::format("no session {}; see 'needlebook session list'", id));
}

std::vector<Session> list_sessions(storage::Database& db, const storage::SessionFilter& filter) {
    return storage::SessionRepository(db).list(filter);
}

std::vector<Session> list_sessions(Scope& scope, const storage::SessionFilter& filter) {
    return scope.db().write([&] {
        auto sessions = list_sessions(scope.db(), filter);
        std::vector<std::int64_t> patients;
        for (const auto& session : sessions)
            patients.push_back(session.patient_id.value);
        audit_disclosure(scope, "session.list", fmt::format("{} sessions", sessions.size()),
                         std::move(patients));
        return sessions;
    });
}

LoggedSession log_session(Scope& scope, std::string_view patient_code,
                          const SessionDetails& details, const std::vector<std::string>& overrides,
                          const LogOptions& options) {
    if (options.pain) // refused before anything is read
        validate_pain(*options.pain);
    return scope.db().write([&] {
        scope.reload_settings(); // the checks use the values the session will name
        const Patient patient = open_patient(scope.db(), patient_code, "session");
        Session draft{{}, patient.id, patient.code, details, {}, scope.revision(1)};
        std::vector<rules::Finding> joining;
        if (!draft.details.course && options.join_open_course) {
            const auto open = open_courses_for(scope.db(), patient, details, scope.zone());
            if (open.size() == 1)
                draft.details.course = open.front();
            else if (open.size() > 1) // after a merge
                joining.push_back(
                    {"course:which", rules::Level::warning,
                     fmt::format("{} has {} open courses for {} (courses {}); this session joins "
                                 "none: amend it with --course, and close all but one",
                                 patient.code, open.size(), code_of(details.indication),
                                 fmt::join(open, ", "))});
        }
        LoggedSession logged{check_and_prepare(scope, patient, std::move(draft), overrides, nullptr,
                                               std::move(joining))};
        logged.session.id = storage::SessionRepository(scope.db()).insert(logged.session);
        append_audit(scope.db(),
                     scope.audit("session.log", "session", logged.session.id.value,
                                 patient.id.value, 1, overrides_summary(logged.session)));
        if (options.pain)
            logged.pain =
                record_assessment(scope, patient, pain_score(logged.session, *options.pain, scope),
                                  CourseLink::as_given);
        return logged;
    });
}

LoggedSession amend_session(Scope& scope, SessionId id, const SessionDetails& details,
                            const std::string& reason, const std::vector<std::string>& overrides,
                            std::optional<int> based_on) {
    check_reason("reason", reason);
    return scope.db().write([&] {
        scope.reload_settings(); // the checks use the values the session will name
        const Session current = get_session(scope.db(), id);
        check_correctable(fmt::format("session {}", id), current.revision, {reason, based_on},
                          CorrectionKind::amend);
        const auto nothing_to_amend = [&] {
            return Conflict(
                fmt::format("session {} already reads like that; nothing to amend", id));
        };
        if (current.details == details && overrides.empty())
            throw nothing_to_amend();
        Session draft{id,
                      current.patient_id,
                      current.patient_code,
                      details,
                      {},
                      scope.revision(current.revision.number + 1, reason)};
        LoggedSession logged{check_and_prepare(scope,
                                               find_patient_by_id(scope.db(), current.patient_id),
                                               std::move(draft), overrides, &current)};
        // An override given only to correct a reason on file must change one.
        if (current.details == details && logged.session.findings == current.findings)
            throw nothing_to_amend();
        check_followers(scope, logged.session);
        storage::SessionRepository(scope.db()).add_revision(logged.session);
        append_audit(scope.db(),
                     scope.audit("session.amend", "session", id.value, current.patient_id.value,
                                 logged.session.revision.number, reason));
        logged.scores_moved = move_scores_with(scope, logged.session, current, reason);
        return logged;
    });
}

SessionDetails details_like(Scope& scope, std::string_view patient_code, SessionId like) {
    auto& db = scope.db();
    const Patient patient = find_patient(db, patient_code);
    const auto others = fmt::format("'needlebook session list --patient {}' lists {}'s sessions",
                                    patient.code, patient.code);
    const auto liked = storage::SessionRepository(db).find(like);
    if (!liked)
        throw NotFound(fmt::format("--like {}: there is no session {}; {}", like, like, others));
    // Which patient it is for is not said: this command shows only `patient`'s records.
    if (liked->patient_id != patient.id)
        throw ValidationError("like", fmt::format("--like {}: session {} is not one of {}'s; "
                                                  "--like copies a session of the same patient; {}",
                                                  like, like, patient.code, others));
    if (liked->revision.voided)
        throw Conflict(fmt::format(
            "--like {}: session {} is voided; copy a session that stands; {}", like, like, others));
    SessionDetails details = liked->details;
    details.course.reset(); // this visit joins the course open now, as any session does
    details.performed_at = {};
    details.practitioner = scope.actor();
    details.note.clear();
    // An amount is what this visit used, measured again: never last visit's, unseen.
    for (auto& serum : details.serums)
        serum.amount_ml.reset();
    return details;
}

VoidedSession void_session(Scope& scope, SessionId id, const Correction& correction) {
    const auto& reason = correction.reason;
    check_reason("reason", reason);
    return scope.db().write([&] {
        Session session = get_session(scope.db(), id);
        check_correctable(fmt::format("session {}", id), session.revision, correction,
                          CorrectionKind::void_record);
        auto scores = storage::AssessmentRepository(scope.db()).for_session(id);
        const auto pain = std::stable_partition(scores.begin(), scores.end(), [](const auto& a) {
            return a.details.scale != ScaleCode::pain_nrs;
        });
        Dependents named_by;
        named_by.add("score", std::ranges::subrange(scores.begin(), pain));
        named_by.add("photo", storage::PhotoRepository(scope.db()).for_session(id));
        if (!named_by.empty())
            throw Conflict(
                fmt::format("session {} is named by {}; amend {} with '--session none' (or another "
                            "session), or void {} if taken in error, first",
                            id, named_by.listed(), named_by.size() == 1 ? "it" : "each",
                            named_by.size() == 1 ? "it" : "them"));
        VoidedSession voided;
        for (auto score = pain; score != scores.end(); ++score)
            voided.pain_scores.push_back(void_assessment(
                scope, score->id, {fmt::format("voided with session {}: {}", id, reason), {}}));
        // The void revision repeats the last content, so the record still shows what was voided.
        session.revision = scope.revision(session.revision.number + 1, reason, true);
        storage::SessionRepository(scope.db()).add_revision(session);
        append_audit(scope.db(),
                     scope.audit("session.void", "session", id.value, session.patient_id.value,
                                 session.revision.number, reason));
        voided.session = std::move(session);
        return voided;
    });
}

} // namespace needlebook::records
