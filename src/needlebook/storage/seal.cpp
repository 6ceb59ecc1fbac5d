#include "needlebook/storage/seal.hpp"

#include "needlebook/error.hpp"
#include "needlebook/storage/sha256.hpp"

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <unistd.h>

namespace needlebook::storage {
namespace {

namespace fs = std::filesystem;

struct KeyFree {
    void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;
struct ContextFree {
    void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
struct BioFree {
    void operator()(BIO* bio) const { BIO_free(bio); }
};
using Bio = std::unique_ptr<BIO, BioFree>;

// What a seal signs: the chain head, in a form no other message of ours has.
std::string sealed_message(const ChainHead& head) {
    return fmt::format("needlebook audit chain seal\nrow {}\nhash {}\n", head.id, head.hash);
}

PublicKey public_key_of(EVP_PKEY* key) {
    std::array<unsigned char, 32> raw{};
    std::size_t size = raw.size();
    if (EVP_PKEY_get_raw_public_key(key, raw.data(), &size) != 1 || size != raw.size())
        throw FileError("the key is not an Ed25519 key; make one with 'needlebook key new'");
    const auto raw_hex = hex_of(raw.data(), raw.size());
    return {raw_hex,
            sha256_hex(std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size()))};
}

Key read_key(const fs::path& pem, bool private_key) {
    Bio bio(BIO_new_file(pem.c_str(), "r"));
    if (!bio)
        throw FileError(
            fmt::format("cannot read the key file {}: {}", pem.string(), std::strerror(errno)));
    Key key(private_key ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)
                        : PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (!key || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519)
        throw ValidationError(
            "key", fmt::format("{} is not an Ed25519 {} key in PEM form; make a key pair with "
                               "'needlebook key new --out KEY.pem'",
                               pem.string(), private_key ? "private" : "public"));
    return key;
}

// Creates `path` (refusing an existing file) with `mode` and writes `text` to it, synced.
void write_new_file(const fs::path& path, const std::string& text, mode_t mode) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
    if (fd < 0)
        throw FileError(fmt::format("cannot create {}: {}", path.string(),
                                    errno == EEXIST ? "a file of that name exists; choose "
                                                      "another name"
                                                    : std::strerror(errno)));
    const bool written =
        ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
        ::fsync(fd) == 0;
    const int error = errno;
    ::close(fd);
    if (!written) {
        ::unlink(path.c_str());
        throw FileError(fmt::format("cannot write {}: {}", path.string(), std::strerror(error)));
    }
}

std::string pem_text(EVP_PKEY* key, bool private_key) {
    Bio bio(BIO_new(BIO_s_mem()));
    const int ok = private_key ? PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0,
                                                          nullptr, nullptr)
                               : PEM_write_bio_PUBKEY(bio.get(), key);
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    if (ok != 1 || size <= 0)
        throw FileError("OpenSSL could not write the key");
    return std::string(data, static_cast<std::size_t>(size));
}

} // namespace

std::string write_new_key_pair(const fs::path& private_pem, const fs::path& public_pem) {
    Key key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    if (!key)
        throw FileError("OpenSSL could not make an Ed25519 key");
    std::error_code ignored;
    if (fs::exists(public_pem, ignored))
        throw FileError(fmt::format("cannot create {}: a file of that name exists; choose "
                                    "another name",
                                    public_pem.string()));
    write_new_file(private_pem, pem_text(key.get(), true), 0600);
    try {
        write_new_file(public_pem, pem_text(key.get(), false), 0644);
    } catch (...) {
        fs::remove(private_pem, ignored);
        throw;
    }
    return public_key_of(key.get()).fingerprint;
}

PublicKey read_public_key(const fs::path& public_pem) {
    return public_key_of(read_key(public_pem, false).get());
}

SealRow store_seal(Database& db, const ChainHead& head, const fs::path& private_pem) {
    const auto key = read_key(private_pem, true);
    SealRow seal{0, head, public_key_of(key.get()), ""};
    const auto message = sealed_message(head);
    std::unique_ptr<EVP_MD_CTX, ContextFree> context(EVP_MD_CTX_new());
    std::array<unsigned char, 64> signature{};
    std::size_t size = signature.size();
    if (!context || EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, key.get()) != 1 ||
        EVP_DigestSign(context.get(), signature.data(), &size,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1)
        throw FileError("OpenSSL could not sign the chain head");
    seal.signature = hex_of(signature.data(), size);
    auto insert = db.query("INSERT INTO audit_seal (sealed_id, sealed_hash, public_key, "
                           "key_fingerprint, signature) VALUES (:id, :hash, :key, :fingerprint, "
                           ":signature) RETURNING id");
    insert->bind(":id", head.id);
    insert->bind(":hash", head.hash);
    insert->bind(":key", seal.key.raw_hex);
    insert->bind(":fingerprint", seal.key.fingerprint);
    insert->bind(":signature", seal.signature);
    seal.id = insert->exec_returning_id();
    return seal;
}

std::vector<SealRow> stored_seals(Database& db) {
    std::vector<SealRow> seals;
    if (!db.connection().has_table("audit_seal"))
        return seals;
    auto query = db.query("SELECT id, sealed_id, sealed_hash, public_key, key_fingerprint, "
                          "signature FROM audit_seal ORDER BY id");
    while (query->step())
        seals.push_back({query->column(0).as_int64(),
                         {query->column(1).as_int64(), query->column(2).as_text()},
                         {query->column(3).as_text(), query->column(4).as_text()},
                         query->column(5).as_text()});
    return seals;
}

bool signature_valid(const SealRow& seal) {
    const auto raw = bytes_of_hex(seal.key.raw_hex);
    const auto signature = bytes_of_hex(seal.signature);
    if (raw.size() != 32 || signature.size() != 64)
        return false;
    Key key(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw.data(), raw.size()));
    std::unique_ptr<EVP_MD_CTX, ContextFree> context(EVP_MD_CTX_new());
    const auto message = sealed_message(seal.sealed);
    return key && context &&
           EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, key.get()) == 1 &&
           EVP_DigestVerify(context.get(), signature.data(), signature.size(),
                            reinterpret_cast<const unsigned char*>(message.data()),
                            message.size()) == 1 &&
           sha256_hex(std::string_view(reinterpret_cast<const char*>(raw.data()), raw.size())) ==
               seal.key.fingerprint;
}

} // namespace needlebook::storage
