#pragma once
// SQL functions of ours, registered on every connection Database opens (nothing in the schema
// uses them, so the sqlite3 shell still reads every file).

#include <SQLiteCpp/SQLiteCpp.h>

namespace needlebook::storage {

// needlebook_fold(TEXT): fold() of model/fold.hpp (lowercase, accents removed), NULL for NULL;
// deterministic and innocuous, for WHERE clauses that match names ignoring case and accents.
inline constexpr const char* fold_function = "needlebook_fold";

void register_text_functions(SQLite::Database& sql);

} // namespace needlebook::storage
