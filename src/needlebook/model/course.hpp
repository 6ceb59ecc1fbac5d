#pragma once
// A treatment course: the plan a patient is treated under (so many sessions of one indication,
// so many days apart), and how it ended.

#include "needlebook/model/catalogue.hpp"
#include "needlebook/model/ids.hpp"
#include "needlebook/model/revision.hpp"
#include "needlebook/time/date.hpp"

#include <optional>
#include <string>
#include <vector>

namespace needlebook {

// At most this many sessions planned in one course.
inline constexpr int max_planned_sessions = 30;

struct CourseClosing {
    time::Date on{};
    CourseOutcome outcome = CourseOutcome::completed;
    std::string reason;
    friend bool operator==(const CourseClosing&, const CourseClosing&) = default;
};

struct CourseDetails {
    Indication indication = Indication::rejuvenation;
    int planned = 1;         // sessions planned
    int every_days = 28;     // the interval between sessions
    std::vector<Area> areas; // the areas it treats; empty: not restricted
    std::string goal;
    time::Date started_on{};
    std::optional<CourseClosing> closing; // open until closed
    friend bool operator==(const CourseDetails&, const CourseDetails&) = default;
};

struct Course {
    CourseId id;
    PatientId patient_id;
    CourseDetails details;
    RevisionInfo revision;

    bool open() const { return !revision.voided && !details.closing; }
};

// Where a session stands in its course: "session 2 of 6".
struct CoursePlace {
    CourseId course;
    int position = 0; // among the course's live sessions, in time order
    int planned = 0;
};

// "voided", "completed 2026-11-22" or "stopped …" (the outcome and day), or "open".
std::string course_status(const Course& course);

// "cheek nose": areas as stored, separated by single spaces.
std::string areas_text(const std::vector<Area>& areas);
// "cheek,nose" or "cheek nose", each known, each once; a ValidationError naming --areas.
std::vector<Area> parse_course_areas(std::string_view text);

// Planned sessions, interval and text lengths; a closing not before the start nor after today
// and with a reason.
void validate(const CourseDetails& details, time::Date today);

} // namespace needlebook
