#include "needlebook/model/text.hpp"

#include "needlebook/error.hpp"

#include <algorithm>
#include <charconv>
#include <fmt/format.h>

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

} // namespace

// Well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF), so every
// export and JSON view can carry the text unchanged.
bool valid_utf8(std::string_view text) {
    constexpr char32_t smallest[] = {0, 0, 0x80, 0x800, 0x10000};
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        const std::size_t length = utf8_sequence_length(lead);
        if (length == 0 || i + length > text.size())
            return false;
        char32_t code = length == 1 ? lead : lead & (0x7Fu >> length);
        for (std::size_t k = 1; k < length; ++k) {
            const auto next = static_cast<unsigned char>(text[i + k]);
            if ((next & 0xC0) != 0x80)
                return false;
            code = (code << 6) | (next & 0x3Fu);
        }
        if (code < smallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF))
            return false;
        i += length;
    }
    return true;
}

void check_text(std::string_view field, std::string_view value, std::size_t max_length,
                bool required) {
    if (required && is_blank(value))
        throw ValidationError(std::string(field), fmt::format("{} must not be empty", field));
    if (!valid_utf8(value))
        throw ValidationError(std::string(field),
                              fmt::format("{} is not valid UTF-8 text; check the terminal's "
                                          "encoding",
                                          field));
    // Control characters would garble terminals; a note may hold line breaks (CR LF too) and tabs.
    const auto control = std::find_if(value.begin(), value.end(), [](unsigned char c) {
        return (c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F;
    });
    if (control != value.end())
        throw ValidationError(std::string(field),
                              fmt::format("{} holds a control character (code {}); only line "
                                          "breaks and tabs are allowed",
                                          field,
                                          static_cast<int>(static_cast<unsigned char>(*control))));
    if (utf8_length(value) > max_length)
        throw ValidationError(std::string(field),
                              fmt::format("{} is {} characters long; at most {} are allowed", field,
                                          utf8_length(value), max_length));
}

void check_reason(std::string_view field, std::string_view reason) {
    if (is_blank(reason)) {
        if (field == "override")
            throw ValidationError("override", "override must say why the checks are overruled, "
                                              "e.g. --override \"dermatologist's plan\"");
        throw ValidationError(
            std::string(field),
            fmt::format("{} must say why, e.g. --reason \"typo in depth\"", field));
    }
    check_text(field, reason, 2000);
}

double parse_decimal(std::string_view text, std::string_view field, int decimals) {
    if (!text.empty() && text.front() == '-')
        throw ValidationError(
            std::string(field),
            fmt::format("{} '{}' is negative; it must be greater than 0", field, text));
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
        throw ValidationError(
            std::string(field),
            fmt::format("{} '{}' needs a digit before the point, e.g. 0{}", field, text, text));
    if (!plain)
        throw ValidationError(std::string(field),
                              fmt::format("{} '{}' is not a number; use digits with '.' as the "
                                          "decimal point, e.g. 0.25",
                                          field, text));
    if (dot != std::string_view::npos && text.size() - dot - 1 > static_cast<std::size_t>(decimals))
        throw ValidationError(std::string(field), fmt::format("{} '{}' has more than {} decimals",
                                                              field, text, decimals));
    double value = 0;
    if (std::from_chars(text.data(), text.data() + text.size(), value).ec != std::errc{})
        throw ValidationError(std::string(field),
                              fmt::format("{} '{}' is out of range", field, text));
    return value;
}

int parse_whole(std::string_view text, std::string_view field, int low, int high) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size())
        throw ValidationError(std::string(field),
                              fmt::format("{} '{}' is not a whole number; allowed: {} to {}", field,
                                          text, low, high));
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
        throw ValidationError(std::string(field),
                              fmt::format("{} '{}' is not a {} id; {}", field, text, field, hint));
    return value;
}

} // namespace needlebook
