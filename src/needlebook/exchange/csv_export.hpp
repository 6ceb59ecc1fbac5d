#pragma once
// export: the tables of csv_tables.hpp as RFC 4180 CSV, streamed row by row (memory does not
// grow with the table), spreadsheet-safe unless raw, files written all or nothing.

#include "needlebook/exchange/csv_tables.hpp"
#include "needlebook/records/scope.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace needlebook::exchange {

struct ExportOptions {
    bool raw = false;           // no formula guard: for round trips through import
    bool bom = false;           // a UTF-8 byte-order mark first, for Excel
    bool all_revisions = false; // every revision with author, time and reason
    // Called every 10,000 rows and at the end of each table, e.g. for a progress line.
    std::function<void(std::string_view table, std::int64_t rows)> progress;
};

// Writes `table` to `out`; returns its number of rows. `finish` (e.g. commit the file) runs
// once the rows are out; only after it succeeds is the export audited, so a failed export is
// never logged as done.
std::int64_t export_table(records::Scope& scope, const CsvTable& table, std::ostream& out,
                          const ExportOptions& options,
                          const std::function<void()>& finish = nullptr);

struct ExportedFile {
    std::string file; // e.g. 'sessions.csv'
    std::int64_t rows = 0;
    std::string sha256;
};

// Writes every table as TABLE.csv into `folder` (made, mode 0700, when missing) from one
// snapshot, then manifest.csv (file, rows, sha256). Audited as "export".
// The manifest's last row names the audit chain's head (rows: its id; sha256: its hash).
constexpr std::string_view chain_head_label = "audit chain head";

std::vector<ExportedFile> export_all(records::Scope& scope, const std::filesystem::path& folder,
                                     const ExportOptions& options);

} // namespace needlebook::exchange
