// The audit log's disclosure fingerprints as check reads them (storage/audit_log.cpp).

#include "fixtures.hpp"

#include "needlebook/records/demo.hpp"
#include "needlebook/storage/audit_log.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <map>
#include <vector>

using namespace needlebook;

TEST_CASE("stored disclosures read a window at a time give each audit row its own patients") {
    test::Clinic clinic;
    records::fill_demo_clinic(clinic.scope, {25, 3}); // some hundreds of audit rows
    auto& db = clinic.db;
    const auto audit_rows = test::count_rows(db, "audit_log");
    REQUIRE(audit_rows > 520); // more than two windows of 256
    // Rows named by no read yet (the demo's are writes), then patients named as disclosed,
    // in windows apart and at a window's edges.
    const std::map<std::int64_t, std::vector<std::int64_t>> named = {
        {2, {3, 1}}, {256, {2}}, {257, {1, 2, 3}}, {513, {4}}, {audit_rows, {5, 6}}};
    db.write([&] {
        for (const auto& [audit_id, patients] : named)
            storage::add_disclosures(db, audit_id, patients);
    });
    storage::StoredDisclosures disclosed(db);
    for (std::int64_t id = 1; id <= audit_rows; ++id) {
        CAPTURE(id);
        auto expected = named.contains(id) ? named.at(id) : std::vector<std::int64_t>{};
        std::sort(expected.begin(), expected.end());
        CHECK(disclosed.digest_of(id) == storage::disclosure_digest(expected));
    }
}
