#include "needlebook/model/outcome_scale.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace needlebook {
namespace {

std::vector<OutcomeScale> build_scales() {
    const std::vector<std::string_view> gais = {"very-much-improved", "much-improved", "improved",
                                                "no-change", "worse"};
    return {
        {ScaleCode::goodman_baron,
         "goodman-baron",
         "Goodman & Baron qualitative acne scar grade",
         1,
         4,
         0,
         {},
         true,
         true,
         ScaleMoment::any,
         ResponderRule::one_step_better,
         "Goodman GJ, Baron JA. Postacne scarring: a qualitative global scarring grading system. "
         "Dermatol Surg 2006;32:1458-66"},
        {ScaleCode::goodman_baron_quant,
         "goodman-baron-quant",
         "Goodman & Baron quantitative acne scar score",
         0,
         84,
         0,
         {},
         true,
         false,
         ScaleMoment::any,
         ResponderRule::quarter_lower,
         "Goodman GJ, Baron JA. Postacne scarring - a quantitative global scarring grading "
         "system. J Cosmet Dermatol 2006;5:48-52"},
        {ScaleCode::mmasi,
         "mmasi",
         "modified Melasma Area and Severity Index",
         0,
         24,
         2,
         {},
         true,
         false,
         ScaleMoment::any,
         ResponderRule::quarter_lower,
         "Pandya AG et al. Reliability assessment and validation of the Melasma Area and "
         "Severity Index (MASI) and a new modified MASI scoring method. J Am Acad Dermatol "
         "2011;64:78-83"},
        {ScaleCode::lemperle,
         "lemperle",
         "Lemperle wrinkle assessment scale",
         0,
         5,
         0,
         {},
         true,
         true,
         ScaleMoment::any,
         ResponderRule::one_step_better,
         "Lemperle G, Holmes RE, Cohen SR, Lemperle SM. A classification of facial wrinkles. "
         "Plast Reconstr Surg 2001;108:1735-50"},
        {ScaleCode::glogau,
         "glogau",
         "Glogau photoaging classification",
         1,
         4,
         0,
         {"I", "II", "III", "IV"},
         true,
         false,
         ScaleMoment::baseline,
         ResponderRule::none,
         "Glogau RG. Aesthetic and anatomic analysis of the aging skin. Semin Cutan Med Surg "
         "1996;15:134-8"},
        {ScaleCode::gais_clinician, "gais-clinician",
         "Global Aesthetic Improvement Scale, rated by the clinician", 1, 5, 0, gais, true, false,
         ScaleMoment::after, ResponderRule::latest_at_most_two,
         "GAIS as used in the SkinPen Precision System labelling (FDA De Novo DEN160029)"},
        {ScaleCode::gais_patient, "gais-patient",
         "Global Aesthetic Improvement Scale, rated by the patient", 1, 5, 0, gais, true, false,
         ScaleMoment::after, ResponderRule::latest_at_most_two,
         "GAIS as used in the SkinPen Precision System labelling (FDA De Novo DEN160029)"},
        {ScaleCode::pain_nrs,
         "pain-nrs",
         "procedure pain, numeric rating scale",
         0,
         10,
         0,
         {},
         true,
         false,
         ScaleMoment::session,
         ResponderRule::none,
         "Hawker GA et al. Measures of adult pain: NRS. Arthritis Care Res 2011;63 Suppl "
         "11:S240-52"},
    };
}

} // namespace

std::string allowed_values(const OutcomeScale& scale) {
    std::string range = scale.decimals == 0
                            ? fmt::format("whole numbers {} to {}", scale.low, scale.high)
                            : fmt::format("{} to {} with at most {} decimals", scale.low,
                                          scale.high, scale.decimals);
    if (scale.labels.empty())
        return range;
    std::vector<std::string> words;
    for (std::size_t i = 0; i < scale.labels.size(); ++i)
        words.push_back(fmt::format("{} {}", scale.low + static_cast<double>(i), scale.labels[i]));
    return fmt::format("{} ({})", range, fmt::join(words, ", "));
}

const std::vector<OutcomeScale>& outcome_scales() {
    static const std::vector<OutcomeScale> scales = build_scales();
    return scales;
}

const OutcomeScale& scale_of(ScaleCode code) {
    for (const auto& scale : outcome_scales())
        if (scale.code == code)
            return scale;
    return outcome_scales().front(); // unreachable for a valid enum value
}

const OutcomeScale& outcome_scale(std::string_view key) {
    std::vector<std::string_view> keys;
    for (const auto& scale : outcome_scales()) {
        if (scale.key == key)
            return scale;
        keys.push_back(scale.key);
    }
    throw ValidationError("scale", fmt::format("unknown scale '{}'; allowed: {}", visible(key),
                                               fmt::join(keys, ", ")));
}

double parse_score(const OutcomeScale& scale, std::string_view text) {
    const auto refuse = [&] {
        return ValidationError("score",
                               fmt::format("score '{}' is not allowed on {}; allowed: {}",
                                           visible(text), scale.key, allowed_values(scale)));
    };
    for (std::size_t i = 0; i < scale.labels.size(); ++i)
        if (text == scale.labels[i])
            return scale.low + static_cast<double>(i);
    double value = 0;
    try {
        value = parse_decimal(text, "score", scale.decimals);
    } catch (const ValidationError&) {
        throw refuse();
    }
    if (value < scale.low || value > scale.high)
        throw refuse();
    return value;
}

std::string format_score(const OutcomeScale& scale, double value) {
    const auto number = scale.decimals == 0 ? fmt::format("{:.0f}", value)
                                            : fmt::format("{:.{}f}", value, scale.decimals);
    const auto index = static_cast<long>(std::lround(value - scale.low));
    if (scale.labels.empty() || index < 0 || index >= static_cast<long>(scale.labels.size()))
        return number;
    return fmt::format("{} ({})", number, scale.labels[static_cast<std::size_t>(index)]);
}

std::optional<bool> responded(const OutcomeScale& scale, std::optional<double> baseline,
                              double latest) {
    switch (scale.responder) {
    case ResponderRule::none:
        return std::nullopt;
    case ResponderRule::latest_at_most_two:
        return latest <= 2;
    case ResponderRule::one_step_better:
        if (!baseline)
            return std::nullopt;
        return *baseline - latest >= 1;
    case ResponderRule::quarter_lower:
        if (!baseline || *baseline <= 0)
            return std::nullopt; // nothing to be 25% lower than
        {
            // In the scale's steps, so 7.65 is 25% below 10.20 (10.2 x 0.75 is 7.6499… in double).
            const double step = std::pow(10.0, scale.decimals);
            return std::llround(latest * step) * 4 <= std::llround(*baseline * step) * 3;
        }
    }
    return std::nullopt;
}

std::string_view responder_text(ResponderRule rule) {
    switch (rule) {
    case ResponderRule::none:
        return "no responder rule (a classification or procedure pain, not an outcome)";
    case ResponderRule::one_step_better:
        return "the latest score at least one grade lower (better) than the baseline";
    case ResponderRule::quarter_lower:
        return "the latest score at least 25% lower than the baseline";
    case ResponderRule::latest_at_most_two:
        return "the latest rating 1 or 2 (very much or much improved)";
    }
    return "";
}

} // namespace needlebook
