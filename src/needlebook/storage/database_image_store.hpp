#pragma once
// The images of a clinic on a server, in its photo_image table: one row per image, under the
// SHA-256 of its bytes, written in the transaction of the photo record that names it, so every
// workstation reads the same images and a failed write leaves none behind.

#include "needlebook/storage/image_store.hpp"

namespace needlebook::storage {

class DatabaseImageStore final : public ImageStore {
public:
    explicit DatabaseImageStore(Database& db) : m_db(&db) {}

    // Inside a write transaction of `db`.
    PlacedImage place(std::string_view bytes, std::string_view sha256,
                      ImageType type) const override;
    // Size and hash as the server computes them: the bytes do not travel for a check.
    std::optional<std::string> problem_with(const PhotoImage& image) const override;
    std::optional<std::string> read(const PhotoImage& image, std::string& bytes) const override;
    // The rows of photo_image that no photo record names.
    std::string unnamed_note(const std::vector<PhotoImage>& named) const override;

private:
    Database* m_db;
};

} // namespace needlebook::storage
