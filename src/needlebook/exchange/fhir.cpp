// FHIR R4 export: every record of a patient's history becomes resources of one Bundle.
// Mapping (docs/clinical-defaults.md, "Standards this maps to"):
//   patient → Patient (+ Observation for the Fitzpatrick type); condition → Condition;
//   consent → Consent; session → Encounter + Procedure (bodySite per area, performer,
//   focalDevice for the device and the cartridge lot); area → Observation of the depth in mm;
//   serum → Medication (lot) + MedicationAdministration; expected reaction → Observation with
//   an effective period; adverse reaction → AdverseEvent + Condition; follow-up → Observation;
//   amendment or void → Provenance.
#include "needlebook/exchange/fhir.hpp"

#include "needlebook/error.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/products.hpp"
#include "needlebook/render/html.hpp"
#include "needlebook/report/history.hpp"

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

constexpr std::string_view snomed = "http://snomed.info/sct";
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

Json reference(std::string_view type, std::string_view id) {
    return {{"reference", fmt::format("urn:uuid:{}", uuid_of(fmt::format("{}/{}", type, id)))},
            {"type", type}};
}

Json text_concept(std::string_view text) {
    return {{"text", text}};
}

Json coded(std::string_view system, std::string_view code, std::string_view display) {
    return {{"coding", Json::array({{{"system", system}, {"code", code}, {"display", display}}})},
            {"text", display}};
}

// The HL7 code systems under terminology.hl7.org, e.g. hl7_coded("v3-ActCode", "AMB", …).
Json hl7_coded(std::string_view system, std::string_view code, std::string_view display) {
    return coded(fmt::format("{}{}", terminology, system), code, display);
}

constexpr std::array<std::string_view, 3> severity_displays{"Mild", "Moderate", "Severe"};

// The SNOMED CT qualifiers of FHIR's condition-severity value set.
Json severity_concept(Severity severity) {
    constexpr std::array<std::string_view, 3> codes{"255604002", "6736007", "24484000"};
    const auto index = static_cast<std::size_t>(severity);
    return coded(snomed, codes[index], severity_displays[index]);
}

Json notes(const std::vector<std::string>& texts) {
    Json list = Json::array();
    for (const auto& text : texts)
        if (!text.empty())
            list.push_back({{"text", text}});
    return list;
}

// Sets `key` only when `value` holds something: FHIR allows no empty strings or arrays.
void set_if(Json& resource, std::string_view key, Json value) {
    const bool empty =
        value.is_null() ||
        ((value.is_string() || value.is_array() || value.is_object()) && value.empty());
    if (!empty)
        resource[std::string(key)] = std::move(value);
}

std::string area_text(Area area, std::optional<Side> side) {
    return side ? fmt::format("{}, {}", label_of(area), label_of(*side))
                : std::string(label_of(area));
}

std::string status_of(bool voided, std::string_view status) {
    return voided ? "entered-in-error" : std::string(status);
}

// The reason and every field before and after, so no correction is hidden from a reader.
Json amendment_narrative(const report::Amendment& amendment) {
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
    return {{"status", "generated"}, {"div", div + "</div>"}};
}

bool is_void(const report::Amendment& amendment) {
    return std::any_of(amendment.changes.begin(), amendment.changes.end(),
                       [](const auto& change) { return change.field == "voided"; });
}

// Can `text` go between quotes as it is? Printable ASCII without quote or backslash can;
// anything else is left to nlohmann's escaping, which also checks the UTF-8.
bool plain_ascii(std::string_view text) {
    return std::all_of(text.begin(), text.end(),
                       [](char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; });
}

void append_string(std::string& text, std::string_view value) {
    if (!plain_ascii(value)) {
        text += Json(value).dump();
        return;
    }
    text += '"';
    text += value;
    text += '"';
}

