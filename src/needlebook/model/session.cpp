#include "needlebook/model/session.hpp"

#include "needlebook/model/lot.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace needlebook {

std::pair<Area, std::optional<Side>> parse_area_side(std::string_view spec) {
    const auto colon = spec.find(':');
    const Area area = parse_code<Area>(spec.substr(0, colon));
    if (colon == std::string_view::npos)
        return {area, std::nullopt};
    return {area, parse_code<Side>(spec.substr(colon + 1))};
}

bool Session::has_override() const {
    return std::any_of(findings.begin(), findings.end(), [](const SessionFinding& finding) {
        return finding.level == FindingLevel::overridden;
    });
}

bool Session::has_warning() const {
    return std::any_of(findings.begin(), findings.end(), [](const SessionFinding& finding) {
        return finding.level == FindingLevel::warning;
    });
}

std::string area_side_code(Area area, std::optional<Side> side) {
    return side ? fmt::format("{}:{}", area, *side) : std::string(code_of(area));
}

AreaTreatment parse_area_spec(std::string_view spec) {
    const auto equals = spec.find('=');
    if (equals == std::string_view::npos)
        throw ValidationError("area", fmt::format("area '{}' has no depth; write AREA[:left|right]="
                                                  "DEPTH[xPASSES], e.g. cheek:left=1.0x3",
                                                  visible(spec)));
    AreaTreatment treatment;
    std::tie(treatment.area, treatment.side) = parse_area_side(spec.substr(0, equals));
    // Name the area in number errors: a session logs several.
    try {
        auto depth_text = spec.substr(equals + 1);
        if (const auto times = depth_text.find_first_of("xX"); times != std::string_view::npos) {
            treatment.passes = parse_whole(depth_text.substr(times + 1), "passes", 1, 20);
            depth_text = depth_text.substr(0, times);
        }
        // '1.5mm' and '1.5MM' are what people type; the unit is always mm.
        if (depth_text.size() > 2 && (depth_text.ends_with("mm") || depth_text.ends_with("MM")))
            depth_text.remove_suffix(2);
        treatment.depth_mm = parse_decimal(depth_text, "depth", 2);
    } catch (const ValidationError& e) {
        throw ValidationError(e.field(), fmt::format("{} (in --area {})", e.what(), visible(spec)));
    }
    return treatment;
}

std::string product_code(std::string_view typed) {
    std::string code(typed);
    std::transform(code.begin(), code.end(), code.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return code;
}

SerumUse parse_serum_spec(std::string_view spec) {
    const auto at = spec.find('@');
    if (at == std::string_view::npos || at == 0)
        throw ValidationError("serum", fmt::format("serum '{}' needs a product and a lot; write "
                                                   "PRODUCT@LOT[:during|after][=AMOUNTml], e.g. "
                                                   "ha-serum@HA2291=1.5ml",
                                                   visible(spec)));
    SerumUse use;
    use.product = product_code(spec.substr(0, at));
    auto lot = spec.substr(at + 1);
    // The amount comes last: '=1.5ml' (the unit is always ml, so '=1.5' means the same).
    // The last '=' starts the amount, unless it starts the lot itself ('=LOT-1').
    if (const auto equals = lot.rfind('='); equals != std::string_view::npos && equals > 0) {
        auto amount = lot.substr(equals + 1);
        if (amount.size() > 2 && (amount.ends_with("ml") || amount.ends_with("ML")))
            amount.remove_suffix(2);
        try {
            use.amount_ml = parse_decimal(amount, "serum amount", 2);
        } catch (const ValidationError& e) {
            throw ValidationError(e.field(),
                                  fmt::format("{} (in --serum {})", e.what(), visible(spec)));
        }
        if (!(*use.amount_ml > 0 && *use.amount_ml <= 100))
            throw ValidationError("serum amount",
                                  fmt::format("serum amount {} ml is outside (0, 100] ml (in "
                                              "--serum {})",
                                              format_amount(*use.amount_ml), visible(spec)));
        lot = lot.substr(0, equals);
    }
    if (const auto colon = lot.rfind(':'); colon != std::string_view::npos) {
        use.phase = parse_code<SerumPhase>(lot.substr(colon + 1));
        lot = lot.substr(0, colon);
    }
    use.lot = std::string(lot);
    check_lot_number(use.lot, "serum lot");
    return use;
}

void validate(const SessionDetails& details) {
    check_text("practitioner", details.practitioner, 100, true);
    check_text("model", details.model, 100);
    check_text("cartridge", details.cartridge, 100);
    check_text("cartridge lot", details.cartridge_lot, 100);
    check_text("anaesthetic", details.anaesthetic, 200);
    check_text("endpoint", details.endpoint, 200);
    check_note("aftercare", details.aftercare, 2000);
    check_note("note", details.note, 10000);
    if (details.areas.empty())
        throw ValidationError("area", "a session needs at least one --area AREA=DEPTH");
    for (std::size_t i = 0; i < details.areas.size(); ++i) {
        const auto& treated = details.areas[i];
        const auto where = area_side_code(treated.area, treated.side);
        if (!(treated.depth_mm > 0 && treated.depth_mm <= max_depth_mm))
            throw ValidationError("depth",
                                  fmt::format("depth {:.2f} mm on {} is outside (0, {:.1f}] mm; no "
                                              "override can allow it",
                                              treated.depth_mm, where, max_depth_mm));
        if (treated.passes && (*treated.passes < 1 || *treated.passes > 20))
            throw ValidationError("passes", fmt::format("passes {} on {} is out of range; allowed: "
                                                        "1 to 20",
                                                        *treated.passes, where));
        for (std::size_t j = 0; j < i; ++j) {
            const auto& earlier = details.areas[j];
            // 'cheek' already covers both sides, so it cannot also appear as 'cheek:left'.
            if (earlier.area == treated.area &&
                (earlier.side == treated.side || !earlier.side || !treated.side))
                throw ValidationError(
                    "area", fmt::format("area {} is given twice in one session ({} and {}); "
                                        "give each area once",
                                        where, area_side_code(earlier.area, earlier.side), where));
        }
    }
    for (std::size_t i = 0; i < details.serums.size(); ++i) {
        const auto& serum = details.serums[i];
        check_lot_number(serum.lot, "serum lot");
        check_text("serum product", serum.product, 40, true);
        for (std::size_t j = 0; j < i; ++j)
            if (details.serums[j].product == serum.product &&
                same_lot_number(details.serums[j].lot, serum.lot) &&
                details.serums[j].phase == serum.phase)
                throw ValidationError("serum", fmt::format("serum {}@{}:{} is given twice; give "
                                                           "each serum once",
                                                           serum.product, serum.lot, serum.phase));
    }
}

std::string format_depth(double depth_mm) {
    return fmt::format("{:.2f}", depth_mm);
}

std::string area_spec(const AreaTreatment& treated) {
    std::string spec =
        area_side_code(treated.area, treated.side) + "=" + format_depth(treated.depth_mm);
    if (treated.passes)
        spec += fmt::format("x{}", *treated.passes);
    return spec;
}

std::string serum_spec(const SerumUse& use) {
    return fmt::format("{}@{}:{}{}", use.product, use.lot, use.phase,
                       use.amount_ml ? fmt::format("={}ml", *use.amount_ml) : std::string());
}

std::string format_amount(double amount_ml) {
    return fmt::format("{}", amount_ml); // the shortest form: 1.5, not 1.50
}

} // namespace needlebook
