// Clinical photos: an image checked by its content, kept in the photo store and recorded for the
// patient with its view, day and session; a missing photo consent blocks unless overridden; a
// refusal changes neither the database nor the store; `check` finds a changed file; a merge
// moves the photos.
#include "fixtures.hpp"

#include "needlebook/error.hpp"
#include "needlebook/records/merge.hpp"
#include "needlebook/records/photos.hpp"
#include "needlebook/records/safekeeping.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/storage/photo_repository.hpp"
#include "needlebook/storage/photo_store.hpp"
#include "needlebook/storage/sha256.hpp"
#include "needlebook/storage/verification.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <sys/stat.h>

namespace needlebook::test {
namespace {

namespace fs = std::filesystem;

const storage::Opener opener{std::string(test_actor), fixed_now(), true};

// The smallest files that pass the content checks: signature, then (PNG) IHDR first and IEND
// last, or (JPEG) the end-of-image marker last. Never decoded.
const std::string jpeg_bytes = std::string("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00", 11) + "\xFF\xD9";
const std::string png_bytes = std::string("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR", 16) +
                              std::string(13 + 4, '\x01') +
                              std::string("\x00\x00\x00\x00IEND\xAE\x42\x60\x82", 12);

// A clinic in a database file (the store lives beside it), with a patient whose consent covers
// photos and one that covers treatment only.
struct PhotoClinic {
    TempDir dir;
    fs::path path = dir.path() / "clinic.db";
    storage::Database db = open();
    records::Scope scope{db, fixed_clock(), std::string(test_actor)};
    storage::PhotoStore store{path};
    Patient patient, untreated;
    Session session;

    PhotoClinic() {
        patient = records::register_patient(scope, "P-PHOTO", patient_details());
        records::add_consent(scope, patient.code,
                             {day("2026-01-05"), "microneedling photos", "", std::nullopt});
        untreated = records::register_patient(scope, "P-NOPHOTO", patient_details("Roe", "Ann"));
        records::add_consent(scope, untreated.code,
                             {day("2026-01-05"), "microneedling", "", std::nullopt});
        session = records::log_session(scope, patient.code, session_at("2026-11-20T10:00:00Z"), {})
                      .session;
    }

    storage::Database open() {
        auto opened = storage::Database::open(path, storage::Database::Create::yes, opener);
        storage::SettingsRepository(opened).set("time_zone", std::string(clinic_zone_name),
                                                RevisionInfo{0, "test", fixed_now(), "test zone"});
        // The session names a lot it never registers; lots have their own tests.
        storage::SettingsRepository(opened).set("lot_registration", "off",
                                                RevisionInfo{0, "test", fixed_now(), "test lots"});
        // Audited as a clinic's own changes are, so `check` finds every revision accounted for.
        opened.write([&] {
            storage::audit_unaudited_catalogue(opened, fixed_now(), std::string(test_actor));
        });
        return opened;
    }

    fs::path file(const std::string& name, const std::string& bytes) {
        const auto written = dir.path() / name;
        std::ofstream(written, std::ios::binary) << bytes;
        return written;
    }

    Photo add(const fs::path& image, std::string_view code = "P-PHOTO",
              const std::vector<std::string>& overrides = {}) {
        PhotoDetails details;
        details.view = PhotoView::front;
        details.taken_on = day("2026-11-20");
        details.session = session.id;
        return records::add_photo(scope, code, image, details, overrides).photo;
    }

    storage::DatabaseCheck check() {
        storage::CheckAnchors anchors;
        anchors.photo_store = store.folder();
        return storage::verify_database(db, anchors);
    }