// Appends `value` exactly as nlohmann's dump(2) prints it when nested `indent` spaces deep,
// straight into `text`: no text of its own to copy and indent again.
void append_dumped(std::string& text, const Json& value, std::size_t indent) {
    switch (value.type()) {
    case Json::value_t::object: {
        const auto& members = value.get_ref<const Json::object_t&>();
        if (members.empty()) {
            text += "{}";
            return;
        }
        text += "{\n";
        bool first = true;
        for (const auto& [key, member] : members) {
            if (!first)
                text += ",\n";
            first = false;
            text.append(indent + 2, ' ');
            append_string(text, key);
            text += ": ";
            append_dumped(text, member, indent + 2);
        }
        text += '\n';
        text.append(indent, ' ');
        text += '}';
        return;
    }
    case Json::value_t::array: {
        const auto& items = value.get_ref<const Json::array_t&>();
        if (items.empty()) {
            text += "[]";
            return;
        }
        text += "[\n";
        bool first = true;
        for (const auto& item : items) {
            if (!first)
                text += ",\n";
            first = false;
            text.append(indent + 2, ' ');
            append_dumped(text, item, indent + 2);
        }
        text += '\n';
        text.append(indent, ' ');
        text += ']';
        return;
    }
    case Json::value_t::string:
        append_string(text, value.get_ref<const Json::string_t&>());
        return;
    case Json::value_t::number_integer:
        fmt::format_to(std::back_inserter(text), "{}", value.get<std::int64_t>());
        return;
    case Json::value_t::number_unsigned:
        fmt::format_to(std::back_inserter(text), "{}", value.get<std::uint64_t>());
        return;
    default: // floating point, booleans, null: nlohmann's own text, as it is for these
        text += value.dump();
        return;
    }
}

// Resources in order, each once; shared ones (practitioners, devices, medication lots) are
// kept apart and come last, sorted, however many records refer to them.
class BundleBuilder {
public:
    // Each resource becomes entry text at once, so nothing of a patient outlives the patient.
    void add(const Json& resource) {
        auto key = key_of(resource);
        // Within one patient: other patients' resource ids differ by a record id or chart code.
        if (!m_keys.insert(key).second)
            throw Error(fmt::format("fhir: two resources named {}", key));
        append_entry(key, resource);
    }
    void add_shared(Json resource) {
        const auto key = key_of(resource);
        m_shared.try_emplace(key, std::move(resource));
    }
    // Writes the resources added since the last flush as entries, and forgets them; the shared
    // ones (products, makers, practitioners) wait for the end, as they serve every patient.
    void flush(std::ostream& out) {
        out.write(m_text.data(), static_cast<std::streamsize>(m_text.size()));
        m_text.clear(); // keeps its capacity: the next patient's text reuses it
        m_keys.clear();
    }
    void finish(std::ostream& out) {
        for (const auto& [key, resource] : m_shared)
            append_entry(key, resource);
        m_shared.clear();
        m_text += m_written > 0 ? "\n  ]\n}\n" : "\n}\n";
        flush(out);
    }
    void start(std::ostream& out, const std::string& id) {
        out << "{\n  \"resourceType\": \"Bundle\",\n  \"id\": " << Json(id).dump()
            << ",\n  \"type\": \"collection\"";
    }
    long long written() const { return m_written; }

private:
    static std::string key_of(const Json& resource) {
        return fmt::format("{}/{}", resource.at("resourceType").get_ref<const std::string&>(),
                           resource.at("id").get_ref<const std::string&>());
    }
    // Exactly what dump(2) of the whole bundle prints for the entry {fullUrl, resource}.
    void append_entry(const std::string& key, const Json& resource) {
        m_text += m_written++ == 0 ? ",\n  \"entry\": [\n" : ",\n";
        m_text += "    {\n      \"fullUrl\": \"urn:uuid:";
        m_text += uuid_of(key);
        m_text += "\",\n      \"resource\": ";
        append_dumped(m_text, resource, 6);
        m_text += "\n    }";
    }

    std::string m_text; // the entries of the patient being exported
    std::set<std::string> m_keys;
    std::map<std::string, Json> m_shared;
    long long m_written = 0;
};

// The resources of one patient's history, added to a bundle.
class PatientExport {
public:
    PatientExport(BundleBuilder& bundle, const report::PatientHistory& history,
                  const Products& products, const ClinicSettings& settings)
        : m_bundle(bundle), m_history(history), m_products(products), m_settings(settings),
          m_patient_id(fhir_id("patient", history.patient.code)),
          m_patient(reference("Patient", m_patient_id)) {}

