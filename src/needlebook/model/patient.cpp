#include "needlebook/model/patient.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace needlebook {
namespace {

constexpr std::array<std::string_view, 6> roman_types{"I", "II", "III", "IV", "V", "VI"};

} // namespace

void validate(const PatientDetails& details, time::Date today) {
    check_text("family name", details.family_name, 100, true);
    check_text("given name", details.given_name, 100, true);
    if (details.birth_date > today)
        throw ValidationError("born", fmt::format("born {} is in the future (today is {})",
                                                  time::format_date(details.birth_date),
                                                  time::format_date(today)));
    if (details.birth_date < time::Date{date::year{1900} / 1 / 1})
        throw ValidationError("born", fmt::format("born {} is before 1900; check the year",
                                                  time::format_date(details.birth_date)));
    if (details.fitzpatrick && (*details.fitzpatrick < 1 || *details.fitzpatrick > 6))
        throw ValidationError("fitzpatrick", fmt::format("fitzpatrick {} is out of range; allowed: "
                                                         "1 to 6 or I to VI",
                                                         *details.fitzpatrick));
    check_text("phone", details.phone, 40);
    check_text("email", details.email, 200);
    if (!details.email.empty() && details.email.find('@') == std::string::npos)
        throw ValidationError("email", fmt::format("email '{}' has no '@'", details.email));
    check_note("note", details.note, 10000);
}

void validate_chart_code(std::string_view code) {
    const bool allowed = std::all_of(code.begin(), code.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '_';
    });
    if (code.empty() || code.size() > 32 || !allowed)
        throw ValidationError("code", fmt::format("chart code '{}' is not allowed; use 1 to 32 "
                                                  "letters, digits, '-' or '_'",
                                                  visible(code)));
}

int parse_fitzpatrick(std::string_view text) {
    std::string upper(text);
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    for (std::size_t i = 0; i < roman_types.size(); ++i)
        if (upper == roman_types[i] || upper == std::to_string(i + 1))
            return static_cast<int>(i) + 1;
    throw ValidationError("fitzpatrick",
                          fmt::format("fitzpatrick '{}' is not a skin type; allowed: "
                                      "1 to 6 or I to VI",
                                      visible(text)));
}

std::string_view fitzpatrick_roman(int type) {
    return type >= 1 && type <= 6 ? roman_types[static_cast<std::size_t>(type - 1)] : "?";
}

} // namespace needlebook
