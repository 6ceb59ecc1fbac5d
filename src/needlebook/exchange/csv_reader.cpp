#include "needlebook/exchange/csv_reader.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace needlebook::exchange {
namespace {

constexpr int end_of_input = std::char_traits<char>::eof();

} // namespace

std::string describe_bytes(std::size_t bytes) {
    if (bytes >= (1u << 20) && bytes % (1u << 20) == 0)
        return fmt::format("{} MiB ({} bytes)", bytes >> 20, bytes);
    if (bytes >= (1u << 10) && bytes % (1u << 10) == 0)
        return fmt::format("{} KiB ({} bytes)", bytes >> 10, bytes);
    return fmt::format("{} bytes", bytes);
}

CsvSyntaxError::CsvSyntaxError(std::size_t line, std::size_t column, const std::string& problem,
                               std::size_t field)
    : std::runtime_error(problem), m_line(line), m_column(std::max<std::size_t>(column, 1)),
      m_field(field) {}

CsvReader::CsvReader(std::istream& in, CsvLimits limits, char delimiter)
    : m_in(*in.rdbuf()), m_limits(limits), m_delimiter(delimiter) {
    // A byte-order mark (written by --bom for Excel) is not part of the first field. The bytes
    // read to find out are kept when they are not one.
    constexpr std::string_view mark = "\xEF\xBB\xBF";
    while (m_pending.size() < mark.size() && (m_at < m_end || fill()) &&
           m_block[m_at] == mark[m_pending.size()])
        m_pending += m_block[m_at++];
    if (m_pending == mark)
        m_pending.clear();
}

bool CsvReader::fill() {
    // What the buffer holds now; when it holds nothing, one byte is waited for (a pipe or a
    // FIFO gives what it has, so a record is read without waiting for the next one).
    auto held = m_in.in_avail();
    if (held <= 0) {
        if (held < 0 || m_in.sgetc() == end_of_input)
            return false;
        held = std::max<std::streamsize>(m_in.in_avail(), 1);
    }
    m_at = 0;
    m_end = static_cast<std::size_t>(
        m_in.sgetn(m_block.data(),
                   std::min<std::streamsize>(held, static_cast<std::streamsize>(m_block.size()))));
    return m_end > 0;
}

int CsvReader::get() {
    int c = end_of_input;
    if (m_pending_at < m_pending.size())
        c = static_cast<unsigned char>(m_pending[m_pending_at++]);
    else if (m_at < m_end || fill())
        c = static_cast<unsigned char>(m_block[m_at++]);
    if (c == '\n') {
        ++m_line;
        m_column = 0;
    } else if (c != end_of_input) {
        ++m_column;
    }
    return c;
}

int CsvReader::peek() {
    if (m_pending_at < m_pending.size())
        return static_cast<unsigned char>(m_pending[m_pending_at]);
    return m_at < m_end || fill() ? static_cast<unsigned char>(m_block[m_at]) : end_of_input;
}

std::optional<CsvRecord> CsvReader::next() {
    if (peek() == end_of_input)
        return std::nullopt;
    CsvRecord record;
    record.line = m_line;
    std::string field;
    std::size_t record_bytes = 0;
    // Every byte of a field goes through here: past a limit, reading stops.
    const auto keep = [&](int c) {
        if (field.size() >= m_limits.field_bytes)
            throw CsvSyntaxError(m_line, m_column,
                                 fmt::format("field {} is longer than {}, the most one field may "
                                             "hold",
                                             record.fields.size() + 1,
                                             describe_bytes(m_limits.field_bytes)),
                                 record.fields.size() + 1);
        if (record_bytes >= m_limits.record_bytes)
            throw CsvSyntaxError(m_line, m_column,
                                 fmt::format("the record is longer than {}, the most one record "
                                             "may hold",
                                             describe_bytes(m_limits.record_bytes)),
                                 record.fields.size() + 1);
        field += static_cast<char>(c);
        ++record_bytes;
    };
    // The bytes of the block up to the next one that needs a look of its own (a quote, a line
    // end and, outside quotes, a comma or CR) are kept in one piece; near a limit, and for the
    // byte-order mark's kept bytes, keep() takes them one by one and names where it was passed.
    const auto keep_run = [&](bool quoted) {
        if (m_pending_at < m_pending.size())
            return;
        const std::size_t room =
            std::min(m_limits.field_bytes - std::min(field.size(), m_limits.field_bytes),
                     m_limits.record_bytes - std::min(record_bytes, m_limits.record_bytes));
        std::size_t end = m_at;
        const std::size_t last = std::min(m_end, m_at + room);
        while (end < last) {
            const char c = m_block[end];
            if (c == '"' || c == '\n' || (!quoted && (c == m_delimiter || c == '\r')))
                break;
            ++end;
        }
        field.append(m_block.data() + m_at, end - m_at);
        record_bytes += end - m_at;
        m_column += end - m_at;
        m_at = end;
    };
    // Each field: quoted ("…", "" for a quote) or plain (no quote, CR or LF inside).
    while (true) {
        if (peek() == '"') {
            get();
            const auto open_line = m_line, open_column = m_column;
            while (true) {
                keep_run(true);
                const int c = get();
                if (c == end_of_input)
                    throw CsvSyntaxError(open_line, open_column,
                                         "a quoted field is never closed (missing '\"')");
                if (c == '"') {
                    if (peek() != '"')
                        break;
                    get();
                }
                keep(c);
            }
            const int after = peek();
            if (after != m_delimiter && after != '\r' && after != '\n' && after != end_of_input)
                throw CsvSyntaxError(m_line, m_column + 1,
                                     "text after a closing quote; a quote inside a field is "
                                     "written as two quotes (\"\")");
        } else {
            while (true) {
                keep_run(false);
                const int c = peek();
                if (c == m_delimiter || c == '\r' || c == '\n' || c == end_of_input)
                    break;
                get();
                if (c == '"')
                    throw CsvSyntaxError(m_line, m_column,
                                         "a quote inside a field that does not start with one; "
                                         "quote the whole field and double the quote");
                keep(c);
            }
        }
        record.fields.push_back(std::move(field));
        field.clear();
        const int c = get();
        if (c == m_delimiter) {
            if (record.fields.size() >= m_limits.fields)
                throw CsvSyntaxError(m_line, m_column,
                                     fmt::format("more than {} fields in one record, the most "
                                                 "a record may have",
                                                 m_limits.fields),
                                     record.fields.size() + 1);
            continue;
        }
        if (c == '\r' && get() != '\n')
            throw CsvSyntaxError(m_line, m_column,
                                 "a carriage return (CR) that does not end a line; quote the "
                                 "field");
        return record; // CRLF, LF or the end of the input
    }
}

} // namespace needlebook::exchange
