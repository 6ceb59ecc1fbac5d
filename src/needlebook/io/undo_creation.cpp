#include "needlebook/io/undo_creation.hpp"

#include "needlebook/error.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

namespace needlebook::io {
namespace {

namespace fs = std::filesystem;

bool missing(const fs::path& path) {
    struct stat info {};
    return ::lstat(path.c_str(), &info) != 0 && errno == ENOENT;
}

// The folders above `path` (itself included) that do not exist, deepest first.
std::vector<fs::path> missing_folders(const fs::path& folder) {
    std::vector<fs::path> folders;
    for (fs::path at = folder; !at.empty() && missing(at); at = at.parent_path()) {
        folders.push_back(at);
        if (at == at.parent_path()) // the root
            break;
    }
    return folders;
}

} // namespace

void make_private_folders(const fs::path& folder) {
    const auto folders = missing_folders(folder);
    for (auto at = folders.rbegin(); at != folders.rend(); ++at) {
        if (::mkdir(at->c_str(), 0700) != 0 && errno != EEXIST)
            throw FileError(
                fmt::format("cannot make the folder {}: {}", at->string(), std::strerror(errno)));
        // The umask may have taken bits away from 0700; medical records' folders are 0700.
        if (::chmod(at->c_str(), 0700) != 0)
            throw FileError(fmt::format("cannot make the folder {} private (mode 0700): {}",
                                        at->string(), std::strerror(errno)));
    }
    struct stat info {};
    if (::stat(folder.c_str(), &info) != 0)
        throw FileError(
            fmt::format("cannot use the folder {}: {}", folder.string(), std::strerror(errno)));
    if (!S_ISDIR(info.st_mode))
        throw FileError(fmt::format("cannot make the folder {}: a file of that name is in the "
                                    "way",
                                    folder.string()));
}

UndoCreation::UndoCreation(fs::path file, const std::vector<std::string>& suffixes) {
    m_file_is_new = missing(file);
    // Beside a file that exists, another program may be using its -wal: nothing is taken back.
    if (!m_file_is_new)
        return;
    m_new_files.push_back(file);
    for (const auto& suffix : suffixes)
        if (fs::path companion = file.string() + suffix; missing(companion))
            m_new_files.push_back(companion);
    if (file.has_parent_path())
        m_new_folders = missing_folders(file.parent_path());
}

void UndoCreation::undo() const noexcept {
    for (const auto& file : m_new_files)
        ::unlink(file.c_str());
    for (const auto& folder : m_new_folders)
        ::rmdir(folder.c_str()); // fails, as it should, when something else is in it
}

} // namespace needlebook::io
