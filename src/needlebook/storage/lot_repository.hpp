#pragma once
// All SQL for registered serum and cartridge lots.

#include "needlebook/model/lot.hpp"
#include "needlebook/storage/database.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::storage {

struct LotFilter {
    std::optional<std::string> product;   // a product code or cartridge_product
    std::optional<time::Date> expires_by; // expiring on or before this day
};

class LotRepository {
public:
    explicit LotRepository(Database& db) : m_db(db) {}

    // `product`: a catalogue product code (the caller checked it exists) or cartridge_product.
    // `id`: the id to store it under (import keeps exported ids); else the next free one.
    LotId insert(std::string_view product, std::string_view lot, const LotDetails& details,
                 const RevisionInfo& revision, std::optional<std::int64_t> id = std::nullopt);
    void add_revision(LotId id, const LotDetails& details, const RevisionInfo& revision);
    // The current revision of the product's lot, matched ignoring case; voided ones left out.
    std::optional<Lot> find(std::string_view product, std::string_view lot);
    // Every product's lot with this number, ignoring case.
    std::vector<Lot> with_number(std::string_view lot);
    // By product, then expiry.
    std::vector<Lot> list(const LotFilter& filter);

private:
    std::vector<Lot> select(const std::string& where,
                            const std::vector<std::pair<const char*, std::string>>& bindings);
    Database& m_db;
};

} // namespace needlebook::storage
