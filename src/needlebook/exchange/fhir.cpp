#include "needlebook/exchange/fhir.hpp"

#include "needlebook/error.hpp"

namespace needlebook::exchange {

nlohmann::ordered_json fhir_bundle(records::Scope&, std::optional<std::string_view>) {
    throw Error("fhir export is being written");
}

} // namespace needlebook::exchange
