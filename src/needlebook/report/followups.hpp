#pragma once
// report followups: what needs a call or a booking on a given day — open reactions (prolonged
// first), adverse events, sessions nobody followed up, patients due for their next session, and
// those due whom a condition keeps from it.

#include "needlebook/model/report_facts.hpp"
#include "needlebook/records/scope.hpp"
#include "needlebook/report/timeline.hpp"
#include "needlebook/rules/eligibility.hpp"

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
    time::Date due_on{}; // last_day + interval_days
    // When a condition blocked a session on due_on: the first later day nothing did (by the
    // as-of day, as the patient is eligible then); the days overdue count from it.
    std::optional<time::Date> held_until;
    int days_overdue = 0; // as-of − (held_until or due_on), 0 when due today (and in not_eligible)
    // What the conditions on file allow on the as-of day: blocked only in not_eligible.
    rules::Eligibility eligibility;
};

// An open course whose next session is due by the as-of day.
struct CourseDue {
    CourseFact fact;
    int done = 0; // sessions held by the as-of day
    std::optional<time::Date> last_day;
    time::Date due_on{}; // last_day + every_days, or the start day before the first session
    int days_late = 0;   // as-of − due_on
};

struct FollowupReport {
    time::Date as_of{};
    int followup_due_days = 7;
    std::vector<ReactionItem> open_reactions;  // prolonged first, then longest open
    std::vector<ReactionItem> adverse_events;  // open first, then latest onset
    std::vector<UnfollowedSession> unfollowed; // oldest first
    std::vector<DuePatient> due;               // most days overdue first
    // Due (last_day + interval_days by the as-of day) but blocked by a condition on the as-of
    // day: the earliest eligible first, those with no end on file last.
    std::vector<DuePatient> not_eligible;
    int course_overdue_days = 14;
    // Open courses (as of the as-of day) with planned sessions left whose next one is due: late
    // by at most course_overdue_days, and later than that. Most days late first.
    std::vector<CourseDue> courses_due;
    std::vector<CourseDue> courses_overdue;
};

// Pure: everything as it stood on `as_of` (later sessions, reactions, follow-ups and
// conditions ignored; a condition resolved after it is still active). `conditions`: every
// patient's current conditions, in any order.
FollowupReport summarise_followups(const std::vector<ReactionFact>& reactions,
                                   const std::vector<SessionFact>& sessions,
                                   const std::vector<Condition>& conditions,
                                   const ClinicSettings& settings, const time::ClinicZone& zone,
                                   time::Date as_of, const std::vector<CourseFact>& courses = {});

// As of `as_of`, else today; a date after today is refused.
FollowupReport followup_report(records::Scope& scope, std::optional<time::Date> as_of);

} // namespace needlebook::report
