#include "needlebook/exchange/fhir_json_writer.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <string>

using namespace needlebook;
using Json = nlohmann::ordered_json;

namespace {

// Writes `value` through the writer, member by member, as the FHIR export writes resources.
void write(exchange::JsonWriter& writer, const Json& value) {
    if (value.is_object()) {
        writer.object([&] {
            for (const auto& [key, member] : value.items()) {
                writer.key(key);
                write(writer, member);
            }
        });
    } else if (value.is_array()) {
        writer.array([&] {
            for (const auto& item : value)
                write(writer, item);
        });
    } else if (value.is_string()) {
        writer.value(value.get<std::string>());
    } else if (value.is_boolean()) {
        writer.value(value.get<bool>());
    } else if (value.is_number_float()) {
        writer.value(value.get<double>());
    } else {
        writer.value(value.get<std::int64_t>());
    }
}

std::string written(const Json& value, std::size_t indent = 0) {
    std::string text;
    exchange::JsonWriter writer(text, indent);
    write(writer, value);
    return text;
}

// dump(2) of `value` nested `indent` spaces deep: every line after the first indented.
std::string dumped(const Json& value, std::size_t indent = 0) {
    std::string text;
    for (const char c : value.dump(2)) {
        text += c;
        if (c == '\n')
            text.append(indent, ' ');
    }
    return text;
}

const Json sample = Json::parse(R"({
    "resourceType": "Observation",
    "empty object": {},
    "empty array": [],
    "nested": {"a": [1, -2, {"b": []}, [[]]], "c": {"d": {}}},
    "numbers": [0, -9223372036854775807, 1.25, 2.0, 0.1, 1e-7, 1e21, 3.0e-5],
    "flags": [true, false],
    "texts": ["plain", "quote \" and back\\slash", "tab\tline\nbreak", "\u0001\u001f\u007f",
              "Zoë Ñúñez Łukasz", "<div xmlns=\"http://www.w3.org/1999/xhtml\">&amp;</div>"]
})");

} // namespace

TEST_CASE("fhir json writer: the same text as nlohmann's dump(2)") {
    CHECK(written(sample) == dumped(sample));
    CHECK(written(Json::object()) == "{}");
    CHECK(written(Json::array()) == "[]");
    CHECK(written(Json("alone")) == "\"alone\"");
    CHECK(written(Json(1.0)) == "1.0");
}

TEST_CASE("fhir json writer: nested in text written by other means") {
    CHECK(written(sample, 6) == dumped(sample, 6));
    std::string text = "[\n  ";
    exchange::JsonWriter writer(text, 2);
    writer.object([&] { writer.member("id", "a"); });
    text += "\n]";
    CHECK(text == Json::parse("[{\"id\": \"a\"}]").dump(2));
}

TEST_CASE("fhir json writer: text that is not UTF-8 is refused, as nlohmann refuses it") {
    std::string text;
    exchange::JsonWriter writer(text);
    CHECK_THROWS_AS(writer.value(std::string("bad \xff byte")), nlohmann::json::type_error);
}
