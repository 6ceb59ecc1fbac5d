#pragma once
// The one audit row of an export, CSV or xlsx: written only after the output is complete, so a
// failed export is never logged as done.

#include "needlebook/records/scope.hpp"
#include "needlebook/storage/audit_log.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace needlebook::exchange {

// One "export" row saying `what`, naming every patient whose data `tables` hold.
storage::ChainHead audit_export(records::Scope& scope, const std::string& what,
                                const std::vector<std::string_view>& tables);

} // namespace needlebook::exchange
