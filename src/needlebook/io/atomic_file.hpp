#pragma once
// Writing a file all or nothing: into a temporary file beside the target (mode 0600), every
// write checked, flushed to disk, then renamed over the target. A failure, or an AtomicFile
// dropped without commit(), leaves no partial file and the old target untouched.

#include <filesystem>
#include <fstream>

namespace needlebook::io {

class AtomicFile {
public:
    // Throws FileError when the temporary file cannot be created (no such folder, no rights).
    explicit AtomicFile(std::filesystem::path target);
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;
    ~AtomicFile();

    std::ostream& stream() { return m_stream; }
    // Flushes, syncs and renames; throws FileError (and removes the temporary file) on failure.
    void commit();

private:
    [[noreturn]] void fail(const std::string& what);

    std::filesystem::path m_target;
    std::filesystem::path m_temporary;
    std::ofstream m_stream;
    bool m_committed = false;
};

} // namespace needlebook::io
