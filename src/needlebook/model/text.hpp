#pragma once
// Shared validation of free text and numbers typed by users.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace needlebook {

// Well-formed UTF-8: no overlong forms, surrogates or code points past U+10FFFF.
bool valid_utf8(std::string_view text);

// Refuses text longer than `max_length` characters, or blank text when `required`.
void check_text(std::string_view field, std::string_view value, std::size_t max_length,
                bool required = false);

// A required reason for an amendment, a void or an override.
void check_reason(std::string_view field, std::string_view reason);

// A plain decimal such as '0.25' (no sign, exponent or hex), with at most `decimals` decimals.
double parse_decimal(std::string_view text, std::string_view field, int decimals);

// A whole number in [low, high].
int parse_whole(std::string_view text, std::string_view field, int low, int high);

// A record id typed by a user: a positive whole number; `hint` says where ids are printed.
std::int64_t parse_record_id(std::string_view text, std::string_view field, std::string_view hint);

} // namespace needlebook
