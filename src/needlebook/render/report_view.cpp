#include "needlebook/render/report_view.hpp"

#include "needlebook/model/text.hpp"
#include "needlebook/render/table.hpp"
#include "needlebook/render/wrap.hpp"

#include <algorithm>
#include <fmt/color.h>
#include <fmt/format.h>

namespace needlebook::render {

// Stored text (a lot, a name, an audit reason) is printed visible(): one line each.
std::string view_text(const ReportView& view, bool color) {
    const auto bold = [color](const std::string& text) {
        return color ? fmt::format(fmt::emphasis::bold, "{}", visible(text)) : visible(text);
    };
    std::string out = bold(view.title) + "\n";
    for (const auto& [key, value] : view.facts) {
        std::string label = key;
        std::replace(label.begin(), label.end(), '_', ' ');
        out += fmt::format("  {}: {}\n", visible(label), visible(value.text));
    }
    for (const auto& note : view.notes)
        out += wrap(visible(note), 80, "  ", "    ");
    for (const auto& table : view.tables) {
        out += "\n";
        if (view.tables.size() > 1 || !table.title.empty())
            out += bold(fmt::format("{} ({})", table.title, table.rows.size())) + "\n";
        if (table.rows.empty()) {
            out += "  " + visible(table.empty_text) + "\n";
            continue;
        }
        std::vector<TextTable::Align> aligns;
        for (std::size_t c = 0; c < table.columns.size(); ++c)
            aligns.push_back(table.rows.front()[c].numeric ? TextTable::Align::right
                                                           : TextTable::Align::left);
        TextTable text(table.columns, aligns);
        for (const auto& row : table.rows) {
            std::vector<std::string> cells;
            for (const auto& cell : row)
                cells.push_back(cell.text.empty() ? "-" : cell.text);
            text.add_row(std::move(cells));
        }
        out += text.render(color);
    }
    return out;
}

nlohmann::ordered_json view_json(const ReportView& view) {
    nlohmann::ordered_json json;
    json["report"] = view.title;
    for (const auto& [key, value] : view.facts)
        json[key] = value.numeric ? nlohmann::ordered_json::parse(value.text)
                                  : nlohmann::ordered_json(value.text);
    json["notes"] = view.notes;
    for (const auto& table : view.tables) {
        auto rows = nlohmann::ordered_json::array();
        for (const auto& row : table.rows) {
            nlohmann::ordered_json object;
            for (std::size_t c = 0; c < table.columns.size(); ++c) {
                const auto& cell = row[c];
                if (cell.text.empty())
                    object[table.columns[c]] = nullptr;
                else if (cell.numeric)
                    object[table.columns[c]] = nlohmann::ordered_json::parse(cell.text);
                else
                    object[table.columns[c]] = cell.text;
            }
            rows.push_back(std::move(object));
        }
        json[table.name] = std::move(rows);
    }
    return json;
}

void write_view_csv(std::ostream& out, const ReportView& view) {
    const bool several = view.tables.size() > 1;
    std::vector<std::string> header;
    if (several)
        header.push_back("list");
    for (const auto& table : view.tables)
        for (const auto& column : table.columns)
            if (std::find(header.begin(), header.end(), column) == header.end())
                header.push_back(column);
    CsvWriter csv(out);
    csv.write_header(header);
    for (const auto& table : view.tables)
        for (const auto& row : table.rows) {
            std::vector<CsvCell> cells(header.size());
            if (several)
                cells[0] = {table.name};
            for (std::size_t c = 0; c < table.columns.size(); ++c) {
                const auto at = std::find(header.begin(), header.end(), table.columns[c]);
                cells[static_cast<std::size_t>(at - header.begin())] = row[c];
            }
            csv.write_row(cells);
        }
}

} // namespace needlebook::render
