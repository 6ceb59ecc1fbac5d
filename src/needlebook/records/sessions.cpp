#include "needlebook/records/sessions.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/storage/settings_repository.hpp"

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
                                                   serum.product, fmt::join(known, ", ")));
    }
}

// `previous_override`: the reason on file when an amendment is refused, since the amendment is
// checked anew and needs its own override.
std::string describe_refusal(const std::vector<rules::Finding>& findings,
                             const std::string& previous_override) {
    std::string text = "session refused by the clinical checks:";
    for (const auto& finding : findings)
        if (finding.level == rules::Level::block)
            text += fmt::format("\n  {}: {}", finding.rule, finding.message);
    if (!previous_override.empty())
        text += fmt::format("\nthe session was stored with the override \"{}\"; an amendment is "
                            "checked again",
                            previous_override);
    text += "\nuse --override \"reason\" if this is intended; the reason is kept with the session";
    return text;
}

// Runs the checks; refuses, or turns blocking findings into stored overrides.
LoggedSession check_and_prepare(Scope& scope, Session session,
                                const std::optional<std::string>& override_reason,
                                const std::string& previous_override = {}) {
    validate(session.details);
    check_time_and_products(scope, session.details);
    const auto file =
        rules::load_patient_file(scope.db(), session.patient_id,
                                 session.id.value != 0 ? std::optional(session.id) : std::nullopt);
    auto findings = rules::check_session(session.details, file, scope.settings(), scope.zone());
    LoggedSession logged;
    if (rules::has_blocking(findings) && !override_reason)
        throw Refused(describe_refusal(findings, previous_override));
    for (auto& finding : findings) {
        if (finding.level == rules::Level::block)
            session.overrides.push_back({finding.rule, std::move(finding.message)});
        else
            logged.warnings.push_back(std::move(finding));
    }
    if (override_reason && session.overrides.empty())
        logged.override_unused = true; // nothing to override: the reason is not stored
    else if (override_reason)
        session.override_reason = *override_reason;
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

Session get_session(storage::Database& db, SessionId id) {
    if (auto session = storage::SessionRepository(db).find(id))
        return *session;
    throw NotFound(fmt::format("no session {}; see 'needlebook session list'", id));
}

std::vector<Session> list_sessions(storage::Database& db, const storage::SessionFilter& filter) {
    return storage::SessionRepository(db).list(filter);
}

LoggedSession log_session(Scope& scope, std::string_view patient_code,
                          const SessionDetails& details,
                          const std::optional<std::string>& override_reason) {
    check_override_reason(override_reason);
    return scope.db().write([&] {
        const Patient patient = find_patient(scope.db(), patient_code);
        if (patient.revision.voided)
            throw Conflict(
                fmt::format("patient {} is voided; no session can be logged", patient.code));
        Session draft{{}, patient.id, patient.code, details, {}, {}, scope.revision(1)};
        auto logged = check_and_prepare(scope, std::move(draft), override_reason);
        logged.session.id = storage::SessionRepository(scope.db()).insert(logged.session);
        append_audit(scope.db(), scope.audit("session.log", "session", logged.session.id.value,
                                             patient.id.value, 1, logged.session.override_reason));
        return logged;
    });
}

LoggedSession amend_session(Scope& scope, SessionId id, const SessionDetails& details,
                            const std::string& reason,
                            const std::optional<std::string>& override_reason) {
    check_reason("reason", reason);
    check_override_reason(override_reason);
    return scope.db().write([&] {
        const Session current = get_session(scope.db(), id);
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
        auto logged =
            check_and_prepare(scope, std::move(draft), override_reason, current.override_reason);
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
