// A server's images in photo_image (storage/database_image_store.cpp), against a real server: run
// under tests/pg/run_with_server.sh (ctest postgres/connection); skipped without one.
#include "needlebook/error.hpp"
#include "needlebook/storage/database.hpp"
#include "needlebook/storage/database_image_store.hpp"
#include "needlebook/storage/sha256.hpp"

#include "postgres_server.hpp"

#include <doctest/doctest.h>
#include <string>

using namespace needlebook;
using storage::Database;
using test::EmptyDatabase;

namespace {

const bool no_server = test::no_postgres_server;

// Bytes with NULs and every byte value, so nothing is cut short or escaped on the way.
std::string every_byte() {
    std::string bytes = "\xff\xd8\xff";
    for (int round = 0; round < 3; ++round)
        for (int b = 0; b < 256; ++b)
            bytes.push_back(static_cast<char>(b));
    return bytes;
}

PhotoImage image_of(const std::string& bytes) {
    return {storage::sha256_hex(bytes), static_cast<std::int64_t>(bytes.size()), ImageType::jpeg,
            "x.jpg"};
}

std::int64_t rows(Database& db) {
    auto count = db.query("SELECT count(*) FROM photo_image");
    count->step();
    return count->column(0).as_int64();
}

} // namespace

TEST_SUITE_BEGIN("postgres");

TEST_CASE("server images: placed in the write's transaction, read back byte for byte" *
          doctest::skip(no_server)) {
    EmptyDatabase empty;
    auto db = Database::open(empty.uri(), Database::Create::yes);
    const storage::DatabaseImageStore store(db);
    const auto bytes = every_byte();
    const auto image = image_of(bytes);
    CHECK(store.problem_with(image) == "its image is not in the database (table photo_image)");

    // A write that fails leaves no image behind.
    CHECK_THROWS_AS(db.write([&] {
        store.place(bytes, image.sha256, image.type);
        throw Refused("the photo's record was refused");
    }),
                    Refused);
    CHECK(rows(db) == 0);

    db.write([&] { store.place(bytes, image.sha256, image.type); });
    db.write([&] { store.place(bytes, image.sha256, image.type); }); // the same image: reused
    CHECK(rows(db) == 1);
    CHECK_FALSE(store.problem_with(image));
    std::string read;
    CHECK_FALSE(store.read(image, read));
    CHECK(read == bytes);
    CHECK(store.read_small(image, image.bytes) == bytes);
    CHECK_FALSE(store.read_small(image, image.bytes - 1));
    CHECK(store.unnamed_note({image}).empty());
    const auto note = store.unnamed_note({});
    CHECK(note.starts_with("1 image in photo_image no photo record names (first: SHA-256 " +
                           image.sha256));

    // A record naming other bytes than those stored (size or hash) is told so.
    auto longer = image;
    longer.bytes += 1;
    CHECK(store.problem_with(longer) == fmt::format("its image in the database has {} bytes, the "
                                                    "record says {}",
                                                    image.bytes, longer.bytes));
    CHECK(store.read(longer, read));
    CHECK(read.empty());
}

TEST_CASE("server images: the server refuses an image under another image's hash, and changes" *
          doctest::skip(no_server)) {
    EmptyDatabase empty;
    auto db = Database::open(empty.uri(), Database::Create::yes);
    const storage::DatabaseImageStore store(db);
    const std::string bytes = "\xff\xd8\xff real image";
    const auto image = image_of(bytes);
    db.write([&] { store.place(bytes, image.sha256, image.type); });
    // Inserted by hand: the hash must be the content's.
    CHECK_THROWS_AS(db.exec(fmt::format("INSERT INTO photo_image (sha256, content) VALUES ('{}', "
                                        "'forged'::bytea)",
                                        std::string(64, 'a'))),
                    storage::DatabaseFailure);
    CHECK_THROWS_AS(db.exec("UPDATE photo_image SET content = content"), storage::DatabaseFailure);
    CHECK_THROWS_AS(db.exec("DELETE FROM photo_image"), storage::DatabaseFailure);
    CHECK(rows(db) == 1);
}
