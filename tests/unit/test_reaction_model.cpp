#include "fixtures.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/reaction.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace needlebook;
using test::day;
using test::refusal;

namespace {

const time::Date session_day = day("2026-11-01");
const time::Date today = day("2026-11-23");

ReactionDetails erythema(std::string_view onset) {
    ReactionDetails details;
    details.kind = ReactionKind::erythema;
    details.severity = Severity::mild;
    details.area = Area::cheek;
    details.side = Side::left;
    details.onset = day(onset);
    return details;
}

} // namespace

TEST_CASE("validate(ReactionDetails): onset between the session day and today") {
    CHECK_NOTHROW(validate(erythema("2026-11-01"), session_day, today)); // the session day
    CHECK_NOTHROW(validate(erythema("2026-11-23"), session_day, today)); // today

    SUBCASE("before the session") {
        const auto e = refusal([] { validate(erythema("2026-10-31"), session_day, today); });
        CHECK(e.field() == "onset");
        CHECK(std::string(e.what()) == "onset 2026-10-31 is before the session on 2026-11-01");
    }
    SUBCASE("in the future") {
        const auto e = refusal([] { validate(erythema("2026-11-24"), session_day, today); });
        CHECK(e.field() == "onset");
        CHECK(std::string(e.what()) == "onset 2026-11-24 is in the future (today is 2026-11-23)");
    }
}

TEST_CASE("validate(ReactionDetails): resolution not before onset, not in the future") {
    auto details = erythema("2026-11-02");

    SUBCASE("same day and later days are fine") {
        details.resolved = day("2026-11-02");
        CHECK_NOTHROW(validate(details, session_day, today));
        details.resolved = today;
        CHECK_NOTHROW(validate(details, session_day, today));
    }
    SUBCASE("before onset") {
        details.resolved = day("2026-11-01");
        const auto e = refusal([&] { validate(details, session_day, today); });
        CHECK(e.field() == "resolved");
        CHECK(std::string(e.what()) == "resolved 2026-11-01 is before the onset 2026-11-02");
    }
    SUBCASE("in the future") {
        details.resolved = day("2026-11-24");
        CHECK(refusal([&] { validate(details, session_day, today); }).field() == "resolved");
    }
}

TEST_CASE("validate(ReactionDetails): a side needs an area; notes are bounded") {
    auto details = erythema("2026-11-02");
    SUBCASE("side without area") {
        details.area.reset();
        CHECK(refusal([&] { validate(details, session_day, today); }).field() == "area");
    }
    SUBCASE("neither area nor side") {
        details.area.reset();
        details.side.reset();
        CHECK_NOTHROW(validate(details, session_day, today));
    }
    SUBCASE("note") {
        details.note = std::string(10000, 'n');
        CHECK_NOTHROW(validate(details, session_day, today));
        details.note += 'n';
        CHECK(refusal([&] { validate(details, session_day, today); }).field() == "note");
    }
}

TEST_CASE("validate(FollowupDetails): checked between the session day and today") {
    FollowupDetails details{session_day, FollowupOutcome::none, "settled"};
    CHECK_NOTHROW(validate(details, session_day, today));
    details.checked_on = today;
    CHECK_NOTHROW(validate(details, session_day, today));

    details.checked_on = day("2026-10-31");
    auto e = refusal([&] { validate(details, session_day, today); });
    CHECK(e.field() == "follow-up date");
    CHECK(std::string(e.what()) == "follow-up date 2026-10-31 is before the session on 2026-11-01");

    details.checked_on = day("2026-11-24");
    e = refusal([&] { validate(details, session_day, today); });
    CHECK(e.field() == "follow-up date");
    CHECK(std::string(e.what()).find("in the future") != std::string::npos);
}
