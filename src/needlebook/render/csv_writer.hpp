#pragma once
// RFC 4180 CSV: CRLF line ends, quoting where needed, and spreadsheet-safe text cells.

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::render {

struct CsvCell {
    std::string text;
    bool numeric = false; // typed numbers are never prefixed
};

class CsvWriter {
public:
    // `raw`: no formula guard, for exact round trips.
    explicit CsvWriter(std::ostream& out, bool raw = false) : m_out(out), m_raw(raw) {}

    void write_header(const std::vector<std::string>& names);
    void write_row(const std::vector<CsvCell>& cells);

private:
    // `guarded`: written with a "'" in front (see guard_formula).
    void write_field(std::string_view text, bool guarded);

    std::ostream& m_out;
    bool m_raw;
};

// A text cell a spreadsheet would run as a formula (= + - @ TAB CR or NUL first) gets a "'".
std::string guard_formula(std::string_view text);

} // namespace needlebook::render
