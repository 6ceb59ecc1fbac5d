#include "needlebook/render/svg_charts.hpp"

#include "needlebook/render/html.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>

namespace needlebook::render {
namespace {

constexpr int chart_width = 680; // about 180 mm at 96 px per inch: A4 less its margins
constexpr std::string_view palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e",
                                        "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
                                        "#bcbd22", "#17becf", "#393b79", "#637939"};
// Dashes as well as colours, so lines stay apart on a black-and-white printer.
constexpr std::string_view dashes[] = {"", "6 3", "2 2"};

std::string svg_open(int height, std::string_view label) {
    return fmt::format("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"{0}\" "
                       "height=\"{1}\" viewBox=\"0 0 {0} {1}\" role=\"img\" aria-label=\"{2}\" "
                       "font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"10\">\n",
                       chart_width, height, escape_html(label));
}

std::string text(double x, double y, std::string_view content, std::string_view anchor = "start",
                 std::string_view extra = "") {
    return fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"{}\"{}>{}</text>\n", x, y,
                       anchor, extra, escape_html(content));
}

// A tick step giving at most about `ticks` ticks over `span` days.
int day_step(int span, int ticks) {
    for (int step : {1, 2, 5, 7, 14, 28, 56, 91, 182, 365})
        if (span / step <= ticks)
            return step;
    return 730;
}

std::string shorten(const std::string& label, std::size_t max) {
    return label.size() <= max ? label : label.substr(0, max - 1) + "~";
}

} // namespace

std::string depth_chart_svg(const report::PatientHistory& history) {
    std::vector<const report::SessionEntry*> sessions;
    for (const auto& entry : history.sessions)
        if (!entry.session.revision.voided)
            sessions.push_back(&entry);
    if (sessions.empty())
        return {};
    // One series per area and side, in the order first treated.
    std::vector<std::string> order;
    std::map<std::string, std::vector<std::pair<std::size_t, double>>> series;
    double deepest = 1.0;
    for (std::size_t i = 0; i < sessions.size(); ++i)
        for (const auto& treated : sessions[i]->session.details.areas) {
            const auto key = area_side_code(treated.area, treated.side);
            if (!series.contains(key))
                order.push_back(key);
            series[key].push_back({i, treated.depth_mm});
            deepest = std::max(deepest, treated.depth_mm);
        }
    const double top_mm = std::ceil(deepest * 2) / 2;
    const int left = 48, right = 170, top = 16, plot_height = 170;
    const int legend_height = static_cast<int>(order.size()) * 15 + top;
    const int height = std::max(top + plot_height + 46, legend_height + 8);
    const double plot_width = chart_width - left - right;
    const auto x_of = [&](std::size_t i) {
        return sessions.size() == 1 ? left + plot_width / 2
                                    : left + plot_width * static_cast<double>(i) /
                                                 static_cast<double>(sessions.size() - 1);
    };
    const auto y_of = [&](double mm) { return top + plot_height * (1 - mm / top_mm); };

    std::string svg = svg_open(height, "Needle depth per area across sessions");
    for (double mm = 0; mm <= top_mm + 1e-9; mm += 0.5) {
        svg += fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" "
                           "stroke=\"#ccc\" stroke-width=\"0.5\"/>\n",
                           left, y_of(mm), left + plot_width, y_of(mm));
        svg += text(left - 6, y_of(mm) + 3.5, fmt::format("{:.1f}", mm), "end");
    }
    svg += text(12, top + plot_height / 2.0, "depth (mm)", "middle",
                fmt::format(" transform=\"rotate(-90 12 {:.1f})\"", top + plot_height / 2.0));
    const std::size_t label_every = (sessions.size() + 7) / 8; // at most 8 date labels
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        svg += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" "
                           "stroke=\"#999\" stroke-width=\"0.5\"/>\n",
                           x_of(i), top + plot_height, top + plot_height + 4);
        if (i % label_every == 0 || i + 1 == sessions.size())
            svg += text(x_of(i), top + plot_height + 16, time::format_date(sessions[i]->day),
                        "middle");
    }
    svg += text(left + plot_width / 2, top + plot_height + 34, "session date", "middle");
    for (std::size_t s = 0; s < order.size(); ++s) {
        const auto colour = palette[s % std::size(palette)];
        const auto dash = dashes[(s / std::size(palette)) % std::size(dashes)];
        const auto dash_attribute =
            dash.empty() ? std::string() : fmt::format(" stroke-dasharray=\"{}\"", dash);
        std::string points;
        for (const auto& [i, mm] : series[order[s]])
            points += fmt::format("{:.1f},{:.1f} ", x_of(i), y_of(mm));
        svg += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" "
                           "stroke-width=\"1.6\"{}/>\n",
                           points, colour, dash_attribute);
        for (const auto& [i, mm] : series[order[s]])
            svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.6\" fill=\"{}\"/>\n",
                               x_of(i), y_of(mm), colour);
        const double legend_y = top + 15.0 * static_cast<double>(s);
        const double legend_x = left + plot_width + 16;
        svg += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" "
                           "stroke=\"{}\" stroke-width=\"1.6\"{}/>\n",
                           legend_x, legend_y, legend_x + 18, legend_y, colour, dash_attribute);
        svg += text(legend_x + 24, legend_y + 3.5, order[s]);
    }
    return svg + "</svg>\n";
}

