#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/records/demo.hpp"

#include <fmt/format.h>
#include <memory>

namespace needlebook::cli {

void add_demo_command(CLI::App& app, Context& context) {
    auto options = std::make_shared<records::DemoOptions>();
    auto* demo = app.add_subcommand("demo", "fill an empty database with a synthetic clinic");
    demo->add_option("--patients", options->patients, "how many patients (default 40)");
    demo->add_option("--seed", options->seed, "random seed; the same seed gives the same clinic");
    demo->callback([&context, options] {
        context.forbid_csv("demo");
        records::check_demo_options(*options); // refused before a database file is made
        auto& scope = context.scope(storage::Database::Create::yes);
        const auto summary = records::fill_demo_clinic(scope, *options);
        if (summary.already_filled && context.format() == Format::text)
            context.print(fmt::format("{} already holds a demo clinic; nothing added (give --db "
                                      "NEW_FILE for another)\n",
                                      scope.db().path()));
        else if (context.format() == Format::json)
            context.print_json({{"database", scope.db().path()},
                                {"already_filled", summary.already_filled},
                                {"patients", summary.patients},
                                {"sessions", summary.sessions},
                                {"areas", summary.areas},
                                {"serums", summary.serums},
                                {"reactions", summary.reactions},
                                {"followups", summary.followups},
                                {"courses", summary.courses},
                                {"scores", summary.scores}});
        else
            context.print(fmt::format("demo clinic in {}: {} patients, {} sessions ({} areas, {} "
                                      "serums), {} reactions, {} follow-ups, {} courses ({} "
                                      "outcome scores)\n",
                                      scope.db().path(), summary.patients, summary.sessions,
                                      summary.areas, summary.serums, summary.reactions,
                                      summary.followups, summary.courses, summary.scores));
    });
}

} // namespace needlebook::cli
