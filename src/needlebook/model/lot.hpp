#pragma once
// A registered serum or cartridge lot: its expiry, and whether it was recalled.

#include "needlebook/model/ids.hpp"
#include "needlebook/model/revision.hpp"
#include "needlebook/time/date.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace needlebook {

// Written in place of a serum's product code for a needle cartridge lot.
inline constexpr std::string_view cartridge_product = "cartridge";

struct LotRecall {
    time::Date on{};
    std::string reason;
    friend bool operator==(const LotRecall&, const LotRecall&) = default;
};

struct LotDetails {
    time::Date expires_on{};
    std::optional<time::Date> received_on;
    std::string note;
    std::optional<LotRecall> recall;
    friend bool operator==(const LotDetails&, const LotDetails&) = default;
};

struct Lot {
    LotId id;
    std::string product; // a catalogue product code, or cartridge_product
    std::string lot;     // as registered
    LotDetails details;
    RevisionInfo revision;

    // Unusable on `day`: expired before it, or recalled on or before it.
    bool expired_on(time::Date day) const { return details.expires_on < day; }
    bool recalled_by(time::Date day) const { return details.recall && details.recall->on <= day; }
};

// Lot numbers match ignoring ASCII case, as the database's NOCASE does (HA1 is ha1).
bool same_lot_number(std::string_view a, std::string_view b);

// 'lot HA2291 of ha-serum' or 'cartridge lot CL-7': how messages name a lot.
std::string lot_name(std::string_view product, std::string_view lot);
inline std::string lot_name(const Lot& lot) {
    return lot_name(lot.product, lot.lot);
}

// 1 to 60 visible characters, no spaces at the ends (a recall matches lots exactly, so they
// would hide it); throws a ValidationError naming `field`.
void check_lot_number(std::string_view lot, std::string_view field = "lot");

// Throws ValidationError: lot number, note and recall reason lengths, dates in order (a lot is
// received before it expires, recalled no later than today).
void validate(const LotDetails& details, time::Date today);

} // namespace needlebook
