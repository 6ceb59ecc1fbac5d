#pragma once
// Where the bytes of an output file go. A regular file (or a name not taken yet) is replaced
// through a temporary file and a rename; a FIFO or a character device (a pipe, a terminal,
// /dev/stdout, /dev/null) cannot be replaced and is written directly; a symbolic link is
// followed, so the link stays a link and the file it names is the one replaced.

#include <filesystem>

namespace needlebook::io {

enum class OutputKind {
    file,   // a regular file, or no file yet: written beside `path`, then renamed to it
    stream, // a FIFO or a character device: opened and written as it is
};

struct OutputTarget {
    std::filesystem::path path; // the name given, with its symbolic links followed
    OutputKind kind = OutputKind::file;
    bool exists = false; // something is there already (the file to replace, the FIFO…)
};

// Looks at `target` without changing anything. Throws FileError naming `target` for a folder,
// a name ending in '/', a block device or a socket, a chain of links that never ends, and a
// folder on the way that cannot be searched.
OutputTarget resolve_output(const std::filesystem::path& target);

// `path` with its symbolic links followed while it is one (each relative link read from the
// link's folder); a link to a name that does not exist leads to that name. Throws FileError
// for a loop of links.
std::filesystem::path follow_links(const std::filesystem::path& path);

// Do `target` and the descriptor `fd` (e.g. STDOUT_FILENO) name the same file? So a command
// writing to /dev/stdout can print its own messages elsewhere. False when either is unknown.
bool same_file_as(const std::filesystem::path& target, int fd);

} // namespace needlebook::io
