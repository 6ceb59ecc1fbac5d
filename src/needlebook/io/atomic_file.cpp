#include "needlebook/io/atomic_file.hpp"

#include "needlebook/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <string>
#include <unistd.h>

namespace needlebook::io {
namespace {

// fsync by path: the data of a file, or a folder's entry for a renamed file.
bool sync_path(const std::filesystem::path& path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool synced = ::fsync(fd) == 0;
    return ::close(fd) == 0 && synced;
}

std::filesystem::path folder_of(const std::filesystem::path& target) {
    return target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
}

} // namespace

AtomicFile::AtomicFile(std::filesystem::path target) : m_target(std::move(target)) {
    if (m_target.filename().empty() || std::filesystem::is_directory(m_target))
        throw FileError(
            fmt::format("cannot write {}: it is a folder, not a file name", m_target.string()));
    std::string pattern =
        (folder_of(m_target) / fmt::format(".{}.XXXXXX", m_target.filename().string())).string();
    const int fd = ::mkstemp(pattern.data()); // created with mode 0600
    if (fd < 0)
        throw FileError(
            fmt::format("cannot write {}: {}", m_target.string(), std::strerror(errno)));
    ::close(fd);
    m_temporary = pattern;
    m_stream.open(m_temporary, std::ios::binary | std::ios::trunc);
    if (!m_stream)
        fail("cannot open the temporary file");
}

AtomicFile::~AtomicFile() {
    if (!m_committed && !m_temporary.empty()) {
        std::error_code ignored;
        std::filesystem::remove(m_temporary, ignored);
    }
}

void AtomicFile::fail(const std::string& what) {
    const std::string reason = errno != 0 ? std::strerror(errno) : "write failed";
    m_stream.close();
    std::error_code ignored;
    std::filesystem::remove(m_temporary, ignored);
    m_temporary.clear();
    throw FileError(fmt::format("cannot write {}: {} ({}); nothing was written", m_target.string(),
                                what, reason));
}

void AtomicFile::commit() {
    errno = 0;
    m_stream.flush();
    if (!m_stream)
        fail("writing failed");
    m_stream.close();
    if (m_stream.fail())
        fail("closing failed");
    if (!sync_path(m_temporary, O_RDONLY))
        fail("flushing to disk failed");
    if (::rename(m_temporary.c_str(), m_target.c_str()) != 0)
        fail("renaming the temporary file failed");
    m_committed = true;
    sync_path(folder_of(m_target), O_RDONLY | O_DIRECTORY); // the rename itself, best effort
}

} // namespace needlebook::io
