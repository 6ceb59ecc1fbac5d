#include "needlebook/model/photo.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"

#include <fmt/format.h>

namespace needlebook {

std::string_view media_type(ImageType type) {
    return type == ImageType::jpeg ? "image/jpeg" : "image/png";
}

std::optional<ImageType> image_type_of_media(std::string_view media_type) {
    if (media_type == "image/jpeg")
        return ImageType::jpeg;
    if (media_type == "image/png")
        return ImageType::png;
    return std::nullopt;
}

std::string_view file_suffix(ImageType type) {
    return type == ImageType::jpeg ? ".jpg" : ".png";
}

std::optional<ImageType> sniff_image_type(std::string_view first_bytes) {
    constexpr std::string_view jpeg = "\xFF\xD8\xFF";
    constexpr std::string_view png = "\x89PNG\r\n\x1A\n";
    if (first_bytes.starts_with(jpeg))
        return ImageType::jpeg;
    if (first_bytes.starts_with(png))
        return ImageType::png;
    return std::nullopt;
}

void validate(const PhotoDetails& details, time::Date today) {
    if (details.taken_on > today)
        throw ValidationError("taken", fmt::format("taken {} is in the future (today is {})",
                                                   time::format_date(details.taken_on),
                                                   time::format_date(today)));
    check_note("note", details.note, 10000);
    check_note("override", details.override_reason, 2000);
}

} // namespace needlebook
