#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/exchange/csv_import.hpp"
#include "needlebook/render/wrap.hpp"

#include <fmt/format.h>
#include <memory>

namespace needlebook::cli {

void add_import_command(CLI::App& app, Context& context) {
    struct Args {
        std::string table, file;
    };
    auto args = std::make_shared<Args>();
    auto* command = app.add_subcommand(
        "import", "read a CSV file written by 'export --raw' into one table: all rows or none");
    command
        ->add_option("TABLE", args->table,
                     "patients, conditions, consents, lots, sessions, reactions or followups, in "
                     "that order (areas and serums come with sessions)")
        ->required();
    command->add_option("FILE", args->file, "the CSV file")->required();
    command->callback([&context, args] {
        context.forbid_csv("import");
        const auto result = exchange::import_table(context.scope(), args->table, args->file);
        for (const auto& warning : result.warnings)
            context.warn(warning);
        context.print(fmt::format("imported {} into {} from {}\n",
                                  render::counted(result.rows, "row"), args->table, args->file));
    });
}

} // namespace needlebook::cli
