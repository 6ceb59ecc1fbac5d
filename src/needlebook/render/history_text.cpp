#include "needlebook/render/history.hpp"

#include "needlebook/model/text.hpp"
#include "needlebook/render/record_text.hpp"
#include "needlebook/render/wrap.hpp"

#include <fmt/color.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace needlebook::render {
namespace {

constexpr std::size_t page_width = 80;
const std::string heavy_rule(page_width, '=');
const std::string light_rule(page_width, '-');

// Text reaches the page only through heading, field, line (stored text made visible(), see
// model/text.hpp, so a note cannot fake a line of the history) and block (tables, whose cells
// TextTable makes visible).
struct Printer {
    std::string out;
    bool color;

    // Bold on a terminal; wrapped (each line bold on its own) only when too long for the page.
    void heading(const std::string& stored) {
        const auto text = visible(stored);
        const auto lines =
            display_width(text) <= page_width ? text + "\n" : wrap(text, page_width, "", "");
        std::size_t start = 0;
        while (start < lines.size()) {
            const auto end = lines.find('\n', start);
            const auto line = lines.substr(start, end - start);
            out += (color ? fmt::format(fmt::emphasis::bold, "{}", line) : line) + "\n";
            start = end + 1;
        }
    }
    // 'label  value', wrapped; nothing when the value is empty.
    void field(std::string_view label, std::string_view value, std::string_view indent = "  ") {
        if (value.empty())
            return;
        const auto first = fmt::format("{}{:<15}", indent, label);
        out += wrap(visible(value), page_width, first, std::string(first.size(), ' '));
    }
    // Lines of `text` (a table) as they are, each after `indent`.
    void block(const std::string& text, std::string_view indent) {
        std::size_t start = 0;
        while (start < text.size()) {
            const auto end = std::min(text.find('\n', start), text.size());
            out += std::string(indent) + text.substr(start, end - start) + "\n";
            start = end + 1;
        }
    }
    void line(std::string_view text, std::string_view indent, std::string_view rest_indent) {
        out += wrap(visible(text), page_width, indent, rest_indent);
    }
    void amendments(const std::vector<report::Amendment>& amendments, const time::ClinicZone& zone,
                    std::string_view indent) {
        for (const auto& amendment : amendments) {
            line(amendment_heading(amendment, zone), indent, std::string(indent) + "  ");
            for (const auto& change : amendment.changes)
                line(change_text(change), std::string(indent) + "  - ",
                     std::string(indent) + "    ");
        }
    }
};

void patient_section(Printer& p, const report::PatientHistory& history,
                     const time::ClinicZone& zone) {
    const auto& d = history.patient.details;
    p.heading("PATIENT");
    p.field("chart", history.patient.code);
    p.field("name", patient_name(d));
    p.field("born", time::format_date(d.birth_date));
    p.field("fitzpatrick",
            d.fitzpatrick ? std::string(fitzpatrick_roman(*d.fitzpatrick)) : "not recorded");
    p.field("phone", d.phone);
    p.field("email", d.email);
    p.field("note", d.note);
    p.out += "  conditions\n";
    if (history.conditions.empty())
        p.out += "    none on file\n";
    for (const auto& entry : history.conditions) {
        const auto& c = entry.record.details;
        std::string text = fmt::format("{}: {}", entry.record.id, label_of(c.code));
        if (c.since)
            text += ", since " + time::format_date(*c.since);
        text += c.resolved_on ? ", resolved " + time::format_date(*c.resolved_on)
                              : std::string(", active");
        if (!c.note.empty())
            text += " (" + c.note + ")";
        if (!c.clearances.empty())
            text += "; " + clearances_text(c.clearances);
        if (entry.record.revision.voided)
            text += "  [VOIDED]";
        p.line(text, "    - ", "      ");
        p.amendments(entry.amendments, zone, "      ");
    }
    p.out += "  consent\n";
    if (history.consents.empty())
        p.out += "    none on file\n";
    for (const auto& entry : history.consents) {
        p.line(fmt::format("{}: {}{}", entry.record.id, consent_text(entry.record.details),
                           entry.record.revision.voided ? "  [VOIDED]" : ""),
               "    - ", "      ");
        p.amendments(entry.amendments, zone, "      ");
    }
    if (!history.patient_amendments.empty()) {
        p.out += "  corrections to the patient record\n";
        p.amendments(history.patient_amendments, zone, "    ");
    }
}

// Courses, outcome scores (a trend per scale and area) and photos (per view the baseline and
// the latest), each correction and void shown.
void outcome_sections(Printer& p, const report::PatientHistory& history,
                      const time::ClinicZone& zone) {
    if (!history.courses.empty()) {
        p.out += light_rule + "\n";
        p.heading("TREATMENT COURSES");
        for (const auto& entry : history.courses) {
            p.line(course_line(entry), "  ", "    ");
            p.line(course_text(entry.course.details), "    ", "      ");
            p.amendments(entry.amendments, zone, "    ");
        }
    }
    if (!history.scores.empty()) {
        p.out += light_rule + "\n";
        p.heading("OUTCOME SCORES");
        for (const auto& trend : history.trends)
            p.line(fmt::format("{}, {}: {}", scale_of(trend.scale).key, trend_subject(trend),
                               trend_text(trend)),
                   "  ", "    ");
        for (const auto& entry : history.scores) {
            if (entry.amendments.empty())
                continue;
            p.line(fmt::format("score {}{}: {}", entry.score.id,
                               entry.score.revision.voided ? " [VOIDED]" : "",
                               score_text(entry.score.details)),
                   "  ", "    ");
            p.amendments(entry.amendments, zone, "    ");
        }
    }
    if (!history.photos.empty()) {
        p.out += light_rule + "\n";
        p.heading("PHOTOS (baseline and latest per view; the files are in the photo store)");
        for (const auto& pair : history.photo_pairs) {
            p.line(fmt::format("{}: baseline {}", code_of(pair.view), photo_line(pair.baseline)),
                   "  ", "    ");
            if (pair.latest)
                p.line(fmt::format("{}: latest {}", code_of(pair.view), photo_line(*pair.latest)),
                       "  ", "    ");
        }
        for (const auto& entry : history.photos) {
            if (entry.amendments.empty())
                continue;
            p.line(fmt::format("photo {}{}: {} {}", entry.photo.id,
                               entry.photo.revision.voided ? " [VOIDED]" : "",
                               code_of(entry.photo.details.view), photo_line(entry.photo)),
                   "  ", "    ");
            p.amendments(entry.amendments, zone, "    ");
        }
    }
}

void session_section(Printer& p, const report::SessionEntry& entry,
                     const report::PatientHistory& history, const time::ClinicZone& zone) {
    const auto as_of = history.as_of;
    const auto& s = entry.session;
    const auto& d = s.details;
    p.out += light_rule + "\n";
    p.heading(session_title(entry, zone));
    p.field("interval", interval_text(entry));
    p.field("practitioner", d.practitioner);
    p.field("indication", label_of(d.indication));
    if (const auto place = history.place_of(s.id))
        p.field("course", course_place_text(*place));
    p.field("device", std::string(label_of(d.device)) + (d.model.empty() ? "" : ", " + d.model));
    p.field("cartridge", d.cartridge);
    p.field("cartridge lot", d.cartridge_lot);
    p.field("anaesthetic", d.anaesthetic);
    p.field("endpoint", d.endpoint);
    p.field("aftercare", d.aftercare);
    p.field("note", d.note);
    p.out += "  areas\n";
    TextTable areas({"area", "side", "depth mm", "passes"},
                    {TextTable::Align::left, TextTable::Align::left, TextTable::Align::right,
                     TextTable::Align::right});
    for (const auto& treated : d.areas)
        areas.add_row({std::string(label_of(treated.area)),
                       treated.side ? std::string(code_of(*treated.side)) : "-",
                       format_depth(treated.depth_mm),
                       treated.passes ? std::to_string(*treated.passes) : "-"});
    p.block(areas.render(false), "    ");
    if (!d.serums.empty()) {
        p.out += "  serums\n";
        for (const auto& use : d.serums)
            p.line(serum_text(use), "    - ", "      ");
    }
    if (!s.findings.empty()) {
        p.out += "  clinical checks\n";
        for (const auto& finding : s.findings)
            p.line(fmt::format("{} {}", finding.level, finding_text(finding)), "    - ", "      ");
    }
    p.field("checked with", settings_used_text(entry.settings_used));
    p.out += "  reactions\n";
    if (entry.reactions.empty())
        p.out += "    none recorded\n";
    for (const auto& item : entry.reactions) {
        const auto& r = item.reaction;
        std::string text =
            fmt::format("R{} {}, {}", r.id, label_of(r.details.kind), label_of(r.details.severity));
        if (r.details.area)
            text += ", " + area_side_code(*r.details.area, r.details.side);
        const auto marks = report::timeline_marks(item.timeline);
        if (!marks.empty())
            text += "  [" + marks + "]";
        if (r.revision.voided)
            text += "  [VOIDED]";
        p.line(text, "    - ", "      ");
        p.line(reaction_days_text(r, item.timeline, as_of), "      ", "      ");
        if (!r.details.note.empty())
            p.line("note: " + r.details.note, "      ", "        ");
        p.amendments(item.amendments, zone, "      ");
    }
    if (entry.recovery_day)
        p.field("recovered", fmt::format("day {}{}", *entry.recovery_day,
                                         std::any_of(entry.reactions.begin(), entry.reactions.end(),
                                                     [](const auto& r) {
                                                         return r.timeline.open &&
                                                                !r.reaction.revision.voided;
                                                     })
                                             ? " so far (a reaction is open)"
                                             : ""));
    p.out += "  follow-ups\n";
    if (entry.followups.empty())
        p.out += "    none recorded\n";
    for (const auto& item : entry.followups) {
        p.line(fmt::format("F{} {}{}", item.record.id, followup_text(item.record.details),
                           item.record.revision.voided ? "  [VOIDED]" : ""),
               "    - ", "      ");
        p.amendments(item.amendments, zone, "      ");
    }
    if (!entry.amendments.empty()) {
        p.out += "  corrections\n";
        p.amendments(entry.amendments, zone, "    ");
    }
}

} // namespace

