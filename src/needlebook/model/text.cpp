#include "needlebook/model/text.hpp"

#include "needlebook/error.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <fmt/format.h>
#include <iterator>

namespace needlebook {
namespace {

bool is_blank(std::string_view text) {
    return std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isspace(c); });
}

// Characters, not bytes: 'é' is one.
std::size_t utf8_length(std::string_view text) {
    return static_cast<std::size_t>(std::count_if(
        text.begin(), text.end(), [](unsigned char c) { return (c & 0xC0) != 0x80; }));
}

std::size_t utf8_sequence_length(unsigned char lead) {
    if (lead < 0x80)
        return 1;
    if ((lead >> 5) == 0x6)
        return 2;
    if ((lead >> 4) == 0xE)
        return 3;
    return (lead >> 3) == 0x1E ? 4 : 0;
}

struct Decoded {
    char32_t code;
    std::size_t length; // bytes
};

// The code point starting at text[i], or nothing when the bytes there are not UTF-8.
std::optional<Decoded> decode_at(std::string_view text, std::size_t i) {
    constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = utf8_sequence_length(lead);
    if (length == 0 || i + length > text.size())
        return std::nullopt;
    char32_t code = length == 1 ? lead : lead & (0x7Fu >> length);
    for (std::size_t k = 1; k < length; ++k) {
        const auto next = static_cast<unsigned char>(text[i + k]);
        if ((next & 0xC0) != 0x80)
            return std::nullopt;
        code = (code << 6) | (next & 0x3Fu);
    }
    if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
        return std::nullopt;
    return Decoded{code, length};
}

enum class Shape { line, note };

void check_shaped(std::string_view field, std::string_view value, std::size_t max_length,
                  bool required, Shape shape) {
    if (required && is_blank(value))
        throw ValidationError(std::string(field), fmt::format("{} must not be empty", field));
    if (!valid_utf8(value))
        throw ValidationError(std::string(field),
                              fmt::format("{} is not valid UTF-8 text; check the terminal's "
                                          "encoding",
                                          field));
    // Whatever would not print as itself could fake a line, a column or a direction.
    std::size_t position = 0;
    for (std::size_t i = 0; i < value.size();) {
        const auto [code, length] = *decode_at(value, i);
        ++position;
        const bool line_break = code == '\n' || (code == '\r' && value.substr(i, 2) == "\r\n");
        const bool allowed = shape == Shape::note && (line_break || code == '\t');
        const auto hidden = hidden_character(code);
        if (hidden && !allowed) {
            const std::string what =
                code == '\r' && shape == Shape::note
                    ? std::string("a carriage return that does not start a line break (CR LF)")
                    : std::string(*hidden);
            throw ValidationError(
                std::string(field),
                fmt::format("{} holds {} (U+{:04X}) at character {}; allowed: {}", field, what,
                            static_cast<std::uint32_t>(code), position,
                            shape == Shape::line
                                ? "one line of visible text, without line breaks, tabs, control "
                                  "characters, bidi controls or invisible characters"
                                : "visible text with line breaks and tabs, without other control "
                                  "characters, bidi controls or invisible characters"));
        }
        i += length;
    }
    if (utf8_length(value) > max_length)
        throw ValidationError(std::string(field),
                              fmt::format("{} is {} characters long; at most {} are allowed", field,
                                          utf8_length(value), max_length));
}

std::string make_visible(std::string_view text, bool keep_lines) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const auto decoded = decode_at(text, i);
        if (!decoded) {
            fmt::format_to(std::back_inserter(out), "<0x{:02X}>",
                           static_cast<unsigned>(static_cast<unsigned char>(text[i])));
            ++i;
            continue;
        }
        const auto [code, length] = *decoded;
        const bool crlf = code == '\r' && text.substr(i, 2) == "\r\n";
        if (code == '\n' || crlf)
            out += keep_lines ? "\n" : "\u23CE"; // ⏎
        else if (code == '\t')
            out += "\u21E5"; // ⇥
        else if (hidden_character(code))
            fmt::format_to(std::back_inserter(out), "<U+{:04X}>", static_cast<std::uint32_t>(code));
        else
            out += text.substr(i, length);
        i += crlf ? 2 : length;
    }
    return out;
}

} // namespace

// Well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF), so every
// export and JSON view can carry the text unchanged.
bool valid_utf8(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        const auto decoded = decode_at(text, i);
        if (!decoded)
            return false;
        i += decoded->length;
    }
    return true;
}

