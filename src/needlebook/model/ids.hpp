#pragma once
// Strong id types, so a session id can never be passed where a patient id is expected.

#include <cstdint>
#include <fmt/format.h>

namespace needlebook {

template <class Tag> struct Id {
    std::int64_t value = 0;
    friend bool operator==(Id, Id) = default;
    friend auto operator<=>(Id, Id) = default;
};

using PatientId = Id<struct PatientTag>;
using SessionId = Id<struct SessionTag>;
using ReactionId = Id<struct ReactionTag>;
using ConditionId = Id<struct ConditionTag>;
using ConsentId = Id<struct ConsentTag>;
using FollowupId = Id<struct FollowupTag>;
using ProductId = Id<struct ProductTag>;
using LotId = Id<struct LotTag>;
using CourseId = Id<struct CourseTag>;
using AssessmentId = Id<struct AssessmentTag>;
using PhotoId = Id<struct PhotoTag>;

} // namespace needlebook

template <class Tag> struct fmt::formatter<needlebook::Id<Tag>> : fmt::formatter<std::int64_t> {
    auto format(needlebook::Id<Tag> id, format_context& ctx) const {
        return fmt::formatter<std::int64_t>::format(id.value, ctx);
    }
};
