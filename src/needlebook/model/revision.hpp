#pragma once
// Who wrote a revision of a record, when and why. Records are amended, never overwritten.

#include "needlebook/time/date.hpp"

#include <string>

namespace needlebook {

struct RevisionInfo {
    int number = 1;
    std::string author;
    time::Instant recorded_at{};
    std::string reason; // empty on the first revision
    bool voided = false;
};

} // namespace needlebook
