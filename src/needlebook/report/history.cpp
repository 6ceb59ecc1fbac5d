#include "needlebook/report/history.hpp"

#include "needlebook/records/patients.hpp"
#include "needlebook/storage/assessment_repository.hpp"
#include "needlebook/storage/condition_repository.hpp"
#include "needlebook/storage/course_repository.hpp"
#include "needlebook/storage/image_store.hpp"
#include "needlebook/storage/patient_repository.hpp"
#include "needlebook/storage/photo_repository.hpp"
#include "needlebook/storage/reaction_repository.hpp"
#include "needlebook/storage/session_repository.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace needlebook::report {
namespace {

// Splits rows holding every revision of several records (ordered by record, then revision)
// into one list of revisions per record.
template <class Record, class Key>
std::map<std::int64_t, std::vector<Record>> by_record(std::vector<Record> rows, Key key_of) {
    std::map<std::int64_t, std::vector<Record>> grouped;
    for (auto& row : rows)
        grouped[key_of(row)].push_back(std::move(row));
    return grouped;
}

// Each correction names the OS account that made it when that is not its declared author.
void name_accounts(std::vector<Amendment>& amendments, std::string_view kind, std::int64_t id,
                   const std::map<std::string, std::string>& accounts) {
    for (auto& amendment : amendments) {
        const auto found =
            accounts.find(fmt::format("{}:{}:{}", kind, id, amendment.revision.number));
        if (found != accounts.end() && found->second != amendment.revision.author)
            amendment.os_account = found->second;
    }
}

// Chart codes by patient id, each looked up once: a merge's correction names both charts.
class ChartCodes {
public:
    explicit ChartCodes(storage::Database& db) : m_patients(db) {}
    const std::string& operator()(PatientId id) {
        auto found = m_codes.find(id.value);
        if (found == m_codes.end()) {
            const auto patient = m_patients.find(id);
            found = m_codes.emplace(id.value, patient ? patient->code : std::string()).first;
        }
        return found->second;
    }

private:
    storage::PatientRepository m_patients;
    std::map<std::int64_t, std::string> m_codes;
};

// A revision that moved the record to another chart (a merge) says so first among its changes.
template <class Record>
void name_moves(const std::vector<Record>& revisions, std::vector<Amendment>& amendments,
                ChartCodes& codes) {
    for (std::size_t i = 1; i < revisions.size(); ++i)
        if (revisions[i].patient_id != revisions[i - 1].patient_id)
            amendments[i - 1].changes.insert(amendments[i - 1].changes.begin(),
                                             FieldChange{"chart",
                                                         codes(revisions[i - 1].patient_id),
                                                         codes(revisions[i].patient_id)});
}

// One record's revisions as the history shows it: the current revision and its corrections.
template <class Record>
RecordEntry<Record> record_entry(const std::vector<Record>& revisions, std::string_view kind,
                                 const std::map<std::string, std::string>& accounts,
                                 ChartCodes* codes = nullptr) {
    RecordEntry<Record> entry{revisions.back(), amendments_of_details(revisions)};
    if (codes != nullptr)
        if constexpr (requires { revisions.back().patient_id; })
            name_moves(revisions, entry.amendments, *codes);
    name_accounts(entry.amendments, kind, entry.record.id.value, accounts);
    return entry;
}

std::vector<SessionEntry> session_entries(records::Scope& scope, PatientId patient,
                                          time::Date as_of,
                                          const std::map<std::string, std::string>& accounts) {
    auto& db = scope.db();
    const auto& zone = scope.zone();
    storage::SessionRepository session_store(db);
    const auto sessions = by_record(session_store.revisions_of_patient(patient),
                                    [](const Session& s) { return s.id.value; });
    auto settings_used = session_store.settings_used_by_patient(patient);
    std::vector<SessionId> ids;
    for (const auto& [id, revisions] : sessions)
        ids.push_back(SessionId{id});
    storage::ReactionRepository reaction_store(db);
    auto reactions = by_record(reaction_store.revisions_for_sessions(ids),
                               [](const Reaction& r) { return r.id.value; });
    const auto followups = by_record(reaction_store.followup_revisions_for_sessions(ids),
                                     [](const Followup& f) { return f.id.value; });

    std::vector<SessionEntry> entries;
    std::map<std::int64_t, std::size_t> entry_of; // session id → index in entries
    for (const auto& [id, revisions] : sessions) {
        SessionEntry entry;
        entry.session = revisions.back();
        entry.day = zone.local_date(entry.session.details.performed_at);
        entry.amendments = amendments_of(revisions, [&zone](const Session& a, const Session& b) {
            return changes_between(a, b, zone);
        });
        name_accounts(entry.amendments, "session", id, accounts);
        // A void repeats the last content without running the checks: show the last checked.
        for (auto revision = revisions.rbegin(); revision != revisions.rend(); ++revision)
            if (const auto found =
                    settings_used.find(fmt::format("{}:{}", id, revision->revision.number));
                found != settings_used.end()) {
                entry.settings_used = std::move(found->second);
                break;
            }
        entries.push_back(std::move(entry));
    }
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return a.session.details.performed_at < b.session.details.performed_at;
    });
    for (std::size_t i = 0; i < entries.size(); ++i)
        entry_of[entries[i].session.id.value] = i;

    for (auto& [id, revisions] : reactions) {
        auto& entry = entries[entry_of.at(revisions.front().session_id.value)];
        ReactionEntry reaction;
        reaction.reaction = revisions.back();
        reaction.timeline =
            timeline_of(reaction.reaction.details, entry.day,
                        norm_of(scope.settings(), reaction.reaction.details.kind), as_of);
        reaction.amendments = amendments_of_details(revisions);
        name_accounts(reaction.amendments, "reaction", id, accounts);
        entry.reactions.push_back(std::move(reaction));
    }
    for (const auto& [id, revisions] : followups) {
        auto& entry = entries[entry_of.at(revisions.front().session_id.value)];
        entry.followups.push_back(record_entry(revisions, "followup", accounts));
    }

    std::optional<time::Date> previous;
    for (auto& entry : entries) {
        std::stable_sort(entry.reactions.begin(), entry.reactions.end(),
                         [](const auto& a, const auto& b) {
                             return a.reaction.details.onset < b.reaction.details.onset;
                         });
        std::stable_sort(entry.followups.begin(), entry.followups.end(),
                         [](const auto& a, const auto& b) {
                             return a.record.details.checked_on < b.record.details.checked_on;
                         });
        for (const auto& reaction : entry.reactions)
            if (!reaction.reaction.revision.voided)
                entry.recovery_day =
                    std::max(entry.recovery_day.value_or(0), reaction.timeline.recovery_day);
        if (entry.session.revision.voided)
            continue; // a voided session is shown but does not count as a treatment
        if (previous)
            entry.days_since_previous = time::days_between(*previous, entry.day);
        previous = entry.day;
    }
    return entries;
}

