#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/exchange/clinic_import.hpp"
#include "needlebook/exchange/csv_import.hpp"
#include "needlebook/exchange/manifest.hpp"
#include "needlebook/render/wrap.hpp"

#include <fmt/format.h>
#include <memory>

namespace needlebook::cli {

void add_import_command(CLI::App& app, Context& context) {
    struct Args {
        std::string table, file, folder, delimiter = ",";
    };
    auto args = std::make_shared<Args>();
    auto* command = app.add_subcommand(
        "import", "read a CSV file written by 'export --raw' into one table, or a whole export "
                  "(--all) into a new database: all rows or none");
    auto* table = command->add_option(
        "TABLE", args->table,
        "patients, conditions, consents, lots, sessions, reactions or followups, in "
        "that order (areas and serums come with sessions)");
    auto* file = command->add_option("FILE", args->file, "the CSV file");
    auto* all = command->add_option(
        "--all", args->folder,
        "a folder written by 'export --all --raw' (with or without --all-revisions): every "
        "table, settings and catalogue into a new database made by init, the photo images "
        "into its photo store");
    auto* delimiter = command->add_option(
        "--delimiter", args->delimiter,
        "what separates the columns of FILE: ',' (default) or ';' (a spreadsheet's CSV in "
        "languages with a decimal comma)");
    all->excludes(table)->excludes(file)->excludes(delimiter);
    command->callback([&context, args] {
        context.forbid_csv("import");
        if (!args->folder.empty()) {
            const auto result = exchange::import_clinic(context.scope(), args->folder);
            for (const auto& warning : result.warnings)
                context.warn(warning);
            std::string text;
            for (const auto& imported : result.tables)
                text +=
                    fmt::format("  {}: {}\n", imported.file, render::counted(imported.rows, "row"));
            if (result.images > 0)
                text += fmt::format("  {}/: {} in the photo store\n", exchange::images_folder,
                                    render::counted(result.images, "image"));
            context.print(fmt::format("imported the clinic exported to {} (manifest.csv SHA-256 "
                                      "{}; its audit chain head then: {})\n{}",
                                      args->folder, result.manifest_sha256,
                                      result.source_head.empty() ? "not named" : result.source_head,
                                      text));
            return;
        }
        if (args->table.empty() || args->file.empty())
            throw CLI::ValidationError("TABLE", "name a table and its file, or give --all FOLDER");
        if (args->delimiter.size() != 1)
            throw CLI::ValidationError("--delimiter",
                                       fmt::format("'{}' is not one character; allowed: ',' or "
                                                   "';'",
                                                   args->delimiter));
        const auto result = exchange::import_table(context.scope(), args->table, args->file,
                                                   args->delimiter.front());
        for (const auto& warning : result.warnings)
            context.warn(warning);
        context.print(fmt::format("imported {} into {} from {}\n",
                                  render::counted(result.rows, "row"), args->table, args->file));
    });
}

} // namespace needlebook::cli
