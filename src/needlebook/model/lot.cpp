#include "needlebook/model/lot.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>

namespace needlebook {

bool same_lot_number(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](unsigned char x, unsigned char y) {
        return std::tolower(x) == std::tolower(y);
    });
}

std::string lot_name(std::string_view product, std::string_view lot) {
    return product == cartridge_product ? fmt::format("cartridge lot {}", lot)
                                        : fmt::format("lot {} of {}", lot, product);
}

void check_lot_number(std::string_view lot, std::string_view field) {
    check_text(field, lot, 60, true);
    if (std::isspace(static_cast<unsigned char>(lot.front())) ||
        std::isspace(static_cast<unsigned char>(lot.back())))
        throw ValidationError(std::string(field),
                              fmt::format("{} '{}' has spaces at its ends", field, lot));
}

void validate(const LotDetails& details, time::Date today) {
    check_note("note", details.note, 2000);
    if (details.received_on && *details.received_on > today)
        throw ValidationError("received", fmt::format("received {} is in the future (today is {})",
                                                      time::format_date(*details.received_on),
                                                      time::format_date(today)));
    if (details.received_on && *details.received_on > details.expires_on)
        throw ValidationError("received", fmt::format("received {} is after the lot expires ({})",
                                                      time::format_date(*details.received_on),
                                                      time::format_date(details.expires_on)));
    if (details.recall) {
        if (details.recall->on > today)
            throw ValidationError("on", fmt::format("recalled on {} is in the future (today is {})",
                                                    time::format_date(details.recall->on),
                                                    time::format_date(today)));
        check_text("reason", details.recall->reason, 2000, true);
    }
}

} // namespace needlebook
