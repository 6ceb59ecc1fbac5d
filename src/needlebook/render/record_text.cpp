#include "needlebook/render/record_text.hpp"

#include "needlebook/model/text.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace needlebook::render {
namespace {

// Every line below that holds stored text is printed visible() (model/text.hpp): one line of
// visible characters, so a note cannot fake a field, a row or a revision line.

// One "  label  value" line, skipped when the value is empty.
void field(std::string& out, std::string_view label, std::string_view value) {
    if (!value.empty())
        fmt::format_to(std::back_inserter(out), "  {:<14}{}\n", label, visible(value));
}

// `text` as one visible line after `prefix`.
void line(std::string& out, std::string_view prefix, std::string_view text) {
    out += std::string(prefix) + visible(text) + "\n";
}

std::string indent(const std::string& text, std::string_view prefix) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        const auto end = std::min(text.find('\n', start), text.size() - 1);
        out += std::string(prefix) + text.substr(start, end - start + 1);
        start = end + 1;
    }
    return out;
}

std::string device_line(const SessionDetails& d) {
    std::string line(label_of(d.device));
    if (!d.model.empty())
        line += ", model " + d.model;
    if (!d.cartridge.empty())
        line += ", cartridge " + d.cartridge;
    if (!d.cartridge_lot.empty())
        line += ", cartridge lot " + d.cartridge_lot;
    return line;
}

} // namespace

std::string reaction_text(const ReactionDetails& d) {
    std::string line = fmt::format("{}, {}", label_of(d.kind), label_of(d.severity));
    if (d.area)
        line += ", " + area_side_code(*d.area, d.side);
    line += ", onset " + time::format_date(d.onset);
    line += d.resolved ? ", resolved " + time::format_date(*d.resolved) : std::string(", open");
    if (!d.note.empty())
        line += " (" + d.note + ")";
    return line;
}

std::string course_text(const CourseDetails& c) {
    std::string line =
        fmt::format("{}, {} session{} every {} days from {}", code_of(c.indication), c.planned,
                    c.planned == 1 ? "" : "s", c.every_days, time::format_date(c.started_on));
    if (!c.areas.empty())
        line += ", areas " + areas_text(c.areas);
    if (!c.goal.empty())
        line += "; goal: " + c.goal;
    if (c.closing)
        line += fmt::format("; closed {} {} ({})", time::format_date(c.closing->on),
                            code_of(c.closing->outcome), c.closing->reason);
    return line;
}

std::string course_place_text(const CoursePlace& place) {
    return fmt::format("session {} of {} planned in course {}", place.position, place.planned,
                       place.course);
}

std::string score_text(const AssessmentDetails& a) {
    const auto& scale = scale_of(a.scale);
    std::string line = fmt::format("{} {}", scale.key, format_score(scale, a.score));
    if (a.area)
        line += ", " + area_side_code(*a.area, a.side);
    line += ", on " + time::format_date(a.assessed_on);
    if (a.session)
        line += fmt::format(", session {}", *a.session);
    if (a.course)
        line += fmt::format(", course {}", *a.course);
    if (!a.assessor.empty())
        line += ", by " + a.assessor;
    if (!a.note.empty())
        line += " (" + a.note + ")";
    return line;
}

std::string condition_text(const ConditionDetails& c) {
    return fmt::format(
        "{}{}{}{}", code_of(c.code), c.since ? " since " + time::format_date(*c.since) : "",
        c.resolved_on ? ", resolved " + time::format_date(*c.resolved_on) : ", active",
        c.clearances.empty() ? "" : "; " + clearances_text(c.clearances));
}

std::string followup_text(const FollowupDetails& f) {
    return fmt::format("{}: {}{}", time::format_date(f.checked_on), label_of(f.outcome),
                       f.note.empty() ? "" : " (" + f.note + ")");
}

std::string patient_name(const PatientDetails& details) {
    return details.family_name + ", " + details.given_name;
}