    // The store's files by name, to show that a refusal left it as it was.
    std::vector<std::string> store_files() const {
        std::vector<std::string> names;
        if (fs::exists(store.folder()))
            for (const auto& entry : fs::directory_iterator(store.folder()))
                names.push_back(entry.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    }
};

const storage::CheckSection* section(const storage::DatabaseCheck& check, std::string_view name) {
    for (const auto& s : check.sections)
        if (s.name == name)
            return &s;
    return nullptr;
}

unsigned mode_of(const fs::path& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_mode & 07777;
}

} // namespace

TEST_CASE("a photo is kept in the store and recorded with its view, day, session and audit row") {
    PhotoClinic clinic;
    const auto added = clinic.add(clinic.file("front.jpg", jpeg_bytes));
    CHECK(added.revision.number == 1);
    CHECK(added.image.sha256 == storage::sha256_hex(jpeg_bytes));
    CHECK(added.image.bytes == static_cast<std::int64_t>(jpeg_bytes.size()));
    CHECK(added.image.type == ImageType::jpeg);
    CHECK(added.image.file_name == "front.jpg");
    CHECK(added.details.override_reason.empty());

    const auto stored = clinic.store.file_of(added.image.sha256, ImageType::jpeg);
    CHECK(fs::exists(stored));
    CHECK(mode_of(stored) == 0600);
    CHECK(mode_of(clinic.store.folder()) == 0700);
    CHECK(count_rows(clinic.db, "photo") == 1);
    CHECK(count_rows(clinic.db, "photo_revision") == 1);
    CHECK(test::scalar(clinic.db, "SELECT count(*) FROM audit_log WHERE action = 'photo.add' AND "
                                  "record_kind = 'photo' AND record_hash <> ''")
              .as_int() == 1);

    const auto listed = records::list_photos(clinic.scope, "P-PHOTO");
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].details == added.details);
    CHECK(listed[0].image == added.image);

    const auto check = clinic.check();
    CHECK(check.ok());
    REQUIRE(section(check, "photos"));
    CHECK(section(check, "photos")->checked == 1);
}

TEST_CASE("a PNG is taken, and the same image twice shares one store file") {
    PhotoClinic clinic;
    const auto png = clinic.add(clinic.file("side.png", png_bytes));
    CHECK(png.image.type == ImageType::png);
    clinic.add(clinic.file("again.png", png_bytes));
    CHECK(count_rows(clinic.db, "photo") == 2);
    CHECK(clinic.store_files() == std::vector<std::string>{png.image.sha256 + ".png"});
}

