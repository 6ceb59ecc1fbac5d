#include "needlebook/records/lots.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/products.hpp"
#include "needlebook/storage/lot_repository.hpp"
#include "needlebook/storage/settings_repository.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace needlebook::records {
namespace {

void check_product(storage::Database& db, std::string_view product) {
    if (product == cartridge_product || storage::SettingsRepository(db).find_product(product))
        return;
    throw ValidationError("product", fmt::format("unknown product '{}'; allowed: a product code "
                                                 "from 'needlebook product list', or {}",
                                                 visible(product), cartridge_product));
}

} // namespace

Lot add_lot(Scope& scope, std::string_view product, std::string_view lot,
            const LotDetails& details) {
    check_lot_number(lot);
    validate(details, scope.today());
    return scope.db().write([&] {
        check_product(scope.db(), product);
        if (product != cartridge_product)
            check_not_retired(scope, find_product(scope.db(), product), "product",
                              "no new lot can be registered for it");
        storage::LotRepository lots(scope.db());
        if (const auto existing = lots.find(product, lot))
            throw Conflict(fmt::format("lot {} of {} is already registered (expires {}); see "
                                       "'needlebook lot list --product {}'",
                                       existing->lot, product,
                                       time::format_date(existing->details.expires_on), product));
        Lot added{{}, std::string(product), std::string(lot), details, scope.revision(1)};
        added.id = lots.insert(product, lot, details, added.revision);
        append_audit(scope.db(), scope.audit("lot.add", "lot", added.id.value, std::nullopt, 1,
                                             fmt::format("{} {}", product, lot)));
        return added;
    });
}

std::vector<Lot> list_lots(storage::Database& db, const std::optional<std::string>& product,
                           std::optional<int> expiring_within, time::Date today) {
    if (product)
        check_product(db, *product);
    storage::LotFilter filter{product, std::nullopt};
    if (expiring_within)
        filter.expires_by = time::add_days(today, *expiring_within);
    return storage::LotRepository(db).list(filter);
}

std::vector<Lot> recall_lot(Scope& scope, std::string_view lot,
                            const std::optional<std::string>& product, time::Date on,
                            const std::string& reason) {
    check_lot_number(lot);
    return scope.db().write([&] {
        if (product)
            check_product(scope.db(), *product);
        storage::LotRepository lots(scope.db());
        auto found = lots.with_number(lot);
        if (product)
            std::erase_if(found, [&](const Lot& l) { return l.product != *product; });
        if (found.empty())
            throw NotFound(fmt::format("no registered lot '{}'{}; register it first with "
                                       "'needlebook lot add PRODUCT {} --expires YYYY-MM-DD'",
                                       visible(lot), product ? fmt::format(" of {}", *product) : "",
                                       visible(lot)));
        if (found.size() > 1) {
            std::vector<std::string> products;
            for (const auto& l : found)
                products.push_back(l.product);
            throw ValidationError("product",
                                  fmt::format("lot '{}' is registered for {}; name the one "
                                              "recalled with --product",
                                              visible(lot), fmt::join(products, " and ")));
        }
        std::vector<Lot> recalled;
        for (auto& registered : found) {
            if (registered.details.recall)
                continue;
            registered.details.recall = LotRecall{on, reason};
            validate(registered.details, scope.today());
            registered.revision = scope.revision(registered.revision.number + 1, reason);
            lots.add_revision(registered.id, registered.details, registered.revision);
            append_audit(scope.db(), scope.audit("lot.recall", "lot", registered.id.value,
                                                 std::nullopt, registered.revision.number, reason));
            recalled.push_back(registered);
        }
        if (recalled.empty())
            throw Conflict(fmt::format("lot {} was already recalled on {}", found.front().lot,
                                       time::format_date(found.front().details.recall->on)));
        return recalled;
    });
}

} // namespace needlebook::records
