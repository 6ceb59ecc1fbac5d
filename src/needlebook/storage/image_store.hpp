#pragma once
// Where a clinic's photos' images are kept, behind one interface: in the folder beside a SQLite
// file (PhotoStore, storage/photo_store.hpp), or in the photo_image table of a clinic on a
// server (DatabaseImageStore, storage/database_image_store.hpp), where every workstation
// reaches them. Photo records name an image by the SHA-256 of its bytes in both.

#include "needlebook/io/undo_creation.hpp"
#include "needlebook/model/photo.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::storage {

class Database;

// An image a store holds for a write that has not committed yet. A file the folder store
// created is removed again (with the store's folder, once empty) when this is dropped without
// keep(), so a refused or failed write leaves the store as it was; a row of photo_image goes
// with its transaction and needs nothing here.
class PlacedImage {
public:
    // A row placed inside the database's transaction: nothing to take back here.
    PlacedImage() = default;
    PlacedImage(std::filesystem::path file, io::UndoCreation undo, bool created)
        : m_file(std::move(file)), m_undo(std::move(undo)), m_created(created) {}
    PlacedImage(PlacedImage&& other) noexcept;
    PlacedImage& operator=(PlacedImage&&) = delete;
    PlacedImage(const PlacedImage&) = delete;
    PlacedImage& operator=(const PlacedImage&) = delete;
    ~PlacedImage();

    // The store's file (empty for a row of photo_image).
    const std::filesystem::path& file() const { return m_file; }
    // Whether this write created the file (false: an identical image was already stored).
    bool created() const { return m_created; }
    // The write committed: the file stays.
    void keep() { m_kept = true; }

private:
    std::filesystem::path m_file;
    std::optional<io::UndoCreation> m_undo;
    bool m_created = false;
    bool m_kept = false;
};

class ImageStore {
public:
    ImageStore() = default;
    ImageStore(const ImageStore&) = default;
    ImageStore& operator=(const ImageStore&) = default;
    virtual ~ImageStore() = default;

    // Keeps `bytes` (whose SHA-256 is `sha256`) under their hash, inside the write that records
    // the photo. An image stored already is reused when it is intact; otherwise Refused, saying
    // to run `check`. Throws FileError or StorageError when the store cannot be written.
    virtual PlacedImage place(std::string_view bytes, std::string_view sha256,
                              ImageType type) const = 0;
    // What is wrong with the stored image of `image`: missing, unreadable, of another size or
    // hash than the record says; nothing when it is as recorded.
    virtual std::optional<std::string> problem_with(const PhotoImage& image) const = 0;
    // The stored bytes of `image` into `bytes` when they are as recorded (size and hash);
    // otherwise what is wrong, as problem_with says it, and `bytes` is left empty.
    virtual std::optional<std::string> read(const PhotoImage& image, std::string& bytes) const = 0;
    // For `check`: what the store holds that no photo record names (`named`: every image the
    // records name), said for people, never deleted; empty when there is nothing.
    virtual std::string unnamed_note(const std::vector<PhotoImage>& named) const = 0;

    // The bytes of `image` when it is at most `max_bytes` long and as recorded (a printed
    // history embeds them); nothing otherwise.
    std::optional<std::string> read_small(const PhotoImage& image, std::int64_t max_bytes) const;
};

// The store of `db`'s clinic: photo_image on a server, the folder beside a file. Refused for a
// database in memory, which has neither.
std::unique_ptr<ImageStore> image_store_of(Database& db);

} // namespace needlebook::storage