TEST_CASE("a refused photo changes neither the database nor the store") {
    PhotoClinic clinic;
    const auto kept = clinic.add(clinic.file("kept.jpg", jpeg_bytes));
    auto rows = table_counts(clinic.db);
    const auto files = clinic.store_files();
    const auto other = std::string("\xFF\xD8\xFF\xE1", 4) + "another" + "\xFF\xD9";

    SUBCASE("not an image by its content") {
        const auto e = refusal([&] { clinic.add(clinic.file("notes.jpg", "just text")); });
        CHECK(e.field() == "file");
        CHECK(contains(e.what(), "notes.jpg"));
        CHECK(contains(e.what(), "JPEG or PNG"));
    }
    SUBCASE("a PNG cut short") {
        const auto e = refusal(
            [&] { clinic.add(clinic.file("cut.png", png_bytes.substr(0, png_bytes.size() - 6))); });
        CHECK(e.field() == "file");
        CHECK(contains(e.what(), "IEND"));
    }
    SUBCASE("a JPEG cut short") {
        const auto e =
            refusal([&] { clinic.add(clinic.file("cut.jpg", other.substr(0, other.size() - 1))); });
        CHECK(contains(e.what(), "FF D9"));
    }
    SUBCASE("taken in the future") {
        PhotoDetails details{PhotoView::front, day("2026-11-24"), std::nullopt, "", ""};
        const auto e = refusal([&] {
            records::add_photo(clinic.scope, "P-PHOTO", clinic.file("new.jpg", other), details, {});
        });
        CHECK(e.field() == "taken");
    }
    SUBCASE("taken before the patient was born") {
        PhotoDetails details{PhotoView::front, day("1980-01-01"), std::nullopt, "", ""};
        const auto e = refusal([&] {
            records::add_photo(clinic.scope, "P-PHOTO", clinic.file("old.jpg", other), details, {});
        });
        CHECK(e.field() == "taken");
        CHECK(contains(e.what(), "born"));
    }
    SUBCASE("another patient's session") {
        records::add_consent(clinic.scope, "P-NOPHOTO",
                             {day("2026-02-01"), "photos", "", std::nullopt});
        rows = table_counts(clinic.db);
        const auto e = refusal([&] { clinic.add(clinic.file("x.jpg", other), "P-NOPHOTO"); });
        CHECK(e.field() == "session");
    }
    SUBCASE("a voided session") {
        // A session is voided only once nothing names it.
        records::void_photo(clinic.scope, kept.id, {"taken at the other visit", std::nullopt});
        records::void_session(clinic.scope, clinic.session.id, {"logged twice", std::nullopt});
        rows = table_counts(clinic.db);
        const auto e = refusal([&] { clinic.add(clinic.file("x.jpg", other)); });
        CHECK(e.field() == "session");
        CHECK(contains(e.what(), "voided"));
    }
    SUBCASE("no consent covering photos") {
        PhotoDetails details{PhotoView::front, day("2026-11-20"), std::nullopt, "", ""};
        const auto e = thrown<Refused>([&] {
            records::add_photo(clinic.scope, "P-NOPHOTO", clinic.file("x.jpg", other), details, {});
        });
        CHECK(contains(e.what(), "consent:photos"));
        CHECK(contains(e.what(), "--override"));
    }
    SUBCASE("an override whose reason is too short") {
        PhotoDetails details{PhotoView::front, day("2026-11-20"), std::nullopt, "", ""};
        const auto e = refusal([&] {
            records::add_photo(clinic.scope, "P-NOPHOTO", clinic.file("x.jpg", other), details,
                               {"consent:photos=ok"});
        });
        CHECK(e.field() == "override");
        CHECK(contains(e.what(), "override_min_reason"));
    }
    SUBCASE("an override of another finding") {
        PhotoDetails details{PhotoView::front, day("2026-11-20"), std::nullopt, "", ""};
        CHECK_THROWS_AS(records::add_photo(clinic.scope, "P-NOPHOTO", clinic.file("x.jpg", other),
                                           details, {"depth:cheek=deep scars need it"}),
                        UsageError);
    }
    CHECK(table_counts(clinic.db) == rows);
    CHECK(clinic.store_files() == files);
}

TEST_CASE("a missing photo consent is overridden with a reason that is stored") {
    PhotoClinic clinic;
    PhotoDetails details{PhotoView::left_45, day("2026-11-20"), std::nullopt, "", ""};
    const auto added =
        records::add_photo(clinic.scope, "P-NOPHOTO", clinic.file("x.jpg", jpeg_bytes), details,
                           {"consent:photos=verbal consent, form to follow"})
            .photo;
    CHECK(added.details.override_reason == "verbal consent, form to follow");
    CHECK(storage::PhotoRepository(clinic.db).find(added.id)->details.override_reason ==
          "verbal consent, form to follow");
}

TEST_CASE("a photo is amended and voided as revisions; a voided photo's file is still checked") {
    PhotoClinic clinic;
    const auto added = clinic.add(clinic.file("front.jpg", jpeg_bytes));
    const auto amended = records::amend_photo(clinic.scope, added.id,
                                              [](PhotoDetails& d) { d.view = PhotoView::right_45; },
                                              {"wrong side", std::nullopt})
                             .photo;
    CHECK(amended.revision.number == 2);
    CHECK(amended.details.view == PhotoView::right_45);
    CHECK_THROWS_AS(records::amend_photo(clinic.scope, added.id,
                                         [](PhotoDetails& d) { d.view = PhotoView::right_45; },
                                         {"again", 1}),
                    Conflict);
    const auto voided = records::void_photo(clinic.scope, added.id, {"another patient", 2});
    CHECK(voided.revision.voided);
    CHECK(records::list_photos(clinic.scope, "P-PHOTO").empty());
    CHECK(count_rows(clinic.db, "photo_revision") == 3);
    const auto check = clinic.check();
    CHECK(check.ok());
    CHECK(section(check, "photos")->checked == 1);
}

