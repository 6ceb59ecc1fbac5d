#pragma once
// Printed text: word wrapping to fit 80 columns, and counted nouns.

#include <string>
#include <string_view>

namespace needlebook::render {

// Wraps `text` at spaces to `width` columns; the first line starts with `first`, the others
// with `rest`. A word longer than a line is cut. Line breaks in `text` are kept.
std::string wrap(std::string_view text, std::size_t width, std::string_view first,
                 std::string_view rest);

// '1 day', '3 days': `noun` is the singular and takes an s.
std::string counted(long long count, std::string_view noun);

} // namespace needlebook::render
