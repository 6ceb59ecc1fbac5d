#include "needlebook/report/followups.hpp"

#include "needlebook/records/safekeeping.hpp"

#include "needlebook/error.hpp"
#include "needlebook/storage/report_reader.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <unordered_map>

namespace needlebook::report {
namespace {

void add_reactions(FollowupReport& report, const std::vector<ReactionFact>& reactions,
                   const ClinicSettings& settings, const time::ClinicZone& zone) {
    for (const auto& fact : reactions) {
        if (fact.details.onset > report.as_of)
            continue;
        ReactionItem item{fact, zone.local_date(fact.performed_at), {}, 0};
        item.timeline = timeline_of(fact.details, item.session_day,
                                    norm_of(settings, fact.details.kind), report.as_of);
        if (item.timeline.open) {
            item.days_open = time::days_between(fact.details.onset, report.as_of);
            report.open_reactions.push_back(item);
        }
        if (item.timeline.adverse)
            report.adverse_events.push_back(item);
    }
    // Reactions arrive in no order: the reaction id breaks ties.
    std::sort(report.open_reactions.begin(), report.open_reactions.end(),
              [](const ReactionItem& a, const ReactionItem& b) {
                  if (a.timeline.prolonged != b.timeline.prolonged)
                      return a.timeline.prolonged;
                  if (a.days_open != b.days_open)
                      return a.days_open > b.days_open;
                  return a.fact.reaction.value < b.fact.reaction.value;
              });
    std::sort(report.adverse_events.begin(), report.adverse_events.end(),
              [](const ReactionItem& a, const ReactionItem& b) {
                  if (a.timeline.open != b.timeline.open)
                      return a.timeline.open;
                  if (a.fact.details.onset != b.fact.details.onset)
                      return a.fact.details.onset > b.fact.details.onset;
                  return a.fact.reaction.value < b.fact.reaction.value;
              });
}

using ConditionsByPatient = std::unordered_map<std::int64_t, std::vector<Condition>>;

// The conditions as they stood on `as_of`: none begun after it, one resolved after it still
// active (with no end known then), and no clearance given after it.
ConditionsByPatient conditions_as_of(const std::vector<Condition>& conditions, time::Date as_of) {
    ConditionsByPatient by_patient;
    for (const auto& condition : conditions) {
        if (condition.details.since && *condition.details.since > as_of)
            continue;
        auto& kept = by_patient[condition.patient_id.value].emplace_back(condition);
        if (kept.details.resolved_on && *kept.details.resolved_on > as_of)
            kept.details.resolved_on.reset();
        std::erase_if(kept.details.clearances,
                      [&](const Clearance& clearance) { return clearance.on > as_of; });
    }
    return by_patient;
}

// A patient blocked on the as-of day goes to not_eligible; one blocked on the due day only is
// overdue from the day the block ended.
void place_due(FollowupReport& report, DuePatient due, const ConditionsByPatient& conditions,
               const ClinicSettings& settings, const time::ClinicZone& zone) {
    const auto found = conditions.find(due.patient.id.value);
    if (found == conditions.end()) { // no condition, nothing blocks
        report.due.push_back(std::move(due));
        return;
    }
    due.eligibility = rules::eligibility_on(report.as_of, found->second, settings, zone);
    if (!due.eligibility.eligible()) {
        due.days_overdue = 0;
        report.not_eligible.push_back(std::move(due));
        return;
    }
    const auto on_due_day = rules::eligibility_on(due.due_on, found->second, settings, zone);
    // Free on the as-of day, so a block on the due day ended by then; the test only guards.
    if (!on_due_day.eligible() && on_due_day.eligible_from &&
        *on_due_day.eligible_from <= report.as_of) {
        due.held_until = on_due_day.eligible_from;
        due.days_overdue = time::days_between(*due.held_until, report.as_of);
    }
    report.due.push_back(std::move(due));
}

// `begun`: reactions begun by the as-of date, per session id.
void add_sessions(FollowupReport& report, const std::vector<SessionFact>& sessions,
                  const std::unordered_map<std::int64_t, int>& begun,
                  const ConditionsByPatient& conditions, const ClinicSettings& settings,
                  const time::ClinicZone& zone) {
    // The last two session days of each patient, for the next one due.
    struct Recent {
        const SessionFact* last = nullptr;
        std::optional<time::Date> last_day, before_day;
    };
    std::map<std::int64_t, Recent> recent;
    for (const auto& fact : sessions) { // in time order
        const auto day = zone.local_date(fact.performed_at);
        if (day > report.as_of)
            continue;
        const auto days_since = time::days_between(day, report.as_of);
        const bool followed_up = !fact.followups.empty() && fact.followups.front() <= report.as_of;
        if (!followed_up && days_since >= report.followup_due_days) {
            const auto reactions = begun.find(fact.session.value);
            report.unfollowed.push_back(
                {fact, day, days_since, reactions == begun.end() ? 0 : reactions->second});
        }
        auto& patient = recent[fact.patient.id.value];
        if (patient.last_day != day) // a second session the same day is no new interval
            patient.before_day = patient.last_day;
        patient.last_day = day;
        patient.last = &fact;
    }
    for (const auto& [id, patient] : recent) {
        DuePatient due;
        due.patient = patient.last->patient;
        due.last_session = patient.last->session;
        due.last_day = *patient.last_day;
        due.interval_is_setting = !patient.before_day;
        due.interval_days = patient.before_day
                                ? time::days_between(*patient.before_day, *patient.last_day)
                                : settings.interval_warn_days;
        due.due_on = time::add_days(due.last_day, due.interval_days);
        due.days_overdue = time::days_between(due.due_on, report.as_of);
        if (due.days_overdue >= 0)
            place_due(report, std::move(due), conditions, settings, zone);
    }
    std::stable_sort(report.due.begin(), report.due.end(),
                     [](const DuePatient& a, const DuePatient& b) {
                         if (a.days_overdue != b.days_overdue)
                             return a.days_overdue > b.days_overdue;
                         return a.due_on < b.due_on;
                     });
    std::stable_sort(report.not_eligible.begin(), report.not_eligible.end(),
                     [](const DuePatient& a, const DuePatient& b) {
                         const auto& x = a.eligibility.eligible_from;
                         const auto& y = b.eligibility.eligible_from;
                         if (x.has_value() != y.has_value())
                             return x.has_value();
                         if (x && *x != *y)
                             return *x < *y;
                         return a.due_on < b.due_on;
                     });
}

// A course is open on the as-of day when it has started and is not closed by then.
void add_courses(FollowupReport& report, const std::vector<CourseFact>& courses,
                 const time::ClinicZone& zone) {
    for (const auto& fact : courses) {
        if (fact.started_on > report.as_of || (fact.closed_on && *fact.closed_on <= report.as_of))
            continue;
        CourseDue due{fact, 0, std::nullopt, fact.started_on, 0};
        for (const auto at : fact.sessions) {
            const auto day = zone.local_date(at);
            if (day > report.as_of)
                break;
            ++due.done;
            due.last_day = day;
        }
        if (due.done >= fact.planned)
            continue; // nothing left to book; closing it is the manager's call
        if (due.last_day)
            due.due_on = time::add_days(*due.last_day, fact.every_days);
        due.days_late = time::days_between(due.due_on, report.as_of);
        if (due.days_late < 0)
            continue;
        auto& list = due.days_late > report.course_overdue_days ? report.courses_overdue
                                                                : report.courses_due;
        list.push_back(std::move(due));
    }
    for (auto* list : {&report.courses_due, &report.courses_overdue})
        std::stable_sort(list->begin(), list->end(), [](const CourseDue& a, const CourseDue& b) {
            return a.days_late > b.days_late;
        });
}

} // namespace

FollowupReport summarise_followups(const std::vector<ReactionFact>& reactions,
                                   const std::vector<SessionFact>& sessions,
                                   const std::vector<Condition>& conditions,
                                   const ClinicSettings& settings, const time::ClinicZone& zone,
                                   time::Date as_of, const std::vector<CourseFact>& courses) {
    FollowupReport report;
    report.as_of = as_of;
    report.followup_due_days = settings.followup_due_days;
    report.course_overdue_days = settings.course_overdue_days;
    add_courses(report, courses, zone);
    add_reactions(report, reactions, settings, zone);
    std::unordered_map<std::int64_t, int> begun;
    for (const auto& fact : reactions)
        if (fact.details.onset <= as_of)
            ++begun[fact.session.value];
    add_sessions(report, sessions, begun, conditions_as_of(conditions, as_of), settings, zone);
    return report;
}

FollowupReport followup_report(records::Scope& scope, std::optional<time::Date> as_of) {
    const auto today = scope.today();
    if (as_of && *as_of > today)
        throw ValidationError("as-of",
                              fmt::format("--as-of {} is after today ({}); a report "
                                          "cannot know what has not happened yet",
                                          time::format_date(*as_of), time::format_date(today)));
    return scope.db().write([&] {
        const auto facts = storage::ReportReader(scope.db()).followup_facts();
        auto report =
            summarise_followups(facts.reactions, facts.sessions, facts.conditions, scope.settings(),
                                scope.zone(), as_of.value_or(today), facts.courses);
        std::vector<std::int64_t> patients;
        for (const auto* items : {&report.open_reactions, &report.adverse_events})
            for (const auto& item : *items)
                patients.push_back(item.fact.patient.id.value);
        for (const auto& item : report.unfollowed)
            patients.push_back(item.fact.patient.id.value);
        for (const auto* items : {&report.due, &report.not_eligible})
            for (const auto& item : *items)
                patients.push_back(item.patient.id.value);
        for (const auto* items : {&report.courses_due, &report.courses_overdue})
            for (const auto& item : *items)
                patients.push_back(item.fact.patient.id.value);
        records::audit_disclosure(scope, "report.followups",
                                  fmt::format("as of {}", time::format_date(report.as_of)),
                                  std::move(patients));
        return report;
    });
}

} // namespace needlebook::report
