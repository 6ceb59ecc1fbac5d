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

// A device's depth limit that is not set reads "none": the area's limit applies.
constexpr std::string_view no_device_limit = "none";

std::string value_of(const std::vector<SettingEntry>& entries, std::string_view key) {
    for (const auto& entry : entries)
        if (entry.key == key)
            return entry.value;
    if (storage::parse_device_limit_key(key))
        return std::string(no_device_limit);
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
    {"followup_due_days", 1, 90},   {"override_min_reason", 1, 200},
    {"minimum_age", 0, 99},         {"course_overdue_days", 0, 365},
};

// The settings that take one word of a catalogue.
template <class E>
std::optional<std::string> catalogue_value(const std::string& key, const std::string& word,
                                           std::string_view text) {
    if (key != Catalogue<E>::field)
        return std::nullopt;
    if (!find_code<E>(word))
        throw ValidationError(key, fmt::format("{} '{}' is not allowed; allowed: {}", key,
                                               visible(text), allowed_codes<E>()));
    return word;
}

// fhir_identifier_system: an absolute URI a receiving system can hold chart codes under (http,
// https, urn:oid: or urn:uuid:), printable ASCII without spaces, at most 200 characters; empty
// unsets it. The trigger setting_revision_value (schema 9) refuses the same.
std::string identifier_system_value(const std::string& text) {
    if (text.empty())
        return text;
    const auto fail = [&](std::string_view what) {
        return ValidationError("fhir_identifier_system",
                               fmt::format("fhir_identifier_system '{}' {}; allowed: an absolute "
                                           "URI starting http://, https://, urn:oid: or "
                                           "urn:uuid:, without spaces, at most 200 characters "
                                           "(empty to unset)",
                                           visible(text), what));
    };
    if (text.size() > 200)
        throw fail("is longer than 200 characters");
    if (std::any_of(text.begin(), text.end(), [](unsigned char c) { return c <= ' ' || c > '~'; }))
        throw fail("holds a space, a line break or a character outside printable ASCII");
    const auto rest_after = [&](std::string_view prefix) -> std::optional<std::string_view> {
        if (!std::string_view(text).starts_with(prefix))
            return std::nullopt;
        return std::string_view(text).substr(prefix.size());
    };
    const auto only = [](std::string_view rest, std::string_view allowed) {
        return !rest.empty() && rest.find_first_not_of(allowed) == std::string_view::npos;
    };
    if (auto rest = rest_after("http://"); rest && !rest->empty())
        return text;
    if (auto rest = rest_after("https://"); rest && !rest->empty())
        return text;
    if (auto rest = rest_after("urn:oid:")) {
        if (only(*rest, "0123456789.") && std::isdigit(static_cast<unsigned char>(rest->front())))
            return text;
        throw fail("is no OID (digits and dots after urn:oid:)");
    }
    if (auto rest = rest_after("urn:uuid:")) {
        if (rest->size() == 36 && only(*rest, "0123456789abcdef-"))
            return text;
        throw fail("is no UUID (36 lower-case hex digits and dashes after urn:uuid:)");
    }
    throw fail("is not an absolute URI of an allowed scheme");
}

