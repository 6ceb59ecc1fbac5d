#include "needlebook/render/csv_writer.hpp"

namespace needlebook::render {

namespace {

// Seven characters: the NUL at the end is one of the guarded ones.
constexpr std::string_view formula_starts("=+-@\t\r", 7);

bool starts_formula(std::string_view text) {
    return !text.empty() && formula_starts.find(text.front()) != std::string_view::npos;
}

} // namespace

std::string guard_formula(std::string_view text) {
    if (!starts_formula(text))
        return std::string(text);
    std::string guarded;
    guarded.reserve(text.size() + 1);
    guarded += '\'';
    guarded += text;
    return guarded;
}

void CsvWriter::write_field(std::string_view text, bool guarded) {
    // The field as written is "'" + text when guarded. One starting with a byte-order mark is
    // quoted, so a reader that drops the mark at the start of a file cannot take it for one
    // (found by the CSV reader's fuzzer).
    const bool quoted = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                        (!guarded && text.starts_with("\xEF\xBB\xBF"));
    if (quoted)
        m_out.put('"');
    if (guarded)
        m_out.put('\'');
    // Whole runs at a time, each quote doubled: an export writes tens of millions of bytes.
    for (auto quote = quoted ? text.find('"') : std::string_view::npos;
         quote != std::string_view::npos; quote = text.find('"')) {
        m_out.write(text.data(), static_cast<std::streamsize>(quote + 1));
        m_out.put('"');
        text.remove_prefix(quote + 1);
    }
    m_out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (quoted)
        m_out.put('"');
}

void CsvWriter::write_header(const std::vector<std::string>& names) {
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i > 0)
            m_out << ',';
        write_field(names[i], false);
    }
    m_out << "\r\n";
}

void CsvWriter::write_row(const std::vector<CsvCell>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) {
        if (i > 0)
            m_out << ',';
        write_field(cells[i].text, !cells[i].numeric && !m_raw && starts_formula(cells[i].text));
    }
    m_out << "\r\n";
}

} // namespace needlebook::render
