#pragma once
// Use cases for clinical photos: an image added to the clinic's photo store and recorded for a
// patient (which view, when, which session), corrected and voided like every record.

#include "needlebook/model/patient.hpp"
#include "needlebook/model/photo.hpp"
#include "needlebook/model/session.hpp"
#include "needlebook/records/correction.hpp"
#include "needlebook/records/scope.hpp"
#include "needlebook/rules/finding.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::records {

// The largest image the store takes: a clinical photo, not a video or a RAW file.
inline constexpr std::int64_t max_photo_bytes = 50LL * 1024 * 1024;

// Refuses (ValidationError "file", naming it) what is not a whole JPEG or PNG by its content:
// the signature; a PNG's IHDR chunk first and IEND last; a JPEG's end-of-image marker FF D9
// last, or, followed from its start marker by marker segments and scans, reached before its end
// with only trailing data after it (what many cameras append: a second image, padding).
ImageType check_image_content(std::string_view bytes, const std::filesystem::path& file);

// A photo as stored, and the warnings its checks raised: said once, not stored with it.
struct RecordedPhoto {
    Photo photo;
    // "same-image" (add: the same image is on file as another photo, of this patient or
    // another), "consent:photos" (amend: no consent covers the day, so before the amendment
    // too).
    std::vector<SessionFinding> warnings;
};

// What every revision of a photo must fit, on entry, amendment and import: the day taken (not
// in the future, not before the patient's birth) and its session (the same patient's, not
// voided). Throws ValidationError ("taken", "session") saying what to name instead.
void check_photo_fits(Scope& scope, const Patient& patient, const PhotoDetails& details);
// The "consent:photos" finding of a photo of `patient` taken on `day`: no consent covering
// photos was in force that day. Nothing when one was.
std::optional<rules::Finding> photo_consent_finding(Scope& scope, const Patient& patient,
                                                    time::Date day);

// Reads `file`, checks it (check_image_content, size at most max_photo_bytes), keeps it in the
// photo store beside the database and records it for the patient with `details` ("photo.add").
// Refuses a day taken in the future or before the patient's birth, a session that is voided or
// another patient's, and, unless `overrides` accepts "consent:photos" with a reason of at least
// override_min_reason characters, a day no consent covering photos was in force. A refused or
// failed write leaves the database and the store as they were. Warns ("same-image") of each
// photo that stands with the same SHA-256: naming another patient's is audited as
// "photo.duplicates", a disclosure.
RecordedPhoto add_photo(Scope& scope, std::string_view patient_code,
                        const std::filesystem::path& file, PhotoDetails details,
                        const std::vector<std::string>& overrides);
// Corrects photo `id`: `edit` changes the current details, checked as on entry ("photo.amend"):
// the day and the session must fit, and a day no consent covering photos was in force needs
// "consent:photos" accepted in `overrides` again when the day changed (an override never moves
// with the photo to another day). With the day unchanged, an override on file is kept (one in
// `overrides` corrects its reason) and a consent voided since is a warning.
RecordedPhoto amend_photo(Scope& scope, PhotoId id, const std::function<void(PhotoDetails&)>& edit,
                          const Correction& correction,
                          const std::vector<std::string>& overrides = {});
// Voids photo `id`, recorded in error ("photo.void"); its image stays in the store.
Photo void_photo(Scope& scope, PhotoId id, const Correction& correction);
// The patient's photos, voided ones left out, by the day taken; audited as "photo.list".
std::vector<Photo> list_photos(Scope& scope, std::string_view patient_code);

PhotoId parse_photo_id(std::string_view text);

} // namespace needlebook::records