// Courses with their sessions, scores with their trends, photos with the baseline and latest
// of each view (small images read from the store, to embed).
void add_courses_scores_photos(records::Scope& scope, PatientHistory& history,
                               const std::map<std::string, std::string>& accounts,
                               PhotoBytes bytes) {
    const auto id = history.patient.id;
    const auto& zone = scope.zone();
    storage::CourseRepository courses(scope.db());
    std::vector<CourseId> course_ids;
    for (const auto& [record, revisions] :
         by_record(courses.revisions_for_patient(id), [](const Course& c) { return c.id.value; })) {
        CourseEntry entry{revisions.back(), amendments_of_details(revisions), {}, {}};
        name_accounts(entry.amendments, "course", record, accounts);
        course_ids.push_back(entry.course.id);
        history.courses.push_back(std::move(entry));
    }
    std::optional<time::Date> previous;
    std::optional<CourseId> of;
    for (const auto& [course, session] : courses.sessions_of(course_ids)) {
        auto entry = std::find_if(history.courses.begin(), history.courses.end(),
                                  [&](const CourseEntry& e) { return e.course.id == course; });
        const auto day = zone.local_date(session.performed_at);
        if (of == course && previous)
            entry->intervals.push_back(time::days_between(*previous, day));
        entry->sessions.push_back(session.id);
        of = course;
        previous = day;
    }
    std::stable_sort(history.courses.begin(), history.courses.end(),
                     [](const auto& a, const auto& b) {
                         return a.course.details.started_on < b.course.details.started_on;
                     });
    for (const auto& [record, revisions] :
         by_record(storage::AssessmentRepository(scope.db()).revisions_for_patient(id),
                   [](const Assessment& a) { return a.id.value; })) {
        ScoreEntry entry{revisions.back(), amendments_of_details(revisions)};
        name_accounts(entry.amendments, "assessment", record, accounts);
        history.scores.push_back(std::move(entry));
    }
    std::stable_sort(history.scores.begin(), history.scores.end(),
                     [](const auto& a, const auto& b) {
                         return a.score.details.assessed_on < b.score.details.assessed_on;
                     });
    history.trends = score_trends(history.scores);
    for (const auto& [record, revisions] :
         by_record(storage::PhotoRepository(scope.db()).revisions_for_patient(id),
                   [](const Photo& p) { return p.id.value; })) {
        PhotoEntry entry{revisions.back(), amendments_of_details(revisions)};
        name_accounts(entry.amendments, "photo", record, accounts);
        history.photos.push_back(std::move(entry));
    }
    std::stable_sort(history.photos.begin(), history.photos.end(),
                     [](const auto& a, const auto& b) {
                         return a.photo.details.taken_on < b.photo.details.taken_on;
                     });
    history.photo_pairs = photo_pairs(history.photos);
    if (history.photo_pairs.empty() || bytes == PhotoBytes::leave_out)
        return;
    const auto store = storage::image_store_of(scope.db());
    for (auto& pair : history.photo_pairs) {
        pair.baseline_bytes = store->read_small(pair.baseline.image, embedded_image_limit);
        if (pair.latest)
            pair.latest_bytes = store->read_small(pair.latest->image, embedded_image_limit);
    }
}

} // namespace

