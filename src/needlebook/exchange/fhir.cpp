// FHIR R4 export: every record of a patient's history becomes resources of one Bundle.
// Mapping (docs/clinical-defaults.md, "Standards this maps to"):
//   patient → Patient (+ Observation for the Fitzpatrick type); condition → Condition;
//   consent → Consent; session → Encounter + Procedure (bodySite per area, a BodyStructure with
//   the laterality of each sided area or reaction, performer, focalDevice for the device and the
//   cartridge lot);
//   area → Observation of the depth in mm;
//   serum → Medication (lot) + MedicationAdministration; expected reaction → Observation with
//   an effective period; adverse reaction → AdverseEvent + Condition; follow-up → Observation;
//   course → CarePlan (its sessions' Procedures as activity outcomes); outcome score →
//   Observation (bodySite for per-area scales, partOf the session's Procedure, basedOn the
//   CarePlan); photo → Media (the record only, no image bytes; SHA-256 as an identifier);
//   amendment or void → Provenance.
// Standard codes (SNOMED CT, LOINC) come from fhir_codes.hpp, each with its text beside it.
#include "needlebook/exchange/fhir.hpp"

#include "needlebook/error.hpp"
#include "needlebook/exchange/fhir_codes.hpp"
#include "needlebook/exchange/fhir_json_writer.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/products.hpp"
#include "needlebook/render/html.hpp"
#include "needlebook/render/record_text.hpp"
#include "needlebook/report/history.hpp"
#include "needlebook/storage/assessment_repository.hpp"
#include "needlebook/storage/course_repository.hpp"
#include "needlebook/storage/patient_repository.hpp"
#include "needlebook/storage/photo_repository.hpp"

#include <algorithm>
#include <array>
#include <fmt/format.h>
#include <map>
#include <openssl/evp.h>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace needlebook::exchange {
namespace {

using Json = nlohmann::ordered_json;
using Products = std::map<std::string, storage::Product, std::less<>>;

constexpr std::string_view snomed = snomed_system;
constexpr std::string_view ucum = "http://unitsofmeasure.org";
constexpr std::string_view terminology = "http://terminology.hl7.org/CodeSystem/";

// SHA-1 with the digest fetched from OpenSSL once and one context reused: an export hashes
// several names per resource, and a fetch per call cost more than the hashing.
std::array<unsigned char, 20> sha1(std::string_view data) {
    struct Hasher {
        EVP_MD* md = EVP_MD_fetch(nullptr, "SHA1", nullptr);
        EVP_MD_CTX* context = EVP_MD_CTX_new();
        ~Hasher() {
            EVP_MD_CTX_free(context);
            EVP_MD_free(md);
        }
    };
    thread_local const Hasher hasher;
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    if (hasher.md == nullptr || hasher.context == nullptr ||
        EVP_DigestInit_ex(hasher.context, hasher.md, nullptr) != 1 ||
        EVP_DigestUpdate(hasher.context, data.data(), data.size()) != 1 ||
        EVP_DigestFinal_ex(hasher.context, digest.data(), &size) != 1 || size < 20)
        throw Error("fhir: SHA-1 is not available from OpenSSL");
    std::array<unsigned char, 20> out{};
    std::copy_n(digest.begin(), out.size(), out.begin());
    return out;
}

// A name-based UUID (RFC 4122 version 5) of `name` in Needlebook's own namespace: the same
// resource gets the same fullUrl in every export.
std::string uuid_of(std::string_view name) {
    constexpr std::array<unsigned char, 16> needlebook_namespace{0xea, 0x59, 0xe2, 0x76, 0xa6, 0x6e,
                                                                 0x48, 0x44, 0xf0, 0xaa, 0x29, 0x40,
                                                                 0x8b, 0x68, 0x5a, 0x2f};
    std::string input(needlebook_namespace.begin(), needlebook_namespace.end());
    input += name;
    auto bytes = sha1(input);
    bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0f) | 0x50);
    bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3f) | 0x80);
    constexpr std::string_view hex_digits = "0123456789abcdef";
    std::string uuid;
    uuid.reserve(36);
    for (std::size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            uuid += '-';
        uuid += hex_digits[bytes[i] >> 4];
        uuid += hex_digits[bytes[i] & 0x0f];
    }
    return uuid;
}

bool allowed_in_id(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
}

// FHIR ids are [A-Za-z0-9-.]{1,64}: other characters become '-', and a hash of `key` then
// keeps apart two keys that differ only in such characters (or past the length limit).
std::string fhir_id(std::string_view prefix, std::string_view key) {
    std::string id = fmt::format("{}-", prefix);
    bool altered = false;
    for (const char c : key) {
        if (allowed_in_id(c))
            id += c;
        else if (id.back() != '-') // a run of them, say one UTF-8 letter, makes one '-'
            id += '-';
        altered = altered || !allowed_in_id(c);
    }
    if (!altered && id.size() <= 64)
        return id;
    const auto hash = sha1(key);
    id.resize(std::min<std::size_t>(id.size(), 55));
    if (id.back() == '-')
        id.pop_back();
    return fmt::format("{}-{:02x}{:02x}{:02x}{:02x}", id, hash[0], hash[1], hash[2], hash[3]);
}

// A reference to a resource of the bundle by its fullUrl, made once and written wherever the
// resource is referred to: {"reference": "urn:uuid:…", "type": "Patient"}.
struct Reference {
    std::string_view type;
    std::string url;
};

Reference reference_to(std::string_view type, std::string_view id) {
    return {type, fmt::format("urn:uuid:{}", uuid_of(fmt::format("{}/{}", type, id)))};
}

void write_reference(JsonWriter& json, const Reference& target) {
    json.object([&] {
        json.member("reference", target.url);
        json.member("type", target.type);
    });
}

void write_references(JsonWriter& json, const std::vector<Reference>& targets) {
    json.array([&] {
        for (const auto& target : targets)
            write_reference(json, target);
    });
}

void text_concept(JsonWriter& json, std::string_view text) {
    json.object([&] { json.member("text", text); });
}

// A CodeableConcept of one coding, and `text` (the display when empty) beside it.
void coded(JsonWriter& json, std::string_view system, std::string_view code,
           std::string_view display, std::string_view text = {}) {
    json.object([&] {
        json.array("coding", [&] {
            json.object([&] {
                json.member("system", system);
                json.member("code", code);
                json.member("display", display);
            });
        });
        json.member("text", text.empty() ? display : text);
    });
}

// SNOMED CT when the table has a code, else the text alone.
void snomed_or_text(JsonWriter& json, const std::optional<StandardCode>& code,
                    std::string_view text) {
    if (code)
        coded(json, snomed, code->code, code->display, text);
    else
        text_concept(json, text);
}

// "meta": when the record's revision was written, so a receiver can tell newer from older.
void meta(JsonWriter& json, const RevisionInfo& revision) {
    json.object("meta",
                [&] { json.member("lastUpdated", time::format_utc(revision.recorded_at)); });
}

