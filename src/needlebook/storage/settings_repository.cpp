#include "needlebook/storage/settings_repository.hpp"

#include "needlebook/model/text.hpp"
#include "needlebook/storage/binding.hpp"

#include <fmt/format.h>

namespace needlebook::storage {
namespace {

Product read_product(SQLite::Statement& row) {
    return Product{ProductId{row.getColumn(0).getInt64()}, row.getColumn(1).getString(),
                   row.getColumn(2).getString(), read_code<ProductKind>(row.getColumn(3)),
                   row.getColumn(4).getString()};
}

// One stored value into the settings it belongs to; keys the program does not know are left.
void apply(ClinicSettings& settings, const std::string& key, const std::string& value) {
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
    else if (key == "override_min_reason")
        settings.override_min_reason = number();
    else if (key.starts_with("depth_limit."))
        settings.depth_limit_mm[parse_code<Area>(key.substr(12))] = parse_decimal(value, key, 2);
    else if (key.starts_with("recovery."))
        settings.reaction_norm[parse_code<ReactionKind>(key.substr(9))] =
            value == "adverse" ? ReactionNorm{std::nullopt, true}
                               : ReactionNorm{parse_whole(value, key, 0, 365), false};
    else if (key.starts_with("condition."))
        settings.condition_action[parse_code<ConditionCode>(key.substr(10))] =
            value == "block" ? ConditionAction::block : ConditionAction::warn;
}

} // namespace

ClinicSettings SettingsRepository::load() {
    ClinicSettings settings;
    auto query = m_db.query("SELECT key, value FROM setting_current");
    while (query->executeStep())
        apply(settings, query->getColumn(0).getString(), query->getColumn(1).getString());
    return settings;
}

std::int64_t SettingsRepository::newest_revision_id() {
    auto query = m_db.query("SELECT coalesce(max(id), 0) FROM setting_revision");
    query->executeStep();
    return query->getColumn(0).getInt64();
}

std::vector<SettingRevisionRef> SettingsRepository::current_revisions() {
    std::vector<SettingRevisionRef> revisions;
    auto query = m_db.query("SELECT key, id FROM setting_current ORDER BY key");
    while (query->executeStep())
        revisions.push_back({query->getColumn(0).getString(), query->getColumn(1).getInt64()});
    return revisions;
}

SettingRevision SettingsRepository::set(const std::string& key, const std::string& value,
                                        const RevisionInfo& info) {
    auto current = m_db.query("SELECT setting_id, revision FROM setting_current WHERE key = :key");
    current->bind(":key", key);
    if (!current->executeStep())
        throw std::logic_error(fmt::format("no stored setting {}", key));
    const SettingRevision stored{current->getColumn(0).getInt64(),
                                 current->getColumn(1).getInt() + 1};
    auto insert = m_db.query(
        "INSERT INTO setting_revision (setting_id, revision, value, author, recorded_at, reason) "
        "VALUES (:setting, :revision, :value, :author, :at, :reason)");
    insert->bind(":setting", stored.setting_id);
    insert->bind(":revision", stored.revision);
    insert->bind(":value", value);
    insert->bind(":author", info.author);
    insert->bind(":at", time::format_utc(info.recorded_at));
    insert->bind(":reason", info.reason);
    insert->exec();
    return stored;
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