PatientHistory build_history(records::Scope& scope, std::string_view code, std::string_view purpose,
                             PhotoBytes bytes) {
    PatientHistory built;
    deliver_history(
        scope, code, purpose, [&](const PatientHistory& history) { built = history; }, bytes);
    return built;
}

void deliver_history(records::Scope& scope, std::string_view code, std::string_view purpose,
                     const std::function<void(const PatientHistory&)>& deliver, PhotoBytes bytes) {
    scope.db().write([&] {
        PatientHistory history;
        history.clinic_name = scope.settings().clinic_name;
        history.zone_name = scope.zone().name();
        history.as_of = scope.today();
        history.printed_at = scope.clock().now();
        history.printed_by = scope.actor();
        history.patient = records::find_patient(scope.db(), code);
        const auto id = history.patient.id;
        history.patient_amendments =
            amendments_of(storage::PatientRepository(scope.db()).revisions(id),
                          [](const Patient& a, const Patient& b) {
                              return changes_between(a.details, b.details);
                          });
        storage::PatientRepository patients(scope.db());
        const auto when = [&](const RevisionInfo& r) {
            return fmt::format("on {} by {}", scope.zone().format_local(r.recorded_at), r.author);
        };
        if (const auto merge = patients.merge_of(id))
            history.chart_status.push_back(fmt::format("{} ({}); its records are on {}'s history",
                                                       merge->revision.reason,
                                                       when(merge->revision), merge->now_in));
        else if (history.patient.revision.voided)
            history.chart_status.push_back(fmt::format("chart voided {}: {}",
                                                       when(history.patient.revision),
                                                       history.patient.revision.reason));
        for (const auto& merge : patients.merged_into(id))
            history.chart_status.push_back(
                fmt::format("{} ({})", merge.revision.reason, when(merge.revision)));
        storage::ConditionRepository conditions(scope.db());
        ChartCodes codes(scope.db());
        const auto accounts = storage::write_accounts_of_patient(scope.db(), id.value);
        for (const auto& [record, revisions] :
             by_record(conditions.revisions_of_patient(id),
                       [](const Condition& c) { return c.id.value; }))
            history.conditions.push_back(record_entry(revisions, "condition", accounts, &codes));
        for (const auto& [record, revisions] :
             by_record(conditions.consent_revisions_of_patient(id),
                       [](const Consent& c) { return c.id.value; }))
            history.consents.push_back(record_entry(revisions, "consent", accounts, &codes));
        std::stable_sort(history.consents.begin(), history.consents.end(),
                         [](const auto& a, const auto& b) {
                             return a.record.details.signed_on < b.record.details.signed_on;
                         });
        name_accounts(history.patient_amendments, "patient", id.value, accounts);
        history.sessions = session_entries(scope, id, history.as_of, accounts);
        add_courses_scores_photos(scope, history, accounts, bytes);
        history.audit_head = storage::append_audit(
            scope.db(), scope.audit("patient.history", "patient", id.value, id.value,
                                    history.patient.revision.number, std::string(purpose)));
        deliver(history);
    });
}

} // namespace needlebook::report
