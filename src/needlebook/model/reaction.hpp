#pragma once
// What happened after a session: reactions and follow-up checks.

#include "needlebook/model/catalogue.hpp"
#include "needlebook/model/ids.hpp"
#include "needlebook/model/revision.hpp"
#include "needlebook/time/date.hpp"

#include <optional>
#include <string>

namespace needlebook {

struct ReactionDetails {
    ReactionKind kind{};
    Severity severity{};
    std::optional<Area> area;
    std::optional<Side> side;
    time::Date onset{};
    std::optional<time::Date> resolved; // open until set
    std::string note;
    friend bool operator==(const ReactionDetails&, const ReactionDetails&) = default;
};

struct Reaction {
    ReactionId id;
    SessionId session_id;
    ReactionDetails details;
    RevisionInfo revision;
};

struct FollowupDetails {
    time::Date checked_on{};
    FollowupOutcome outcome{};
    std::string note;
    friend bool operator==(const FollowupDetails&, const FollowupDetails&) = default;
};

struct Followup {
    FollowupId id;
    SessionId session_id;
    FollowupDetails details;
    RevisionInfo revision;
};

// Onset on or after the session day and not after today; resolution not before onset.
void validate(const ReactionDetails& details, time::Date session_day, time::Date today);
void validate(const FollowupDetails& details, time::Date session_day, time::Date today);

} // namespace needlebook
