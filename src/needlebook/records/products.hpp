#pragma once
// Use cases for the serum catalogue that --serum PRODUCT@LOT refers to. A product is corrected
// by a new revision (a misspelt name, a wrong kind or maker) and retired, never changed or
// deleted: past sessions still name it.

#include "needlebook/records/scope.hpp"
#include "needlebook/storage/settings_repository.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::records {

// Code: 1 to 40 lowercase letters, digits or '-'; refuses a code already in the catalogue.
// Refuses a code other than 1 to 40 lowercase letters, digits or '-', or a name or maker
// that is not one line of at most 200 characters (a name is required).
void check_product(const storage::Product& product);
storage::Product add_product(Scope& scope, const storage::Product& product);
// Every product as its newest revision reads, retired ones included, by code.
std::vector<storage::Product> list_products(storage::Database& db);
// The product as it reads now; NotFound names 'needlebook product list'.
storage::Product find_product(storage::Database& db, std::string_view code);
// Every revision of the product, revision 1 (as first entered) first.
std::vector<storage::Product> product_revisions(storage::Database& db,
                                                const storage::Product& product);
// The revision that retired the product; nothing while it is in use.
std::optional<RevisionInfo> retirement_of(storage::Database& db, const storage::Product& product);

// A new revision of product `code` whose name, kind and maker read as `wanted`'s (its code and
// retired state are kept), audited as "product.amend". Refuses a blank reason, an unknown
// product, a `based_on` that is not the current revision and an amendment that changes nothing.
storage::Product amend_product(Scope& scope, std::string_view code, const storage::Product& wanted,
                               const std::string& reason, std::optional<int> based_on);
// A new revision with the product retired, the rest repeated, audited as "product.retire".
// Refuses what amend_product refuses, and a product already retired.
storage::Product retire_product(Scope& scope, std::string_view code, const std::string& reason,
                                std::optional<int> based_on);

// 'product ha-serum (Hyaluronic acid serum 1%) was retired on 2026-11-23 15:00 by dr.jones
// (reason: …)': the clinic's local time, as histories print it; made visible() (a reason may
// hold a line break), so it can go into an error message as it is.
std::string retirement_text(const storage::Product& product, const RevisionInfo& retirement,
                            const time::ClinicZone& zone);
// Refuses a retired product for a new use: a ValidationError on `field` with retirement_text()
// and then `refused` ("a session performed after that cannot use it"). A use at `used_at` before
// the retirement (a session recorded late) is allowed.
void check_not_retired(Scope& scope, const storage::Product& product, std::string_view field,
                       std::string_view refused,
                       std::optional<time::Instant> used_at = std::nullopt);

} // namespace needlebook::records
