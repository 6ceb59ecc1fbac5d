// io::AtomicFile: a file is written completely, with mode 0600, or not at all; a symbolic
// link is followed and stays a link; a FIFO or a character device is written directly.
#include "needlebook/error.hpp"
#include "needlebook/io/atomic_file.hpp"

#include <csignal>
#include <doctest/doctest.h>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>

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

namespace {

bool is_link(const fs::path& path) {
    struct stat info {};
    return ::lstat(path.c_str(), &info) == 0 && S_ISLNK(info.st_mode);
}

mode_t kind_of(const fs::path& path) {
    struct stat info {};
    REQUIRE(::lstat(path.c_str(), &info) == 0);
    return info.st_mode & S_IFMT;
}

} // namespace

TEST_CASE("a symbolic link stays a link: the file it names is replaced, beside that file") {
    TempFolder folder;
    fs::create_directory(folder.path / "real");
    const auto real = folder.path / "real" / "history.txt";
    std::ofstream(real) << "old\n";
    fs::create_symlink("real/history.txt", folder.path / "link.txt"); // relative, as ln -s makes
    {
        needlebook::io::AtomicFile file(folder.path / "link.txt");
        file.stream() << "new\n";
        file.commit();
    }
    CHECK(is_link(folder.path / "link.txt"));
    CHECK(fs::read_symlink(folder.path / "link.txt") == "real/history.txt");
    CHECK(read(real) == "new\n");
    CHECK(folder.entries() == 2); // real/ and the link: no temporary file left anywhere
    CHECK(std::distance(fs::directory_iterator(folder.path / "real"), {}) == 1);

    SUBCASE("a link to a name not taken yet makes that file, and the link stays") {
        fs::create_symlink("real/new.txt", folder.path / "dangling.txt");
        needlebook::io::AtomicFile file(folder.path / "dangling.txt");
        file.stream() << "made\n";
        file.commit();
        CHECK(is_link(folder.path / "dangling.txt"));
        CHECK(read(folder.path / "real" / "new.txt") == "made\n");
    }
}

TEST_CASE("a FIFO is written directly: the reader gets every byte and the FIFO stays a FIFO") {
    TempFolder folder;
    const auto fifo = folder.path / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const std::string text = std::string(300000, 'f') + "\n"; // more than a pipe's buffer
    std::string received;
    std::thread reader([&] { received = read(fifo); });
    {
        needlebook::io::AtomicFile file(fifo); // waits for the reader
        file.stream() << text;
        file.commit();
    }
    reader.join();
    CHECK(received == text);
    CHECK(kind_of(fifo) == S_IFIFO);
    CHECK(folder.entries() == 1);
}

TEST_CASE("a FIFO whose reader goes away is a write error with a message, not SIGPIPE") {
    TempFolder folder;
    const auto fifo = folder.path / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::thread reader([&] {
        std::ifstream in(fifo, std::ios::binary);
        char start[10];
        in.read(start, sizeof start); // then goes away
    });
    std::string message;
    try {
        needlebook::io::AtomicFile file(fifo);
        file.stream() << std::string(1 << 20, 'x'); // far more than a pipe holds
        reader.join();
        file.stream() << std::string(1 << 20, 'y');
        file.commit();
    } catch (const needlebook::FileError& e) {
        message = e.what();
    }
    if (reader.joinable())
        reader.join();
    CHECK(message.find("Broken pipe") != std::string::npos);
    CHECK(message.find("incomplete") != std::string::npos);
    struct sigaction now {};
    ::sigaction(SIGPIPE, nullptr, &now);
    CHECK((now.sa_handler == SIG_DFL)); // as it was before the file was opened
}

TEST_CASE("a character device is written directly and stays a device") {
    TempFolder folder;
    const auto device = folder.path / "null";
    // A private null device (root only; the suite runs as root in CI), never the real /dev/null.
    if (::mknod(device.c_str(), S_IFCHR | 0600, ::makedev(1, 3)) != 0) {
        MESSAGE("mknod needs root: skipped");
        return;
    }
    {
        needlebook::io::AtomicFile file(device);
        file.stream() << "history that nobody keeps\n";
        file.commit();
    }
    CHECK(kind_of(device) == S_IFCHR);
    CHECK(folder.entries() == 1);
}

TEST_CASE("a file name of 255 bytes (NAME_MAX) can be written and replaced") {
    TempFolder folder;
    const auto target = folder.path / (std::string(251, 'n') + ".csv");
    REQUIRE(target.filename().string().size() == 255);
    for (const char* text : {"first\n", "second\n"}) {
        needlebook::io::AtomicFile file(target);
        file.stream() << text;
        file.commit();
    }
    CHECK(read(target) == "second\n");
    CHECK(folder.entries() == 1);
}

TEST_CASE("a socket is refused, naming what it is") {
    TempFolder folder;
    const auto path = folder.path / "sock";
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path.c_str());
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    std::string message;
    try {
        needlebook::io::AtomicFile file(path);
    } catch (const needlebook::FileError& e) {
        message = e.what();
    }
    ::close(fd);
    CHECK(message.find("a socket") != std::string::npos);
}
