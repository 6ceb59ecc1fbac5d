#include "needlebook/exchange/clinic_import.hpp"

#include "needlebook/error.hpp"
#include "needlebook/exchange/csv_export.hpp"
#include "needlebook/exchange/csv_import.hpp"
#include "needlebook/exchange/csv_reader.hpp"
#include "needlebook/exchange/manifest.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/photos.hpp"
#include "needlebook/storage/audit_log.hpp"
#include "needlebook/storage/image_store.hpp"
#include "needlebook/storage/migrations.hpp"
#include "needlebook/storage/record_owner.hpp"
#include "needlebook/storage/seeded_database.hpp"
#include "needlebook/storage/sha256.hpp"
#include "needlebook/storage/verification.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace needlebook::exchange {
namespace {

namespace fs = std::filesystem;

// Dependency order: what a row refers to is stored before it (a photo may name a session).
// The other tables export writes (session_areas and serum_uses, whose rows come with their
// sessions, and the exporting database's own trail) are checked against the manifest, not
// imported.
constexpr std::array imported_tables = {"settings",  "products",  "patients", "conditions",
                                        "consents",  "lots",      "courses",  "sessions",
                                        "reactions", "followups", "scores",   "photos"};

std::string file_of(std::string_view table) {
    return fmt::format("{}.csv", table);
}

bool imported(std::string_view file) {
    return std::any_of(imported_tables.begin(), imported_tables.end(),
                       [&](std::string_view table) { return file_of(table) == file; });
}

std::vector<CsvRecord> read_csv(std::istream& in, std::string_view name) {
    std::vector<CsvRecord> records;
    try {
        CsvReader reader(in);
        while (auto record = reader.next())
            records.push_back(std::move(*record));
    } catch (const CsvSyntaxError& e) {
        throw ValidationError("manifest", fmt::format("{}:{}: {}", name, e.line(), e.what()));
    }
    return records;
}

std::vector<CsvRecord> read_csv(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw FileError(fmt::format("cannot read {}", file.string()));
    return read_csv(in, file.filename().string());
}

// Every listed file is there, a table export writes. A file that is not imported must have the
// bytes the manifest names; one that is imported is hashed as it is read (csv_import), so it
// is read once and the bytes stored are the bytes checked.
void check_files(const fs::path& folder, const Manifest& manifest) {
    const auto& tables = csv_tables();
    for (const auto& [name, entry] : manifest.files) {
        if (is_image_entry(name))
            continue; // checked with the photo record that names it (ImageImport)
        const bool known = std::any_of(tables.begin(), tables.end(),
                                       [&](const CsvTable& t) { return file_of(t.name) == name; });
        if (!known)
            throw ValidationError("manifest", fmt::format("manifest.csv names {}, which is not "
                                                          "a table needlebook exports",
                                                          visible(name)));
        const auto path = folder / name;
        std::error_code error;
        if (!fs::exists(path, error))
            throw FileError(fmt::format("{} is listed in manifest.csv but missing from {}", name,
                                        folder.string()));
        if (!fs::is_regular_file(path, error))
            throw FileError(fmt::format("{} in {} is not a regular file (a folder, a link to "
                                        "one, a FIFO or a device); an export writes files",
                                        name, folder.string()));
        if (!imported(name) && storage::sha256_of_file(path) != entry.sha256)
            throw ValidationError("manifest",
                                  fmt::format("{} differs from the file the export wrote (its "
                                              "SHA-256 is not the one in manifest.csv); nothing "
                                              "was imported",
                                              name));
    }
    // Every export --all writes these; one left out of the manifest would be a clinic
    // imported without it.
    for (const auto table :
         {"patients", "conditions", "consents", "sessions", "reactions", "followups"})
        if (!manifest.files.contains(file_of(table)))
            throw ValidationError("manifest", fmt::format("manifest.csv lists no {}; give the "
                                                          "folder of a whole export",
                                                          file_of(table)));
    // A table's file in the folder that the manifest leaves out would be silently skipped.
    for (const auto& table : tables) {
        std::error_code error;
        if (fs::exists(folder / file_of(table.name), error) &&
            !manifest.files.contains(file_of(table.name)))
            throw ValidationError("manifest", fmt::format("{} is in {} but not in its "
                                                          "manifest.csv; nothing was imported",
                                                          file_of(table.name), folder.string()));
    }
}

// The images photos.csv rows name. Each is checked against the export's copy (listed in the
// manifest with the row's size, there, of that size and SHA-256, a whole JPEG or PNG of the
// row's media type) and placed in the new clinic's photo store. They stay only when the import
// commits (keep); otherwise they are removed again, newest first, so that the store's folder,
// when the first one made it, goes last and a refused import leaves no file behind.
class ImageImport {
public:
    ImageImport(const fs::path& folder, const Manifest& manifest, storage::Database& database)
        : m_folder(folder), m_manifest(manifest), m_database(database) {}
    ImageImport(const ImageImport&) = delete;
    ImageImport& operator=(const ImageImport&) = delete;
    ~ImageImport() {
        while (!m_placed.empty())
            m_placed.pop_back();
    }

