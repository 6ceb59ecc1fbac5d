#pragma once
// The tables `export` writes and `import` reads: their names, columns and SQL. One definition
// serves both directions, so a column cannot be exported that import does not know.

#include <string>
#include <string_view>
#include <vector>

namespace needlebook::exchange {

struct CsvColumn {
    std::string_view name;
    bool numeric = false; // typed numbers are never formula-guarded
    bool required = true; // import: may the column be left out?
};

struct CsvTable {
    std::string_view name;
    std::vector<CsvColumn> columns;          // current revisions
    std::vector<CsvColumn> revision_columns; // what --all-revisions adds after them
    std::string current_sql;   // one row per record, its newest revision, in export order
    std::string revisions_sql; // one row per revision, with the revision columns after
};

// patients, conditions, consents, sessions, session_areas, serum_uses, reactions, followups.
const std::vector<CsvTable>& csv_tables();
// NotFound-style ValidationError naming the allowed tables when `name` is none of them.
const CsvTable& csv_table(std::string_view name);

} // namespace needlebook::exchange
