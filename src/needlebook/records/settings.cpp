#include "needlebook/records/settings.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/session.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/storage/settings_repository.hpp"
#include "needlebook/time/zone.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace needlebook::records {
namespace {

std::string norm_text(const ReactionNorm& norm) {
    return norm.always_adverse ? "adverse" : std::to_string(norm.expected_days.value_or(0));
}

std::string action_text(ConditionAction action) {
    return action == ConditionAction::block ? "block" : "warn";
}

std::string value_of(const std::vector<SettingEntry>& entries, std::string_view key) {
    for (const auto& entry : entries)
        if (entry.key == key)
            return entry.value;
    throw ValidationError("setting", fmt::format("unknown setting '{}'; see 'needlebook setting "
                                                 "list' for the keys",
                                                 visible(key)));
}

// The whole-number settings and their allowed ranges.
struct WholeSetting {
    std::string_view key;
    int low, high;
};
constexpr WholeSetting whole_settings[] = {
    {"isotretinoin_months", 0, 36}, {"consent_valid_months", 1, 120},
    {"interval_warn_days", 0, 365}, {"interval_block_days", 0, 365},
    {"followup_due_days", 1, 90},
};

void store(Scope& scope, const std::string& key, std::string_view value,
           const ClinicSettings& current) {
    storage::SettingsRepository settings(scope.db());
    const std::string text(value);
    // Words such as Block or ADVERSE mean the same in any case; messages quote what was typed.
    std::string word = text;
    std::transform(word.begin(), word.end(), word.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (key == "clinic_name") {
        settings.set_general(key, text);
        return;
    }
    if (key == "time_zone") {
        time::ClinicZone::from_setting(text); // refuses an unknown zone
        settings.set_general(key, text);
        return;
    }
    for (const auto& whole : whole_settings) {
        if (key != whole.key)
            continue;
        const int number = parse_whole(text, key, whole.low, whole.high);
        const bool is_warn = key == "interval_warn_days", is_block = key == "interval_block_days";
        if ((is_warn && number < current.interval_block_days) ||
            (is_block && number > current.interval_warn_days))
            throw ValidationError(key, fmt::format("interval_block_days must not exceed "
                                                   "interval_warn_days ({} and {} would)",
                                                   is_block ? number : current.interval_block_days,
                                                   is_warn ? number : current.interval_warn_days));
        settings.set_general(key, std::to_string(number));
        return;
    }
    if (key.starts_with("depth_limit.")) {
        const auto area = parse_code<Area>(key.substr(12));
        const double limit = parse_decimal(text, key, 2);
        if (!(limit > 0 && limit <= max_depth_mm))
            throw ValidationError(
                key, fmt::format("{} {} is outside (0, {:.1f}] mm", key, text, max_depth_mm));
        settings.set_depth_limit(area, limit);
    } else if (key.starts_with("recovery.")) {
        const auto kind = parse_code<ReactionKind>(key.substr(9));
        settings.set_reaction_norm(kind, word == "adverse"
                                             ? ReactionNorm{std::nullopt, true}
                                             : ReactionNorm{parse_whole(text, key, 0, 365), false});
    } else if (key.starts_with("condition.")) {
        const auto code = parse_code<ConditionCode>(key.substr(10));
        if (word != "block" && word != "warn")
            throw ValidationError(
                key, fmt::format("{} '{}' is not allowed; allowed: block or warn", key, text));
        settings.set_condition_action(code, word == "block" ? ConditionAction::block
                                                            : ConditionAction::warn);
    }
}

} // namespace

std::vector<SettingEntry> list_settings(const ClinicSettings& settings) {
    std::vector<SettingEntry> entries{
        {"clinic_name", settings.clinic_name},
        {"time_zone", settings.time_zone},
        {"isotretinoin_months", std::to_string(settings.isotretinoin_months)},
        {"consent_valid_months", std::to_string(settings.consent_valid_months)},
        {"interval_warn_days", std::to_string(settings.interval_warn_days)},
        {"interval_block_days", std::to_string(settings.interval_block_days)},
        {"followup_due_days", std::to_string(settings.followup_due_days)},
    };
    for (const auto& [area, limit] : settings.depth_limit_mm)
        entries.push_back({fmt::format("depth_limit.{}", area), fmt::format("{:.2f}", limit)});
    for (const auto& [kind, norm] : settings.reaction_norm)
        entries.push_back({fmt::format("recovery.{}", kind), norm_text(norm)});
    for (const auto& [code, action] : settings.condition_action)
        entries.push_back({fmt::format("condition.{}", code), action_text(action)});
    return entries;
}

std::vector<SettingEntry> list_settings(storage::Database& db) {
    return list_settings(storage::SettingsRepository(db).load());
}

SettingChange change_setting(Scope& scope, std::string_view key, std::string_view value) {
    check_text("value", value, 100);
    const auto change = scope.db().write([&] {
        const auto current = storage::SettingsRepository(scope.db()).load();
        const std::string name(key);
        SettingChange change{name, value_of(list_settings(current), key), ""};
        store(scope, name, value, current);
        change.new_value =
            value_of(list_settings(storage::SettingsRepository(scope.db()).load()), key);
        if (change.new_value == change.old_value)
            throw Conflict(
                fmt::format("{} is already {}; nothing to change", key, change.old_value));
        append_audit(scope.db(),
                     {scope.clock().now(), scope.actor(), "setting.change", std::nullopt, "setting",
                      std::nullopt, std::nullopt,
                      fmt::format("{}: '{}' -> '{}'", key, change.old_value, change.new_value)});
        return change;
    });
    scope.reload_settings(); // the checks that follow use the new value
    return change;
}

} // namespace needlebook::records
