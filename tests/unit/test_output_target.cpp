// io::resolve_output: where an output's bytes go, by what the name is (a new name, a regular
// file, a link, a FIFO, a device, a folder); io::same_file_as.
#include "needlebook/error.hpp"
#include "needlebook/io/output_target.hpp"

#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using needlebook::io::OutputKind;
using needlebook::io::resolve_output;

namespace {

std::string refusal(const fs::path& target) {
    try {
        resolve_output(target);
    } catch (const needlebook::FileError& e) {
        return e.what();
    }
    return "";
}

} // namespace

TEST_CASE("a new name and a regular file are files; a link leads to the file it names") {
    needlebook::test::TempDir folder;
    auto target = resolve_output(folder.path() / "new.csv");
    CHECK(target.kind == OutputKind::file);
    CHECK_FALSE(target.exists);
    CHECK(target.path == folder.path() / "new.csv");

    std::ofstream(folder.path() / "old.csv") << "x";
    target = resolve_output(folder.path() / "old.csv");
    CHECK(target.kind == OutputKind::file);
    CHECK(target.exists);

    fs::create_directory(folder.path() / "sub");
    fs::create_symlink("../old.csv", folder.path() / "sub" / "one");
    fs::create_symlink("sub/one", folder.path() / "two"); // a chain of relative links
    target = resolve_output(folder.path() / "two");
    CHECK(target.kind == OutputKind::file);
    CHECK(fs::equivalent(target.path, folder.path() / "old.csv"));
    CHECK(target.path.filename() == "old.csv");

    fs::create_symlink("missing.csv", folder.path() / "dangling");
    target = resolve_output(folder.path() / "dangling");
    CHECK_FALSE(target.exists);
    CHECK(target.path == folder.path() / "missing.csv");
}

TEST_CASE("a FIFO and a character device are streams, through links too") {
    needlebook::test::TempDir folder;
    REQUIRE(::mkfifo((folder.path() / "fifo").c_str(), 0600) == 0);
    fs::create_symlink("fifo", folder.path() / "to-fifo");
    CHECK(resolve_output(folder.path() / "fifo").kind == OutputKind::stream);
    CHECK(resolve_output(folder.path() / "to-fifo").kind == OutputKind::stream);
    // /dev/null is only looked at here, never written.
    CHECK(resolve_output("/dev/null").kind == OutputKind::stream);
}

TEST_CASE("a folder, a name ending in '/' and a loop of links are refused, naming the target") {
    needlebook::test::TempDir folder;
    CHECK(refusal(folder.path()).find("it is a folder") != std::string::npos);
    CHECK(refusal(folder.path().string() + "/").find("folder") != std::string::npos);
    fs::create_symlink("b", folder.path() / "a");
    fs::create_symlink("a", folder.path() / "b");
    const auto loop = refusal(folder.path() / "a");
    CHECK(loop.find("loop") != std::string::npos);
    CHECK(loop.find((folder.path() / "a").string()) != std::string::npos);
    CHECK(refusal(folder.path() / "no-such" / "x.csv").empty()); // the temporary file says why
}

TEST_CASE("same_file_as: a name and a descriptor of the same file") {
    needlebook::test::TempDir folder;
    const auto path = folder.path() / "f";
    std::ofstream(path) << "x";
    const int fd = ::open(path.c_str(), O_RDONLY);
    CHECK(needlebook::io::same_file_as(path, fd));
    CHECK_FALSE(needlebook::io::same_file_as(folder.path() / "other", fd));
    ::close(fd);
}
