#pragma once
// What an amendment or a void changed, field by field, so a printed history can show every
// correction: who, when, why, and the values before and after.

#include "needlebook/model/assessment.hpp"
#include "needlebook/model/condition.hpp"
#include "needlebook/model/course.hpp"
#include "needlebook/model/patient.hpp"
#include "needlebook/model/photo.hpp"
#include "needlebook/model/reaction.hpp"
#include "needlebook/model/session.hpp"
#include "needlebook/storage/settings_repository.hpp"
#include "needlebook/time/zone.hpp"

#include <string>
#include <vector>

namespace needlebook::report {

struct FieldChange {
    std::string field;  // 'depth cheek:left', 'serum', 'note', 'voided' …
    std::string before; // empty when something was added
    std::string after;  // empty when something was removed
};

// One revision after the first: who made it, when and why, and what it changed.
struct Amendment {
    RevisionInfo revision;
    std::vector<FieldChange> changes;
    // The operating-system account that wrote the revision, when it is not the named author.
    std::string os_account;
};

std::vector<FieldChange> changes_between(const Session& before, const Session& after,
                                         const time::ClinicZone& zone);
std::vector<FieldChange> changes_between(const PatientDetails& before, const PatientDetails& after);
std::vector<FieldChange> changes_between(const ReactionDetails& before,
                                         const ReactionDetails& after);
// A catalogue product's name, kind (its code), maker and retired ('no' / 'yes'); the code
// never changes.
std::vector<FieldChange> changes_between(const storage::Product& before,
                                         const storage::Product& after);

// `revisions` of one record in order (1, 2, …): an Amendment for each after the first.
template <class Record, class Diff>
std::vector<Amendment> amendments_of(const std::vector<Record>& revisions, Diff diff) {
    std::vector<Amendment> amendments;
    for (std::size_t i = 1; i < revisions.size(); ++i) {
        auto changes = diff(revisions[i - 1], revisions[i]);
        if (revisions[i].revision.voided != revisions[i - 1].revision.voided)
            changes.push_back({"voided", revisions[i - 1].revision.voided ? "yes" : "no",
                               revisions[i].revision.voided ? "yes" : "no"});
        amendments.push_back({revisions[i].revision, std::move(changes)});
    }
    return amendments;
}

std::vector<FieldChange> changes_between(const FollowupDetails& before,
                                         const FollowupDetails& after);
std::vector<FieldChange> changes_between(const ConditionDetails& before,
                                         const ConditionDetails& after);
std::vector<FieldChange> changes_between(const ConsentDetails& before, const ConsentDetails& after);
std::vector<FieldChange> changes_between(const CourseDetails& before, const CourseDetails& after);
std::vector<FieldChange> changes_between(const AssessmentDetails& before,
                                         const AssessmentDetails& after);
std::vector<FieldChange> changes_between(const PhotoDetails& before, const PhotoDetails& after);

// Every correction of a record whose revisions (1, 2, …) hold `details`.
template <class Record>
std::vector<Amendment> amendments_of_details(const std::vector<Record>& revisions) {
    return amendments_of(revisions, [](const Record& a, const Record& b) {
        return changes_between(a.details, b.details);
    });
}

} // namespace needlebook::report
