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

// In version order, 1, 2, 3 …; the newest version is the last one's.
std::span<const Migration> migrations();
int latest_schema_version();

} // namespace needlebook::storage