// The HL7 code systems under terminology.hl7.org, e.g. hl7_coded(json, "v3-ActCode", "AMB", …).
void hl7_coded(JsonWriter& json, std::string_view system, std::string_view code,
               std::string_view display) {
    coded(json, fmt::format("{}{}", terminology, system), code, display);
}

constexpr std::array<std::string_view, 3> severity_displays{"Mild", "Moderate", "Severe"};

// The SNOMED CT qualifiers of FHIR's condition-severity value set.
void severity_concept(JsonWriter& json, Severity severity) {
    constexpr std::array<std::string_view, 3> codes{"255604002", "6736007", "24484000"};
    const auto index = static_cast<std::size_t>(severity);
    coded(json, snomed, codes[index], severity_displays[index]);
}

// "note": one annotation per text that is not empty, and no member at all when every text is
// empty, as FHIR allows no empty array.
template <class Texts> void notes_of(JsonWriter& json, const Texts& texts) {
    if (std::all_of(texts.begin(), texts.end(), [](const auto& text) { return text.empty(); }))
        return;
    json.array("note", [&] {
        for (const auto& text : texts)
            if (!text.empty())
                json.object([&] { json.member("text", text); });
    });
}

void notes(JsonWriter& json, std::initializer_list<std::string_view> texts) {
    notes_of(json, texts);
}

void notes(JsonWriter& json, const std::vector<std::string>& texts) {
    notes_of(json, texts);
}

std::string area_text(Area area, std::optional<Side> side) {
    return side ? fmt::format("{}, {}", label_of(area), label_of(*side))
                : std::string(label_of(area));
}

// A body site: the area's SNOMED CT structure and the text "cheek, left". A CodeableConcept has
// no place for a qualifier, so a sided area also names its BodyStructure (location and
// laterality coded) with the R4 extension bodySite.
void body_site(JsonWriter& json, Area area, std::optional<Side> side,
               const std::optional<Reference>& structure) {
    const auto code = body_site_code(area);
    json.object([&] {
        if (structure)
            json.array("extension", [&] {
                json.object([&] {
                    json.member("url", "http://hl7.org/fhir/StructureDefinition/bodySite");
                    json.key("valueReference");
                    write_reference(json, *structure);
                });
            });
        if (code)
            json.array("coding", [&] {
                json.object([&] {
                    json.member("system", snomed);
                    json.member("code", code->code);
                    json.member("display", code->display);
                });
            });
        json.member("text", area_text(area, side));
    });
}

// The ids of the BodyStructure of a session's `index`th area (from 0) and of a reaction's
// area, when on one side: named alike wherever they are referred to.
std::string area_structure_id(SessionId session, std::size_t index) {
    return fmt::format("bodysite-{}-{}", session, index + 1);
}

std::string reaction_structure_id(ReactionId reaction) {
    return fmt::format("bodysite-reaction-{}", reaction);
}

std::optional<Reference> structure_if(std::optional<Side> side, const std::string& id) {
    if (!side)
        return std::nullopt;
    return reference_to("BodyStructure", id);
}

std::string_view status_of(bool voided, std::string_view status) {
    return voided ? "entered-in-error" : status;
}

// The reason and every field before and after, so no correction is hidden from a reader.
void amendment_narrative(JsonWriter& json, const report::Amendment& amendment) {
    std::string div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>";
    div += render::escape_html(fmt::format("revision {} by {}: {}", amendment.revision.number,
                                           amendment.revision.author, amendment.revision.reason));
    div += "</p>";
    if (!amendment.changes.empty()) {
        div += "<ul>";
        for (const auto& change : amendment.changes)
            div +=
                fmt::format("<li>{}: {} -&gt; {}</li>", render::escape_html(change.field),
                            render::escape_html(change.before.empty() ? "(none)" : change.before),
                            render::escape_html(change.after.empty() ? "(none)" : change.after));
        div += "</ul>";
    }
    div += "</div>";
    json.object([&] {
        json.member("status", "generated");
        json.member("div", div);
    });
}

bool is_void(const report::Amendment& amendment) {
    return std::any_of(amendment.changes.begin(), amendment.changes.end(),
                       [](const auto& change) { return change.field == "voided"; });
}

// Resources in order, each once; shared ones (practitioners, devices, medication lots) are
// kept apart and come last, sorted, however many records refer to them. A resource is written
// as entry text the moment it is added, and a patient's text is written out and forgotten
// before the next patient: memory holds one patient, whatever the size of the clinic.
class BundleBuilder {
public:
    explicit BundleBuilder(std::ostream& out) : m_out(out) {}
    BundleBuilder(const BundleBuilder&) = delete; // its writer points into its own text
    BundleBuilder& operator=(const BundleBuilder&) = delete;

    void start(const std::string& id, const std::string& timestamp) {
        m_out << "{\n  \"resourceType\": \"Bundle\",\n  \"id\": " << Json(id).dump()
              << ",\n  \"type\": \"collection\",\n  \"timestamp\": " << Json(timestamp).dump();
    }
    // Adds the resource `type`/`id`; `write_members(json)` writes its members after
    // resourceType and id.
    template <class WriteMembers>
    void add(std::string_view type, std::string_view id, WriteMembers&& write_members) {
        auto key = fmt::format("{}/{}", type, id);
        // Within one patient: other patients' resource ids differ by a record id or chart code.
        if (!m_keys.insert(key).second)
            throw Error(fmt::format("fhir: two resources named {}", key));
        start_entry();
        append_entry(m_text, m_json, key, type, id, write_members);
    }
    // The same for a resource shared by many records: written once, the first time.
    template <class WriteMembers>
    void add_shared(std::string_view type, std::string_view id, WriteMembers&& write_members) {
        auto key = fmt::format("{}/{}", type, id);
        if (m_shared.contains(key))
            return; // every copy is alike: it is made from the same catalogue entry or name
        std::string text;
        JsonWriter json(text, entry_indent);
        append_entry(text, json, key, type, id, write_members);
        m_shared.emplace(std::move(key), std::move(text));
    }
    // Writes the entries added since the last flush, and forgets them; the shared ones
    // (products, makers, practitioners) wait for the end, as they serve every patient.
    void flush() {
        m_out.write(m_text.data(), static_cast<std::streamsize>(m_text.size()));
        m_text.clear(); // keeps its capacity: the next patient's text reuses it
        m_keys.clear();
    }
    void finish() {
        for (const auto& [key, text] : m_shared) {
            start_entry();
            m_text += text;
        }
        m_shared.clear();
        m_text += m_written > 0 ? "\n  ]\n}\n" : "\n}\n";
        flush();
    }
    long long written() const { return m_written; }

private:
    static constexpr std::size_t entry_indent = 6; // a resource's depth in the bundle

