#pragma once
// The clinic's settings: the defaults of docs/clinical-defaults.md, changeable per clinic.

#include "needlebook/model/catalogue.hpp"

#include <map>
#include <optional>
#include <string>
#include <utility>

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
    int course_overdue_days = 14; // a course's next session this many days late is overdue
    int override_min_reason = 10; // characters an override's reason needs at least
    LotRegistration lot_registration = LotRegistration::warn;
    int minimum_age = 18; // years; younger patients need a guardian's consent (0: no limit)
    ConsentPolicy consent_policy = ConsentPolicy::warn;
    // The URI naming the clinic's chart codes in FHIR (Patient.identifier.system); empty: unset,
    // and the FHIR export refuses until it is set.
    std::string fhir_identifier_system;
    std::map<Area, double> depth_limit_mm;
    // depth_limit.AREA.DEVICE: a device's own limit on an area, in place of the area's.
    std::map<std::pair<Area, Device>, double> device_depth_limit_mm;
    std::map<ConditionCode, ConditionAction> condition_action;
    std::map<ReactionKind, ReactionNorm> reaction_norm;
};

} // namespace needlebook
