#pragma once
// import: a CSV file as written by `export --raw` into one table, all rows or none.

#include "needlebook/error.hpp"
#include "needlebook/model/photo.hpp"
#include "needlebook/records/scope.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::exchange {

struct ImportResult {
    std::int64_t rows = 0;
    // Clinical checks describe past events on import: their findings are warnings, one line each.
    std::vector<std::string> warnings;
};

// Reads `file` as `table` (headers by name, in any order; optional columns may be left out;
// unknown ones are refused) with the same validation as the command line, and stores every row
// in one transaction. Any problem refuses the whole file: ValidationError listing file, line,
// column and problem of the first 20, then how many more; the database is left as it was.
// The whole file is read and checked before the write lock is taken, then read again (a pipe's
// bytes from a private copy) and stored; memory stays bounded, as CsvReader refuses a field, a
// record or a number of fields past CsvLimits (1 MiB, 4 MiB, 64).
// Exported ids are kept, so an id already in the database is a problem. session_areas and
// serum_uses are imported with their sessions (the areas and serums columns of sessions.csv).
// `delimiter`: ',' or ';' (a spreadsheet's "CSV" in languages with a decimal comma); a file
// separated by the other one is refused, naming it.
ImportResult import_table(records::Scope& scope, std::string_view table,
                          const std::filesystem::path& file, char delimiter = ',');

// import --all: the image a photos.csv row names (its SHA-256, size, media type and file name as
// the row says), to be checked against the export's copy and placed in the new clinic's photo
// store, where it stays only if the import commits. Throws ValidationError naming the export's
// file when the export does not carry that image whole.
using PlaceImage = std::function<void(const PhotoImage&)>;

// One file of a whole export (import --all, clinic_import.hpp), inside the caller's write
// transaction: read once and stored row by row, settings and products included, every revision
// when the file has the revision columns. Throws ValidationError listing the file's problems.
// Returns the rows stored; the clinical checks' warnings are added to `warnings`.
// The file's bytes, as read, must have `expected_sha256` (lowercase hex). photos.csv needs
// `place_image`, called for each photo's revision 1 as it is stored.
std::int64_t import_into_new_clinic(records::Scope& scope, std::string_view table,
                                    const std::filesystem::path& file,
                                    std::string_view expected_sha256,
                                    std::vector<std::string>& warnings,
                                    const PlaceImage& place_image = nullptr);

} // namespace needlebook::exchange