    void start_entry() { m_text += m_written++ == 0 ? ",\n  \"entry\": [\n" : ",\n"; }
    // Exactly what dump(2) of the whole bundle prints for the entry {fullUrl, resource}.
    template <class WriteMembers>
    static void append_entry(std::string& text, JsonWriter& json, const std::string& key,
                             std::string_view type, std::string_view id,
                             WriteMembers& write_members) {
        text += "    {\n      \"fullUrl\": \"urn:uuid:";
        text += uuid_of(key);
        text += "\",\n      \"resource\": ";
        json.object([&] {
            json.member("resourceType", type);
            json.member("id", id);
            write_members(json);
        });
        text += "\n    }";
    }

    std::ostream& m_out;
    std::string m_text; // the entries of the patient being exported
    JsonWriter m_json{m_text, entry_indent};
    std::set<std::string> m_keys;                // of the patient being exported
    std::map<std::string, std::string> m_shared; // key → entry text
    long long m_written = 0;
};

// A course, score or photo: its current revision and its corrections, oldest first.
template <class Record> struct Revised {
    Record record;
    std::vector<report::Amendment> amendments;
};

// The patient's courses, outcome scores and photos, voided ones too (the history holds none).
struct TreatmentRecords {
    std::vector<Revised<Course>> courses;
    std::vector<Revised<Assessment>> assessments;
    std::vector<Revised<Photo>> photos;
};

// Every revision of each record (by record, then revision) as its current revision and its
// corrections, each with what it changed field by field.
template <class Record> std::vector<Revised<Record>> revised(const std::vector<Record>& revisions) {
    std::vector<Revised<Record>> records;
    auto first = revisions.begin();
    while (first != revisions.end()) {
        const auto last = std::find_if(first, revisions.end(),
                                       [&](const Record& r) { return r.id != first->id; });
        const std::vector<Record> of_one(first, last);
        records.push_back({of_one.back(), report::amendments_of_details(of_one)});
        first = last;
    }
    return records;
}

TreatmentRecords treatment_records(storage::Database& db, PatientId patient) {
    return {revised(storage::CourseRepository(db).revisions_for_patient(patient)),
            revised(storage::AssessmentRepository(db).revisions_for_patient(patient)),
            revised(storage::PhotoRepository(db).revisions_for_patient(patient))};
}

// What every resource of one session refers to, made once per session.
struct SessionContext {
    const Session& session;
    std::string id; // of its Encounter and Procedure: "session-12"
    std::string performed_at;
    Reference encounter;
    Reference procedure;
    std::optional<Reference> performer;
};

// The resources of one patient's history, added to a bundle.
class PatientExport {
public:
    PatientExport(BundleBuilder& bundle, const report::PatientHistory& history,
                  const TreatmentRecords& treatment, const Products& products,
                  const ClinicSettings& settings, time::Date today)
        : m_bundle(bundle), m_history(history), m_treatment(treatment), m_products(products),
          m_settings(settings), m_today(today),
          m_patient_id(fhir_id("patient", history.patient.code)),
          m_patient(reference_to("Patient", m_patient_id)) {}

    void add_all() {
        add_patient();
        for (const auto& condition : m_history.conditions)
            add_condition_on_file(condition);
        for (const auto& consent : m_history.consents)
            add_consent(consent);
        for (const auto& entry : m_history.sessions)
            add_session(entry);
        for (const auto& course : m_treatment.courses)
            add_care_plan(course);
        for (const auto& assessment : m_treatment.assessments)
            add_score_observation(assessment);
        for (const auto& photo : m_treatment.photos)
            add_media(photo);
    }

private:
    void add_patient();
    void add_skin_type_observation(int fitzpatrick);
    void add_condition_on_file(const report::ConditionEntry& entry);
    void add_consent(const report::ConsentEntry& entry);
    void add_session(const report::SessionEntry& entry);
    void add_encounter(const SessionContext& context);
    std::vector<Reference> add_devices(const Session& session);
    std::vector<Reference> add_body_structures(const SessionContext& context);
    void add_body_structure(const std::string& id, Area area, Side side,
                            const RevisionInfo& revision);
    void add_procedure(const SessionContext& context, const std::vector<Reference>& devices,
                       const std::vector<Reference>& medications,
                       const std::vector<Reference>& body_structures);
    void add_detected_issue(const SessionContext& context, std::size_t index);
    void add_depth_observation(const SessionContext& context, std::size_t index);
    void add_serum_administration(const SessionContext& context, std::size_t index,
                                  const Reference& medication);
    void add_reaction(const SessionContext& context, const report::ReactionEntry& item);
    void add_reaction_observation(const SessionContext& context, const report::ReactionEntry& item,
                                  const std::string& id);
    void add_adverse_event(const SessionContext& context, const report::ReactionEntry& item,
                           const std::string& id);
    void add_reaction_condition(const report::ReactionEntry& item, const std::string& id);
    void add_followup_observation(const SessionContext& context,
                                  const report::FollowupEntry& entry);
    void add_provenances(const std::vector<report::Amendment>& amendments,
                         const std::string& record, const std::vector<Reference>& targets);
    void add_care_plan(const Revised<Course>& entry);
    void add_score_observation(const Revised<Assessment>& entry);
    void add_media(const Revised<Photo>& entry);
    // The Procedure of `session` and of `course` when the bundle holds them (a merge can leave
    // a record naming a session of another chart).
    std::optional<Reference> session_procedure(std::optional<SessionId> session) const;
    std::optional<Reference> care_plan(std::optional<CourseId> course) const;

    std::optional<Reference> practitioner(const std::string& name);
    Reference medication(const SerumUse& use);

    BundleBuilder& m_bundle;
    const report::PatientHistory& m_history;
    const TreatmentRecords& m_treatment;
    const Products& m_products;
    const ClinicSettings& m_settings;
    time::Date m_today; // the clinic's date at the export: consents expire by it
    std::string m_patient_id;
    Reference m_patient;
};

void PatientExport::add_patient() {
    const auto& patient = m_history.patient;
    const auto& d = patient.details;
    m_bundle.add("Patient", m_patient_id, [&](JsonWriter& json) {
        meta(json, patient.revision);
        json.array("identifier", [&] {
            json.object([&] {
                json.member("use", "usual");
                json.key("type");
                hl7_coded(json, "v2-0203", "MR", "Medical record number");
                // The clinic's namespace of chart codes (setting fhir_identifier_system).
                json.member("system", m_settings.fhir_identifier_system);
                json.member("value", patient.code);
            });
        });
        json.member("active", !patient.revision.voided);
        json.array("name", [&] {
            json.object([&] {
                json.member("use", "official");
                if (!d.family_name.empty())
                    json.member("family", d.family_name);
                if (!d.given_name.empty())
                    json.array("given", [&] { json.value(d.given_name); });
            });
        });
        if (!d.phone.empty() || !d.email.empty())
            json.array("telecom", [&] {
                if (!d.phone.empty())
                    json.object([&] {
                        json.member("system", "phone");
                        json.member("value", d.phone);
                    });
                if (!d.email.empty())
                    json.object([&] {
                        json.member("system", "email");
                        json.member("value", d.email);
                    });
            });
        json.member("birthDate", time::format_date(d.birth_date));
    });
    if (d.fitzpatrick)
        add_skin_type_observation(*d.fitzpatrick);
    add_provenances(m_history.patient_amendments, m_patient_id, {m_patient});
}

