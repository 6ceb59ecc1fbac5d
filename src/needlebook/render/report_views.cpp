// The three reports as ReportViews (see report_view.hpp for how views are printed).
#include "needlebook/model/patient.hpp"
#include "needlebook/render/report_view.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>

namespace needlebook::render {
namespace {

CsvCell number(long long value) {
    return {std::to_string(value), true};
}

CsvCell percent(double share) {
    return {fmt::format("{:.1f}", share * 100), true};
}

CsvCell text(std::string value) {
    return {std::move(value)};
}

CsvCell day(time::Date value) {
    return {time::format_date(value)};
}

std::string name_of(const PatientLabel& patient) {
    return patient.family_name + ", " + patient.given_name;
}

std::string area_of(const ReactionDetails& details) {
    return details.area ? area_side_code(*details.area, details.side) : "";
}

// "eczema", "eczema and psoriasis", "a, b and c".
std::string and_list(const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            out += i + 1 == items.size() ? " and " : ", ";
        out += items[i];
    }
    return out;
}

std::string blocked_by(const rules::Eligibility& eligibility) {
    std::vector<std::string> codes;
    for (const auto& block : eligibility.blocks)
        codes.emplace_back(code_of(block.code));
    return fmt::format("{}", fmt::join(codes, ","));
}

// "not eligible until 2027-03-01 (isotretinoin stopped on 2026-09-01)", or "not eligible while
// eczema is active" when a block has no end on file.
std::string eligibility_text(const rules::Eligibility& eligibility) {
    std::vector<std::string> open, ending;
    for (const auto& block : eligibility.blocks) {
        const auto label = std::string(label_of(block.code));
        if (!block.until)
            open.push_back(label);
        else if (block.resolved_on) // blocking after it ended: isotretinoin
            ending.push_back(
                fmt::format("{} {} on {}", label,
                            block.code == ConditionCode::isotretinoin ? "stopped" : "ended",
                            time::format_date(*block.resolved_on)));
        else
            ending.push_back(
                fmt::format("{} on file until {}", label, time::format_date(*block.until)));
    }
    if (!eligibility.eligible_from) {
        if (open.empty()) // blocks that end, followed by others: name them all
            for (const auto& block : eligibility.blocks)
                open.emplace_back(label_of(block.code));
        return fmt::format("not eligible while {} {} active", and_list(open),
                           open.size() == 1 ? "is" : "are");
    }
    return fmt::format("not eligible until {} ({})", time::format_date(*eligibility.eligible_from),
                       fmt::join(ending, "; "));
}

std::vector<CsvCell> recovery_row(const report::RecoveryGroup& group) {
    return {
        text(group.label),      number(group.reactions),        number(group.median_days),
        number(group.p90_days), number(group.prolonged),        percent(group.prolonged_share()),
        number(group.adverse),  percent(group.adverse_share()), number(group.open)};
}

} // namespace

ReportView recovery_view(const report::RecoveryReport& report) {
    ReportView view;
    const auto by = std::string(report::grouping_name(report.by));
    view.title = "Recovery by " + by;
    view.facts = {
        {"grouped_by", text(by)},
        {"sessions_from", text(report.from ? time::format_date(*report.from) : "the first")},
        {"sessions_to", text(report.to ? time::format_date(*report.to) : "the last")},
        {"as_of", day(report.as_of)}};
    view.notes = {
        "recovery day = resolution day - session day; an open reaction counts to the as-of date",
        "median and p90: nearest-rank percentiles (the value at rank ceil(p/100 x n) of the "
        "sorted recovery days)",
        "prolonged: recovery day beyond the expected resolution of its kind (setting "
        "recovery.KIND); adverse: kinds that are always adverse events"};
    if (report.by == report::RecoveryGrouping::serum)
        view.notes.push_back("a reaction counts under every serum its session used");
    if (report.by == report::RecoveryGrouping::depth)
        view.notes.push_back("depth: the reaction's area in its session, else the session's "
                             "deepest area; bands in mm, upper bounds inclusive");
    ViewTable table{"groups",
                    "",
                    {by, "reactions", "median_days", "p90_days", "prolonged", "prolonged_pct",
                     "adverse", "adverse_pct", "open"},
                    {},
                    "no reactions recorded in this period"};
    for (const auto& group : report.groups)
        table.rows.push_back(recovery_row(group));
    if (!report.groups.empty()) {
        auto total = report.total;
        total.label = "(all)";
        table.rows.push_back(recovery_row(total));
    }
    view.tables.push_back(std::move(table));
    return view;
}

