#pragma once
// Use cases for the serum catalogue that --serum PRODUCT@LOT refers to.

#include "needlebook/records/scope.hpp"
#include "needlebook/storage/settings_repository.hpp"

#include <vector>

namespace needlebook::records {

// Code: 1 to 40 lowercase letters, digits or '-'; refuses a code already in the catalogue.
storage::Product add_product(Scope& scope, const storage::Product& product);
std::vector<storage::Product> list_products(storage::Database& db);

} // namespace needlebook::records
