#include "needlebook/exchange/csv_export.hpp"

#include "needlebook/error.hpp"
#include "needlebook/exchange/export_audit.hpp"
#include "needlebook/io/atomic_file.hpp"
#include "needlebook/io/output_target.hpp"
#include "needlebook/render/csv_writer.hpp"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <memory>
#include <sys/stat.h>

namespace needlebook::exchange {
namespace {

constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";

std::int64_t write_rows(records::Scope& scope, const CsvTable& table, std::ostream& out,
                        const ExportOptions& options) {
    if (options.bom)
        out << byte_order_mark;
    const auto columns = export_columns(table, options.all_revisions);
    std::vector<std::string> names;
    for (const auto& column : columns)
        names.push_back(column.name);
    render::CsvWriter csv(out, options.raw);
    csv.write_header(names);
    const auto& zone = scope.zone();
    auto query = scope.db().query(options.all_revisions ? table.revisions_sql : table.current_sql);
    std::vector<render::CsvCell> cells(columns.size());
    std::int64_t rows = 0;
    while (query->executeStep()) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const auto value = query->getColumn(columns[c].source);
            auto text = value.isNull() ? std::string() : value.getString();
            if (columns[c].local_time && !text.empty())
                text = zone.format_iso_local(time::parse_utc(text, columns[c].name));
            cells[c] = {std::move(text), is_number(columns[c].type)};
        }
        csv.write_row(cells);
        if (++rows % 10000 == 0 && options.progress)
            options.progress(table.name, rows);
    }
    if (options.progress)
        options.progress(table.name, rows);
    return rows;
}

} // namespace

std::int64_t export_table(records::Scope& scope, const CsvTable& table, std::ostream& out,
                          const ExportOptions& options, const std::function<void()>& finish) {
    scope.db().use_small_page_cache(); // one pass over the table
    const auto rows = scope.db().read([&] { return write_rows(scope, table, out, options); });
    out.flush();
    // A file's own commit (`finish`) names it and what failed; a plain stream is checked here.
    if (!finish && !out)
        throw FileError(fmt::format("writing the {} export failed (is the disk or the pipe "
                                    "full or closed?); the export is incomplete",
                                    table.name));
    // After the rows are out: an export that failed half way is not logged as done; the file
    // gets its name (`finish`) with the audit row, or not at all.
    audit_export(scope,
                 fmt::format("{} ({} rows){}", table.name, rows,
                             options.all_revisions ? ", all revisions" : ""),
                 {table.name}, finish);
    return rows;
}

namespace {

std::vector<ExportedFile> export_all_into(records::Scope& scope,
                                          const std::filesystem::path& folder,
                                          const ExportOptions& options) {
    std::vector<ExportedFile> files;
    // Each file written and synced under a temporary name; all get their names together with
    // the audit row (below), so a refused row leaves none.
    std::vector<std::unique_ptr<io::AtomicFile>> written;
    storage::ChainHead head;
    scope.db().use_small_page_cache(); // one pass over every table
    scope.db().read([&] {
        head = storage::chain_head(scope.db()); // the trail as it stood when the rows were read
        for (const auto& table : csv_tables()) {
            const auto name = fmt::format("{}.csv", table.name);
            auto& file = *written.emplace_back(std::make_unique<io::AtomicFile>(folder / name));
            const auto rows = write_rows(scope, table, file.stream(), options);
            file.prepare();
            files.push_back({name, rows, file.sha256()});
        }
    });
    auto& manifest =
        *written.emplace_back(std::make_unique<io::AtomicFile>(folder / "manifest.csv"));
    render::CsvWriter csv(manifest.stream(), true);
    csv.write_header({"file", "rows", "sha256"});
    for (const auto& exported : files)
        csv.write_row({{exported.file}, {std::to_string(exported.rows), true}, {exported.sha256}});
    // The audit chain's head when the rows were read: 'check --head ID:HASH' proves it later.
    csv.write_row({{std::string(chain_head_label)}, {std::to_string(head.id), true}, {head.hash}});
    manifest.prepare();
    std::vector<std::string_view> tables;
    for (const auto& table : csv_tables())
        tables.push_back(table.name);
    // The row names the manifest's SHA-256, which an import --all names too: the two trails
    // point at the same export.
    audit_export(scope,
                 fmt::format("all tables to {}{}; manifest.csv SHA-256 {}", folder.string(),
                             options.all_revisions ? ", all revisions" : "", manifest.sha256()),
                 tables, [&] {
                     for (auto& file : written)
                         file->publish();
                 });
    return files;
}

} // namespace

std::vector<ExportedFile> export_all(records::Scope& scope, const std::filesystem::path& folder,
                                     const ExportOptions& options) {
    std::error_code error;
    // A link to a folder is used as the folder; a link to a name not taken yet makes it there.
    const auto made = io::follow_links(folder);
    if (std::filesystem::is_directory(folder, error))
        return export_all_into(scope, folder, options);
    if (::mkdir(made.c_str(), 0700) != 0)
        throw FileError(
            fmt::format("cannot make the folder {}: {}", folder.string(), std::strerror(errno)));
    try {
        return export_all_into(scope, folder, options);
    } catch (...) {
        ::rmdir(made.c_str()); // the folder it made, empty again: an export refused leaves nothing
        throw;
    }
}

} // namespace needlebook::exchange
