#pragma once
// The clinic's settings: the defaults of docs/clinical-defaults.md, changeable per clinic.

#include "needlebook/model/catalogue.hpp"

#include <map>
#include <optional>
#include <string>

namespace needlebook {

enum class ConditionAction { block, warn };

struct ReactionNorm {
    std::optional<int> expected_days; // nothing when the kind is always adverse
    bool always_adverse = false;
};

struct ClinicSettings {
    std::string clinic_name; // printed on every page of a history
    std::string time_zone;   // empty: the system's zone
    int isotretinoin_months = 6;
    int consent_valid_months = 12;
    int interval_warn_days = 28;
    int interval_block_days = 14;
    int followup_due_days = 7;
    int override_min_reason = 10; // characters an override's reason needs at least
    std::map<Area, double> depth_limit_mm;
    std::map<ConditionCode, ConditionAction> condition_action;
    std::map<ReactionKind, ReactionNorm> reaction_norm;
};

} // namespace needlebook