std::string reaction_chart_svg(const report::PatientHistory& history) {
    struct Bar {
        std::string label;
        const report::ReactionTimeline* timeline;
    };
    std::vector<Bar> bars;
    int last_day = 7;
    for (const auto& entry : history.sessions) {
        if (entry.session.revision.voided)
            continue;
        for (const auto& item : entry.reactions) {
            if (item.reaction.revision.voided)
                continue;
            bars.push_back(
                {fmt::format("S{} {} {}", entry.session.id, time::format_date(entry.day),
                             shorten(std::string(code_of(item.reaction.details.kind)), 18)),
                 &item.timeline});
            last_day = std::max(last_day, item.timeline.recovery_day + 1);
        }
    }
    if (bars.empty())
        return {};
    const int left = 230, right = 24, top = 22, row = 16;
    const int plot_height = row * static_cast<int>(bars.size());
    const int height = top + plot_height + 52;
    const double plot_width = chart_width - left - right;
    const auto x_of = [&](double day) { return left + plot_width * day / last_day; };

    std::string svg = svg_open(height, "Reactions from onset to resolution, in days after the "
                                       "session");
    const int step = day_step(last_day, 10);
    for (int day = 0; day <= last_day; day += step) {
        svg += fmt::format("<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" "
                           "stroke=\"#ddd\" stroke-width=\"0.5\"/>\n",
                           x_of(day), top - 4, top + plot_height);
        svg += text(x_of(day), top - 8, std::to_string(day), "middle");
    }
    for (std::size_t i = 0; i < bars.size(); ++i) {
        const auto& t = *bars[i].timeline;
        const double y = top + row * static_cast<double>(i);
        svg += text(left - 8, y + 11.5, bars[i].label, "end");
        const auto colour = t.adverse ? "#c0392b" : t.prolonged ? "#e67e22" : "#2e86c1";
        const double x1 = x_of(t.onset_day);
        // A reaction gone the same day still gets a visible sliver.
        const double x2 = std::max(x_of(t.recovery_day), x1 + 3);
        svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"10\" "
                           "fill=\"{}\"{}/>\n",
                           x1, y + 3, x2 - x1, colour,
                           t.open ? " fill-opacity=\"0.45\" stroke-dasharray=\"3 2\" "
                                    "stroke=\"#333\" stroke-width=\"0.8\""
                                  : "");
        if (t.open) // still open on the as-of date: an arrow points on
            svg +=
                fmt::format("<polygon points=\"{0:.1f},{1:.1f} {2:.1f},{3:.1f} {0:.1f},{4:.1f}\" "
                            "fill=\"#333\"/>\n",
                            x2, y + 2, x2 + 6, y + 8, y + 14);
    }
    const double legend_y = top + plot_height + 22;
    svg += text(left + plot_width / 2, top + plot_height + 14, "days after the session", "middle");
    double x = 10;
    for (const auto& [colour, label] :
         {std::pair{"#2e86c1", "settled in time"}, std::pair{"#e67e22", "prolonged"},
          std::pair{"#c0392b", "adverse event"}}) {
        svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"14\" height=\"9\" "
                           "fill=\"{}\"/>\n",
                           x, legend_y + 6, colour);
        svg += text(x + 19, legend_y + 14, label);
        x += 130;
    }
    svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"14\" height=\"9\" fill=\"#2e86c1\" "
                       "fill-opacity=\"0.45\" stroke=\"#333\" stroke-dasharray=\"3 2\" "
                       "stroke-width=\"0.8\"/>\n",
                       x, legend_y + 6);
    svg += text(x + 19, legend_y + 14, fmt::format("open on {}", time::format_date(history.as_of)));
    return svg + "</svg>\n";
}

