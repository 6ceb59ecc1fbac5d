#include "needlebook/storage/settings_repository.hpp"

#include "needlebook/model/text.hpp"
#include "needlebook/storage/binding.hpp"

#include <fmt/format.h>

namespace needlebook::storage {
namespace {

// The columns every product query selects: id, code, name, kind, maker, retired, revision,
// and the author, time and reason of a revision after the first (NULL for revision 1).
constexpr std::string_view current_products =
    "SELECT c.id, c.code, c.name, c.kind, c.maker, c.retired, c.revision, r.author, "
    "r.recorded_at, r.reason FROM product_current c LEFT JOIN product_revision r ON "
    "r.product_id = c.id AND r.revision = c.revision";

Product read_product(Statement& row) {
    Product product{ProductId{row.column(0).as_int64()},
                    row.column(1).as_text(),
                    row.column(2).as_text(),
                    read_code<ProductKind>(row.column(3)),
                    row.column(4).as_text(),
                    row.column(5).as_int() != 0,
                    {}};
    product.revision.number = row.column(6).as_int();
    if (!row.column(7).is_null()) {
        product.revision.author = row.column(7).as_text();
        product.revision.recorded_at = time::parse_utc(row.column(8).as_text(), "recorded_at");
        product.revision.reason = row.column(9).as_text();
    }
    return product;
}

// One stored value into the settings it belongs to; keys the program does not know are left.
void apply(ClinicSettings& settings, const std::string& key, const std::string& value) {
    const auto number = [&] { return parse_whole(value, key, 0, 100000); };
    if (key == "clinic_name")
        settings.clinic_name = value;
    else if (key == "time_zone")
        settings.time_zone = value;
    else if (key == "fhir_identifier_system")
        settings.fhir_identifier_system = value;
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
    else if (key == "course_overdue_days")
        settings.course_overdue_days = number();
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
    while (query->step())
        apply(settings, query->column(0).as_text(), query->column(1).as_text());
    return settings;
}

std::int64_t SettingsRepository::newest_revision_id() {
    auto query = m_db.query("SELECT coalesce(max(id), 0) FROM setting_revision");
    query->step();
    return query->column(0).as_int64();
}

std::vector<SettingRevisionRef> SettingsRepository::current_revisions() {
    std::vector<SettingRevisionRef> revisions;
    auto query = m_db.query("SELECT key, id FROM setting_current ORDER BY key");
    while (query->step())
        revisions.push_back({query->column(0).as_text(), query->column(1).as_int64()});
    return revisions;
}

SettingRevision SettingsRepository::set(const std::string& key, const std::string& value,
                                        const RevisionInfo& info) {
    // The key's identity row, and its newest revision if it has one (an import puts the
    // values of another database in place of seeded ones, storage/seeded_database.hpp).
    auto current = m_db.query("SELECT s.id, (SELECT max(revision) FROM setting_revision WHERE "
                              "setting_id = s.id) FROM setting s WHERE s.key = :key");
    current->bind(":key", key);
    SettingRevision stored;
    if (current->step()) {
        stored = {current->column(0).as_int64(), current->column(1).as_int() + 1};
    } else {
        // A key set for the first time (a device's depth limit): its identity row comes first.
        auto identity = m_db.query("INSERT INTO setting (key) VALUES (:key) RETURNING id");
        identity->bind(":key", key);
        stored = {identity->exec_returning_id(), 1};
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

std::optional<std::pair<std::int64_t, std::string>>
SettingsRepository::revision_row(std::string_view key, int revision) {
    auto query = m_db.query("SELECT r.id, r.value FROM setting_revision r JOIN setting s ON s.id "
                            "= r.setting_id WHERE s.key = :key AND r.revision = :revision");
    query->bind(":key", std::string(key));
    query->bind(":revision", revision);
    if (!query->step())
        return std::nullopt;
    return std::pair{query->column(0).as_int64(), query->column(1).as_text()};
}

std::optional<Product> SettingsRepository::find_product(std::string_view code) {
    auto query = m_db.query(fmt::format("{} WHERE c.code = :code", current_products));
    query->bind(":code", std::string(code));
    if (!query->step())
        return std::nullopt;
    return read_product(*query);
}

std::vector<Product> SettingsRepository::products() {
    auto query = m_db.query(fmt::format("{} ORDER BY c.code", current_products));
    std::vector<Product> all;
    while (query->step())
        all.push_back(read_product(*query));
    return all;
}

std::vector<Product> SettingsRepository::product_revisions(ProductId id) {
    auto query = m_db.query(
        "SELECT id, code, name, kind, maker, 0, 1, NULL, NULL, NULL FROM product WHERE id = :id "
        "UNION ALL SELECT p.id, p.code, r.name, r.kind, r.maker, r.retired, r.revision, r.author, "
        "r.recorded_at, r.reason FROM product_revision r JOIN product p ON p.id = r.product_id "
        "WHERE r.product_id = :id ORDER BY 7");
    query->bind(":id", id.value);
    std::vector<Product> revisions;
    while (query->step())
        revisions.push_back(read_product(*query));
    return revisions;
}

ProductId SettingsRepository::insert_product(const Product& product,
                                             std::optional<std::int64_t> id) {
    auto insert = m_db.query("INSERT INTO product (id, code, name, kind, maker) VALUES (:id, "
                             ":code, :name, :kind, :maker) RETURNING id");
    bind_optional(*insert, ":id", id);
    insert->bind(":code", product.code);
    insert->bind(":name", product.name);
    bind_code(*insert, ":kind", product.kind);
    insert->bind(":maker", product.maker);
    return ProductId{insert->exec_returning_id()};
}

void SettingsRepository::add_product_revision(const Product& product) {
    auto insert = m_db.query(
        "INSERT INTO product_revision (product_id, revision, name, kind, maker, retired, author, "
        "recorded_at, reason) VALUES (:product, :revision, :name, :kind, :maker, :retired, "
        ":author, :recorded_at, :reason)");
    insert->bind(":product", product.id.value);
    insert->bind(":revision", product.revision.number);
    insert->bind(":name", product.name);
    bind_code(*insert, ":kind", product.kind);
    insert->bind(":maker", product.maker);
    insert->bind(":retired", product.retired ? 1 : 0);
    insert->bind(":author", product.revision.author);
    insert->bind(":recorded_at", time::format_utc(product.revision.recorded_at));
    insert->bind(":reason", product.revision.reason);
    insert->exec();
}

} // namespace needlebook::storage
