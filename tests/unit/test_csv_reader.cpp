// exchange::CsvReader: what export writes reads back exactly; anything malformed is refused
// with its line and column.
#include "needlebook/exchange/csv_reader.hpp"
#include "needlebook/render/csv_writer.hpp"

#include <array>
#include <doctest/doctest.h>
#include <sstream>

using needlebook::exchange::CsvReader;
using needlebook::exchange::CsvSyntaxError;

namespace {

std::vector<std::vector<std::string>> read_all(const std::string& text) {
    std::istringstream in(text);
    CsvReader reader(in);
    std::vector<std::vector<std::string>> records;
    while (auto record = reader.next())
        records.push_back(record->fields);
    return records;
}

CsvSyntaxError error_of(const std::string& text) {
    try {
        read_all(text);
    } catch (const CsvSyntaxError& e) {
        return e;
    }
    FAIL("no CsvSyntaxError");
    return CsvSyntaxError(0, 0, "");
}

} // namespace

TEST_CASE("quoted commas, doubled quotes, CR/LF inside fields and a BOM read back exactly") {
    const auto records = read_all("\xEF\xBB\xBFid,note\r\n1,\"a, b\"\r\n2,\"say \"\"hi\"\"\"\r\n"
                                  "3,\"two\r\nlines\"\r\n4,\r\n");
    REQUIRE(records.size() == 5);
    CHECK(records[0] == std::vector<std::string>{"id", "note"});
    CHECK(records[1][1] == "a, b");
    CHECK(records[2][1] == "say \"hi\"");
    CHECK(records[3][1] == "two\r\nlines");
    CHECK(records[4] == std::vector<std::string>{"4", ""});
}

TEST_CASE("LF line ends and a last line without one are accepted") {
    CHECK(read_all("a,b\n1,2") == std::vector<std::vector<std::string>>{{"a", "b"}, {"1", "2"}});
}

TEST_CASE("a record's line is where it starts, after fields spanning lines") {
    std::istringstream in("h\r\n\"x\r\ny\"\r\nz\r\n");
    CsvReader reader(in);
    CHECK(reader.next()->line == 1);
    CHECK(reader.next()->line == 2);
    CHECK(reader.next()->line == 4);
    CHECK_FALSE(reader.next());
}

TEST_CASE("malformed CSV is refused with its line and column") {
    auto e = error_of("a,b\r\n1,\"open\r\n");
    CHECK(e.line() == 2);
    CHECK(e.column() == 3);
    CHECK(std::string(e.what()).find("never closed") != std::string::npos);
    e = error_of("a,b\r\n1,x\"y\r\n");
    CHECK(e.line() == 2);
    CHECK(e.column() == 4);
    e = error_of("a\r\n\"q\"z\r\n");
    CHECK(e.line() == 2);
    CHECK(e.column() == 4);
    e = error_of("a\rb\r\n");
    CHECK(e.line() == 1);
}

TEST_CASE("whatever CsvWriter writes raw, CsvReader reads back the same") {
    const std::vector<std::string> nasty{"plain",
                                         "a,b",
                                         "\"q\"",
                                         "cr\rlf\nboth\r\n",
                                         "",
                                         "=1+2",
                                         "\xEF\xBB\xBF"
                                         "bom first",
                                         "emoji \xF0\x9F\x98\x80",
                                         std::string(5000, 'x')};
    std::ostringstream out;
    needlebook::render::CsvWriter writer(out, true);
    std::vector<needlebook::render::CsvCell> cells;
    for (const auto& text : nasty)
        cells.push_back({text});
    writer.write_row(cells);
    const auto records = read_all(out.str());
    REQUIRE(records.size() == 1);
    CHECK(records[0] == nasty);
}

namespace {

// A stream that cannot seek, like a pipe: the reader must not need to.
class PipeLike : public std::streambuf {
public:
    explicit PipeLike(std::string text) : m_text(std::move(text)) {
        setg(m_text.data(), m_text.data(), m_text.data() + m_text.size());
    }

private:
    std::string m_text;
};

// An endless input of one byte, as /dev/zero: the reader must stop at a limit by itself.
class Endless : public std::streambuf {
public:
    explicit Endless(char byte) { m_block.fill(byte); }
    std::size_t served = 0;

protected:
    int_type underflow() override {
        served += m_block.size();
        setg(m_block.data(), m_block.data(), m_block.data() + m_block.size());
        return traits_type::to_int_type(m_block[0]);
    }

private:
    std::array<char, 4096> m_block{};
};

CsvSyntaxError error_with(const std::string& text, needlebook::exchange::CsvLimits limits) {
    std::istringstream in(text);
    CsvReader reader(in, limits);
    try {
        while (reader.next()) {
        }
    } catch (const CsvSyntaxError& e) {
        return e;
    }
    FAIL("no CsvSyntaxError");
    return CsvSyntaxError(0, 0, "");
}

} // namespace

