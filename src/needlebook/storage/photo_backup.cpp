#include "needlebook/storage/photo_backup.hpp"

#include "needlebook/error.hpp"
#include "needlebook/storage/photo_repository.hpp"

#include <fmt/format.h>
#include <set>

namespace needlebook::storage {

CopiedPhotos copy_photos(Database& records, const ImageStore& from, const ImageStore& to) {
    CopiedPhotos copied;
    if (!records.connection().has_table("photo"))
        return copied; // a database from before schema 10
    std::vector<StoredImage> images;
    std::set<std::string> seen; // one file for the same image recorded twice
    PhotoRepository(records).for_each_image([&](const StoredImage& stored) {
        if (seen.insert(stored.image.sha256).second)
            images.push_back(stored);
    });
    for (const auto& stored : images) {
        ++copied.images;
        if (!to.problem_with(stored.image))
            continue;
        const auto name = fmt::format("photo {} of {}", stored.id, stored.patient_code);
        std::string bytes; // read and hashed: the image its record names
        if (const auto problem = from.read(stored.image, bytes))
            throw Refused(
                fmt::format("{}: {}; nothing was copied. Run 'needlebook check'", name, *problem));
        copied.added.push_back(to.place(bytes, stored.image.sha256, stored.image.type));
        if (const auto problem = to.problem_with(stored.image))
            throw Refused(fmt::format("{}: the copy does not read back as written ({}); nothing "
                                      "was copied",
                                      name, *problem));
    }
    return copied;
}

} // namespace needlebook::storage
