#include "fixtures.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/lot.hpp"
#include "needlebook/records/lots.hpp"
#include "needlebook/storage/lot_repository.hpp"

#include <doctest/doctest.h>
#include <string>
#include <vector>

using namespace needlebook;
using test::day;
using test::thrown;

namespace {

LotDetails expiring(std::string_view on) {
    LotDetails details;
    details.expires_on = day(on);
    return details;
}

} // namespace

TEST_CASE("lot numbers and details: what a clinic may register") {
    CHECK_NOTHROW(check_lot_number("HA-2291"));
    CHECK(thrown<ValidationError>([] { check_lot_number(""); }).field() == "lot");
    CHECK(std::string(thrown<ValidationError>([] { check_lot_number("HA1 "); }).what()) ==
          "lot 'HA1 ' has spaces at its ends");
    CHECK(thrown<ValidationError>([] {
              check_lot_number(std::string(61, 'X'), "serum lot");
          }).field() == "serum lot");
    auto details = expiring("2027-01-31");
    details.received_on = day("2026-11-01");
    CHECK_NOTHROW(validate(details, day("2026-11-23")));
    details.received_on = day("2027-02-01");
    CHECK(thrown<ValidationError>([&] { validate(details, day("2027-03-01")); }).field() ==
          "received"); // received after it expires
    details.received_on.reset();
    details.recall = LotRecall{day("2026-11-24"), "notice"};
    CHECK(thrown<ValidationError>([&] { validate(details, day("2026-11-23")); }).field() == "on");
    details.recall = LotRecall{day("2026-11-23"), " "};
    CHECK(thrown<ValidationError>([&] { validate(details, day("2026-11-23")); }).field() ==
          "reason");
    CHECK(lot_name("ha-serum", "HA1") == "lot HA1 of ha-serum");
    CHECK(lot_name(cartridge_product, "CL-7") == "cartridge lot CL-7");
}

TEST_CASE("the lot repository finds a product's lot ignoring case, voided and all") {
    test::Clinic clinic;
    storage::LotRepository lots(clinic.db);
    const RevisionInfo first{1, "dr.test", test::fixed_now(), "", false};
    const auto ha = lots.insert("ha-serum", "HA-1", expiring("2027-01-31"), first);
    lots.insert(cartridge_product, "HA-1", expiring("2026-12-31"), first);
    lots.insert("gf-serum", "GF-1", expiring("2026-11-30"), first);

    const auto found = lots.find("ha-serum", "ha-1");
    REQUIRE(found.has_value());
    CHECK(found->id == ha);
    CHECK(found->lot == "HA-1");
    CHECK(found->details.expires_on == day("2027-01-31"));
    CHECK_FALSE(lots.find("gf-serum", "HA-1").has_value());
    CHECK(lots.with_number("ha-1").size() == 2);

    storage::LotFilter soon{std::nullopt, day("2026-12-31")};
    std::vector<std::string> listed;
    for (const auto& lot : lots.list(soon))
        listed.push_back(lot.product + " " + lot.lot);
    CHECK(listed == std::vector<std::string>{"cartridge HA-1", "gf-serum GF-1"});

    auto recalled = *found;
    recalled.details.recall = LotRecall{day("2026-11-23"), "supplier notice"};
    lots.add_revision(ha, recalled.details, {2, "dr.test", test::fixed_now(), "recall", false});
    CHECK(lots.find("ha-serum", "HA-1")->details.recall == recalled.details.recall);
    lots.add_revision(ha, recalled.details, {3, "dr.test", test::fixed_now(), "wrong", true});
    CHECK_FALSE(lots.find("ha-serum", "HA-1").has_value()); // voided
}

TEST_CASE("add_lot and recall_lot: audited revisions; refusals store nothing") {
    test::Clinic clinic;
    const auto added = records::add_lot(clinic.scope, "ha-serum", "HA-1", expiring("2027-01-31"));
    CHECK(added.revision.number == 1);
    records::add_lot(clinic.scope, "vitc-serum", "HA-1", expiring("2027-01-31"));
    const auto before = test::table_counts(clinic.db);

    CHECK_THROWS_AS(records::add_lot(clinic.scope, "ha-serum", "ha-1", expiring("2027-01-31")),
                    Conflict);
    CHECK(thrown<ValidationError>([&] {
              records::add_lot(clinic.scope, "no-serum", "X", expiring("2027-01-31"));
          }).field() == "product");
    // Two products share the number: the recall must name one.
    CHECK(thrown<ValidationError>([&] {
              records::recall_lot(clinic.scope, "HA-1", std::nullopt, day("2026-11-23"), "notice");
          }).field() == "product");
    CHECK_THROWS_AS(
        records::recall_lot(clinic.scope, "HA-9", std::nullopt, day("2026-11-23"), "notice"),
        NotFound);
    CHECK(test::table_counts(clinic.db) == before);

    const auto recalled = records::recall_lot(clinic.scope, "ha-1", std::string("ha-serum"),
                                              day("2026-11-20"), "supplier notice 77");
    REQUIRE(recalled.size() == 1);
    CHECK(recalled[0].revision.number == 2);
    CHECK(recalled[0].details.recall->on == day("2026-11-20"));
    CHECK_THROWS_AS(records::recall_lot(clinic.scope, "HA-1", std::string("ha-serum"),
                                        day("2026-11-21"), "again"),
                    Conflict);
    CHECK(test::dump_table(clinic.db, "audit_log").size() == before.at("audit_log") + 1);
    CHECK(test::count_rows(clinic.db, "lot_revision") == 3);

    const auto listed = records::list_lots(clinic.db, std::nullopt, 90, day("2026-11-23"));
    CHECK(listed.size() == 2);
    CHECK(records::list_lots(clinic.db, std::string("ha-serum"), std::nullopt, day("2026-11-23"))
              .size() == 1);
}
