#pragma once
// Use cases for registered serum and cartridge lots: what the lot checks of a session consult.

#include "needlebook/model/lot.hpp"
#include "needlebook/records/scope.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::records {

// Registers `lot` of `product` (a catalogue code, or "cartridge"); audited as "lot.add".
// Refuses an unknown product, a lot already registered for it, and bad dates.
Lot add_lot(Scope& scope, std::string_view product, std::string_view lot,
            const LotDetails& details);
// Registered lots, by product then expiry; `expiring_within`: only those expiring within that
// many days from today (expired ones included).
std::vector<Lot> list_lots(storage::Database& db, const std::optional<std::string>& product,
                           std::optional<int> expiring_within, time::Date today);
// Recalls the registered lot with this number (a new revision, audited as "lot.recall"): of
// `product` when given, else the one product that has it (two products with the same lot
// number need --product). NotFound when none is registered, Conflict when already recalled.
std::vector<Lot> recall_lot(Scope& scope, std::string_view lot,
                            const std::optional<std::string>& product, time::Date on,
                            const std::string& reason);

} // namespace needlebook::records
