#pragma once
// A patient's whole treatment history as one plain struct; text, HTML, JSON and CSV are
// renderers of it (render/history_*.cpp). Nothing is left out: voided sessions, amendments
// and overrides are all in it.

#include "needlebook/model/condition.hpp"
#include "needlebook/model/patient.hpp"
#include "needlebook/model/reaction.hpp"
#include "needlebook/model/session.hpp"
#include "needlebook/records/scope.hpp"
#include "needlebook/report/changes.hpp"
#include "needlebook/report/course_record.hpp"
#include "needlebook/report/timeline.hpp"

#include "needlebook/storage/audit_log.hpp"

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::report {

struct ReactionEntry {
    Reaction reaction; // current revision
    ReactionTimeline timeline;
    std::vector<Amendment> amendments;
};

// A record on the patient's file with its corrections; a voided one stays, marked.
template <class Record> struct RecordEntry {
    Record record; // current revision; revision.voided marks a voided record
    std::vector<Amendment> amendments;
};
using ConditionEntry = RecordEntry<Condition>;
using ConsentEntry = RecordEntry<Consent>;
using FollowupEntry = RecordEntry<Followup>;

struct SessionEntry {
    Session session;  // current revision; revision.voided marks a voided session
    time::Date day{}; // in the clinic's zone
    // Days since the previous session that was not voided; nothing for the first.
    std::optional<int> days_since_previous;
    std::vector<Amendment> amendments; // every correction and the void, oldest first
    // The setting values (key, value) the clinical checks used for the current revision, as
    // stored with it; empty for sessions logged before schema 4 and for a void.
    std::vector<std::pair<std::string, std::string>> settings_used;
    std::vector<ReactionEntry> reactions;
    std::vector<FollowupEntry> followups; // by date, voided ones included
    // The largest recovery day of its reactions (to the as-of date while one is open).
    std::optional<int> recovery_day;
};

struct PatientHistory {
    std::string clinic_name;
    std::string zone_name;
    time::Date as_of{};
    time::Instant printed_at{};
    std::string printed_by;
    Patient patient; // current revision
    std::vector<Amendment> patient_amendments;
    // What happened to the chart itself, for the history's header: "chart voided …", merges.
    std::vector<std::string> chart_status;
    std::vector<ConditionEntry> conditions; // voided ones included
    std::vector<ConsentEntry> consents;     // by signing date, voided ones included
    std::vector<SessionEntry> sessions;     // in time order, voided ones included
    std::vector<CourseEntry> courses;       // by start, voided ones included
    std::vector<ScoreEntry> scores;         // by day, voided ones included
    std::vector<ScoreTrend> trends;         // the live scores per scale and area
    std::vector<PhotoEntry> photos;         // by day taken, voided ones included
    std::vector<PhotoPair> photo_pairs;     // per view, baseline and latest
    // The audit row that records this print, the chain's head then: printed on the history so
    // that 'check --head ID:HASH' can later prove the trail still holds it.
    storage::ChainHead audit_head;

    // Where a session stands in its course ("session 2 of 6"); nothing outside a course.
    std::optional<CoursePlace> place_of(SessionId session) const {
        for (const auto& entry : courses)
            for (std::size_t i = 0; i < entry.sessions.size(); ++i)
                if (entry.sessions[i] == session)
                    return CoursePlace{entry.course.id, static_cast<int>(i + 1),
                                       entry.course.details.planned};
        return std::nullopt;
    }

    long long voided_sessions() const {
        return std::count_if(sessions.begin(), sessions.end(),
                             [](const SessionEntry& e) { return e.session.revision.voided; });
    }
};

// Builds the history of the patient with chart `code` (NotFound when there is none) as of
// today, with a fixed number of queries however many sessions there are. Reading a patient's
// record is audited (action "patient.history", `purpose` as the reason) in the same
// transaction, so the audit log shows who printed whose history and when.
// Whether the photo pairs carry their image bytes: only the HTML view embeds them, so the other
// views (and FHIR, once per patient) read nothing from the photo store.
enum class PhotoBytes { leave_out, read };

PatientHistory build_history(records::Scope& scope, std::string_view code,
                             std::string_view purpose = "history",
                             PhotoBytes bytes = PhotoBytes::leave_out);
// As build_history, with `deliver` (print it, write it to a file) run inside the same
// transaction: if delivering fails, the audit row is rolled back with it, so the log never
// claims a history was printed that was not.
void deliver_history(records::Scope& scope, std::string_view code, std::string_view purpose,
                     const std::function<void(const PatientHistory&)>& deliver,
                     PhotoBytes bytes = PhotoBytes::leave_out);

} // namespace needlebook::report
