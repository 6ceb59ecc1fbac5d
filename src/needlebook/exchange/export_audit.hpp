#pragma once
// The one audit row of an export, CSV or xlsx: written only after the output is complete, so a
// failed export is never logged as done.

#include "needlebook/records/scope.hpp"
#include "needlebook/storage/audit_log.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::exchange {

// One "export" row saying `what`, naming every patient whose data `tables` hold. `publish`
// (giving the finished files their names) runs in the same transaction, after the row is
// added: an audit row that is refused (a clock behind the trail's newest row) leaves no file,
// and a file that cannot be published leaves no row. (Only a crash between the rename and the
// commit, a matter of microseconds, could leave a file without its row.)
storage::ChainHead audit_export(records::Scope& scope, const std::string& what,
                                const std::vector<std::string_view>& tables,
                                const std::function<void()>& publish = nullptr);

} // namespace needlebook::exchange