void PatientExport::add_skin_type_observation(int fitzpatrick) {
    m_bundle.add("Observation", fhir_id("fitzpatrick", m_history.patient.code),
                 [&](JsonWriter& json) {
                     meta(json, m_history.patient.revision);
                     json.member("status", "final");
                     json.array("category",
                                [&] { hl7_coded(json, "observation-category", "exam", "Exam"); });
                     json.key("code");
                     coded(json, loinc_system, fitzpatrick_code.code, fitzpatrick_code.display,
                           "Fitzpatrick skin type");
                     json.key("subject");
                     write_reference(json, m_patient);
                     json.key("valueCodeableConcept");
                     text_concept(json, fmt::format("type {}", fitzpatrick_roman(fitzpatrick)));
                 });
}

void PatientExport::add_condition_on_file(const report::ConditionEntry& entry) {
    const auto& condition = entry.record;
    const auto& d = condition.details;
    const auto id = fmt::format("condition-{}", condition.id);
    m_bundle.add("Condition", id, [&](JsonWriter& json) {
        meta(json, condition.revision);
        if (condition.revision.voided) {
            json.key("verificationStatus");
            hl7_coded(json, "condition-ver-status", "entered-in-error", "Entered in Error");
        } else {
            json.key("clinicalStatus");
            if (d.resolved_on)
                hl7_coded(json, "condition-clinical", "resolved", "Resolved");
            else
                hl7_coded(json, "condition-clinical", "active", "Active");
        }
        json.array("category", [&] {
            hl7_coded(json, "condition-category", "problem-list-item", "Problem List Item");
        });
        json.key("code");
        text_concept(json, label_of(d.code));
        json.key("subject");
        write_reference(json, m_patient);
        if (d.since)
            json.member("onsetDateTime", time::format_date(*d.since));
        if (d.resolved_on)
            json.member("abatementDateTime", time::format_date(*d.resolved_on));
        std::vector<std::string> texts{d.note};
        for (const auto& clearance : d.clearances)
            texts.push_back(render::clearance_text(clearance));
        notes(json, texts);
    });
    add_provenances(entry.amendments, id, {reference_to("Condition", id)});
}

void PatientExport::add_consent(const report::ConsentEntry& entry) {
    const auto& consent = entry.record;
    const auto& d = consent.details;
    const auto id = fmt::format("consent-{}", consent.id);
    const auto expires = d.expires_on(m_settings.consent_valid_months);
    m_bundle.add("Consent", id, [&](JsonWriter& json) {
        meta(json, consent.revision);
        // A withdrawn consent, or one expired by the day of the export, is no longer in
        // force: inactive, its period ending on the withdrawal or the expiry.
        const bool in_force = !d.withdrawal && m_today < expires;
        json.member("status", status_of(consent.revision.voided, in_force ? "active" : "inactive"));
        json.key("scope");
        hl7_coded(json, "consentscope", "treatment", "Treatment");
        json.array("category",
                   [&] { coded(json, "http://loinc.org", "59284-0", "Patient Consent"); });
        json.key("patient");
        write_reference(json, m_patient);
        json.member("dateTime", time::format_date(d.signed_on));
        json.array("performer", [&] {
            if (d.guardian.empty())
                write_reference(json, m_patient);
            else // signed by a parent or guardian for a minor
                json.object(
                    [&] { json.member("display", fmt::format("{} (guardian)", d.guardian)); });
        });
        json.key("policyRule");
        hl7_coded(json, "v3-ActCode", "OPTIN", "opt-in");
        json.object("provision", [&] {
            json.member("type", "permit");
            // Valid for the clinic's consent_valid_months, as the clinical checks count it.
            json.object("period", [&] {
                json.member("start", time::format_date(d.signed_on));
                json.member("end", time::format_date(d.withdrawal && d.withdrawal->on < expires
                                                         ? d.withdrawal->on
                                                         : expires));
            });
            if (!d.covers.empty())
                json.array("code", [&] { text_concept(json, d.covers); });
        });
    });
    add_provenances(entry.amendments, id, {reference_to("Consent", id)});
}

std::optional<Reference> PatientExport::practitioner(const std::string& name) {
    if (name.empty())
        return std::nullopt;
    const auto id = fhir_id("practitioner", name);
    m_bundle.add_shared("Practitioner", id, [&](JsonWriter& json) {
        json.array("name", [&] { text_concept(json, name); });
    });
    return reference_to("Practitioner", id);
}

// The device used (shared by kind and model) and the session's single-use cartridge with its
// lot, as Procedure.focalDevice entries.
std::vector<Reference> PatientExport::add_devices(const Session& session) {
    const auto& d = session.details;
    const auto kind = code_of(d.device);
    const auto device_id = d.model.empty() ? fmt::format("device-{}", kind)
                                           : fhir_id(fmt::format("device-{}", kind), d.model);
    m_bundle.add_shared("Device", device_id, [&](JsonWriter& json) {
        if (!d.model.empty())
            json.array("deviceName", [&] {
                json.object([&] {
                    json.member("name", d.model);
                    json.member("type", "model-name");
                });
            });
        json.key("type");
        text_concept(json, d.device == Device::rf
                               ? std::string("RF microneedling device")
                               : fmt::format("microneedling {}", label_of(d.device)));
    });
    std::vector<Reference> focal{reference_to("Device", device_id)};
    if (d.cartridge.empty() && d.cartridge_lot.empty())
        return focal;
    const auto cartridge_id = fmt::format("cartridge-{}", session.id);
    m_bundle.add("Device", cartridge_id, [&](JsonWriter& json) {
        if (!d.cartridge_lot.empty())
            json.member("lotNumber", d.cartridge_lot);
        if (!d.cartridge.empty())
            json.array("deviceName", [&] {
                json.object([&] {
                    json.member("name", d.cartridge);
                    json.member("type", "model-name");
                });
            });
        json.key("type");
        text_concept(json, "microneedling cartridge");
    });
    focal.push_back(reference_to("Device", cartridge_id));
    return focal;
}

// One Medication per product and lot, so a recall finds every administration of the lot.
Reference PatientExport::medication(const SerumUse& use) {
    const auto id = fhir_id("medication", fmt::format("{}-{}", use.product, use.lot));
    const auto product = m_products.find(use.product);
    std::optional<std::string> maker_id;
    if (product != m_products.end() && !product->second.maker.empty()) {
        maker_id = fhir_id("maker", product->second.maker);
        m_bundle.add_shared("Organization", *maker_id,
                            [&](JsonWriter& json) { json.member("name", product->second.maker); });
    }
    m_bundle.add_shared("Medication", id, [&](JsonWriter& json) {
        json.key("code");
        if (product == m_products.end()) {
            text_concept(json, use.product);
        } else {
            text_concept(json, product->second.name);
            if (maker_id) {
                json.key("manufacturer");
                write_reference(json, reference_to("Organization", *maker_id));
            }
            json.array("ingredient", [&] {
                json.object([&] {
                    json.key("itemCodeableConcept");
                    text_concept(json, label_of(product->second.kind));
                });
            });
        }
        json.object("batch", [&] { json.member("lotNumber", use.lot); });
    });
    return reference_to("Medication", id);
}

