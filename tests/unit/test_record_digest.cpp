// Record fingerprints (storage/record_digest.cpp): one revision at a time, as an audit row is
// written, and every revision of a kind in batches, as check reads them.

#include "fixtures.hpp"

#include "needlebook/records/demo.hpp"
#include "needlebook/storage/record_digest.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <string>
#include <utility>
#include <vector>

using namespace needlebook;

namespace {

// The stored revisions of `kind`, as (record id, revision), in order.
std::vector<std::pair<std::int64_t, std::int64_t>> revisions_of(storage::Database& db,
                                                                std::string_view kind) {
    std::string sql;
    if (kind == "product") // a product row is its revision 1
        sql = "SELECT id, 1 FROM product UNION ALL SELECT product_id, revision FROM "
              "product_revision";
    else if (kind == "seal")
        sql = "SELECT id, 1 FROM audit_seal";
    else
        sql = fmt::format("SELECT {0}_id, revision FROM {0}_revision", kind);
    std::vector<std::pair<std::int64_t, std::int64_t>> found;
    auto query = db.query(fmt::format("SELECT * FROM ({}) s ORDER BY 1, 2", sql));
    while (query->step())
        found.emplace_back(query->column(0).as_int64(), query->column(1).as_int64());
    return found;
}

} // namespace

TEST_CASE("every stored revision, read in batches, has the fingerprint it has read alone") {
    test::Clinic clinic;
    // Some 700 sessions: more than one batch of 500 records.
    records::fill_demo_clinic(clinic.scope, {160, 11});
    auto& db = clinic.db;
    int kinds_with_revisions = 0;
    for (const auto kind : storage::record_digest_kinds()) {
        CAPTURE(kind);
        std::vector<storage::StoredDigest> batched;
        storage::for_each_record_digest(
            db, kind, [&](const storage::StoredDigest& stored) { batched.push_back(stored); });
        const auto stored = revisions_of(db, kind);
        REQUIRE(batched.size() == stored.size());
        for (std::size_t i = 0; i < stored.size(); ++i) {
            CHECK(std::make_pair(batched[i].record_id, batched[i].revision) == stored[i]);
            CHECK(batched[i].digest == storage::record_digest(db, kind, stored[i].first,
                                                              static_cast<int>(stored[i].second)));
        }
        kinds_with_revisions += stored.empty() ? 0 : 1;
    }
    CHECK(test::count_rows(db, "session") > 500);
    CHECK(kinds_with_revisions >= 8); // patients, conditions, consents, sessions, reactions …
}

TEST_CASE("a revision that is not stored has no fingerprint") {
    test::Clinic clinic;
    records::fill_demo_clinic(clinic.scope, {3, 1});
    CHECK(storage::record_digest(clinic.db, "patient", 1, 1));
    CHECK_FALSE(storage::record_digest(clinic.db, "patient", 1, 99));
    CHECK_FALSE(storage::record_digest(clinic.db, "patient", 999, 1));
    CHECK_FALSE(storage::record_digest(clinic.db, "no such kind", 1, 1));
    CHECK_FALSE(storage::has_record_digest("no such kind"));
    int visited = 0;
    storage::for_each_record_digest(clinic.db, "no such kind",
                                    [&](const storage::StoredDigest&) { ++visited; });
    CHECK(visited == 0);
}
