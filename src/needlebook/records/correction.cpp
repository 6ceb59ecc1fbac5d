#include "needlebook/records/correction.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"

#include <fmt/format.h>

namespace needlebook::records {

void check_correctable(std::string_view record, const RevisionInfo& current,
                       const Correction& correction, CorrectionKind kind) {
    check_reason("reason", correction.reason);
    if (correction.based_on && *correction.based_on > current.number)
        throw Conflict(fmt::format("{} has no revision {}: its current revision is {}; "
                                   "--based-on names the revision you corrected",
                                   record, *correction.based_on, current.number));
    if (correction.based_on && *correction.based_on != current.number)
        throw Conflict(fmt::format("{} was amended meanwhile (now revision {}); run the command "
                                   "again",
                                   record, current.number));
    if (current.voided)
        throw Conflict(kind == CorrectionKind::void_record
                           ? fmt::format("{} is already voided", record)
                           : fmt::format("{} is voided; it cannot be amended", record));
}

void throw_nothing_to_amend(std::string_view record) {
    throw Conflict(fmt::format("{} already reads like that; nothing to amend", record));
}

} // namespace needlebook::records
