#pragma once
// Escaping for HTML and SVG text: every value a user typed goes through it.

#include <string>
#include <string_view>

namespace needlebook::render {

// Escapes & < > " ' so text can go into element content and quoted attributes.
std::string escape_html(std::string_view text);

} // namespace needlebook::render
