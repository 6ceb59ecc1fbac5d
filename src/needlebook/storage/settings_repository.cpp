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
    else if (key == "lot_registration")
        settings.lot_registration = parse_code<LotRegistration>(value);
    else if (key == "minimum_age")
        settings.minimum_age = number();
    else if (key == "consent_policy")
        settings.consent_policy = parse_code<ConsentPolicy>(value);
    else if (const auto device_limit = parse_device_limit_key(key)) {
        if (!value.empty()) // cleared: the area's own limit applies
            settings.device_depth_limit_mm[*device_limit] = parse_decimal(value, key, 2);
    } else if (key.starts_with("depth_limit."))
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

std::optional<std::pair<Area, Device>> parse_device_limit_key(std::string_view key) {
    if (!key.starts_with("depth_limit."))
        return std::nullopt;
    const auto rest = key.substr(12);
    const auto dot = rest.find('.');
    if (dot == std::string_view::npos)
        return std::nullopt;
    return std::pair{parse_code<Area>(rest.substr(0, dot)),
                     parse_code<Device>(rest.substr(dot + 1))};
}

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
    SettingRevision stored;
    if (current->executeStep()) {
        stored = {current->getColumn(0).getInt64(), current->getColumn(1).getInt() + 1};
    } else {
        // A key set for the first time (a device's depth limit): its identity row comes first.
        auto identity = m_db.query("INSERT INTO setting (key) VALUES (:key)");
        identity->bind(":key", key);
        identity->exec();
        stored = {m_db.sql().getLastInsertRowid(), 1};
    }
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
