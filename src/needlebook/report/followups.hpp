#pragma once
// report followups: what needs a call or a booking on a given day — open reactions (prolonged
// first), adverse events, sessions nobody followed up, and patients due for their next session.

#include "needlebook/model/report_facts.hpp"
#include "needlebook/records/scope.hpp"
#include "needlebook/report/timeline.hpp"

#include <vector>

namespace needlebook::report {

struct ReactionItem {
    ReactionFact fact;
    time::Date session_day{};
    ReactionTimeline timeline;
    int days_open = 0; // as-of − onset, for open reactions
};

struct UnfollowedSession {
    SessionFact fact;
    time::Date session_day{};
    int days_since = 0;
    int reactions = 0; // begun by the as-of date
};

struct DuePatient {
    PatientLabel patient;
    SessionId last_session;
    time::Date last_day{};
    int interval_days = 0;
    // Treated on one day only (one session, or several the same day): the clinic's
    // interval_warn_days stands in for the patient's own interval.
    bool interval_is_setting = false;
    time::Date due_on{};
    int days_overdue = 0; // as-of − due day, 0 when due today
};

struct FollowupReport {
    time::Date as_of{};
    int followup_due_days = 7;
    std::vector<ReactionItem> open_reactions;  // prolonged first, then longest open
    std::vector<ReactionItem> adverse_events;  // open first, then latest onset
    std::vector<UnfollowedSession> unfollowed; // oldest first
    std::vector<DuePatient> due;               // earliest due first
};

// Pure: everything as it stood on `as_of` (later sessions, reactions and follow-ups ignored).
FollowupReport summarise_followups(const std::vector<ReactionFact>& reactions,
                                   const std::vector<SessionFact>& sessions,
                                   const ClinicSettings& settings, const time::ClinicZone& zone,
                                   time::Date as_of);

// As of `as_of`, else today; a date after today is refused.
FollowupReport followup_report(records::Scope& scope, std::optional<time::Date> as_of);

} // namespace needlebook::report
