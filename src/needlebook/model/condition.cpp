#include "needlebook/model/condition.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"

#include <fmt/format.h>

namespace needlebook {
namespace {

void check_not_future(std::string_view field, time::Date day, time::Date today) {
    if (day > today)
        throw ValidationError(std::string(field),
                              fmt::format("{} {} is in the future (today is {})", field,
                                          time::format_date(day), time::format_date(today)));
}

} // namespace

void validate(const ConditionDetails& details, time::Date today) {
    if (details.since)
        check_not_future("since", *details.since, today);
    if (details.resolved_on) {
        check_not_future("resolved", *details.resolved_on, today);
        if (details.since && *details.resolved_on < *details.since)
            throw ValidationError("resolved", fmt::format("resolved {} is before since {}",
                                                          time::format_date(*details.resolved_on),
                                                          time::format_date(*details.since)));
    }
    check_note("note", details.note, 10000);
}

void validate(const ConsentDetails& details, time::Date today) {
    check_not_future("signed", details.signed_on, today);
    check_text("covers", details.covers, 1000);
}

} // namespace needlebook
