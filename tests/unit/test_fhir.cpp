#include "fixtures.hpp"

#include "needlebook/exchange/fhir.hpp"
#include "needlebook/records/assessments.hpp"
#include "needlebook/records/courses.hpp"
#include "needlebook/records/demo.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/reactions.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/records/settings.hpp"
#include "needlebook/storage/photo_repository.hpp"

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

constexpr std::string_view chart_system = "https://clinic.example/chart";

// The clinic's URI for chart codes, which the export needs.
void set_identifier_system(test::Clinic& clinic) {
    records::change_setting(clinic.scope, "fhir_identifier_system", chart_system, "FHIR tests");
}

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
    set_identifier_system(clinic);
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
    set_identifier_system(clinic);
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
    set_identifier_system(clinic);
    exchange::FhirSummary summary;
    CHECK(bundle_text(clinic, std::nullopt, &summary) ==
          "{\n  \"resourceType\": \"Bundle\",\n  \"id\": \"needlebook-all\",\n  \"type\": "
          "\"collection\",\n  \"timestamp\": \"2026-11-23T15:00:00Z\"\n}\n");
    CHECK(summary.resources == 0);
}

TEST_CASE("fhir: corrected conditions, consents and follow-ups get a Provenance each; voided "
          "ones are entered-in-error") {
    test::Clinic clinic;
    set_identifier_system(clinic);
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

namespace {

Json named(const Json& bundle, std::string_view type, std::string_view id) {
    for (const auto& resource : resources_of_type(bundle, type))
        if (resource.at("id") == id)
            return resource;
    FAIL("no ", type, "/", id);
    return Json();
}

Json coding(const Json& codeable) {
    REQUIRE(codeable.contains("coding"));
    return codeable.at("coding").at(0);
}

} // namespace

TEST_CASE("fhir: refused while fhir_identifier_system is unset, before a byte is written") {
    test::Clinic clinic;
    test::patient_with_consent(clinic);
    std::ostringstream out;
    try {
        exchange::write_fhir_bundle(clinic.scope, "P-TEST", out);
        FAIL("the export ran without fhir_identifier_system");
    } catch (const ValidationError& error) {
        CHECK(error.field() == "fhir_identifier_system");
        CHECK(std::string(error.what()).find("needlebook setting set fhir_identifier_system") !=
              std::string::npos);
    }
    CHECK(out.str().empty());
}

TEST_CASE("fhir: codes beside the text, the identifier system, timestamp and lastUpdated") {
    test::Clinic clinic;
    set_identifier_system(clinic);
    const auto patient = test::patient_with_consent(clinic);
    const auto session =
        records::log_session(clinic.scope, patient.code,
                             test::session_at("2026-11-20T10:00:00Z",
                                              {{Area::cheek, Side::left, 1.0, std::nullopt},
                                               {Area::scar, std::nullopt, 0.5, std::nullopt}}))
            .session;
    const auto reaction =
        records::add_reaction(clinic.scope, session.id,
                              {ReactionKind::erythema, Severity::mild, Area::cheek, Side::left,
                               test::day("2026-11-20"), std::nullopt, ""});
    const auto bundle = Json::parse(bundle_text(clinic, patient.code));

    CHECK(bundle.at("timestamp") == test::fixed_now_text);
    const auto person = named(bundle, "Patient", "patient-P-TEST");
    CHECK(person.at("identifier").at(0).at("system") == chart_system);
    CHECK(person.at("meta").at("lastUpdated") == time::format_utc(patient.revision.recorded_at));

    const auto skin = named(bundle, "Observation", "fitzpatrick-P-TEST");
    CHECK(coding(skin.at("code")).at("system") == "http://loinc.org");
    CHECK(coding(skin.at("code")).at("code") == "66472-2");
    CHECK(skin.at("code").at("text") == "Fitzpatrick skin type");

    const auto procedure = named(bundle, "Procedure", fmt::format("session-{}", session.id));
    CHECK(procedure.at("meta").at("lastUpdated") == time::format_utc(session.revision.recorded_at));
    CHECK(coding(procedure.at("code")).at("system") == "http://snomed.info/sct");
    CHECK(coding(procedure.at("code")).at("code") == "71388002");
    CHECK(procedure.at("code").at("text") == "microneedling (collagen induction therapy)");
    const auto& sites = procedure.at("bodySite");
    REQUIRE(sites.size() == 2);
    CHECK(coding(sites.at(0)).at("code") == "60819002");
    CHECK(sites.at(0).at("text") == "cheek, left");
    CHECK_FALSE(sites.at(1).contains("coding")); // a scar has no body structure code
    CHECK(sites.at(1).at("text") == "scar");

    // The left cheek's laterality is on a BodyStructure the Procedure targets.
    const auto structure = named(bundle, "BodyStructure", fmt::format("bodysite-{}-1", session.id));
    CHECK(coding(structure.at("location")).at("code") == "60819002");
    CHECK(coding(structure.at("locationQualifier").at(0)).at("code") == "7771000");
    CHECK(structure.at("locationQualifier").at(0).at("text") == "left");
    CHECK(procedure.at("extension").size() == 1);
    CHECK(procedure.at("extension").at(0).at("url") ==
          "http://hl7.org/fhir/StructureDefinition/procedure-targetBodyStructure");
    // Each sided site names its BodyStructure too (R4 extension bodySite); the scar has none.
    CHECK(sites.at(0).at("extension").at(0).at("url") ==
          "http://hl7.org/fhir/StructureDefinition/bodySite");
    CHECK_FALSE(sites.at(1).contains("extension"));
    // The cheek's, and the reaction's on the left cheek; none for the unsided scar.
    CHECK(resources_of_type(bundle, "BodyStructure").size() == 2);
    const auto reacting =
        named(bundle, "BodyStructure", fmt::format("bodysite-reaction-{}", reaction.id));
    CHECK(coding(reacting.at("locationQualifier").at(0)).at("code") == "7771000");

    const auto finding = named(bundle, "Observation", fmt::format("reaction-{}", reaction.id));
    CHECK(coding(finding.at("code")).at("code") == "247441003");
    CHECK(finding.at("code").at("text") == "erythema");
    CHECK(coding(finding.at("bodySite")).at("code") == "60819002");
    CHECK(finding.at("bodySite").at("extension").at(0).at("valueReference").at("type") ==
          "BodyStructure");
}

TEST_CASE("fhir: a consent is inactive once expired or withdrawn, at the export's day") {
    test::Clinic clinic;
    set_identifier_system(clinic);
    // consent_valid_months is 12 by default; the clock says 2026-11-23.
    const auto patient = test::patient_with_consent(clinic, "P-TEST", "2025-11-24");
    records::add_consent(clinic.scope, patient.code,
                         {test::day("2025-11-23"), "microneedling", "", std::nullopt});
    const auto withdrawn = records::add_consent(
        clinic.scope, patient.code, {test::day("2026-06-01"), "microneedling", "", std::nullopt});
    records::withdraw_consent(clinic.scope, withdrawn.id, test::day("2026-07-01"), "changed mind");
    const auto bundle = Json::parse(bundle_text(clinic, patient.code));
    const auto consents = resources_of_type(bundle, "Consent");
    REQUIRE(consents.size() == 3);
    std::map<std::string, std::string> status;
    for (const auto& consent : consents)
        status[consent.at("dateTime").get<std::string>()] = consent.at("status");
    CHECK(status["2025-11-24"] == "active");   // expires 2026-11-24, the day after
    CHECK(status["2025-11-23"] == "inactive"); // expired today
    CHECK(status["2026-06-01"] == "inactive"); // withdrawn
}

TEST_CASE("setting fhir_identifier_system: an absolute URI of an allowed scheme, or empty") {
    test::Clinic clinic;
    for (const auto* good :
         {"https://clinic.example/chart", "http://x.example", "urn:oid:1.2.826.0.1.3680043",
          "urn:uuid:ea59e276-a66e-4844-b0aa-29408b685a2f"}) {
        CAPTURE(good);
        CHECK_NOTHROW(records::change_setting(clinic.scope, "fhir_identifier_system", good));
    }
    const auto before = test::table_counts(clinic.db);
    for (const auto* bad :
         {"clinic chart", "https://", "ftp://x.example", "urn:oid:1.2.x", "urn:uuid:not-a-uuid",
          "https://a.example/b c", "HTTPS://X.EXAMPLE", "https://a.example/\nb"}) {
        CAPTURE(bad);
        CHECK_THROWS_AS(records::change_setting(clinic.scope, "fhir_identifier_system", bad),
                        ValidationError);
    }
    CHECK_THROWS_AS(records::change_setting(clinic.scope, "fhir_identifier_system",
                                            "https://x.example/" + std::string(190, 'a')),
                    ValidationError);
    CHECK(test::table_counts(clinic.db) == before);
    CHECK_NOTHROW(records::change_setting(clinic.scope, "fhir_identifier_system", ""));
    CHECK(clinic.scope.settings().fhir_identifier_system.empty());

    // The database refuses what the program refuses, whatever writes it; the same row with a
    // good value is taken, so the refusals are the value's.
    const auto plant = [&](std::string_view value) {
        clinic.db.exec(fmt::format(
            "INSERT INTO setting_revision (setting_id, revision, value, author, recorded_at, "
            "reason) SELECT s.id, (SELECT max(revision) + 1 FROM setting_revision WHERE "
            "setting_id = s.id), '{}', 'test', '2026-11-23T15:00:00Z', 'planted' FROM setting s "
            "WHERE s.key = 'fhir_identifier_system'",
            value));
    };
    CHECK_THROWS(plant("ftp://x.example"));
    CHECK_THROWS(plant("https://a.example/b c"));
    CHECK_THROWS(plant("urn:oid:1.2.x"));
    CHECK_NOTHROW(plant("https://ok.example"));
}

namespace {

// The Reference `reference` as "Type/id" of the entry it points to.
std::string name_of(const Json& bundle, const Json& reference) {
    for (const auto& entry : bundle.at("entry"))
        if (entry.at("fullUrl") == reference.at("reference"))
            return fmt::format("{}/{}", entry.at("resource").at("resourceType").get<std::string>(),
                               entry.at("resource").at("id").get<std::string>());
    FAIL("no entry for ", reference.dump());
    return {};
}

} // namespace

TEST_CASE("fhir: a course is a CarePlan, a score an Observation, a photo a Media, each referring "
          "to the session's Procedure and the course") {
    test::Clinic clinic;
    set_identifier_system(clinic);
    const auto patient = test::patient_with_consent(clinic);
    CourseDetails plan;
    plan.indication = Indication::acne_scars;
    plan.planned = 4;
    plan.every_days = 28;
    plan.areas = {Area::cheek};
    plan.goal = "fewer rolling scars";
    plan.started_on = test::day("2026-09-01");
    const auto course = records::start_course(clinic.scope, patient.code, plan);
    const auto session =
        records::log_session(clinic.scope, patient.code, test::session_at("2026-11-20T10:00:00Z"))
            .session;
    REQUIRE(session.details.course == course.id);

    AssessmentDetails grade;
    grade.scale = ScaleCode::goodman_baron;
    grade.score = 3;
    grade.area = Area::cheek;
    grade.side = Side::left;
    grade.assessed_on = test::day("2026-11-20");
    grade.session = session.id;
    grade.assessor = "Dr A. Shah";
    const auto scored = records::record_assessment(clinic.scope, patient.code, grade);
    AssessmentDetails pain;
    pain.scale = ScaleCode::pain_nrs;
    pain.score = 4;
    pain.assessed_on = test::day("2026-11-20");
    pain.session = session.id;
    const auto amended = records::record_assessment(clinic.scope, patient.code, pain);
    records::amend_assessment(clinic.scope, amended.id, [](AssessmentDetails& d) { d.score = 5; },
                              {"misheard", std::nullopt});
    AssessmentDetails quant;
    quant.scale = ScaleCode::goodman_baron_quant;
    quant.score = 24;
    quant.assessed_on = test::day("2026-11-20");
    const auto voided = records::record_assessment(clinic.scope, patient.code, quant);
    records::void_assessment(clinic.scope, voided.id, {"scored twice", std::nullopt});

    // The record alone (the store has its own tests): its image is never in the bundle.
    const PhotoImage image{std::string(64, 'a'), 18, ImageType::jpeg, "front.jpg"};
    PhotoDetails view;
    view.view = PhotoView::left_45;
    view.taken_on = test::day("2026-11-20");
    view.session = session.id;
    const auto photo = clinic.db.write([&] {
        return storage::PhotoRepository(clinic.db).insert(
            patient.id, image, view, RevisionInfo{1, "dr.test", test::fixed_now(), "", false});
    });

    const auto bundle = Json::parse(bundle_text(clinic, patient.code));
    const auto procedure = fmt::format("Procedure/session-{}", session.id);
    const auto care_plan_name = fmt::format("CarePlan/course-{}", course.id);

    const auto care_plan = named(bundle, "CarePlan", fmt::format("course-{}", course.id));
    CHECK(care_plan.at("status") == "active");
    CHECK(care_plan.at("intent") == "plan");
    CHECK(care_plan.at("period").at("start") == "2026-09-01");
    CHECK_FALSE(care_plan.at("period").contains("end"));
    const auto& activity = care_plan.at("activity").at(0);
    REQUIRE(activity.at("outcomeReference").size() == 1);
    CHECK(name_of(bundle, activity.at("outcomeReference").at(0)) == procedure);
    CHECK(activity.at("detail").at("status") == "in-progress");
    CHECK(activity.at("detail").at("scheduledTiming").at("repeat") ==
          Json::parse(R"({"count": 4, "period": 28, "periodUnit": "d"})"));

    const auto score = named(bundle, "Observation", fmt::format("score-{}", scored.id));
    CHECK(score.at("status") == "final");
    CHECK(coding(score.at("code")).at("system") == "urn:needlebook:outcome-scale");
    CHECK(coding(score.at("code")).at("code") == "goodman-baron");
    CHECK(score.at("effectiveDateTime") == "2026-11-20");
    CHECK(score.at("performer").at(0).at("display") == "Dr A. Shah");
    CHECK(score.at("valueQuantity").at("value") == 3);
    CHECK(score.at("valueQuantity").at("code") == "{score}");
    CHECK(coding(score.at("bodySite")).at("code") == "60819002");
    CHECK(name_of(bundle, score.at("partOf").at(0)) == procedure);
    CHECK(name_of(bundle, score.at("basedOn").at(0)) == care_plan_name);

    const auto pain_score = named(bundle, "Observation", fmt::format("score-{}", amended.id));
    CHECK(pain_score.at("status") == "amended");
    CHECK(coding(pain_score.at("code")).at("system") == "http://loinc.org");
    CHECK(coding(pain_score.at("code")).at("code") == "72514-3");
    CHECK(pain_score.at("valueQuantity").at("value") == 5);
    CHECK(named(bundle, "Observation", fmt::format("score-{}", voided.id)).at("status") ==
          "entered-in-error");
    std::set<std::string> corrected;
    for (const auto& provenance : resources_of_type(bundle, "Provenance"))
        corrected.insert(name_of(bundle, provenance.at("target").at(0)));
    CHECK(corrected.contains(fmt::format("Observation/score-{}", amended.id)));
    CHECK(corrected.contains(fmt::format("Observation/score-{}", voided.id)));

    const auto media = named(bundle, "Media", fmt::format("photo-{}", photo));
    CHECK(media.at("status") == "completed");
    CHECK(media.at("view").at("text") == "left 45°");
    CHECK(media.at("createdDateTime") == "2026-11-20");
    CHECK(media.at("identifier").at(0).at("system") == "urn:needlebook:photo-sha256");
    CHECK(media.at("identifier").at(0).at("value") == image.sha256);
    CHECK(media.at("content") ==
          Json::parse(R"({"contentType": "image/jpeg", "size": 18, "title": "front.jpg"})"));
    // Attachment.hash is a SHA-1 in R4: the SHA-256 is never put there, nor the image.
    CHECK_FALSE(media.at("content").contains("hash"));
    CHECK_FALSE(media.at("content").contains("data"));
    CHECK(name_of(bundle, media.at("partOf").at(0)) == procedure);
}

TEST_CASE("fhir: a closed course's CarePlan is completed or revoked, a voided one entered in "
          "error; a voided photo's Media too") {
    test::Clinic clinic;
    set_identifier_system(clinic);
    const auto patient = test::patient_with_consent(clinic);
    CourseDetails plan;
    plan.indication = Indication::acne_scars;
    plan.planned = 3;
    plan.every_days = 28;
    plan.started_on = test::day("2026-09-01");
    const auto completed = records::start_course(clinic.scope, patient.code, plan);
    records::close_course(clinic.scope, completed.id,
                          {test::day("2026-10-01"), CourseOutcome::completed, "plan done"});
    const auto stopped = records::start_course(clinic.scope, patient.code, plan);
    records::close_course(clinic.scope, stopped.id,
                          {test::day("2026-10-02"), CourseOutcome::stopped, "moved away"});
    const auto voided = records::start_course(clinic.scope, patient.code, plan);
    records::void_course(clinic.scope, voided.id, {"wrong patient", std::nullopt});
    const auto photo = clinic.db.write([&] {
        storage::PhotoRepository photos(clinic.db);
        PhotoDetails details;
        details.taken_on = test::day("2026-09-01");
        const auto id =
            photos.insert(patient.id, {std::string(64, 'b'), 18, ImageType::jpeg, "x.jpg"}, details,
                          RevisionInfo{1, "dr.test", test::fixed_now(), "", false});
        photos.add_revision(id, patient.id, details,
                            RevisionInfo{2, "dr.test", test::fixed_now(), "wrong patient", true});
        return id;
    });

    const auto bundle = Json::parse(bundle_text(clinic, patient.code));
    const auto status_of = [&](CourseId id) {
        return named(bundle, "CarePlan", fmt::format("course-{}", id)).at("status");
    };
    CHECK(status_of(completed.id) == "completed");
    CHECK(
        named(bundle, "CarePlan", fmt::format("course-{}", completed.id)).at("period").at("end") ==
        "2026-10-01");
    CHECK(status_of(stopped.id) == "revoked");
    CHECK(status_of(voided.id) == "entered-in-error");
    CHECK(named(bundle, "Media", fmt::format("photo-{}", photo)).at("status") ==
          "entered-in-error");
}
