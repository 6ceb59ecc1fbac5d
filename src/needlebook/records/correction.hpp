#pragma once
// What every correction of a record shares: a reason, and the revision the caller read, so a
// correction made meanwhile by someone else is never silently undone.

#include "needlebook/model/revision.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace needlebook::records {

struct Correction {
    std::string reason;
    std::optional<int> based_on; // --based-on N: the revision the caller corrected
};

enum class CorrectionKind { amend, void_record };

// Refuses to correct `record` ("condition 3") at its `current` revision: a blank reason, a
// record amended since `based_on`, or one already voided. Throws ValidationError or Conflict.
void check_correctable(std::string_view record, const RevisionInfo& current,
                       const Correction& correction, CorrectionKind kind);

// The Conflict thrown for an amendment that changes nothing.
[[noreturn]] void throw_nothing_to_amend(std::string_view record);

} // namespace needlebook::records
