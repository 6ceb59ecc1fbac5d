#include "needlebook/records/photos.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/safekeeping.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/rules/clinical_checks.hpp"
#include "needlebook/rules/overrides.hpp"
#include "needlebook/storage/photo_repository.hpp"
#include "needlebook/storage/photo_store.hpp"
#include "needlebook/storage/sha256.hpp"

#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <optional>

namespace needlebook::records {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view allowed_images = "photos must be JPEG or PNG files";

// The file's bytes: a regular file no larger than max_photo_bytes.
std::string read_photo_file(const fs::path& file) {
    std::error_code error;
    if (!fs::is_regular_file(file, error))
        throw ValidationError("file", fmt::format("{}: no such file (or not a regular file); {}",
                                                  file.string(), allowed_images));
    const auto size = fs::file_size(file, error);
    if (error)
        throw FileError(fmt::format("cannot read {}: {}", file.string(), error.message()));
    if (size > static_cast<std::uintmax_t>(max_photo_bytes))
        throw ValidationError("file", fmt::format("{} has {} bytes; a photo may have at most {} "
                                                  "({} MB)",
                                                  file.string(), size, max_photo_bytes,
                                                  max_photo_bytes / (1024 * 1024)));
    std::ifstream in(file, std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad() || bytes.size() != size)
        throw FileError(fmt::format("cannot read {} (it changed while being read)", file.string()));
    return bytes;
}

// The photo's patient as it is now: its chart must take new records.
Patient photo_patient(Scope& scope, const Photo& photo) {
    return find_patient_by_id(scope.db(), photo.patient_id);
}

// What every revision of a photo must fit: the day taken (not in the future, not before the
// patient's birth) and its session (the same patient's, not voided).
void check_photo_fits(Scope& scope, const Patient& patient, const PhotoDetails& details) {
    validate(details, scope.today());
    if (details.taken_on < patient.details.birth_date)
        throw ValidationError("taken",
                              fmt::format("photo taken {} is before {} was born ({}); "
                                          "check the year",
                                          time::format_date(details.taken_on), patient.code,
                                          time::format_date(patient.details.birth_date)));
    if (!details.session)
        return;
    const Session session =
        get_session(scope.db(), *details.session, storage::SessionRepository::Parts::areas);
    if (session.patient_id != patient.id)
        throw ValidationError("session", fmt::format("session {} is {}'s, not {}'s; name a "
                                                     "session of {} (see 'needlebook session "
                                                     "list --patient {}')",
                                                     session.id, session.patient_code, patient.code,
                                                     patient.code, patient.code));
    if (session.revision.voided)
        throw ValidationError("session", fmt::format("session {} is voided; name a session that "
                                                     "stands, or leave --session out",
                                                     session.id));
}

// The override reason for the consent finding, if there is one: refuses overrides of anything
// else, a reason shorter than the clinic asks, and a missing consent without an override.
std::string resolve_consent(Scope& scope, const Patient& patient, const PhotoDetails& details,
                            const std::vector<std::string>& overrides) {
    rules::PatientFile file;
    file.consents = consents_of(scope.db(), patient.id);
    const auto finding = rules::check_photo_consent(details.taken_on, file, scope.settings());
    const std::string key = fmt::format("consent:{}", ConsentScope::photos);
    std::optional<rules::OverrideRequest> accepted;
    for (const auto& text : overrides) {
        auto request = rules::parse_override(text);
        if (request.key != key)
            throw UsageError(fmt::format("--override {}: a photo can only override {} "
                                         "(--override {}=\"why it is kept without consent\")",
                                         visible(text), key, key));
        if (accepted)
            throw ValidationError("override", fmt::format("--override {} is given twice", key));
        accepted = std::move(request);
    }
    if (!finding) {
        if (accepted)
            throw Refused(fmt::format("--override {} matches no finding: a consent in force on "
                                      "{} covers photos, so nothing was stored; leave --override "
                                      "out",
                                      key, time::format_date(details.taken_on)));
        return {};
    }
    if (!accepted)
        throw Refused(fmt::format("photo refused by the clinical checks:\n  {}: {}\nuse --override "
                                  "{}=\"reason\" to keep it anyway; the reason is kept with the "
                                  "photo",
                                  finding->key, finding->message, finding->key));
    check_reason("override", accepted->reason);
    const auto minimum = static_cast<std::size_t>(scope.settings().override_min_reason);
    if (const auto length = character_count(accepted->reason); length < minimum)
        throw ValidationError(
            "override", fmt::format("the reason for --override {} has {} character{}; the clinic "
                                    "asks for at least {} (setting override_min_reason), saying "
                                    "why the photo is kept without consent",
                                    key, length, length == 1 ? "" : "s", minimum));
    return accepted->reason;
}

Photo current_photo(storage::PhotoRepository& photos, PhotoId id) {
    auto found = photos.find(id);
    if (!found)
        throw NotFound(fmt::format("no photo {}; photo ids are printed by 'photo add' and 'photo "
                                   "list'",
                                   id));
    return std::move(*found);
}

RecordCorrection<Photo> photo_correction(Scope& scope, storage::PhotoRepository& photos,
                                         PhotoId id) {
    RecordCorrection<Photo> how;
    how.kind = "photo";
    how.label = fmt::format("photo {}", id);
    how.store = [&photos](const Photo& p) {
        photos.add_revision(p.id, p.patient_id, p.details, p.revision);
    };
    how.patient_of = [](const Photo& p) { return p.patient_id; };
    how.check = [&scope](const Photo& photo) {
        const Patient patient = photo_patient(scope, photo);
        check_photo_fits(scope, patient, photo.details);
        // A photo kept without consent stays so; one that had consent must have it on its day.
        if (photo.details.override_reason.empty())
            resolve_consent(scope, patient, photo.details, {});
    };
    return how;
}

} // namespace

