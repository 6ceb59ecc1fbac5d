#pragma once
// Read-only SQL for the manager's reports: flat rows across sessions, reactions and patients,
// current revisions only and voided records left out. A few flat scans per call, whatever the
// size of the clinic.

#include "needlebook/model/condition.hpp"
#include "needlebook/model/report_facts.hpp"
#include "needlebook/storage/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace needlebook::storage {

// What the follow-up report reads; reactions without their session's depths and products.
struct FollowupFacts {
    std::vector<ReactionFact> reactions;
    std::vector<SessionFact> sessions;
    std::vector<Condition> conditions; // every patient's current conditions, by id
    std::vector<CourseFact> courses;   // live courses, by id
};

class ReportReader {
public:
    explicit ReportReader(Database& db) : m_db(db) {}

    // Reactions of sessions performed in [from, to), in no particular order (sorting 100,000
    // rows in SQL would double the time of the recovery report, which needs no order).
    std::vector<ReactionFact> reactions(std::optional<time::Instant> from,
                                        std::optional<time::Instant> to);
    // Every current reaction (as above), every session in time order and every current
    // condition, reading patients and sessions once and no areas or products: the follow-up
    // report needs neither.
    FollowupFacts followup_facts();
    // Uses of `lot` (ignoring case) in sessions, by session time.
    std::vector<LotUse> lot_uses(const std::string& lot);

private:
    Database& m_db;
};

} // namespace needlebook::storage
