#include "needlebook/report/course_record.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace needlebook::report {
namespace {

std::size_t scale_rank(ScaleCode code) {
    const auto& scales = outcome_scales();
    for (std::size_t i = 0; i < scales.size(); ++i)
        if (scales[i].code == code)
            return i;
    return scales.size();
}

} // namespace

std::optional<double> ScoreTrend::change() const {
    if (points.size() < 2)
        return std::nullopt;
    return points.back().details.score - points.front().details.score;
}

std::vector<ScoreTrend> score_trends(const std::vector<ScoreEntry>& scores) {
    std::vector<const Assessment*> live;
    for (const auto& entry : scores)
        if (!entry.score.revision.voided)
            live.push_back(&entry.score);
    std::stable_sort(live.begin(), live.end(), [](const Assessment* a, const Assessment* b) {
        return std::pair(a->details.assessed_on, a->id.value) <
               std::pair(b->details.assessed_on, b->id.value);
    });
    std::vector<ScoreTrend> trends;
    for (const auto* score : live) {
        const auto& d = score->details;
        auto found = std::find_if(trends.begin(), trends.end(), [&](const ScoreTrend& t) {
            return t.scale == d.scale && t.area == d.area && t.side == d.side;
        });
        if (found == trends.end())
            found = trends.insert(trends.end(), ScoreTrend{d.scale, d.area, d.side, {}});
        found->points.push_back(*score);
    }
    std::stable_sort(trends.begin(), trends.end(), [](const ScoreTrend& a, const ScoreTrend& b) {
        return std::tuple(scale_rank(a.scale), a.area.has_value(), a.area, a.side) <
               std::tuple(scale_rank(b.scale), b.area.has_value(), b.area, b.side);
    });
    return trends;
}

std::vector<PhotoPair> photo_pairs(const std::vector<PhotoEntry>& photos) {
    std::map<PhotoView, std::vector<const Photo*>> by_view;
    for (const auto& entry : photos)
        if (!entry.photo.revision.voided)
            by_view[entry.photo.details.view].push_back(&entry.photo);
    std::vector<PhotoPair> pairs;
    for (auto& [view, list] : by_view) {
        std::stable_sort(list.begin(), list.end(), [](const Photo* a, const Photo* b) {
            return std::pair(a->details.taken_on, a->id.value) <
                   std::pair(b->details.taken_on, b->id.value);
        });
        PhotoPair pair{view, *list.front(), std::nullopt, std::nullopt, std::nullopt};
        if (list.size() > 1)
            pair.latest = *list.back();
        pairs.push_back(std::move(pair));
    }
    return pairs;
}

} // namespace needlebook::report
