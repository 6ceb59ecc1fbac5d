#include "needlebook/exchange/csv_export.hpp"

#include "needlebook/error.hpp"
#include "needlebook/exchange/export_audit.hpp"
#include "needlebook/exchange/export_rows.hpp"
#include "needlebook/io/atomic_file.hpp"
#include "needlebook/io/file_sync.hpp"
#include "needlebook/io/output_target.hpp"
#include "needlebook/io/undo_creation.hpp"
#include "needlebook/render/csv_writer.hpp"
#include "needlebook/storage/photo_repository.hpp"
#include "needlebook/storage/photo_store.hpp"
#include "needlebook/storage/sha256.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <memory>
#include <optional>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace needlebook::exchange {
namespace {

constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

std::int64_t write_rows(records::Scope& scope, const CsvTable& table, std::ostream& out,
                        const ExportOptions& options) {
    if (options.bom)
        out << byte_order_mark;
    const auto columns = export_columns(table, options.all_revisions);
    std::vector<std::string> names;
    for (const auto& column : columns)
        names.push_back(column.name);
    render::CsvWriter csv(out, options.raw);
    csv.write_header(names);
    const auto& zone = scope.zone();
    ExportRows table_rows(scope.db(), table, options.all_revisions);
    std::vector<render::CsvCell> cells(columns.size());
    std::int64_t rows = 0;
    while (table_rows.next()) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
            auto text = table_rows.cell(columns[c]).value_or("");
            if (columns[c].local_time && !text.empty())
                text = zone.format_iso_local(time::parse_utc(text, columns[c].name));
            cells[c] = {std::move(text), is_number(columns[c].type)};
        }
        csv.write_row(cells);
        if (++rows % 10000 == 0 && options.progress)
            options.progress(table.name, rows);
    }
    if (options.progress)
        options.progress(table.name, rows);
    return rows;
}

} // namespace

std::int64_t export_table(records::Scope& scope, const CsvTable& table, std::ostream& out,
                          const ExportOptions& options, const std::function<void()>& finish) {
    scope.db().use_small_page_cache(); // one pass over the table
    const auto rows = scope.db().read([&] { return write_rows(scope, table, out, options); });
    out.flush();
    // A file's own commit (`finish`) names it and what failed; a plain stream is checked here.
    if (!finish && !out)
        throw FileError(fmt::format("writing the {} export failed (is the disk or the pipe "
                                    "full or closed?); the export is incomplete",
                                    table.name));
    // After the rows are out: an export that failed half way is not logged as done; the file
    // gets its name (`finish`) with the audit row, or not at all.
    audit_export(scope,
                 fmt::format("{} ({} rows){}", table.name, rows,
                             options.all_revisions ? ", all revisions" : ""),
                 {table.name}, finish);
    return rows;
}

namespace {

namespace fs = std::filesystem;

// Closes a descriptor when it goes out of scope.
struct Descriptor {
    int fd = -1;
    explicit Descriptor(int descriptor) : fd(descriptor) {}
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    ~Descriptor() {
        if (fd >= 0)
            ::close(fd);
    }
};

// The images photo records name, copied from the clinic's photo store into FOLDER/photos/ under
// temporary names (mode 0600, synced), each checked against its record as it was copied. They
// get their names with the tables (publish); otherwise the copies, and the folder when this made
// it, are removed again. Only the names are kept, so memory does not grow with the images.
class ImageCopies {
public:
    explicit ImageCopies(const fs::path& folder) : m_folder(folder / images_folder) {}
    ImageCopies(const ImageCopies&) = delete;
    ImageCopies& operator=(const ImageCopies&) = delete;
    ~ImageCopies() {
        for (const auto& [temporary, target] : m_pending)
            ::unlink(temporary.c_str());
        if (m_made)
            ::rmdir(m_folder.c_str()); // only when empty: an image published stays
    }

    // Copies the image of `stored` once (records may share one). Refused, naming the photo,
    // when the store's image is missing, unreadable, or not the bytes the record names.
    void copy(const storage::ImageStore& store, const storage::StoredImage& stored) {
        const auto& image = stored.image;
        const auto entry = image_entry(image.sha256, image.type);
        if (!m_entries.insert(entry).second)
            return;
        const auto refuse = [&](const std::string& problem) {
            return Refused(fmt::format("photo {} of {}: {}; nothing was exported. Run "
                                       "'needlebook check', and restore the image from a backup",
                                       stored.id, stored.patient_code, problem));
        };
        // Read as check reads it (a symbolic link or anything but a regular file is refused),
        // and hashed: what the export carries is what the record names.
        std::string bytes;
        if (const auto problem = store.read(image, bytes))
            throw refuse(*problem);
        if (!m_made && !fs::is_directory(m_folder)) {
            io::make_private_folders(m_folder);
            m_made = true;
        }
        const auto target = m_folder / storage::PhotoStore::file_name_of(image.sha256, image.type);
        std::string temporary;
        Descriptor out{io::private_temporary_file(target, temporary)};
        m_pending.emplace_back(temporary, target);
        for (std::string_view rest = bytes; !rest.empty();) {
            const auto put = ::write(out.fd, rest.data(), rest.size());
            if (put < 0 && errno == EINTR)
                continue;
            if (put <= 0)
                throw FileError(fmt::format("cannot write {}: {}", target.string(),
                                            std::strerror(put < 0 ? errno : EIO)));
            rest.remove_prefix(static_cast<std::size_t>(put));
        }
        if (::fsync(out.fd) != 0)
            throw FileError(
                fmt::format("cannot write {}: {}", target.string(), std::strerror(errno)));
        if (storage::sha256_of_file(temporary) != image.sha256)
            throw FileError(
                fmt::format("the copy {} does not read back as written", target.string()));
        m_files.push_back({entry, image.bytes, image.sha256});
    }

