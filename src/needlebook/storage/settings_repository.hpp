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
    // Each writes one setting; the caller validates and audits.
    void set_general(const std::string& key, const std::string& value);
    void set_depth_limit(Area area, double limit_mm);
    void set_reaction_norm(ReactionKind kind, const ReactionNorm& norm);
    void set_condition_action(ConditionCode code, ConditionAction action);

    std::optional<Product> find_product(std::string_view code);
    ProductId insert_product(const Product& product);
    std::vector<Product> products();

private:
    Database& m_db;
};

} // namespace needlebook::storage
