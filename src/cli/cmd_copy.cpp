#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/records/clinic_copy.hpp"
#include "needlebook/render/report_view.hpp"
#include "needlebook/render/wrap.hpp"
#include "needlebook/time/clock.hpp"

#include <fmt/format.h>
#include <memory>

namespace needlebook::cli {

void add_copy_command(CLI::App& app, Context& context) {
    struct CopyOptions {
        std::string from, to;
    };
    auto options = std::make_shared<CopyOptions>();
    auto* copy = app.add_subcommand(
        "copy", "copy the whole clinic, every revision, setting and audit row, into a new "
                "database: a SQLite file onto a PostgreSQL server, back, or file to file");
    copy->add_option("--from", options->from,
                     "the clinic to copy: a SQLite file or postgresql://… (default: --db)");
    copy->add_option("--to", options->to,
                     "where to: a SQLite file that does not exist yet, or a PostgreSQL database "
                     "that is empty or that init has just made (copied into by its owner)")
        ->required();
    copy->callback([&context, options] {
        context.forbid_csv("copy");
        const auto from = options->from.empty() ? context.database_path() : options->from;
        const auto clock = time::Clock::from_environment();
        const auto copied = records::copy_clinic(
            from, options->to, {context.typed_actor(), clock.now(), clock.is_fixed()});
        const auto head = fmt::format("{}:{}", copied.head.id, copied.head.hash);
        if (context.format() == Format::json) {
            context.print_json({{"from", copied.from},
                                {"to", copied.to},
                                {"tables", copied.rows.tables},
                                {"rows", copied.rows.rows},
                                {"photos", copied.photos},
                                {"chain_head", head},
                                {"verified", render::verified_summary(copied.check)}});
            return;
        }
        context.print(fmt::format(
            "copied {} into {}\nrows: {} in {} tables{}\nchain head: {} (the same in both; "
            "every record's fingerprint checked against it on the copy)\nverified: {}\n",
            copied.from, copied.to, copied.rows.rows, copied.rows.tables,
            copied.photos > 0 ? fmt::format(", {}", render::counted(copied.photos, "image")) : "",
            head, render::verified_summary(copied.check)));
    });
}

} // namespace needlebook::cli
