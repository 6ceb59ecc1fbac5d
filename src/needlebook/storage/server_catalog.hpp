#pragma once
// The clinic's schema as a PostgreSQL server's catalog holds it, written out as text: the
// server's counterpart of comparing sqlite_schema with what the migrations make. The text of
// each version is kept in schema/postgresql/NNNN_catalog.txt, made by the migrations on a
// throw-away server (tests/pg/write_catalog.sh) and embedded like the migrations.

#include "needlebook/storage/database.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::storage {

// One sorted line per table, column, constraint, index, trigger (with whether it is enabled),
// view, function (a digest of its definition), grant to a role other than the owner and
// membership among needlebook's roles. The owner's name is left out, so two clinics made by the
// same migrations under different administrators read alike.
std::vector<std::string> describe_server_schema(Database& db);

// The description this program expects at schema `version`; nothing when it has none.
std::optional<std::string_view> expected_server_schema(int version);

} // namespace needlebook::storage
