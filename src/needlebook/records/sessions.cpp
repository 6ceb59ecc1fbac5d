#include "needlebook/records/sessions.hpp"

#include "needlebook/records/safekeeping.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/reactions.hpp"
#include "needlebook/storage/patient_repository.hpp"
#include "needlebook/storage/settings_repository.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace needlebook::records {
namespace {

void check_time_and_products(Scope& scope, const SessionDetails& details) {
    if (details.performed_at > scope.clock().now())
        throw ValidationError("at", fmt::format("session time {} is in the future (now is {}); "
                                                "log a session after it happened",
                                                scope.zone().format_local(details.performed_at),
                                                scope.zone().format_local(scope.clock().now())));
    storage::SettingsRepository settings(scope.db());
    for (const auto& serum : details.serums) {
        if (settings.find_product(serum.product))
            continue;
        std::vector<std::string> known;
        for (const auto& product : settings.products())
            known.push_back(product.code);
        throw ValidationError("serum", fmt::format("unknown serum product '{}'; known products: {}",
                                                   visible(serum.product), fmt::join(known, ", ")));
    }
}

Patient find_patient_by_id(storage::Database& db, PatientId id) {
    if (auto patient = storage::PatientRepository(db).find(id))
        return *patient;
    throw NotFound(fmt::format("no patient with id {}", id));
}

// A year typed wrong (1980 for 2026) would otherwise pass every other check.
void check_after_birth(Scope& scope, const Patient& patient, const Session& session) {
    const auto day = scope.zone().local_date(session.details.performed_at);
    if (day < patient.details.birth_date)
        throw ValidationError("at", fmt::format("session on {} is before {} was born ({}); check "
                                                "the year",
                                                time::format_date(day), patient.code,
                                                time::format_date(patient.details.birth_date)));
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
}

std::string describe_refusal(const std::vector<rules::Finding>& blocking) {
    std::string text = "session refused by the clinical checks:";
    for (const auto& finding : blocking)
        text += fmt::format("\n  {}: {}", finding.rule, finding.message);
    text += "\nuse --override \"reason\" if this is intended; the reason is kept with the session";
    return text;
}

// Runs the checks; refuses, or turns blocking findings into stored overrides. For an amendment
// (`previous` set) only what the amendment itself causes can block: a finding the previous
// revision already overrode is carried over with its reason, and one the previous content
// would raise too (a condition or limit entered after the session) becomes a warning, so a
// clerical correction never needs an override that was never a clinical decision.
LoggedSession check_and_prepare(Scope& scope, const Patient& patient, Session session,
                                const std::optional<std::string>& override_reason,
                                const Session* previous = nullptr) {
    validate(session.details);
    check_time_and_products(scope, session.details);
    check_after_birth(scope, patient, session);
    const auto file = rules::load_patient_file(
        scope.db(), session.patient_id, previous ? std::optional(previous->id) : std::nullopt);
    const auto purpose = previous ? rules::Purpose::amend : rules::Purpose::log;
    auto findings =
        rules::check_session(session.details, file, scope.settings(), scope.zone(), purpose);
    const auto before = previous ? rules::check_session(previous->details, file, scope.settings(),
                                                        scope.zone(), purpose)
                                 : std::vector<rules::Finding>{};
    LoggedSession logged;
    std::vector<rules::Finding> blocking;
    std::vector<Override> carried;
    for (auto& finding : findings) {
        if (finding.level != rules::Level::block) {
            logged.warnings.push_back(std::move(finding));
            continue;
        }
        const auto overridden_before =
            previous && std::any_of(previous->overrides.begin(), previous->overrides.end(),
                                    [&](const Override& o) {
                                        return o.rule == finding.rule &&
                                               o.detail == finding.message;
                                    });
        const auto raised_before = std::any_of(before.begin(), before.end(), [&](const auto& f) {
            return f.rule == finding.rule && f.message == finding.message;
        });
        if (overridden_before) {
            carried.push_back({finding.rule, finding.message});
        } else if (raised_before) {
            finding.level = rules::Level::warning;
            finding.message += " (so before this amendment too)";
            logged.warnings.push_back(std::move(finding));
        } else {
            blocking.push_back(std::move(finding));
        }
    }
    if (!blocking.empty() && !override_reason)
        throw Refused(describe_refusal(blocking));
    for (auto& finding : blocking)
        session.overrides.push_back({finding.rule, std::move(finding.message)});
    if (override_reason && !session.overrides.empty()) {
        // One reason per revision: keep the earlier one when its findings are carried over.
        session.override_reason =
            carried.empty()
                ? *override_reason
                : fmt::format("{} (earlier: {})", *override_reason, previous->override_reason);
    } else {
        logged.override_unused = override_reason.has_value(); // the reason is not stored
        if (!carried.empty())
            session.override_reason = previous->override_reason;
    }
    session.overrides.insert(session.overrides.end(), carried.begin(), carried.end());
    logged.session = std::move(session);
    return logged;
}

void check_override_reason(const std::optional<std::string>& override_reason) {
    if (override_reason)
        check_reason("override", *override_reason);
}

} // namespace

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
                          const SessionDetails& details,
                          const std::optional<std::string>& override_reason) {
    check_override_reason(override_reason);
    return scope.db().write([&] {
        scope.reload_settings(); // the checks use the values the session will name
        const Patient patient = find_patient(scope.db(), patient_code);
        if (patient.revision.voided)
            throw Conflict(
                fmt::format("patient {} is voided; no session can be logged", patient.code));
        Session draft{{}, patient.id, patient.code, details, {}, {}, scope.revision(1)};
        auto logged = check_and_prepare(scope, patient, std::move(draft), override_reason);
        logged.session.id = storage::SessionRepository(scope.db()).insert(logged.session);
        append_audit(scope.db(), scope.audit("session.log", "session", logged.session.id.value,
                                             patient.id.value, 1, logged.session.override_reason));
        return logged;
    });
}