void PatientExport::add_session(const report::SessionEntry& entry) {
    const auto& session = entry.session;
    const auto id = fmt::format("session-{}", session.id);
    const SessionContext context{session,
                                 id,
                                 time::format_utc(session.details.performed_at),
                                 reference_to("Encounter", id),
                                 reference_to("Procedure", id),
                                 practitioner(session.details.practitioner)};
    std::vector<Reference> medications;
    for (const auto& use : session.details.serums)
        medications.push_back(medication(use));
    add_encounter(context);
    const auto devices = add_devices(session); // the cartridge comes between the two
    const auto body_structures = add_body_structures(context);
    add_procedure(context, devices, medications, body_structures);
    for (std::size_t i = 0; i < session.findings.size(); ++i)
        add_detected_issue(context, i);
    for (std::size_t i = 0; i < session.details.areas.size(); ++i)
        add_depth_observation(context, i);
    for (std::size_t i = 0; i < session.details.serums.size(); ++i)
        add_serum_administration(context, i, medications[i]);
    for (const auto& item : entry.reactions)
        add_reaction(context, item);
    for (const auto& followup : entry.followups)
        add_followup_observation(context, followup);
    add_provenances(entry.amendments, id, {context.encounter, context.procedure});
}

void PatientExport::add_encounter(const SessionContext& context) {
    const auto& session = context.session;
    m_bundle.add("Encounter", context.id, [&](JsonWriter& json) {
        meta(json, session.revision);
        json.member("status", status_of(session.revision.voided, "finished"));
        json.object("class", [&] {
            json.member("system", fmt::format("{}v3-ActCode", terminology));
            json.member("code", "AMB");
            json.member("display", "ambulatory");
        });
        json.array("type", [&] { text_concept(json, "microneedling session"); });
        json.key("subject");
        write_reference(json, m_patient);
        if (context.performer)
            json.array("participant", [&] {
                json.object([&] {
                    json.key("individual");
                    write_reference(json, *context.performer);
                });
            });
        json.object("period", [&] { json.member("start", context.performed_at); });
        json.array("reasonCode", [&] { text_concept(json, label_of(session.details.indication)); });
    });
}

// R4 codes laterality on a BodyStructure (locationQualifier), not on a CodeableConcept: one per
// area treated, or reacting, on one side.
void PatientExport::add_body_structure(const std::string& id, Area area, Side side,
                                       const RevisionInfo& revision) {
    m_bundle.add("BodyStructure", id, [&](JsonWriter& json) {
        meta(json, revision);
        json.member("active", !revision.voided);
        json.key("location");
        snomed_or_text(json, body_site_code(area), label_of(area));
        const auto laterality = laterality_code(side);
        json.array("locationQualifier", [&] {
            coded(json, snomed, laterality.code, laterality.display, label_of(side));
        });
        json.member("description", area_text(area, side));
        json.key("patient");
        write_reference(json, m_patient);
    });
}

// The session's sided areas' BodyStructures, which the Procedure names as target body
// structures.
std::vector<Reference> PatientExport::add_body_structures(const SessionContext& context) {
    const auto& session = context.session;
    std::vector<Reference> targets;
    for (std::size_t i = 0; i < session.details.areas.size(); ++i) {
        const auto& treated = session.details.areas[i];
        if (!treated.side)
            continue;
        const auto id = area_structure_id(session.id, i);
        add_body_structure(id, treated.area, *treated.side, session.revision);
        targets.push_back(reference_to("BodyStructure", id));
    }
    return targets;
}

void PatientExport::add_procedure(const SessionContext& context,
                                  const std::vector<Reference>& devices,
                                  const std::vector<Reference>& medications,
                                  const std::vector<Reference>& body_structures) {
    const auto& session = context.session;
    const auto& d = session.details;
    m_bundle.add("Procedure", context.id, [&](JsonWriter& json) {
        meta(json, session.revision);
        if (!body_structures.empty())
            json.array("extension", [&] {
                for (const auto& target : body_structures)
                    json.object([&] {
                        json.member("url", "http://hl7.org/fhir/StructureDefinition/"
                                           "procedure-targetBodyStructure");
                        json.key("valueReference");
                        write_reference(json, target);
                    });
            });
        json.member("status", status_of(session.revision.voided, "completed"));
        json.key("code");
        coded(json, snomed, procedure_code.code, procedure_code.display, procedure_text);
        json.key("subject");
        write_reference(json, m_patient);
        json.key("encounter");
        write_reference(json, context.encounter);
        json.member("performedDateTime", context.performed_at);
        if (context.performer)
            json.array("performer", [&] {
                json.object([&] {
                    json.key("actor");
                    write_reference(json, *context.performer);
                });
            });
        json.array("reasonCode", [&] { text_concept(json, label_of(d.indication)); });
        json.array("bodySite", [&] {
            for (std::size_t i = 0; i < d.areas.size(); ++i)
                body_site(json, d.areas[i].area, d.areas[i].side,
                          structure_if(d.areas[i].side, area_structure_id(session.id, i)));
        });
        std::vector<std::string> texts; // the clinical checks' findings are DetectedIssues
        if (!d.endpoint.empty())
            texts.push_back(fmt::format("endpoint reached: {}", d.endpoint));
        texts.push_back(d.note);
        notes(json, texts);
        if (!d.aftercare.empty())
            json.array("followUp", [&] { text_concept(json, d.aftercare); });
        json.array("focalDevice", [&] {
            for (const auto& device : devices)
                json.object([&] {
                    json.key("manipulated");
                    write_reference(json, device);
                });
        });
        if (!medications.empty()) {
            json.key("usedReference");
            write_references(json, medications);
        }
        if (!d.anaesthetic.empty())
            json.array("usedCode", [&] { text_concept(json, d.anaesthetic); });
    });
}

// A finding of the clinical checks, kept with the session: a warning, or a blocking finding
// the practitioner overrode, whose reason and author are its mitigation.
void PatientExport::add_detected_issue(const SessionContext& context, std::size_t index) {
    const auto& session = context.session;
    const auto& finding = session.findings[index];
    const bool overridden = finding.level == FindingLevel::overridden;
    // An override carried over by an amendment keeps who accepted it, and when.
    const auto identified =
        time::format_utc(overridden && finding.overridden_at ? *finding.overridden_at
                                                             : session.revision.recorded_at);
    const auto author = overridden ? practitioner(finding.overridden_by) : std::nullopt;
    m_bundle.add(
        "DetectedIssue", fmt::format("finding-{}-{}", session.id, index + 1),
        [&](JsonWriter& json) {
            meta(json, session.revision);
            json.member("status", status_of(session.revision.voided, "final"));
            json.key("code");
            text_concept(json, finding.key);
            // A blocking finding stops a session unless overridden; a warning does not.
            json.member("severity", overridden ? "high" : "moderate");
            json.key("patient");
            write_reference(json, m_patient);
            json.member("identifiedDateTime", identified);
            json.array("implicated", [&] { write_reference(json, context.procedure); });
            json.member("detail", finding.message);
            if (!overridden)
                return;
            json.array("mitigation", [&] {
                json.object([&] {
                    json.key("action");
                    json.object([&] {
                        json.member("text", fmt::format("overridden: {}", finding.override_reason));
                    });
                    json.member("date", identified);
                    if (author) {
                        json.key("author");
                        write_reference(json, *author);
                    }
                });
            });
        });
}

