#pragma once

#include "needlebook/model/catalogue.hpp"
#include "needlebook/model/ids.hpp"
#include "needlebook/model/revision.hpp"
#include "needlebook/time/date.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook {

// Absolute depth bound: no clinic setting and no override goes past it.
inline constexpr double max_depth_mm = 3.0;

struct AreaTreatment {
    Area area{};
    std::optional<Side> side;
    double depth_mm = 0;
    std::optional<int> passes;
    friend bool operator==(const AreaTreatment&, const AreaTreatment&) = default;
};

struct SerumUse {
    std::string product; // product code from the catalogue
    std::string lot;
    SerumPhase phase = SerumPhase::after;
    std::optional<double> amount_ml; // how much was used, when recorded
    friend bool operator==(const SerumUse&, const SerumUse&) = default;
};

struct SessionDetails {
    time::Instant performed_at{};
    std::string practitioner;
    Indication indication = Indication::rejuvenation;
    Device device = Device::pen;
    std::string model;
    std::string cartridge;
    std::string cartridge_lot;
    std::string anaesthetic;
    std::string endpoint;
    std::string aftercare;
    std::string note;
    std::vector<AreaTreatment> areas;
    std::vector<SerumUse> serums;
    std::optional<CourseId> course; // the treatment course it belongs to, if any
    friend bool operator==(const SessionDetails&, const SessionDetails&) = default;
};

// What a clinical check found, kept with the session revision it was raised for: a warning,
// or a blocking finding the practitioner overrode with a reason (FindingLevel, catalogue.hpp).
struct SessionFinding {
    std::string key; // one per independent reason: "depth:periorbital", "condition:eczema"
    FindingLevel level = FindingLevel::warning;
    std::string message;
    std::string override_reason; // why it was overridden; empty for a warning
    // Who accepted it and when (an amendment carries both over); empty for a warning.
    std::string overridden_by;
    std::optional<time::Instant> overridden_at;
    friend bool operator==(const SessionFinding&, const SessionFinding&) = default;
};

struct Session {
    SessionId id;
    PatientId patient_id;
    std::string patient_code;
    SessionDetails details;
    std::vector<SessionFinding> findings; // overridden ones first, in the order of the checks
    RevisionInfo revision;

    bool has_override() const;
    bool has_warning() const;
};

// 'AREA[:left|right]=DEPTH[xPASSES]', e.g. 'cheek:left=1.5x3'.
AreaTreatment parse_area_spec(std::string_view spec);
// Product codes are lowercase in the catalogue, so 'HA-Serum' is the same product as ha-serum.
std::string product_code(std::string_view typed);
// 'PRODUCT@LOT[:during|after][=AMOUNTml]'; phase defaults to after, the amount is in ml.
SerumUse parse_serum_spec(std::string_view spec);
// 'AREA[:left|right]' for a reaction's area.
std::pair<Area, std::optional<Side>> parse_area_side(std::string_view spec);

// Whether something noted at `area` and `side` (a reaction) is on `treated`: the same area, and
// the same side unless either names none.
inline bool is_on(const AreaTreatment& treated, Area area, std::optional<Side> side) {
    return treated.area == area && (!treated.side || !side || treated.side == side);
}

// "cheek:left" or "cheek": how an area and side are written and printed.
std::string area_side_code(Area area, std::optional<Side> side);

// Depths always with two decimals, so 0.25 and 2.5 cannot be mistaken for each other.
std::string format_depth(double depth_mm);
// 'cheek:left=1.50x3', the spelling of --area.
std::string area_spec(const AreaTreatment& treated);
// 'ha-serum@HA2291:after=1.5ml', the spelling of --serum.
std::string serum_spec(const SerumUse& use);
// '1.5 ml': an amount as printed.
std::string format_amount(double amount_ml);

// Throws ValidationError: at least one area, each once, depths within (0, 3.0] mm, text lengths.
void validate(const SessionDetails& details);

} // namespace needlebook