LoggedSession amend_session(Scope& scope, SessionId id, const SessionDetails& details,
                            const std::string& reason,
                            const std::optional<std::string>& override_reason,
                            std::optional<int> based_on) {
    check_reason("reason", reason);
    check_override_reason(override_reason);
    return scope.db().write([&] {
        scope.reload_settings(); // the checks use the values the session will name
        const Session current = get_session(scope.db(), id);
        if (based_on && *based_on != current.revision.number)
            throw Conflict(fmt::format("session {} was amended meanwhile (now revision {}); run "
                                       "the command again",
                                       id, current.revision.number));
        if (current.revision.voided)
            throw Conflict(fmt::format("session {} is voided; it cannot be amended", id));
        if (current.details == details)
            throw Conflict(fmt::format("session {} already reads like that; nothing to amend", id));
        Session draft{id,
                      current.patient_id,
                      current.patient_code,
                      details,
                      {},
                      {},
                      scope.revision(current.revision.number + 1, reason)};
        auto logged = check_and_prepare(scope, find_patient_by_id(scope.db(), current.patient_id),
                                        std::move(draft), override_reason, &current);
        check_followers(scope, logged.session);
        storage::SessionRepository(scope.db()).add_revision(logged.session);
        append_audit(scope.db(),
                     scope.audit("session.amend", "session", id.value, current.patient_id.value,
                                 logged.session.revision.number, reason));
        return logged;
    });
}

Session void_session(Scope& scope, SessionId id, const std::string& reason) {
    check_reason("reason", reason);
    return scope.db().write([&] {
        Session session = get_session(scope.db(), id);
        if (session.revision.voided)
            throw Conflict(fmt::format("session {} is already voided", id));
        // The void revision repeats the last content, so the record still shows what was voided.
        session.revision = scope.revision(session.revision.number + 1, reason, true);
        storage::SessionRepository(scope.db()).add_revision(session);
        append_audit(scope.db(),
                     scope.audit("session.void", "session", id.value, session.patient_id.value,
                                 session.revision.number, reason));
        return session;
    });
}

} // namespace needlebook::records
