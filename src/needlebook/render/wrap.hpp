#pragma once
// Word wrapping for printed text that must fit 80 columns.

#include <string>
#include <string_view>

namespace needlebook::render {

// Wraps `text` at spaces to `width` columns; the first line starts with `first`, the others
// with `rest`. A word longer than a line is cut. Line breaks in `text` are kept.
std::string wrap(std::string_view text, std::size_t width, std::string_view first,
                 std::string_view rest);

} // namespace needlebook::render
