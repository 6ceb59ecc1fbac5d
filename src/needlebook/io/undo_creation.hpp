#pragma once
// Taking back what making a new file added: the file, the files beside it that come with it
// (SQLite's -wal, -shm and -journal) and every folder made for it. What existed before is
// noted first, so only what was added is removed, and a folder only while it is empty.

#include <filesystem>
#include <string>
#include <vector>

namespace needlebook::io {

// Makes `folder` and each missing folder above it, every one with mode 0700 whatever the
// umask. Throws FileError naming the folder that could not be made and why.
void make_private_folders(const std::filesystem::path& folder);

class UndoCreation {
public:
    // Notes which of `file`, `file` + each suffix and the folders above `file` do not exist yet.
    // When `file` exists already, nothing is noted: undo() then leaves everything as it is.
    UndoCreation(std::filesystem::path file, const std::vector<std::string>& suffixes);
    // Does `file` not exist when this was made?
    bool file_is_new() const { return m_file_is_new; }
    // Removes the files that did not exist then, then the folders that did not exist then,
    // deepest first and only if empty. Never throws; what cannot be removed is left.
    void undo() const noexcept;

private:
    bool m_file_is_new = false;
    std::vector<std::filesystem::path> m_new_files;
    std::vector<std::filesystem::path> m_new_folders; // deepest first
};

} // namespace needlebook::io