    void place(const PhotoImage& image) {
        const auto entry = image_entry(image.sha256, image.type);
        if (m_named.contains(entry))
            return; // another record's image too: checked and placed once
        const auto file = m_folder / entry;
        const auto listed = m_manifest.files.find(entry);
        if (listed == m_manifest.files.end())
            throw ValidationError("sha256", fmt::format("the image {} is not listed in "
                                                        "manifest.csv: the export does not carry "
                                                        "it",
                                                        entry));
        if (listed->second.rows != image.bytes)
            throw ValidationError("bytes", fmt::format("the image {} has {} bytes in "
                                                       "manifest.csv, the row says {}",
                                                       entry, listed->second.rows, image.bytes));
        std::error_code error;
        if (!fs::is_regular_file(file, error))
            throw ValidationError("sha256", fmt::format("the image {} is listed in manifest.csv "
                                                        "but missing from {} (or not a regular "
                                                        "file)",
                                                        entry, m_folder.string()));
        if (const auto size = fs::file_size(file, error);
            error || size != static_cast<std::uintmax_t>(image.bytes))
            throw ValidationError("sha256", fmt::format("the image {} has {} bytes, the export "
                                                        "wrote {} (manifest.csv and the row)",
                                                        entry, error ? 0 : size, image.bytes));
        std::ifstream in(file, std::ios::binary);
        const std::string bytes{std::istreambuf_iterator<char>(in),
                                std::istreambuf_iterator<char>()};
        if (in.bad() || static_cast<std::int64_t>(bytes.size()) != image.bytes)
            throw FileError(
                fmt::format("cannot read {} (it changed while being read)", file.string()));
        if (storage::sha256_hex(bytes) != image.sha256)
            throw ValidationError("sha256", fmt::format("the image {} differs from the one the "
                                                        "export wrote (its SHA-256 is not the one "
                                                        "in manifest.csv and the row)",
                                                        entry));
        ImageType type{};
        try {
            type = records::check_image_content(bytes, file);
        } catch (const ValidationError& e) {
            throw ValidationError("media_type", e.what());
        }
        if (type != image.type)
            throw ValidationError("media_type",
                                  fmt::format("the image {} is {} by its content, the row says "
                                              "{}",
                                              entry, media_type(type), media_type(image.type)));
        if (!m_store)
            m_store = storage::image_store_of(m_database); // refused for a database in memory
        m_placed.push_back(m_store->place(bytes, image.sha256, image.type));
        m_named.insert(entry);
    }

    // An image the manifest lists that no photo record named.
    std::optional<std::string> unnamed() const {
        for (const auto& [name, entry] : m_manifest.files)
            if (is_image_entry(name) && !m_named.contains(name))
                return name;
        return std::nullopt;
    }

    std::int64_t placed() const { return static_cast<std::int64_t>(m_named.size()); }

    // The import committed: every image placed stays.
    void keep() {
        for (auto& placed : m_placed)
            placed.keep();
    }

private:
    fs::path m_folder;
    const Manifest& m_manifest;
    storage::Database& m_database;
    std::unique_ptr<storage::ImageStore> m_store; // the new clinic's: its folder, or photo_image
    std::set<std::string, std::less<>> m_named;   // manifest entries checked and placed
    std::vector<storage::PlacedImage> m_placed;
};

// The keys settings.csv names: their seeded values make way for the export's.
std::vector<std::string> keys_in(const fs::path& file) {
    const auto records = read_csv(file);
    std::vector<std::string> keys;
    if (records.empty())
        return keys;
    const auto& header = records.front().fields;
    const auto column = std::find(header.begin(), header.end(), "key");
    if (column == header.end())
        return keys; // refused with the file's own problems when it is imported
    const auto at = static_cast<std::size_t>(column - header.begin());
    for (std::size_t i = 1; i < records.size(); ++i)
        if (at < records[i].fields.size() &&
            std::find(keys.begin(), keys.end(), records[i].fields[at]) == keys.end())
            keys.push_back(records[i].fields[at]);
    return keys;
}

// What the command line checks between two settings holds for the imported values too.
void check_settings_together(const ClinicSettings& settings) {
    if (settings.interval_block_days > settings.interval_warn_days)
        throw ValidationError(
            "settings.csv", fmt::format("settings.csv: interval_block_days ({}) must not "
                                        "exceed interval_warn_days ({}); nothing was imported",
                                        settings.interval_block_days, settings.interval_warn_days));
}

} // namespace

