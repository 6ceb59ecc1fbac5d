#pragma once
// A clinical photo: the image kept in the clinic's photo store (named by its SHA-256), and the
// record of which patient, which view, when, and who added it.

#include "needlebook/model/catalogue.hpp"
#include "needlebook/model/ids.hpp"
#include "needlebook/model/revision.hpp"
#include "needlebook/time/date.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace needlebook {

enum class ImageType { jpeg, png };

// The image itself: what the store holds. Never changes once added.
struct PhotoImage {
    std::string sha256; // lowercase hex of the bytes
    std::int64_t bytes = 0;
    ImageType type = ImageType::jpeg;
    std::string file_name; // the name it was added from, for people
    friend bool operator==(const PhotoImage&, const PhotoImage&) = default;
};

struct PhotoDetails {
    PhotoView view = PhotoView::front;
    time::Date taken_on{};
    std::optional<SessionId> session;
    std::string note;
    std::string override_reason; // why it was kept without a consent covering photos
    friend bool operator==(const PhotoDetails&, const PhotoDetails&) = default;
};

struct Photo {
    PhotoId id;
    PatientId patient_id;
    PhotoImage image;
    PhotoDetails details;
    RevisionInfo revision;
};

// "image/jpeg", "image/png".
std::string_view media_type(ImageType type);
std::optional<ImageType> image_type_of_media(std::string_view media_type);
// ".jpg", ".png": the store's file name suffix.
std::string_view file_suffix(ImageType type);
// What the first bytes say the file is: JPEG (FF D8 FF) or PNG (its 8-byte signature);
// nothing for anything else, whatever its name says.
std::optional<ImageType> sniff_image_type(std::string_view first_bytes);

// Not taken in the future, text lengths.
void validate(const PhotoDetails& details, time::Date today);

} // namespace needlebook
