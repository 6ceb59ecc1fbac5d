// io::AtomicFile: a file is written completely, with mode 0600, or not at all.
#include "needlebook/error.hpp"
#include "needlebook/io/atomic_file.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/stat.h>

namespace fs = std::filesystem;

namespace {

struct TempFolder {
    fs::path path;
    TempFolder() {
        std::string pattern = (fs::temp_directory_path() / "atomic-XXXXXX").string();
        path = ::mkdtemp(pattern.data());
    }
    ~TempFolder() { fs::remove_all(path); }
    int entries() const {
        return static_cast<int>(std::distance(fs::directory_iterator(path), {}));
    }
};

std::string read(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace

TEST_CASE("a committed file has all its bytes and mode 0600, and no temporary file is left") {
    TempFolder folder;
    const auto target = folder.path / "history.html";
    const std::string big(200000, 'x'); // larger than the write buffer
    {
        needlebook::io::AtomicFile file(target);
        file.stream() << "<html>" << big << "</html>\n";
        file.commit();
    }
    CHECK(read(target) == "<html>" + big + "</html>\n");
    struct stat info {};
    REQUIRE(::stat(target.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    CHECK(folder.entries() == 1);
}

TEST_CASE("a file dropped without commit leaves nothing, and the old file as it was") {
    TempFolder folder;
    const auto target = folder.path / "out.csv";
    std::ofstream(target) << "old\n";
    {
        needlebook::io::AtomicFile file(target);
        file.stream() << "new, half written";
    }
    CHECK(read(target) == "old\n");
    CHECK(folder.entries() == 1);
}

TEST_CASE("a missing folder or a folder as the target is refused before anything is written") {
    TempFolder folder;
    CHECK_THROWS_AS(needlebook::io::AtomicFile(folder.path / "no-such" / "x.html"),
                    needlebook::FileError);
    CHECK_THROWS_AS(needlebook::io::AtomicFile(folder.path), needlebook::FileError);
    CHECK(folder.entries() == 0);
}

TEST_CASE("a write that fails (file size limit, like a full disk) leaves the old file and no "
          "temporary file") {
    TempFolder folder;
    const auto target = folder.path / "export.csv";
    std::ofstream(target) << "complete old export\n";
    // Files may grow to 4 KiB only; the kernel then refuses writes with EFBIG, as a full disk
    // refuses them with ENOSPC. SIGXFSZ would kill the process: ignore it for the test.
    rlimit old_limit{};
    ::getrlimit(RLIMIT_FSIZE, &old_limit);
    const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = old_limit;
    small.rlim_cur = 4096;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    std::string message;
    try {
        needlebook::io::AtomicFile file(target);
        file.stream() << std::string(100000, 'y');
        file.commit();
    } catch (const needlebook::FileError& e) {
        message = e.what();
    }
    ::setrlimit(RLIMIT_FSIZE, &old_limit);
    std::signal(SIGXFSZ, old_handler);
    CHECK(message.find("nothing was written") != std::string::npos);
    CHECK(message.find("export.csv") != std::string::npos);
    CHECK(read(target) == "complete old export\n");
    CHECK(folder.entries() == 1);
}
