#include "cli/app.hpp"

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/storage/migrations.hpp"

#include <fmt/color.h>
#include <fmt/format.h>
#include <unistd.h>

namespace needlebook::cli {
namespace {

// A failed command leaves nothing it created (a refused init or demo, no database file); a
// message may echo what was typed or stored, so no control sequence reaches the terminal.
int fail(Context& context, int code, const std::string& message) {
    context.undo_new_database();
    const bool color = context.color_stderr();
    fmt::print(stderr, "needlebook: {} {}\n",
               color ? fmt::format(fg(fmt::terminal_color::red), "error:") : "error:",
               visible_keeping_lines(message));
    return code;
}

} // namespace

int run(int argc, char** argv) {
    CLI::App app{"Needlebook: treatment records for microneedling clinics", "needlebook"};
    needs_command(&app);
    app.set_version_flag("--version",
                         fmt::format("needlebook {} (database schema {})", NEEDLEBOOK_VERSION,
                                     storage::latest_schema_version()));
    app.fallthrough(); // global options may also follow the command
    Context context;
    app.add_option("--db", context.options.db_path,
                   "database file (default: $NEEDLEBOOK_DB, else "
                   "${XDG_DATA_HOME:-~/.local/share}/needlebook/clinic.db)")
        ->check(non_empty());
    app.add_option("--as", context.options.actor,
                   "who is acting, for the audit log (default: $NEEDLEBOOK_USER, else the login)")
        ->check(non_empty());
    app.add_option("--format", context.options.format,
                   "output: text, json or csv (and html for history, xlsx for export)")
        ->check(CLI::IsMember({"text", "json", "csv", "html", "xlsx"}));
    app.add_option("--color", context.options.color, "colour: auto, always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}));

    add_init_command(app, context);
    add_patient_commands(app, context);
    add_condition_commands(app, context);
    add_session_commands(app, context);
    add_reaction_commands(app, context);
    add_course_commands(app, context);
    add_assess_commands(app, context);
    add_photo_commands(app, context);
    add_product_commands(app, context);
    add_lot_commands(app, context);
    add_setting_commands(app, context);
    add_history_command(app, context);
    add_report_commands(app, context);
    add_export_command(app, context);
    add_import_command(app, context);
    add_fhir_command(app, context);
    add_demo_command(app, context);
    add_safekeeping_commands(app, context);
    add_copy_command(app, context);

    // The one place where errors become messages and exit codes.
    try {
        app.parse(argc, argv);
        return 0;
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ExtrasError& e) {
        // Usually a value with a space left unquoted, or two values after one --area.
        return fail(context, 2,
                    fmt::format("{}\nput a value with spaces in quotes (--at \"2026-11-20 "
                                "10:00\") and repeat --area or --serum for each one; see "
                                "'needlebook COMMAND --help'",
                                e.what()));
    } catch (const CLI::ParseError& e) {
        return fail(context, 2,
                    fmt::format("{}\nrun 'needlebook --help' or 'needlebook COMMAND --help' for "
                                "usage",
                                e.what()));
    } catch (const UsageError& e) {
        return fail(context, 2, e.what());
    } catch (const Error& e) {
        return fail(context, 1, e.what());
    } catch (const std::exception& e) {
        // A failed SQLite call is told as storage/ describes it (full disk, busy, damaged).
        if (auto message = storage::describe_database_failure(e, context.database_path()))
            return fail(context, 1, *message);
        return fail(context, 1, e.what());
    }
}

} // namespace needlebook::cli