std::string history_text(const report::PatientHistory& history, const time::ClinicZone& zone,
                         bool color) {
    Printer p{{}, color};
    const auto& patient = history.patient;
    p.out += heavy_rule + "\n";
    // The name goes on a line of its own when code and name do not fit one.
    const auto title = fmt::format("TREATMENT HISTORY  {}", patient.code);
    const auto name = visible(patient_name(patient.details)); // as the heading prints it
    if (display_width(title) + 2 + display_width(name) <= page_width)
        p.heading(title + "  " + name);
    else {
        p.heading(title);
        p.heading(name);
    }
    if (!history.clinic_name.empty())
        p.line(history.clinic_name, "", "");
    p.line(fmt::format("printed {} ({}) by {}; reactions as of {}",
                       zone.format_local(history.printed_at), history.zone_name, history.printed_by,
                       time::format_date(history.as_of)),
           "", "");
    p.line(fmt::format("recorded as audit row {}; chain head for 'check --head':",
                       history.audit_head.id),
           "", "");
    p.line(fmt::format("  {}:{}", history.audit_head.id, history.audit_head.hash), "", "");
    const auto voided = history.voided_sessions();
    p.line(fmt::format("{}{}; every correction and override is shown",
                       counted(static_cast<long long>(history.sessions.size()) - voided, "session"),
                       voided ? fmt::format(" and {} voided", voided) : ""),
           "", "");
    for (const auto& status : history.chart_status)
        p.heading(status);
    p.out += heavy_rule + "\n";
    patient_section(p, history, zone);
    outcome_sections(p, history, zone);
    if (history.sessions.empty())
        p.out += light_rule + "\nno sessions recorded\n";
    for (const auto& entry : history.sessions)
        session_section(p, entry, history, zone);
    p.out += heavy_rule + "\nend of history\n";
    return p.out;
}

