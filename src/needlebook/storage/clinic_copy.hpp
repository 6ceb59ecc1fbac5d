#pragma once
// A whole clinic's rows copied from one database into another, table by table through the
// Connection seam: a SQLite file onto a PostgreSQL server, back, or between two files. Every
// row keeps its id and its values, the audit trail too, so the copied chain vouches for the
// copy: `check` on the target recomputes each record's fingerprint against its audit row.

#include "needlebook/storage/database.hpp"

#include <cstdint>

namespace needlebook::storage {

struct CopiedRows {
    std::int64_t tables = 0;
    std::int64_t rows = 0;
};

// Inside a transaction on `from` and a write transaction on `to`, both at the same schema
// version: replaces every row of every table of `to` by `from`'s (the schema's version row and
// photo_image aside: the caller copies images with copy_photos), with the triggers off
// (Connection::with_triggers_off) and the foreign keys checked at commit. Refused when the two have
// different tables; the caller makes sure `to` held nothing but what init seeded
// (ensure_only_seeded).
CopiedRows copy_rows(Database& from, Database& to);

// copy_rows into a database that must hold only what init seeded (refused otherwise, naming
// what it holds), then proves the copied audit trail ends where `from`'s does.
CopiedRows replace_seeded_content(Database& from, Database& to);

// How many photo records `db` holds.
std::int64_t photo_records(Database& db);

} // namespace needlebook::storage