    void add_all() {
        add_patient();
        for (const auto& condition : m_history.conditions)
            m_bundle.add(condition_on_file(condition));
        for (const auto& consent : m_history.consents)
            m_bundle.add(consent_resource(consent));
        for (const auto& entry : m_history.sessions)
            add_session(entry);
    }

private:
    void add_patient();
    Json skin_type_observation(int fitzpatrick) const;
    Json condition_on_file(const Condition& condition) const;
    Json consent_resource(const Consent& consent) const;
    void add_session(const report::SessionEntry& entry);
    Json encounter(const Session& session, const std::string& id,
                   const std::optional<Json>& practitioner) const;
    Json procedure(const Session& session, const std::string& id,
                   const std::optional<Json>& practitioner, Json devices, Json medications) const;
    Json depth_observation(const Session& session, std::size_t index) const;
    Json serum_administration(const Session& session, std::size_t index, Json medication,
                              const std::optional<Json>& practitioner) const;
    void add_reaction(const Session& session, const report::ReactionEntry& item);
    Json reaction_observation(const Session& session, const report::ReactionEntry& item,
                              const std::string& id) const;
    Json adverse_event(const Session& session, const report::ReactionEntry& item,
                       const std::string& id) const;
    Json reaction_condition(const report::ReactionEntry& item, const std::string& id) const;
    Json followup_observation(const Session& session, const Followup& followup) const;
    void add_provenances(const std::vector<report::Amendment>& amendments,
                         const std::string& record, const Json& targets);

    std::optional<Json> practitioner(const std::string& name);
    Json devices_of(const Session& session);
    Json medication(const SerumUse& use);
    Json procedure_reference(const Session& session) const {
        return reference("Procedure", fmt::format("session-{}", session.id));
    }
    Json encounter_reference(const Session& session) const {
        return reference("Encounter", fmt::format("session-{}", session.id));
    }

    BundleBuilder& m_bundle;
    const report::PatientHistory& m_history;
    const Products& m_products;
    const ClinicSettings& m_settings;
    std::string m_patient_id;
    Json m_patient;
};

void PatientExport::add_patient() {
    const auto& patient = m_history.patient;
    const auto& d = patient.details;
    Json resource{{"resourceType", "Patient"}, {"id", m_patient_id}};
    Json identifier{{"use", "usual"},
                    {"type", hl7_coded("v2-0203", "MR", "Medical record number")},
                    {"value", patient.code}};
    resource["identifier"] = Json::array({identifier});
    resource["active"] = !patient.revision.voided;
    Json name{{"use", "official"}};
    set_if(name, "family", d.family_name);
    if (!d.given_name.empty())
        name["given"] = Json::array({d.given_name});
    resource["name"] = Json::array({name});
    Json telecom = Json::array();
    if (!d.phone.empty())
        telecom.push_back({{"system", "phone"}, {"value", d.phone}});
    if (!d.email.empty())
        telecom.push_back({{"system", "email"}, {"value", d.email}});
    set_if(resource, "telecom", std::move(telecom));
    resource["birthDate"] = time::format_date(d.birth_date);
    m_bundle.add(std::move(resource));
    if (d.fitzpatrick)
        m_bundle.add(skin_type_observation(*d.fitzpatrick));
    add_provenances(m_history.patient_amendments, m_patient_id,
                    Json::array({reference("Patient", m_patient_id)}));
}

Json PatientExport::skin_type_observation(int fitzpatrick) const {
    return {{"resourceType", "Observation"},
            {"id", fhir_id("fitzpatrick", m_history.patient.code)},
            {"status", "final"},
            {"category", Json::array({hl7_coded("observation-category", "exam", "Exam")})},
            {"code", text_concept("Fitzpatrick skin type")},
            {"subject", m_patient},
            {"valueCodeableConcept",
             text_concept(fmt::format("type {}", fitzpatrick_roman(fitzpatrick)))}};
}