void PatientExport::add_depth_observation(const SessionContext& context, std::size_t index) {
    const auto& session = context.session;
    const auto& treated = session.details.areas[index];
    m_bundle.add(
        "Observation", fmt::format("area-{}-{}", session.id, index + 1), [&](JsonWriter& json) {
            meta(json, session.revision);
            json.member("status", status_of(session.revision.voided, "final"));
            json.array("category",
                       [&] { hl7_coded(json, "observation-category", "procedure", "Procedure"); });
            json.key("code");
            text_concept(json, "microneedle penetration depth");
            json.key("subject");
            write_reference(json, m_patient);
            json.key("encounter");
            write_reference(json, context.encounter);
            json.array("partOf", [&] { write_reference(json, context.procedure); });
            json.member("effectiveDateTime", context.performed_at);
            json.object("valueQuantity", [&] {
                json.member("value", treated.depth_mm);
                json.member("unit", "mm");
                json.member("system", ucum);
                json.member("code", "mm");
            });
            json.key("bodySite");
            body_site(json, treated.area, treated.side,
                      structure_if(treated.side, area_structure_id(session.id, index)));
            if (treated.passes)
                json.array("component", [&] {
                    json.object([&] {
                        json.key("code");
                        text_concept(json, "number of passes");
                        json.member("valueInteger", *treated.passes);
                    });
                });
        });
}

void PatientExport::add_serum_administration(const SessionContext& context, std::size_t index,
                                             const Reference& medication) {
    const auto& session = context.session;
    const auto& use = session.details.serums[index];
    m_bundle.add("MedicationAdministration", fmt::format("serum-{}-{}", session.id, index + 1),
                 [&](JsonWriter& json) {
                     meta(json, session.revision);
                     json.array("partOf", [&] { write_reference(json, context.procedure); });
                     json.member("status", status_of(session.revision.voided, "completed"));
                     json.key("medicationReference");
                     write_reference(json, medication);
                     json.key("subject");
                     write_reference(json, m_patient);
                     json.key("context");
                     write_reference(json, context.encounter);
                     json.member("effectiveDateTime", context.performed_at);
                     if (context.performer)
                         json.array("performer", [&] {
                             json.object([&] {
                                 json.key("actor");
                                 write_reference(json, *context.performer);
                             });
                         });
                     const auto when = fmt::format("applied {} needling", label_of(use.phase));
                     // R4 (mad-1): a dosage has a dose; with no amount recorded, when it was
                     // applied is a note.
                     if (!use.amount_ml) {
                         notes(json, {when});
                         return;
                     }
                     json.object("dosage", [&] {
                         json.member("text", when);
                         json.object("dose", [&] {
                             json.member("value", *use.amount_ml);
                             json.member("unit", "mL");
                             json.member("system", "http://unitsofmeasure.org");
                             json.member("code", "mL");
                         });
                     });
                 });
}

// Expected reactions are observations; kinds that are always adverse events are reported as
// an AdverseEvent with the Condition it resulted in.
void PatientExport::add_reaction(const SessionContext& context, const report::ReactionEntry& item) {
    const auto id = fmt::format("reaction-{}", item.reaction.id);
    const auto& d = item.reaction.details;
    if (d.area && d.side)
        add_body_structure(reaction_structure_id(item.reaction.id), *d.area, *d.side,
                           item.reaction.revision);
    std::vector<Reference> targets;
    if (!item.timeline.adverse) {
        add_reaction_observation(context, item, id);
        targets.push_back(reference_to("Observation", id));
    } else {
        add_reaction_condition(item, id);
        targets.push_back(reference_to("Condition", id));
        // AdverseEvent has no status: a reaction recorded in error is no event at all.
        if (!item.reaction.revision.voided) {
            add_adverse_event(context, item, id);
            targets.push_back(reference_to("AdverseEvent", id));
        }
    }
    add_provenances(item.amendments, id, targets);
}

std::string timeline_note(const report::ReactionEntry& item) {
    const auto marks = report::timeline_marks(item.timeline);
    return fmt::format("onset day {}, recovery day {}{}", item.timeline.onset_day,
                       item.timeline.recovery_day, marks.empty() ? "" : "; " + marks);
}

void PatientExport::add_reaction_observation(const SessionContext& context,
                                             const report::ReactionEntry& item,
                                             const std::string& id) {
    const auto& d = item.reaction.details;
    m_bundle.add("Observation", id, [&](JsonWriter& json) {
        meta(json, item.reaction.revision);
        json.member("status", status_of(item.reaction.revision.voided, "final"));
        json.array("category", [&] { hl7_coded(json, "observation-category", "exam", "Exam"); });
        json.key("code");
        snomed_or_text(json, reaction_code(d.kind), label_of(d.kind));
        json.key("subject");
        write_reference(json, m_patient);
        json.array("partOf", [&] { write_reference(json, context.procedure); });
        json.object("effectivePeriod", [&] {
            json.member("start", time::format_date(d.onset));
            if (d.resolved)
                json.member("end", time::format_date(*d.resolved));
        });
        json.key("valueCodeableConcept");
        severity_concept(json, d.severity);
        notes(json, {timeline_note(item), d.note});
        if (d.area) {
            json.key("bodySite");
            body_site(json, *d.area, d.side,
                      structure_if(d.side, reaction_structure_id(item.reaction.id)));
        }
    });
}

void PatientExport::add_adverse_event(const SessionContext& context,
                                      const report::ReactionEntry& item, const std::string& id) {
    const auto& d = item.reaction.details;
    m_bundle.add("AdverseEvent", id, [&](JsonWriter& json) {
        meta(json, item.reaction.revision);
        json.member("actuality", "actual");
        json.key("event");
        snomed_or_text(json, reaction_code(d.kind), label_of(d.kind));
        json.key("subject");
        write_reference(json, m_patient);
        json.member("date", time::format_date(d.onset));
        json.array("resultingCondition",
                   [&] { write_reference(json, reference_to("Condition", id)); });
        json.key("severity");
        hl7_coded(json, "adverse-event-severity", code_of(d.severity),
                  severity_displays[static_cast<std::size_t>(d.severity)]);
        json.key("outcome");
        if (d.resolved)
            hl7_coded(json, "adverse-event-outcome", "resolved", "Resolved");
        else
            hl7_coded(json, "adverse-event-outcome", "ongoing", "Ongoing");
        json.array("suspectEntity", [&] {
            json.object([&] {
                json.key("instance");
                write_reference(json, context.procedure);
            });
        });
    });
}

