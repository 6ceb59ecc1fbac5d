#include "needlebook/exchange/xlsx_export.hpp"
#include "needlebook/exchange/export_rows.hpp"

#include "needlebook/error.hpp"
#include "needlebook/exchange/export_audit.hpp"
#include "needlebook/io/file_sync.hpp"
#include "needlebook/io/output_target.hpp"
#include "needlebook/storage/audit_log.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <optional>
#include <unistd.h>
#include <xlsxwriter.h>

namespace needlebook::exchange {
namespace {

// A workbook being written into a private temporary file (mode 0600) beside the target, and
// renamed to the target only by publish(): dropped before that, it leaves nothing behind.
class Workbook {
public:
    explicit Workbook(std::filesystem::path target) : m_target(std::move(target)) {
        const auto output = io::resolve_output(m_target);
        if (output.kind != io::OutputKind::file)
            throw FileError(fmt::format("cannot write {}: a workbook is written to a file, not to "
                                        "a pipe, a terminal or a device; give a file name",
                                        m_target.string()));
        m_destination = output.path;
        m_temporary = io::private_temporary(m_destination).string();
        // The rows wait in temporary files in the same folder (unlinked at once by the library),
        // so they stay on the disk the user chose, not in a /tmp that may be memory.
        m_folder = io::folder_of(m_destination).string();
        lxw_workbook_options options{};
        options.constant_memory = LXW_TRUE; // rows go to disk as they come: memory stays flat
        options.tmpdir = m_folder.data();
        // The library truncates the 0600 file made above and writes into it, keeping its mode.
        m_workbook = workbook_new_opt(m_temporary.c_str(), &options);
        if (m_workbook == nullptr) {
            discard();
            throw FileError(fmt::format("cannot write {}: the workbook could not be started "
                                        "(out of memory?); nothing was written",
                                        m_target.string()));
        }
        try { // the destructor does not run for a constructor that throws
            header = add_format(nullptr, true);
            date = add_format("yyyy-mm-dd", false);
            date_time = add_format("yyyy-mm-dd hh:mm:ss", false);
            decimal = add_format("0.00##", false); // 1.25 shows as 1.25, 0.5 as 0.50; none hidden
        } catch (...) {
            discard();
            throw;
        }
    }
    Workbook(const Workbook&) = delete;
    Workbook& operator=(const Workbook&) = delete;
    ~Workbook() { discard(); }

    // The workbook's properties: when it was made and the audit chain's head at that moment.
    void describe(const storage::ChainHead& head, time::Instant made) {
        m_title = "Needlebook export";
        m_comments = fmt::format("audit chain head {}:{}", head.id, head.hash);
        lxw_doc_properties properties{};
        properties.title = m_title.data();
        properties.comments = m_comments.data();
        properties.created = std::chrono::system_clock::to_time_t(made);
        check(workbook_set_properties(m_workbook, &properties), "setting its properties");
    }

    lxw_worksheet* add_sheet(std::string_view name) {
        const std::string sheet(name);
        check(workbook_validate_sheet_name(m_workbook, sheet.c_str()),
              fmt::format("naming the sheet '{}'", sheet));
        auto* worksheet = workbook_add_worksheet(m_workbook, sheet.c_str());
        if (worksheet == nullptr)
            fail(fmt::format("adding the sheet '{}' failed (no room for its temporary file?)",
                             sheet));
        return worksheet;
    }

    // Throws a FileError saying what failed when a libxlsxwriter call did not succeed.
    void check(lxw_error error, std::string_view what) const {
        if (error != LXW_NO_ERROR)
            fail(fmt::format("{}: {}", what, lxw_strerror(error)));
    }

    // libxlsxwriter does not check its writes of the rows to the sheet's temporary file: a full
    // disk or a file size limit would leave a short sheet in a workbook that looks complete.
    void check_rows_written(lxw_worksheet* sheet, std::string_view table) const {
        auto* rows = sheet->optimize_tmpfile;
        if (rows != nullptr && (std::fflush(rows) != 0 || std::ferror(rows) != 0))
            fail(fmt::format("writing the rows of {} to a temporary file in {} failed (is the "
                             "disk full?)",
                             table, m_folder));
    }

