#include "needlebook/render/csv_writer.hpp"

#include <doctest/doctest.h>
#include <sstream>
#include <string>
#include <vector>

using needlebook::render::CsvCell;
using needlebook::render::CsvWriter;
using needlebook::render::guard_formula;

namespace {

std::string row_text(const std::vector<CsvCell>& cells, bool raw = false) {
    std::ostringstream out;
    CsvWriter writer(out, raw);
    writer.write_row(cells);
    return out.str();
}

CsvCell text(std::string value) {
    return {std::move(value), false};
}
CsvCell number(std::string value) {
    return {std::move(value), true};
}

} // namespace

TEST_CASE("CSV: a header and rows end in CRLF") {
    std::ostringstream out;
    CsvWriter writer(out);
    writer.write_header({"id", "area", "depth_mm"});
    writer.write_row({number("1"), text("cheek"), number("1.5")});
    writer.write_row({number("2"), text(""), number("0.25")});
    CHECK(out.str() == "id,area,depth_mm\r\n1,cheek,1.5\r\n2,,0.25\r\n");
}

TEST_CASE("CSV: fields with a comma, quote or line break are quoted, quotes doubled") {
    CHECK(row_text({text("Smith, Ann")}) == "\"Smith, Ann\"\r\n");
    CHECK(row_text({text("O'Brien")}) == "O'Brien\r\n");
    CHECK(row_text({text("the \"good\" cheek")}) == "\"the \"\"good\"\" cheek\"\r\n");
    CHECK(row_text({text("line one\nline two")}) == "\"line one\nline two\"\r\n");
    CHECK(row_text({text("line one\r\nline two")}) == "\"line one\r\nline two\"\r\n");
    CHECK(row_text({text("\"")}) == "\"\"\"\"\r\n");
    CHECK(row_text({text("Müller; Siobhán")}) == "Müller; Siobhán\r\n"); // UTF-8 passes as is
    CHECK(row_text({text("a"), text("b,c"), text("d")}) == "a,\"b,c\",d\r\n");

    std::ostringstream out;
    CsvWriter(out).write_header({"name, family", "note"});
    CHECK(out.str() == "\"name, family\",note\r\n");
}

TEST_CASE("CSV: text a spreadsheet would run as a formula gets a leading apostrophe") {
    for (const std::string lead : {"=", "+", "-", "@", "\t", "\r"}) {
        const auto cell = lead + "SUM(A1:A9)";
        CAPTURE(cell);
        CHECK(guard_formula(cell) == "'" + cell);
    }
    CHECK(guard_formula(std::string("\0cmd", 4)) == std::string("'\0cmd", 5));
    for (const std::string safe : {"", "cheek", "1=1", "a-b", "mail@example.org", " =1", "'=1"}) {
        CAPTURE(safe);
        CHECK(guard_formula(safe) == safe);
    }
    CHECK(row_text({text("=HYPERLINK(\"http://x\")")}) == "\"'=HYPERLINK(\"\"http://x\"\")\"\r\n");
    CHECK(row_text({text("-1")}) == "'-1\r\n");
    CHECK(row_text({text("@cmd")}) == "'@cmd\r\n");
    CHECK(row_text({text("\tx")}) == "'\tx\r\n");
    CHECK(row_text({text("\rx")}) == "\"'\rx\"\r\n"); // guarded, then quoted for the CR
    CHECK(row_text({text("=1,2")}) == "\"'=1,2\"\r\n");
}

TEST_CASE("CSV: numeric cells are never prefixed") {
    CHECK(row_text({number("-1.5"), number("+3"), number("0")}) == "-1.5,+3,0\r\n");
    CHECK(row_text({text("-1.5"), number("-1.5")}) == "'-1.5,-1.5\r\n");
}

TEST_CASE("CSV: raw mode keeps text exactly, still quoted where needed") {
    CHECK(row_text({text("=SUM(A1)"), text("-2"), text("@x")}, true) == "=SUM(A1),-2,@x\r\n");
    CHECK(row_text({text("=1,2"), text("a\"b")}, true) == "\"=1,2\",\"a\"\"b\"\r\n");
    CHECK(row_text({number("-1")}, true) == "-1\r\n");
}