void PatientExport::add_reaction_condition(const report::ReactionEntry& item,
                                           const std::string& id) {
    const auto& d = item.reaction.details;
    m_bundle.add("Condition", id, [&](JsonWriter& json) {
        meta(json, item.reaction.revision);
        // R4 (con-5): a condition entered in error carries no clinical status.
        if (item.reaction.revision.voided) {
            json.key("verificationStatus");
            hl7_coded(json, "condition-ver-status", "entered-in-error", "Entered in Error");
        } else {
            json.key("clinicalStatus");
            if (d.resolved)
                hl7_coded(json, "condition-clinical", "resolved", "Resolved");
            else
                hl7_coded(json, "condition-clinical", "active", "Active");
        }
        json.key("severity");
        severity_concept(json, d.severity);
        json.key("code");
        snomed_or_text(json, reaction_code(d.kind), label_of(d.kind));
        if (d.area)
            json.array("bodySite", [&] {
                body_site(json, *d.area, d.side,
                          structure_if(d.side, reaction_structure_id(item.reaction.id)));
            });
        json.key("subject");
        write_reference(json, m_patient);
        json.member("onsetDateTime", time::format_date(d.onset));
        if (d.resolved)
            json.member("abatementDateTime", time::format_date(*d.resolved));
        notes(json, {timeline_note(item), d.note});
    });
}

void PatientExport::add_followup_observation(const SessionContext& context,
                                             const report::FollowupEntry& entry) {
    const auto& followup = entry.record;
    const auto& d = followup.details;
    const auto id = fmt::format("followup-{}", followup.id);
    m_bundle.add("Observation", id, [&](JsonWriter& json) {
        meta(json, followup.revision);
        json.member("status", status_of(followup.revision.voided, "final"));
        json.array("category", [&] { hl7_coded(json, "observation-category", "exam", "Exam"); });
        json.key("code");
        text_concept(json, "follow-up check after microneedling");
        json.key("subject");
        write_reference(json, m_patient);
        json.array("partOf", [&] { write_reference(json, context.procedure); });
        json.member("effectiveDateTime", time::format_date(d.checked_on));
        json.key("valueCodeableConcept");
        text_concept(json, label_of(d.outcome));
        notes(json, {d.note});
    });
    add_provenances(entry.amendments, id, {reference_to("Observation", id)});
}

// One Provenance per amendment or void of `record`: who, when, why, and what it changed.
void PatientExport::add_provenances(const std::vector<report::Amendment>& amendments,
                                    const std::string& record,
                                    const std::vector<Reference>& targets) {
    for (const auto& amendment : amendments) {
        const auto& revision = amendment.revision;
        const auto at = time::format_utc(revision.recorded_at);
        m_bundle.add(
            "Provenance", fhir_id("revision", fmt::format("{}-{}", record, revision.number)),
            [&](JsonWriter& json) {
                meta(json, revision);
                json.key("text");
                amendment_narrative(json, amendment);
                json.key("target");
                write_references(json, targets);
                json.member("occurredDateTime", at);
                json.member("recorded", at);
                if (!revision.reason.empty())
                    json.array("reason", [&] { text_concept(json, revision.reason); });
                json.key("activity");
                if (is_void(amendment))
                    hl7_coded(json, "v3-DataOperation", "NULLIFY", "nullify");
                else
                    hl7_coded(json, "v3-DataOperation", "UPDATE", "revise");
                json.array("agent", [&] {
                    json.object([&] {
                        json.object("who", [&] { json.member("display", revision.author); });
                    });
                });
            });
    }
}

std::optional<Reference> PatientExport::session_procedure(std::optional<SessionId> session) const {
    if (!session || std::none_of(m_history.sessions.begin(), m_history.sessions.end(),
                                 [&](const auto& entry) { return entry.session.id == *session; }))
        return std::nullopt;
    return reference_to("Procedure", fmt::format("session-{}", *session));
}

std::optional<Reference> PatientExport::care_plan(std::optional<CourseId> course) const {
    if (!course || std::none_of(m_treatment.courses.begin(), m_treatment.courses.end(),
                                [&](const auto& entry) { return entry.record.id == *course; }))
        return std::nullopt;
    return reference_to("CarePlan", fmt::format("course-{}", *course));
}

// R4 CarePlan.status: a stopped course is revoked, a voided one entered in error.
std::string_view care_plan_status(const Course& course) {
    if (course.revision.voided)
        return "entered-in-error";
    if (!course.details.closing)
        return "active";
    return course.details.closing->outcome == CourseOutcome::completed ? "completed" : "revoked";
}

// R4 CarePlan.activity.detail.status (required binding care-plan-activity-status).
std::string_view activity_status(const Course& course, int done) {
    if (course.revision.voided)
        return "entered-in-error";
    if (!course.details.closing)
        return done == 0 ? "not-started" : "in-progress";
    return course.details.closing->outcome == CourseOutcome::completed ? "completed" : "stopped";
}

void PatientExport::add_care_plan(const Revised<Course>& entry) {
    const auto& course = entry.record;
    const auto& d = course.details;
    const auto id = fmt::format("course-{}", course.id);
    std::vector<Reference> sessions; // its live sessions, in time order, as the course counts them
    for (const auto& session : m_history.sessions)
        if (!session.session.revision.voided && session.session.details.course == course.id)
            sessions.push_back(
                reference_to("Procedure", fmt::format("session-{}", session.session.id)));
    m_bundle.add("CarePlan", id, [&](JsonWriter& json) {
        meta(json, course.revision);
        json.member("status", care_plan_status(course));
        json.member("intent", "plan");
        json.array("category", [&] { text_concept(json, label_of(d.indication)); });
        json.member("title", fmt::format("microneedling course: {}", label_of(d.indication)));
        json.member("description",
                    fmt::format("{} sessions every {} days{}", d.planned, d.every_days,
                                d.areas.empty() ? std::string()
                                                : fmt::format(" on {}", areas_text(d.areas))));
        json.key("subject");
        write_reference(json, m_patient);
        json.object("period", [&] {
            json.member("start", time::format_date(d.started_on));
            if (d.closing)
                json.member("end", time::format_date(d.closing->on));
        });
        json.array("activity", [&] {
            json.object([&] {
                if (!sessions.empty()) {
                    json.key("outcomeReference");
                    write_references(json, sessions);
                }
                json.object("detail", [&] {
                    json.key("code");
                    coded(json, snomed, procedure_code.code, procedure_code.display,
                          procedure_text);
                    json.member("status",
                                activity_status(course, static_cast<int>(sessions.size())));
                    // The plan: so many sessions, one every so many days.
                    json.object("scheduledTiming", [&] {
                        json.object("repeat", [&] {
                            json.member("count", d.planned);
                            json.member("period", d.every_days);
                            json.member("periodUnit", "d");
                        });
                    });
                });
            });
        });
        std::vector<std::string> texts;
        if (!d.goal.empty())
            texts.push_back(fmt::format("goal: {}", d.goal));
        if (d.closing)
            texts.push_back(fmt::format("closed {} on {}: {}", label_of(d.closing->outcome),
                                        time::format_date(d.closing->on), d.closing->reason));
        notes(json, texts);
    });
    add_provenances(entry.amendments, id, {reference_to("CarePlan", id)});
}