std::optional<std::string_view> hidden_character(char32_t c) {
    if (c == '\n')
        return "a line break";
    if (c == '\r')
        return "a carriage return";
    if (c == '\t')
        return "a tab";
    if (c == 0x1B)
        return "an escape character (terminal control)";
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F))
        return "a control character";
    if (c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) ||
        (c >= 0x2066 && c <= 0x2069))
        return "a bidi control";
    if (c == 0x2028)
        return "a line separator";
    if (c == 0x2029)
        return "a paragraph separator";
    if ((c >= 0x200B && c <= 0x200D) || (c >= 0x2060 && c <= 0x2064) ||
        (c >= 0x206A && c <= 0x206F) || c == 0xFEFF || (c >= 0xFFF9 && c <= 0xFFFB))
        return "an invisible character";
    return std::nullopt;
}

void check_text(std::string_view field, std::string_view value, std::size_t max_length,
                bool required) {
    check_shaped(field, value, max_length, required, Shape::line);
}

void check_note(std::string_view field, std::string_view value, std::size_t max_length,
                bool required) {
    check_shaped(field, value, max_length, required, Shape::note);
}

std::string visible(std::string_view text) {
    return make_visible(text, false);
}

std::string visible_keeping_lines(std::string_view text) {
    return make_visible(text, true);
}

std::size_t character_count(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos)
        return 0;
    const auto last = text.find_last_not_of(" \t\r\n");
    return utf8_length(text.substr(first, last - first + 1));
}

void check_reason(std::string_view field, std::string_view reason) {
    if (is_blank(reason)) {
        if (field == "override")
            throw ValidationError("override", "override must say why the check is overruled, "
                                              "e.g. --override depth:cheek=\"dermatologist's "
                                              "plan\"");
        throw ValidationError(
            std::string(field),
            fmt::format("{} must say why, e.g. --reason \"typo in depth\"", field));
    }
    check_note(field, reason, 2000);
}

double parse_decimal(std::string_view text, std::string_view field, int decimals) {
    if (!text.empty() && text.front() == '-')
        throw ValidationError(
            std::string(field),
            fmt::format("{} '{}' is negative; it must be greater than 0", field, visible(text)));
    const auto dot = text.find('.');
    const bool plain = !text.empty() &&
                       std::all_of(text.begin(), text.end(),
                                   [](char c) { return (c >= '0' && c <= '9') || c == '.'; }) &&
                       std::count(text.begin(), text.end(), '.') <= 1 && text.front() != '.' &&
                       text.back() != '.';
    const bool digits_after_point =
        text.size() > 1 && text.front() == '.' &&
        std::all_of(text.begin() + 1, text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (digits_after_point)
        throw ValidationError(std::string(field),
                              fmt::format("{} '{}' needs a digit before the point, e.g. 0{}", field,
                                          visible(text), visible(text)));
    // 1,50 as a spreadsheet in many languages writes it: named, never read as 1 or 150.
    const auto comma = text.find(',');
    const auto digits = [](std::string_view part) {
        return !part.empty() &&
               std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (comma != std::string_view::npos && digits(text.substr(0, comma)) &&
        digits(text.substr(comma + 1)))
        throw ValidationError(std::string(field),
                              fmt::format("{} '{}' has a decimal comma; write it with a point: "
                                          "{}.{}",
                                          field, visible(text), text.substr(0, comma),
                                          text.substr(comma + 1)));
    if (!plain)
        throw ValidationError(std::string(field),
                              fmt::format("{} '{}' is not a number; use digits with '.' as the "
                                          "decimal point, e.g. 0.25",
                                          field, visible(text)));
    if (dot != std::string_view::npos && text.size() - dot - 1 > static_cast<std::size_t>(decimals))
        throw ValidationError(std::string(field), fmt::format("{} '{}' has more than {} decimals",
                                                              field, visible(text), decimals));
    double value = 0;
    if (std::from_chars(text.data(), text.data() + text.size(), value).ec != std::errc{})
        throw ValidationError(std::string(field),
                              fmt::format("{} '{}' is out of range", field, visible(text)));
    return value;
}

int parse_whole(std::string_view text, std::string_view field, int low, int high) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size())
        throw ValidationError(std::string(field),
                              fmt::format("{} '{}' is not a whole number; allowed: {} to {}", field,
                                          visible(text), low, high));
    if (value < low || value > high)
        throw ValidationError(
            std::string(field),
            fmt::format("{} {} is out of range; allowed: {} to {}", field, value, low, high));
    return value;
}

std::int64_t parse_record_id(std::string_view text, std::string_view field, std::string_view hint) {
    std::int64_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value <= 0)
        throw ValidationError(std::string(field), fmt::format("{} '{}' is not a {} id; {}", field,
                                                              visible(text), field, hint));
    return value;
}

} // namespace needlebook
