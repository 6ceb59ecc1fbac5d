#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/io/atomic_file.hpp"
#include "needlebook/render/history.hpp"
#include "needlebook/render/wrap.hpp"
#include "needlebook/report/history.hpp"

#include <fmt/format.h>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

namespace needlebook::cli {

void add_history_command(CLI::App& app, Context& context) {
    struct Args {
        std::string patient;
        std::string output;
    };
    auto args = std::make_shared<Args>();
    auto* history = app.add_subcommand(
        "history", "print a patient's whole treatment history, every correction included "
                   "(--format text, html, json or csv)");
    history->add_option("PATIENT", args->patient, "chart code")->required();
    history
        ->add_option("--output", args->output,
                     "write to this file (mode 0600, replaced only when complete; a FIFO or "
                     "device such as /dev/stdout is written directly) instead of printing")
        ->check(non_empty());
    history->callback([&context, args] {
        context.allow_html();
        const auto format = context.format();
        auto& scope = context.scope();
        const auto& zone = scope.zone();
        const bool to_file = !args->output.empty();
        // A bad --output folder fails here, before anything is read.
        std::optional<io::AtomicFile> file;
        if (to_file) {
            context.refuse_database_as_output(args->output);
            file.emplace(args->output);
        }
        const auto purpose = fmt::format("history as {}{}", context.options.format,
                                         to_file ? " to " + args->output : std::string());
        const auto photo_bytes =
            format == Format::html ? report::PhotoBytes::read : report::PhotoBytes::leave_out;
        report::deliver_history(
            scope, args->patient, purpose,
            [&](const auto& built) {
                std::ostringstream out;
                switch (format) {
                case Format::text:
                    out << render::history_text(built, zone, !to_file && context.color_stdout());
                    break;
                case Format::html:
                    out << render::history_html(built, zone);
                    break;
                case Format::json:
                    out << render::history_json(built, zone).dump(2) << "\n";
                    break;
                case Format::csv:
                    render::write_history_csv(out, built, zone);
                    break;
                case Format::xlsx: // never: context.format() refuses xlsx outside export
                    break;
                }
                if (!to_file) {
                    context.print(out.str());
                    return;
                }
                file->stream() << out.str();
                file->commit(); // throws on failure: the audit row is rolled back
                const auto voided = built.voided_sessions();
                context.confirm(
                    fmt::format(
                        "history of {} written to {} ({}{})\n", built.patient.code, args->output,
                        render::counted(static_cast<long long>(built.sessions.size()) - voided,
                                        "session"),
                        voided ? fmt::format(" and {} voided", voided) : ""),
                    args->output);
            },
            photo_bytes);
    });
}

} // namespace needlebook::cli
