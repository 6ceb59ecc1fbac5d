#pragma once
// Seals anchor the audit chain outside the database file: the chain head (row id and hash)
// signed with an Ed25519 private key that is never stored in the database. Anyone who can
// write the file can recompute an unkeyed SHA-256 chain; nobody without the key can sign it.

#include "needlebook/storage/audit_log.hpp"
#include "needlebook/storage/database.hpp"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace needlebook::storage {

// Writes a new Ed25519 key pair: the private key to `private_pem` (mode 0600) and the public key
// to `public_pem`; neither may exist yet. Returns the public key's fingerprint.
std::string write_new_key_pair(const std::filesystem::path& private_pem,
                               const std::filesystem::path& public_pem);

// A public key read from a PEM file (or from a seal row).
struct PublicKey {
    std::string raw_hex;     // the 32-byte Ed25519 key, hex
    std::string fingerprint; // SHA-256 of the raw key, hex
};
PublicKey read_public_key(const std::filesystem::path& public_pem);

struct SealRow {
    std::int64_t id = 0;
    ChainHead sealed;
    PublicKey key;
    std::string signature; // hex
};

// Signs `head` with the private key in `private_pem` and stores the seal (not its audit row);
// call inside a write transaction.
SealRow store_seal(Database& db, const ChainHead& head, const std::filesystem::path& private_pem);

// Every stored seal, oldest first; none in a database from before schema 4.
std::vector<SealRow> stored_seals(Database& db);

// Whether `seal.signature` is a valid signature of its sealed head by its own public key.
bool signature_valid(const SealRow& seal);

} // namespace needlebook::storage