std::string trend_subject(const report::ScoreTrend& trend) {
    return trend.area ? area_side_code(*trend.area, trend.side) : std::string("whole patient");
}

std::string trend_text(const report::ScoreTrend& trend) {
    const auto& scale = scale_of(trend.scale);
    std::vector<std::string> points;
    for (const auto& point : trend.points)
        points.push_back(fmt::format("{} on {}", format_score(scale, point.details.score),
                                     time::format_date(point.details.assessed_on)));
    std::string text = fmt::format("{}", fmt::join(points, ", "));
    if (const auto change = trend.change())
        text += fmt::format("; change {:+.{}f}", *change, scale.decimals);
    return text;
}

std::string photo_line(const Photo& photo) {
    return fmt::format("photo {}, taken {}, {} bytes, {}{}", photo.id,
                       time::format_date(photo.details.taken_on), photo.image.bytes,
                       photo.image.sha256, file_suffix(photo.image.type));
}

std::string course_line(const report::CourseEntry& entry) {
    const auto& c = entry.course;
    std::string line = fmt::format("course {} ({}): {} of {} planned sessions done", c.id,
                                   course_status(c), entry.sessions.size(), c.details.planned);
    if (!entry.intervals.empty())
        line += fmt::format("; days between them {} (planned {})", fmt::join(entry.intervals, ", "),
                            c.details.every_days);
    return line;
}

