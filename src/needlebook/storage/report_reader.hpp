#pragma once
// Read-only SQL for the manager's reports: flat rows across sessions, reactions and patients,
// current revisions only and voided records left out. One query per call, whatever the size.

#include "needlebook/model/reaction.hpp"
#include "needlebook/model/session.hpp"
#include "needlebook/storage/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace needlebook::storage {

// Who a row is about, as a report prints it.
struct PatientLabel {
    PatientId id;
    std::string code;
    std::string family_name;
    std::string given_name;
    std::optional<int> fitzpatrick;
};

// A reaction with what the recovery report groups it by.
struct ReactionFact {
    ReactionId reaction;
    SessionId session;
    PatientLabel patient;
    time::Instant performed_at{};
    Device device{};
    ReactionDetails details;
    // The depth of the reaction's area in the session (the deeper side when the reaction names
    // no side); nothing when the reaction names no area.
    std::optional<double> area_depth_mm;
    double deepest_mm = 0;             // the session's deepest area
    std::vector<std::string> products; // serum products used in the session, by code
};

// A session with what the follow-up report needs.
struct SessionFact {
    SessionId session;
    PatientLabel patient;
    time::Instant performed_at{};
    Device device{};
    std::vector<time::Date> followups; // dates of its follow-ups, earliest first
};

// A session that used a lot, as a serum or as the cartridge.
struct LotUse {
    SessionId session;
    PatientLabel patient;
    time::Instant performed_at{};
    std::string what;    // 'serum' or 'cartridge'
    std::string product; // product code, or the cartridge as typed
    std::string lot;     // the lot as stored
    std::optional<SerumPhase> phase;
};

class ReportReader {
public:
    explicit ReportReader(Database& db) : m_db(db) {}

    // Reactions of sessions performed in [from, to), in no particular order (sorting 100,000
    // rows in SQL would double the time of the recovery report, which needs no order).
    std::vector<ReactionFact> reactions(std::optional<time::Instant> from,
                                        std::optional<time::Instant> to);
    // Every session, in time order.
    std::vector<SessionFact> sessions();
    // Uses of `lot` (ignoring case) in sessions, by session time.
    std::vector<LotUse> lot_uses(const std::string& lot);

private:
    Database& m_db;
};

} // namespace needlebook::storage
