#include "needlebook/render/history.hpp"
#include "needlebook/render/html.hpp"
#include "needlebook/render/record_text.hpp"
#include "needlebook/render/svg_charts.hpp"

#include <fmt/format.h>
#include <sstream>

namespace needlebook::render {
namespace {

// A4 with a header on every page: the page content sits in a table whose <thead> the browser
// repeats at the top of each printed page. Sessions are kept whole on a page where they fit.
constexpr std::string_view style = R"css(
@page { size: A4; margin: 12mm 14mm 14mm 14mm; }
* { box-sizing: border-box; }
html { font: 10pt/1.35 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; }
body { margin: 0 auto; max-width: 182mm; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
table.page { width: 100%; border-collapse: collapse; }
table.page > thead > tr > td { padding: 0 0 3mm 0; }
table.page > tbody > tr > td { padding: 0; }
.running { display: flex; justify-content: space-between; gap: 4mm; font-size: 8pt; color: #333;
           border-bottom: 0.6pt solid #555; padding-bottom: 1mm; }
h1 { font-size: 16pt; margin: 0 0 1mm; }
h2 { font-size: 12.5pt; margin: 0 0 1.5mm; border-bottom: 0.6pt solid #999; break-after: avoid; }
h3 { font-size: 10pt; margin: 2.5mm 0 1mm; break-after: avoid; }
p { margin: 0.5mm 0; }
.meta { color: #333; font-size: 9pt; }
section { margin: 0 0 5mm; }
section.session { break-inside: avoid; padding-top: 1mm; }
figure { margin: 0 0 4mm; break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: 1mm; }
table.grid { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 0.5mm 0 1mm; }
table.grid th, table.grid td { border: 0.5pt solid #bbb; padding: 0.6mm 1.5mm; text-align: left;
                               vertical-align: top; }
table.grid th { background: #eee; }
table.fields th { width: 32mm; background: none; font-weight: normal; color: #444; }
table.grid td.num { text-align: right; font-variant-numeric: tabular-nums; }
.voided { border: 1pt solid #b00; color: #b00; font-weight: bold; padding: 0.5mm 2mm; }
.override { border-left: 2.5pt solid #e67e22; background: #fdf2e9; padding: 1mm 2mm; margin: 1mm 0; }
.struck td, p.struck { text-decoration: line-through; color: #666; }
.correction { border-left: 2.5pt solid #555; background: #f2f2f2; padding: 1mm 2mm; margin: 1mm 0; }
.warning { border-left: 2.5pt solid #b9770e; background: #fef9e7; padding: 1mm 2mm; margin: 1mm 0; }
.correction ul, .override ul, .warning ul { margin: 0.5mm 0 0; padding-left: 5mm; }
.mark { font-weight: bold; }
.mark-adverse { color: #c0392b; } .mark-prolonged { color: #b9770e; } .mark-open { color: #1a5276; }
svg.chart { max-width: 100%; height: auto; }
.end { text-align: center; color: #555; font-size: 8.5pt; margin-top: 4mm; }
.pair { display: flex; gap: 4mm; break-inside: avoid; margin: 1mm 0 3mm; }
.pair figure { flex: 1; margin: 0; min-width: 0; }
.pair p { font-size: 8pt; overflow-wrap: anywhere; }
.pair img { max-width: 100%; max-height: 70mm; display: block; border: 0.5pt solid #999; }
.pair .noimage { border: 0.5pt dashed #999; padding: 3mm; color: #444; font-size: 8.5pt; }
)css";

std::string e(std::string_view text) {
    return escape_html(text);
}

std::string fields_table(const std::vector<std::pair<std::string, std::string>>& rows) {
    std::string out = "<table class=\"grid fields\">\n";
    for (const auto& [label, value] : rows)
        if (!value.empty())
            out += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", e(label), e(value));
    return out + "</table>\n";
}

std::string marks_html(const report::ReactionTimeline& timeline) {
    std::string out;
    std::istringstream marks(report::timeline_marks(timeline));
    for (std::string word; std::getline(marks, word, ',');)
        out += fmt::format("<span class=\"mark mark-{0}\">{0}</span> ", word);
    return out;
}

// `subject` names the record corrected when it is not the section's own ('reaction R5').
std::string amendments_html(const std::vector<report::Amendment>& amendments,
                            const time::ClinicZone& zone, const std::string& subject = {}) {
    std::string out;
    for (const auto& amendment : amendments) {
        out += fmt::format("<div class=\"correction\"><p><b>Correction{}:</b> {}</p><ul>\n",
                           subject.empty() ? "" : " to " + e(subject),
                           e(amendment_heading(amendment, zone)));
        for (const auto& change : amendment.changes)
            out += fmt::format("<li>{}</li>\n", e(change_text(change)));
        out += "</ul></div>\n";
    }
    return out;
}

std::string patient_html(const report::PatientHistory& history, const time::ClinicZone& zone) {
    const auto& d = history.patient.details;
    std::string out = "<section class=\"patient\">\n<h2>Patient</h2>\n";
    out +=
        fields_table({{"chart", history.patient.code},
                      {"name", patient_name(d)},
                      {"born", time::format_date(d.birth_date)},
                      {"Fitzpatrick", d.fitzpatrick ? std::string(fitzpatrick_roman(*d.fitzpatrick))
                                                    : "not recorded"},
                      {"phone", d.phone},
                      {"email", d.email},
                      {"note", d.note}});
    out += "<h3>Conditions</h3>\n";
    if (history.conditions.empty())
        out += "<p>None on file.</p>\n";
    else {
        out += "<table class=\"grid\"><tr><th>condition</th><th>since</th><th>resolved</th>"
               "<th>note</th><th>clearance</th></tr>\n";
        for (const auto& entry : history.conditions) {
            const auto& c = entry.record.details;
            const bool voided = entry.record.revision.voided;
            out += fmt::format(
                "<tr{}><td>{}: {}{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                voided ? " class=\"struck\"" : "", entry.record.id, e(label_of(c.code)),
                voided ? " VOIDED" : "", c.since ? time::format_date(*c.since) : "",
                c.resolved_on ? time::format_date(*c.resolved_on) : "active", e(c.note),
                e(clearances_text(c.clearances)));
        }
        out += "</table>\n";
        for (const auto& entry : history.conditions)
            out += amendments_html(entry.amendments, zone,
                                   fmt::format("condition {}", entry.record.id));
    }
    out += "<h3>Consent</h3>\n";
    if (history.consents.empty())
        out += "<p>None on file.</p>\n";
    for (const auto& entry : history.consents) {
        const bool voided = entry.record.revision.voided;
        out +=
            fmt::format("<p{}>{}: {}{}</p>\n", voided ? " class=\"struck\"" : "", entry.record.id,
                        e(consent_text(entry.record.details)), voided ? " VOIDED" : "");
        out += amendments_html(entry.amendments, zone, fmt::format("consent {}", entry.record.id));
    }
    if (!history.patient_amendments.empty()) {
        out += "<h3>Corrections to the patient record</h3>\n";
        out += amendments_html(history.patient_amendments, zone);
    }
    return out + "</section>\n";
}

std::string charts_html(const report::PatientHistory& history) {
    std::string out = "<section class=\"charts\">\n<h2>Charts</h2>\n";
    const auto depth = depth_chart_svg(history);
    out += "<figure>\n<figcaption>Needle depth per area across sessions (mm)</figcaption>\n";
    out += depth.empty() ? "<p>No sessions recorded.</p>\n" : depth;
    out += "</figure>\n";
    const auto reactions = reaction_chart_svg(history);
    out += "<figure>\n<figcaption>Reactions from onset to resolution (days after the "
           "session)</figcaption>\n";
    out += reactions.empty() ? "<p>No reactions recorded.</p>\n" : reactions;
    out += "</figure>\n";
    return out + "</section>\n";
}

// One photo of a pair: embedded when small enough, else named with its file and hash.
std::string photo_figure(std::string_view label, const Photo& photo,
                         const std::optional<std::string>& bytes) {
    std::string out = fmt::format("<figure><figcaption>{}</figcaption>\n", e(label));
    if (bytes)
        out += fmt::format("<img src=\"data:{};base64,{}\" alt=\"{}\">\n",
                           media_type(photo.image.type), base64(*bytes), e(photo_line(photo)));
    else
        out += fmt::format("<p class=\"noimage\">not embedded: larger than {} KB, or not as "
                           "recorded in the photo store (run check)</p>\n",
                           report::embedded_image_limit / 1024);
    return out + fmt::format("<p>{}</p></figure>\n", e(photo_line(photo)));
}

// Courses, score trends (a chart per scale) and photo pairs, with every correction.
std::string outcomes_html(const report::PatientHistory& history, const time::ClinicZone& zone) {
    std::string out;
    if (!history.courses.empty()) {
        out += "<section class=\"courses\">\n<h2>Treatment courses</h2>\n";
        for (const auto& entry : history.courses) {
            out += fmt::format("<h3{}>{}</h3>\n<p>{}</p>\n",
                               entry.course.revision.voided ? " class=\"struck\"" : "",
                               e(course_line(entry)), e(course_text(entry.course.details)));
            out +=
                amendments_html(entry.amendments, zone, fmt::format("course {}", entry.course.id));
        }
        out += "</section>\n";
    }
    if (!history.scores.empty()) {
        out += "<section class=\"scores\">\n<h2>Outcome scores</h2>\n";
        out += "<table class=\"grid\">\n<tr><th>scale</th><th>area</th><th>scores</th></tr>\n";
        for (const auto& trend : history.trends)
            out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                               e(scale_of(trend.scale).key), e(trend_subject(trend)),
                               e(trend_text(trend)));
        out += "</table>\n";
        for (std::size_t i = 0; i < history.trends.size();) {
            std::vector<report::ScoreTrend> of_scale;
            const auto scale = history.trends[i].scale;
            for (; i < history.trends.size() && history.trends[i].scale == scale; ++i)
                of_scale.push_back(history.trends[i]);
            out += fmt::format("<figure>\n<figcaption>{} ({})</figcaption>\n{}</figure>\n",
                               e(scale_of(scale).name), e(scale_of(scale).key),
                               score_chart_svg(of_scale));
        }
        for (const auto& entry : history.scores)
            if (!entry.amendments.empty()) {
                out += fmt::format("<p{}>score {}: {}</p>\n",
                                   entry.score.revision.voided ? " class=\"struck\"" : "",
                                   entry.score.id, e(score_text(entry.score.details)));
                out += amendments_html(entry.amendments, zone,
                                       fmt::format("score {}", entry.score.id));
            }
        out += "</section>\n";
    }
    if (!history.photos.empty()) {
        out += "<section class=\"photos\">\n<h2>Photos: baseline and latest per view</h2>\n";
        for (const auto& pair : history.photo_pairs) {
            out += fmt::format("<h3>{}</h3>\n<div class=\"pair\">\n", e(label_of(pair.view)));
            out += photo_figure("baseline", pair.baseline, pair.baseline_bytes);
            if (pair.latest)
                out += photo_figure("latest", *pair.latest, pair.latest_bytes);
            out += "</div>\n";
        }
        for (const auto& entry : history.photos)
            if (!entry.amendments.empty()) {
                out += fmt::format(
                    "<p{}>{} {}</p>\n", entry.photo.revision.voided ? " class=\"struck\"" : "",
                    e(code_of(entry.photo.details.view)), e(photo_line(entry.photo)));
                out += amendments_html(entry.amendments, zone,
                                       fmt::format("photo {}", entry.photo.id));
            }
        out += "</section>\n";
    }
    return out;
}

std::string session_html(const report::SessionEntry& entry, const report::PatientHistory& history,
                         const time::ClinicZone& zone) {
    const auto& s = entry.session;
    const auto& d = s.details;
    std::string out = fmt::format("<section class=\"session\" id=\"session-{}\">\n<h2>{}</h2>\n",
                                  s.id, e(session_title(entry, zone)));
    if (s.revision.voided)
        out += fmt::format("<p class=\"voided\">VOIDED: {}</p>\n", e(s.revision.reason));
    out += fields_table(
        {{"interval", interval_text(entry)},
         {"practitioner", d.practitioner},
         {"indication", std::string(label_of(d.indication))},
         {"course", history.place_of(s.id) ? course_place_text(*history.place_of(s.id)) : ""},
         {"device", std::string(label_of(d.device)) + (d.model.empty() ? "" : ", " + d.model)},
         {"cartridge", d.cartridge},
         {"cartridge lot", d.cartridge_lot},
         {"anaesthetic", d.anaesthetic},
         {"endpoint", d.endpoint},
         {"aftercare", d.aftercare},
         {"note", d.note}});
    out += "<h3>Areas</h3>\n<table class=\"grid\"><tr><th>area</th><th>side</th>"
           "<th>depth (mm)</th><th>passes</th></tr>\n";
    for (const auto& treated : d.areas)
        out += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td>"
                           "<td class=\"num\">{}</td></tr>\n",
                           e(label_of(treated.area)),
                           treated.side ? code_of(*treated.side) : std::string_view("-"),
                           format_depth(treated.depth_mm),
                           treated.passes ? std::to_string(*treated.passes) : "-");
    out += "</table>\n";
    if (!d.serums.empty()) {
        out += "<h3>Serums</h3>\n<table class=\"grid\"><tr><th>product</th><th>lot</th>"
               "<th>phase</th><th>ml</th></tr>\n";
        for (const auto& use : d.serums)
            out += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td>"
                               "</tr>\n",
                               e(use.product), e(use.lot), code_of(use.phase),
                               use.amount_ml ? format_amount(*use.amount_ml) : "");
        out += "</table>\n";
    }
    if (s.has_override()) {
        out += "<div class=\"override\"><p><b>Overridden clinical checks</b></p><ul>\n";
        for (const auto& f : s.findings)
            if (f.level == FindingLevel::overridden)
                out += fmt::format("<li><b>{}</b>: {} — reason: {}</li>\n", e(f.key), e(f.message),
                                   e(f.override_reason));
        out += "</ul></div>\n";
    }
    if (s.has_warning()) {
        out += "<div class=\"warning\"><p><b>Warnings of the clinical checks</b></p><ul>\n";
        for (const auto& f : s.findings)
            if (f.level == FindingLevel::warning)
                out += fmt::format("<li><b>{}</b>: {}</li>\n", e(f.key), e(f.message));
        out += "</ul></div>\n";
    }
    if (!entry.settings_used.empty())
        out += fmt::format("<p class=\"meta\">Checked with the clinic's settings then: {}.</p>\n",
                           e(settings_used_text(entry.settings_used)));
    out += "<h3>Reactions</h3>\n";
    if (entry.reactions.empty())
        out += "<p>None recorded.</p>\n";
    else {
        out += "<table class=\"grid\"><tr><th>#</th><th>reaction</th><th>area</th>"
               "<th>onset</th><th>resolved</th><th>recovery day</th><th>marks</th></tr>\n";
        for (const auto& item : entry.reactions) {
            const auto& r = item.reaction;
            out += fmt::format(
                "<tr{}><td>R{}</td><td>{}, {}{}</td><td>{}</td><td>{} (day {})</td><td>{}</td>"
                "<td class=\"num\">{}</td><td>{}</td></tr>\n",
                r.revision.voided ? " class=\"struck\"" : "", r.id, e(label_of(r.details.kind)),
                e(label_of(r.details.severity)),
                r.details.note.empty() ? "" : "<br>" + e(r.details.note),
                r.details.area ? e(area_side_code(*r.details.area, r.details.side)) : "-",
                time::format_date(r.details.onset), item.timeline.onset_day,
                item.timeline.open
                    ? "open"
                    : fmt::format("{} ({} days)", time::format_date(*r.details.resolved),
                                  item.timeline.duration.value_or(0)),
                item.timeline.open ? fmt::format("{} so far", item.timeline.recovery_day)
                                   : std::to_string(item.timeline.recovery_day),
                marks_html(item.timeline) + (r.revision.voided ? "VOIDED" : ""));
        }
        out += "</table>\n";
        for (const auto& item : entry.reactions)
            out += amendments_html(item.amendments, zone,
                                   fmt::format("reaction R{}", item.reaction.id));
    }
    out += "<h3>Follow-ups</h3>\n";
    if (entry.followups.empty())
        out += "<p>None recorded.</p>\n";
    for (const auto& item : entry.followups) {
        const auto& f = item.record;
        out += fmt::format("<p{}>F{} {}: {}{}{}</p>\n",
                           f.revision.voided ? " class=\"struck\"" : "", f.id,
                           time::format_date(f.details.checked_on), e(label_of(f.details.outcome)),
                           f.details.note.empty() ? "" : " — " + e(f.details.note),
                           f.revision.voided ? " VOIDED" : "");
        out += amendments_html(item.amendments, zone, fmt::format("follow-up F{}", f.id));
    }
    if (!entry.amendments.empty()) {
        out += "<h3>Corrections</h3>\n";
        out += amendments_html(entry.amendments, zone);
    }
    return out + "</section>\n";
}

} // namespace

std::string history_html(const report::PatientHistory& history, const time::ClinicZone& zone) {
    const auto& patient = history.patient;
    const auto name = patient_name(patient.details);
    const auto clinic =
        history.clinic_name.empty() ? std::string("Treatment history") : history.clinic_name;
    std::string out = fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<title>Treatment history {} {}</title>\n<style>{}</style>\n</head>\n<body>\n"
        "<table class=\"page\">\n<thead><tr><td><div class=\"running\"><span>{}</span>"
        "<span>{} · {} · born {}</span><span>printed {}</span></div></td></tr></thead>\n"
        "<tbody><tr><td>\n",
        e(patient.code), e(name), style, e(clinic), e(patient.code), e(name),
        time::format_date(patient.details.birth_date), time::format_date(history.as_of));
    out += fmt::format("<h1>Treatment history — {} {}</h1>\n", e(patient.code), e(name));
    out += fmt::format("<p class=\"meta\">{}Printed {} ({}) by {}. Reactions as of {}. Every "
                       "session, correction and override on record is shown.</p>\n",
                       history.clinic_name.empty() ? "" : e(history.clinic_name) + ". ",
                       zone.format_local(history.printed_at), e(history.zone_name),
                       e(history.printed_by), time::format_date(history.as_of));
    for (const auto& status : history.chart_status)
        out += fmt::format("<p class=\"voided\">{}</p>\n", e(status));
    out += patient_html(history, zone);
    out += charts_html(history);
    out += outcomes_html(history, zone);
    if (history.sessions.empty())
        out += "<section><h2>Sessions</h2><p>No sessions recorded.</p></section>\n";
    for (const auto& entry : history.sessions)
        out += session_html(entry, history, zone);
    out += fmt::format("<p class=\"end\">End of treatment history. Recorded as audit row {0}; "
                       "chain head <code>{0}:{1}</code> (verify with <code>needlebook check "
                       "--head {0}:{1}</code>).</p>\n",
                       history.audit_head.id, e(history.audit_head.hash));
    return out + "</td></tr></tbody>\n</table>\n</body>\n</html>\n";
}

} // namespace needlebook::render
