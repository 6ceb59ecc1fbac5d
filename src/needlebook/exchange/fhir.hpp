#pragma once
// FHIR R4 export: a Bundle of type "collection" built from the mapping in
// shared/clinical-reference.md ("Standards this maps to").

#include "needlebook/records/scope.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace needlebook::exchange {

// The record of the patient with chart `patient_code`, or of every patient when it is empty,
// as one FHIR R4 Bundle. Resource ids are stable: two exports of the same data are identical.
nlohmann::ordered_json fhir_bundle(records::Scope& scope,
                                   std::optional<std::string_view> patient_code);

} // namespace needlebook::exchange
