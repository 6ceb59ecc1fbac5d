#pragma once
// Aligned text tables for the terminal; the heading is bold when colour is on.

#include <string>
#include <vector>

namespace needlebook::render {

class TextTable {
public:
    enum class Align { left, right };

    explicit TextTable(std::vector<std::string> headings, std::vector<Align> aligns = {});
    void add_row(std::vector<std::string> cells);
    bool empty() const { return m_rows.empty(); }
    // Columns separated by two spaces, no trailing blanks. Each cell is printed visible()
    // (model/text.hpp), so a cell is one line and no text can fake a row or a column.
    std::string render(bool color) const;

private:
    std::vector<std::string> m_headings;
    std::vector<Align> m_aligns;
    std::vector<std::vector<std::string>> m_rows;
};

// Width on a terminal in columns: one per code point (the catalogue has no wide characters).
std::size_t display_width(const std::string& text);

} // namespace needlebook::render
