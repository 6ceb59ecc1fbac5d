// report outcomes as a ReportView (see report_view.hpp for how views are printed).
#include "needlebook/render/report_view.hpp"

#include <cmath>
#include <fmt/format.h>
#include <set>

namespace needlebook::render {
namespace {

CsvCell number(long long value) {
    return {std::to_string(value), true};
}

CsvCell text(std::string value) {
    return {std::move(value)};
}

// A median with the scale's decimals, and one more when it is the mean of two middle values
// that falls between two steps (2.5 on a whole-number scale), so no median is rounded.
CsvCell figure(const OutcomeScale& scale, std::optional<double> value) {
    if (!value)
        return {"", true};
    const auto v = std::abs(*value) < 1e-9 ? 0.0 : *value; // never "-0"
    auto out = fmt::format("{:.{}f}", v, scale.decimals + 1);
    if (out.back() == '0') {
        out.pop_back();
        if (out.back() == '.')
            out.pop_back();
    }
    return {out, true};
}

// "3 of 4 (75.0%)"; empty (printed "-") when the scale's rule decides no unit.
CsvCell responders(const report::OutcomeGroup& group) {
    if (group.decided == 0)
        return text("");
    return text(fmt::format("{} of {} ({:.1f}%)", group.responders, group.decided,
                            100.0 * group.responders / group.decided));
}

std::vector<CsvCell> outcome_row(const report::OutcomeGroup& group, bool grouped) {
    const auto& scale = scale_of(group.scale);
    std::vector<CsvCell> row;
    if (grouped)
        row.push_back(text(group.label));
    for (auto cell : {text(std::string(scale.key)), number(group.units), number(group.patients),
                      figure(scale, group.median_baseline), figure(scale, group.median_latest),
                      figure(scale, group.median_change), responders(group)})
        row.push_back(std::move(cell));
    return row;
}

void add_scale_notes(ReportView& view, const report::OutcomeReport& report) {
    std::set<ScaleCode> scales;
    for (const auto& group : report.groups)
        scales.insert(group.scale);
    std::vector<std::string> lower, higher;
    for (const auto code : scales)
        (scale_of(code).lower_is_better ? lower : higher).emplace_back(scale_of(code).key);
    if (!lower.empty())
        view.notes.push_back(fmt::format("change = latest - baseline, per unit; lower is better "
                                         "on {}: a negative change is an improvement",
                                         fmt::join(lower, ", ")));
    if (!higher.empty())
        view.notes.push_back(fmt::format("higher is better on {}: a positive change is an "
                                         "improvement",
                                         fmt::join(higher, ", ")));
    for (const auto code : scales) {
        const auto& scale = scale_of(code);
        view.notes.push_back(
            fmt::format("responder on {}: {}", scale.key, responder_text(scale.responder)));
    }
}

} // namespace

ReportView outcomes_view(const report::OutcomeReport& report) {
    ReportView view;
    const auto& filter = report.filter;
    const auto by =
        report.by ? std::string(report::outcome_grouping_name(*report.by)) : std::string("scale");
    view.title = "Outcomes by " + by;
    view.facts = {
        {"grouped_by", text(by)},
        {"scale", text(filter.scale ? std::string(scale_of(*filter.scale).key)
                                    : "every scale with a responder rule")},
        {"indication", text(filter.indication ? std::string(code_of(*filter.indication)) : "any")},
        {"scores_from", text(filter.from ? time::format_date(*filter.from) : "the first")},
        {"scores_to", text(filter.to ? time::format_date(*filter.to) : "the last")}};
    view.notes = {
        "unit: a patient's scores on one scale (per-area scales: on one area and side); baseline "
        "= the earliest score, latest = the newest on a later day (a day's score is the one "
        "recorded last); GAIS needs no baseline: its latest rating alone",
        "sessions of a unit: the patient's sessions from the baseline's day to the latest's "
        "(GAIS: up to the rating's day, from the first session of its course, else every "
        "earlier one)",
        "medians: the middle value, or the mean of the two middle ones; responders: k of n, n "
        "the units the scale's rule decides"};
    add_scale_notes(view, report);
    if (filter.indication)
        view.notes.push_back(fmt::format("only sessions of {} count; units without one are "
                                         "left out",
                                         code_of(*filter.indication)));
    if (report.by == report::OutcomeGrouping::depth)
        view.notes.push_back("depth: the deepest needle depth of the unit's sessions, on the "
                             "scored area for a per-area scale; bands in mm, upper bounds "
                             "inclusive");
    if (report.by == report::OutcomeGrouping::device)
        view.notes.push_back("mixed: the unit's sessions used more than one device");
    if (report.by == report::OutcomeGrouping::serum)
        view.notes.push_back("a unit counts under every serum its sessions used, so a unit may "
                             "count in several groups; (all) counts each unit once");
    if (report.by && report.by != report::OutcomeGrouping::fitzpatrick)
        view.notes.push_back("no session: the patient had no session in the unit's days");

    std::vector<std::string> columns;
    if (report.by)
        columns.push_back(by);
    for (const auto* column : {"scale", "units", "patients", "median_baseline", "median_latest",
                               "median_change", "responders"})
        columns.emplace_back(column);
    ViewTable table{"groups", "", columns, {}, "no patient has a baseline and a later score"};
    for (std::size_t i = 0; i < report.groups.size(); ++i) {
        const auto& group = report.groups[i];
        table.rows.push_back(outcome_row(group, report.by.has_value()));
        const bool last_of_scale =
            i + 1 == report.groups.size() || report.groups[i + 1].scale != group.scale;
        if (last_of_scale)
            for (const auto& total : report.totals)
                if (total.scale == group.scale)
                    table.rows.push_back(outcome_row(total, true));
    }
    view.tables.push_back(std::move(table));
    return view;
}

} // namespace needlebook::render
