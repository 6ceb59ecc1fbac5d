#pragma once
// What every correction of a record shares: a reason, and the revision the caller read, so a
// correction made meanwhile by someone else is never silently undone.

#include "needlebook/model/ids.hpp"
#include "needlebook/model/revision.hpp"
#include "needlebook/records/scope.hpp"
#include "needlebook/storage/audit_log.hpp"

#include <fmt/format.h>
#include <functional>
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

// What correcting one kind of record takes besides the steps every amend and void share.
template <class Record> struct RecordCorrection {
    std::string kind;  // its audit record kind: "condition", "followup", …
    std::string label; // how messages name it: "condition 3", "follow-up 2"
    // An amendment's edit of the details, and the check of the result as on entry (throws to
    // refuse); neither is used by a void.
    std::function<void(decltype(Record::details)&)> edit;
    std::function<void(const Record&)> check;
    std::function<void(const Record&)> store;           // writes the new revision
    std::function<PatientId(const Record&)> patient_of; // whose record it is, for the audit
    // The audit action's verb for an amendment when it is a step of its own ("close").
    std::string amend_verb = "amend";
};

// The steps every amend and void share, inside the caller's transaction: refuses as
// check_correctable does; an amendment applies `how.edit` (refused when it changes nothing) and
// `how.check`; then the next revision (voided, for a void: the last content repeated, so the
// record still shows what was voided) is stored with its audit row, "KIND.amend" (or the
// amend_verb) or "KIND.void".
template <class Record>
Record apply_correction(Scope& scope, Record record, const Correction& correction,
                        CorrectionKind kind, const RecordCorrection<Record>& how) {
    check_correctable(how.label, record.revision, correction, kind);
    const bool voiding = kind == CorrectionKind::void_record;
    if (!voiding) {
        const auto before = record.details;
        how.edit(record.details);
        if (record.details == before)
            throw_nothing_to_amend(how.label);
        how.check(record);
    }
    record.revision = scope.revision(record.revision.number + 1, correction.reason, voiding);
    how.store(record);
    append_audit(scope.db(),
                 scope.audit(fmt::format("{}.{}", how.kind, voiding ? "void" : how.amend_verb),
                             how.kind, record.id.value, how.patient_of(record).value,
                             record.revision.number, correction.reason));
    return record;
}

} // namespace needlebook::records
