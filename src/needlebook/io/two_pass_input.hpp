#pragma once
// An input file read twice without being held in memory: once to check it, then again to use
// it (import checks a whole file before it takes the database's write lock, then stores it).
// A regular file is read again from its start and must not have changed in between (the
// SHA-256 of both readings is compared). Anything else (a pipe, a FIFO, /dev/stdin, a device)
// cannot be read twice: the first reading keeps a copy in a private temporary file (mode 0600,
// removed from its folder at once, in $TMPDIR or /tmp) and the second reads that copy.

#include <array>
#include <cstdint>
#include <filesystem>
#include <istream>
#include <memory>
#include <streambuf>
#include <string>

struct evp_md_ctx_st; // OpenSSL's EVP_MD_CTX, kept out of this header

namespace needlebook::io {

class TwoPassInput {
public:
    // Opens `file` (a FIFO waits for its writer). Throws FileError naming it.
    explicit TwoPassInput(std::filesystem::path file);
    TwoPassInput(const TwoPassInput&) = delete;
    TwoPassInput& operator=(const TwoPassInput&) = delete;
    ~TwoPassInput();

    // The first reading. A failed read throws FileError (never taken for the end of the file),
    // as does a full disk for the copy of a pipe's bytes.
    std::istream& first();
    // The second reading, from the start; call once the first is done.
    std::istream& second();
    // After the second reading has reached the end: throws FileError when the bytes differ
    // from the first reading's (the file was changed in between).
    void check_unchanged() const;
    // The SHA-256 (lowercase hex) of the bytes the current reading has read so far: of the
    // whole file once it reached the end, so a file is checked by the bytes actually used.
    std::string sha256_read() const;
    // Bytes read by the current reading so far.
    std::uint64_t bytes_read() const { return m_buffer.total; }

private:
    class Buffer : public std::streambuf {
    public:
        Buffer();
        ~Buffer() override;
        Buffer(const Buffer&) = delete;
        Buffer& operator=(const Buffer&) = delete;
        void restart(int from); // reads `from` from its start, with a new digest
        std::string digest() const;
        int fd = -1;                   // what is read
        int copy = -1;                 // where the bytes read are also written; -1 for none
        std::string name, copy_folder; // for messages
        std::uint64_t total = 0;
        evp_md_ctx_st* hash;

    protected:
        int_type underflow() override;

    private:
        std::array<char, 1 << 16> m_bytes{};
    };

    std::filesystem::path m_file;
    int m_fd = -1;
    int m_copy = -1; // the temporary copy of a file that cannot be read twice
    bool m_regular = false;
    std::string m_first_digest;
    Buffer m_buffer;
    std::istream m_stream{&m_buffer};
};

} // namespace needlebook::io
