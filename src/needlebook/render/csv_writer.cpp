#include "needlebook/render/csv_writer.hpp"

namespace needlebook::render {

std::string guard_formula(std::string_view text) {
    // Seven characters: the NUL at the end is one of the guarded ones.
    constexpr std::string_view formula_starts("=+-@\t\r", 7);
    std::string guarded;
    guarded.reserve(text.size() + 1);
    if (!text.empty() && formula_starts.find(text.front()) != std::string_view::npos)
        guarded += '\'';
    guarded.append(text);
    return guarded;
}

void CsvWriter::write_field(std::string_view text) {
    // A field starting with a byte-order mark is quoted, so a reader that drops the mark at
    // the start of a file cannot take it for one (found by the CSV reader's fuzzer).
    if (text.find_first_of(",\"\r\n") == std::string_view::npos &&
        !text.starts_with("\xEF\xBB\xBF")) {
        m_out << text;
        return;
    }
    m_out << '"';
    for (char c : text) {
        if (c == '"')
            m_out << '"';
        m_out << c;
    }
    m_out << '"';
}

void CsvWriter::write_header(const std::vector<std::string>& names) {
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0)
            m_out << ',';
        write_field(names[i]);
    }
    m_out << "\r\n";
}

void CsvWriter::write_row(const std::vector<CsvCell>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0)
            m_out << ',';
        write_field(cells[i].numeric || m_raw ? cells[i].text : guard_formula(cells[i].text));
    }
    m_out << "\r\n";
}

} // namespace needlebook::render
