#include "needlebook/storage/schema_refusal.hpp"

#include "needlebook/error.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

namespace needlebook::storage {

void refusing_rows(const std::function<void()>& work) {
    try {
        work();
    } catch (const SQLite::Exception& e) {
        // Primary codes: the extended ones (SQLITE_CONSTRAINT_CHECK, …) share the low byte.
        switch (e.getErrorCode() & 0xff) {
        case SQLITE_CONSTRAINT:
        case SQLITE_MISMATCH:
        case SQLITE_TOOBIG:
            throw ValidationError("", fmt::format("the database refused it: {}", e.what()));
        default:
            throw;
        }
    }
}

} // namespace needlebook::storage
