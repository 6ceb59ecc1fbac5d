#include "needlebook/io/two_pass_input.hpp"

#include "needlebook/error.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

namespace needlebook::io {
namespace {

[[noreturn]] void cannot_read(const std::string& name, int error) {
    throw FileError(fmt::format("cannot read {}: {}", name, std::strerror(error)));
}

} // namespace

TwoPassInput::Buffer::Buffer() : hash(EVP_MD_CTX_new()) {
    if (hash == nullptr)
        throw FileError("cannot start a SHA-256 digest (OpenSSL)");
}

TwoPassInput::Buffer::~Buffer() {
    EVP_MD_CTX_free(hash);
}

void TwoPassInput::Buffer::restart(int from) {
    fd = from;
    total = 0;
    setg(m_bytes.data(), m_bytes.data(), m_bytes.data());
    if (EVP_DigestInit_ex(hash, EVP_sha256(), nullptr) != 1)
        throw FileError("cannot start a SHA-256 digest (OpenSSL)");
}

std::string TwoPassInput::sha256_read() const {
    std::string hex;
    for (const unsigned char byte : m_buffer.digest())
        hex += fmt::format("{:02x}", byte);
    return hex;
}

std::string TwoPassInput::Buffer::digest() const {
    unsigned char bytes[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_MD_CTX* finished = EVP_MD_CTX_new(); // a copy: the running digest is left as it is
    EVP_MD_CTX_copy_ex(finished, hash);
    EVP_DigestFinal_ex(finished, bytes, &length);
    EVP_MD_CTX_free(finished);
    return std::string(reinterpret_cast<const char*>(bytes), length);
}

TwoPassInput::Buffer::int_type TwoPassInput::Buffer::underflow() {
    if (gptr() < egptr())
        return traits_type::to_int_type(*gptr());
    ssize_t got = 0;
    do
        got = ::read(fd, m_bytes.data(), m_bytes.size());
    while (got < 0 && errno == EINTR);
    if (got < 0)
        cannot_read(name, errno); // an error is not the end of the file
    if (got == 0)
        return traits_type::eof();
    const auto size = static_cast<std::size_t>(got);
    EVP_DigestUpdate(hash, m_bytes.data(), size);
    total += size;
    for (std::size_t done = 0; copy >= 0 && done < size;) {
        const auto written = ::write(copy, m_bytes.data() + done, size - done);
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0)
            throw FileError(fmt::format("cannot keep a copy of {} in {} while it is checked: {}",
                                        name, copy_folder, std::strerror(errno)));
        done += static_cast<std::size_t>(written);
    }
    setg(m_bytes.data(), m_bytes.data(), m_bytes.data() + size);
    return traits_type::to_int_type(*gptr());
}

TwoPassInput::TwoPassInput(std::filesystem::path file) : m_file(std::move(file)) {
    m_buffer.name = m_file.string();
    m_fd = ::open(m_file.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    struct stat info {};
    const int error = m_fd < 0 || ::fstat(m_fd, &info) != 0 ? errno
                      : S_ISDIR(info.st_mode)               ? EISDIR
                                                            : 0;
    if (error != 0) {
        if (m_fd >= 0)
            ::close(m_fd);
        cannot_read(m_buffer.name, error);
    }
    m_regular = S_ISREG(info.st_mode);
    // A stream failing underneath must throw, not look like the end of the file.
    m_stream.exceptions(std::ios::badbit);
}

TwoPassInput::~TwoPassInput() {
    if (m_fd >= 0)
        ::close(m_fd);
    if (m_copy >= 0)
        ::close(m_copy);
}

std::istream& TwoPassInput::first() {
    m_buffer.restart(m_fd);
    if (!m_regular) {
        std::error_code error;
        auto folder = std::filesystem::temp_directory_path(error);
        if (error)
            folder = "/tmp";
        std::string name = (folder / "needlebook-import-XXXXXX").string();
        m_copy = ::mkostemp(name.data(), O_CLOEXEC); // mode 0600
        if (m_copy < 0)
            throw FileError(fmt::format("cannot keep a copy of {} in {} while it is checked: {}",
                                        m_buffer.name, folder.string(), std::strerror(errno)));
        ::unlink(name.c_str()); // nobody else opens it; it goes with the descriptor
        m_buffer.copy = m_copy;
        m_buffer.copy_folder = folder.string();
    }
    m_stream.clear();
    return m_stream;
}

std::istream& TwoPassInput::second() {
    m_first_digest = m_buffer.digest();
    m_buffer.copy = -1;
    const int from = m_regular ? m_fd : m_copy;
    if (::lseek(from, 0, SEEK_SET) != 0)
        cannot_read(m_buffer.name, errno);
    m_buffer.restart(from);
    m_stream.clear();
    return m_stream;
}

void TwoPassInput::check_unchanged() const {
    if (m_buffer.digest() != m_first_digest)
        throw FileError(fmt::format("{} changed while it was imported; nothing was stored. "
                                    "Import it again once nothing writes to it",
                                    m_buffer.name));
}

} // namespace needlebook::io
