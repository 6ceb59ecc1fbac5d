#pragma once
// report lot: every patient and session that received a serum or cartridge lot, with the areas
// treated, every reaction recorded after it and how to reach the patient; the lot's expiry and
// recall as registered — the list a manager hands to the regulator, and the calls to make.

#include "needlebook/model/lot.hpp"
#include "needlebook/model/report_facts.hpp"
#include "needlebook/records/scope.hpp"
#include "needlebook/report/timeline.hpp"

#include <string>
#include <vector>

namespace needlebook::report {

struct RecallReaction {
    Reaction reaction;
    ReactionTimeline timeline;
};

struct RecallEntry {
    PatientLabel patient;
    std::string phone; // as on the patient's record now
    std::string email;
    Session session; // current revision, with its areas
    time::Date day{};
    std::vector<LotUse> uses; // how this session used the lot
    std::vector<RecallReaction> reactions;
};

struct LotRecall {
    std::string lot;                    // as asked for
    std::optional<std::string> product; // as asked for
    time::Date as_of{};
    std::vector<RecallEntry> entries; // by session time
    int patients = 0;                 // distinct patients among the entries
    std::vector<Lot> registered;      // every product's registered lot with this number
};

// Matches lots ignoring case; `product` (a product code, or "cartridge") keeps that product's
// lot only, when two share the number. NotFound when no session (voided ones aside) used it.
LotRecall lot_recall(records::Scope& scope, std::string_view lot,
                     const std::optional<std::string>& product = std::nullopt);

} // namespace needlebook::report
