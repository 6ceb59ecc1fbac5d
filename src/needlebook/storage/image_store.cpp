#include "needlebook/storage/image_store.hpp"

#include "needlebook/error.hpp"
#include "needlebook/storage/database.hpp"
#include "needlebook/storage/database_image_store.hpp"
#include "needlebook/storage/photo_store.hpp"

namespace needlebook::storage {

std::optional<std::string> ImageStore::read_small(const PhotoImage& image,
                                                  std::int64_t max_bytes) const {
    if (image.bytes > max_bytes)
        return std::nullopt;
    std::string bytes;
    if (read(image, bytes))
        return std::nullopt;
    return bytes;
}

std::unique_ptr<ImageStore> image_store_of(Database& db) {
    if (db.on_server())
        return std::make_unique<DatabaseImageStore>(db);
    if (db.path() == ":memory:")
        throw Refused("photos are kept beside the database file; this database has no file");
    return std::make_unique<PhotoStore>(db.path());
}

} // namespace needlebook::storage