TEST_CASE("a byte-order mark is dropped, and bytes that only start like one are kept, on a "
          "stream that cannot seek") {
    PipeLike with_mark("\xEF\xBB\xBF"
                       "a,b\n");
    std::istream in1(&with_mark);
    CsvReader reader1(in1);
    CHECK(reader1.next()->fields == std::vector<std::string>{"a", "b"});
    PipeLike fullwidth("\xEF\xBC\x8C,b\n"); // U+FF0C, a full-width comma: starts with 0xEF
    std::istream in2(&fullwidth);
    CsvReader reader2(in2);
    CHECK(reader2.next()->fields == std::vector<std::string>{"\xEF\xBC\x8C", "b"});
    PipeLike short_one("\xEF\xBB");
    std::istream in3(&short_one);
    CsvReader reader3(in3);
    CHECK(reader3.next()->fields == std::vector<std::string>{"\xEF\xBB"});
}

TEST_CASE("a field past the field limit is refused with its line, column and field") {
    needlebook::exchange::CsvLimits limits;
    limits.field_bytes = 10;
    auto e = error_with("id,note\r\n1,0123456789\r\n2,0123456789x\r\n", limits);
    CHECK(e.line() == 3);
    CHECK(e.column() == 13); // the 11th byte of the field
    CHECK(e.field() == 2);
    CHECK(std::string(e.what()).find("field 2 is longer than 10 bytes") != std::string::npos);
    e = error_with("id,note\r\n1,\"01234\"\"56789\"\r\n", limits); // "" counts as one byte
    CHECK(e.line() == 2);
    CHECK(e.field() == 2);
}

TEST_CASE("a record past the record limit, or with too many fields, is refused") {
    needlebook::exchange::CsvLimits limits;
    limits.field_bytes = 10;
    limits.record_bytes = 25;
    auto e = error_with("a,b,c\r\n0123456789,0123456789,0123456789\r\n", limits);
    CHECK(e.line() == 2);
    CHECK(e.field() == 3);
    CHECK(std::string(e.what()).find("the record is longer than 25 bytes") != std::string::npos);
    limits = {};
    limits.fields = 3;
    e = error_with("a,b,c\r\n1,2,3,4\r\n", limits);
    CHECK(e.line() == 2);
    CHECK(e.column() == 6);
    CHECK(e.field() == 4);
    CHECK(std::string(e.what()).find("more than 3 fields") != std::string::npos);
}

TEST_CASE("the default limits: 1 MiB a field, 4 MiB a record, 64 fields") {
    const needlebook::exchange::CsvLimits limits;
    CHECK(limits.field_bytes == 1048576);
    CHECK(limits.record_bytes == 4194304);
    CHECK(limits.fields == 64);
    CHECK(needlebook::exchange::describe_bytes(limits.field_bytes) == "1 MiB (1048576 bytes)");
}

TEST_CASE("an endless input (as /dev/zero) is refused once a field passes 1 MiB, having read "
          "little more") {
    for (const char byte : {'\0', 'a', '"'}) {
        Endless zeros(byte);
        std::istream in(&zeros);
        CsvReader reader(in);
        try {
            reader.next();
            FAIL("an endless record was accepted");
        } catch (const CsvSyntaxError& e) {
            CHECK(e.line() == 1);
            CHECK(e.field() == 1);
            CHECK(std::string(e.what()).find("1 MiB") != std::string::npos);
        }
        CHECK(zeros.served <= (std::size_t{3} << 20)); // "" doubles the bytes per field byte
    }
    Endless commas(',');
    std::istream in(&commas);
    CsvReader reader(in);
    CHECK_THROWS_WITH_AS(reader.next(), doctest::Contains("more than 64 fields"), CsvSyntaxError);
}

namespace {

// A pipe that hands over one byte at a time, as a slow writer does.
class Trickle : public std::streambuf {
public:
    explicit Trickle(std::string text) : m_text(std::move(text)) {}

protected:
    int_type underflow() override {
        if (m_at >= m_text.size())
            return traits_type::eof();
        m_byte = m_text[m_at++];
        setg(&m_byte, &m_byte, &m_byte + 1);
        return traits_type::to_int_type(m_byte);
    }

private:
    std::string m_text;
    std::size_t m_at = 0;
    char m_byte = 0;
};

} // namespace

TEST_CASE("a stream handing over one byte at a time reads as the same bytes in one piece") {
    const std::string text = "\xEF\xBB\xBFid,note\r\n1,\"a, \"\"b\"\"\r\nc\"\r\n2,plain text\n" +
                             std::string(40000, 'x') + ",\"" + std::string(40000, 'y') + "\"\r\n";
    Trickle trickle(text);
    std::istream in(&trickle);
    CsvReader reader(in);
    std::vector<std::vector<std::string>> records;
    std::vector<std::size_t> lines;
    while (auto record = reader.next()) {
        records.push_back(record->fields);
        lines.push_back(record->line);
    }
    CHECK(records == read_all(text));
    CHECK(lines == std::vector<std::size_t>{1, 2, 4, 5});
    CHECK(records[1][1] == "a, \"b\"\r\nc");
    CHECK(records[3][0].size() == 40000);
    CHECK(records[3][1] == std::string(40000, 'y'));
}
