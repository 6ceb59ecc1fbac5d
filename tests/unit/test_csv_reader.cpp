// exchange::CsvReader: what export writes reads back exactly; anything malformed is refused
// with its line and column.
#include "needlebook/exchange/csv_reader.hpp"
#include "needlebook/render/csv_writer.hpp"

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