std::string session_title(const report::SessionEntry& entry, const time::ClinicZone& zone) {
    return fmt::format("SESSION {}  {}{}", entry.session.id,
                       zone.format_local(entry.session.details.performed_at),
                       entry.session.revision.voided ? "  [VOIDED]" : "");
}

std::string interval_text(const report::SessionEntry& entry) {
    if (entry.session.revision.voided)
        return "not counted (voided)";
    if (!entry.days_since_previous)
        return "first session";
    return fmt::format("{} days after the previous session", *entry.days_since_previous);
}

std::string change_text(const report::FieldChange& change) {
    if (change.before.empty())
        return fmt::format("{}: added {}", change.field, change.after);
    if (change.after.empty())
        return fmt::format("{}: removed (was {})", change.field, change.before);
    return fmt::format("{}: {} -> {}", change.field, change.before, change.after);
}

std::string settings_used_text(const std::vector<std::pair<std::string, std::string>>& used) {
    std::vector<std::string> depths, others;
    for (const auto& [key, value] : used) {
        if (key.starts_with("depth_limit.")) {
            // A device's own limit reads 'cheek with rf'; a cleared one gave way to the area's.
            auto where = key.substr(12);
            if (const auto dot = where.find('.'); dot != std::string::npos)
                where = fmt::format("{} with {}", where.substr(0, dot), where.substr(dot + 1));
            depths.push_back(value.empty() ? fmt::format("{} cleared", where)
                                           : fmt::format("{} {} mm", where, value));
        } else if (key.starts_with("condition."))
            others.push_back(fmt::format("{} {}", key.substr(10), value));
        else
            others.push_back(fmt::format("{} {}", key, value));
    }
    std::string text;
    if (!depths.empty())
        text = fmt::format("depth limits {}", fmt::join(depths, ", "));
    if (!others.empty())
        text += fmt::format("{}{}", text.empty() ? "" : "; ", fmt::join(others, ", "));
    return text;
}

std::string amendment_heading(const report::Amendment& amendment, const time::ClinicZone& zone) {
    const auto& r = amendment.revision;
    return fmt::format(
        "revision {} {} by {}{} on {}: {}", r.number, r.voided ? "VOIDED" : "amended", r.author,
        amendment.os_account.empty() ? std::string()
                                     : fmt::format(" (OS account {})", amendment.os_account),
        zone.format_local(r.recorded_at), r.reason.empty() ? "(no reason given)" : r.reason);
}

std::string reaction_days_text(const Reaction& reaction, const report::ReactionTimeline& timeline,
                               time::Date as_of) {
    const auto onset = fmt::format("onset {} (day {})", time::format_date(reaction.details.onset),
                                   timeline.onset_day);
    if (timeline.open)
        return fmt::format("{}, open (day {} on {})", onset, timeline.recovery_day,
                           time::format_date(as_of));
    return fmt::format("{}, resolved {} (day {}, lasted {})", onset,
                       time::format_date(*reaction.details.resolved), timeline.recovery_day,
                       counted(timeline.duration.value_or(0), "day"));
}

} // namespace needlebook::render
