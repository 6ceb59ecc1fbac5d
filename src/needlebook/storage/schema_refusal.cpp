#include "needlebook/storage/schema_refusal.hpp"

#include "needlebook/error.hpp"
#include "needlebook/storage/connection.hpp"

#include <fmt/format.h>

namespace needlebook::storage {

void refusing_rows(const std::function<void()>& work) {
    try {
        work();
    } catch (const DatabaseFailure& e) {
        if (e.kind() != FailureKind::refused_row)
            throw;
        throw ValidationError("", fmt::format("the database refused it: {}", e.what()));
    }
}

} // namespace needlebook::storage
