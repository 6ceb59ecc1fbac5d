#include "needlebook/storage/photo_store.hpp"

#include "needlebook/error.hpp"
#include "needlebook/io/file_sync.hpp"
#include "needlebook/storage/database.hpp"
#include "needlebook/storage/sha256.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <set>
#include <sys/stat.h>
#include <unistd.h>

namespace needlebook::storage {
namespace fs = std::filesystem;
namespace {

// Writes every byte to `fd` and syncs it; the errno of the first failure, 0 when all went out.
int write_and_sync(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const auto written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR)
            continue;
        if (written <= 0)
            return written < 0 ? errno : EIO;
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return ::fsync(fd) == 0 ? 0 : errno;
}

std::string symbolic_link(const fs::path& file) {
    return fmt::format("its file {} is a symbolic link, not a regular file (the photo store "
                       "keeps only regular files: a link can point outside it, and be changed)",
                       file.string());
}

// Opens the store's `file` for reading, never through a symbolic link and without waiting on a
// FIFO: it must be a regular file. Sets `opened`, or says what is wrong.
std::optional<std::string> open_stored(const fs::path& file, StoreFile& opened) {
    struct stat info {};
    if (::lstat(file.c_str(), &info) != 0)
        return fmt::format("its file {} is missing from the photo store ({})", file.string(),
                           std::strerror(errno));
    if (S_ISLNK(info.st_mode))
        return symbolic_link(file);
    if (!S_ISREG(info.st_mode))
        return fmt::format("its file {} is not a regular file", file.string());
    // Replaced by a link or a FIFO since the lstat: O_NOFOLLOW refuses the link, the fstat the
    // rest.
    StoreFile fd(::open(file.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
    if (!fd.is_open())
        return errno == ELOOP ? symbolic_link(file)
                              : fmt::format("its file {} cannot be opened: {}", file.string(),
                                            std::strerror(errno));
    if (::fstat(fd.descriptor(), &info) != 0 || !S_ISREG(info.st_mode))
        return fmt::format("its file {} is not a regular file", file.string());
    opened = std::move(fd);
    return std::nullopt;
}

// An existing store file may be reused only when it is a regular file whose bytes are what its
// name says.
void check_existing(const fs::path& file, std::string_view sha256) {
    StoreFile open;
    if (const auto problem = open_stored(file, open))
        throw Refused(fmt::format("the photo store holds this image's name, but {}; run "
                                  "'needlebook check' and restore the file from a backup",
                                  *problem));
    if (sha256_of_descriptor(open.descriptor(), file) != sha256)
        throw Refused(fmt::format("the photo store's file {} does not hold the image its name "
                                  "says (its content was changed); run 'needlebook check' and "
                                  "restore the file from a backup",
                                  file.string()));
}

} // namespace

StoreFile& StoreFile::operator=(StoreFile&& other) noexcept {
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = other.m_fd;
        other.m_fd = -1;
    }
    return *this;
}

StoreFile::~StoreFile() {
    if (m_fd >= 0)
        ::close(m_fd);
}

PlacedImage::PlacedImage(PlacedImage&& other) noexcept
    : m_file(std::move(other.m_file)), m_undo(std::move(other.m_undo)), m_created(other.m_created),
      m_kept(other.m_kept) {
    other.m_kept = true; // moved from: it undoes nothing
}

PlacedImage::~PlacedImage() {
    if (m_created && !m_kept && m_undo)
        m_undo->undo();
}

PhotoStore::PhotoStore(const fs::path& database) : m_folder(database.string() + ".photos") {
    if (Database::is_server_target(database.string()))
        throw Refused(fmt::format("photos are kept in a folder beside a SQLite database file; "
                                  "{} is a PostgreSQL server, where this version keeps no photos",
                                  database.string()));
}

PhotoStore PhotoStore::in_folder(fs::path folder) {
    PhotoStore store(fs::path{});
    store.m_folder = std::move(folder);
    return store;
}

std::string PhotoStore::file_name_of(std::string_view sha256, ImageType type) {
    return fmt::format("{}{}", sha256, file_suffix(type));
}

fs::path PhotoStore::file_of(std::string_view sha256, ImageType type) const {
    return m_folder / file_name_of(sha256, type);
}

PlacedImage PhotoStore::place(std::string_view bytes, std::string_view sha256,
                              ImageType type) const {
    const auto target = file_of(sha256, type);
    io::UndoCreation undo(target, {}); // notes the store's folder too, if it is new
    if (!undo.file_is_new()) {
        check_existing(target, sha256);
        return PlacedImage(target, std::move(undo), false);
    }
    io::make_private_folders(m_folder);
    std::string temporary;
    const int fd = io::private_temporary_file(target, temporary);
    const int error = write_and_sync(fd, bytes);
    ::close(fd);
    if (error != 0) {
        ::unlink(temporary.c_str());
        undo.undo();
        throw FileError(fmt::format("cannot write {}: {}", target.string(), std::strerror(error)));
    }
    try {
        io::publish_without_replacing(temporary, target);
    } catch (const FileError&) {
        ::unlink(temporary.c_str());
        // Another process stored the same image meanwhile: it is reused, as above.
        if (fs::exists(fs::symlink_status(target))) {
            check_existing(target, sha256);
            return PlacedImage(target, io::UndoCreation(target, {}), false);
        }
        undo.undo();
        throw;
    }
    return PlacedImage(target, std::move(undo), true);
}

std::optional<std::string> PhotoStore::open(const PhotoImage& image, StoreFile& file) const {
    return open_stored(file_of(image.sha256, image.type), file);
}

std::optional<std::string> PhotoStore::problem_with(const PhotoImage& image) const {
    const auto file = file_of(image.sha256, image.type);
    StoreFile open;
    if (auto problem = open_stored(file, open))
        return problem;
    struct stat info {};
    if (::fstat(open.descriptor(), &info) != 0)
        return fmt::format("its file cannot be read: {}", std::strerror(errno));
    if (info.st_size != image.bytes)
        return fmt::format("its file {} has {} bytes, the record says {}", file.string(),
                           info.st_size, image.bytes);
    try {
        if (sha256_of_descriptor(open.descriptor(), file) != image.sha256)
            return fmt::format("its file {} does not hash to the SHA-256 on record (changed)",
                               file.string());
    } catch (const FileError& e) {
        return fmt::format("its file cannot be read: {}", e.what());
    }
    return std::nullopt;
}

std::optional<std::string> PhotoStore::read(const PhotoImage& image, std::string& bytes) const {
    bytes.clear();
    const auto file = file_of(image.sha256, image.type);
    StoreFile open;
    if (auto problem = open_stored(file, open))
        return problem;
    // One byte more than recorded, to see a file that grew.
    std::string read(static_cast<std::size_t>(image.bytes) + 1, '\0');
    std::size_t got = 0;
    while (got < read.size()) {
        const auto n = ::read(open.descriptor(), read.data() + got, read.size() - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return fmt::format("its file cannot be read: {}", std::strerror(errno));
        if (n == 0)
            break;
        got += static_cast<std::size_t>(n);
    }
    read.resize(got);
    if (static_cast<std::int64_t>(got) != image.bytes || sha256_hex(read) != image.sha256)
        return problem_with(image).value_or(
            fmt::format("its file {} changed while it was read", file.string()));
    bytes = std::move(read);
    return std::nullopt;
}

// The files in the store's `folder` that no photo record names (`named`): images an
// interrupted 'photo add' or 'import --all' placed before its record committed, and temporary
// files (".needlebook-…") of a write cut short. Not damage to the records, but patient images
// nobody can see: said in the note, never deleted. Empty when there are none.
std::string PhotoStore::unnamed_note(const std::vector<PhotoImage>& images) const {
    std::set<std::string> named;
    for (const auto& image : images)
        named.insert(file_name_of(image.sha256, image.type));
    const auto& folder = m_folder;
    std::error_code error;
    std::int64_t unnamed = 0, temporary = 0;
    std::optional<std::string> first;
    for (std::filesystem::directory_iterator it(folder, error), end; !error && it != end;
         it.increment(error)) {
        const auto name = it->path().filename().string();
        if (named.count(name) != 0)
            continue;
        ++unnamed;
        if (name.starts_with(".needlebook-"))
            ++temporary;
        if (!first || name < *first)
            first = name;
    }
    if (error && error != std::errc::no_such_file_or_directory)
        return fmt::format("the store's folder {} cannot be listed ({}): files no record names "
                           "were not looked for",
                           folder.string(), error.message());
    if (unnamed == 0)
        return {};
    return fmt::format("{} file{} in the store no photo record names (first: {}{}): patient "
                       "data nobody can see, left by an interrupted 'photo add' or 'import "
                       "--all'; review them in {} and move out what no record needs (check "
                       "deletes nothing)",
                       unnamed, unnamed == 1 ? "" : "s", *first,
                       temporary == 0 ? ""
                                      : fmt::format("; {} leftover temporary file{}", temporary,
                                                    temporary == 1 ? "" : "s"),
                       folder.string());
}

} // namespace needlebook::storage
