#include "needlebook/io/output_target.hpp"

#include "needlebook/error.hpp"

#include <cerrno>
#include <climits>
#include <cstring>
#include <fmt/format.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace needlebook::io {
namespace {

namespace fs = std::filesystem;

constexpr int most_links = 40; // as the kernel's own limit on links followed in one path

[[noreturn]] void refuse(const fs::path& target, const std::string& why) {
    throw FileError(fmt::format("cannot write {}: {}", target.string(), why));
}

std::string kind_of(mode_t mode) {
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISSOCK(mode))
        return "a socket";
    return "not a regular file";
}

} // namespace

fs::path follow_links(const fs::path& target) {
    fs::path path = target;
    for (int hops = 0; hops <= most_links; ++hops) {
        struct stat info {};
        if (::lstat(path.c_str(), &info) != 0 || !S_ISLNK(info.st_mode))
            return path;
        std::string link(PATH_MAX, '\0');
        const auto length = ::readlink(path.c_str(), link.data(), link.size());
        if (length < 0)
            refuse(target,
                   fmt::format("cannot read the link {}: {}", path.string(), std::strerror(errno)));
        link.resize(static_cast<std::size_t>(length));
        const fs::path next(link);
        path = next.is_absolute() || !path.has_parent_path() ? next : path.parent_path() / next;
    }
    refuse(target, fmt::format("more than {} symbolic links in a row (a loop?)", most_links));
}

OutputTarget resolve_output(const fs::path& target) {
    if (target.empty() || !target.has_filename())
        refuse(target, "it names a folder, not a file (give a file name)");
    struct stat info {};
    if (::stat(target.c_str(), &info) == 0) { // through every link
        if (S_ISDIR(info.st_mode))
            refuse(target, "it is a folder, not a file name");
        if (S_ISFIFO(info.st_mode) || S_ISCHR(info.st_mode))
            return {target, OutputKind::stream, true};
        if (!S_ISREG(info.st_mode))
            refuse(target, fmt::format("it is {}; give a file name, a FIFO or a character "
                                       "device such as /dev/stdout",
                                       kind_of(info.st_mode)));
        return {follow_links(target), OutputKind::file, true};
    }
    if (errno == ELOOP)
        refuse(target, "its symbolic links form a loop");
    if (errno != ENOENT) // EACCES, ENOTDIR, ENAMETOOLONG: the file could not be made either
        refuse(target, std::strerror(errno));
    return {follow_links(target), OutputKind::file, false};
}

bool same_file_as(const fs::path& target, int fd) {
    struct stat path_info {
    }, fd_info{};
    return ::stat(target.c_str(), &path_info) == 0 && ::fstat(fd, &fd_info) == 0 &&
           path_info.st_dev == fd_info.st_dev && path_info.st_ino == fd_info.st_ino;
}

} // namespace needlebook::io
