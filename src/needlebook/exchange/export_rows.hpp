#pragma once
// The rows of one table as `export` writes them (CSV and workbook alike): the table's statement
// stepped through, and each cell's text built here, not in SQL, so that it reads the same from
// SQLite and from PostgreSQL: decimals with a fixed number of places, and the JSON arrays and
// lists made of a row's child rows (a session's areas, a condition's clearances), read by a
// second statement that walks the children in the rows' order.

#include "needlebook/exchange/csv_tables.hpp"
#include "needlebook/storage/database.hpp"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace needlebook::exchange {

class ExportRows {
public:
    // Prepares the table's statements; reading starts with the first next().
    ExportRows(storage::Database& db, const CsvTable& table, bool all_revisions);
    ExportRows(const ExportRows&) = delete;
    ExportRows& operator=(const ExportRows&) = delete;
    ~ExportRows();

    // The next row; false after the last (having checked that every child row found its row).
    bool next();
    // The text of `column` (from export_columns) in the current row; nothing for NULL.
    std::optional<std::string> cell(const ExportColumn& column);

private:
    struct Children;
    const CsvTable& m_table;
    storage::Query m_rows;
    int m_scale_source; // the column "scale" of a table with scores
    std::vector<std::unique_ptr<Children>> m_children;
};

// Text as SQLite's JSON functions quote it: in double quotes, '"' and '\' escaped with a
// backslash, control characters as \b \t \n \f \r or \u00XX, every other byte as it is.
std::string json_quoted(std::string_view text);
// A double as SQLite's JSON functions write it (printf "%!.15g"): 15 significant digits, always
// with a decimal point ("1.0", "0.25", "1.0e+20").
std::string json_real(double value);

} // namespace needlebook::exchange
