#include "needlebook/storage/photo_backup.hpp"

#include "needlebook/error.hpp"
#include "needlebook/storage/photo_repository.hpp"
#include "needlebook/storage/sha256.hpp"

#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <set>

namespace needlebook::storage {

CopiedPhotos copy_photos(Database& records, const PhotoStore& from, const PhotoStore& to) {
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
        if (const auto problem = from.problem_with(stored.image))
            throw Refused(
                fmt::format("{}: {}; nothing was copied. Run 'needlebook check'", name, *problem));
        std::ifstream in(from.file_of(stored.image.sha256, stored.image.type), std::ios::binary);
        const std::string bytes{std::istreambuf_iterator<char>(in),
                                std::istreambuf_iterator<char>()};
        // Read once more for the copy: it must still be the image checked a moment ago.
        if (sha256_hex(bytes) != stored.image.sha256)
            throw Refused(fmt::format("{}: its file changed while it was copied; nothing was "
                                      "copied",
                                      name));
        copied.added.push_back(to.place(bytes, stored.image.sha256, stored.image.type));
        if (const auto problem = to.problem_with(stored.image))
            throw Refused(fmt::format("{}: the copy does not read back as written ({}); nothing "
                                      "was copied",
                                      name, *problem));
    }
    return copied;
}

} // namespace needlebook::storage
