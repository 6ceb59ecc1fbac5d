#include "needlebook/io/atomic_file.hpp"

#include "needlebook/error.hpp"
#include "needlebook/io/file_sync.hpp"
#include "needlebook/io/output_target.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

namespace needlebook::io {

// The bytes wait in the streambuf's own put area: a character written with put() or << is a
// store, not a virtual call (a CSV export puts tens of millions of them).
AtomicFile::Buffer::Buffer() : hash(EVP_MD_CTX_new()) {
    if (hash == nullptr || EVP_DigestInit_ex(hash, EVP_sha256(), nullptr) != 1)
        throw FileError("cannot start a SHA-256 digest (OpenSSL)");
    setp(m_bytes.data(), m_bytes.data() + m_bytes.size());
}

AtomicFile::Buffer::~Buffer() {
    EVP_MD_CTX_free(hash);
}

bool AtomicFile::Buffer::write_all(const char* data, std::size_t size) {
    EVP_DigestUpdate(hash, data, size);
    while (size > 0 && error == 0) {
        const auto written = ::write(fd, data, size);
        if (written < 0) {
            if (errno != EINTR)
                error = errno;
            continue;
        }
        data += written;
        size -= static_cast<std::size_t>(written);
    }
    return error == 0;
}

bool AtomicFile::Buffer::drain() {
    const bool ok = write_all(pbase(), static_cast<std::size_t>(pptr() - pbase()));
    setp(m_bytes.data(), m_bytes.data() + m_bytes.size());
    return ok;
}

AtomicFile::Buffer::int_type AtomicFile::Buffer::overflow(int_type c) {
    if (!drain())
        return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
        *pptr() = traits_type::to_char_type(c);
        pbump(1);
    }
    return traits_type::not_eof(c);
}

std::streamsize AtomicFile::Buffer::xsputn(const char* data, std::streamsize size) {
    const auto count = static_cast<std::size_t>(size);
    if (count > static_cast<std::size_t>(epptr() - pptr())) {
        if (!drain())
            return 0;
        if (count >= m_bytes.size()) // larger than the buffer: straight to the file
            return write_all(data, count) ? size : 0;
    }
    std::memcpy(pptr(), data, count);
    pbump(static_cast<int>(count));
    return size;
}

int AtomicFile::Buffer::sync() {
    return drain() ? 0 : -1;
}

AtomicFile::AtomicFile(std::filesystem::path target) : m_target(std::move(target)) {
    const auto output = resolve_output(m_target);
    m_destination = output.path;
    if (output.kind == OutputKind::file) {
        m_buffer.fd = private_temporary_file(m_destination, m_temporary);
        return;
    }
    // No O_CREAT, no O_TRUNC: the FIFO or device is used as it is.
    m_buffer.fd = ::open(m_destination.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    struct stat info {};
    if (m_buffer.fd < 0 || ::fstat(m_buffer.fd, &info) != 0) {
        const int error = errno;
        discard();
        throw FileError(
            fmt::format("cannot write {}: {}", m_target.string(), std::strerror(error)));
    }
    if (!S_ISFIFO(info.st_mode) && !S_ISCHR(info.st_mode)) { // replaced since it was looked at
        discard();
        throw FileError(fmt::format("cannot write {}: it changed while it was opened; try again",
                                    m_target.string()));
    }
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    m_pipe_ignored = ::sigaction(SIGPIPE, &ignore, &m_pipe_action) == 0;
}

AtomicFile::~AtomicFile() {
    if (!m_committed)
        discard();
}

void AtomicFile::discard() noexcept {
    if (m_buffer.fd >= 0)
        ::close(m_buffer.fd);
    m_buffer.fd = -1;
    if (m_pipe_ignored)
        ::sigaction(SIGPIPE, &m_pipe_action, nullptr);
    m_pipe_ignored = false;
    if (!m_temporary.empty())
        ::unlink(m_temporary.c_str());
    m_temporary.clear();
}

void AtomicFile::fail(const std::string& what, int error) {
    const bool direct = m_temporary.empty();
    discard();
    throw FileError(fmt::format("cannot write {}: {} ({}); {}", m_target.string(), what,
                                std::strerror(error),
                                direct ? "what it received is incomplete" : "nothing was written"));
}

void AtomicFile::commit() {
    prepare();
    publish();
}

void AtomicFile::prepare() {
    m_stream.flush();
    if (m_buffer.error != 0 || !m_stream)
        fail("writing failed", m_buffer.error != 0 ? m_buffer.error : EIO);
    if (m_temporary.empty()) { // a FIFO or a device: nothing to flush to a disk or rename
        const int closed = ::close(m_buffer.fd);
        const int error = errno;
        m_buffer.fd = -1;
        if (closed != 0)
            fail("closing failed", error);
        discard(); // SIGPIPE as it was
        m_committed = true;
        return;
    }
    if (::fsync(m_buffer.fd) != 0)
        fail("flushing to disk failed", errno);
    if (::close(m_buffer.fd) != 0) {
        m_buffer.fd = -1;
        fail("closing failed", errno);
    }
    m_buffer.fd = -1;
}

void AtomicFile::publish() {
    if (m_committed)
        return; // a FIFO or a device, written as it went
    if (::rename(m_temporary.c_str(), m_destination.c_str()) != 0)
        fail("renaming the temporary file failed", errno);
    m_committed = true;
    sync_folder(folder_of(m_destination));
}

std::string AtomicFile::sha256() const {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    // A copy, so the digest can be read without finishing the stream's own context.
    EVP_MD_CTX* copy = EVP_MD_CTX_new();
    EVP_MD_CTX_copy_ex(copy, m_buffer.hash);
    EVP_DigestFinal_ex(copy, digest, &length);
    EVP_MD_CTX_free(copy);
    std::string hex;
    for (unsigned int i = 0; i < length; ++i)
        hex += fmt::format("{:02x}", digest[i]);
    return hex;
}

} // namespace needlebook::io
