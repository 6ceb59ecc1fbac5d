#include "fixtures.hpp"

#include "needlebook/render/history.hpp"
#include "needlebook/report/changes.hpp"
#include "needlebook/report/course_record.hpp"

#include <doctest/doctest.h>

using namespace needlebook;

namespace {

report::ScoreEntry score(std::int64_t id, ScaleCode scale, double value, std::string_view on,
                         std::optional<Area> area = std::nullopt,
                         std::optional<Side> side = std::nullopt, bool voided = false) {
    report::ScoreEntry entry;
    entry.score.id = AssessmentId{id};
    entry.score.details.scale = scale;
    entry.score.details.score = value;
    entry.score.details.assessed_on = test::day(on);
    entry.score.details.area = area;
    entry.score.details.side = side;
    entry.score.revision.voided = voided;
    return entry;
}

report::PhotoEntry photo(std::int64_t id, PhotoView view, std::string_view taken,
                         bool voided = false) {
    report::PhotoEntry entry;
    entry.photo.id = PhotoId{id};
    entry.photo.details.view = view;
    entry.photo.details.taken_on = test::day(taken);
    entry.photo.image = {std::string(64, 'a'), 10, ImageType::png, "x.png"};
    entry.photo.revision.voided = voided;
    return entry;
}

} // namespace

TEST_CASE("score trends: one per scale and area, oldest first, voided scores left out") {
    const std::vector<report::ScoreEntry> scores = {
        score(1, ScaleCode::goodman_baron, 3, "2026-10-20", Area::cheek, Side::left),
        score(2, ScaleCode::goodman_baron, 4, "2026-08-01", Area::cheek, Side::left),
        score(3, ScaleCode::mmasi, 12.25, "2026-08-01"),
        score(4, ScaleCode::goodman_baron, 4, "2026-08-01", Area::cheek, Side::right),
        score(5, ScaleCode::goodman_baron, 1, "2026-11-01", Area::cheek, Side::left, true),
        score(6, ScaleCode::mmasi, 8.5, "2026-11-01"),
    };
    const auto trends = report::score_trends(scores);
    REQUIRE(trends.size() == 3);
    // Catalogue order: goodman-baron (left, then right), then mmasi.
    CHECK(trends[0].side == Side::left);
    REQUIRE(trends[0].points.size() == 2); // the voided 1 is not a point
    CHECK(trends[0].points[0].id == AssessmentId{2});
    CHECK(trends[0].change() == -1);
    CHECK(trends[1].side == Side::right);
    CHECK_FALSE(trends[1].change()); // a single score has no change
    CHECK(trends[2].scale == ScaleCode::mmasi);
    CHECK(trends[2].change() == doctest::Approx(-3.75));
    CHECK(render::trend_text(trends[2]) == "12.25 on 2026-08-01, 8.50 on 2026-11-01; change -3.75");
    CHECK(render::trend_subject(trends[2]) == "whole patient");
}

TEST_CASE("photo pairs: per view the first and the latest live photo") {
    const std::vector<report::PhotoEntry> photos = {
        photo(1, PhotoView::front, "2026-08-01"),
        photo(2, PhotoView::left_45, "2026-08-01"),
        photo(3, PhotoView::front, "2026-11-01"),
        photo(4, PhotoView::front, "2026-09-01"),
        photo(5, PhotoView::left_45, "2026-11-01", true),
    };
    const auto pairs = report::photo_pairs(photos);
    REQUIRE(pairs.size() == 2);
    CHECK(pairs[0].view == PhotoView::front);
    CHECK(pairs[0].baseline.id == PhotoId{1});
    REQUIRE(pairs[0].latest);
    CHECK(pairs[0].latest->id == PhotoId{3});
    CHECK(pairs[1].view == PhotoView::left_45);
    CHECK_FALSE(pairs[1].latest); // the later one is voided
}

TEST_CASE("what a correction of a course, a score or a photo changed, field by field") {
    CourseDetails course;
    course.indication = Indication::acne_scars;
    course.planned = 4;
    course.every_days = 28;
    course.started_on = test::day("2026-08-01");
    auto closed = course;
    closed.planned = 5;
    closed.closing = CourseClosing{test::day("2026-11-01"), CourseOutcome::stopped, "moved away"};
    const auto course_changes = report::changes_between(course, closed);
    REQUIRE(course_changes.size() == 2);
    CHECK(course_changes[0].field == "planned");
    CHECK(course_changes[1].after == "2026-11-01 stopped (moved away)");

    auto before = score(1, ScaleCode::glogau, 2, "2026-08-01").score.details;
    auto after = before;
    after.score = 3;
    after.note = "re-read";
    const auto score_changes = report::changes_between(before, after);
    REQUIRE(score_changes.size() == 2);
    CHECK(score_changes[0].before == "2 (II)");
    CHECK(score_changes[0].after == "3 (III)");

    auto taken = photo(1, PhotoView::front, "2026-08-01").photo.details;
    auto moved = taken;
    moved.view = PhotoView::right_45;
    const auto photo_changes = report::changes_between(taken, moved);
    REQUIRE(photo_changes.size() == 1);
    CHECK(photo_changes[0].after == "right-45");
}

TEST_CASE("the HTML history charts the scores and embeds the photo pair") {
    report::PatientHistory history;
    history.patient.code = "P-1";
    history.patient.details.family_name = "Doe";
    history.patient.details.given_name = "Jane";
    history.scores = {score(1, ScaleCode::goodman_baron, 4, "2026-08-01", Area::cheek),
                      score(2, ScaleCode::goodman_baron, 2, "2026-11-01", Area::cheek)};
    history.trends = report::score_trends(history.scores);
    history.photos = {photo(1, PhotoView::front, "2026-08-01"),
                      photo(2, PhotoView::front, "2026-11-01")};
    history.photo_pairs = report::photo_pairs(history.photos);
    history.photo_pairs[0].baseline_bytes = std::string("\x89PNG", 4);
    const auto html = render::history_html(history, test::london());
    CHECK(test::contains(html, "<h2>Outcome scores</h2>"));
    CHECK(test::contains(html, "aria-label=\"Goodman &amp; Baron qualitative acne scar grade over "
                               "time\""));
    CHECK(test::contains(html, "<img src=\"data:image/png;base64,iVBORw==\""));
    // The latest's bytes were not read (too large, or not as recorded): named, not embedded.
    CHECK(test::contains(html, "not embedded: larger than 100 KB"));
}
