#include "needlebook/storage/text_functions.hpp"

#include "needlebook/model/fold.hpp"

#include <sqlite3.h>
#include <string>
#include <string_view>

namespace needlebook::storage {
namespace {

void fold_sql(sqlite3_context* context, int, sqlite3_value** arguments) {
    if (sqlite3_value_type(arguments[0]) == SQLITE_NULL) {
        sqlite3_result_null(context);
        return;
    }
    const auto* text = sqlite3_value_text(arguments[0]);
    const int bytes = sqlite3_value_bytes(arguments[0]);
    if (text == nullptr) { // out of memory while converting the value to text
        sqlite3_result_error_nomem(context);
        return;
    }
    const std::string folded = fold(
        std::string_view(reinterpret_cast<const char*>(text), static_cast<std::size_t>(bytes)));
    sqlite3_result_text64(context, folded.data(), folded.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}

} // namespace

void register_text_functions(SQLite::Database& sql) {
    const int rc = sqlite3_create_function_v2(sql.getHandle(), fold_function, 1,
                                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                              nullptr, fold_sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        throw SQLite::Exception(sql.getHandle(), rc);
}

} // namespace needlebook::storage
