#include "needlebook/render/html.hpp"

#include "needlebook/model/text.hpp"

namespace needlebook::render {

std::string escape_html(std::string_view stored) {
    const auto text = visible_keeping_lines(stored);
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

} // namespace needlebook::render
