#pragma once
// export: the tables of csv_tables.hpp as RFC 4180 CSV, streamed row by row (memory does not
// grow with the table), spreadsheet-safe unless raw, files written all or nothing.

#include "needlebook/exchange/csv_tables.hpp"
#include "needlebook/exchange/manifest.hpp"
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
    std::string file;      // e.g. 'sessions.csv', 'photos/<sha256>.jpg'
    std::int64_t rows = 0; // an image's size in bytes
    std::string sha256;
};

struct ExportedClinic {
    std::vector<ExportedFile> tables; // TABLE.csv, in export order
    std::vector<ExportedFile> images; // photos/<sha256>.jpg|png, each once
};

// Writes every table as TABLE.csv into `folder` (made, mode 0700, when missing) from one
// snapshot, copies every image a photo record names (voided ones too, each image once) from
// the clinic's photo store into `folder`/photos/, then manifest.csv (manifest.hpp): each file
// with its rows (an image: its size) and SHA-256, and last the audit chain's head. Audited as
// "export". All files get their names together with the audit row, or none: an image missing
// or changed in the store refuses the export (naming the photo; run 'needlebook check').
ExportedClinic export_all(records::Scope& scope, const std::filesystem::path& folder,
                          const ExportOptions& options);

} // namespace needlebook::exchange