std::string revision_line(const RevisionInfo& revision, const time::ClinicZone& zone) {
    std::string line =
        fmt::format("revision {}{} by {} on {}", revision.number, revision.voided ? " (VOID)" : "",
                    revision.author, zone.format_local(revision.recorded_at));
    if (!revision.reason.empty())
        line += ": " + revision.reason;
    return line;
}

std::string session_text(const Session& session, const std::vector<Reaction>& reactions,
                         const std::vector<Followup>& followups, const time::ClinicZone& zone,
                         const std::optional<CoursePlace>& place,
                         const std::vector<Assessment>& scores) {
    const auto& d = session.details;
    std::string out = visible(fmt::format("Session {} for {}{}", session.id, session.patient_code,
                                          session.revision.voided ? "  [VOIDED]" : "")) +
                      "\n";
    field(out, "at", fmt::format("{} ({})", zone.format_local(d.performed_at), zone.name()));
    field(out, "practitioner", d.practitioner);
    field(out, "indication", label_of(d.indication));
    if (place)
        field(out, "course", course_place_text(*place));
    else if (d.course) // a voided session still names the course it was logged in
        field(out, "course", fmt::format("course {}", *d.course));
    field(out, "device", device_line(d));
    field(out, "anaesthetic", d.anaesthetic);
    field(out, "endpoint", d.endpoint);
    field(out, "aftercare", d.aftercare);
    field(out, "note", d.note);
    out += "  areas\n";
    TextTable areas({"area", "depth mm", "passes"},
                    {TextTable::Align::left, TextTable::Align::right, TextTable::Align::right});
    for (const auto& treated : d.areas)
        areas.add_row({area_side_code(treated.area, treated.side), format_depth(treated.depth_mm),
                       treated.passes ? std::to_string(*treated.passes) : "-"});
    out += indent(areas.render(false), "    ");
    if (!d.serums.empty()) {
        out += "  serums\n";
        TextTable serums({"product", "lot", "phase", "ml"});
        for (const auto& use : d.serums)
            serums.add_row({use.product, use.lot, std::string(code_of(use.phase)),
                            use.amount_ml ? format_amount(*use.amount_ml) : "-"});
        out += indent(serums.render(false), "    ");
    }
    for (const auto& finding : session.findings)
        line(out, fmt::format("  {:<14}", fmt::format("{}", finding.level)), finding_text(finding));
    if (!scores.empty()) {
        out += "  scores\n";
        for (const auto& score : scores)
            line(out, "    ", fmt::format("score {}: {}", score.id, score_text(score.details)));
    }
    if (!reactions.empty()) {
        out += "  reactions\n";
        for (const auto& reaction : reactions)
            line(out, "    ",
                 fmt::format("reaction {}: {}", reaction.id, reaction_text(reaction.details)));
    }
    if (!followups.empty()) {
        out += "  follow-ups\n";
        for (const auto& followup : followups)
            line(out, "    ",
                 fmt::format("follow-up {}: {}", followup.id, followup_text(followup.details)));
    }
    line(out, "  ", revision_line(session.revision, zone));
    return out;
}

std::string patient_text(const Patient& patient, const std::vector<Condition>& conditions,
                         const std::vector<Consent>& consents, const std::vector<Session>& sessions,
                         const time::ClinicZone& zone) {
    const auto& d = patient.details;
    std::string out = visible(fmt::format("Patient {}: {}{}", patient.code, patient_name(d),
                                          patient.revision.voided ? "  [VOIDED]" : "")) +
                      "\n";
    field(out, "born", time::format_date(d.birth_date));
    field(out, "fitzpatrick",
          d.fitzpatrick ? std::string(fitzpatrick_roman(*d.fitzpatrick)) : "not recorded");
    field(out, "phone", d.phone);
    field(out, "email", d.email);
    field(out, "note", d.note);
    out += "  conditions\n";
    if (conditions.empty())
        out += "    none on file\n";
    for (const auto& condition : conditions)
        line(out, "    ", fmt::format("{}: {}", condition.id, condition_text(condition.details)));
    out += "  consent\n";
    if (consents.empty())
        out += "    none on file\n";
    for (const auto& consent : consents)
        line(out, "    ", fmt::format("{}: {}", consent.id, consent_text(consent.details)));
    out += fmt::format("  sessions      {}\n", sessions.size());
    for (const auto& session : sessions)
        out += fmt::format(
            "    {}  {}  {}{}\n", session.id, zone.format_local(session.details.performed_at),
            label_of(session.details.device), session.revision.voided ? "  [VOIDED]" : "");
    line(out, "  ", revision_line(patient.revision, zone));
    return out;
}

