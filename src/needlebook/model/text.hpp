#pragma once
// Shared validation of free text and numbers typed by users, and the visible form in which
// stored text is printed, so that no value can forge a line of the program's text output.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace needlebook {

// Well-formed UTF-8: no overlong forms, surrogates or code points past U+10FFFF.
bool valid_utf8(std::string_view text);

// What `c` is when it must not be printed as it is (e.g. "a line break", "a bidi control"),
// else nothing: C0 and C1 controls, DEL, the bidi controls (U+061C, U+200E, U+200F,
// U+202A-U+202E, U+2066-U+2069), the zero-width and other invisible characters (U+200B-U+200D,
// U+2060-U+2064, U+206A-U+206F, U+FEFF, U+FFF9-U+FFFB) and U+2028/U+2029 (line and paragraph
// separators). Everything else, in any script, is ordinary text.
std::optional<std::string_view> hidden_character(char32_t c);

// A single-line field (names, codes, practitioner, actor, lots, model, cartridge...): refuses
// blank text when `required`, invalid UTF-8, every character hidden_character() names (line
// breaks and tabs included) and text longer than `max_length` characters. The message names
// the field, the character and its position, and what is allowed.
void check_text(std::string_view field, std::string_view value, std::size_t max_length,
                bool required = false);

// Free text (notes, aftercare, reasons): as check_text, except that line breaks (LF, or CR LF)
// and tabs are allowed. A carriage return that does not start a CR LF line break is refused.
void check_note(std::string_view field, std::string_view value, std::size_t max_length,
                bool required = false);

// Characters, not bytes ('é' is one), leaving out spaces at either end.
std::size_t character_count(std::string_view text);

// A required reason for an amendment, a void or an override: free text (check_note).
void check_reason(std::string_view field, std::string_view reason);

// Stored text as it is printed in text output (tables, record views, the text history, the
// audit list, messages): a line break (LF or CR LF) becomes '⏎', a tab '⇥', every other
// character hidden_character() names '<U+202E>', and a byte that is not UTF-8 '<0xFF>', so one
// value always prints as one line of visible characters. JSON and CSV carry the text unchanged.
std::string visible(std::string_view text);
// As visible(), but a line break stays a line break (CR LF becomes LF): for messages made of
// several lines by the program, whose values were made visible() already.
std::string visible_keeping_lines(std::string_view text);

// A plain decimal such as '0.25' (no sign, exponent or hex), with at most `decimals` decimals.
double parse_decimal(std::string_view text, std::string_view field, int decimals);

// A whole number in [low, high].
int parse_whole(std::string_view text, std::string_view field, int low, int high);

// A record id typed by a user: a positive whole number; `hint` says where ids are printed.
std::int64_t parse_record_id(std::string_view text, std::string_view field, std::string_view hint);

} // namespace needlebook
