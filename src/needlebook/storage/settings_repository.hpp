#pragma once
// All SQL for the clinic's settings and the serum catalogue (reference data, not records).

#include "needlebook/model/ids.hpp"
#include "needlebook/model/revision.hpp"
#include "needlebook/model/settings.hpp"
#include "needlebook/storage/database.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::storage {

// A catalogue product as one revision reads: the product row is revision 1 (it records no
// author, time or reason), product_revision rows are the later ones (schema 8).
struct Product {
    ProductId id;
    std::string code; // never changes: sessions and lots name the product by it
    std::string name;
    ProductKind kind{};
    std::string maker;
    // No new session or lot may use a retired product; the sessions that did still name it.
    bool retired = false;
    RevisionInfo revision;
};

// A setting revision as stored: what an audit row and a session's check basis refer to.
struct SettingRevision {
    std::int64_t setting_id = 0;
    int revision = 0;
};

// The revision in force of one key, by its row id.
struct SettingRevisionRef {
    std::string key;
    std::int64_t revision_row = 0;
};

// 'depth_limit.AREA.DEVICE' as its area and device; nothing for any other key. Throws a
// ValidationError for an unknown area or device.
std::optional<std::pair<Area, Device>> parse_device_limit_key(std::string_view key);

// Settings are insert-only revisions, one identity row per key (`setting`, `setting_revision`).
class SettingsRepository {
public:
    explicit SettingsRepository(Database& db) : m_db(db) {}

    ClinicSettings load();
    // The newest setting revision's id: it changes whenever any setting does, so a caller can
    // tell at the cost of one index lookup whether what it loaded is still in force.
    std::int64_t newest_revision_id();
    // The row of every key's revision in force, by key.
    std::vector<SettingRevisionRef> current_revisions();
    // Adds the next revision of `key`, and its identity row when the key was never set (the
    // caller validates the key and value, and audits).
    SettingRevision set(const std::string& key, const std::string& value, const RevisionInfo& info);

    // The row id and value of revision `revision` of `key`, if stored.
    std::optional<std::pair<std::int64_t, std::string>> revision_row(std::string_view key,
                                                                     int revision);
    // Products as their newest revision reads (product_current).
    std::optional<Product> find_product(std::string_view code);
    std::vector<Product> products(); // by code
    // Every revision of one product, revision 1 first.
    std::vector<Product> product_revisions(ProductId id);
    // The product row: revision 1 (the caller checked the code is free, and audits).
    // `id`: the id to store it under (import keeps exported ids); else the next free one.
    ProductId insert_product(const Product& product, std::optional<std::int64_t> id = {});
    // A revision after the first: name, kind, maker and retired as `product` reads, numbered
    // and signed by product.revision (the caller audits it).
    void add_product_revision(const Product& product);

private:
    Database& m_db;
};

} // namespace needlebook::storage
