#pragma once
// Escaping for HTML and SVG text: every value a user typed goes through it.

#include <string>
#include <string_view>

namespace needlebook::render {

// Escapes & < > " ' so text can go into element content and quoted attributes. Control, bidi
// and invisible characters are shown as visible_keeping_lines() shows them ('<U+202E>', a tab
// '⇥'), so they can neither reorder the page nor make the XHTML of a FHIR narrative invalid;
// a line break stays (HTML shows it as a space).
std::string escape_html(std::string_view text);

// RFC 4648 base64, for images embedded as data: URIs (a printed history stays one file).
std::string base64(std::string_view bytes);

} // namespace needlebook::render