Json PatientExport::condition_on_file(const Condition& condition) const {
    const auto& d = condition.details;
    Json resource{{"resourceType", "Condition"}, {"id", fmt::format("condition-{}", condition.id)}};
    if (condition.revision.voided)
        resource["verificationStatus"] =
            hl7_coded("condition-ver-status", "entered-in-error", "Entered in Error");
    else
        resource["clinicalStatus"] = d.resolved_on
                                         ? hl7_coded("condition-clinical", "resolved", "Resolved")
                                         : hl7_coded("condition-clinical", "active", "Active");
    resource["category"] =
        Json::array({hl7_coded("condition-category", "problem-list-item", "Problem List Item")});
    resource["code"] = text_concept(label_of(d.code));
    resource["subject"] = m_patient;
    if (d.since)
        resource["onsetDateTime"] = time::format_date(*d.since);
    if (d.resolved_on)
        resource["abatementDateTime"] = time::format_date(*d.resolved_on);
    set_if(resource, "note", notes({d.note}));
    return resource;
}

Json PatientExport::consent_resource(const Consent& consent) const {
    const auto& d = consent.details;
    Json resource{
        {"resourceType", "Consent"},
        {"id", fmt::format("consent-{}", consent.id)},
        {"status", status_of(consent.revision.voided, "active")},
        {"scope", hl7_coded("consentscope", "treatment", "Treatment")},
        {"category", Json::array({coded("http://loinc.org", "59284-0", "Patient Consent")})},
        {"patient", m_patient},
        {"dateTime", time::format_date(d.signed_on)},
        {"performer", Json::array({m_patient})},
        {"policyRule", hl7_coded("v3-ActCode", "OPTIN", "opt-in")}};
    // Valid for the clinic's consent_valid_months, as the clinical checks count it.
    Json provision{{"type", "permit"},
                   {"period",
                    {{"start", time::format_date(d.signed_on)},
                     {"end", time::format_date(time::add_months(
                                 d.signed_on, m_settings.consent_valid_months))}}}};
    if (!d.covers.empty())
        provision["code"] = Json::array({text_concept(d.covers)});
    resource["provision"] = std::move(provision);
    return resource;
}

std::optional<Json> PatientExport::practitioner(const std::string& name) {
    if (name.empty())
        return std::nullopt;
    const auto id = fhir_id("practitioner", name);
    m_bundle.add_shared(
        {{"resourceType", "Practitioner"}, {"id", id}, {"name", Json::array({{{"text", name}}})}});
    return reference("Practitioner", id);
}

// The device used (shared by kind and model) and the session's single-use cartridge with its
// lot, as Procedure.focalDevice entries.
Json PatientExport::devices_of(const Session& session) {
    const auto& d = session.details;
    Json focal = Json::array();
    const auto kind = code_of(d.device);
    const auto device_id = d.model.empty() ? fmt::format("device-{}", kind)
                                           : fhir_id(fmt::format("device-{}", kind), d.model);
    Json device{{"resourceType", "Device"}, {"id", device_id}};
    if (!d.model.empty())
        device["deviceName"] = Json::array({{{"name", d.model}, {"type", "model-name"}}});
    device["type"] =
        text_concept(d.device == Device::rf ? std::string("RF microneedling device")
                                            : fmt::format("microneedling {}", label_of(d.device)));
    m_bundle.add_shared(std::move(device));
    focal.push_back({{"manipulated", reference("Device", device_id)}});
    if (d.cartridge.empty() && d.cartridge_lot.empty())
        return focal;
    const auto cartridge_id = fmt::format("cartridge-{}", session.id);
    Json cartridge{{"resourceType", "Device"}, {"id", cartridge_id}};
    set_if(cartridge, "lotNumber", d.cartridge_lot);
    if (!d.cartridge.empty())
        cartridge["deviceName"] = Json::array({{{"name", d.cartridge}, {"type", "model-name"}}});
    cartridge["type"] = text_concept("microneedling cartridge");
    m_bundle.add(std::move(cartridge));
    focal.push_back({{"manipulated", reference("Device", cartridge_id)}});
    return focal;
}

// One Medication per product and lot, so a recall finds every administration of the lot.
Json PatientExport::medication(const SerumUse& use) {
    const auto id = fhir_id("medication", fmt::format("{}-{}", use.product, use.lot));
    Json resource{{"resourceType", "Medication"}, {"id", id}};
    const auto product = m_products.find(use.product);
    if (product == m_products.end()) {
        resource["code"] = text_concept(use.product);
    } else {
        resource["code"] = text_concept(product->second.name);
        if (!product->second.maker.empty()) {
            const auto maker_id = fhir_id("maker", product->second.maker);
            m_bundle.add_shared({{"resourceType", "Organization"},
                                 {"id", maker_id},
                                 {"name", product->second.maker}});
            resource["manufacturer"] = reference("Organization", maker_id);
        }
        resource["ingredient"] =
            Json::array({{{"itemCodeableConcept", text_concept(label_of(product->second.kind))}}});
    }
    resource["batch"] = {{"lotNumber", use.lot}};
    m_bundle.add_shared(std::move(resource));
    return reference("Medication", id);
}