    // Refuses, before anything is written, a FOLDER/photos/ that holds a file this export will
    // not list (`listed`: every image it copies): an earlier export's images, perhaps another
    // clinic's, would leave with this one unnoticed. An export of the same clinic into its own
    // earlier folder lists every image there: photos are never deleted.
    void refuse_unlisted(const std::vector<storage::StoredImage>& listed) const {
        std::error_code error;
        if (!fs::is_directory(m_folder, error))
            return;
        std::set<std::string> names;
        for (const auto& stored : listed)
            names.insert(storage::PhotoStore::file_name_of(stored.image.sha256, stored.image.type));
        std::int64_t unlisted = 0;
        std::optional<std::string> first;
        for (const auto& entry : fs::directory_iterator(m_folder)) {
            const auto name = entry.path().filename().string();
            if (names.count(name) != 0)
                continue;
            ++unlisted;
            if (!first || name < *first)
                first = name;
        }
        if (unlisted > 0)
            throw Refused(fmt::format(
                "{} holds {} file{} this export does not list (first: {}): an earlier export's "
                "images, perhaps of another clinic, would leave with this one. Export into a new "
                "folder; nothing was exported",
                m_folder.string(), unlisted, unlisted == 1 ? "" : "s", *first));
    }

    // Gives every copy its name (replacing an older export's copy of the same image).
    void publish() {
        for (const auto& [temporary, target] : m_pending)
            if (::rename(temporary.c_str(), target.c_str()) != 0)
                throw FileError(
                    fmt::format("cannot name {}: {}", target.string(), std::strerror(errno)));
        m_pending.clear();
        if (!m_files.empty())
            io::sync_folder(m_folder);
    }

    const std::vector<ExportedFile>& files() const { return m_files; }

private:
    fs::path m_folder;
    bool m_made = false;
    std::set<std::string> m_entries;
    std::vector<std::pair<std::string, fs::path>> m_pending; // temporary, target
    std::vector<ExportedFile> m_files;
};

ExportedClinic export_all_into(records::Scope& scope, const fs::path& folder,
                               const ExportOptions& options) {
    ExportedClinic exported;
    auto& files = exported.tables;
    // Each file written and synced under a temporary name; all get their names together with
    // the audit row (below), so a refused row leaves none.
    std::vector<std::unique_ptr<io::AtomicFile>> written;
    ImageCopies images(folder);
    storage::ChainHead head;
    scope.db().use_small_page_cache(); // one pass over every table
    scope.db().read([&] {
        head = storage::chain_head(scope.db()); // the trail as it stood when the rows were read
        // The images of every photo record (photos.csv names them, current or not, voided or
        // not), from the same snapshot; known first, so that a folder holding others is refused
        // before anything is written.
        std::vector<storage::StoredImage> stored;
        storage::PhotoRepository(scope.db()).for_each_image([&](const storage::StoredImage& s) {
            stored.push_back(s);
        });
        images.refuse_unlisted(stored);
        for (const auto& table : csv_tables()) {
            const auto name = fmt::format("{}.csv", table.name);
            auto& file = *written.emplace_back(std::make_unique<io::AtomicFile>(folder / name));
            const auto rows = write_rows(scope, table, file.stream(), options);
            file.prepare();
            files.push_back({name, rows, file.sha256()});
        }
        if (!stored.empty()) {
            const auto store = storage::image_store_of(scope.db());
            for (const auto& image : stored)
                images.copy(*store, image);
        }
    });
    exported.images = images.files();
    std::vector<ManifestEntry> entries;
    for (const auto& file : files)
        entries.push_back({file.file, file.rows, file.sha256});
    for (const auto& image : exported.images)
        entries.push_back({image.file, image.rows, image.sha256});
    auto& manifest =
        *written.emplace_back(std::make_unique<io::AtomicFile>(folder / "manifest.csv"));
    write_manifest(manifest.stream(), entries, head.id, head.hash);
    manifest.prepare();
    std::vector<std::string_view> tables;
    for (const auto& table : csv_tables())
        tables.push_back(table.name);
    // The row names the manifest's SHA-256, which an import --all names too: the two trails
    // point at the same export.
    audit_export(scope,
                 fmt::format("all tables{} to {}{}; manifest.csv SHA-256 {}",
                             exported.images.empty()
                                 ? ""
                                 : fmt::format(" and {} photo images", exported.images.size()),
                             folder.string(), options.all_revisions ? ", all revisions" : "",
                             manifest.sha256()),
                 tables, [&] {
                     images.publish();
                     for (auto& file : written)
                         file->publish();
                 });
    return exported;
}

} // namespace

ExportedClinic export_all(records::Scope& scope, const std::filesystem::path& folder,
                          const ExportOptions& options) {
    std::error_code error;
    // A link to a folder is used as the folder; a link to a name not taken yet makes it there.
    const auto made = io::follow_links(folder);
    if (std::filesystem::is_directory(folder, error))
        return export_all_into(scope, folder, options);
    if (::mkdir(made.c_str(), 0700) != 0)
        throw FileError(
            fmt::format("cannot make the folder {}: {}", folder.string(), std::strerror(errno)));
    try {
        return export_all_into(scope, folder, options);
    } catch (...) {
        ::rmdir(made.c_str()); // the folder it made, empty again: an export refused leaves nothing
        throw;
    }
}

} // namespace needlebook::exchange
