#pragma once
// export --format xlsx: the tables of csv_tables.hpp as typed spreadsheet cells, one sheet per
// table, from the same column list as the CSV export. Dates are date cells, each instant's
// local time (<name>_local) a date-time cell in the clinic's zone (its UTC column stays text),
// integers and decimals are numbers, and every text column is a string cell: a phone number or
// chart code keeps its leading zero and a text starting with '=' is never a formula. The header
// row is frozen and carries an autofilter. Rows are streamed (constant memory), and the file
// appears, mode 0600, only when it is complete.

#include "needlebook/exchange/csv_tables.hpp"
#include "needlebook/records/scope.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::exchange {

// The most rows one sheet holds below its header: Excel's 1,048,576 less the header row. A
// longer table is refused (CSV has no such limit), not split across sheets.
constexpr std::int64_t xlsx_max_rows = 1048575;

struct XlsxOptions {
    bool all_revisions = false; // every revision with author, time and reason
    // Called every 10,000 rows and at the end of each table, e.g. for a progress line.
    std::function<void(std::string_view table, std::int64_t rows)> progress;
    std::int64_t max_rows = xlsx_max_rows; // lower only in tests
};

struct XlsxSheet {
    std::string table;
    std::int64_t rows = 0;
};

// Writes `table` as the one sheet of the workbook `file`; returns its number of rows. Audited as
// "export" once the file is complete. `file` must be a regular file (or a new name): a workbook
// is never written to a pipe, a device or a terminal.
std::int64_t export_table_xlsx(records::Scope& scope, const CsvTable& table,
                               const std::filesystem::path& file, const XlsxOptions& options);

// Writes every table, one sheet each, into the workbook `file` from one snapshot. Audited once.
// The workbook's comments property names the audit chain's head when the rows were read.
std::vector<XlsxSheet> export_all_xlsx(records::Scope& scope, const std::filesystem::path& file,
                                       const XlsxOptions& options);

} // namespace needlebook::exchange