std::string score_chart_svg(const std::vector<report::ScoreTrend>& trends) {
    if (trends.empty() || trends.front().points.empty())
        return {};
    const auto& scale = scale_of(trends.front().scale);
    auto first = trends.front().points.front().details.assessed_on;
    auto last = first;
    for (const auto& trend : trends)
        for (const auto& point : trend.points) {
            first = std::min(first, point.details.assessed_on);
            last = std::max(last, point.details.assessed_on);
        }
    const int span = std::max(1, time::days_between(first, last));
    const int left = 48, right = 170, top = 16, plot_height = 120;
    const int height =
        std::max(top + plot_height + 46, top + 15 * static_cast<int>(trends.size()) + 8);
    const double plot_width = chart_width - left - right;
    const auto x_of = [&](time::Date day) {
        return left + plot_width * time::days_between(first, day) / span;
    };
    const double range = scale.high - scale.low;
    const auto y_of = [&](double value) {
        return top + plot_height * (1 - (value - scale.low) / range);
    };

    std::string svg = svg_open(height, fmt::format("{} over time", scale.name));
    const double step = range <= 10 ? 1 : range <= 30 ? 5 : 10;
    for (double value = scale.low; value <= scale.high + 1e-9; value += step) {
        svg += fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" "
                           "stroke=\"#ccc\" stroke-width=\"0.5\"/>\n",
                           left, y_of(value), left + plot_width, y_of(value));
        svg += text(left - 6, y_of(value) + 3.5, fmt::format("{:.{}f}", value, scale.decimals),
                    "end"); // numbers only: the labels (GAIS) are in the table above
    }
    svg += text(12, top + plot_height / 2.0,
                scale.lower_is_better ? "score (lower is better)" : "score", "middle",
                fmt::format(" transform=\"rotate(-90 12 {:.1f})\"", top + plot_height / 2.0));
    for (const auto day : {first, last}) {
        svg += text(x_of(day), top + plot_height + 16, time::format_date(day), "middle");
        if (first == last)
            break;
    }
    svg += text(left + plot_width / 2, top + plot_height + 34, "day scored", "middle");
    for (std::size_t s = 0; s < trends.size(); ++s) {
        const auto colour = palette[s % std::size(palette)];
        const auto dash = dashes[(s / std::size(palette)) % std::size(dashes)];
        const auto dash_attribute =
            dash.empty() ? std::string() : fmt::format(" stroke-dasharray=\"{}\"", dash);
        std::string points;
        for (const auto& point : trends[s].points)
            points += fmt::format("{:.1f},{:.1f} ", x_of(point.details.assessed_on),
                                  y_of(point.details.score));
        svg += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"{}\" "
                           "stroke-width=\"1.6\"{}/>\n",
                           points, colour, dash_attribute);
        for (const auto& point : trends[s].points)
            svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.6\" fill=\"{}\"/>\n",
                               x_of(point.details.assessed_on), y_of(point.details.score), colour);
        const double legend_y = top + 15.0 * static_cast<double>(s);
        const double legend_x = left + plot_width + 16;
        svg += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" "
                           "stroke=\"{}\" stroke-width=\"1.6\"{}/>\n",
                           legend_x, legend_y, legend_x + 18, legend_y, colour, dash_attribute);
        svg += text(legend_x + 24, legend_y + 3.5,
                    trends[s].area ? area_side_code(*trends[s].area, trends[s].side)
                                   : std::string("whole patient"));
    }
    return svg + "</svg>\n";
}

} // namespace needlebook::render
