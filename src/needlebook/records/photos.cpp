#include "needlebook/records/photos.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/safekeeping.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/rules/clinical_checks.hpp"
#include "needlebook/rules/overrides.hpp"
#include "needlebook/storage/image_store.hpp"
#include "needlebook/storage/photo_repository.hpp"
#include "needlebook/storage/sha256.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
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

// Where the JPEG `bytes` (starting with its start-of-image marker FF D8) end, by its structure:
// marker segments, each with its length, up to a start of scan (FF DA), whose entropy-coded
// data runs to the next marker that is not a restart (FF D0-D7) or a stuffed FF 00, and so on
// until the end-of-image marker FF D9 after at least one scan. The offset just past FF D9;
// nothing when the structure breaks (not a JPEG, or cut short) before it. A camera's second
// image inside an APP segment (an EXIF thumbnail) is skipped by its segment's length.
std::optional<std::size_t> jpeg_end_of_image(std::string_view bytes) {
    const auto at = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    std::size_t pos = 2; // past FF D8
    bool scanned = false;
    while (pos < bytes.size()) {
        if (at(pos) != 0xFF)
            return std::nullopt; // a marker must come here
        while (pos < bytes.size() && at(pos) == 0xFF)
            ++pos; // fill bytes before a marker
        if (pos >= bytes.size())
            return std::nullopt;
        const unsigned char marker = at(pos++);
        if (marker == 0xD9)
            return scanned ? std::optional(pos) : std::nullopt;
        if (marker == 0x00 || marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7))
            return std::nullopt; // not a marker that may stand here
        if (marker == 0x01)
            continue; // TEM: a marker without a segment
        if (pos + 2 > bytes.size())
            return std::nullopt;
        const std::size_t length = (std::size_t{at(pos)} << 8) | at(pos + 1);
        if (length < 2 || pos + length > bytes.size())
            return std::nullopt;
        pos += length;
        if (marker != 0xDA)
            continue;
        scanned = true;
        // The scan's entropy-coded data: an FF in it is followed by 00 or a restart marker.
        for (;;) {
            const auto ff = bytes.find('\xFF', pos);
            if (ff == std::string_view::npos || ff + 1 >= bytes.size())
                return std::nullopt;
            const unsigned char next = at(ff + 1);
            if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                pos = ff + 2;
                continue;
            }
            pos = ff; // the next marker (FF FF: fill before it)
            break;
        }
    }
    return std::nullopt;
}

// The photo's patient as it is now: its chart must take new records.
Patient photo_patient(Scope& scope, const Photo& photo) {
    return find_patient_by_id(scope.db(), photo.patient_id);
}

std::string consent_key() {
    return fmt::format("consent:{}", ConsentScope::photos);
}

// What a photo revision stores of its checks, and what it only says.
struct PhotoFindings {
    std::string override_reason; // the accepted "consent:photos", empty when none is needed
    std::vector<SessionFinding> warnings;
};

// The consent check of `details`, resolved as a session's findings are (rules::sort_findings,
// rules::resolve_overrides): a photo can only override "consent:photos"; for an amendment
// (`previous` set) the override on file is carried only while the finding is the same, i.e.
// the day is, and the finding the old day raises too only warns.
PhotoFindings resolve_findings(Scope& scope, const Patient& patient, const PhotoDetails& details,
                               const std::vector<std::string>& overrides,
                               const RevisionInfo& revision, const Photo* previous = nullptr) {
    const std::string key = consent_key();
    std::vector<rules::OverrideRequest> requests;
    for (const auto& text : overrides) {
        auto request = rules::parse_override(text);
        if (request.key != key)
            throw UsageError(fmt::format("--override {}: a photo can only override {} "
                                         "(--override {}=\"why it is kept without consent\")",
                                         visible(text), key, key));
        requests.push_back(std::move(request));
    }
    const auto check = [&](const PhotoDetails& checked) {
        std::vector<rules::Finding> findings;
        if (auto finding = photo_consent_finding(scope, patient, checked.taken_on))
            findings.push_back(std::move(*finding));
        return findings;
    };
    std::vector<rules::Finding> before;
    std::vector<SessionFinding> on_file;
    if (previous) {
        before = check(previous->details);
        // The override on file accepted the finding of the previous day, as it reads now.
        if (!previous->details.override_reason.empty() && !before.empty())
            on_file.push_back({key, FindingLevel::overridden, before.front().message,
                               previous->details.override_reason, previous->revision.author,
                               previous->revision.recorded_at});
    }
    auto sorted = rules::sort_findings(check(details), before, on_file);
    const auto stored =
        rules::resolve_overrides(sorted.blocking, sorted.carried, sorted.warnings, requests,
                                 scope.settings().override_min_reason, revision, "photo");
    PhotoFindings result;
    for (const auto& finding : stored) {
        if (finding.level == FindingLevel::overridden)
            result.override_reason = finding.override_reason;
        else
            result.warnings.push_back(finding);
    }
    return result;
}

