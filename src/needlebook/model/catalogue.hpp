#pragma once
// The fixed catalogues (README "Command reference", Catalogues): each enum has one table of codes
// (lowercase with hyphens, as typed on the command line and stored in SQLite) and human labels (as
// printed).

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fmt/format.h>
#include <optional>
#include <string>
#include <string_view>

namespace needlebook {

enum class Area {
    forehead,
    glabella,
    temple,
    periorbital,
    nose,
    cheek,
    perioral,
    chin,
    jawline,
    neck,
    decolletage,
    scalp,
    hands,
    abdomen,
    thigh,
    arm,
    back,
    scar,
    other
};
enum class Side { left, right };
enum class Device { pen, roller, stamp, rf };
enum class Indication {
    rejuvenation,
    acne_scars,
    surgical_scar,
    stretch_marks,
    hyperpigmentation,
    melasma,
    other
};
enum class ReactionKind {
    erythema,
    oedema,
    pinpoint_bleeding,
    bruising,
    itching,
    burning,
    dryness_peeling,
    acneiform_eruption,
    milia,
    post_inflammatory_hyperpigmentation,
    infection,
    herpes_reactivation,
    contact_dermatitis,
    granuloma,
    tram_track_scarring,
    other
};
enum class Severity { mild, moderate, severe };
enum class ConditionCode {
    active_infection,
    open_wound,
    eczema,
    psoriasis,
    active_herpes,
    rosacea_flare,
    keloid_tendency,
    isotretinoin,
    pregnancy,
    anticoagulants,
    bleeding_disorder,
    skin_cancer,
    metal_allergy,
    anaesthetic_allergy,
    uncontrolled_diabetes
};
enum class SerumPhase { during, after };
enum class FindingLevel { warning, overridden };
enum class FollowupOutcome { none, reactions };
// What a signed consent covers; a session needs each scope it uses (rules/clinical_checks.cpp).
enum class ConsentScope { microneedling, serums, prp, rf, photos };
// How the clinical checks treat a lot that is not registered.
enum class LotRegistration { off, warn, block };
// The level of a consent finding (missing, expired, withdrawn, not covering what was done).
enum class ConsentPolicy { warn, block };
// How a course ended: as planned, or stopped early (the reason says why).
enum class CourseOutcome { completed, stopped };
// The standard views of a clinical photo series.
enum class PhotoView { front, left_45, right_45, left_profile, right_profile, other };
enum class ProductKind {
    hyaluronic_acid,
    growth_factors,
    peptides,
    vitamin_c,
    exosomes,
    prp,
    anaesthetic,
    other
};

template <class E> struct CatalogueEntry {
    E value;
    std::string_view code;
    std::string_view label;
};

// Specialised once per enum below: the field name used in messages and the entries.
template <class E> struct Catalogue;

template <> struct Catalogue<Area> {
    static constexpr std::string_view field = "area";
    static constexpr std::array<CatalogueEntry<Area>, 19> entries{{
        {Area::forehead, "forehead", "forehead"},
        {Area::glabella, "glabella", "glabella"},
        {Area::temple, "temple", "temple"},
        {Area::periorbital, "periorbital", "periorbital"},
        {Area::nose, "nose", "nose"},
        {Area::cheek, "cheek", "cheek"},
        {Area::perioral, "perioral", "perioral"},
        {Area::chin, "chin", "chin"},
        {Area::jawline, "jawline", "jawline"},
        {Area::neck, "neck", "neck"},
        {Area::decolletage, "decolletage", "décolletage"},
        {Area::scalp, "scalp", "scalp"},
        {Area::hands, "hands", "hands"},
        {Area::abdomen, "abdomen", "abdomen"},
        {Area::thigh, "thigh", "thigh"},
        {Area::arm, "arm", "arm"},
        {Area::back, "back", "back"},
        {Area::scar, "scar", "scar"},
        {Area::other, "other", "other"},
    }};
};

template <> struct Catalogue<Side> {
    static constexpr std::string_view field = "side";
    static constexpr std::array<CatalogueEntry<Side>, 2> entries{{
        {Side::left, "left", "left"},
        {Side::right, "right", "right"},
    }};
};

template <> struct Catalogue<Device> {
    static constexpr std::string_view field = "device";
    static constexpr std::array<CatalogueEntry<Device>, 4> entries{{
        {Device::pen, "pen", "pen"},
        {Device::roller, "roller", "roller"},
        {Device::stamp, "stamp", "stamp"},
        {Device::rf, "rf", "RF microneedling"},
    }};
};

template <> struct Catalogue<Indication> {
    static constexpr std::string_view field = "indication";
    static constexpr std::array<CatalogueEntry<Indication>, 7> entries{{
        {Indication::rejuvenation, "rejuvenation", "rejuvenation"},
        {Indication::acne_scars, "acne-scars", "acne scars"},
        {Indication::surgical_scar, "surgical-scar", "surgical scar"},
        {Indication::stretch_marks, "stretch-marks", "stretch marks"},
        {Indication::hyperpigmentation, "hyperpigmentation", "hyperpigmentation"},
        {Indication::melasma, "melasma", "melasma"},
        {Indication::other, "other", "other"},
    }};
};

template <> struct Catalogue<ReactionKind> {
    static constexpr std::string_view field = "kind";
    static constexpr std::array<CatalogueEntry<ReactionKind>, 16> entries{{
        {ReactionKind::erythema, "erythema", "erythema"},
        {ReactionKind::oedema, "oedema", "oedema"},
        {ReactionKind::pinpoint_bleeding, "pinpoint-bleeding", "pinpoint bleeding"},
        {ReactionKind::bruising, "bruising", "bruising"},
        {ReactionKind::itching, "itching", "itching"},
        {ReactionKind::burning, "burning", "burning"},
        {ReactionKind::dryness_peeling, "dryness-peeling", "dryness/peeling"},
        {ReactionKind::acneiform_eruption, "acneiform-eruption", "acneiform eruption"},
        {ReactionKind::milia, "milia", "milia"},
        {ReactionKind::post_inflammatory_hyperpigmentation, "post-inflammatory-hyperpigmentation",
         "post-inflammatory hyperpigmentation"},
        {ReactionKind::infection, "infection", "infection"},
        {ReactionKind::herpes_reactivation, "herpes-reactivation", "herpes reactivation"},
        {ReactionKind::contact_dermatitis, "contact-dermatitis", "allergic/contact dermatitis"},
        {ReactionKind::granuloma, "granuloma", "granuloma"},
        {ReactionKind::tram_track_scarring, "tram-track-scarring", "tram-track scarring"},
        {ReactionKind::other, "other", "other"},
    }};
};

template <> struct Catalogue<Severity> {
    static constexpr std::string_view field = "severity";
    static constexpr std::array<CatalogueEntry<Severity>, 3> entries{{
        {Severity::mild, "mild", "mild"},
        {Severity::moderate, "moderate", "moderate"},
        {Severity::severe, "severe", "severe"},
    }};
};

template <> struct Catalogue<ConditionCode> {
    static constexpr std::string_view field = "condition";
    static constexpr std::array<CatalogueEntry<ConditionCode>, 15> entries{{
        {ConditionCode::active_infection, "active-infection", "active skin infection"},
        {ConditionCode::open_wound, "open-wound", "open wound"},
        {ConditionCode::eczema, "eczema", "eczema"},
        {ConditionCode::psoriasis, "psoriasis", "psoriasis"},
        {ConditionCode::active_herpes, "active-herpes", "active herpes simplex"},
        {ConditionCode::rosacea_flare, "rosacea-flare", "rosacea flare"},
        {ConditionCode::keloid_tendency, "keloid-tendency", "keloid tendency"},
        {ConditionCode::isotretinoin, "isotretinoin", "isotretinoin"},
        {ConditionCode::pregnancy, "pregnancy", "pregnancy or nursing"},
        {ConditionCode::anticoagulants, "anticoagulants", "anticoagulants"},
        {ConditionCode::bleeding_disorder, "bleeding-disorder", "bleeding disorder"},
        {ConditionCode::skin_cancer, "skin-cancer", "skin cancer in the area"},
        {ConditionCode::metal_allergy, "metal-allergy", "allergy to steel"},
        {ConditionCode::anaesthetic_allergy, "anaesthetic-allergy", "allergy to anaesthetic"},
        {ConditionCode::uncontrolled_diabetes, "uncontrolled-diabetes", "uncontrolled diabetes"},
    }};
};

template <> struct Catalogue<SerumPhase> {
    static constexpr std::string_view field = "serum phase";
    static constexpr std::array<CatalogueEntry<SerumPhase>, 2> entries{{
        {SerumPhase::during, "during", "during"},
        {SerumPhase::after, "after", "after"},
    }};
};

template <> struct Catalogue<FindingLevel> {
    static constexpr std::string_view field = "finding level";
    static constexpr std::array<CatalogueEntry<FindingLevel>, 2> entries{{
        {FindingLevel::warning, "warning", "warning"},
        {FindingLevel::overridden, "overridden", "overridden"},
    }};
};

template <> struct Catalogue<FollowupOutcome> {
    static constexpr std::string_view field = "outcome";
    static constexpr std::array<CatalogueEntry<FollowupOutcome>, 2> entries{{
        {FollowupOutcome::none, "none", "no reaction"},
        {FollowupOutcome::reactions, "reactions", "reactions recorded"},
    }};
};

template <> struct Catalogue<ConsentScope> {
    static constexpr std::string_view field = "covers";
    static constexpr std::array<CatalogueEntry<ConsentScope>, 5> entries{{
        {ConsentScope::microneedling, "microneedling", "microneedling"},
        {ConsentScope::serums, "serums", "serums applied to the skin"},
        {ConsentScope::prp, "prp", "platelet-rich plasma"},
        {ConsentScope::rf, "rf", "RF microneedling"},
        {ConsentScope::photos, "photos", "clinical photographs"},
    }};
};

template <> struct Catalogue<LotRegistration> {
    static constexpr std::string_view field = "lot_registration";
    static constexpr std::array<CatalogueEntry<LotRegistration>, 3> entries{{
        {LotRegistration::off, "off", "off"},
        {LotRegistration::warn, "warn", "warn"},
        {LotRegistration::block, "block", "block"},
    }};
};

template <> struct Catalogue<ConsentPolicy> {
    static constexpr std::string_view field = "consent_policy";
    static constexpr std::array<CatalogueEntry<ConsentPolicy>, 2> entries{{
        {ConsentPolicy::warn, "warn", "warn"},
        {ConsentPolicy::block, "block", "block"},
    }};
};

template <> struct Catalogue<ProductKind> {
    static constexpr std::string_view field = "product kind";
    static constexpr std::array<CatalogueEntry<ProductKind>, 8> entries{{
        {ProductKind::hyaluronic_acid, "hyaluronic-acid", "hyaluronic acid"},
        {ProductKind::growth_factors, "growth-factors", "growth factors"},
        {ProductKind::peptides, "peptides", "peptides"},
        {ProductKind::vitamin_c, "vitamin-c", "vitamin C"},
        {ProductKind::exosomes, "exosomes", "exosomes"},
        {ProductKind::prp, "prp", "platelet-rich plasma"},
        {ProductKind::anaesthetic, "anaesthetic", "anaesthetic"},
        {ProductKind::other, "other", "other"},
    }};
};

template <> struct Catalogue<CourseOutcome> {
    static constexpr std::string_view field = "outcome";
    static constexpr std::array<CatalogueEntry<CourseOutcome>, 2> entries{{
        {CourseOutcome::completed, "completed", "completed"},
        {CourseOutcome::stopped, "stopped", "stopped"},
    }};
};

template <> struct Catalogue<PhotoView> {
    static constexpr std::string_view field = "view";
    static constexpr std::array<CatalogueEntry<PhotoView>, 6> entries{{
        {PhotoView::front, "front", "front"},
        {PhotoView::left_45, "left-45", "left 45°"},
        {PhotoView::right_45, "right-45", "right 45°"},
        {PhotoView::left_profile, "left-profile", "left profile"},
        {PhotoView::right_profile, "right-profile", "right profile"},
        {PhotoView::other, "other", "other"},
    }};
};

template <class E> constexpr const CatalogueEntry<E>& catalogue_entry(E value) {
    for (const auto& entry : Catalogue<E>::entries)
        if (entry.value == value)
            return entry;
    return Catalogue<E>::entries.front(); // unreachable for a valid enum value
}

template <class E> constexpr std::string_view code_of(E value) {
    return catalogue_entry(value).code;
}

template <class E> constexpr std::string_view label_of(E value) {
    return catalogue_entry(value).label;
}

// "a, b or c": the allowed codes, for error messages and help texts.
template <class E> std::string allowed_codes() {
    std::string out;
    const auto& entries = Catalogue<E>::entries;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i > 0)
            out += i + 1 == entries.size() ? " or " : ", ";
        out += entries[i].code;
    }
    return out;
}

// Case-insensitive, so "Cheek" is the cheek; returns nothing for an unknown code.
template <class E> std::optional<E> find_code(std::string_view text) {
    std::string lowered(text);
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (const auto& entry : Catalogue<E>::entries)
        if (entry.code == lowered)
            return entry.value;
    return std::nullopt;
}

// Parses a code or throws a ValidationError naming the field and every allowed code.
template <class E>
E parse_code(std::string_view text, std::string_view field = Catalogue<E>::field) {
    if (auto value = find_code<E>(text))
        return *value;
    throw ValidationError(std::string(field), fmt::format("unknown {} '{}'; allowed: {}", field,
                                                          visible(text), allowed_codes<E>()));
}

} // namespace needlebook

// Every catalogue enum prints as its code, e.g. fmt::format("{}", Area::cheek) == "cheek".
template <class E>
requires requires {
    needlebook::Catalogue<E>::entries;
}
struct fmt::formatter<E> : fmt::formatter<std::string_view> {
    auto format(E value, format_context& ctx) const {
        return fmt::formatter<std::string_view>::format(needlebook::code_of(value), ctx);
    }
};
