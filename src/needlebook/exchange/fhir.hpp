#pragma once
// FHIR R4 export: a Bundle of type "collection" built from the mapping in
// docs/clinical-defaults.md ("Standards this maps to").

#include "needlebook/records/scope.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string_view>

namespace needlebook::exchange {

struct FhirSummary {
    long long patients = 0;
    long long sessions = 0;
    long long resources = 0;
};

// Writes the record of the patient with chart `patient_code`, or of every patient when it is
// empty, to `out` as one FHIR R4 Bundle (JSON, indented by 2). Streamed a patient at a time, so
// memory does not grow with the clinic. Resource ids are stable: two exports of the same data
// are identical. Runs in the caller's transaction when there is one.
FhirSummary write_fhir_bundle(records::Scope& scope, std::optional<std::string_view> patient_code,
                              std::ostream& out);

// The same bundle as one JSON value, for small exports and tests.
nlohmann::ordered_json fhir_bundle(records::Scope& scope,
                                   std::optional<std::string_view> patient_code);

} // namespace needlebook::exchange