ImageType check_image_content(std::string_view bytes, const fs::path& file) {
    const auto type = sniff_image_type(bytes);
    if (!type)
        throw ValidationError("file", fmt::format("{} is not a JPEG or PNG image by its content "
                                                  "(whatever its name says); {}",
                                                  file.string(), allowed_images));
    // Cheap signs of a whole file: a PNG's first chunk is IHDR and its last IEND; a JPEG ends
    // with its end-of-image marker.
    constexpr std::string_view png_end = "IEND\xAE\x42\x60\x82";
    constexpr std::string_view jpeg_end = "\xFF\xD9";
    const bool whole = *type == ImageType::png
                           ? bytes.size() >= 8 + 25 + 12 && bytes.substr(12, 4) == "IHDR" &&
                                 bytes.ends_with(png_end)
                           : bytes.size() >= 4 && bytes.ends_with(jpeg_end);
    if (!whole)
        throw ValidationError(
            "file",
            fmt::format("{} is not a whole {} image (it looks cut short: {}); copy it "
                        "again from the camera",
                        file.string(), *type == ImageType::png ? "PNG" : "JPEG",
                        *type == ImageType::png ? "a PNG starts with IHDR and ends with IEND"
                                                : "a JPEG ends with FF D9"));
    return *type;
}

PhotoId parse_photo_id(std::string_view text) {
    return PhotoId{parse_record_id(text, "photo", "use the number printed by 'photo add'")};
}

Photo add_photo(Scope& scope, std::string_view patient_code, const fs::path& file,
                PhotoDetails details, const std::vector<std::string>& overrides) {
    validate(details, scope.today());
    const std::string bytes = read_photo_file(file);
    PhotoImage image;
    image.type = check_image_content(bytes, file);
    image.sha256 = storage::sha256_hex(bytes);
    image.bytes = static_cast<std::int64_t>(bytes.size());
    image.file_name = file.filename().string();
    check_note("file", image.file_name, 255);
    if (scope.db().path() == ":memory:")
        throw Refused("photos are kept beside the database file; this database has no file");
    const storage::PhotoStore store(scope.db().path());
    // Dropped without keep() when the write fails: a file it created is removed again.
    std::optional<storage::PlacedImage> placed;
    Photo photo = scope.db().write([&] {
        scope.reload_settings(); // the checks use the values in force when it commits
        const Patient patient = open_patient(scope.db(), patient_code, "photo");
        check_photo_fits(scope, patient, details);
        details.override_reason = resolve_consent(scope, patient, details, overrides);
        placed.emplace(store.place(bytes, image.sha256, image.type));
        Photo added{{}, patient.id, image, details, scope.revision(1)};
        added.id =
            storage::PhotoRepository(scope.db()).insert(patient.id, image, details, added.revision);
        append_audit(scope.db(), scope.audit("photo.add", "photo", added.id.value, patient.id.value,
                                             1, details.override_reason));
        return added;
    });
    placed->keep();
    return photo;
}

Photo amend_photo(Scope& scope, PhotoId id, const std::function<void(PhotoDetails&)>& edit,
                  const Correction& correction) {
    check_reason("reason", correction.reason);
    return scope.db().write([&] {
        storage::PhotoRepository photos(scope.db());
        auto how = photo_correction(scope, photos, id);
        how.edit = edit;
        return apply_correction(scope, current_photo(photos, id), correction, CorrectionKind::amend,
                                how);
    });
}

Photo void_photo(Scope& scope, PhotoId id, const Correction& correction) {
    check_reason("reason", correction.reason);
    return scope.db().write([&] {
        storage::PhotoRepository photos(scope.db());
        return apply_correction(scope, current_photo(photos, id), correction,
                                CorrectionKind::void_record, photo_correction(scope, photos, id));
    });
}

std::vector<Photo> list_photos(Scope& scope, std::string_view patient_code) {
    return scope.db().write([&] {
        const Patient patient = find_patient(scope.db(), patient_code);
        auto photos = storage::PhotoRepository(scope.db()).for_patient(patient.id);
        audit_read(scope, "photo.list", "patient", patient.id.value, patient.id.value,
                   patient.revision.number);
        return photos;
    });
}

} // namespace needlebook::records
