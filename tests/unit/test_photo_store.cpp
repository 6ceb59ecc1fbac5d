// The clinic's photo store: content-addressed files beside the database, private, never
// overwritten, taken back when the write they were placed for fails, and checked byte for byte.
#include "temp_dir.hpp"

#include "needlebook/error.hpp"
#include "needlebook/storage/photo_store.hpp"
#include "needlebook/storage/sha256.hpp"

#include <doctest/doctest.h>
#include <fstream>
#include <iterator>
#include <sys/stat.h>

namespace needlebook::test {
namespace {

namespace fs = std::filesystem;

// A tiny JPEG as far as the store cares: its bytes are never decoded.
const std::string jpeg_bytes = std::string("\xFF\xD8\xFF\xE0", 4) + "synthetic" + "\xFF\xD9";

unsigned mode_of(const fs::path& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_mode & 07777;
}

std::string read_bytes(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const fs::path& file, const std::string& bytes) {
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

PhotoImage image_of(const std::string& bytes) {
    return {storage::sha256_hex(bytes), static_cast<std::int64_t>(bytes.size()), ImageType::jpeg,
            "front.jpg"};
}

} // namespace

TEST_CASE("the store keeps an image under its hash, private, beside the database") {
    TempDir dir;
    const storage::PhotoStore store(dir.path() / "clinic.db");
    CHECK(store.folder() == dir.path() / "clinic.db.photos");
    const auto image = image_of(jpeg_bytes);
    auto placed = store.place(jpeg_bytes, image.sha256, ImageType::jpeg);
    placed.keep();
    CHECK(placed.created());
    CHECK(placed.file() == store.folder() / (image.sha256 + ".jpg"));
    CHECK(read_bytes(placed.file()) == jpeg_bytes);
    CHECK(mode_of(store.folder()) == 0700);
    CHECK(mode_of(placed.file()) == 0600);
    CHECK_FALSE(store.problem_with(image));
    // No temporary file is left beside it.
    CHECK(std::distance(fs::directory_iterator(store.folder()), fs::directory_iterator()) == 1);
}

TEST_CASE("the same image placed again reuses the stored file") {
    TempDir dir;
    const storage::PhotoStore store(dir.path() / "clinic.db");
    const auto image = image_of(jpeg_bytes);
    store.place(jpeg_bytes, image.sha256, ImageType::jpeg).keep();
    {
        auto again = store.place(jpeg_bytes, image.sha256, ImageType::jpeg);
        CHECK_FALSE(again.created());
    } // dropped without keep(): a file it did not create stays
    CHECK(read_bytes(store.file_of(image.sha256, ImageType::jpeg)) == jpeg_bytes);
}

TEST_CASE("an image placed for a write that fails is taken back, with the new folder") {
    TempDir dir;
    const storage::PhotoStore store(dir.path() / "clinic.db");
    const auto image = image_of(jpeg_bytes);
    {
        auto placed = store.place(jpeg_bytes, image.sha256, ImageType::jpeg);
        CHECK(fs::exists(placed.file()));
    }
    CHECK_FALSE(fs::exists(store.folder()));
}

TEST_CASE("a stored file whose bytes do not hash to its name is never reused or replaced") {
    TempDir dir;
    const storage::PhotoStore store(dir.path() / "clinic.db");
    const auto image = image_of(jpeg_bytes);
    store.place(jpeg_bytes, image.sha256, ImageType::jpeg).keep();
    const auto file = store.file_of(image.sha256, ImageType::jpeg);
    write_bytes(file, "tampered");
    try {
        (void)store.place(jpeg_bytes, image.sha256, ImageType::jpeg);
        FAIL("a changed store file was reused");
    } catch (const Refused& e) {
        CHECK(std::string(e.what()).find("needlebook check") != std::string::npos);
    }
    CHECK(read_bytes(file) == "tampered");
}

TEST_CASE("a stored file is checked for presence, size and hash") {
    TempDir dir;
    const storage::PhotoStore store(dir.path() / "clinic.db");
    const auto image = image_of(jpeg_bytes);
    store.place(jpeg_bytes, image.sha256, ImageType::jpeg).keep();
    const auto file = store.file_of(image.sha256, ImageType::jpeg);

    SUBCASE("changed, same size") {
        auto changed = jpeg_bytes;
        changed[6] = 'X';
        write_bytes(file, changed);
        const auto problem = store.problem_with(image);
        REQUIRE(problem);
        CHECK(problem->find("does not hash") != std::string::npos);
    }
    SUBCASE("truncated") {
        write_bytes(file, jpeg_bytes.substr(0, 5));
        const auto problem = store.problem_with(image);
        REQUIRE(problem);
        CHECK(problem->find("has 5 bytes") != std::string::npos);
    }
    SUBCASE("missing") {
        fs::remove(file);
        const auto problem = store.problem_with(image);
        REQUIRE(problem);
        CHECK(problem->find("missing") != std::string::npos);
    }
}

TEST_CASE("a symbolic link or another kind of file in the store is a problem, never followed "
          "or reused") {
    TempDir dir;
    const storage::PhotoStore store(dir.path() / "clinic.db");
    const auto image = image_of(jpeg_bytes);
    store.place(jpeg_bytes, image.sha256, ImageType::jpeg).keep();
    const auto file = store.file_of(image.sha256, ImageType::jpeg);
    fs::remove(file);

    SUBCASE("a link to the very same bytes outside the store") {
        const auto outside = dir.path() / "outside.jpg";
        write_bytes(outside, jpeg_bytes);
        fs::create_symlink(outside, file);
        const auto problem = store.problem_with(image);
        REQUIRE(problem);
        CHECK(problem->find("symbolic link") != std::string::npos);
        CHECK_FALSE(store.read_small(image, 1024));
        CHECK_THROWS_AS((void)store.place(jpeg_bytes, image.sha256, ImageType::jpeg), Refused);
        CHECK(fs::is_symlink(file));
        CHECK(read_bytes(outside) == jpeg_bytes);
    }
    SUBCASE("a link that leads nowhere") {
        fs::create_symlink(dir.path() / "gone.jpg", file);
        const auto problem = store.problem_with(image);
        REQUIRE(problem);
        CHECK(problem->find("symbolic link") != std::string::npos);
        CHECK_THROWS_AS((void)store.place(jpeg_bytes, image.sha256, ImageType::jpeg), Refused);
        CHECK(fs::is_symlink(file));
    }
    SUBCASE("a FIFO: not waited on") {
        REQUIRE(::mkfifo(file.c_str(), 0600) == 0);
        const auto problem = store.problem_with(image);
        REQUIRE(problem);
        CHECK(problem->find("not a regular file") != std::string::npos);
        CHECK_FALSE(store.read_small(image, 1024));
        CHECK_THROWS_AS((void)store.place(jpeg_bytes, image.sha256, ImageType::jpeg), Refused);
    }
    SUBCASE("a folder") {
        fs::create_directory(file);
        const auto problem = store.problem_with(image);
        REQUIRE(problem);
        CHECK(problem->find("not a regular file") != std::string::npos);
    }
}

TEST_CASE("a stored file is read for a history only when it is the regular file on record") {
    TempDir dir;
    const storage::PhotoStore store(dir.path() / "clinic.db");
    const auto image = image_of(jpeg_bytes);
    store.place(jpeg_bytes, image.sha256, ImageType::jpeg).keep();
    CHECK(store.read_small(image, 1024) == jpeg_bytes);
    CHECK_FALSE(store.read_small(image, 4)); // larger than asked
    write_bytes(store.file_of(image.sha256, ImageType::jpeg), jpeg_bytes + "grown");
    CHECK_FALSE(store.read_small(image, 1024));
}

} // namespace needlebook::test
