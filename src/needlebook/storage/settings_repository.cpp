#include "needlebook/storage/settings_repository.hpp"

#include "needlebook/model/text.hpp"
#include "needlebook/storage/binding.hpp"

namespace needlebook::storage {
namespace {

Product read_product(SQLite::Statement& row) {
    return Product{ProductId{row.getColumn(0).getInt64()}, row.getColumn(1).getString(),
                   row.getColumn(2).getString(), read_code<ProductKind>(row.getColumn(3)),
                   row.getColumn(4).getString()};
}

} // namespace

ClinicSettings SettingsRepository::load() {
    ClinicSettings settings;
    {
        auto query = m_db.query("SELECT key, value FROM clinic_setting");
        while (query->executeStep()) {
            const auto key = query->getColumn(0).getString();
            const auto value = query->getColumn(1).getString();
            const auto number = [&] { return parse_whole(value, key, 0, 100000); };
            if (key == "clinic_name")
                settings.clinic_name = value;
            else if (key == "time_zone")
                settings.time_zone = value;
            else if (key == "isotretinoin_months")
                settings.isotretinoin_months = number();
            else if (key == "consent_valid_months")
                settings.consent_valid_months = number();
            else if (key == "interval_warn_days")
                settings.interval_warn_days = number();
            else if (key == "interval_block_days")
                settings.interval_block_days = number();
            else if (key == "followup_due_days")
                settings.followup_due_days = number();
        }
    }
    {
        auto query = m_db.query("SELECT area, limit_mm FROM depth_limit");
        while (query->executeStep())
            settings.depth_limit_mm[read_code<Area>(query->getColumn(0))] =
                query->getColumn(1).getDouble();
    }
    {
        auto query = m_db.query("SELECT code, action FROM condition_policy");
        while (query->executeStep())
            settings.condition_action[read_code<ConditionCode>(query->getColumn(0))] =
                query->getColumn(1).getString() == "block" ? ConditionAction::block
                                                           : ConditionAction::warn;
    }
    auto query = m_db.query("SELECT kind, expected_days, always_adverse FROM reaction_norm");
    while (query->executeStep())
        settings.reaction_norm[read_code<ReactionKind>(query->getColumn(0))] =
            ReactionNorm{read_optional_int(query->getColumn(1)), query->getColumn(2).getInt() != 0};
    return settings;
}

void SettingsRepository::set_general(const std::string& key, const std::string& value) {
    auto update = m_db.query("UPDATE clinic_setting SET value = :value WHERE key = :key");
    update->bind(":key", key);
    update->bind(":value", value);
    update->exec();
}

void SettingsRepository::set_depth_limit(Area area, double limit_mm) {
    auto update = m_db.query("UPDATE depth_limit SET limit_mm = :limit WHERE area = :area");
    bind_code(*update, ":area", area);
    update->bind(":limit", limit_mm);
    update->exec();
}

void SettingsRepository::set_reaction_norm(ReactionKind kind, const ReactionNorm& norm) {
    auto update = m_db.query("UPDATE reaction_norm SET expected_days = :days, always_adverse = "
                             ":adverse WHERE kind = :kind");
    bind_code(*update, ":kind", kind);
    bind_optional(*update, ":days", norm.expected_days);
    update->bind(":adverse", norm.always_adverse ? 1 : 0);
    update->exec();
}

void SettingsRepository::set_condition_action(ConditionCode code, ConditionAction action) {
    auto update = m_db.query("UPDATE condition_policy SET action = :action WHERE code = :code");
    bind_code(*update, ":code", code);
    update->bind(":action", std::string(action == ConditionAction::block ? "block" : "warn"));
    update->exec();
}

std::optional<Product> SettingsRepository::find_product(std::string_view code) {
    auto query = m_db.query("SELECT id, code, name, kind, maker FROM product WHERE code = :code");
    query->bind(":code", std::string(code));
    if (!query->executeStep())
        return std::nullopt;
    return read_product(*query);
}

ProductId SettingsRepository::insert_product(const Product& product) {
    auto insert = m_db.query(
        "INSERT INTO product (code, name, kind, maker) VALUES (:code, :name, :kind, :maker)");
    insert->bind(":code", product.code);
    insert->bind(":name", product.name);
    bind_code(*insert, ":kind", product.kind);
    insert->bind(":maker", product.maker);
    insert->exec();
    return ProductId{m_db.sql().getLastInsertRowid()};
}

std::vector<Product> SettingsRepository::products() {
    auto query = m_db.query("SELECT id, code, name, kind, maker FROM product ORDER BY code");
    std::vector<Product> all;
    while (query->executeStep())
        all.push_back(read_product(*query));
    return all;
}

} // namespace needlebook::storage