    // Writes the file, flushes it to disk and gives it the target's name.
    // Assembles and syncs the file under its temporary name (the slow part).
    void finish() {
        const auto error = workbook_close(m_workbook); // frees the workbook, failed or not
        m_workbook = nullptr;
        check(error, "writing the file");
        io::sync_file(m_temporary);
    }
    // Gives the finished file its name: with the export's audit row.
    void publish() {
        if (::rename(m_temporary.c_str(), m_destination.c_str()) != 0)
            fail(fmt::format("renaming the temporary file failed ({})", std::strerror(errno)));
        m_temporary.clear();
        io::sync_folder(io::folder_of(m_destination));
    }

    lxw_format* header = nullptr;
    lxw_format* date = nullptr;
    lxw_format* date_time = nullptr;
    lxw_format* decimal = nullptr;

private:
    lxw_format* add_format(const char* number_format, bool bold) {
        auto* format = workbook_add_format(m_workbook);
        if (format == nullptr)
            fail("adding a cell format failed (out of memory?)");
        if (number_format != nullptr)
            format_set_num_format(format, number_format);
        if (bold)
            format_set_bold(format);
        return format;
    }

    [[noreturn]] void fail(const std::string& what) const {
        throw FileError(fmt::format("cannot write the workbook {}: {}; nothing was written",
                                    m_target.string(), what));
    }

    void discard() noexcept {
        if (m_workbook != nullptr)
            lxw_workbook_free(m_workbook);
        m_workbook = nullptr;
        if (!m_temporary.empty())
            ::unlink(m_temporary.c_str());
        m_temporary.clear();
    }

    std::filesystem::path m_target;      // as given, for messages
    std::filesystem::path m_destination; // its links followed: what is replaced
    std::string m_temporary;             // empty once published
    std::string m_folder;                // for the library's own temporary files
    std::string m_title, m_comments;     // kept alive while the workbook may read them
    lxw_workbook* m_workbook = nullptr;
};

// A calendar date as a spreadsheet date; nothing before 1900, which spreadsheets cannot hold.
std::optional<lxw_datetime> date_cell(std::string_view text, std::string_view column) {
    const auto day = time::parse_date(text, column);
    const int year = static_cast<int>(day.year());
    if (year < 1900)
        return std::nullopt;
    return lxw_datetime{year,
                        static_cast<int>(static_cast<unsigned>(day.month())),
                        static_cast<int>(static_cast<unsigned>(day.day())),
                        0,
                        0,
                        0.0};
}

// A stored UTC instant as the date and time on the clinic's clock, as the CSV's _local column
// shows it ('YYYY-MM-DDTHH:MM:SS+HH:MM'), without the offset, which a cell cannot hold.
std::optional<lxw_datetime> local_time_cell(const time::ClinicZone& zone, std::string_view text,
                                            std::string_view column) {
    const auto local = zone.format_iso_local(time::parse_utc(text, column));
    const auto number = [&](std::size_t at, std::size_t size) {
        int value = 0;
        std::from_chars(local.data() + at, local.data() + at + size, value);
        return value;
    };
    const int year = number(0, 4);
    if (year < 1900)
        return std::nullopt;
    return lxw_datetime{year,          number(5, 2),  number(8, 2),
                        number(11, 2), number(14, 2), static_cast<double>(number(17, 2))};
}

// Text as typed in a cell: spreadsheets read '_xHHHH_' in a cell as an escaped character, so an
// '_' that starts such a run is itself escaped ('_x005F_'), and 'a_x0041_b' stays 'a_x0041_b'.
std::string literal_text(std::string text) {
    const auto hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
    for (std::size_t at = text.find("_x"); at != std::string::npos; at = text.find("_x", at + 1)) {
        if (at + 7 <= text.size() && hex(text[at + 2]) && hex(text[at + 3]) && hex(text[at + 4]) &&
            hex(text[at + 5]) && text[at + 6] == '_') {
            text.insert(at, "_x005F");
            at += 6;
        }
    }
    return text;
}

// Columns wide enough for their header and their typical value.
double column_width(const ExportColumn& column) {
    double width = 12;
    if (column.type == CsvType::date)
        width = 11;
    else if (column.type == CsvType::instant)
        width = column.local_time ? 20 : 21;
    else if (is_number(column.type))
        width = 8;
    return std::max(width, static_cast<double>(column.name.size()) + 3); // room for the filter
}

std::int64_t write_sheet(records::Scope& scope, Workbook& workbook, const CsvTable& table,
                         const XlsxOptions& options) {
    const auto columns = export_columns(table, options.all_revisions);
    auto* sheet = workbook.add_sheet(table.name);
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const auto col = static_cast<lxw_col_t>(c);
        workbook.check(worksheet_set_column(sheet, col, col, column_width(columns[c]), nullptr),
                       "setting a column's width");
        workbook.check(
            worksheet_write_string(sheet, 0, col, columns[c].name.c_str(), workbook.header),
            "writing the header");
    }
    worksheet_freeze_panes(sheet, 1, 0); // the header stays in view while scrolling

