#pragma once
// What a patient's history shows of treatment courses, outcome scores and photos: each course
// with its sessions, each score's trend per scale and area, and per photo view the baseline
// beside the latest. Pure: built from records already read.

#include "needlebook/model/assessment.hpp"
#include "needlebook/model/course.hpp"
#include "needlebook/model/photo.hpp"
#include "needlebook/report/changes.hpp"

#include <optional>
#include <string>
#include <vector>

namespace needlebook::report {

struct CourseEntry {
    Course course; // current revision; revision.voided marks a voided course
    std::vector<Amendment> amendments;
    std::vector<SessionId> sessions; // live, in time order
    std::vector<int> intervals;      // days between consecutive sessions
};

struct ScoreEntry {
    Assessment score; // current revision, voided ones included
    std::vector<Amendment> amendments;
};

struct PhotoEntry {
    Photo photo; // current revision, voided ones included
    std::vector<Amendment> amendments;
};

// The live scores of one scale on one area (or the whole patient), oldest first.
struct ScoreTrend {
    ScaleCode scale{};
    std::optional<Area> area;
    std::optional<Side> side;
    std::vector<Assessment> points;

    // Latest minus first; nothing with a single point.
    std::optional<double> change() const;
};

// Scores by scale (catalogue order), then area; voided scores left out.
std::vector<ScoreTrend> score_trends(const std::vector<ScoreEntry>& scores);

// Images at most this large are embedded in a printed history; larger ones are named.
inline constexpr std::int64_t embedded_image_limit = 100 * 1024;

// One view's first photo (the baseline) and its latest, when a later one exists; the bytes of
// each when small enough to embed (filled by the history, which reads the store).
struct PhotoPair {
    PhotoView view{};
    Photo baseline;
    std::optional<Photo> latest;
    std::optional<std::string> baseline_bytes, latest_bytes;
};

// Per view (catalogue order), from the live photos: the earliest taken and the latest taken.
std::vector<PhotoPair> photo_pairs(const std::vector<PhotoEntry>& photos);

} // namespace needlebook::report
