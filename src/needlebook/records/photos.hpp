#pragma once
// Use cases for clinical photos: an image added to the clinic's photo store and recorded for a
// patient (which view, when, which session), corrected and voided like every record.

#include "needlebook/model/photo.hpp"
#include "needlebook/records/correction.hpp"
#include "needlebook/records/scope.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::records {

// The largest image the store takes: a clinical photo, not a video or a RAW file.
inline constexpr std::int64_t max_photo_bytes = 50LL * 1024 * 1024;

// Refuses (ValidationError "file", naming it) what is not a whole JPEG or PNG by its content:
// the signature, PNG's IHDR chunk first and IEND last, JPEG's end-of-image marker last.
ImageType check_image_content(std::string_view bytes, const std::filesystem::path& file);

// Reads `file`, checks it (check_image_content, size at most max_photo_bytes), keeps it in the
// photo store beside the database and records it for the patient with `details` ("photo.add").
// Refuses a day taken in the future or before the patient's birth, a session that is voided or
// another patient's, and, unless `overrides` accepts "consent:photos" with a reason of at least
// override_min_reason characters, a day no consent covering photos was in force. A refused or
// failed write leaves the database and the store as they were.
Photo add_photo(Scope& scope, std::string_view patient_code, const std::filesystem::path& file,
                PhotoDetails details, const std::vector<std::string>& overrides);
// Corrects photo `id`: `edit` changes the current details, checked as on entry ("photo.amend").
Photo amend_photo(Scope& scope, PhotoId id, const std::function<void(PhotoDetails&)>& edit,
                  const Correction& correction);
// Voids photo `id`, recorded in error ("photo.void"); its image stays in the store.
Photo void_photo(Scope& scope, PhotoId id, const Correction& correction);
// The patient's photos, voided ones left out, by the day taken; audited as "photo.list".
std::vector<Photo> list_photos(Scope& scope, std::string_view patient_code);

PhotoId parse_photo_id(std::string_view text);

} // namespace needlebook::records
