#pragma once
// The clinic's photo store: the images that photo records name, kept beside the database in
// "<database>.photos/" (mode 0700), each as "<sha256>.jpg" or ".png" (mode 0600). Content-
// addressed: a file is written once, under the hash of its bytes, and never replaced.

#include "needlebook/storage/image_store.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace needlebook::storage {

// A file of the photo store open for reading (PhotoStore::open); closes it when dropped.
class StoreFile {
public:
    StoreFile() = default;
    explicit StoreFile(int fd) : m_fd(fd) {}
    StoreFile(StoreFile&& other) noexcept : m_fd(other.m_fd) { other.m_fd = -1; }
    StoreFile& operator=(StoreFile&& other) noexcept;
    StoreFile(const StoreFile&) = delete;
    StoreFile& operator=(const StoreFile&) = delete;
    ~StoreFile();

    int descriptor() const { return m_fd; }
    bool is_open() const { return m_fd >= 0; }

private:
    int m_fd = -1;
};

class PhotoStore final : public ImageStore {
public:
    // The store of the database file `database`: "<database>.photos/".
    explicit PhotoStore(const std::filesystem::path& database);
    // The store in `folder` itself, e.g. one a check is given.
    static PhotoStore in_folder(std::filesystem::path folder);

    const std::filesystem::path& folder() const { return m_folder; }
    // "<sha256>.jpg" or ".png": the name the image has in the store.
    static std::string file_name_of(std::string_view sha256, ImageType type);
    std::filesystem::path file_of(std::string_view sha256, ImageType type) const;

    // Keeps `bytes` (whose SHA-256 is `sha256`) under their hash: written to a 0600 temporary
    // file, synced, given its name without replacing anything, the folder synced. An existing
    // file of that name is reused when it is a regular file (never a symbolic link) whose bytes
    // hash to its name; otherwise Refused, saying to run `check`. Throws FileError when the
    // store cannot be written.
    PlacedImage place(std::string_view bytes, std::string_view sha256,
                      ImageType type) const override;

    // Opens the stored file of `image` for reading as every reader of the store does (check,
    // place, export): never through a symbolic link and without waiting on a FIFO, so only a
    // regular file. Sets `file`; otherwise leaves it closed and says what is wrong ("its file
    // … is a symbolic link …", missing, not a regular file, cannot be opened).
    std::optional<std::string> open(const PhotoImage& image, StoreFile& file) const;
    // What is wrong with the stored file of `image`: missing, a symbolic link or anything else
    // but a regular file (never followed), unreadable, of another size or hash than the record
    // says; nothing when it is as recorded. Hashes it in blocks.
    std::optional<std::string> problem_with(const PhotoImage& image) const override;
    // The file's bytes, read as open() reads, when it is a regular file that hashes as recorded.
    std::optional<std::string> read(const PhotoImage& image, std::string& bytes) const override;
    // The files in the folder that no photo record names: images an interrupted 'photo add' or
    // 'import --all' placed before its record committed, and temporary files (".needlebook-…")
    // of a write cut short.
    std::string unnamed_note(const std::vector<PhotoImage>& named) const override;

private:
    std::filesystem::path m_folder;
};

} // namespace needlebook::storage
