#include "needlebook/exchange/csv_reader.hpp"

#include <fmt/format.h>

namespace needlebook::exchange {
namespace {

constexpr int end_of_input = std::char_traits<char>::eof();

} // namespace

CsvSyntaxError::CsvSyntaxError(std::size_t line, std::size_t column, const std::string& problem)
    : std::runtime_error(problem), m_line(line), m_column(column) {}

CsvReader::CsvReader(std::istream& in) : m_in(in) {
    // A byte-order mark (written by --bom for Excel) is not part of the first field.
    if (m_in.peek() == 0xEF) {
        char mark[3] = {};
        m_in.read(mark, 3);
        if (m_in.gcount() != 3 || std::string_view(mark, 3) != "\xEF\xBB\xBF") {
            m_in.clear();
            m_in.seekg(0);
        }
    }
}

int CsvReader::get() {
    const int c = m_in.get();
    if (c == '\n') {
        ++m_line;
        m_column = 0;
    } else if (c != end_of_input) {
        ++m_column;
    }
    return c;
}

int CsvReader::peek() {
    return m_in.peek();
}

std::optional<CsvRecord> CsvReader::next() {
    if (peek() == end_of_input)
        return std::nullopt;
    CsvRecord record;
    record.line = m_line;
    std::string field;
    // Each field: quoted ("…", "" for a quote) or plain (no quote, CR or LF inside).
    while (true) {
        if (peek() == '"') {
            get();
            const auto open_line = m_line, open_column = m_column;
            while (true) {
                const int c = get();
                if (c == end_of_input)
                    throw CsvSyntaxError(open_line, open_column,
                                         "a quoted field is never closed (missing '\"')");
                if (c == '"') {
                    if (peek() != '"')
                        break;
                    get();
                }
                field += static_cast<char>(c);
            }
            const int after = peek();
            if (after != ',' && after != '\r' && after != '\n' && after != end_of_input)
                throw CsvSyntaxError(m_line, m_column + 1,
                                     "text after a closing quote; a quote inside a field is "
                                     "written as two quotes (\"\")");
        } else {
            while (true) {
                const int c = peek();
                if (c == ',' || c == '\r' || c == '\n' || c == end_of_input)
                    break;
                get();
                if (c == '"')
                    throw CsvSyntaxError(m_line, m_column,
                                         "a quote inside a field that does not start with one; "
                                         "quote the whole field and double the quote");
                field += static_cast<char>(c);
            }
        }
        record.fields.push_back(std::move(field));
        field.clear();
        const int c = get();
        if (c == ',')
            continue;
        if (c == '\r' && get() != '\n')
            throw CsvSyntaxError(m_line, m_column,
                                 "a carriage return (CR) that does not end a line; quote the "
                                 "field");
        return record; // CRLF, LF or the end of the input
    }
}

} // namespace needlebook::exchange
