#pragma once
// SHA-256 (OpenSSL) as lowercase hex: the audit chain, record fingerprints and backup files.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::storage {

std::string sha256_hex(std::string_view text);

// Bytes as lowercase hex, and back: the form every hash, key and signature is stored in. Text
// that is not lowercase hex of whole bytes (a forged cell) gives no bytes.
std::string hex_of(const unsigned char* bytes, std::size_t size);
std::vector<unsigned char> bytes_of_hex(std::string_view hex);

// Of a file's bytes, read in blocks; throws FileError when it cannot be read.
std::string sha256_of_file(const std::filesystem::path& file);
// Of what the open descriptor `fd` reads from where it is to its end, in blocks; throws
// FileError naming `file` when it cannot be read.
std::string sha256_of_descriptor(int fd, const std::filesystem::path& file);

} // namespace needlebook::storage
