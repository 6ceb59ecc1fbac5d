#pragma once
// All SQL for sessions, their treated areas, serums and clinical findings.

#include "needlebook/model/session.hpp"
#include "needlebook/storage/database.hpp"

#include <map>
#include <optional>
#include <vector>

namespace needlebook::storage {

struct SessionFilter {
    std::optional<PatientId> patient;
    std::optional<time::Instant> from; // inclusive
    std::optional<time::Instant> to;   // exclusive
    bool include_voided = false;
};

class SessionRepository {
public:
    explicit SessionRepository(Database& db) : m_db(db) {}

    // Stores the identity row and the first revision of `session` under `id` (import keeps
    // exported ids), else under the next free id; session.id is ignored.
    // Whether a revision ran the clinical checks: a void and a move to another chart repeat the
    // last content without them, so they name no settings used; nor does an imported revision,
    // whose checks ran in another database.
    enum class Checked { yes, no };
    SessionId insert(const Session& session, std::optional<std::int64_t> id = std::nullopt,
                     Checked checked = Checked::yes);
    // Names the setting revisions (their row ids) the checks of stored revision `revision` of
    // session `id` used: an imported revision keeps what its checks used where it was recorded.
    void add_settings_used(SessionId id, int revision,
                           const std::vector<std::int64_t>& setting_revisions);
    // Stores `session` as its next revision; session.revision.number says which.
    void add_revision(const Session& session, Checked checked = Checked::yes);

    // `parts`: Parts::areas leaves serums and findings out, for callers that need only the
    // session's day, state and areas (adding a reaction or a follow-up).
    enum class Parts { all, areas };
    std::optional<Session> find(SessionId id, Parts parts = Parts::all);
    // Current revisions in time order; each comes with its areas, serums and findings.
    std::vector<Session> list(const SessionFilter& filter);
    // Current revisions (voided ones too) of the given sessions, in time order.
    std::vector<Session> find_many(const std::vector<SessionId>& ids);
    // Every revision of every session of `patient`, voided ones included, by session and
    // revision: what a printed history shows so that no correction is hidden.
    std::vector<Session> revisions_of_patient(PatientId patient);
    // The setting values the clinical checks used for each of the patient's session revisions,
    // keyed by "session id:revision", each list in key order (one query).
    std::map<std::string, std::vector<std::pair<std::string, std::string>>>
    settings_used_by_patient(PatientId patient);

private:
    // Names the current setting revisions the clinical checks consult for `session` (stored as
    // revision row `revision_id`) in session_setting.
    void record_settings_used(const Session& session, std::int64_t revision_id);
    // Runs `query` (rows shaped like select_session's) and loads each row's children.
    std::vector<Session> read_with_children(Statement& query, Parts parts);
    // Loads areas, serums and findings of every listed session in three queries.
    void load_children(std::vector<Session>& sessions, Parts parts,
                       const std::vector<std::int64_t>& revision_ids);

    Database& m_db;
};

} // namespace needlebook::storage
