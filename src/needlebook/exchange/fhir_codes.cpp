// The code tables of fhir_codes.hpp. Each row's source is in docs/fhir-codes.md; keep the two
// in step.
#include "needlebook/exchange/fhir_codes.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace needlebook::exchange {
namespace {

template <class E, std::size_t N>
std::optional<StandardCode> lookup(const std::array<std::pair<E, StandardCode>, N>& table,
                                   E value) {
    const auto found = std::find_if(table.begin(), table.end(),
                                    [&](const auto& row) { return row.first == value; });
    if (found == table.end())
        return std::nullopt;
    return found->second;
}

// Areas with no row (scar, other) are coded by text only.
constexpr std::array<std::pair<Area, StandardCode>, 17> body_sites{{
    {Area::forehead, {"52795006", "Forehead structure"}},
    {Area::glabella, {"89545001", "Face structure"}},    // parent: no glabella code checked
    {Area::temple, {"69536005", "Head structure"}},      // parent: no temple code checked
    {Area::periorbital, {"89545001", "Face structure"}}, // parent
    {Area::nose, {"45206002", "Nasal structure"}},
    {Area::cheek, {"60819002", "Cheek structure"}},
    {Area::perioral, {"123851003", "Mouth region structure"}},
    {Area::chin, {"89545001", "Face structure"}},    // parent: no chin code checked
    {Area::jawline, {"89545001", "Face structure"}}, // parent
    {Area::neck, {"45048000", "Neck structure"}},
    {Area::decolletage, {"51185008", "Thoracic structure"}}, // parent
    {Area::scalp, {"41695006", "Scalp structure"}},
    {Area::hands, {"85562004", "Hand structure"}},
    {Area::abdomen, {"818983003", "Abdominal structure"}},
    {Area::thigh, {"68367000", "Thigh structure"}},
    {Area::arm, {"53120007", "Upper limb structure"}},
    {Area::back, {"727234005", "Entire back of trunk"}},
}};

// Kinds with no row are coded by text only: no code for them was checked against a source.
constexpr std::array<std::pair<ReactionKind, StandardCode>, 8> reactions{{
    {ReactionKind::erythema, {"247441003", "Erythema"}},
    {ReactionKind::oedema, {"267038008", "Edema"}},
    {ReactionKind::pinpoint_bleeding, {"131148009", "Bleeding"}},
    {ReactionKind::itching, {"418290006", "Itching"}},
    {ReactionKind::burning, {"90673000", "Burning sensation"}},
    {ReactionKind::dryness_peeling, {"16386004", "Dry skin"}},
    {ReactionKind::herpes_reactivation, {"88594005", "Herpes simplex"}},
    {ReactionKind::contact_dermatitis, {"40275004", "Contact dermatitis"}},
}};

} // namespace

std::optional<StandardCode> body_site_code(Area area) {
    return lookup(body_sites, area);
}

StandardCode laterality_code(Side side) {
    return side == Side::left ? StandardCode{"7771000", "Left"} : StandardCode{"24028007", "Right"};
}

std::optional<StandardCode> reaction_code(ReactionKind kind) {
    return lookup(reactions, kind);
}

} // namespace needlebook::exchange
