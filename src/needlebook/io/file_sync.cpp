#include "needlebook/io/file_sync.hpp"

#include "needlebook/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

namespace needlebook::io {

std::filesystem::path folder_of(const std::filesystem::path& target) {
    return target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
}

int private_temporary_file(const std::filesystem::path& target, std::string& name) {
    // A short name of its own, not the target's: beside a file name of 255 bytes (NAME_MAX)
    // a name built from it would be too long to create.
    name = (folder_of(target) / ".needlebook-XXXXXX").string();
    const int fd = ::mkostemp(name.data(), O_CLOEXEC); // created with mode 0600
    if (fd < 0)
        throw FileError(fmt::format("cannot write {}: {}", target.string(), std::strerror(errno)));
    return fd;
}

std::filesystem::path private_temporary(const std::filesystem::path& target) {
    std::string name;
    ::close(private_temporary_file(target, name));
    return name;
}

void sync_file(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        const int error = errno;
        if (fd >= 0)
            ::close(fd);
        throw FileError(
            fmt::format("cannot flush {} to disk: {}", file.string(), std::strerror(error)));
    }
    ::close(fd);
}

void sync_folder(const std::filesystem::path& folder) {
    const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

void publish_without_replacing(const std::filesystem::path& temporary,
                               const std::filesystem::path& target) {
    // link() fails with EEXIST where rename() would silently replace a file.
    if (::link(temporary.c_str(), target.c_str()) != 0)
        throw FileError(fmt::format("cannot create {}: {}", target.string(),
                                    errno == EEXIST ? "a file of that name exists; choose a new "
                                                      "name or move the old file away"
                                                    : std::strerror(errno)));
    ::unlink(temporary.c_str());
    sync_folder(folder_of(target));
}

} // namespace needlebook::io
