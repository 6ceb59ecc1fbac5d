#pragma once
// A row the schema refuses, told apart from a failing database, so callers outside storage
// never see SQLite's exception type.

#include <functional>

namespace needlebook::storage {

// Runs `work`, which writes one record. A row the schema refuses (a CHECK, NOT NULL, UNIQUE or
// foreign key constraint, a trigger's RAISE, a value of the wrong type or too big) becomes a
// ValidationError naming no field ("the database refused it: …"), so it can be listed with the
// record's other problems. Any other failure (a full disk, an I/O error, a busy or damaged
// file, a write to a backup) passes through unchanged: it is about the database, not the row.
void refusing_rows(const std::function<void()>& work);

} // namespace needlebook::storage