// "same-image" warnings: each patient with a photo that stands and has the same image as the
// new photo `added`, the patient's own first. Naming another patient's chart is a disclosure,
// audited as such.
std::vector<SessionFinding> same_image_warnings(Scope& scope, const Patient& patient,
                                                const Photo& added) {
    std::vector<Photo> same;
    for (auto& photo : storage::PhotoRepository(scope.db()).with_image(added.image.sha256))
        if (photo.id != added.id)
            same.push_back(std::move(photo));
    // By chart, the patient's own first, each chart's photos by id.
    std::stable_sort(same.begin(), same.end(), [&](const Photo& a, const Photo& b) {
        return std::pair(a.patient_id != patient.id, a.patient_id.value) <
               std::pair(b.patient_id != patient.id, b.patient_id.value);
    });
    std::vector<SessionFinding> warnings;
    std::vector<std::int64_t> others;
    const auto warn = [&](std::string message) {
        warnings.push_back({"same-image", FindingLevel::warning, std::move(message), "", "", {}});
    };
    for (auto at = same.begin(); at != same.end();) {
        const auto chart = at->patient_id;
        const auto next =
            std::find_if(at, same.end(), [&](const Photo& p) { return p.patient_id != chart; });
        std::vector<std::string> ids;
        for (auto it = at; it != next; ++it)
            ids.push_back(
                fmt::format("{} (taken {})", it->id, time::format_date(it->details.taken_on)));
        const auto which =
            fmt::format("photo{} {}", ids.size() == 1 ? "" : "s", fmt::join(ids, ", "));
        if (chart == patient.id) {
            warn(fmt::format("photo {} duplicates {} of {}: the same image (same SHA-256); if it "
                             "was added twice, void it with 'needlebook photo void {} --reason …'",
                             added.id, which, patient.code, added.id));
        } else {
            const Patient other = find_patient_by_id(scope.db(), chart);
            others.push_back(other.id.value);
            warn(fmt::format("the same image (same SHA-256) is {} of {}, another patient; if "
                             "photo {} is on the wrong chart, void it with 'needlebook photo void "
                             "{} --reason …'",
                             which, other.code, added.id, added.id));
        }
        at = next;
    }
    if (!others.empty())
        audit_disclosure(scope, "photo.duplicates",
                         fmt::format("photo {} of {}: the same image on {} other chart{} named "
                                     "in a warning",
                                     added.id, patient.code, others.size(),
                                     others.size() == 1 ? "" : "s"),
                         others);
    return warnings;
}

Photo current_photo(storage::PhotoRepository& photos, PhotoId id) {
    auto found = photos.find(id);
    if (!found)
        throw NotFound(fmt::format("no photo {}; photo ids are printed by 'photo add' and 'photo "
                                   "list'",
                                   id));
    return std::move(*found);
}

RecordCorrection<Photo> photo_correction(storage::PhotoRepository& photos, PhotoId id) {
    RecordCorrection<Photo> how;
    how.kind = "photo";
    how.label = fmt::format("photo {}", id);
    how.store = [&photos](const Photo& p) {
        photos.add_revision(p.id, p.patient_id, p.details, p.revision);
    };
    how.patient_of = [](const Photo& p) { return p.patient_id; };
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
    // with its end-of-image marker, or its structure leads to that marker and what follows it
    // is data a camera appended.
    constexpr std::string_view png_end = "IEND\xAE\x42\x60\x82";
    constexpr std::string_view jpeg_end = "\xFF\xD9";
    const bool whole = *type == ImageType::png
                           ? bytes.size() >= 8 + 25 + 12 && bytes.substr(12, 4) == "IHDR" &&
                                 bytes.ends_with(png_end)
                           : bytes.size() >= 4 && (bytes.ends_with(jpeg_end) ||
                                                   jpeg_end_of_image(bytes).has_value());
    if (!whole)
        throw ValidationError(
            "file", fmt::format("{} is not a whole {} image (it looks cut short: {}); copy it "
                                "again from the camera",
                                file.string(), *type == ImageType::png ? "PNG" : "JPEG",
                                *type == ImageType::png
                                    ? "a PNG starts with IHDR and ends with IEND"
                                    : "a JPEG's markers lead from FF D8 to its end marker FF D9"));
    return *type;
}

