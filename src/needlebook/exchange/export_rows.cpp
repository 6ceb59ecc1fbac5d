#include "needlebook/exchange/export_rows.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/outcome_scale.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <fmt/format.h>

namespace needlebook::exchange {

// The child rows of one cell, walked beside the table's rows: both come in the rows' order, so
// each row's children are the next ones whose key is the row's.
struct ExportRows::Children {
    Children(storage::Database& db, const ChildRows& children, const std::string& sql, int source)
        : rows(db.query(sql)), spec(children), source(source) {
        rows->read_in_batches();
        pending = rows->step();
    }

    // The cell of the row whose key is `key`.
    std::optional<std::string> take(std::int64_t key) {
        std::string text;
        int found = 0;
        while (pending && rows->column(0).as_int64() == key) {
            if (spec.form == ChildRows::Form::words) {
                text += (found == 0 ? "" : " ") + rows->column(1).as_text();
            } else {
                text += found == 0 ? "[{" : ",{";
                for (std::size_t f = 0; f < spec.fields.size(); ++f) {
                    const auto value = rows->column(static_cast<int>(f) + 1);
                    text +=
                        fmt::format("{}{}:", f == 0 ? "" : ",", json_quoted(spec.fields[f].name));
                    if (value.is_null())
                        text += "null";
                    else if (spec.fields[f].kind == JsonKind::real)
                        text += json_real(value.as_double());
                    else if (spec.fields[f].kind == JsonKind::integer)
                        text += std::to_string(value.as_int64());
                    else
                        text += json_quoted(value.as_text());
                }
                text += '}';
            }
            ++found;
            pending = rows->step();
        }
        if (found > 0)
            return spec.form == ChildRows::Form::words ? text : text + ']';
        switch (spec.form) {
        case ChildRows::Form::json_array:
            return "[]";
        case ChildRows::Form::json_array_or_empty:
            return "";
        case ChildRows::Form::words:
            break;
        }
        return std::nullopt;
    }

    storage::Query rows;
    const ChildRows& spec;
    int source; // the statement column holding the parent's key
    bool pending = false;
};

namespace {

// The statement column of the stored column `name`, counting as export_columns does.
int source_of(const CsvTable& table, bool all_revisions, std::string_view name) {
    for (const auto& column : export_columns(table, all_revisions))
        if (column.name == name && !column.local_time)
            return column.source;
    throw std::logic_error(fmt::format("table {} has no column {}", table.name, name));
}

} // namespace

ExportRows::ExportRows(storage::Database& db, const CsvTable& table, bool all_revisions)
    : m_table(table), m_rows(db.query(table.sql_for(all_revisions))),
      m_scale_source(
          std::any_of(table.columns.begin(), table.columns.end(),
                      [](const CsvColumn& c) { return c.form == CellForm::scale_places; })
              ? source_of(table, all_revisions, "scale")
              : -1) {
    m_rows->read_in_batches(); // a whole table; its children too
    for (const auto& children : table.children) {
        const auto& sql = all_revisions ? children.revisions_sql : children.current_sql;
        if (!sql.empty())
            m_children.push_back(std::make_unique<Children>(
                db, children, sql, source_of(table, all_revisions, children.column)));
    }
}

ExportRows::~ExportRows() = default;

bool ExportRows::next() {
    if (m_rows->step())
        return true;
    // Every child row belongs to a row: one left over would be data missing from the export.
    for (const auto& children : m_children)
        if (children->pending)
            throw StorageError(fmt::format("exporting {}: the {} of row {} came out of order; "
                                           "nothing was exported",
                                           m_table.name, children->spec.column,
                                           children->rows->column(0).as_int64()));
    return false;
}

std::optional<std::string> ExportRows::cell(const ExportColumn& column) {
    const auto value = m_rows->column(column.source);
    switch (column.form) {
    case CellForm::stored:
        break;
    case CellForm::two_places:
        if (value.is_null())
            return std::nullopt;
        return fmt::format("{:.2f}", value.as_double());
    case CellForm::scale_places: {
        if (value.is_null())
            return std::nullopt;
        const auto scale = m_rows->column(m_scale_source).as_text();
        return fmt::format("{:.{}f}", value.as_double(), outcome_scale(scale).decimals);
    }
    case CellForm::child_rows:
        for (const auto& children : m_children)
            if (children->source == column.source)
                return children->take(value.as_int64());
        throw std::logic_error(fmt::format("no child rows for {}.{}", m_table.name, column.name));
    }
    if (value.is_null())
        return std::nullopt;
    return value.as_text();
}

std::string json_quoted(std::string_view text) {
    std::string quoted = "\"";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        switch (c) {
        case '"':
            quoted += "\\\"";
            break;
        case '\\':
            quoted += "\\\\";
            break;
        case '\b':
            quoted += "\\b";
            break;
        case '\t':
            quoted += "\\t";
            break;
        case '\n':
            quoted += "\\n";
            break;
        case '\f':
            quoted += "\\f";
            break;
        case '\r':
            quoted += "\\r";
            break;
        default:
            if (byte < 0x20)
                quoted += fmt::format("\\u{:04x}", byte);
            else
                quoted += c;
        }
    }
    return quoted + '"';
}

std::string json_real(double value) {
    std::array<char, 64> buffer{};
    std::snprintf(buffer.data(), buffer.size(), "%.15g", value);
    std::string text = buffer.data();
    if (text.find_first_of(".n") == std::string::npos) { // no point yet, and not inf or nan
        const auto exponent = text.find('e');
        text.insert(exponent == std::string::npos ? text.size() : exponent, ".0");
    }
    return text;
}

} // namespace needlebook::exchange