ReportView followups_view(const report::FollowupReport& report) {
    ReportView view;
    view.title = "Follow-ups";
    view.facts = {{"as_of", day(report.as_of)},
                  {"followup_due_days", number(report.followup_due_days)},
                  {"course_overdue_days", number(report.course_overdue_days)}};
    view.notes = {"days_open = as-of date - onset; recovery_day = as-of date - session day",
                  "days_overdue = as-of date - due_on, or - eligible_from when a condition "
                  "blocked a session on due_on",
                  "not eligible: due, but a condition blocks a session on the as-of day",
                  "a course's next session is due its interval after the last one (the start "
                  "day before the first); days_late = as-of date - due_on"};

    ViewTable open{"open_reactions",
                   "Open reactions, prolonged first",
                   {"patient", "session", "session_day", "reaction", "kind", "severity", "area",
                    "onset", "days_open", "recovery_day", "marks"},
                   {},
                   "none open"};
    for (const auto& item : report.open_reactions) {
        const auto& d = item.fact.details;
        open.rows.push_back({text(item.fact.patient.code), number(item.fact.session.value),
                             day(item.session_day), number(item.fact.reaction.value),
                             text(std::string(code_of(d.kind))),
                             text(std::string(code_of(d.severity))), text(area_of(d)), day(d.onset),
                             number(item.days_open), number(item.timeline.recovery_day),
                             text(report::timeline_marks(item.timeline))});
    }
    ViewTable adverse{"adverse_events",
                      "Adverse events, open first",
                      {"patient", "session", "session_day", "reaction", "kind", "severity", "area",
                       "onset", "resolved", "recovery_day", "marks"},
                      {},
                      "none recorded"};
    for (const auto& item : report.adverse_events) {
        const auto& d = item.fact.details;
        adverse.rows.push_back(
            {text(item.fact.patient.code), number(item.fact.session.value), day(item.session_day),
             number(item.fact.reaction.value), text(std::string(code_of(d.kind))),
             text(std::string(code_of(d.severity))), text(area_of(d)), day(d.onset),
             text(item.timeline.open ? "" : time::format_date(*d.resolved)),
             number(item.timeline.recovery_day), text(report::timeline_marks(item.timeline))});
    }
    ViewTable unfollowed{
        "sessions_without_followup",
        fmt::format("Sessions with no follow-up after {} days", report.followup_due_days),
        {"patient", "name", "session", "session_day", "days_since", "reactions"},
        {},
        "no session is overdue for a follow-up"};
    for (const auto& item : report.unfollowed)
        unfollowed.rows.push_back({text(item.fact.patient.code), text(name_of(item.fact.patient)),
                                   number(item.fact.session.value), day(item.session_day),
                                   number(item.days_since), number(item.reactions)});
    ViewTable due{"patients_due",
                  "Patients due for their next session",
                  {"patient", "name", "last_session", "last_day", "interval_days", "interval_from",
                   "due_on", "eligible_from", "days_overdue"},
                  {},
                  "nobody is due"};
    for (const auto& item : report.due)
        due.rows.push_back(
            {text(item.patient.code), text(name_of(item.patient)), number(item.last_session.value),
             day(item.last_day), number(item.interval_days),
             text(item.interval_is_setting ? "setting interval_warn_days" : "last interval"),
             day(item.due_on), text(item.held_until ? time::format_date(*item.held_until) : ""),
             number(item.days_overdue)});
    ViewTable not_eligible{"patients_not_eligible",
                           "Patients due but not eligible for their next session",
                           {"patient", "name", "last_session", "last_day", "due_on",
                            "eligible_from", "blocked_by", "eligibility"},
                           {},
                           "no patient due is blocked by a condition"};
    for (const auto& item : report.not_eligible) {
        const auto& eligibility = item.eligibility;
        not_eligible.rows.push_back(
            {text(item.patient.code), text(name_of(item.patient)), number(item.last_session.value),
             day(item.last_day), day(item.due_on),
             text(eligibility.eligible_from ? time::format_date(*eligibility.eligible_from) : ""),
             text(blocked_by(eligibility)), text(eligibility_text(eligibility))});
    }
    const auto course_table = [](std::string key, std::string title, std::string empty,
                                 const std::vector<report::CourseDue>& items) {
        ViewTable table{std::move(key),
                        std::move(title),
                        {"patient", "name", "course", "indication", "done", "planned", "every_days",
                         "last_day", "due_on", "days_late"},
                        {},
                        std::move(empty)};
        for (const auto& item : items)
            table.rows.push_back(
                {text(item.fact.patient.code), text(name_of(item.fact.patient)),
                 number(item.fact.course.value), text(std::string(code_of(item.fact.indication))),
                 number(item.done), number(item.fact.planned), number(item.fact.every_days),
                 text(item.last_day ? time::format_date(*item.last_day) : ""), day(item.due_on),
                 number(item.days_late)});
        return table;
    };
    auto courses_due =
        course_table("courses_due",
                     fmt::format("Courses due for their next session (late by at most {} days)",
                                 report.course_overdue_days),
                     "no course is due", report.courses_due);
    auto courses_overdue = course_table(
        "courses_overdue",
        fmt::format("Courses overdue by more than {} days", report.course_overdue_days),
        "no course is overdue", report.courses_overdue);
    view.tables = {
        std::move(open),         std::move(adverse),     std::move(unfollowed),     std::move(due),
        std::move(not_eligible), std::move(courses_due), std::move(courses_overdue)};
    return view;
}

