// Catalogue products are corrected by revisions and retired, never changed (issue 13): every
// reader takes the newest revision, and a retired product is refused for new use only.
#include "fixtures.hpp"

#include "needlebook/exchange/fhir.hpp"
#include "needlebook/records/lots.hpp"
#include "needlebook/records/products.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/records/settings.hpp"
#include "needlebook/report/changes.hpp"
#include "needlebook/storage/verification.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>
#include <sstream>

namespace needlebook::test {
namespace {

// A clinic file whose every row was written through an audited use case, so `check` passes on
// it (the in-memory fixture sets its settings behind the audit log's back).
storage::Database audited_database(const TempDir& dir) {
    const storage::Opener opener{std::string(test_actor), fixed_now(), true};
    auto db =
        storage::Database::open(dir.path() / "clinic.db", storage::Database::Create::yes, opener);
    records::Scope setup(db, fixed_clock(), "setup");
    records::change_setting(setup, "time_zone", clinic_zone_name, "the clinic's zone");
    return db;
}

struct AuditedClinic {
    TempDir dir;
    storage::Database db = audited_database(dir);
    records::Scope scope{db, fixed_clock(), std::string(test_actor)};
};

void check_verified(storage::Database& db) {
    const auto verified = storage::verify_database(db);
    INFO(verified.first_fault());
    CHECK(verified.ok());
}

struct ProductAudit {
    std::string action;
    std::optional<std::int64_t> patient_id;
    std::int64_t record_id = 0;
    int revision = 0;
    std::string reason;
};

std::vector<ProductAudit> product_audit(storage::Database& db) {
    auto rows =
        db.connection().prepare("SELECT action, patient_id, record_id, revision, reason FROM "
                                "audit_log WHERE record_kind = 'product' AND revision > 1 "
                                "ORDER BY id");
    std::vector<ProductAudit> found;
    while (rows->step())
        found.push_back(
            {rows->column(0).as_text(),
             rows->column(1).is_null() ? std::nullopt
                                       : std::optional<std::int64_t>(rows->column(1).as_int64()),
             rows->column(2).as_int64(), rows->column(3).as_int(), rows->column(4).as_text()});
    return found;
}

template <class AnyClinic> storage::Product booster(AnyClinic& clinic) {
    storage::Product product;
    product.code = "ha-boost";
    product.name = "Hyaluronc booster";
    product.kind = ProductKind::growth_factors;
    return records::add_product(clinic.scope, product);
}

storage::Product with_name(storage::Product product, std::string name) {
    product.name = std::move(name);
    return product;
}

SessionDetails with_serums(SessionDetails details, std::vector<std::string_view> specs) {
    details.serums.clear();
    for (const auto spec : specs)
        details.serums.push_back(parse_serum_spec(spec));
    return details;
}

} // namespace

TEST_CASE("amend_product: a revision per correction, read everywhere, audited") {
    AuditedClinic clinic;
    const auto added = booster(clinic);
    CHECK(added.revision.number == 1);

    auto wanted = with_name(added, "Hyaluronic acid booster");
    const auto second = records::amend_product(clinic.scope, "ha-boost", wanted, "typo", 1);
    CHECK(second.revision.number == 2);
    CHECK(second.revision.author == test_actor);
    CHECK(second.revision.recorded_at == fixed_now());
    wanted.kind = ProductKind::hyaluronic_acid;
    wanted.maker = "Dermaceutic";
    const auto third =
        records::amend_product(clinic.scope, "ha-boost", wanted, "kind and maker", std::nullopt);
    CHECK(third.revision.number == 3);

    // The current revision, for every reader: find, the list, the revisions in order.
    const auto now = records::find_product(clinic.db, "ha-boost");
    CHECK(now.id == added.id);
    CHECK(now.name == "Hyaluronic acid booster");
    CHECK(now.kind == ProductKind::hyaluronic_acid);
    CHECK(now.maker == "Dermaceutic");
    CHECK_FALSE(now.retired);
    CHECK(now.revision.number == 3);
    CHECK(now.revision.reason == "kind and maker");
    const auto listed = records::list_products(clinic.db);
    CHECK(std::count_if(listed.begin(), listed.end(), [](const storage::Product& p) {
              return p.code == "ha-boost" && p.name == "Hyaluronic acid booster";
          }) == 1);
    const auto revisions = records::product_revisions(clinic.db, now);
    REQUIRE(revisions.size() == 3);
    CHECK(revisions[0].name == "Hyaluronc booster");
    CHECK(revisions[0].revision.author.empty()); // the product row records no author
    CHECK(revisions[1].name == "Hyaluronic acid booster");
    CHECK(revisions[1].kind == ProductKind::growth_factors);
    CHECK(revisions[2].revision.reason == "kind and maker");

    const auto audit = product_audit(clinic.db);
    REQUIRE(audit.size() == 2);
    CHECK(audit[0].action == "product.amend");
    CHECK(audit[0].record_id == added.id.value);
    CHECK(audit[0].revision == 2);
    CHECK(audit[0].reason == "typo");
    CHECK_FALSE(audit[0].patient_id.has_value());
    CHECK(audit[1].revision == 3);
    check_verified(clinic.db);

    // Refusals store nothing.
    const auto before = table_counts(clinic.db);
    CHECK(thrown<ValidationError>([&] {
              records::amend_product(clinic.scope, "ha-boost", with_name(wanted, "x"), " ", 3);
          }).field() == "reason");
    CHECK(contains(thrown<NotFound>([&] {
                       records::amend_product(clinic.scope, "botox", wanted, "typo", 1);
                   }).what(),
                   "'needlebook product list'"));
    CHECK(contains(thrown<Conflict>([&] {
                       records::amend_product(clinic.scope, "ha-boost", wanted, "again", 3);
                   }).what(),
                   "product ha-boost already reads like that; nothing to amend"));
    CHECK(contains(thrown<Conflict>([&] {
                       records::amend_product(clinic.scope, "ha-boost", with_name(wanted, "New"),
                                              "stale", 2);
                   }).what(),
                   "product ha-boost was amended meanwhile (now revision 3); run the command "
                   "again"));
    CHECK(thrown<ValidationError>([&] {
              records::amend_product(clinic.scope, "ha-boost", with_name(wanted, " "), "blank", 3);
          }).field() == "name");
    CHECK(thrown<ValidationError>([&] {
              records::amend_product(clinic.scope, "ha-boost", with_name(wanted, "a\nb"), "nl", 3);
          }).field() == "name");
    CHECK(table_counts(clinic.db) == before);
}

TEST_CASE("retire_product: no later session and no lot; sessions before it keep or add it") {
    AuditedClinic clinic;
    const auto patient = records::register_patient(clinic.scope, "P-TEST", patient_details());
    records::add_consent(clinic.scope, patient.code,
                         {day("2026-01-05"), "microneedling serums", "", std::nullopt});
    const auto added = booster(clinic);
    const auto first = records::log_session(
        clinic.scope, patient.code,
        with_serums(session_at("2026-11-02T10:00:00Z"), {"ha-boost@HB-1:during"}));
    const auto second = records::log_session(
        clinic.scope, patient.code,
        with_serums(session_at("2026-11-16T10:00:00Z", {{Area::chin, std::nullopt, 0.5, 2}}),
                    {"ha-serum@HA-7"}));

    const auto retired = records::retire_product(clinic.scope, "ha-boost", "discontinued", 1);
    CHECK(retired.retired);
    CHECK(retired.revision.number == 2);
    CHECK(retired.name == added.name);
    const auto retirement = records::retirement_of(clinic.db, retired);
    REQUIRE(retirement.has_value());
    CHECK(retirement->number == 2);
    CHECK(retirement->reason == "discontinued");
    CHECK(product_audit(clinic.db).back().action == "product.retire");

    const auto before = table_counts(clinic.db);
    CHECK(contains(thrown<Conflict>([&] {
                       records::retire_product(clinic.scope, "ha-boost", "again", std::nullopt);
                   }).what(),
                   "was retired on 2026-11-23 15:00 by dr.test (reason: discontinued); nothing "
                   "to retire"));
    // A session performed from the retirement on: refused on "serum", naming the product,
    // when, by whom and why.
    const auto logged = thrown<ValidationError>([&] {
        records::log_session(
            clinic.scope, patient.code,
            with_serums(session_at("2026-11-23T15:00:00Z"), {"ha-serum@HA-7", "ha-boost@HB-1"}));
    });
    CHECK(logged.field() == "serum");
    CHECK(std::string(logged.what()) ==
          "product ha-boost (Hyaluronc booster) was retired on 2026-11-23 15:00 by dr.test "
          "(reason: discontinued); a session performed after that cannot use it");
    CHECK(table_counts(clinic.db) == before);
    // A session performed before the retirement, corrected or recorded late, may name it.
    CHECK_NOTHROW(records::amend_session(
        clinic.scope, second.session.id,
        with_serums(second.session.details, {"ha-serum@HA-7", "ha-boost@HB-1"}), "forgotten", {}));
    CHECK_NOTHROW(records::log_session(
        clinic.scope, patient.code,
        with_serums(session_at("2026-11-20T11:00:00Z", {{Area::neck, std::nullopt, 0.5, 2}}),
                    {"ha-boost@HB-1"})));
    const auto after_late_entries = table_counts(clinic.db);
    // A new lot: refused on "product".
    const auto lot = thrown<ValidationError>([&] {
        records::add_lot(clinic.scope, "ha-boost", "HB-2",
                         {day("2027-12-31"), std::nullopt, "", std::nullopt});
    });
    CHECK(lot.field() == "product");
    CHECK(contains(lot.what(), "no new lot can be registered for it"));
    CHECK(table_counts(clinic.db) == after_late_entries);

    // The session that used it keeps it, its phase corrected; a later name correction keeps the
    // product retired, and the retirement is still the revision that retired it.
    const auto kept = records::amend_session(
        clinic.scope, first.session.id, with_serums(first.session.details, {"ha-boost@HB-1:after"}),
        "applied after", {});
    CHECK(kept.session.details.serums.front().product == "ha-boost");
    const auto renamed = records::amend_product(
        clinic.scope, "ha-boost", with_name(retired, "Hyaluronic booster (old)"), "typo", 2);
    CHECK(renamed.retired);
    CHECK(records::find_product(clinic.db, "ha-boost").retired);
    CHECK(records::retirement_of(clinic.db, renamed)->number == 2);
    check_verified(clinic.db);

    // FHIR reads the current revision: the corrected name on the Medication.
    records::change_setting(clinic.scope, "fhir_identifier_system", "https://clinic.example/chart",
                            "the FHIR export needs it");
    std::ostringstream out;
    exchange::write_fhir_bundle(clinic.scope, patient.code, out);
    const auto bundle = nlohmann::ordered_json::parse(out.str());
    bool named = false;
    for (const auto& entry : bundle.at("entry"))
        if (entry.at("resource").at("resourceType") == "Medication" &&
            entry.at("resource").at("batch").at("lotNumber") == "HB-1")
            named = entry.at("resource").at("code").at("text") == "Hyaluronic booster (old)";
    CHECK(named);
}

TEST_CASE("changes_between products: name, kind, maker and retired, before and after") {
    storage::Product a;
    a.code = "ha-boost";
    a.name = "Hyaluronc";
    a.kind = ProductKind::growth_factors;
    auto b = a;
    CHECK(report::changes_between(a, b).empty());
    b.name = "Hyaluronic";
    b.kind = ProductKind::hyaluronic_acid;
    b.maker = "Dermaceutic";
    b.retired = true;
    const auto changes = report::changes_between(a, b);
    REQUIRE(changes.size() == 4);
    CHECK(changes[0].field == "name");
    CHECK(changes[0].before == "Hyaluronc");
    CHECK(changes[0].after == "Hyaluronic");
    CHECK(changes[1].field == "kind");
    CHECK(changes[1].before == "growth-factors");
    CHECK(changes[1].after == "hyaluronic-acid");
    CHECK(changes[2].field == "maker");
    CHECK(changes[2].before.empty());
    CHECK(changes[2].after == "Dermaceutic");
    CHECK(changes[3].field == "retired");
    CHECK(changes[3].before == "no");
    CHECK(changes[3].after == "yes");

    // amendments_of gives one Amendment per revision after the first.
    b.revision = RevisionInfo{2, "dr.test", fixed_now(), "corrected", false};
    const auto amendments =
        report::amendments_of(std::vector<storage::Product>{a, b},
                              [](const storage::Product& x, const storage::Product& y) {
                                  return report::changes_between(x, y);
                              });
    REQUIRE(amendments.size() == 1);
    CHECK(amendments[0].revision.reason == "corrected");
    CHECK(amendments[0].changes.size() == 4);
}

} // namespace needlebook::test
