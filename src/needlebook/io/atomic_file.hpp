#pragma once
// Writing a file all or nothing: into a temporary file beside the target (mode 0600), every
// write checked, flushed to disk, then renamed over the target. A failure, or an AtomicFile
// dropped without commit(), leaves no partial file and the old target untouched.
// A symbolic link is followed (resolve_output): the file it names is replaced, the link stays.
// A FIFO or a character device (/dev/stdout, a terminal, /dev/null) cannot be replaced: it is
// opened and written directly, every write checked, and commit() says whether all went out.

#include <array>
#include <csignal>
#include <filesystem>
#include <ostream>
#include <streambuf>
#include <string>

struct evp_md_ctx_st; // OpenSSL's EVP_MD_CTX, kept out of this header

namespace needlebook::io {

class AtomicFile {
public:
    // Throws FileError when the temporary file cannot be created (no such folder, no rights),
    // or the target is a folder, a block device or a socket. Opening a FIFO waits for a reader.
    explicit AtomicFile(std::filesystem::path target);
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();

    std::ostream& stream() { return m_stream; }
    // Flushes, syncs and renames; throws FileError (and removes the temporary file) on failure.
    void commit();
    // commit() in two steps: prepare() flushes and syncs (the slow part, and where a full disk
    // shows); publish() gives the file its name. Between them another step may still fail (an
    // audit row refused), and then the file never appears.
    void prepare();
    void publish();
    // The SHA-256 (lowercase hex) of every byte written, for manifests; after commit() or
    // prepare().
    std::string sha256() const;

private:
    // Buffered writes straight to the temporary file's descriptor, keeping the first error.
    class Buffer : public std::streambuf {
    public:
        Buffer();
        ~Buffer() override;
        Buffer(const Buffer&) = delete;
        Buffer& operator=(const Buffer&) = delete;
        int fd = -1;
        int error = 0;       // errno of the first failed write
        evp_md_ctx_st* hash; // OpenSSL's EVP_MD_CTX, fed what reaches the file
    protected:
        int_type overflow(int_type c) override;
        int sync() override;
        std::streamsize xsputn(const char* data, std::streamsize size) override;

    private:
        bool drain();
        bool write_all(const char* data, std::size_t size);
        std::array<char, 1 << 16> m_bytes{}; // the put area
    };

    [[noreturn]] void fail(const std::string& what, int error);
    void discard() noexcept;

    std::filesystem::path m_target;      // as given, for messages
    std::filesystem::path m_destination; // its links followed: what is replaced
    std::string m_temporary;             // empty when the target is written directly
    // While a FIFO is written, SIGPIPE is ignored, so a reader that goes away is a write error
    // with a message (EPIPE), not a silent end of the program.
    struct sigaction m_pipe_action {};
    bool m_pipe_ignored = false;
    Buffer m_buffer;
    std::ostream m_stream{&m_buffer};
    bool m_committed = false;
};

} // namespace needlebook::io