std::string finding_text(const SessionFinding& finding) {
    if (finding.level == FindingLevel::overridden)
        return fmt::format("{}: {} (reason: {})", finding.key, finding.message,
                           finding.override_reason);
    return fmt::format("{}: {}", finding.key, finding.message);
}

std::string clearance_text(const Clearance& clearance) {
    return fmt::format("cleared by {} from {} until {} ({})", clearance.by,
                       time::format_date(clearance.on), time::format_date(clearance.until),
                       clearance.reason);
}

std::string clearances_text(const std::vector<Clearance>& clearances) {
    std::vector<std::string> texts;
    for (const auto& clearance : clearances)
        texts.push_back(clearance_text(clearance));
    return fmt::format("{}", fmt::join(texts, "; "));
}

std::string consent_text(const ConsentDetails& consent) {
    std::string text = fmt::format("signed {}", time::format_date(consent.signed_on));
    if (!consent.covers.empty())
        text += ", covers " + consent.covers;
    if (!consent.guardian.empty())
        text += fmt::format(", signed by {} (guardian)", consent.guardian);
    if (consent.withdrawal)
        text += fmt::format(", withdrawn {} ({})", time::format_date(consent.withdrawal->on),
                            consent.withdrawal->reason);
    return text;
}

std::string serum_text(const SerumUse& use) {
    return fmt::format("{}, lot {}, {}{}", use.product, use.lot, code_of(use.phase),
                       use.amount_ml ? fmt::format(", {} ml", format_amount(*use.amount_ml)) : "");
}

TextTable session_table(const std::vector<Session>& sessions, const time::ClinicZone& zone) {
    TextTable table({"id", "at", "patient", "device", "areas", "serums", "flags"},
                    {TextTable::Align::right});
    for (const auto& session : sessions) {
        std::vector<std::string> areas;
        for (const auto& treated : session.details.areas)
            areas.push_back(area_spec(treated));
        std::vector<std::string> flags;
        if (session.has_override())
            flags.emplace_back("override");
        if (session.has_warning())
            flags.emplace_back("warning");
        // A void is itself a revision, so only a later revision of a live session is an amendment.
        if (session.revision.voided)
            flags.emplace_back("void");
        else if (session.revision.number > 1)
            flags.emplace_back("amended");
        table.add_row({std::to_string(session.id.value),
                       zone.format_local(session.details.performed_at), session.patient_code,
                       std::string(code_of(session.details.device)),
                       fmt::format("{}", fmt::join(areas, " ")),
                       std::to_string(session.details.serums.size()),
                       fmt::format("{}", fmt::join(flags, ","))});
    }
    return table;
}

TextTable patient_table(const std::vector<Patient>& patients) {
    TextTable table({"code", "name", "born", "fitzpatrick", "phone"});
    for (const auto& patient : patients)
        table.add_row(
            {patient.code,
             patient_name(patient.details) + (patient.revision.voided ? "  [VOIDED]" : ""),
             time::format_date(patient.details.birth_date),
             patient.details.fitzpatrick
                 ? std::string(fitzpatrick_roman(*patient.details.fitzpatrick))
                 : "-",
             patient.details.phone});
    return table;
}

} // namespace needlebook::render
