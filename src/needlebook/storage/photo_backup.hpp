#pragma once
// The photo store's part of a backup, a restore and a copy: the images a database names, copied
// from one store to another and verified, so a backup file and its "<file>.photos/" go together,
// and a clinic moved onto a server or back keeps its images.

#include "needlebook/storage/database.hpp"
#include "needlebook/storage/image_store.hpp"

#include <cstdint>
#include <vector>

namespace needlebook::storage {

struct CopiedPhotos {
    CopiedPhotos() = default;
    CopiedPhotos(CopiedPhotos&&) = default;
    CopiedPhotos& operator=(CopiedPhotos&&) = default;
    // The newest first: the first file's undo also takes back the store's folder, once empty.
    ~CopiedPhotos() {
        while (!added.empty())
            added.pop_back();
    }

    std::int64_t images = 0;        // the images `records` names, each now intact in the target
    std::vector<PlacedImage> added; // the files this copy created, taken back unless kept
    // The copy's part of the write is done: what it added stays.
    void keep() {
        for (auto& placed : added)
            placed.keep();
    }
};

// Every image that the database `records` names (voided photos too) into the store `to`: an
// image `to` already holds intact is left as it is; any other is read from `from`, checked
// against its record, written as `to` places a new image, then read back and hashed. Refused
// (Refused, naming the photo and its chart, nothing left behind) when `from` has no intact
// file for an image `to` lacks.
CopiedPhotos copy_photos(Database& records, const ImageStore& from, const ImageStore& to);

} // namespace needlebook::storage
