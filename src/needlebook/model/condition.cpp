#include "needlebook/model/condition.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"

#include <algorithm>
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
    check_text("guardian", details.guardian, 200);
    if (details.withdrawal) {
        check_not_future("on", details.withdrawal->on, today);
        if (details.withdrawal->on < details.signed_on)
            throw ValidationError("on", fmt::format("withdrawn on {} is before the consent was "
                                                    "signed ({})",
                                                    time::format_date(details.withdrawal->on),
                                                    time::format_date(details.signed_on)));
        check_text("reason", details.withdrawal->reason, 2000, true);
    }
}

void validate(const Clearance& clearance) {
    check_text("by", clearance.by, 200, true);
    check_text("reason", clearance.reason, 2000, true);
    if (clearance.until < clearance.on)
        throw ValidationError("until", fmt::format("until {} is before the clearance is given ({})",
                                                   time::format_date(clearance.until),
                                                   time::format_date(clearance.on)));
}

namespace {

// The words of a covers text: split at spaces and commas.
std::vector<std::string_view> words_of(std::string_view text) {
    std::vector<std::string_view> words;
    while (!text.empty()) {
        const auto start = text.find_first_not_of(" ,");
        if (start == std::string_view::npos)
            break;
        text.remove_prefix(start);
        const auto end = std::min(text.find_first_of(" ,"), text.size());
        words.push_back(text.substr(0, end));
        text.remove_prefix(end);
    }
    return words;
}

} // namespace

std::vector<ConsentScope> ConsentDetails::scopes() const {
    std::vector<ConsentScope> found;
    for (const auto word : words_of(covers)) {
        const auto scope = find_code<ConsentScope>(word);
        if (!scope)
            return {ConsentScope::microneedling, ConsentScope::serums};
        if (std::find(found.begin(), found.end(), *scope) == found.end())
            found.push_back(*scope);
    }
    if (found.empty())
        return {ConsentScope::microneedling, ConsentScope::serums};
    return found;
}

std::string parse_consent_scopes(std::string_view text) {
    check_text("covers", text, 1000); // a line break or a control character, named as such
    std::string stored;
    std::vector<ConsentScope> seen;
    for (const auto word : words_of(text)) {
        const auto known = find_code<ConsentScope>(word);
        if (!known)
            throw ValidationError("covers",
                                  fmt::format("covers: unknown scope '{}'; allowed: {}",
                                              visible(word), allowed_codes<ConsentScope>()));
        const auto scope = *known;
        if (std::find(seen.begin(), seen.end(), scope) != seen.end())
            throw ValidationError(
                "covers", fmt::format("covers names {} twice; name each once", code_of(scope)));
        seen.push_back(scope);
        if (!stored.empty())
            stored += ' ';
        stored += code_of(scope);
    }
    if (stored.empty())
        throw ValidationError(
            "covers", fmt::format("covers is empty; allowed: {}", allowed_codes<ConsentScope>()));
    return stored;
}

} // namespace needlebook
