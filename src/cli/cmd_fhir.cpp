#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/exchange/fhir.hpp"
#include "needlebook/io/atomic_file.hpp"
#include "needlebook/render/wrap.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iostream>
#include <memory>
#include <optional>

namespace needlebook::cli {
namespace {

// 'FHIR bundle of P-000001 written to f.json (2 sessions, 31 resources)'.
std::string confirmation(const exchange::FhirSummary& summary,
                         const std::optional<std::string>& patient, const std::string& path) {
    const auto who = patient ? *patient : render::counted(summary.patients, "patient");
    return fmt::format("FHIR bundle of {} written to {} ({}, {})\n", who, path,
                       render::counted(summary.sessions, "session"),
                       render::counted(summary.resources, "resource"));
}

} // namespace

void add_fhir_command(CLI::App& app, Context& context) {
    struct Args {
        std::string patient;
        bool all = false;
        std::string output;
    };
    auto args = std::make_shared<Args>();
    auto* fhir = app.add_subcommand(
        "fhir", "export a patient's record, or every patient's with --all, as a FHIR R4 Bundle "
                "(JSON)");
    auto* patient = fhir->add_option("PATIENT", args->patient, "chart code")->check(non_empty());
    auto* all = fhir->add_flag("--all", args->all, "every patient in the clinic");
    patient->excludes(all);
    fhir->add_option("--output", args->output,
                     "write to this file (mode 0600, replaced only when complete; a FIFO or "
                     "device such as /dev/stdout is written directly) instead of printing")
        ->check(non_empty());
    fhir->callback([&context, args] {
        context.forbid_csv("fhir");
        if (args->patient.empty() && !args->all)
            throw CLI::ValidationError("PATIENT",
                                       "name a patient's chart code, or --all for every patient");
        std::optional<std::string> code;
        if (!args->all)
            code = args->patient;
        // A bad --output folder fails here, before anything is read.
        std::optional<io::AtomicFile> file;
        if (!args->output.empty()) {
            context.refuse_database_as_output(args->output);
            file.emplace(args->output);
        }
        auto& scope = context.scope();
        // The export and the file in one transaction: if the file cannot be written, the
        // audit rows of the read are rolled back with it.
        scope.db().write([&] {
            if (!file) {
                exchange::write_fhir_bundle(scope, code, std::cout);
                return;
            }
            const auto summary = exchange::write_fhir_bundle(scope, code, file->stream());
            file->commit();
            context.confirm(confirmation(summary, code, args->output), args->output);
        });
    });
}

} // namespace needlebook::cli
