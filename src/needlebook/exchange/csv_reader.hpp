#pragma once
// Reading RFC 4180 CSV strictly: what `export` writes (CRLF, quoted fields with commas,
// quotes, CR or LF), plus LF line ends and a UTF-8 byte-order mark. Anything else is an error
// naming the line and column, never a guess.

#include <cstddef>
#include <istream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace needlebook::exchange {

// A malformed record: where it went wrong (1-based line and column of the character).
class CsvSyntaxError : public std::runtime_error {
public:
    CsvSyntaxError(std::size_t line, std::size_t column, const std::string& problem);
    std::size_t line() const { return m_line; }
    std::size_t column() const { return m_column; }

private:
    std::size_t m_line, m_column;
};

struct CsvRecord {
    std::size_t line = 0; // where the record starts; a quoted field may span several lines
    std::vector<std::string> fields;
};

class CsvReader {
public:
    explicit CsvReader(std::istream& in);
    // The next record, or nothing at the end of the input. Throws CsvSyntaxError.
    std::optional<CsvRecord> next();

private:
    int get();
    int peek();

    std::istream& m_in;
    std::size_t m_line = 1, m_column = 0;
};

} // namespace needlebook::exchange
