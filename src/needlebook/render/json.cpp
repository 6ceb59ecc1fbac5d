#include "needlebook/render/json.hpp"

#include <fmt/format.h>

namespace needlebook::render {
namespace {

template <class T> nlohmann::ordered_json optional_value(const std::optional<T>& value) {
    return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

template <class E> nlohmann::ordered_json optional_code(const std::optional<E>& value) {
    return value ? nlohmann::ordered_json(std::string(code_of(*value)))
                 : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json optional_date(const std::optional<time::Date>& day) {
    return day ? nlohmann::ordered_json(time::format_date(*day)) : nlohmann::ordered_json(nullptr);
}

} // namespace

nlohmann::ordered_json to_json(const RevisionInfo& revision) {
    return {{"number", revision.number},
            {"author", revision.author},
            {"recorded_at", time::format_utc(revision.recorded_at)},
            {"reason", revision.reason},
            {"voided", revision.voided}};
}

nlohmann::ordered_json to_json(const Patient& patient) {
    const auto& d = patient.details;
    return {{"code", patient.code},
            {"family_name", d.family_name},
            {"given_name", d.given_name},
            {"birth_date", time::format_date(d.birth_date)},
            {"fitzpatrick", optional_value(d.fitzpatrick)},
            {"phone", d.phone},
            {"email", d.email},
            {"note", d.note},
            {"revision", to_json(patient.revision)}};
}

nlohmann::ordered_json to_json(const Condition& condition) {
    const auto& d = condition.details;
    auto clearances = nlohmann::ordered_json::array();
    for (const auto& clearance : d.clearances)
        clearances.push_back({{"by", clearance.by},
                              {"on", time::format_date(clearance.on)},
                              {"until", time::format_date(clearance.until)},
                              {"reason", clearance.reason}});
    return {{"id", condition.id.value},
            {"code", std::string(code_of(d.code))},
            {"since", optional_date(d.since)},
            {"resolved", optional_date(d.resolved_on)},
            {"note", d.note},
            {"clearances", clearances},
            {"revision", to_json(condition.revision)}};
}

nlohmann::ordered_json to_json(const Consent& consent) {
    const auto& d = consent.details;
    return {{"id", consent.id.value},
            {"signed", time::format_date(d.signed_on)},
            {"covers", d.covers},
            {"guardian", d.guardian},
            {"withdrawn", d.withdrawal
                              ? nlohmann::ordered_json{{"on", time::format_date(d.withdrawal->on)},
                                                       {"reason", d.withdrawal->reason}}
                              : nlohmann::ordered_json(nullptr)},
            {"revision", to_json(consent.revision)}};
}

nlohmann::ordered_json to_json(const Lot& lot) {
    const auto& d = lot.details;
    return {{"id", lot.id.value},
            {"product", lot.product},
            {"lot", lot.lot},
            {"expires", time::format_date(d.expires_on)},
            {"received", optional_date(d.received_on)},
            {"note", d.note},
            {"recalled", d.recall ? nlohmann::ordered_json{{"on", time::format_date(d.recall->on)},
                                                           {"reason", d.recall->reason}}
                                  : nlohmann::ordered_json(nullptr)},
            {"revision", to_json(lot.revision)}};
}

nlohmann::ordered_json to_json(const Session& session, const time::ClinicZone& zone) {
    const auto& d = session.details;
    auto areas = nlohmann::ordered_json::array();
    for (const auto& treated : d.areas)
        areas.push_back({{"area", std::string(code_of(treated.area))},
                         {"side", optional_code(treated.side)},
                         {"depth_mm", treated.depth_mm},
                         {"passes", optional_value(treated.passes)}});
    auto serums = nlohmann::ordered_json::array();
    for (const auto& use : d.serums)
        serums.push_back({{"product", use.product},
                          {"lot", use.lot},
                          {"phase", std::string(code_of(use.phase))},
                          {"amount_ml", optional_value(use.amount_ml)}});
    auto findings = nlohmann::ordered_json::array();
    for (const auto& finding : session.findings)
        findings.push_back(to_json(finding));
    return {{"id", session.id.value},
            {"patient", session.patient_code},
            {"at", zone.format_local(d.performed_at)},
            {"at_utc", time::format_utc(d.performed_at)},
            {"time_zone", zone.name()},
            {"practitioner", d.practitioner},
            {"indication", std::string(code_of(d.indication))},
            {"course", d.course ? nlohmann::ordered_json(d.course->value) : nullptr},
            {"device", std::string(code_of(d.device))},
            {"model", d.model},
            {"cartridge", d.cartridge},
            {"cartridge_lot", d.cartridge_lot},
            {"anaesthetic", d.anaesthetic},
            {"endpoint", d.endpoint},
            {"aftercare", d.aftercare},
            {"note", d.note},
            {"areas", areas},
            {"serums", serums},
            {"findings", findings},
            {"revision", to_json(session.revision)}};
}

nlohmann::ordered_json to_json(const Reaction& reaction) {
    const auto& d = reaction.details;
    return {{"id", reaction.id.value},
            {"session", reaction.session_id.value},
            {"kind", std::string(code_of(d.kind))},
            {"severity", std::string(code_of(d.severity))},
            {"area", optional_code(d.area)},
            {"side", optional_code(d.side)},
            {"onset", time::format_date(d.onset)},
            {"resolved", optional_date(d.resolved)},
            {"note", d.note},
            {"revision", to_json(reaction.revision)}};
}

nlohmann::ordered_json to_json(const Followup& followup) {
    return {{"id", followup.id.value},
            {"session", followup.session_id.value},
            {"on", time::format_date(followup.details.checked_on)},
            {"outcome", std::string(code_of(followup.details.outcome))},
            {"note", followup.details.note},
            {"revision", to_json(followup.revision)}};
}

nlohmann::ordered_json to_json(const Course& course) {
    const auto& d = course.details;
    auto areas = nlohmann::ordered_json::array();
    for (const auto area : d.areas)
        areas.push_back(std::string(code_of(area)));
    return {{"id", course.id.value},
            {"patient_id", course.patient_id.value},
            {"indication", std::string(code_of(d.indication))},
            {"planned", d.planned},
            {"every_days", d.every_days},
            {"areas", areas},
            {"goal", d.goal},
            {"started_on", time::format_date(d.started_on)},
            {"closed_on",
             d.closing ? nlohmann::ordered_json(time::format_date(d.closing->on)) : nullptr},
            {"outcome", d.closing ? nlohmann::ordered_json(code_of(d.closing->outcome)) : nullptr},
            {"close_reason", d.closing ? d.closing->reason : ""},
            {"revision", to_json(course.revision)}};
}

nlohmann::ordered_json to_json(const Assessment& assessment) {
    const auto& d = assessment.details;
    const auto& scale = scale_of(d.scale);
    return {{"id", assessment.id.value},
            {"patient_id", assessment.patient_id.value},
            {"scale", std::string(scale.key)},
            {"score", d.score},
            {"score_text", format_score(scale, d.score)},
            {"area", optional_code(d.area)},
            {"side", optional_code(d.side)},
            {"on", time::format_date(d.assessed_on)},
            {"session", d.session ? nlohmann::ordered_json(d.session->value) : nullptr},
            {"course", d.course ? nlohmann::ordered_json(d.course->value) : nullptr},
            {"by", d.assessor},
            {"note", d.note},
            {"revision", to_json(assessment.revision)}};
}

nlohmann::ordered_json to_json(const Photo& photo) {
    const auto& d = photo.details;
    const auto& image = photo.image;
    return {{"id", photo.id.value},
            {"view", std::string(code_of(d.view))},
            {"taken", time::format_date(d.taken_on)},
            {"session", d.session ? nlohmann::ordered_json(d.session->value)
                                  : nlohmann::ordered_json(nullptr)},
            {"note", d.note},
            {"override_reason", d.override_reason},
            {"bytes", image.bytes},
            {"media_type", std::string(media_type(image.type))},
            {"sha256", image.sha256},
            {"store_file", fmt::format("{}{}", image.sha256, file_suffix(image.type))},
            {"file_name", image.file_name},
            {"revision", to_json(photo.revision)}};
}

nlohmann::ordered_json to_json(const SessionFinding& finding) {
    return {{"key", finding.key},
            {"level", fmt::format("{}", finding.level)},
            {"message", finding.message},
            {"override_reason", finding.override_reason},
            {"overridden_by", finding.overridden_by},
            {"overridden_at", finding.overridden_at
                                  ? nlohmann::ordered_json(time::format_utc(*finding.overridden_at))
                                  : nlohmann::ordered_json()}};
}

} // namespace needlebook::render
