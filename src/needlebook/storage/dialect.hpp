#pragma once
// The few SQL spellings that differ between SQLite and PostgreSQL. Repositories write one query
// for both engines and take these pieces from Database::dialect(); everything else is the SQL
// both engines accept alike.

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace needlebook::storage {

struct Dialect {
    // A table function over a JSON array of ids, one row per id in column `value`:
    // "FROM json_each(:ids)" on SQLite, needlebook_ids() (schema/postgresql) on PostgreSQL.
    std::string_view id_list;
    // The position of a needle in a text, 1-based, 0 when absent: instr(text, needle).
    std::string_view position;
    bool server;

    // `column = parameter` ignoring ASCII case, as SQLite's NOCASE compares; on PostgreSQL a
    // NOCASE column has an index on lower(column), which this form uses.
    std::string nocase_equals(std::string_view column, std::string_view parameter) const {
        return server ? fmt::format("lower({}) = lower({})", column, parameter)
                      : fmt::format("{} = {} COLLATE NOCASE", column, parameter);
    }
    // A NOCASE column as an ORDER BY key: SQLite sorts it by its collation (ASCII case folded);
    // PostgreSQL's is byte order ("C"), so it sorts lower(column), which its index covers.
    std::string nocase_order(std::string_view column) const {
        return server ? fmt::format("lower({})", column) : std::string(column);
    }
};

// `name` as an SQL identifier, double quotes doubled: a table or column name read from a
// database's catalog, put into SQL text that both engines read alike.
inline std::string quoted_name(std::string_view name) {
    std::string quoted = "\"";
    for (const char c : name) {
        quoted += c;
        if (c == '"')
            quoted += '"';
    }
    return quoted + '"';
}

inline constexpr Dialect sqlite_dialect{"json_each", "instr", false};
inline constexpr Dialect postgres_dialect{"needlebook_ids", "strpos", true};

} // namespace needlebook::storage
