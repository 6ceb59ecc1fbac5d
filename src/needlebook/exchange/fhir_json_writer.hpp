#pragma once
// The JSON text of the FHIR export, written a value at a time into a string and laid out exactly
// as nlohmann's dump(2) prints the same value, so resources are streamed without first being
// built as JSON objects (which cost more than everything else in an export).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::exchange {

class JsonWriter {
public:
    // Appends to `text`. `indent`: how many spaces deep the values written are nested in text
    // written by other means (0 for a document of their own).
    explicit JsonWriter(std::string& text, std::size_t indent = 0)
        : m_text(text), m_indent(indent) {}

    void begin_object();
    void end_object();
    void begin_array();
    void end_array();
    // The name of the next member of the object being written; its value follows.
    void key(std::string_view name);

    void value(std::string_view text);
    void value(const char* text) { value(std::string_view(text)); }
    void value(const std::string& text) { value(std::string_view(text)); }
    void value(std::int64_t number);
    void value(int number) { value(static_cast<std::int64_t>(number)); }
    void value(double number);
    void value(bool flag);

    template <class T> void member(std::string_view name, const T& content) {
        key(name);
        value(content);
    }
    // An object whose members `fill` writes, as a value or as the member `name`.
    template <class Fill> void object(Fill&& fill) {
        begin_object();
        fill();
        end_object();
    }
    template <class Fill> void object(std::string_view name, Fill&& fill) {
        key(name);
        object(fill);
    }
    // An array whose items `fill` writes, as a value or as the member `name`.
    template <class Fill> void array(Fill&& fill) {
        begin_array();
        fill();
        end_array();
    }
    template <class Fill> void array(std::string_view name, Fill&& fill) {
        key(name);
        array(fill);
    }

private:
    // Before a value: the separator and line of an array item; nothing after a key.
    void start_value();
    void open(char bracket);
    void close(char bracket);

    std::string& m_text;
    std::size_t m_indent;
    std::vector<bool> m_has_items; // per open object or array: something written in it yet
    bool m_after_key = false;
};

} // namespace needlebook::exchange