ClinicImport import_clinic(records::Scope& scope, const fs::path& folder) {
    std::error_code error;
    if (!fs::is_directory(folder, error))
        throw FileError(fmt::format("{} is not a folder; give the folder that 'export --all "
                                    "--raw --output FOLDER' wrote",
                                    folder.string()));
    const auto manifest = read_manifest(folder);
    check_files(folder, manifest);
    ClinicImport result;
    result.manifest_sha256 = manifest.sha256;
    result.source_head = manifest.head;
    storage::SeedsToReplace seeds;
    if (manifest.files.contains("settings.csv"))
        seeds.setting_keys = keys_in(folder / "settings.csv");
    seeds.products = manifest.files.contains("products.csv");
    auto& db = scope.db();
    storage::ensure_may_replace_content(db, "import --all");
    ImageImport images(folder, manifest, db);
    db.keep_journals_in_memory(); // one transaction that changes a great many pages
    db.write([&] {
        // What is replaced must be what init made: a database that fails check (a seed or a
        // trigger changed behind the program's back) is refused, not wiped clean of the traces.
        if (const auto check = storage::verify_database(db); !check.ok())
            throw Refused(fmt::format("{} fails check ({}); import --all fills only a new "
                                      "database that passes it. Nothing was changed",
                                      db.path(), check.first_fault()));
        storage::ensure_only_seeded(db, "import --all");
        storage::clear_seeds(db, seeds);
        const auto now = scope.clock().now();
        storage::append_audit(db, {.at = now,
                                   .actor = scope.actor(),
                                   .action = "schema.create",
                                   .reason = fmt::format("new database at schema {}",
                                                         storage::latest_schema_version())});
        storage::append_audit(
            db, {.at = now,
                 .actor = scope.actor(),
                 .action = "database.import",
                 .reason = fmt::format("whole clinic imported from {}: manifest.csv SHA-256 {}, "
                                       "the exporting database's audit chain head {}",
                                       fs::absolute(folder).string(), manifest.sha256,
                                       manifest.head.empty() ? "not named" : manifest.head)});
        // Seeds the export has no values for (an export older than a setting) stay, audited.
        storage::audit_unaudited_catalogue(db, now, scope.actor());
        for (const auto table : imported_tables) {
            const auto name = file_of(table);
            const auto listed = manifest.files.find(name);
            if (listed == manifest.files.end())
                continue;
            const auto rows = import_into_new_clinic(
                scope, table, folder / name, listed->second.sha256, result.warnings,
                [&images](const PhotoImage& image) { images.place(image); });
            if (rows != listed->second.rows)
                throw ValidationError("manifest", fmt::format("{} holds {} rows, manifest.csv "
                                                              "says {}; nothing was imported",
                                                              name, rows, listed->second.rows));
            if (std::string_view(table) == "settings") {
                // What follows is checked against the clinic's values (the revision ids may be
                // the seeds' again, so they are read whatever the ids say).
                scope.read_settings_again();
                check_settings_together(scope.settings());
            }
            result.tables.push_back({name, rows});
        }
        // Each file was checked row by row; what a later file changed (a chart voided in
        // patients.csv, a merge) is checked across them once all are in.
        if (const auto stranded = storage::live_records_on_voided_charts(db, 10); !stranded.empty())
            throw ValidationError(
                "patients",
                fmt::format("the export has records that are not voided on charts that "
                            "are voided or merged away ({}{}); the command line never "
                            "leaves such records, so the files were changed; nothing "
                            "was imported",
                            fmt::join(stranded, ", "), stranded.size() == 10 ? ", …" : ""));
        if (const auto unnamed = images.unnamed())
            throw ValidationError("manifest", fmt::format("manifest.csv lists the image {}, which "
                                                          "no photo record names; nothing was "
                                                          "imported",
                                                          *unnamed));
    });
    images.keep();
    db.refresh_statistics();
    result.images = images.placed();
    scope.read_settings_again();
    if (!manifest.files.contains("settings.csv"))
        result.warnings.push_back("the export has no settings.csv (it was made before needlebook "
                                  "exported settings): the new database keeps the settings init "
                                  "seeded; set the clinic's own with 'needlebook setting set'");
    else if (const auto kept = storage::count_seeds_kept(db); kept > 0)
        result.warnings.push_back(fmt::format("settings.csv has no value for {} settings (keys "
                                              "newer than the export): they keep the values "
                                              "init seeded",
                                              kept));
    if (!manifest.files.contains("products.csv"))
        result.warnings.push_back("the export has no products.csv (it was made before needlebook "
                                  "exported the catalogue): the new database keeps the products "
                                  "init seeded");
    return result;
}

} // namespace needlebook::exchange