namespace {

// 'ha-serum, expires 2027-06-30, recalled 2026-11-30: supplier notice' for each registration.
std::string registration_text(const std::vector<Lot>& registered) {
    if (registered.empty())
        return "not registered ('needlebook lot add')";
    std::vector<std::string> parts;
    for (const auto& lot : registered)
        parts.push_back(
            fmt::format("{}, expires {}{}", lot.product, time::format_date(lot.details.expires_on),
                        lot.details.recall ? fmt::format(", recalled {}: {}",
                                                         time::format_date(lot.details.recall->on),
                                                         lot.details.recall->reason)
                                           : std::string()));
    return fmt::format("{}", fmt::join(parts, "; "));
}

// The registration of `product`'s lot, if any: its expiry and recall date for each row.
const Lot* registration_of(const report::LotRecall& recall, std::string_view what,
                           std::string_view product) {
    for (const auto& lot : recall.registered)
        if (lot.product == (what == "serum" ? product : cartridge_product))
            return &lot;
    return nullptr;
}

} // namespace

ReportView lot_view(const report::LotRecall& recall, const time::ClinicZone& zone,
                    LotViewPart part) {
    ReportView view;
    view.title = "Lot recall: " + recall.lot;
    view.facts = {{"lot", text(recall.lot)},
                  {"registered", text(registration_text(recall.registered))},
                  {"patients", number(recall.patients)},
                  {"sessions", number(static_cast<long long>(recall.entries.size()))},
                  {"reactions_as_of", day(recall.as_of)}};
    view.notes = {"lots match ignoring case; voided sessions are left out",
                  "phone and email are as on the patient's record today"};
    if (part == LotViewPart::contacts) {
        // One row per patient and product (a serum and a cartridge lot may share a number), for
        // a mail merge: how many sessions received it, and the last.
        ViewTable contacts{"contacts",
                           "",
                           {"patient", "family_name", "given_name", "phone", "email", "lot",
                            "product", "expires", "recalled_on", "sessions", "last_session"},
                           {},
                           ""};
        struct Recipient {
            const report::RecallEntry* entry; // the patient's first session with the lot
            const LotUse* use;
            int sessions = 0;
            const report::RecallEntry* last = nullptr; // a session with two uses counts once
        };
        std::vector<Recipient> recipients; // in order of first session
        std::map<std::pair<std::int64_t, std::string>, std::size_t> index_of;
        for (const auto& entry : recall.entries)
            for (const auto& use : entry.uses) {
                const auto product = use.what == "serum" ? use.product : "cartridge";
                const auto [at, added] = index_of.try_emplace(
                    std::pair{entry.patient.id.value, product}, recipients.size());
                if (added)
                    recipients.push_back({&entry, &use});
                auto& recipient = recipients[at->second];
                if (recipient.last != &entry)
                    ++recipient.sessions;
                recipient.last = &entry;
            }
        for (const auto& recipient : recipients) {
            const auto& entry = *recipient.entry;
            const auto& use = *recipient.use;
            const auto* registered = registration_of(recall, use.what, use.product);
            contacts.rows.push_back(
                {text(entry.patient.code), text(entry.patient.family_name),
                 text(entry.patient.given_name), text(entry.phone), text(entry.email),
                 text(use.lot), text(use.what == "serum" ? use.product : "cartridge"),
                 text(registered ? time::format_date(registered->details.expires_on) : ""),
                 text(registered && registered->details.recall
                          ? time::format_date(registered->details.recall->on)
                          : ""),
                 number(recipient.sessions), day(recipient.last->day)});
        }
        view.tables.push_back(std::move(contacts));
        return view;
    }
    ViewTable table{"recipients",
                    "",
                    {"patient", "name", "phone", "email", "session", "session_at", "received",
                     "lot", "areas", "reactions"},
                    {},
                    ""};
    for (const auto& entry : recall.entries) {
        std::vector<std::string> areas, reactions;
        for (const auto& treated : entry.session.details.areas)
            areas.push_back(area_spec(treated));
        for (const auto& item : entry.reactions) {
            const auto& d = item.reaction.details;
            auto marked = item.timeline;
            marked.open = false; // said already: 'open' instead of a resolution date
            const auto marks = report::timeline_marks(marked);
            std::string line =
                fmt::format("R{} {} {}", item.reaction.id, code_of(d.kind), code_of(d.severity));
            if (d.area)
                fmt::format_to(std::back_inserter(line), " {}", area_side_code(*d.area, d.side));
            fmt::format_to(std::back_inserter(line), " onset {} ", time::format_date(d.onset));
            if (item.timeline.open)
                line += "open";
            else
                fmt::format_to(std::back_inserter(line), "resolved {}",
                               time::format_date(*d.resolved));
            if (!marks.empty())
                fmt::format_to(std::back_inserter(line), " [{}]", marks);
            reactions.push_back(std::move(line));
        }
        for (const auto& use : entry.uses) {
            const auto received = use.what == "serum"
                                      ? fmt::format("serum {} ({})", use.product,
                                                    use.phase ? code_of(*use.phase) : "")
                                      : fmt::format("cartridge {}", use.product);
            table.rows.push_back(
                {text(entry.patient.code), text(name_of(entry.patient)), text(entry.phone),
                 text(entry.email), number(entry.session.id.value),
                 text(zone.format_local(entry.session.details.performed_at)), text(received),
                 text(use.lot), text(fmt::format("{}", fmt::join(areas, " "))),
                 text(reactions.empty() ? "none recorded"
                                        : fmt::format("{}", fmt::join(reactions, "; ")))});
        }
    }
    view.tables.push_back(std::move(table));
    return view;
}

