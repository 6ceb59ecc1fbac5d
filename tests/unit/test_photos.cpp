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
        return records::add_photo(scope, code, image, details, overrides);
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
    CHECK(clinic.db.sql()
              .execAndGet("SELECT count(*) FROM audit_log WHERE action = 'photo.add' AND "
                          "record_kind = 'photo' AND record_hash <> ''")
              .getInt() == 1);

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
                           {"consent:photos=verbal consent, form to follow"});
    CHECK(added.details.override_reason == "verbal consent, form to follow");
    CHECK(storage::PhotoRepository(clinic.db).find(added.id)->details.override_reason ==
          "verbal consent, form to follow");
}

TEST_CASE("a photo is amended and voided as revisions; a voided photo's file is still checked") {
    PhotoClinic clinic;
    const auto added = clinic.add(clinic.file("front.jpg", jpeg_bytes));
    const auto amended = records::amend_photo(clinic.scope, added.id,
                                              [](PhotoDetails& d) { d.view = PhotoView::right_45; },
                                              {"wrong side", std::nullopt});
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
        records::add_photo(clinic.scope, twin.code, clinic.file("a.jpg", jpeg_bytes), details, {});
    const auto voided =
        records::add_photo(clinic.scope, twin.code, clinic.file("b.png", png_bytes), details, {});
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

} // namespace needlebook::test
