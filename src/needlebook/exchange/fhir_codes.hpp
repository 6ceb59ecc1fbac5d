#pragma once
// The standard codes of the FHIR export, in one place: SNOMED CT for the procedure, body sites,
// laterality and reactions, LOINC for the Fitzpatrick skin type. docs/fhir-codes.md lists them
// with their sources; a kind with no code checked against a source has none, and the bundle
// then carries its text only.

#include "needlebook/model/catalogue.hpp"

#include <optional>
#include <string_view>

namespace needlebook::exchange {

inline constexpr std::string_view snomed_system = "http://snomed.info/sct";
inline constexpr std::string_view loinc_system = "http://loinc.org";

struct StandardCode {
    std::string_view code;
    std::string_view display; // the code system's preferred term
};

// Microneedling has no SNOMED CT concept of its own that we could check, so the procedure
// carries SNOMED CT's top procedure concept and the text says what was done.
inline constexpr StandardCode procedure_code{"71388002", "Procedure"};
inline constexpr std::string_view procedure_text = "microneedling (collagen induction therapy)";

// LOINC for the observation "Fitzpatrick skin type".
inline constexpr StandardCode fitzpatrick_code{"66472-2", "Fitzpatrick skin type"};

// LOINC for the pain NRS taken during a session: "Pain severity - 0-10 verbal numeric rating
// [Score] - Reported". The other outcome scales have no LOINC or SNOMED CT code we could check.
inline constexpr StandardCode pain_nrs_code{"72514-3",
                                            "Pain severity - 0-10 verbal numeric rating [Score] - "
                                            "Reported"};

// Needlebook's own code system for outcome scales, coded by the scale's key (goodman-baron, …).
inline constexpr std::string_view outcome_scale_system = "urn:needlebook:outcome-scale";

// Media.identifier of a photo: the SHA-256 (lowercase hex) of the image in the photo store.
// Not Attachment.hash, which R4 defines as the SHA-1 of the data.
inline constexpr std::string_view photo_sha256_system = "urn:needlebook:photo-sha256";

// The body structure of a treatment area: exact where SNOMED CT has the area, else the closest
// structure that holds it (docs/fhir-codes.md says which); none for a scar or "other".
std::optional<StandardCode> body_site_code(Area area);

// The SNOMED CT laterality qualifier of a side.
StandardCode laterality_code(Side side);

// The SNOMED CT finding of a reaction kind, where one was checked; none otherwise.
std::optional<StandardCode> reaction_code(ReactionKind kind);

} // namespace needlebook::exchange
