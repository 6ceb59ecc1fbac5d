#include "needlebook/exchange/manifest.hpp"

#include "needlebook/error.hpp"
#include "needlebook/exchange/csv_reader.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/render/csv_writer.hpp"
#include "needlebook/storage/sha256.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <sstream>

namespace needlebook::exchange {
namespace {

namespace fs = std::filesystem;

bool is_sha256_hex(std::string_view text) {
    return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

} // namespace

std::string image_entry(std::string_view sha256, ImageType type) {
    return fmt::format("{}/{}{}", images_folder, sha256, file_suffix(type));
}

bool is_image_entry(std::string_view file) {
    return file.size() > images_folder.size() && file.starts_with(images_folder) &&
           file[images_folder.size()] == '/';
}

void write_manifest(std::ostream& out, const std::vector<ManifestEntry>& files,
                    std::int64_t head_id, std::string_view head_hash) {
    render::CsvWriter csv(out, true);
    csv.write_header({"file", "rows", "sha256"});
    for (const auto& entry : files)
        csv.write_row({{entry.file}, {std::to_string(entry.rows), true}, {entry.sha256}});
    // The audit chain's head when the rows were read: 'check --head ID:HASH' proves it later.
    csv.write_row({{std::string(chain_head_label)},
                   {std::to_string(head_id), true},
                   {std::string(head_hash)}});
}

Manifest read_manifest(const fs::path& folder) {
    const auto file = folder / "manifest.csv";
    std::error_code error;
    if (!fs::is_regular_file(file, error))
        throw FileError(fmt::format("{} has no manifest.csv: give the folder that 'export --all "
                                    "--raw --output FOLDER' wrote",
                                    folder.string()));
    // Read once: the bytes hashed are the bytes parsed.
    std::ifstream in(file, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (!in.eof() && in.fail())
        throw FileError(fmt::format("cannot read {}", file.string()));
    Manifest manifest;
    manifest.sha256 = storage::sha256_hex(bytes);
    const auto bad = [&](std::size_t line, const std::string& problem) {
        return ValidationError("manifest", fmt::format("manifest.csv:{}: {}", line, problem));
    };
    std::vector<CsvRecord> records;
    try {
        std::istringstream parsed(bytes);
        CsvReader reader(parsed);
        while (auto record = reader.next())
            records.push_back(std::move(*record));
    } catch (const CsvSyntaxError& e) {
        throw bad(e.line(), e.what());
    }
    if (records.empty() ||
        records.front().fields != std::vector<std::string>{"file", "rows", "sha256"})
        throw bad(1, "the header must be file,rows,sha256");
    for (std::size_t i = 1; i < records.size(); ++i) {
        const auto& fields = records[i].fields;
        if (fields.size() != 3)
            throw bad(records[i].line, fmt::format("{} fields, the header has 3", fields.size()));
        std::int64_t rows = 0;
        try {
            rows = parse_record_id(fields[1], "rows", "a count");
        } catch (const ValidationError&) {
            if (fields[1] != "0")
                throw bad(records[i].line,
                          fmt::format("rows '{}' is not a count", visible(fields[1])));
        }
        if (fields[0] == chain_head_label) {
            manifest.head = fmt::format("{}:{}", rows, fields[2]);
            continue;
        }
        // An image is named by its own hash, so a row cannot point one name at other bytes.
        if (is_image_entry(fields[0]) && fields[0] != image_entry(fields[2], ImageType::jpeg) &&
            fields[0] != image_entry(fields[2], ImageType::png))
            throw bad(records[i].line,
                      fmt::format("{} is not {}/SHA-256.jpg or .png of the SHA-256 beside it",
                                  visible(fields[0]), images_folder));
        if (is_image_entry(fields[0]) && !is_sha256_hex(fields[2]))
            throw bad(records[i].line, fmt::format("{} has no SHA-256 (64 lowercase hex digits)",
                                                   visible(fields[0])));
        if (!manifest.files.emplace(fields[0], ManifestEntry{fields[0], rows, fields[2]}).second)
            throw bad(records[i].line, fmt::format("{} is listed twice", visible(fields[0])));
    }
    if (manifest.head.empty())
        throw bad(records.size(), "the last row, the audit chain head, is missing");
    return manifest;
}

} // namespace needlebook::exchange
