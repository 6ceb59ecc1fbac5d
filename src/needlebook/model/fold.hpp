#pragma once
// Folding text for matching what people type against what is stored: 'ZOË', 'Zoë' and 'zoe'
// are the same name to a search or to the duplicate-patient check.

#include <string>
#include <string_view>

namespace needlebook {

// `text` (UTF-8) lowercased and without accents, for comparing, never for printing:
// - ASCII letters lowercased;
// - the letters of Latin-1 Supplement (U+00C0-U+00FF) and Latin Extended-A (U+0100-U+017F),
//   and Romanian Ș Ț (U+0218-U+021B), to their base letters: É é -> e, Ñ -> n, Ç -> c,
//   Ø ø -> o, Å -> a, Ł ł -> l, Đ Ð -> d, ı İ -> i, ſ -> s; ß -> ss, Æ æ -> ae, Œ œ -> oe,
//   Ĳ ĳ -> ij, Þ þ -> th;
// - combining accents (U+0300-U+036F) dropped, so 'e' + U+0301 (as typed on some systems)
//   matches 'é';
// - Greek and Cyrillic capitals lowercased, Greek accents (tonos, dialytika) dropped, final
//   sigma as sigma, Cyrillic Ё ё as е;
// everything else, including bytes that are not UTF-8, is kept as it is.
std::string fold(std::string_view text);

} // namespace needlebook