TEST_CASE("a changed, truncated or missing photo file fails the check, naming photo and chart") {
    PhotoClinic clinic;
    const auto added = clinic.add(clinic.file("front.jpg", jpeg_bytes));
    const auto stored = clinic.store.file_of(added.image.sha256, ImageType::jpeg);
    SUBCASE("changed") {
        auto changed = jpeg_bytes;
        changed[7] = 'X';
        std::ofstream(stored, std::ios::binary | std::ios::trunc) << changed;
    }
    SUBCASE("truncated") {
        std::ofstream(stored, std::ios::binary | std::ios::trunc) << jpeg_bytes.substr(0, 4);
    }
    SUBCASE("missing") {
        fs::remove(stored);
    }
    const auto check = clinic.check();
    CHECK_FALSE(check.ok());
    const auto* photos = section(check, "photos");
    REQUIRE(photos);
    CHECK(photos->faults == 1);
    CHECK(contains(*photos->first, fmt::format("photo {} of P-PHOTO", added.id)));
}

TEST_CASE("a merge moves the duplicate chart's photos, voided ones too") {
    PhotoClinic clinic;
    const auto twin = records::register_patient(clinic.scope, "P-TWIN", patient_details());
    records::add_consent(clinic.scope, twin.code, {day("2026-01-05"), "photos", "", std::nullopt});
    PhotoDetails details{PhotoView::front, day("2026-11-21"), std::nullopt, "", ""};
    const auto kept =
        records::add_photo(clinic.scope, twin.code, clinic.file("a.jpg", jpeg_bytes), details, {})
            .photo;
    const auto voided =
        records::add_photo(clinic.scope, twin.code, clinic.file("b.png", png_bytes), details, {})
            .photo;
    records::void_photo(clinic.scope, voided.id, {"blurred", std::nullopt});

    const auto merged =
        records::merge_patient(clinic.scope, twin.code, "P-PHOTO", {"same person", std::nullopt});
    CHECK(merged.photos == 2);
    const auto listed = records::list_photos(clinic.scope, "P-PHOTO");
    REQUIRE(listed.size() == 1);
    CHECK(listed[0].id == kept.id);
    CHECK(listed[0].patient_id == clinic.patient.id);
    CHECK(listed[0].revision.number == 2);
    const auto moved_void = storage::PhotoRepository(clinic.db).find(voided.id);
    CHECK(moved_void->patient_id == clinic.patient.id);
    CHECK(moved_void->revision.voided);
    CHECK(records::list_photos(clinic.scope, twin.code).empty());
    CHECK(clinic.check().ok());
}

TEST_CASE("a backup takes the photo store with it, verified, and a restore brings it back") {
    PhotoClinic clinic;
    const auto jpeg = clinic.add(clinic.file("front.jpg", jpeg_bytes));
    const auto png = clinic.add(clinic.file("side.png", png_bytes));
    records::void_photo(clinic.scope, png.id, {"blurred", std::nullopt});
    const auto backup = clinic.dir.path() / "backup.db";
    const auto copy = records::back_up(clinic.scope, backup);
    CHECK(copy.photos == 2);
    const storage::PhotoStore kept(backup);
    CHECK(mode_of(kept.folder()) == 0700);
    CHECK_FALSE(kept.problem_with(jpeg.image));
    CHECK_FALSE(kept.problem_with(png.image));
    CHECK(mode_of(kept.file_of(png.image.sha256, ImageType::png)) == 0600);

    // The live store loses a file; the restore brings it back from the backup's store.
    fs::remove(clinic.store.file_of(jpeg.image.sha256, ImageType::jpeg));
    const auto restored = records::restore(clinic.path, backup, opener);
    CHECK(restored.photos == 2);
    CHECK_FALSE(clinic.store.problem_with(jpeg.image));
}

