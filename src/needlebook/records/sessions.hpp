#pragma once
// Use cases for treatment sessions: log, amend, void, show and list.

#include "needlebook/model/assessment.hpp"
#include "needlebook/model/session.hpp"
#include "needlebook/records/correction.hpp"
#include "needlebook/records/scope.hpp"
#include "needlebook/rules/clinical_checks.hpp"
#include "needlebook/storage/session_repository.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::records {

struct LoggedSession {
    Session session;                // its findings (warnings and overrides) are stored with it
    std::optional<Assessment> pain; // the procedure's pain score, when given
    // An amendment: the scores taken at the session, moved with it to its new day (the pain) or
    // course (those that measured its course).
    std::vector<Assessment> scores_moved;

    std::vector<SessionFinding> warnings() const;
};

// What 'session log' stores besides the session.
struct LogOptions {
    // With no course in the details: join the patient's open course of the session's
    // indication, if any (--course none: join none).
    bool join_open_course = true;
    std::optional<double> pain; // --pain N: the procedure's pain (pain-nrs), stored with it
};

// Validates, runs the clinical checks and stores the session with every finding. Each blocking
// finding needs an override with its key, 'KEY=reason' in `overrides`
// (rules::resolve_overrides says what is refused).
LoggedSession log_session(Scope& scope, std::string_view patient_code,
                          const SessionDetails& details,
                          const std::vector<std::string>& overrides = {},
                          const LogOptions& options = {});
// Stores `details` as the session's next revision. Only what the amendment changes can block:
// overrides on file are carried over, findings the old content raises too become warnings; an
// override with the key of one on file corrects its reason. `based_on`: as for amend_patient.
// Reactions, follow-ups and the scores taken at it must still fit the amended session; the pain
// recorded with it (pain-nrs scores naming it) follows its day, and the scores that measured its
// course follow its course, each moved score a revision of its own ("moved with session N:
// reason").
LoggedSession amend_session(Scope& scope, SessionId id, const SessionDetails& details,
                            const std::string& reason,
                            const std::vector<std::string>& overrides = {},
                            std::optional<int> based_on = std::nullopt);
// A voided session and the pain scores voided with it.
struct VoidedSession {
    Session session;
    std::vector<Assessment> pain_scores;
};
// Voids a session logged in error. The pain it recorded (pain-nrs scores naming it) is voided
// with it, each with its own revision and audit row; refused while other scores or photos name
// the session, as they would be left pointing at a record entered in error.
VoidedSession void_session(Scope& scope, SessionId id, const Correction& correction);

// Where 'session log PATIENT --like SESSION' starts: the current revision of session `like` of
// the same patient, as a new session by the acting user. Its device, model, cartridge and lot,
// indication, anaesthetic, endpoint, areas, serums and aftercare are copied; its time is left
// unset (the caller gives one), its note empty and its practitioner scope.actor(). Findings are
// not details, so no override is copied: the new session is checked afresh. Throws NotFound (no
// such patient or session), ValidationError "like" (another patient's session) or Conflict (a
// voided session).
SessionDetails details_like(Scope& scope, std::string_view patient_code, SessionId like);

// Throws NotFound; a voided session is returned with revision.voided set.
Session
get_session(storage::Database& db, SessionId id,
            storage::SessionRepository::Parts parts = storage::SessionRepository::Parts::all);
std::vector<Session> list_sessions(storage::Database& db, const storage::SessionFilter& filter);
// The same, for showing to someone: audited as "session.list", naming every patient listed.
std::vector<Session> list_sessions(Scope& scope, const storage::SessionFilter& filter);

// A session id typed by a user: a positive whole number.
SessionId parse_session_id(std::string_view text);

} // namespace needlebook::records