// The value as stored for `key`, after validating it: numbers in one form, words in lower case.
std::string stored_value(const std::string& key, std::string_view value,
                         const ClinicSettings& current) {
    const std::string text(value);
    // Words such as Block or ADVERSE mean the same in any case; messages quote what was typed.
    std::string word = text;
    std::transform(word.begin(), word.end(), word.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (key == "clinic_name")
        return text;
    if (key == "fhir_identifier_system")
        return identifier_system_value(text);
    if (key == "time_zone") {
        time::ClinicZone::from_setting(text); // refuses an unknown zone
        return text;
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
        return std::to_string(number);
    }
    if (auto value = catalogue_value<LotRegistration>(key, word, text))
        return *value;
    if (auto value = catalogue_value<ConsentPolicy>(key, word, text))
        return *value;
    const auto device_limit = storage::parse_device_limit_key(key);
    if (device_limit && (word.empty() || word == no_device_limit))
        return ""; // cleared
    if (key.starts_with("depth_limit.")) {
        if (!device_limit)
            parse_code<Area>(key.substr(12));
        const double limit = parse_decimal(text, key, 2);
        if (!(limit > 0 && limit <= max_depth_mm))
            throw ValidationError(
                key, fmt::format("{} {} is outside (0, {:.1f}] mm", key, text, max_depth_mm));
        return fmt::format("{:.2f}", limit);
    }
    if (key.starts_with("recovery.")) {
        parse_code<ReactionKind>(key.substr(9));
        return word == "adverse" ? word : std::to_string(parse_whole(text, key, 0, 365));
    }
    if (key.starts_with("condition.")) {
        parse_code<ConditionCode>(key.substr(10));
        if (word != "block" && word != "warn")
            throw ValidationError(
                key, fmt::format("{} '{}' is not allowed; allowed: block or warn", key, text));
        return word;
    }
    throw ValidationError("setting", fmt::format("unknown setting '{}'; see 'needlebook setting "
                                                 "list' for the keys",
                                                 key));
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
        {"course_overdue_days", std::to_string(settings.course_overdue_days)},
        {"override_min_reason", std::to_string(settings.override_min_reason)},
        {"lot_registration", std::string(code_of(settings.lot_registration))},
        {"minimum_age", std::to_string(settings.minimum_age)},
        {"consent_policy", std::string(code_of(settings.consent_policy))},
        {"fhir_identifier_system", settings.fhir_identifier_system},
    };
    for (const auto& [area, limit] : settings.depth_limit_mm) {
        entries.push_back({fmt::format("depth_limit.{}", area), fmt::format("{:.2f}", limit)});
        for (const auto& [where, device_limit] : settings.device_depth_limit_mm)
            if (where.first == area)
                entries.push_back({fmt::format("depth_limit.{}.{}", area, where.second),
                                   fmt::format("{:.2f}", device_limit)});
    }
    for (const auto& [kind, norm] : settings.reaction_norm)
        entries.push_back({fmt::format("recovery.{}", kind), norm_text(norm)});
    for (const auto& [code, action] : settings.condition_action)
        entries.push_back({fmt::format("condition.{}", code), action_text(action)});
    return entries;
}

std::vector<SettingEntry> list_settings(storage::Database& db) {
    return list_settings(storage::SettingsRepository(db).load());
}

std::string imported_setting_value(const std::string& key, std::string_view value) {
    check_text("value", value, 100);
    // Each value alone: the pair of interval limits is checked once both are in.
    ClinicSettings unbounded;
    unbounded.interval_block_days = 0;
    unbounded.interval_warn_days = 365;
    const auto stored = stored_value(key, value, unbounded);
    if (stored != value)
        throw ValidationError(key, fmt::format("'{}' is not how needlebook stores {} ('{}')",
                                               visible(value), key, stored));
    return stored;
}

SettingChange change_setting(Scope& scope, std::string_view key, std::string_view value,
                             std::string_view reason) {
    // A URI has its own, stricter check (printable ASCII, at most 200 characters), which names
    // the setting.
    if (key != "fhir_identifier_system")
        check_text("value", value, 100);
    check_text("reason", reason, 2000);
    const auto change = scope.db().write([&] {
        storage::SettingsRepository settings(scope.db());
        const auto current = settings.load();
        // A device's limit is stored under its codes as the catalogue spells them, so
        // depth_limit.jawline.RF is the same setting as depth_limit.jawline.rf.
        const auto device_limit = storage::parse_device_limit_key(key);
        const std::string name =
            device_limit
                ? fmt::format("depth_limit.{}.{}", device_limit->first, device_limit->second)
                : std::string(key);
        SettingChange change{name, value_of(list_settings(current), name), ""};
        const auto stored = settings.set(name, stored_value(name, value, current),
                                         scope.revision(0, std::string(reason)));
        change.new_value = value_of(list_settings(settings.load()), name);
        if (change.new_value == change.old_value)
            throw Conflict(
                fmt::format("{} is already {}; nothing to change", name, change.old_value));
        append_audit(
            scope.db(),
            scope.audit(
                "setting.change", "setting", stored.setting_id, std::nullopt, stored.revision,
                fmt::format("{}: '{}' -> '{}'{}", name, change.old_value, change.new_value,
                            reason.empty() ? std::string() : fmt::format(" ({})", reason))));
        return change;
    });
    scope.reload_settings(); // the checks that follow use the new value
    return change;
}

} // namespace needlebook::records
