#pragma once
// One write transaction that changes a great many pages: a whole table's import.

#include "needlebook/storage/database.hpp"

#include <functional>

namespace needlebook::storage {

// Runs `work` in one Database::write, with SQLite's temporary storage (statement journals,
// a query's temporary tables) kept in memory until it returns. On disk, the statement journal
// of a long transaction becomes a file once one statement passes 64 KiB, and every later
// statement then writes the pages it changes to that file: 4 million writes for the sessions
// of a 20,000-patient clinic. In memory each statement's journal is emptied when it ends.
void bulk_write(Database& db, const std::function<void()>& work);

} // namespace needlebook::storage