    const auto& zone = scope.zone();
    ExportRows table_rows(scope.db(), table, options.all_revisions);
    std::int64_t rows = 0;
    while (table_rows.next()) {
        if (++rows > options.max_rows)
            throw Refused(fmt::format(
                "the {} table has more than {} rows, the most a spreadsheet sheet holds below "
                "its header; export it with --format csv, which has no such limit. Nothing was "
                "written",
                table.name, options.max_rows));
        const auto row = static_cast<lxw_row_t>(rows);
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const auto text = table_rows.cell(columns[c]).value_or("");
            if (text.empty()) // an empty value is a blank cell, not an empty string
                continue;
            const auto col = static_cast<lxw_col_t>(c);
            const auto& column = columns[c];
            std::optional<lxw_datetime> when;
            if (column.type == CsvType::date)
                when = date_cell(text, column.name);
            else if (column.local_time)
                when = local_time_cell(zone, text, column.name);
            lxw_error error = LXW_NO_ERROR;
            double number = 0;
            const auto end = text.data() + text.size();
            if (when) {
                error = worksheet_write_datetime(sheet, row, col, &*when,
                                                 column.local_time ? workbook.date_time
                                                                   : workbook.date);
            } else if (is_number(column.type) &&
                       std::from_chars(text.data(), end, number).ptr == end) {
                error = worksheet_write_number(sheet, row, col, number,
                                               column.type == CsvType::decimal ? workbook.decimal
                                                                               : nullptr);
            } else {
                // Always a string cell: never read as a number, a date or a formula.
                error =
                    worksheet_write_string(sheet, row, col, literal_text(text).c_str(), nullptr);
            }
            workbook.check(error,
                           fmt::format("{} row {} column {}", table.name, rows, column.name));
        }
        if (rows % 10000 == 0 && options.progress)
            options.progress(table.name, rows);
    }
    workbook.check_rows_written(sheet, table.name);
    // Over the header and every row, known only now: the library keeps the range until closing.
    workbook.check(worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(rows),
                                        static_cast<lxw_col_t>(columns.size() - 1)),
                   "adding the autofilter");
    if (options.progress)
        options.progress(table.name, rows);
    return rows;
}

std::string revisions_note(const XlsxOptions& options) {
    return options.all_revisions ? ", all revisions" : "";
}

} // namespace

std::int64_t export_table_xlsx(records::Scope& scope, const CsvTable& table,
                               const std::filesystem::path& file, const XlsxOptions& options) {
    Workbook workbook(file);           // a file that cannot be written is refused before any read
    scope.db().use_small_page_cache(); // one pass over the table
    const auto rows = scope.db().read([&] {
        workbook.describe(storage::chain_head(scope.db()), scope.clock().now());
        return write_sheet(scope, workbook, table, options);
    });
    workbook.finish();
    // After the rows are out: an export that failed half way is not logged as done, and the
    // workbook gets its name with the audit row or not at all.
    audit_export(scope,
                 fmt::format("{} ({} rows) as xlsx to {}{}", table.name, rows, file.string(),
                             revisions_note(options)),
                 {table.name}, [&] { workbook.publish(); });
    return rows;
}

std::vector<XlsxSheet> export_all_xlsx(records::Scope& scope, const std::filesystem::path& file,
                                       const XlsxOptions& options) {
    Workbook workbook(file);
    std::vector<XlsxSheet> sheets;
    scope.db().use_small_page_cache(); // one pass over every table
    scope.db().read([&] {
        workbook.describe(storage::chain_head(scope.db()), scope.clock().now());
        for (const auto& table : csv_tables())
            sheets.push_back(
                {std::string(table.name), write_sheet(scope, workbook, table, options)});
    });
    workbook.finish();
    std::vector<std::string_view> tables;
    for (const auto& table : csv_tables())
        tables.push_back(table.name);
    audit_export(scope,
                 fmt::format("all tables as xlsx to {}{}", file.string(), revisions_note(options)),
                 tables, [&] { workbook.publish(); });
    return sheets;
}

} // namespace needlebook::exchange
