#pragma once

#include "needlebook/model/ids.hpp"
#include "needlebook/model/revision.hpp"
#include "needlebook/time/date.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace needlebook {

struct PatientDetails {
    std::string family_name;
    std::string given_name;
    time::Date birth_date{};
    std::optional<int> fitzpatrick; // skin type 1..6 (I..VI)
    std::string phone;
    std::string email;
    std::string note;
    friend bool operator==(const PatientDetails&, const PatientDetails&) = default;
};

struct Patient {
    PatientId id;
    std::string code; // the chart code, e.g. P-000123
    PatientDetails details;
    RevisionInfo revision;
};

// Throws ValidationError for the first field that breaks a rule; `today` bounds the birth date.
void validate(const PatientDetails& details, time::Date today);

// Chart codes: 1 to 32 letters, digits, '-' or '_'.
void validate_chart_code(std::string_view code);

// '1'..'6' or 'I'..'VI' (any case).
int parse_fitzpatrick(std::string_view text);
std::string_view fitzpatrick_roman(int type);

} // namespace needlebook
