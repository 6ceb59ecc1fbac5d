#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/exchange/csv_export.hpp"
#include "needlebook/exchange/xlsx_export.hpp"
#include "needlebook/io/atomic_file.hpp"

#include <fmt/format.h>
#include <iostream>
#include <memory>
#include <unistd.h>

namespace needlebook::cli {
namespace {

struct ExportArgs {
    std::string table;
    std::string output;
    bool all = false, bom = false, raw = false, all_revisions = false;
};

// A progress line on stderr, only when it is a terminal (never in logs or pipes).
std::function<void(std::string_view, std::int64_t)> progress_line() {
    if (::isatty(STDERR_FILENO) == 0)
        return nullptr;
    return [](std::string_view table, std::int64_t rows) {
        fmt::print(stderr, "\rexporting {}: {} rows\x1b[K", table, rows);
    };
}

// After an export of every table: the progress line cleared, and what was written (and how
// many photo images came with the tables).
template <class Parts>
void print_all_exported(Context& context, const Parts& parts, std::string_view where, bool progress,
                        std::size_t images = 0) {
    if (progress)
        fmt::print(stderr, "\r\x1b[K");
    std::int64_t rows = 0;
    for (const auto& part : parts)
        rows += part.rows;
    context.print(fmt::format("exported {} tables ({} rows){} {}\n", parts.size(), rows,
                              images == 0 ? "" : fmt::format(", {} photo images", images), where));
}

// --format xlsx: one typed workbook, always into a file.
void export_xlsx(Context& context, const ExportArgs& args) {
    if (args.bom)
        throw CLI::ValidationError("--bom", "CSV only (a byte-order mark for Excel); a workbook "
                                            "needs none");
    if (args.raw)
        throw CLI::ValidationError("--raw", "CSV only (for import); a workbook's text cells are "
                                            "never formulas, so there is nothing to turn off");
    if (args.output.empty())
        throw CLI::ValidationError("--format xlsx", "needs --output FILE: a workbook is written "
                                                    "to a file, never to the terminal");
    context.refuse_database_as_output(args.output);
    exchange::XlsxOptions options{args.all_revisions, progress_line()};
    auto& scope = context.scope();
    if (args.all) {
        print_all_exported(context, exchange::export_all_xlsx(scope, args.output, options),
                           fmt::format("as the sheets of {}", args.output),
                           options.progress != nullptr);
        return;
    }
    const auto rows =
        exchange::export_table_xlsx(scope, exchange::csv_table(args.table), args.output, options);
    if (options.progress)
        fmt::print(stderr, "\r\x1b[K");
    context.print(fmt::format("exported {} rows of {} to {}\n", rows, args.table, args.output));
}

} // namespace

void add_export_command(CLI::App& app, Context& context) {
    auto args = std::make_shared<ExportArgs>();
    auto* command = app.add_subcommand(
        "export", "write records as RFC 4180 CSV (one TABLE, or --all tables into a folder) or, "
                  "with --format xlsx, as a typed workbook (one sheet per table)");
    auto* table = command->add_option(
        "TABLE", args->table,
        "patients, conditions, consents, lots, sessions, session_areas, serum_uses, reactions or "
        "followups");
    auto* all = command->add_flag("--all", args->all,
                                  "every table: as TABLE.csv, the photo images as "
                                  "photos/SHA256.jpg|png, and manifest.csv (rows or size, "
                                  "SHA-256), into the --output folder; with xlsx, one sheet each "
                                  "in the --output file (no images)");
    table->excludes(all);
    command
        ->add_option(
            "--output", args->output,
            "file (one table, or xlsx) or folder (--all CSV); files are mode 0600 and appear only "
            "when complete (a FIFO or device such as /dev/stdout is written directly)")
        ->check(non_empty());
    command->add_flag("--bom", args->bom,
                      "start each CSV file with a UTF-8 byte-order mark (Excel)");
    command->add_flag("--raw", args->raw,
                      "no ' before text starting with = + - @ (for import; unsafe in "
                      "spreadsheets)");
    command->add_flag("--all-revisions", args->all_revisions,
                      "every revision with its author, time and reason");
    command->callback([&context, args] {
        context.allow_xlsx();
        const auto format = context.format();
        if (format == Format::json)
            throw CLI::ValidationError("--format", "export writes csv or xlsx");
        if (!args->all && args->table.empty())
            throw CLI::ValidationError("TABLE", "name a table, or give --all");
        if (format == Format::xlsx) {
            export_xlsx(context, *args);
            return;
        }
        if (args->all && args->output.empty())
            throw CLI::ValidationError("--all", "needs --output FOLDER for the files");
        exchange::ExportOptions options{args->raw, args->bom, args->all_revisions, progress_line()};
        auto& scope = context.scope();
        if (args->all) {
            const auto exported = exchange::export_all(scope, args->output, options);
            print_all_exported(context, exported.tables,
                               fmt::format("and manifest.csv to {}", args->output),
                               options.progress != nullptr, exported.images.size());
            return;
        }
        const auto& definition = exchange::csv_table(args->table);
        if (args->output.empty()) {
            if (::isatty(STDOUT_FILENO) != 0) // the rows go to the terminal the line would
                options.progress = nullptr;
            exchange::export_table(scope, definition, std::cout, options);
            return;
        }
        context.refuse_database_as_output(args->output);
        io::AtomicFile file(args->output);
        const auto rows = exchange::export_table(scope, definition, file.stream(), options,
                                                 [&file] { file.commit(); });
        if (options.progress)
            fmt::print(stderr, "\r\x1b[K");
        context.confirm(
            fmt::format("exported {} rows of {} to {}\n", rows, args->table, args->output),
            args->output);
    });
}

} // namespace needlebook::cli
