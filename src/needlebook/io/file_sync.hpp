#pragma once
// The steps that make a new file durable and private: a 0600 temporary file beside the target,
// fsync of the file, an atomic rename, fsync of the folder that holds the new name.

#include <filesystem>
#include <string>

namespace needlebook::io {

std::filesystem::path folder_of(const std::filesystem::path& target);

// Creates an empty temporary file (mode 0600) in the target's folder, named
// '.needlebook-XXXXXX' whatever the target's name, and returns its path. Throws FileError naming
// the target when the folder is missing or not writable.
std::filesystem::path private_temporary(const std::filesystem::path& target);
// The same, open for writing: returns the descriptor and sets `name`.
int private_temporary_file(const std::filesystem::path& target, std::string& name);

// Flushes a finished file's bytes to the disk; throws FileError.
void sync_file(const std::filesystem::path& file);

// Flushes a folder, so a rename in it survives a power cut; best effort, the file is complete.
void sync_folder(const std::filesystem::path& folder);

// Gives `temporary` the name `target` only if no such file exists (link, then unlink), and
// syncs the folder; throws FileError (the temporary file is left for the caller to remove).
void publish_without_replacing(const std::filesystem::path& temporary,
                               const std::filesystem::path& target);

} // namespace needlebook::io
