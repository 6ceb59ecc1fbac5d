#pragma once
// import --all: a whole export (export --all, with or without --all-revisions) into a new
// database made by init, in one transaction: all files or none.

#include "needlebook/records/scope.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace needlebook::exchange {

struct ImportedTable {
    std::string file;
    std::int64_t rows = 0;
};

struct ClinicImport {
    std::vector<ImportedTable> tables; // in the order imported
    std::int64_t images = 0;           // photo images placed in the new clinic's photo store
    std::string manifest_sha256;
    std::string source_head; // the exporting database's audit chain head, ID:HASH
    std::vector<std::string> warnings;
};

// Reads FOLDER/manifest.csv and checks every file it lists against its SHA-256 before anything
// is stored. Then, in one write transaction: refuses a database holding anything init did not
// put there (storage/seeded_database.hpp); puts the export's settings and catalogue in place
// of the seeded ones (same ids and values); starts the audit trail again with the creation row
// and a row naming the manifest's SHA-256 and the source's chain head; and imports settings,
// products, patients, conditions, consents, lots, sessions, reactions and follow-ups in that
// order, every revision of each when the files have them (each revision audited), then photos:
// each photo's image, which the export carries under photos/ (manifest.hpp), is checked against
// the manifest and the row (size, SHA-256, a whole JPEG or PNG of the row's media type) and
// placed in the new database's photo store. The first file with a problem refuses the whole
// import (ValidationError listing its problems); the database is then left as it was, and the
// images placed are removed again. audit.csv and the session_areas and serum_uses files are
// checked against the manifest, not imported (their rows come with the sessions; a database
// keeps its own trail).
ClinicImport import_clinic(records::Scope& scope, const std::filesystem::path& folder);

} // namespace needlebook::exchange
