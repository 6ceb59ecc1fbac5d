#include "fixtures.hpp"

#include "needlebook/exchange/fhir.hpp"
#include "needlebook/records/demo.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/reactions.hpp"
#include "needlebook/records/sessions.hpp"

#include <doctest/doctest.h>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace needlebook;
using Json = nlohmann::ordered_json;

namespace {

std::string bundle_text(test::Clinic& clinic, std::optional<std::string_view> patient,
                        exchange::FhirSummary* summary = nullptr) {
    std::ostringstream out;
    const auto written = exchange::write_fhir_bundle(clinic.scope, patient, out);
    if (summary)
        *summary = written;
    return out.str();
}

std::vector<Json> resources_of_type(const Json& bundle, std::string_view type) {
    std::vector<Json> found;
    for (const auto& entry : bundle.at("entry"))
        if (entry.at("resource").at("resourceType") == type)
            found.push_back(entry.at("resource"));
    return found;
}

} // namespace

TEST_CASE("fhir: the streamed bundle is laid out exactly as dump(2) of the same JSON") {
    test::Clinic clinic;
    records::fill_demo_clinic(clinic.scope, {12, 7});
    exchange::FhirSummary summary;
    const auto text = bundle_text(clinic, std::nullopt, &summary);
    const auto bundle = Json::parse(text);
    CHECK(text == bundle.dump(2) + "\n");
    CHECK(summary.patients == 12);
    CHECK(summary.sessions == test::count_rows(clinic.db, "session"));
    CHECK(summary.resources == static_cast<long long>(bundle.at("entry").size()));

    std::set<std::string> names, urls;
    for (const auto& entry : bundle.at("entry")) {
        const auto& resource = entry.at("resource");
        CHECK(names
                  .insert(fmt::format("{}/{}", resource.at("resourceType").get<std::string>(),
                                      resource.at("id").get<std::string>()))
                  .second);
        CHECK(urls.insert(entry.at("fullUrl").get<std::string>()).second);
    }

    SUBCASE("two exports of the same data are identical") {
        CHECK(bundle_text(clinic, std::nullopt) == text);
    }
    SUBCASE("one patient's bundle holds that patient alone") {
        const auto one = Json::parse(bundle_text(clinic, "P-000003"));
        CHECK(one.at("id") == "needlebook-patient-P-000003");
        const auto patients = resources_of_type(one, "Patient");
        REQUIRE(patients.size() == 1);
        CHECK(patients.front().at("identifier").at(0).at("value") == "P-000003");
    }
}

TEST_CASE("fhir: every patient in chart-code order (ignoring case), one audit row each") {
    test::Clinic clinic;
    // Registered in another order than their codes sort in.
    for (const auto* code : {"b-2", "A-1", "C_3"})
        records::register_patient(clinic.scope, std::string(code), test::patient_details());
    const auto audit_rows = test::count_rows(clinic.db, "audit_log");
    const auto bundle = Json::parse(bundle_text(clinic, std::nullopt));
    std::vector<std::string> order;
    for (const auto& patient : resources_of_type(bundle, "Patient"))
        order.push_back(patient.at("identifier").at(0).at("value"));
    CHECK(order == std::vector<std::string>{"A-1", "b-2", "C_3"});
    CHECK(test::count_rows(clinic.db, "audit_log") == audit_rows + 3);
}

TEST_CASE("fhir: a clinic without patients is a bundle without entries") {
    test::Clinic clinic;
    exchange::FhirSummary summary;
    CHECK(bundle_text(clinic, std::nullopt, &summary) ==
          "{\n  \"resourceType\": \"Bundle\",\n  \"id\": \"needlebook-all\",\n  \"type\": "
          "\"collection\"\n}\n");
    CHECK(summary.resources == 0);
}

TEST_CASE("fhir: corrected conditions, consents and follow-ups get a Provenance each; voided "
          "ones are entered-in-error") {
    test::Clinic clinic;
    const auto patient = test::patient_with_consent(clinic);
    const auto condition = records::add_condition(
        clinic.scope, patient.code, {ConditionCode::eczema, std::nullopt, std::nullopt, ""});
    records::amend_condition(clinic.scope, condition.id,
                             [](ConditionDetails& d) { d.code = ConditionCode::psoriasis; },
                             {"entered under the wrong code", std::nullopt});
    const auto consent = records::consents_of(clinic.db, patient.id).front();
    records::void_consent(clinic.scope, consent.id, {"signed by someone else", std::nullopt});
    const auto session =
        records::log_session(clinic.scope, patient.code,
                             test::session_at("2026-11-20T10:00:00Z",
                                              {{Area::cheek, std::nullopt, 1.0, std::nullopt}}),
                             {"condition:psoriasis=plaques on the elbows only"})
            .session;
    const auto followup = records::add_followup(
        clinic.scope, session.id, {test::day("2026-11-21"), FollowupOutcome::none, ""});
    records::void_followup(clinic.scope, followup.id, {"entered twice", std::nullopt});

    const auto bundle = Json::parse(bundle_text(clinic, patient.code));
    const auto named = [&](std::string_view type, std::string_view id) {
        for (const auto& resource : resources_of_type(bundle, type))
            if (resource.at("id") == id)
                return resource;
        FAIL("no ", type, "/", id);
        return Json();
    };
    const auto corrected = named("Condition", fmt::format("condition-{}", condition.id));
    CHECK(corrected.at("code").at("text") == "psoriasis");
    const auto voided_consent = named("Consent", fmt::format("consent-{}", consent.id));
    CHECK(voided_consent.at("status") == "entered-in-error");
    const auto voided_followup = named("Observation", fmt::format("followup-{}", followup.id));
    CHECK(voided_followup.at("status") == "entered-in-error");

    // References are the entries' fullUrl (urn:uuid:…): named here by type and id.
    std::map<std::string, std::string> name_of_url;
    for (const auto& entry : bundle.at("entry"))
        name_of_url[entry.at("fullUrl").get<std::string>()] =
            fmt::format("{}/{}", entry.at("resource").at("resourceType").get<std::string>(),
                        entry.at("resource").at("id").get<std::string>());
    std::set<std::string> targets;
    for (const auto& provenance : resources_of_type(bundle, "Provenance"))
        for (const auto& target : provenance.at("target"))
            targets.insert(name_of_url[target.at("reference").get<std::string>()]);
    CHECK(targets.contains(fmt::format("Condition/condition-{}", condition.id)));
    CHECK(targets.contains(fmt::format("Consent/consent-{}", consent.id)));
    CHECK(targets.contains(fmt::format("Observation/followup-{}", followup.id)));
}
