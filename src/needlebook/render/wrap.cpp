#include "needlebook/render/wrap.hpp"

#include "needlebook/render/table.hpp"

#include <fmt/format.h>
#include <sstream>

namespace needlebook::render {
namespace {

// The byte length of the first `columns` code points of `word`.
std::size_t prefix_bytes(std::string_view word, std::size_t columns) {
    std::size_t bytes = 0, seen = 0;
    while (bytes < word.size()) {
        if ((static_cast<unsigned char>(word[bytes]) & 0xC0) != 0x80 && seen++ == columns)
            break;
        ++bytes;
    }
    return bytes;
}

} // namespace

std::string wrap(std::string_view text, std::size_t width, std::string_view first,
                 std::string_view rest) {
    std::string out;
    std::string line(first);
    std::size_t line_width = display_width(line);
    bool line_has_word = false;
    const auto finish_line = [&] {
        out += line + "\n";
        line = std::string(rest);
        line_width = display_width(line);
        line_has_word = false;
    };
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find('\n', start), text.size());
        std::istringstream words{std::string(text.substr(start, end - start))};
        for (std::string word; words >> word;) {
            auto word_width = display_width(word);
            if (line_has_word && line_width + 1 + word_width > width)
                finish_line();
            while (line_width + word_width > width && width > line_width) {
                const auto cut = prefix_bytes(word, width - line_width);
                line += word.substr(0, cut);
                word.erase(0, cut);
                word_width = display_width(word);
                finish_line();
            }
            if (word.empty())
                continue;
            line += (line_has_word ? " " : "") + word;
            line_width += (line_has_word ? 1 : 0) + word_width;
            line_has_word = true;
        }
        finish_line();
        if (end == text.size())
            break;
        start = end + 1;
    }
    return out;
}

std::string counted(long long count, std::string_view noun) {
    return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

} // namespace needlebook::render
