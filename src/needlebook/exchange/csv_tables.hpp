#pragma once
// The tables `export` writes and `import` reads: their names, columns and SQL. One definition
// serves both directions, so a column cannot be exported that import does not know.

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

// How a column's stored value becomes its cell (exchange/export_rows.cpp builds it, the same
// text on every engine; SQLite's printf and JSON functions have no exact PostgreSQL twins).
enum class CellForm {
    stored,       // the value's own text
    two_places,   // a decimal with two places: "1.50"
    scale_places, // a score, with the places its outcome scale (the row's column "scale") allows
    child_rows,   // the value is the row's key; the cell is made of its child rows (ChildRows)
};

struct CsvColumn {
    std::string_view name;
    CsvType type = CsvType::text;
    bool required = true; // import: may the column be left out?
    CellForm form = CellForm::stored;

    bool numeric() const { return is_number(type); }
};

// How a child row's value is written in a JSON object.
enum class JsonKind { text, real, integer };

struct ChildField {
    std::string_view name;
    JsonKind kind = JsonKind::text;
};

// A cell made of a row's child rows: a session's areas, serums, findings and the settings its
// checks used, a condition's clearances (JSON arrays of objects), an audit row's disclosed charts
// (codes separated by spaces).
struct ChildRows {
    enum class Form {
        json_array,          // "[]" when there is none
        json_array_or_empty, // "" when there is none
        words,               // the values joined by spaces; NULL when there is none
    };
    std::string_view column; // the column it fills (CellForm::child_rows)
    Form form = Form::json_array;
    std::vector<ChildField> fields; // each child row's values after its parent's key, in order
    // The parent row's key (the value of `column`), then the fields, for every child row of the
    // table's rows, in the order of those rows: current revisions, and every revision.
    std::string current_sql;
    std::string revisions_sql;
};

struct CsvTable {
    std::string_view name;
    std::vector<CsvColumn> columns;          // current revisions
    std::vector<CsvColumn> revision_columns; // what --all-revisions adds after them
    std::string current_sql;   // one row per record, its newest revision, in export order
    std::string revisions_sql; // one row per revision, with the revision columns after
    std::vector<ChildRows> children = {};

    const std::string& sql_for(bool all_revisions) const {
        return all_revisions ? revisions_sql : current_sql;
    }
};

// A column as written: a stored column of the table's SQL (`source` is its index in the
// statement's result), or, after each instant, the same instant in the clinic's time zone
// ('<name>_local', YYYY-MM-DDTHH:MM:SS+HH:MM), which import accepts and does not read.
struct ExportColumn {
    std::string name;
    CsvType type = CsvType::text;
    int source = 0;
    bool local_time = false;
    CellForm form = CellForm::stored;
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
