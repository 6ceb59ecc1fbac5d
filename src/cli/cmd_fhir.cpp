#include "cli/commands.hpp"

namespace needlebook::cli {

void add_fhir_command(CLI::App&, Context&) {}

} // namespace needlebook::cli
