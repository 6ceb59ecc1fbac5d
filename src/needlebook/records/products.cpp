#include "needlebook/records/products.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace needlebook::records {
namespace {

// The product as it reads in the write that amends it, checked against what the caller saw.
storage::Product current_for_revision(Scope& scope, std::string_view code,
                                      std::optional<int> based_on) {
    auto product = find_product(scope.db(), code);
    if (based_on && *based_on != product.revision.number)
        throw Conflict(fmt::format("product {} was amended meanwhile (now revision {}); run the "
                                   "command again",
                                   product.code, product.revision.number));
    return product;
}

// Stores `product` as its next revision (product.revision already numbered) with its audit row.
storage::Product store_revision(Scope& scope, storage::Product product, std::string action) {
    storage::SettingsRepository(scope.db()).add_product_revision(product);
    append_audit(scope.db(),
                 scope.audit(std::move(action), "product", product.id.value, std::nullopt,
                             product.revision.number, product.revision.reason));
    return product;
}

} // namespace

void check_product(const storage::Product& product) {
    const bool allowed = std::all_of(product.code.begin(), product.code.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (product.code.empty() || product.code.size() > 40 || !allowed)
        throw ValidationError("code", fmt::format("product code '{}' is not allowed; use 1 to 40 "
                                                  "lowercase letters, digits or '-'",
                                                  visible(product.code)));
    check_text("name", product.name, 200, true);
    check_text("maker", product.maker, 200);
}

storage::Product add_product(Scope& scope, const storage::Product& product) {
    check_product(product);
    return scope.db().write([&] {
        storage::SettingsRepository settings(scope.db());
        if (settings.find_product(product.code))
            throw Conflict(fmt::format("product '{}' is already in the catalogue", product.code));
        storage::Product stored = product;
        stored.retired = false;
        stored.revision = RevisionInfo{};
        stored.id = settings.insert_product(stored);
        append_audit(scope.db(),
                     scope.audit("product.add", "product", stored.id.value, std::nullopt, 1));
        return stored;
    });
}

std::vector<storage::Product> list_products(storage::Database& db) {
    return storage::SettingsRepository(db).products();
}

storage::Product find_product(storage::Database& db, std::string_view code) {
    if (auto product = storage::SettingsRepository(db).find_product(code))
        return *product;
    throw NotFound(fmt::format("no product '{}' in the catalogue; see 'needlebook product list'",
                               visible(code)));
}

std::vector<storage::Product> product_revisions(storage::Database& db,
                                                const storage::Product& product) {
    return storage::SettingsRepository(db).product_revisions(product.id);
}

std::optional<RevisionInfo> retirement_of(storage::Database& db, const storage::Product& product) {
    if (!product.retired)
        return std::nullopt;
    // The first revision of the retired ones at the end: an amendment after the retirement
    // (a corrected name) repeats it.
    const auto revisions = product_revisions(db, product);
    auto first = revisions.end();
    while (first != revisions.begin() && std::prev(first)->retired)
        --first;
    if (first == revisions.end())
        return product.revision;
    return first->revision;
}

storage::Product amend_product(Scope& scope, std::string_view code, const storage::Product& wanted,
                               const std::string& reason, std::optional<int> based_on) {
    check_reason("reason", reason);
    check_text("name", wanted.name, 200, true);
    check_text("maker", wanted.maker, 200);
    return scope.db().write([&] {
        auto product = current_for_revision(scope, code, based_on);
        if (product.name == wanted.name && product.kind == wanted.kind &&
            product.maker == wanted.maker)
            throw Conflict(
                fmt::format("product {} already reads like that; nothing to amend", product.code));
        product.name = wanted.name;
        product.kind = wanted.kind;
        product.maker = wanted.maker;
        product.revision = scope.revision(product.revision.number + 1, reason);
        return store_revision(scope, std::move(product), "product.amend");
    });
}

storage::Product retire_product(Scope& scope, std::string_view code, const std::string& reason,
                                std::optional<int> based_on) {
    check_reason("reason", reason);
    return scope.db().write([&] {
        auto product = current_for_revision(scope, code, based_on);
        if (const auto retired = retirement_of(scope.db(), product))
            throw Conflict(fmt::format("{}; nothing to retire",
                                       retirement_text(product, *retired, scope.zone())));
        product.retired = true;
        product.revision = scope.revision(product.revision.number + 1, reason);
        return store_revision(scope, std::move(product), "product.retire");
    });
}

std::string retirement_text(const storage::Product& product, const RevisionInfo& retirement,
                            const time::ClinicZone& zone) {
    return visible(fmt::format("product {} ({}) was retired on {} by {} (reason: {})", product.code,
                               product.name, zone.format_local(retirement.recorded_at),
                               retirement.author, retirement.reason));
}

void check_not_retired(Scope& scope, const storage::Product& product, std::string_view field,
                       std::string_view refused, std::optional<time::Instant> used_at) {
    if (const auto retired = retirement_of(scope.db(), product)) {
        if (used_at && *used_at < retired->recorded_at)
            return; // used before it was retired, recorded late
        throw ValidationError(
            std::string(field),
            fmt::format("{}; {}", retirement_text(product, *retired, scope.zone()), refused));
    }
}

} // namespace needlebook::records
