#pragma once
// Use cases for the clinic's settings: the defaults of docs/clinical-defaults.md, changed per
// clinic.
//
// Keys: time_zone, isotretinoin_months, consent_valid_months, interval_warn_days,
// interval_block_days, followup_due_days, course_overdue_days, override_min_reason (characters),
// depth_limit.AREA (mm), recovery.KIND (days, or "adverse" for kinds that are always adverse
// events), condition.CODE (block or warn).

#include "needlebook/records/scope.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace needlebook::records {

struct SettingEntry {
    std::string key;
    std::string value;
};

// Every setting in a stable order: general ones, then depth limits, recovery norms, conditions.
std::vector<SettingEntry> list_settings(const ClinicSettings& settings);
// The settings stored in `db`, listed as above.
std::vector<SettingEntry> list_settings(storage::Database& db);

struct SettingChange {
    std::string key;
    std::string old_value;
    std::string new_value;
};

// A value read from an export for `key`, validated on its own and required in the form
// needlebook stores (import keeps values exactly). Throws ValidationError naming the key.
std::string imported_setting_value(const std::string& key, std::string_view value);

// Validates `value` for `key`, stores it as the setting's next revision (by the scope's actor,
// now, for `reason`) and audits the change as "setting.change".
SettingChange change_setting(Scope& scope, std::string_view key, std::string_view value,
                             std::string_view reason = {});

} // namespace needlebook::records
