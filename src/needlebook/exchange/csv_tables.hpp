#pragma once
// The tables `export` writes and `import` reads: their names, columns and SQL. One definition
// serves both directions, so a column cannot be exported that import does not know.

#include "needlebook/storage/database.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace needlebook::exchange {

// What a column holds, for typed output (spreadsheets) and the formula guard.
enum class CsvType {
    text,
    integer,
    decimal, // written with '.' as the decimal point
    date,    // YYYY-MM-DD
    instant, // YYYY-MM-DDTHH:MM:SSZ, in UTC
};

// Typed numbers are never formula-guarded, and are number cells in a workbook.
inline bool is_number(CsvType type) {
    return type == CsvType::integer || type == CsvType::decimal;
}

struct CsvColumn {
    std::string_view name;
    CsvType type = CsvType::text;
    bool required = true; // import: may the column be left out?

    bool numeric() const { return is_number(type); }
};

struct CsvTable {
    std::string_view name;
    std::vector<CsvColumn> columns;          // current revisions
    std::vector<CsvColumn> revision_columns; // what --all-revisions adds after them
    std::string current_sql;   // one row per record, its newest revision, in export order
    std::string revisions_sql; // one row per revision, with the revision columns after

    // The statement for one export, refused (Refused) on a PostgreSQL server when it builds its
    // JSON, decimal or list cells with SQLite's functions, whose exact text the server's do
    // not give.
    const std::string& sql_for(const storage::Database& db, bool all_revisions) const;
};

// A column as written: a stored column of the table's SQL (`source` is its index in the
// statement's result), or, after each instant, the same instant in the clinic's time zone
// ('<name>_local', YYYY-MM-DDTHH:MM:SS+HH:MM), which import accepts and does not read.
struct ExportColumn {
    std::string name;
    CsvType type = CsvType::text;
    int source = 0;
    bool local_time = false;
};

// The columns `export` writes for `table`: its columns, then with `all_revisions` the revision
// columns, each instant followed by its local time.
std::vector<ExportColumn> export_columns(const CsvTable& table, bool all_revisions);

// Whether `name` is the local-time column of one of `table`'s instants (import skips it).
bool is_local_time_column(const CsvTable& table, std::string_view name);

// settings, products, patients, conditions, consents, lots, courses, sessions, session_areas,
// serum_uses, reactions, followups, scores, photos, audit.
const std::vector<CsvTable>& csv_tables();
// NotFound-style ValidationError naming the allowed tables when `name` is none of them.
const CsvTable& csv_table(std::string_view name);

} // namespace needlebook::exchange
