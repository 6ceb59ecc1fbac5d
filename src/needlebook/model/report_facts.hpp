#pragma once
// Flat rows the reports are built from: a reaction, a session or a lot use, each with who it is
// about. Plain values, read by storage/report_reader and consumed by report/ and render/.

#include "needlebook/model/reaction.hpp"
#include "needlebook/model/session.hpp"

#include <optional>
#include <string>
#include <vector>

namespace needlebook {

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

// A live treatment course with the times of its live sessions, for the follow-up report.
struct CourseFact {
    CourseId course;
    PatientLabel patient;
    Indication indication{};
    int planned = 0;
    int every_days = 0;
    time::Date started_on{};
    std::optional<time::Date> closed_on;
    std::vector<time::Instant> sessions; // in time order
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

} // namespace needlebook
