// io::make_private_folders and io::UndoCreation: folders made for a new file are 0700 (every
// one of them, whatever the umask), and a failed creation is taken back exactly.
#include "needlebook/error.hpp"
#include "needlebook/io/undo_creation.hpp"

#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using needlebook::io::UndoCreation;

namespace {

mode_t mode_of(const fs::path& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_mode & 07777;
}

} // namespace

TEST_CASE("every folder made is 0700, under umask 000 and 022") {
    for (const mode_t mask : {mode_t{0}, mode_t{022}}) {
        needlebook::test::TempDir folder;
        const mode_t old = ::umask(mask);
        needlebook::io::make_private_folders(folder.path() / "a" / "b" / "c");
        ::umask(old);
        CHECK(mode_of(folder.path() / "a") == 0700);
        CHECK(mode_of(folder.path() / "a" / "b") == 0700);
        CHECK(mode_of(folder.path() / "a" / "b" / "c") == 0700);
    }
}

TEST_CASE("a folder that exists is left with its mode") {
    needlebook::test::TempDir folder;
    fs::create_directory(folder.path() / "shared");
    fs::permissions(folder.path() / "shared", fs::perms(0755));
    needlebook::io::make_private_folders(folder.path() / "shared" / "mine");
    CHECK(mode_of(folder.path() / "shared") == 0755);
    CHECK(mode_of(folder.path() / "shared" / "mine") == 0700);
}

TEST_CASE("a folder that cannot be made is named with the reason") {
    needlebook::test::TempDir folder;
    std::ofstream(folder.path() / "file") << "x";
    CHECK_THROWS_WITH_AS(needlebook::io::make_private_folders(folder.path() / "file" / "sub"),
                         doctest::Contains("cannot use the folder"), needlebook::FileError);
    const auto too_long = folder.path() / "new" / std::string(300, 'x');
    CHECK_THROWS_WITH_AS(needlebook::io::make_private_folders(too_long),
                         doctest::Contains("File name too long"), needlebook::FileError);
}

TEST_CASE("undo removes the new file, its companions and the folders made for it") {
    needlebook::test::TempDir folder;
    const auto file = folder.path() / "x" / "y" / "clinic.db";
    const UndoCreation undo(file, {"-wal", "-shm", "-journal"});
    CHECK(undo.file_is_new());
    needlebook::io::make_private_folders(file.parent_path());
    for (const char* suffix : {"", "-wal", "-shm"})
        std::ofstream(file.string() + suffix) << "x";
    undo.undo();
    CHECK(fs::is_empty(folder.path()));
}

TEST_CASE("undo leaves what existed before, and a folder someone else put a file in") {
    needlebook::test::TempDir folder;
    const auto file = folder.path() / "clinic.db";
    const auto wal = folder.path() / "clinic.db-wal"; // there before: not ours to remove
    fs::create_directory(wal);
    const UndoCreation undo(file, {"-wal", "-shm"});
    std::ofstream(file) << "x";
    std::ofstream(file.string() + "-shm") << "x";
    undo.undo();
    CHECK_FALSE(fs::exists(file));
    CHECK_FALSE(fs::exists(file.string() + "-shm"));
    CHECK(fs::is_directory(wal));

    const auto deeper = folder.path() / "new" / "clinic.db";
    const UndoCreation undo_deeper(deeper, {});
    needlebook::io::make_private_folders(deeper.parent_path());
    std::ofstream(deeper) << "x";
    std::ofstream(deeper.parent_path() / "notes.txt") << "someone else's";
    undo_deeper.undo();
    CHECK_FALSE(fs::exists(deeper));
    CHECK(fs::exists(deeper.parent_path() / "notes.txt"));
}

TEST_CASE("beside a file that exists nothing is taken back, not even a new -wal") {
    needlebook::test::TempDir folder;
    const auto file = folder.path() / "clinic.db";
    std::ofstream(file) << "x";
    const UndoCreation undo(file, {"-wal", "-shm"});
    CHECK_FALSE(undo.file_is_new());
    std::ofstream(file.string() + "-wal") << "another program's log";
    undo.undo();
    CHECK(fs::exists(file));
    CHECK(fs::exists(file.string() + "-wal"));
}