void PatientExport::add_session(const report::SessionEntry& entry) {
    const auto& session = entry.session;
    const auto id = fmt::format("session-{}", session.id);
    const auto performer = practitioner(session.details.practitioner);
    Json medications = Json::array();
    for (const auto& use : session.details.serums)
        medications.push_back(medication(use));
    m_bundle.add(encounter(session, id, performer));
    m_bundle.add(procedure(session, id, performer, devices_of(session), medications));
    for (std::size_t i = 0; i < session.details.areas.size(); ++i)
        m_bundle.add(depth_observation(session, i));
    for (std::size_t i = 0; i < session.details.serums.size(); ++i)
        m_bundle.add(serum_administration(session, i, medications[i], performer));
    for (const auto& item : entry.reactions)
        add_reaction(session, item);
    for (const auto& followup : entry.followups)
        m_bundle.add(followup_observation(session, followup));
    add_provenances(entry.amendments, id,
                    Json::array({encounter_reference(session), procedure_reference(session)}));
}

Json PatientExport::encounter(const Session& session, const std::string& id,
                              const std::optional<Json>& practitioner) const {
    const auto& d = session.details;
    Json resource{{"resourceType", "Encounter"},
                  {"id", id},
                  {"status", status_of(session.revision.voided, "finished")},
                  {"class",
                   {{"system", fmt::format("{}v3-ActCode", terminology)},
                    {"code", "AMB"},
                    {"display", "ambulatory"}}},
                  {"type", Json::array({text_concept("microneedling session")})},
                  {"subject", m_patient}};
    if (practitioner)
        resource["participant"] = Json::array({{{"individual", *practitioner}}});
    resource["period"] = {{"start", time::format_utc(d.performed_at)}};
    resource["reasonCode"] = Json::array({text_concept(label_of(d.indication))});
    return resource;
}

Json PatientExport::procedure(const Session& session, const std::string& id,
                              const std::optional<Json>& practitioner, Json devices,
                              Json medications) const {
    const auto& d = session.details;
    Json resource{{"resourceType", "Procedure"},
                  {"id", id},
                  {"status", status_of(session.revision.voided, "completed")},
                  {"code", text_concept("microneedling (collagen induction therapy)")},
                  {"subject", m_patient},
                  {"encounter", encounter_reference(session)},
                  {"performedDateTime", time::format_utc(d.performed_at)}};
    if (practitioner)
        resource["performer"] = Json::array({{{"actor", *practitioner}}});
    resource["reasonCode"] = Json::array({text_concept(label_of(d.indication))});
    resource["bodySite"] = Json::array();
    for (const auto& treated : d.areas)
        resource["bodySite"].push_back(text_concept(area_text(treated.area, treated.side)));
    std::vector<std::string> texts;
    for (const auto& item : session.overrides)
        texts.push_back(fmt::format("override of the {} check: {} (reason: {})", item.rule,
                                    item.detail, session.override_reason));
    if (!d.endpoint.empty())
        texts.push_back(fmt::format("endpoint reached: {}", d.endpoint));
    texts.push_back(d.note);
    set_if(resource, "note", notes(texts));
    if (!d.aftercare.empty())
        resource["followUp"] = Json::array({text_concept(d.aftercare)});
    resource["focalDevice"] = std::move(devices);
    set_if(resource, "usedReference", std::move(medications));
    if (!d.anaesthetic.empty())
        resource["usedCode"] = Json::array({text_concept(d.anaesthetic)});
    return resource;
}

