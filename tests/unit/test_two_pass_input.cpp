// io::TwoPassInput: a file read twice, the second time as the first, without holding it in
// memory; a pipe's bytes kept in a private copy; a file changed in between is noticed.
#include "needlebook/error.hpp"
#include "needlebook/io/two_pass_input.hpp"

#include "temp_dir.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

namespace fs = std::filesystem;
using needlebook::io::TwoPassInput;

namespace {

std::string all_of(std::istream& in) {
    std::ostringstream text;
    char c = 0;
    while (in.get(c))
        text << c;
    return text.str();
}

std::string sample() {
    std::string text;
    for (int i = 0; i < 20000; ++i) // 300 KB: several reads of the 64 KiB buffer
        text += "row " + std::to_string(i) + ", some text\n";
    return text;
}

} // namespace

TEST_CASE("a regular file reads the same twice") {
    needlebook::test::TempDir folder;
    const auto file = folder.path() / "in.csv";
    const auto text = sample();
    std::ofstream(file, std::ios::binary) << text;
    TwoPassInput input(file);
    CHECK(all_of(input.first()) == text);
    CHECK(input.bytes_read() == text.size());
    CHECK(all_of(input.second()) == text);
    CHECK_NOTHROW(input.check_unchanged());
}

TEST_CASE("a regular file changed between the readings is noticed") {
    needlebook::test::TempDir folder;
    const auto file = folder.path() / "in.csv";
    std::ofstream(file, std::ios::binary) << "a,b\n1,2\n";
    TwoPassInput input(file);
    all_of(input.first());
    std::ofstream(file, std::ios::binary | std::ios::app) << "3,4\n";
    all_of(input.second());
    CHECK_THROWS_AS(input.check_unchanged(), needlebook::FileError);
}

TEST_CASE("a FIFO is read once; the second reading comes from a private copy") {
    needlebook::test::TempDir folder;
    const auto fifo = folder.path() / "in.fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const auto text = sample();
    std::thread writer([&] { std::ofstream(fifo, std::ios::binary) << text; });
    TwoPassInput input(fifo);
    CHECK(all_of(input.first()) == text);
    writer.join();
    CHECK(all_of(input.second()) == text);
    CHECK_NOTHROW(input.check_unchanged());
    // The copy is no file of any folder: nothing is left behind to read later.
    CHECK(std::distance(fs::directory_iterator(folder.path()), {}) == 1);
}

TEST_CASE("a file that cannot be opened names itself and why") {
    needlebook::test::TempDir folder;
    std::string message;
    try {
        TwoPassInput input(folder.path() / "missing.csv");
    } catch (const needlebook::FileError& e) {
        message = e.what();
    }
    CHECK(message.find("missing.csv") != std::string::npos);
    CHECK(message.find("No such file") != std::string::npos);
}
