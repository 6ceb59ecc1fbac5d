#pragma once
// The parts of `check` that differ on a PostgreSQL server: the server keeps its own pages
// (there is no integrity_check to run), its foreign keys are verified row by row as SQLite's
// foreign_key_check does, and the schema is compared through the server's catalog.

#include "needlebook/storage/database.hpp"
#include "needlebook/storage/verification.hpp"

namespace needlebook::storage {

// "integrity": nothing to count; the note says what the server checks itself (its pages, with
// data checksums when the cluster has them) and what a clinic runs for the rest (pg_amcheck).
CheckSection server_integrity(Database& db);

// "foreign keys": for every foreign key of the clinic's tables, the rows that refer to a row
// that does not exist (possible only where someone disabled the server's own triggers).
CheckSection server_foreign_keys(Database& db);

// "schema": the server's catalog (describe_server_schema) against the description this program
// keeps for the clinic's schema version, line by line: a trigger dropped or disabled, a column
// changed, a grant added show as faults naming the object.
CheckSection server_schema(Database& db);

} // namespace needlebook::storage