Json PatientExport::depth_observation(const Session& session, std::size_t index) const {
    const auto& treated = session.details.areas[index];
    Json resource{
        {"resourceType", "Observation"},
        {"id", fmt::format("area-{}-{}", session.id, index + 1)},
        {"status", status_of(session.revision.voided, "final")},
        {"category", Json::array({hl7_coded("observation-category", "procedure", "Procedure")})},
        {"code", text_concept("microneedle penetration depth")},
        {"subject", m_patient},
        {"encounter", encounter_reference(session)},
        {"partOf", Json::array({procedure_reference(session)})},
        {"effectiveDateTime", time::format_utc(session.details.performed_at)},
        {"valueQuantity",
         {{"value", treated.depth_mm}, {"unit", "mm"}, {"system", ucum}, {"code", "mm"}}},
        {"bodySite", text_concept(area_text(treated.area, treated.side))}};
    if (treated.passes)
        resource["component"] = Json::array(
            {{{"code", text_concept("number of passes")}, {"valueInteger", *treated.passes}}});
    return resource;
}

Json PatientExport::serum_administration(const Session& session, std::size_t index, Json medication,
                                         const std::optional<Json>& practitioner) const {
    const auto& use = session.details.serums[index];
    Json resource{{"resourceType", "MedicationAdministration"},
                  {"id", fmt::format("serum-{}-{}", session.id, index + 1)},
                  {"partOf", Json::array({procedure_reference(session)})},
                  {"status", status_of(session.revision.voided, "completed")},
                  {"medicationReference", std::move(medication)},
                  {"subject", m_patient},
                  {"context", encounter_reference(session)},
                  {"effectiveDateTime", time::format_utc(session.details.performed_at)}};
    if (practitioner)
        resource["performer"] = Json::array({{{"actor", *practitioner}}});
    resource["dosage"] = {{"text", fmt::format("applied {} needling", label_of(use.phase))}};
    return resource;
}

// Expected reactions are observations; kinds that are always adverse events are reported as
// an AdverseEvent with the Condition it resulted in.
void PatientExport::add_reaction(const Session& session, const report::ReactionEntry& item) {
    const auto id = fmt::format("reaction-{}", item.reaction.id);
    Json targets = Json::array();
    if (!item.timeline.adverse) {
        m_bundle.add(reaction_observation(session, item, id));
        targets.push_back(reference("Observation", id));
    } else {
        m_bundle.add(reaction_condition(item, id));
        targets.push_back(reference("Condition", id));
        // AdverseEvent has no status: a reaction recorded in error is no event at all.
        if (!item.reaction.revision.voided) {
            m_bundle.add(adverse_event(session, item, id));
            targets.push_back(reference("AdverseEvent", id));
        }
    }
    add_provenances(item.amendments, id, targets);
}

std::string timeline_note(const report::ReactionEntry& item) {
    const auto marks = report::timeline_marks(item.timeline);
    return fmt::format("onset day {}, recovery day {}{}", item.timeline.onset_day,
                       item.timeline.recovery_day, marks.empty() ? "" : "; " + marks);
}

Json PatientExport::reaction_observation(const Session& session, const report::ReactionEntry& item,
                                         const std::string& id) const {
    const auto& d = item.reaction.details;
    Json resource{{"resourceType", "Observation"},
                  {"id", id},
                  {"status", status_of(item.reaction.revision.voided, "final")},
                  {"category", Json::array({hl7_coded("observation-category", "exam", "Exam")})},
                  {"code", text_concept(label_of(d.kind))},
                  {"subject", m_patient},
                  {"partOf", Json::array({procedure_reference(session)})}};
    Json period{{"start", time::format_date(d.onset)}};
    if (d.resolved)
        period["end"] = time::format_date(*d.resolved);
    resource["effectivePeriod"] = std::move(period);
    resource["valueCodeableConcept"] = severity_concept(d.severity);
    resource["note"] = notes({timeline_note(item), d.note});
    if (d.area)
        resource["bodySite"] = text_concept(area_text(*d.area, d.side));
    return resource;
}

Json PatientExport::adverse_event(const Session& session, const report::ReactionEntry& item,
                                  const std::string& id) const {
    const auto& d = item.reaction.details;
    Json resource{{"resourceType", "AdverseEvent"},
                  {"id", id},
                  {"actuality", "actual"},
                  {"event", text_concept(label_of(d.kind))},
                  {"subject", m_patient},
                  {"date", time::format_date(d.onset)},
                  {"resultingCondition", Json::array({reference("Condition", id)})}};
    resource["severity"] = hl7_coded("adverse-event-severity", code_of(d.severity),
                                     severity_displays[static_cast<std::size_t>(d.severity)]);
    resource["outcome"] = d.resolved ? hl7_coded("adverse-event-outcome", "resolved", "Resolved")
                                     : hl7_coded("adverse-event-outcome", "ongoing", "Ongoing");
    resource["suspectEntity"] = Json::array({{{"instance", procedure_reference(session)}}});
    return resource;
}

