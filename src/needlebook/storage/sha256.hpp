#pragma once
// SHA-256 (OpenSSL) as lowercase hex: the audit chain, record fingerprints and backup files.

#include <filesystem>
#include <string>
#include <string_view>

namespace needlebook::storage {

std::string sha256_hex(std::string_view text);

// Of a file's bytes, read in blocks; throws FileError when it cannot be read.
std::string sha256_of_file(const std::filesystem::path& file);
// Of what the open descriptor `fd` reads from where it is to its end, in blocks; throws
// FileError naming `file` when it cannot be read.
std::string sha256_of_descriptor(int fd, const std::filesystem::path& file);

} // namespace needlebook::storage
