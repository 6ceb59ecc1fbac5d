#pragma once
// Read-only SQL for report outcomes: the live scores and the sessions of the charts that hold
// them, current revisions only, voided records left out, each filed under the chart it belongs
// to now. A fixed number of flat scans, whatever the size of the clinic.

#include "needlebook/model/outcome_facts.hpp"
#include "needlebook/storage/database.hpp"

#include <optional>

namespace needlebook::storage {

// Scores on `scale` (every scale without one) assessed from `from` to `to` (inclusive), and
// every live session of the charts holding one of them, in time order. A chart merged into
// another is read as that one (its records moved there); a voided chart that was not merged holds
// nothing.
OutcomeFacts read_outcome_facts(Database& db, std::optional<ScaleCode> scale,
                                std::optional<time::Date> from, std::optional<time::Date> to);

} // namespace needlebook::storage
