#include "needlebook/records/products.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace needlebook::records {

storage::Product add_product(Scope& scope, const storage::Product& product) {
    const bool allowed = std::all_of(product.code.begin(), product.code.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
    if (product.code.empty() || product.code.size() > 40 || !allowed)
        throw ValidationError("code", fmt::format("product code '{}' is not allowed; use 1 to 40 "
                                                  "lowercase letters, digits or '-'",
                                                  visible(product.code)));
    check_text("name", product.name, 200, true);
    check_text("maker", product.maker, 200);
    return scope.db().write([&] {
        storage::SettingsRepository settings(scope.db());
        if (settings.find_product(product.code))
            throw Conflict(fmt::format("product '{}' is already in the catalogue", product.code));
        storage::Product stored = product;
        stored.id = settings.insert_product(product);
        append_audit(scope.db(),
                     scope.audit("product.add", "product", stored.id.value, std::nullopt, 1));
        return stored;
    });
}

std::vector<storage::Product> list_products(storage::Database& db) {
    return storage::SettingsRepository(db).products();
}

} // namespace needlebook::records