std::string verified_summary(const storage::DatabaseCheck& check) {
    std::string summary;
    for (const auto& section : check.sections) {
        if (!summary.empty())
            summary += ", ";
        summary += fmt::format("{} {}", section.name, section.ok() ? "ok" : "FAULT");
        if (section.checked > 0)
            summary += fmt::format(" ({} rows)", section.checked);
    }
    return summary;
}

ReportView check_view(const std::string& file, const storage::DatabaseCheck& check) {
    ReportView view;
    view.title = "Database check: " + file;
    view.facts = {{"file", text(file)}, {"result", text(check.ok() ? "ok" : "FAULTS FOUND")}};
    view.notes = {check.on_server
                      ? "integrity: the server's own (see its note); foreign keys: every key's "
                        "rows looked up; audit chain: each row's SHA-256 and its link to the row "
                        "before; records: each record revision against the fingerprint its audit "
                        "row keeps; schema: the server's catalog against this program's "
                        "description of it"
                      : "integrity: SQLite's integrity_check; foreign keys: foreign_key_check; "
                        "audit chain: each row's SHA-256 and its link to the row before; "
                        "records: each record revision against the fingerprint its audit row "
                        "keeps"};
    const bool photos = std::any_of(check.sections.begin(), check.sections.end(),
                                    [](const auto& section) { return section.name == "photos"; });
    if (photos)
        view.notes.push_back("photos: each photo's file in the photo store beside the database "
                             "against the size and SHA-256 on record, voided photos too");
    ViewTable table{
        "checks", "", {"check", "result", "rows_checked", "faults", "first_fault", "note"}, {}, ""};
    for (const auto& section : check.sections)
        table.rows.push_back({text(section.name), text(section.ok() ? "ok" : "FAULT"),
                              number(section.checked), number(section.faults),
                              text(section.first.value_or("")), text(section.note)});
    view.tables.push_back(std::move(table));
    return view;
}

ReportView audit_view(const std::vector<records::AuditLine>& lines) {
    ReportView view;
    view.title = "Audit trail";
    view.facts = {{"rows", number(static_cast<long long>(lines.size()))}};
    view.notes = {"times are UTC, as stored and hashed; clock: fixed when NEEDLEBOOK_NOW set "
                  "it; account: the operating-system account that ran needlebook, whoever the "
                  "actor said they were (blank on rows from before schema 4)"};
    ViewTable table{"audit",
                    "",
                    {"id", "at", "actor", "action", "patient", "record", "revision", "reason",
                     "clock", "account"},
                    {},
                    "no audit rows match"};
    for (const auto& line : lines) {
        const auto& row = line.row;
        table.rows.push_back(
            {number(row.id), text(row.at), text(row.actor), text(row.action),
             text(line.patient_code),
             text(row.record_id ? fmt::format("{} {}", row.record_kind, *row.record_id)
                                : row.record_kind),
             row.revision ? number(*row.revision) : text(""), text(row.reason),
             text(!row.clock_fixed   ? ""
                  : *row.clock_fixed ? "fixed"
                                     : "system"),
             text(row.os_user.value_or(""))});
    }
    view.tables.push_back(std::move(table));
    return view;
}

} // namespace needlebook::render
