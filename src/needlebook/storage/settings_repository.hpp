#pragma once
// All SQL for the clinic's settings and the serum catalogue (reference data, not records).

#include "needlebook/model/ids.hpp"
#include "needlebook/model/settings.hpp"
#include "needlebook/storage/database.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::storage {

struct Product {
    ProductId id;
    std::string code;
    std::string name;
    ProductKind kind{};
    std::string maker;
};

class SettingsRepository {
public:
    explicit SettingsRepository(Database& db) : m_db(db) {}

    ClinicSettings load();

    std::optional<Product> find_product(std::string_view code);
    ProductId insert_product(const Product& product);
    std::vector<Product> products();

private:
    Database& m_db;
};

} // namespace needlebook::storage
