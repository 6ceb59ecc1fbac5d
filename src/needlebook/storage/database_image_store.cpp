#include "needlebook/storage/database_image_store.hpp"

#include "needlebook/error.hpp"
#include "needlebook/storage/database.hpp"
#include "needlebook/storage/sha256.hpp"

#include <fmt/format.h>
#include <set>

namespace needlebook::storage {
namespace {

std::string missing() {
    return "its image is not in the database (table photo_image)";
}

} // namespace

PlacedImage DatabaseImageStore::place(std::string_view bytes, std::string_view sha256,
                                      ImageType type) const {
    PhotoImage image{std::string(sha256), static_cast<std::int64_t>(bytes.size()), type, {}};
    auto stored = m_db->query("SELECT 1 FROM photo_image WHERE sha256 = :sha256");
    stored->bind(":sha256", sha256);
    if (stored->step()) {
        if (const auto problem = problem_with(image))
            throw Refused(fmt::format("the database holds this image already, but {}; nothing "
                                      "was stored. Run 'needlebook check'",
                                      *problem));
        return {};
    }
    auto insert =
        m_db->query("INSERT INTO photo_image (sha256, content) VALUES (:sha256, :content)");
    insert->bind(":sha256", sha256);
    insert->bind_bytes(":content", bytes);
    insert->exec();
    return {};
}

std::optional<std::string> DatabaseImageStore::problem_with(const PhotoImage& image) const {
    auto stored = m_db->query("SELECT octet_length(content), encode(sha256(content), 'hex') "
                              "FROM photo_image WHERE sha256 = :sha256");
    stored->bind(":sha256", image.sha256);
    if (!stored->step())
        return missing();
    if (const auto size = stored->column(0).as_int64(); size != image.bytes)
        return fmt::format("its image in the database has {} bytes, the record says {}", size,
                           image.bytes);
    if (stored->column(1).as_text() != image.sha256)
        return "its image in the database does not hash to the SHA-256 on record (changed)";
    return std::nullopt;
}

std::optional<std::string> DatabaseImageStore::read(const PhotoImage& image,
                                                    std::string& bytes) const {
    bytes.clear();
    auto stored = m_db->query("SELECT content FROM photo_image WHERE sha256 = :sha256");
    stored->bind(":sha256", image.sha256);
    if (!stored->step())
        return missing();
    std::string read = stored->column(0).as_bytes();
    // Hashed here too: what leaves the database is what the record names.
    if (static_cast<std::int64_t>(read.size()) != image.bytes || sha256_hex(read) != image.sha256)
        return problem_with(image).value_or("its image changed while it was read");
    bytes = std::move(read);
    return std::nullopt;
}

std::string DatabaseImageStore::unnamed_note(const std::vector<PhotoImage>& named) const {
    std::set<std::string> names;
    for (const auto& image : named)
        names.insert(image.sha256);
    std::int64_t unnamed = 0;
    std::optional<std::string> first;
    auto stored = m_db->query("SELECT sha256 FROM photo_image ORDER BY sha256");
    while (stored->step()) {
        auto sha256 = stored->column(0).as_text();
        if (names.count(sha256) != 0)
            continue;
        ++unnamed;
        if (!first)
            first = std::move(sha256);
    }
    if (unnamed == 0)
        return {};
    return fmt::format("{} image{} in photo_image no photo record names (first: SHA-256 {}): "
                       "patient data nobody can see; check deletes nothing",
                       unnamed, unnamed == 1 ? "" : "s", *first);
}

} // namespace needlebook::storage
