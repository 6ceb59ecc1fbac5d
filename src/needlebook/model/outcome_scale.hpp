#pragma once
// The outcome scales a clinic scores treatment results with (issue 15): what each measures,
// the values it allows, whether lower is better, whether it is scored per area, when it is
// taken, its source, and the rule that makes a patient a responder. Values only: no I/O.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook {

enum class ScaleCode {
    goodman_baron,
    goodman_baron_quant,
    mmasi,
    lemperle,
    glogau,
    gais_clinician,
    gais_patient,
    pain_nrs,
};

// When a score of the scale is taken.
enum class ScaleMoment {
    any,      // before the course and at any follow-up, to follow a trend
    baseline, // once, to classify before treatment
    after,    // after treatment, itself a rating of the change (GAIS)
    session,  // during a session (procedure pain)
};

// How a patient's scores decide whether they responded.
enum class ResponderRule {
    none,               // not an outcome (a classification, procedure pain)
    one_step_better,    // the latest at least 1 lower than the baseline
    quarter_lower,      // the latest at least 25% lower than the baseline
    latest_at_most_two, // the latest rating 1 or 2 (very much or much improved)
};

struct OutcomeScale {
    ScaleCode code;
    std::string_view key;  // as typed: goodman-baron, mmasi, …
    std::string_view name; // as printed
    double low = 0, high = 0;
    int decimals = 0; // 0: whole numbers only
    // Words for each whole value from `low` (glogau I–IV, GAIS labels), also accepted as typed.
    std::vector<std::string_view> labels;
    bool lower_is_better = true;
    bool per_area = false;
    ScaleMoment moment = ScaleMoment::any;
    ResponderRule responder = ResponderRule::none;
    std::string_view source;
};

// Every scale, in the order listed to users.
const std::vector<OutcomeScale>& outcome_scales();

// The scale with key `key`; a ValidationError naming the scales allowed otherwise.
const OutcomeScale& outcome_scale(std::string_view key);

// The catalogue entry of a scale code.
const OutcomeScale& scale_of(ScaleCode code);

// "whole numbers 1 to 4 (1 I, 2 II, …)": the values a scale allows, for messages.
std::string allowed_values(const OutcomeScale& scale);

// A score as typed ("2", "7.5", "III" for glogau, "much-improved" for GAIS), as its value; a
// ValidationError naming the scale and the values it allows otherwise.
double parse_score(const OutcomeScale& scale, std::string_view text);

// A value as printed: whole numbers without decimals, a label after the number when the scale
// has labels ("3 (III)").
std::string format_score(const OutcomeScale& scale, double value);

// Whether a patient whose first score was `baseline` and latest `latest` responded; nothing
// for a scale without a responder rule, or a rule that needs no baseline but a rating.
std::optional<bool> responded(const OutcomeScale& scale, std::optional<double> baseline,
                              double latest);

// The rule in words, for reports and the README.
std::string_view responder_text(ResponderRule rule);

} // namespace needlebook
