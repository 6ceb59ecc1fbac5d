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

// Fingerprints are kept in audit rows for good: the same stored revision must give the same
// one in every later version of the program, or check would call every older record changed.
// Taken when the parts were first described for batches; check found those fingerprints equal
// to the ones the version before had written, on demo clinics of 2,000 and 20,000 patients.
TEST_CASE("a fingerprint stays what the audit row kept") {
    test::Clinic clinic;
    // The demo records no conditions; a seeded setting's first revision is the migration's, made
    // apart from the test's clock on a server.
    records::fill_demo_clinic(clinic.scope, {3, 1});
    const std::vector<std::pair<std::string, std::string>> kept = {
        {"patient", "a15f2eb497afc34ffd5644949ab89d310b882dbe7c3a47d38c650d77ec1a9386"},
        {"consent", "ccf92cdead09c3df8740b9e069c67a5faf6cea1e21d0dcfa242757f70ff29b52"},
        {"session", "5a85c61dc6ff03ec9b5819a16e157903c999dc7f7a62b892993567874c4842e6"},
        {"reaction", "b235c11eeadb7a267a7f04e5d10e5005205cd492f5cf62fc5aa3716198c0ec4e"},
        {"followup", "ba4e1c649081afa77c1f993d35918e21392dfe6bd1e2aa8443bcc6cfd1cade66"},
        {"product", "4e50601f277faaa06a953aa2024e43e8d90a1aac4a1d9ea58737c8bb4cc18438"},
        {"lot", "3619789331a975561b6c1b281444021563ae58cc714114e48def6521adf88692"},
        {"course", "9c59f7bf386a26b175bfebef0dfb9b464a21d0fdb85d857aa37e5ea1f281e8d9"},
        {"assessment", "5b994f61e149c7c88293ce48ca24612c63108ff7d4e4fb81634e1200f7cd49c3"},
    };
    for (const auto& [kind, digest] : kept) {
        CAPTURE(kind);
        CHECK(storage::record_digest(clinic.db, kind, 1, 1).value_or("not stored") == digest);
    }
}