Json PatientExport::reaction_condition(const report::ReactionEntry& item,
                                       const std::string& id) const {
    const auto& d = item.reaction.details;
    Json resource{{"resourceType", "Condition"}, {"id", id}};
    // R4 (con-5): a condition entered in error carries no clinical status.
    if (item.reaction.revision.voided)
        resource["verificationStatus"] =
            hl7_coded("condition-ver-status", "entered-in-error", "Entered in Error");
    else
        resource["clinicalStatus"] = d.resolved
                                         ? hl7_coded("condition-clinical", "resolved", "Resolved")
                                         : hl7_coded("condition-clinical", "active", "Active");
    resource["severity"] = severity_concept(d.severity);
    resource["code"] = text_concept(label_of(d.kind));
    if (d.area)
        resource["bodySite"] = Json::array({text_concept(area_text(*d.area, d.side))});
    resource["subject"] = m_patient;
    resource["onsetDateTime"] = time::format_date(d.onset);
    if (d.resolved)
        resource["abatementDateTime"] = time::format_date(*d.resolved);
    resource["note"] = notes({timeline_note(item), d.note});
    return resource;
}

Json PatientExport::followup_observation(const Session& session, const Followup& followup) const {
    const auto& d = followup.details;
    Json resource{{"resourceType", "Observation"},
                  {"id", fmt::format("followup-{}", followup.id)},
                  {"status", status_of(followup.revision.voided, "final")},
                  {"category", Json::array({hl7_coded("observation-category", "exam", "Exam")})},
                  {"code", text_concept("follow-up check after microneedling")},
                  {"subject", m_patient},
                  {"partOf", Json::array({procedure_reference(session)})},
                  {"effectiveDateTime", time::format_date(d.checked_on)},
                  {"valueCodeableConcept", text_concept(label_of(d.outcome))}};
    set_if(resource, "note", notes({d.note}));
    return resource;
}

// One Provenance per amendment or void of `record`: who, when, why, and what it changed.
void PatientExport::add_provenances(const std::vector<report::Amendment>& amendments,
                                    const std::string& record, const Json& targets) {
    for (const auto& amendment : amendments) {
        const auto& revision = amendment.revision;
        const auto at = time::format_utc(revision.recorded_at);
        Json resource{{"resourceType", "Provenance"},
                      {"id", fhir_id("revision", fmt::format("{}-{}", record, revision.number))},
                      {"text", amendment_narrative(amendment)},
                      {"target", targets},
                      {"occurredDateTime", at},
                      {"recorded", at}};
        if (!revision.reason.empty())
            resource["reason"] = Json::array({text_concept(revision.reason)});
        resource["activity"] = is_void(amendment)
                                   ? hl7_coded("v3-DataOperation", "NULLIFY", "nullify")
                                   : hl7_coded("v3-DataOperation", "UPDATE", "revise");
        resource["agent"] = Json::array({{{"who", {{"display", revision.author}}}}});
        m_bundle.add(std::move(resource));
    }
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
    return scope.db().write([&] {
        std::vector<std::string> codes;
        if (patient_code) // an unknown chart code fails before a byte is written
            codes.push_back(records::find_patient(scope.db(), *patient_code).code);
        else
            for (const auto& patient : records::list_patients(scope.db(), ""))
                codes.push_back(patient.code);
        const auto products = product_catalogue(scope.db());
        BundleBuilder bundle;
        bundle.start(out, patient_code ? fhir_id("needlebook-patient", codes.front())
                                       : std::string("needlebook-all"));
        FhirSummary summary;
        for (const auto& code : codes) {
            const auto history = report::build_history(scope, code, "fhir");
            PatientExport(bundle, history, products, scope.settings()).add_all();
            bundle.flush(out);
            ++summary.patients;
            summary.sessions += static_cast<long long>(history.sessions.size());
        }
        bundle.finish(out);
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
