// libFuzzer target for the CSV reader (import's first line of defence against any file).
// Besides "no crash, no sanitizer finding", it checks a property: whatever the reader accepts,
// written back raw by CsvWriter and read again, gives the same fields.
#include "needlebook/exchange/csv_reader.hpp"
#include "needlebook/render/csv_writer.hpp"

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<std::vector<std::string>> read_all(const std::string& text, bool& ok) {
    std::istringstream in(text);
    needlebook::exchange::CsvReader reader(in);
    std::vector<std::vector<std::string>> records;
    ok = true;
    try {
        while (auto record = reader.next())
            records.push_back(std::move(record->fields));
    } catch (const needlebook::exchange::CsvSyntaxError& e) {
        if (e.line() == 0 || e.column() == 0)
            std::abort(); // every error must say where it is
        ok = false;
    }
    return records;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    bool ok = false;
    const auto records = read_all(text, ok);
    if (!ok)
        return 0;
    std::ostringstream out;
    needlebook::render::CsvWriter writer(out, true);
    for (const auto& fields : records) {
        std::vector<needlebook::render::CsvCell> cells;
        for (const auto& field : fields)
            cells.push_back({field});
        writer.write_row(cells);
    }
    bool again_ok = false;
    if (read_all(out.str(), again_ok) != records || !again_ok)
        std::abort(); // the writer and the reader disagree
    return 0;
}
