#include "needlebook/render/table.hpp"

#include "needlebook/model/text.hpp"

#include <algorithm>
#include <fmt/color.h>
#include <fmt/format.h>

namespace needlebook::render {

std::size_t display_width(const std::string& text) {
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

TextTable::TextTable(std::vector<std::string> headings, std::vector<Align> aligns)
    : m_headings(std::move(headings)), m_aligns(std::move(aligns)) {
    m_aligns.resize(m_headings.size(), Align::left);
    for (auto& heading : m_headings)
        heading = visible(heading);
}

void TextTable::add_row(std::vector<std::string> cells) {
    cells.resize(m_headings.size());
    for (auto& cell : cells)
        cell = visible(cell);
    m_rows.push_back(std::move(cells));
}

std::string TextTable::render(bool color) const {
    std::vector<std::size_t> widths(m_headings.size());
    for (std::size_t c = 0; c < m_headings.size(); ++c) {
        widths[c] = display_width(m_headings[c]);
        for (const auto& row : m_rows)
            widths[c] = std::max(widths[c], display_width(row[c]));
    }
    const auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            const std::string pad(widths[c] - display_width(cells[c]), ' ');
            const bool last = c + 1 == cells.size();
            if (c > 0)
                out += "  ";
            out += m_aligns[c] == Align::right ? pad + cells[c] : cells[c] + (last ? "" : pad);
        }
        while (!out.empty() && out.back() == ' ')
            out.pop_back();
        return out + "\n";
    };
    std::string heading = line(m_headings);
    if (color)
        heading =
            fmt::format(fmt::emphasis::bold, "{}", heading.substr(0, heading.size() - 1)) + "\n";
    std::string out = heading;
    for (const auto& row : m_rows)
        out += line(row);
    return out;
}

} // namespace needlebook::render