// R4 Observation.status: a corrected score is amended, a voided one entered in error.
std::string_view score_status(const RevisionInfo& revision) {
    if (revision.voided)
        return "entered-in-error";
    return revision.number > 1 ? "amended" : "final";
}

void PatientExport::add_score_observation(const Revised<Assessment>& entry) {
    const auto& score = entry.record;
    const auto& d = score.details;
    const auto& scale = scale_of(d.scale);
    const auto id = fmt::format("score-{}", score.id);
    const auto structure_id = fmt::format("bodysite-score-{}", score.id);
    if (d.area && d.side)
        add_body_structure(structure_id, *d.area, *d.side, score.revision);
    const auto procedure = session_procedure(d.session);
    const auto plan = care_plan(d.course);
    m_bundle.add("Observation", id, [&](JsonWriter& json) {
        meta(json, score.revision);
        if (plan)
            json.array("basedOn", [&] { write_reference(json, *plan); });
        if (procedure)
            json.array("partOf", [&] { write_reference(json, *procedure); });
        json.member("status", score_status(score.revision));
        json.array("category",
                   [&] { hl7_coded(json, "observation-category", "survey", "Survey"); });
        json.key("code");
        // LOINC where a code was checked (the pain NRS), else Needlebook's scale key.
        if (d.scale == ScaleCode::pain_nrs)
            coded(json, loinc_system, pain_nrs_code.code, pain_nrs_code.display, scale.name);
        else
            coded(json, outcome_scale_system, scale.key, scale.name);
        json.key("subject");
        write_reference(json, m_patient);
        if (procedure) {
            json.key("encounter");
            write_reference(json, reference_to("Encounter", fmt::format("session-{}", *d.session)));
        }
        json.member("effectiveDateTime", time::format_date(d.assessed_on));
        if (!d.assessor.empty())
            json.array("performer",
                       [&] { json.object([&] { json.member("display", d.assessor); }); });
        json.object("valueQuantity", [&] {
            json.member("value", d.score);
            json.member("unit", "{score}");
            json.member("system", ucum);
            json.member("code", "{score}");
        });
        std::vector<std::string> texts{d.note};
        if (!scale.labels.empty()) // glogau, GAIS: the label the value stands for
            texts.push_back(format_score(scale, d.score));
        notes(json, texts);
        if (d.area) {
            json.key("bodySite");
            body_site(json, *d.area, d.side, structure_if(d.side, structure_id));
        }
    });
    add_provenances(entry.amendments, id, {reference_to("Observation", id)});
}

void PatientExport::add_media(const Revised<Photo>& entry) {
    const auto& photo = entry.record;
    const auto& d = photo.details;
    const auto id = fmt::format("photo-{}", photo.id);
    const auto procedure = session_procedure(d.session);
    m_bundle.add("Media", id, [&](JsonWriter& json) {
        meta(json, photo.revision);
        // The image's SHA-256, as the photo store names it: R4's Attachment.hash is a SHA-1.
        json.array("identifier", [&] {
            json.object([&] {
                json.member("system", photo_sha256_system);
                json.member("value", photo.image.sha256);
            });
        });
        if (procedure)
            json.array("partOf", [&] { write_reference(json, *procedure); });
        json.member("status", status_of(photo.revision.voided, "completed"));
        json.key("type");
        hl7_coded(json, "media-type", "image", "Image");
        json.key("view");
        text_concept(json, label_of(d.view));
        json.key("subject");
        write_reference(json, m_patient);
        if (procedure) {
            json.key("encounter");
            write_reference(json, reference_to("Encounter", fmt::format("session-{}", *d.session)));
        }
        json.member("createdDateTime", time::format_date(d.taken_on));
        // The record only: the image stays in the clinic's photo store.
        json.object("content", [&] {
            json.member("contentType", media_type(photo.image.type));
            json.member("size", photo.image.bytes);
            json.member("title", photo.image.file_name);
        });
        notes(json, {d.note, d.override_reason.empty()
                                 ? std::string()
                                 : fmt::format("kept without a consent covering photos: {}",
                                               d.override_reason)});
    });
    add_provenances(entry.amendments, id, {reference_to("Media", id)});
}

Products product_catalogue(storage::Database& db) {
    Products products;
    for (auto& product : records::list_products(db))
        products.emplace(product.code, std::move(product));
    return products;
}

} // namespace

FhirSummary write_fhir_bundle(records::Scope& scope, std::optional<std::string_view> patient_code,
                              std::ostream& out) {
    // One transaction: a consistent snapshot, and every patient's read audited or none.
    // Chart codes mean nothing to a receiver without the clinic's namespace: refuse before a
    // byte is written rather than export identifiers it cannot tell from another clinic's.
    if (scope.settings().fhir_identifier_system.empty())
        throw ValidationError(
            "fhir_identifier_system",
            "fhir_identifier_system is not set: a FHIR bundle names the clinic's chart codes by "
            "a URI (Patient.identifier.system); set it first, e.g. 'needlebook setting set "
            "fhir_identifier_system https://your-clinic.example/chart'");
    return scope.db().write([&] {
        // One patient at a time, in chart-code order; an unknown chart code fails before a
        // byte is written.
        storage::PatientRepository patients(scope.db());
        std::optional<std::string> code =
            patient_code ? records::find_patient(scope.db(), *patient_code).code
                         : patients.code_after("");
        const auto products = product_catalogue(scope.db());
        BundleBuilder bundle(out);
        bundle.start(patient_code ? fhir_id("needlebook-patient", *code)
                                  : std::string("needlebook-all"),
                     time::format_utc(scope.clock().now()));
        FhirSummary summary;
        while (code) {
            const auto history = report::build_history(scope, *code, "fhir");
            const auto treatment = treatment_records(scope.db(), history.patient.id);
            PatientExport(bundle, history, treatment, products, scope.settings(), scope.today())
                .add_all();
            bundle.flush();
            ++summary.patients;
            summary.sessions += static_cast<long long>(history.sessions.size());
            code = patient_code ? std::nullopt : patients.code_after(*code);
        }
        bundle.finish();
        summary.resources = bundle.written();
        return summary;
    });
}

nlohmann::ordered_json fhir_bundle(records::Scope& scope,
                                   std::optional<std::string_view> patient_code) {
    std::ostringstream out;
    write_fhir_bundle(scope, patient_code, out);
    return nlohmann::ordered_json::parse(out.str());
}

} // namespace needlebook::exchange
