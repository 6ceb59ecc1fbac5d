#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/storage/migrations.hpp"

#include <fmt/format.h>

namespace needlebook::cli {

void add_init_command(CLI::App& app, Context& context) {
    auto* init = app.add_subcommand("init", "create the database, or migrate it to this version");
    init->callback([&context] {
        context.forbid_csv("init");
        auto& db = context.db(storage::Database::Create::yes);
        if (context.format() == Format::json)
            context.print_json({{"database", db.path()}, {"schema_version", db.schema_version()}});
        else
            context.print(fmt::format("database ready: {} (schema version {})\n", db.path(),
                                      db.schema_version()));
    });
}

} // namespace needlebook::cli
