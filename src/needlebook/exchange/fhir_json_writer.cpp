#include "needlebook/exchange/fhir_json_writer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <nlohmann/json.hpp>

namespace needlebook::exchange {
namespace {

// Printable ASCII without quote or backslash stands between quotes as it is; anything else is
// left to nlohmann's escaping, which also refuses text that is not UTF-8.
bool plain_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; });
}

void append_quoted(std::string& out, std::string_view text) {
    if (!plain_ascii(text)) {
        out += nlohmann::ordered_json(text).dump();
        return;
    }
    out += '"';
    out += text;
    out += '"';
}

} // namespace

void JsonWriter::start_value() {
    if (m_after_key) {
        m_after_key = false;
        return;
    }
    if (m_has_items.empty())
        return; // a value of its own, not nested here
    m_text += m_has_items.back() ? ",\n" : "\n";
    m_has_items.back() = true;
    m_text.append(m_indent, ' ');
}

void JsonWriter::open(char bracket) {
    start_value();
    m_text += bracket;
    m_has_items.push_back(false);
    m_indent += 2;
}

// An empty object or array stays on one line, "{}" or "[]", as in dump(2).
void JsonWriter::close(char bracket) {
    m_indent -= 2;
    if (m_has_items.back()) {
        m_text += '\n';
        m_text.append(m_indent, ' ');
    }
    m_text += bracket;
    m_has_items.pop_back();
}

void JsonWriter::begin_object() {
    open('{');
}

void JsonWriter::end_object() {
    close('}');
}

void JsonWriter::begin_array() {
    open('[');
}

void JsonWriter::end_array() {
    close(']');
}

void JsonWriter::key(std::string_view name) {
    start_value(); // a member is laid out as an array item is, then its name
    append_quoted(m_text, name);
    m_text += ": ";
    m_after_key = true;
}

void JsonWriter::value(std::string_view text) {
    start_value();
    append_quoted(m_text, text);
}

void JsonWriter::value(std::int64_t number) {
    start_value();
    std::array<char, 24> digits{};
    const auto end = std::to_chars(digits.begin(), digits.end(), number).ptr;
    m_text.append(digits.data(), end);
}

// nlohmann's own shortest round-trip form ("1.25", "2.0", "1e-07"), which is not printf's.
void JsonWriter::value(double number) {
    start_value();
    m_text += nlohmann::ordered_json(number).dump();
}

void JsonWriter::value(bool flag) {
    start_value();
    m_text += flag ? "true" : "false";
}

} // namespace needlebook::exchange
