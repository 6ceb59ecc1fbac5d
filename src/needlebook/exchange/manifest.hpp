#pragma once
// manifest.csv of an export --all: one writer and one reader. Header file,rows,sha256; a row
// per table file (its rows), a row per photo image the export carries under photos/ (its size
// in bytes), then the audit chain head (rows: its id; sha256: its hash).

#include "needlebook/model/photo.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::exchange {

// The label of the manifest's last row.
constexpr std::string_view chain_head_label = "audit chain head";

// The folder of an export that holds the photo images, beside the table files.
constexpr std::string_view images_folder = "photos";

struct ManifestEntry {
    std::string file;      // 'sessions.csv', or 'photos/<sha256>.jpg'
    std::int64_t rows = 0; // a table's rows; an image's size in bytes
    std::string sha256;    // lowercase hex of the file's bytes
};

// "photos/<sha256>.jpg" or ".png": where an export keeps an image, relative to its folder.
std::string image_entry(std::string_view sha256, ImageType type);
// Whether `file` names an image ("photos/…") rather than a table file.
bool is_image_entry(std::string_view file);

// Writes the header, `files` in order, then the chain head row (RFC 4180, raw).
void write_manifest(std::ostream& out, const std::vector<ManifestEntry>& files,
                    std::int64_t head_id, std::string_view head_hash);

struct Manifest {
    std::map<std::string, ManifestEntry, std::less<>> files; // by file name, images included
    std::string head;                                        // ID:HASH
    std::string sha256;                                      // of manifest.csv itself
};

// Reads FOLDER/manifest.csv (hashing the bytes it parses). Throws FileError when it is missing,
// ValidationError ("manifest") naming the line of a malformed one: a wrong header or field
// count, a count that is not one, a file listed twice, an image entry that is not
// photos/<sha256>.jpg|png of its own SHA-256, or no chain head row.
Manifest read_manifest(const std::filesystem::path& folder);

} // namespace needlebook::exchange
