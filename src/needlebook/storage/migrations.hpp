#pragma once
// The schema files of schema/, embedded at build time (see cmake/embed_schema.cmake).

#include <span>
#include <string_view>

namespace needlebook::storage {

struct Migration {
    int version;
    std::string_view name;
    std::string_view sql;
};

// SQLite's, in version order, 1, 2, 3 …; the newest version is the last one's.
std::span<const Migration> migrations();
// PostgreSQL's: 10 (the baseline, the SQLite schema after 1 … 10 in one script), then one twin
// of each later SQLite migration with the same number, so both engines reach the same version.
std::span<const Migration> postgres_migrations();
// PostgreSQL's catalog as each version's migrations leave it (storage/server_catalog.hpp), in
// the same form: `sql` holds the text of schema/postgresql/NNNN_catalog.txt.
std::span<const Migration> postgres_catalogs();

inline int latest_schema_version() {
    return migrations().back().version;
}

} // namespace needlebook::storage