TEST_CASE("a backup whose photo file is missing or changed is refused, leaving nothing") {
    PhotoClinic clinic;
    const auto added = clinic.add(clinic.file("front.jpg", jpeg_bytes));
    std::ofstream(clinic.store.file_of(added.image.sha256, ImageType::jpeg),
                  std::ios::binary | std::ios::trunc)
        << "changed";
    const auto backup = clinic.dir.path() / "backup.db";
    const auto e = thrown<Refused>([&] { records::back_up(clinic.scope, backup); });
    CHECK(contains(e.what(), fmt::format("photo {} of P-PHOTO", added.id)));
    CHECK_FALSE(fs::exists(backup));
    CHECK_FALSE(fs::exists(storage::PhotoStore(backup).folder()));
}

TEST_CASE("a restore is refused, changing nothing, when an image is in neither store") {
    PhotoClinic clinic;
    const auto added = clinic.add(clinic.file("front.jpg", jpeg_bytes));
    const auto backup = clinic.dir.path() / "backup.db";
    records::back_up(clinic.scope, backup);
    fs::remove_all(storage::PhotoStore(backup).folder());
    fs::remove(clinic.store.file_of(added.image.sha256, ImageType::jpeg));
    const auto rows = table_counts(clinic.db);
    CHECK_THROWS_AS(records::restore(clinic.path, backup, opener), Refused);
    CHECK(table_counts(clinic.db) == rows);
}