void check_photo_fits(Scope& scope, const Patient& patient, const PhotoDetails& details) {
    validate(details, scope.today());
    check_not_before_birth(patient, details.taken_on, "taken", "photo taken");
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

std::optional<rules::Finding> photo_consent_finding(Scope& scope, const Patient& patient,
                                                    time::Date day) {
    rules::PatientFile file;
    file.consents = consents_of(scope.db(), patient.id);
    return rules::check_photo_consent(day, file, scope.settings());
}

PhotoId parse_photo_id(std::string_view text) {
    return PhotoId{parse_record_id(text, "photo", "use the number printed by 'photo add'")};
}

RecordedPhoto add_photo(Scope& scope, std::string_view patient_code, const fs::path& file,
                        PhotoDetails details, const std::vector<std::string>& overrides) {
    validate(details, scope.today());
    const std::string bytes = read_photo_file(file);
    PhotoImage image;
    image.type = check_image_content(bytes, file);
    image.sha256 = storage::sha256_hex(bytes);
    image.bytes = static_cast<std::int64_t>(bytes.size());
    image.file_name = file.filename().string();
    check_note("file", image.file_name, 255);
    const auto store = storage::image_store_of(scope.db());
    // Dropped without keep() when the write fails: a file it created is removed again.
    std::optional<storage::PlacedImage> placed;
    RecordedPhoto recorded = scope.db().write([&] {
        scope.reload_settings(); // the checks use the values in force when it commits
        const Patient patient = open_patient(scope.db(), patient_code, "photo");
        check_photo_fits(scope, patient, details);
        const auto revision = scope.revision(1);
        auto findings = resolve_findings(scope, patient, details, overrides, revision);
        details.override_reason = findings.override_reason;
        placed.emplace(store->place(bytes, image.sha256, image.type));
        Photo added{{}, patient.id, image, details, revision};
        added.id =
            storage::PhotoRepository(scope.db()).insert(patient.id, image, details, added.revision);
        append_audit(scope.db(), scope.audit("photo.add", "photo", added.id.value, patient.id.value,
                                             1, details.override_reason));
        auto warnings = same_image_warnings(scope, patient, added);
        warnings.insert(warnings.end(), findings.warnings.begin(), findings.warnings.end());
        return RecordedPhoto{std::move(added), std::move(warnings)};
    });
    placed->keep();
    return recorded;
}

RecordedPhoto amend_photo(Scope& scope, PhotoId id, const std::function<void(PhotoDetails&)>& edit,
                          const Correction& correction, const std::vector<std::string>& overrides) {
    check_reason("reason", correction.reason);
    return scope.db().write([&] {
        scope.reload_settings(); // the checks use the values in force when it commits
        storage::PhotoRepository photos(scope.db());
        const Photo current = current_photo(photos, id);
        std::vector<SessionFinding> warnings;
        auto how = photo_correction(photos, id);
        // Checked as on entry, before "nothing to amend" is decided: an override given only to
        // correct the reason on file changes the details too.
        how.edit = [&](PhotoDetails& details) {
            edit(details);
            const Patient patient = photo_patient(scope, current);
            check_photo_fits(scope, patient, details);
            auto findings = resolve_findings(
                scope, patient, details, overrides,
                scope.revision(current.revision.number + 1, correction.reason), &current);
            details.override_reason = std::move(findings.override_reason);
            warnings = std::move(findings.warnings);
        };
        how.check = [](const Photo&) {}; // done by the edit
        Photo amended = apply_correction(scope, current, correction, CorrectionKind::amend, how);
        return RecordedPhoto{std::move(amended), std::move(warnings)};
    });
}

Photo void_photo(Scope& scope, PhotoId id, const Correction& correction) {
    check_reason("reason", correction.reason);
    return scope.db().write([&] {
        storage::PhotoRepository photos(scope.db());
        return apply_correction(scope, current_photo(photos, id), correction,
                                CorrectionKind::void_record, photo_correction(photos, id));
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
