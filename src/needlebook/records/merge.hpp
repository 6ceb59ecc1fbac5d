#pragma once
// Merging a duplicate chart into the patient's real chart: the one correction that moves
// records between patients.

#include "needlebook/model/patient.hpp"
#include "needlebook/records/correction.hpp"
#include "needlebook/records/scope.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace needlebook::records {

struct MergeResult {
    Patient duplicate; // voided, its revision naming the chart it went into
    Patient into;
    int conditions = 0, consents = 0, sessions = 0; // records moved, voided ones included
    int courses = 0, scores = 0, photos = 0;
    // What the clinical checks find in the merged file that its sessions do not already record
    // (an interval, a condition now on file): reported, not stored.
    std::vector<std::string> warnings;
};

// Moves every condition, consent, session and photo of chart `duplicate` to chart `into`, each as a
// new revision naming its new patient ("KIND.merge"), then voids the duplicate with a revision
// naming `into` ("patient.merge"), all in one transaction. Refuses a blank reason, the same chart
// twice, a voided chart on either side, and a stale `based_on` (of the duplicate).
MergeResult merge_patient(Scope& scope, std::string_view duplicate, std::string_view into,
                          const Correction& correction);

} // namespace needlebook::records