namespace {

// A JPEG laid out as a camera writes one: start marker, an APP0 segment, a scan header and its
// entropy-coded data (an FF in it stuffed as FF 00, a restart marker), then the end marker.
std::string structured_jpeg(std::string_view app_segment = {}) {
    std::string jpeg("\xFF\xD8", 2);
    jpeg += std::string("\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 18);
    jpeg += app_segment;
    jpeg += std::string("\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00", 10);
    jpeg += std::string("\x12\x34\xFF\x00\x56\xFF\xD0\x78\x9A", 9);
    jpeg += std::string("\xFF\xD9", 2);
    return jpeg;
}

} // namespace

TEST_CASE("a JPEG with data after its end marker is whole when its structure leads to that "
          "marker") {
    const auto jpeg = structured_jpeg();
    const fs::path name = "camera.jpg";
    CHECK(records::check_image_content(jpeg, name) == ImageType::jpeg);
    SUBCASE("a second image appended (MPF), then padding") {
        const auto with_more = jpeg + structured_jpeg() + std::string(64, '\0');
        CHECK(records::check_image_content(with_more, name) == ImageType::jpeg);
    }
    SUBCASE("an EXIF thumbnail, with its own end marker, inside an APP1 segment") {
        const auto thumbnail = structured_jpeg();
        std::string app1("\xFF\xE1", 2);
        const auto length = thumbnail.size() + 2 + 6;
        app1 += static_cast<char>(length >> 8);
        app1 += static_cast<char>(length & 0xFF);
        app1 += std::string("Exif\0\0", 6) + thumbnail;
        const auto with_thumbnail = structured_jpeg(app1) + "trailing camera data";
        CHECK(records::check_image_content(with_thumbnail, name) == ImageType::jpeg);
    }
    SUBCASE("fill bytes before a marker") {
        auto filled = jpeg;
        filled.insert(2, "\xFF\xFF");
        CHECK(records::check_image_content(filled + "xyz", name) == ImageType::jpeg);
    }
}

TEST_CASE("bytes that only start like a JPEG, or a JPEG cut short, are refused even with an end "
          "marker inside") {
    const fs::path name = "odd.jpg";
    const auto jpeg = structured_jpeg();
    std::string text;
    SUBCASE("random bytes after FF D8 FF, an FF D9 among them") {
        text = std::string("\xFF\xD8\xFF", 3) + "random bytes " + std::string("\xFF\xD9", 2) +
               "and more random bytes";
    }
    SUBCASE("a segment longer than the file") {
        text = std::string("\xFF\xD8\xFF\xE0\x40\x00JFIF", 10) + std::string("\xFF\xD9", 2) + "x";
    }
    SUBCASE("cut short in its scan") {
        text = jpeg.substr(0, jpeg.size() - 4);
    }
    SUBCASE("an end marker before any scan, then data") {
        text = jpeg.substr(0, 20) + std::string("\xFF\xD9", 2) + "not the image";
    }
    SUBCASE("a second start marker where a segment must be") {
        text = jpeg.substr(0, 20) + std::string("\xFF\xD8\xFF\xD9", 4) + "x";
    }
    const auto e = refusal([&] { records::check_image_content(text, name); });
    CHECK(e.field() == "file");
    CHECK(contains(e.what(), "odd.jpg"));
    CHECK(contains(e.what(), "FF D9"));
}

TEST_CASE("a PNG stays strict: nothing may follow its IEND chunk") {
    CHECK(records::check_image_content(png_bytes, "side.png") == ImageType::png);
    const auto e =
        refusal([&] { records::check_image_content(png_bytes + "trailer", "side.png"); });
    CHECK(e.field() == "file");
    CHECK(contains(e.what(), "IEND"));
}

TEST_CASE("a camera's JPEG with trailing data is added and checked like any other") {
    PhotoClinic clinic;
    const auto bytes = structured_jpeg() + std::string(32, '\0');
    const auto added = clinic.add(clinic.file("camera.jpg", bytes));
    CHECK(added.image.bytes == static_cast<std::int64_t>(bytes.size()));
    CHECK(clinic.check().ok());
}

TEST_CASE("a symbolic link in the store fails the check, naming photo and chart") {
    PhotoClinic clinic;
    const auto added = clinic.add(clinic.file("front.jpg", jpeg_bytes));
    const auto stored = clinic.store.file_of(added.image.sha256, ImageType::jpeg);
    // The same bytes, outside the store: only the link is wrong.
    const auto outside = clinic.file("outside.jpg", jpeg_bytes);
    fs::remove(stored);
    fs::create_symlink(outside, stored);
    const auto check = clinic.check();
    CHECK_FALSE(check.ok());
    const auto* photos = section(check, "photos");
    REQUIRE(photos);
    CHECK(photos->faults == 1);
    CHECK(contains(*photos->first, fmt::format("photo {} of P-PHOTO", added.id)));
    CHECK(contains(*photos->first, "symbolic link"));
    // Nor is the link reused for the same image added again; the database is left as it was.
    const auto rows = table_counts(clinic.db);
    const auto e = thrown<Refused>([&] { clinic.add(clinic.file("again.jpg", jpeg_bytes)); });
    CHECK(contains(e.what(), "symbolic link"));
    CHECK(contains(e.what(), "needlebook check"));
    CHECK(table_counts(clinic.db) == rows);
    CHECK(fs::is_symlink(stored));
}

TEST_CASE("the same image added again warns: of the patient's own photo, or of another "
          "patient's, naming the chart") {
    PhotoClinic clinic;
    const auto first = clinic.add(clinic.file("front.jpg", jpeg_bytes));
    PhotoDetails details{PhotoView::front, day("2026-11-20"), std::nullopt, "", ""};

    SUBCASE("the same patient") {
        const auto again = records::add_photo(clinic.scope, "P-PHOTO",
                                              clinic.file("copy.jpg", jpeg_bytes), details, {});
        REQUIRE(again.warnings.size() == 1);
        CHECK(again.warnings[0].key == "same-image");
        CHECK(again.warnings[0].level == FindingLevel::warning);
        CHECK(contains(again.warnings[0].message,
                       fmt::format("photo {} duplicates photo {}", again.photo.id, first.id)));
        // Nothing names another patient: no disclosure.
        CHECK(count_rows(clinic.db, "audit_disclosure") == 0);
    }
    SUBCASE("another patient: the chart and the photo named, the disclosure audited") {
        const auto other =
            records::add_photo(clinic.scope, "P-NOPHOTO", clinic.file("copy.jpg", jpeg_bytes),
                               details, {"consent:photos=verbal consent, form to follow"});
        REQUIRE(other.warnings.size() == 1);
        CHECK(other.warnings[0].key == "same-image");
        CHECK(contains(other.warnings[0].message,
                       fmt::format("is photo {} (taken 2026-11-20) of P-PHOTO", first.id)));
        CHECK(contains(other.warnings[0].message,
                       fmt::format("needlebook photo void {}", other.photo.id)));
        CHECK(test::scalar(clinic.db, "SELECT count(*) FROM audit_log a JOIN audit_disclosure d ON "
                                      "d.audit_id = a.id WHERE a.action = 'photo.duplicates' AND "
                                      "d.patient_id = " +
                                          std::to_string(clinic.patient.id.value))
                  .as_int() == 1);
        CHECK(clinic.check().ok());
    }
    SUBCASE("several charts: one warning each, naming each chart's photos together") {
        const auto other =
            records::add_photo(clinic.scope, "P-NOPHOTO", clinic.file("copy.jpg", jpeg_bytes),
                               details, {"consent:photos=verbal consent, form to follow"})
                .photo;
        const auto again = clinic.add(clinic.file("again.jpg", jpeg_bytes));
        records::register_patient(clinic.scope, "P-THIRD", patient_details("Poe", "Eve"));
        records::add_consent(clinic.scope, "P-THIRD",
                             {day("2026-01-05"), "photos", "", std::nullopt});
        const auto third = records::add_photo(clinic.scope, "P-THIRD",
                                              clinic.file("third.jpg", jpeg_bytes), details, {});
        REQUIRE(third.warnings.size() == 2);
        CHECK(contains(third.warnings[0].message,
                       fmt::format("photos {} (taken 2026-11-20), {} (taken 2026-11-20) of P-PHOTO",
                                   first.id, again.id)));
        CHECK(contains(third.warnings[1].message,
                       fmt::format("photo {} (taken 2026-11-20) of P-NOPHOTO", other.id)));
        // One disclosure row naming both charts.
        CHECK(test::scalar(clinic.db,
                           "SELECT count(*) FROM audit_disclosure d JOIN audit_log a ON a.id = "
                           "d.audit_id WHERE a.id = (SELECT max(id) FROM audit_log WHERE "
                           "action = 'photo.duplicates')")
                  .as_int() == 2);
    }
    SUBCASE("a voided photo of the same image is not named") {
        records::void_photo(clinic.scope, first.id, {"wrong chart", std::nullopt});
        const auto again = records::add_photo(clinic.scope, "P-PHOTO",
                                              clinic.file("copy.jpg", jpeg_bytes), details, {});
        CHECK(again.warnings.empty());
    }
}

TEST_CASE("an amended day is checked for consent again; an override never moves with the "
          "photo") {
    PhotoClinic clinic;
    PhotoDetails details{PhotoView::front, day("2026-11-20"), std::nullopt, "", ""};
    const auto overridden =
        records::add_photo(clinic.scope, "P-NOPHOTO", clinic.file("x.jpg", jpeg_bytes), details,
                           {"consent:photos=verbal consent on the 20th"})
            .photo;
    const auto to_day = [](const char* text) {
        return [taken = day(text)](PhotoDetails& d) { d.taken_on = taken; };
    };

    SUBCASE("another day without consent is refused, changing nothing") {
        const auto rows = table_counts(clinic.db);
        const auto e = thrown<Refused>([&] {
            records::amend_photo(clinic.scope, overridden.id, to_day("2026-11-19"),
                                 {"taken the day before", std::nullopt});
        });
        CHECK(contains(e.what(), "photo refused by the clinical checks"));
        CHECK(contains(e.what(), "consent:photos: no consent in force on 2026-11-19"));
        CHECK(contains(e.what(), "--override"));
        CHECK(table_counts(clinic.db) == rows);
        CHECK(storage::PhotoRepository(clinic.db).find(overridden.id)->details ==
              overridden.details);
    }
    SUBCASE("another day with its own override stores the new reason") {
        const auto amended =
            records::amend_photo(clinic.scope, overridden.id, to_day("2026-11-19"),
                                 {"taken the day before", std::nullopt},
                                 {"consent:photos=verbal consent on the 19th too"});
        CHECK(amended.photo.details.override_reason == "verbal consent on the 19th too");
        CHECK(amended.photo.revision.number == 2);
    }
    SUBCASE("the same day: the override on file is kept, or its reason corrected") {
        const auto amended = records::amend_photo(
            clinic.scope, overridden.id, [](PhotoDetails& d) { d.view = PhotoView::left_45; },
            {"wrong view", std::nullopt});
        CHECK(amended.photo.details.override_reason == "verbal consent on the 20th");
        CHECK(amended.warnings.empty());
        const auto corrected = records::amend_photo(
            clinic.scope, overridden.id, [](PhotoDetails&) {}, {"reason mistyped", std::nullopt},
            {"consent:photos=verbal consent on the 20th, witnessed"});
        CHECK(corrected.photo.details.override_reason == "verbal consent on the 20th, witnessed");
        // The same reason again changes nothing.
        CHECK_THROWS_AS(
            records::amend_photo(clinic.scope, overridden.id, [](PhotoDetails&) {},
                                 {"again", std::nullopt},
                                 {"consent:photos=verbal consent on the 20th, witnessed"}),
            Conflict);
    }
    SUBCASE("a day a consent covers drops the override; one given then is refused") {
        records::add_consent(clinic.scope, "P-NOPHOTO",
                             {day("2026-11-21"), "microneedling photos", "", std::nullopt});
        CHECK_THROWS_AS(records::amend_photo(clinic.scope, overridden.id, to_day("2026-11-22"),
                                             {"taken later", std::nullopt},
                                             {"consent:photos=verbal consent on the 20th"}),
                        Refused);
        const auto amended = records::amend_photo(clinic.scope, overridden.id, to_day("2026-11-22"),
                                                  {"taken later", std::nullopt});
        CHECK(amended.photo.details.override_reason.empty());
    }
    SUBCASE("only consent:photos can be overridden") {
        CHECK_THROWS_AS(records::amend_photo(clinic.scope, overridden.id, to_day("2026-11-19"),
                                             {"taken the day before", std::nullopt},
                                             {"depth:cheek=deep scars need it"}),
                        UsageError);
    }
}

TEST_CASE("a photo that had consent needs an override when moved to a day before it") {
    PhotoClinic clinic;
    const auto added = clinic.add(clinic.file("front.jpg", jpeg_bytes));
    const auto earlier = [](PhotoDetails& d) {
        d.taken_on = day("2025-12-01");
        d.session.reset();
    };
    CHECK_THROWS_AS(
        records::amend_photo(clinic.scope, added.id, earlier, {"taken last year", std::nullopt}),
        Refused);
    const auto e = refusal([&] {
        records::amend_photo(clinic.scope, added.id,
                             [](PhotoDetails& d) { d.taken_on = day("2026-11-24"); },
                             {"typo", std::nullopt});
    });
    CHECK(e.field() == "taken");
    const auto amended =
        records::amend_photo(clinic.scope, added.id, earlier, {"taken last year", std::nullopt},
                             {"consent:photos=consent form of 2025 lost, verbal agreement"});
    CHECK(amended.photo.details.override_reason == "consent form of 2025 lost, verbal agreement");
}

TEST_CASE("a consent voided since the photo only warns when the day is not amended") {
    PhotoClinic clinic;
    const auto added = clinic.add(clinic.file("front.jpg", jpeg_bytes));
    const auto consents = records::consents_of(clinic.db, clinic.patient.id);
    REQUIRE(consents.size() == 1);
    records::void_consent(clinic.scope, consents[0].id, {"signed by someone else", std::nullopt});
    const auto amended =
        records::amend_photo(clinic.scope, added.id, [](PhotoDetails& d) { d.note = "ring light"; },
                             {"note added", std::nullopt});
    REQUIRE(amended.warnings.size() == 1);
    CHECK(amended.warnings[0].key == "consent:photos");
    CHECK(contains(amended.warnings[0].message, "(so before this amendment too)"));
    CHECK(amended.photo.details.override_reason.empty());
}

} // namespace needlebook::test
