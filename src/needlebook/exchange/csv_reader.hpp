#pragma once
// Reading RFC 4180 CSV strictly: what `export` writes (CRLF, quoted fields with commas,
// quotes, CR or LF), plus LF line ends and a UTF-8 byte-order mark. Anything else is an error
// naming the line and column, never a guess. Memory stays bounded whatever the input: a field,
// a record and the number of fields in a record have limits (CsvLimits), and input past one is
// an error, so a file of one 300 MB line, or /dev/zero, is refused after the first MiB.

#include <array>
#include <cstddef>
#include <istream>
#include <optional>
#include <stdexcept>
#include <streambuf>
#include <string>
#include <vector>

namespace needlebook::exchange {

// The most one record may hold. The longest text a record keeps is a note of 10,000
// characters (at most 40,000 bytes of UTF-8), so these leave ample room for any real file.
struct CsvLimits {
    std::size_t field_bytes = std::size_t{1} << 20;  // 1 MiB in one field
    std::size_t record_bytes = std::size_t{4} << 20; // 4 MiB in one record, all fields together
    std::size_t fields = 64;                         // fields in one record
};

// A malformed record: where it went wrong (1-based line and column of the character) and, for
// a problem with one field, which (1-based; 0 when the problem is not one field's).
class CsvSyntaxError : public std::runtime_error {
public:
    CsvSyntaxError(std::size_t line, std::size_t column, const std::string& problem,
                   std::size_t field = 0);
    std::size_t line() const { return m_line; }
    std::size_t column() const { return m_column; }
    std::size_t field() const { return m_field; }

private:
    std::size_t m_line, m_column, m_field;
};

struct CsvRecord {
    std::size_t line = 0; // where the record starts; a quoted field may span several lines
    std::vector<std::string> fields;
};

class CsvReader {
public:
    // Reads `in` as it comes: no seeking, so a pipe or a FIFO is read as well as a file. Bytes
    // are taken from its stream buffer in blocks of what it holds, never waiting for more than
    // one byte; a read that fails there throws what the buffer throws.
    // `delimiter`: ',' as RFC 4180 has it, or ';' as spreadsheets in languages with a decimal
    // comma save "CSV".
    explicit CsvReader(std::istream& in, CsvLimits limits = {}, char delimiter = ',');
    // The next record, or nothing at the end of the input. Throws CsvSyntaxError, also for a
    // record past the limits.
    std::optional<CsvRecord> next();

private:
    int get();
    int peek();
    bool fill(); // false at the end of the input

    std::streambuf& m_in;
    std::array<char, 1 << 14> m_block; // istream::get per byte cost a sentry each
    std::size_t m_at = 0, m_end = 0;
    CsvLimits m_limits;
    char m_delimiter;
    std::string m_pending; // bytes read to look for a byte-order mark that was not one
    std::size_t m_pending_at = 0;
    std::size_t m_line = 1, m_column = 0;
};

// '1 MiB (1048576 bytes)': a limit as the messages name it.
std::string describe_bytes(std::size_t bytes);

} // namespace needlebook::exchange
