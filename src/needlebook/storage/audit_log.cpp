#include "needlebook/storage/audit_log.hpp"

#include "needlebook/storage/binding.hpp"

#include <array>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>

namespace needlebook::storage {
namespace {

std::string sha256_hex(const std::string& text) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    static const EVP_MD* const sha256 = EVP_sha256(); // looked up once, not per row
    EVP_Digest(text.data(), text.size(), digest.data(), &length, sha256, nullptr);
    constexpr std::string_view hex_digits = "0123456789abcdef";
    std::string hex(length * 2, '0');
    for (unsigned int i = 0; i < length; ++i) {
        hex[2 * i] = hex_digits[digest[i] >> 4];
        hex[2 * i + 1] = hex_digits[digest[i] & 0xF];
    }
    return hex;
}

template <class T> std::string optional_text(const std::optional<T>& value) {
    return value ? fmt::format("{}", *value) : std::string();
}

} // namespace

std::string audit_row_hash(std::int64_t id, const AuditEntry& entry, const std::string& prev_hash) {
    // A JSON array: quoting makes field boundaries unambiguous whatever the fields hold.
    const std::string canonical =
        nlohmann::json::array({id, time::format_utc(entry.at), entry.actor, entry.action,
                               optional_text(entry.patient_id), entry.record_kind,
                               optional_text(entry.record_id), optional_text(entry.revision),
                               entry.reason, prev_hash})
            .dump();
    return sha256_hex(canonical);
}

void append_audit(Database& db, const AuditEntry& entry) {
    std::int64_t id = 1;
    std::string prev_hash;
    {
        auto last = db.query("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
        if (last->executeStep()) {
            id = last->getColumn(0).getInt64() + 1;
            prev_hash = last->getColumn(1).getString();
        }
    }
    auto insert = db.query(
        "INSERT INTO audit_log (id, at, actor, action, patient_id, record_kind, record_id, "
        "revision, reason, prev_hash, hash) VALUES (:id, :at, :actor, :action, :patient, :kind, "
        ":record, :revision, :reason, :prev, :hash)");
    insert->bind(":id", id);
    insert->bind(":at", time::format_utc(entry.at));
    insert->bind(":actor", entry.actor);
    insert->bind(":action", entry.action);
    bind_optional(*insert, ":patient", entry.patient_id);
    bind_optional(*insert, ":kind",
                  entry.record_kind.empty() ? std::nullopt : std::optional(entry.record_kind));
    bind_optional(*insert, ":record", entry.record_id);
    bind_optional(*insert, ":revision", entry.revision);
    insert->bind(":reason", entry.reason);
    bind_optional(*insert, ":prev", prev_hash.empty() ? std::nullopt : std::optional(prev_hash));
    insert->bind(":hash", audit_row_hash(id, entry, prev_hash));
    insert->exec();
}

bool has_audit_action(Database& db, const std::string& action) {
    auto query = db.query("SELECT 1 FROM audit_log WHERE action = :action LIMIT 1");
    query->bind(":action", action);
    return query->executeStep();
}

} // namespace needlebook::storage
