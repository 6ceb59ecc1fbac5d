#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/assessments.hpp"
#include "needlebook/records/courses.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/render/csv_writer.hpp"
#include "needlebook/render/json.hpp"
#include "needlebook/render/record_text.hpp"

#include <fmt/format.h>
#include <iostream>
#include <memory>

namespace needlebook::cli {
namespace {

// "goodman-baron (Goodman & Baron …, whole numbers 1 to 4, per area), …": the scales as help.
std::string scales_help() {
    std::string help;
    for (const auto& scale : outcome_scales())
        help += fmt::format("{}{} ({}{})", help.empty() ? "" : "; ", scale.key,
                            allowed_values(scale), scale.per_area ? ", per area" : "");
    return help;
}

std::optional<SessionId> session_or_none(const std::string& text) {
    if (text == "none")
        return std::nullopt;
    return records::parse_session_id(text);
}

std::optional<CourseId> course_or_none(const std::string& text) {
    if (text == "none")
        return std::nullopt;
    return records::parse_course_id(text);
}

} // namespace

void add_assess_commands(CLI::App& app, Context& context) {
    struct AssessArgs {
        std::string patient, scale, score, area, on, session, by, note;
        TextOption course;
    };
    auto args = std::make_shared<AssessArgs>();
    auto* assess = app.add_subcommand("assess", "record an outcome score (one scale, one value)");
    assess->add_option("PATIENT", args->patient, "chart code")->required();
    assess->add_option("--scale", args->scale, "the scale: " + scales_help())->required();
    assess
        ->add_option("--score", args->score,
                     "the value; glogau also takes I-IV, GAIS very-much-improved … worse")
        ->required();
    assess->add_option("--area", args->area, "AREA[:left|right], for scales scored per area")
        ->check(non_empty());
    assess
        ->add_option("--on", args->on,
                     "day scored, YYYY-MM-DD (default: the session's day "
                     "with --session, else today)")
        ->check(non_empty());
    assess->add_option("--session", args->session, "the session it was scored at")
        ->check(non_empty());
    add_text(assess, "--course", args->course,
             "the course it measures, or none (default: the session's course, else the "
             "patient's one open course)");
    assess->add_option("--by", args->by, "who scored it, when not you (e.g. patient)");
    assess->add_option("--note", args->note, "free-text note");
    assess->callback([&context, args] {
        context.forbid_csv("assess");
        // Everything typed is parsed before the database is opened.
        AssessmentDetails details;
        const auto& scale = outcome_scale(args->scale);
        details.scale = scale.code;
        details.score = parse_score(scale, args->score);
        if (!args->area.empty())
            std::tie(details.area, details.side) = parse_area_side(args->area);
        if (!args->session.empty())
            details.session = records::parse_session_id(args->session);
        auto link = records::CourseLink::automatic;
        if (args->course.given()) {
            details.course = course_or_none(args->course.value);
            link = records::CourseLink::as_given;
        }
        details.assessor = args->by;
        details.note = args->note;
        auto& scope = context.scope();
        if (!args->on.empty())
            details.assessed_on = time::parse_date(args->on, "on");
        else if (details.session)
            details.assessed_on = scope.zone().local_date(
                records::get_session(scope.db(), *details.session,
                                     storage::SessionRepository::Parts::areas)
                    .details.performed_at);
        else
            details.assessed_on = scope.today();
        const auto recorded = records::record_assessment(scope, args->patient, details, link);
        if (context.format() == Format::json)
            context.print_json(render::to_json(recorded));
        else
            context.print(
                visible(fmt::format("score {} recorded for {}: {}", recorded.id, args->patient,
                                    render::score_text(recorded.details))) +
                "\n");
    });

    auto* score = app.add_subcommand("score", "list and correct outcome scores ('assess' records "
                                              "them)");
    needs_command(score);

    auto list_patient = std::make_shared<std::string>();
    auto* list = score->add_subcommand("list", "a patient's scores by day, scale and area");
    list->add_option("PATIENT", *list_patient, "chart code")->required();
    list->callback([&context, list_patient] {
        context.format(); // a wrong --format is refused before the read is audited
        const auto scores = records::list_assessments(context.scope(), *list_patient);
        if (context.format() == Format::json) {
            auto array = nlohmann::ordered_json::array();
            for (const auto& a : scores)
                array.push_back(render::to_json(a));
            context.print_json(array);
            return;
        }
        const auto optional_id = [](const auto& id) {
            return id ? std::to_string(id->value) : std::string();
        };
        if (context.format() == Format::csv) {
            render::CsvWriter csv(std::cout);
            csv.write_header({"id", "on", "scale", "score", "area", "session", "course", "by",
                              "note", "revision"});
            for (const auto& a : scores) {
                const auto& d = a.details;
                csv.write_row({{std::to_string(a.id.value), true},
                               {time::format_date(d.assessed_on)},
                               {std::string(scale_of(d.scale).key)},
                               {format_score(scale_of(d.scale), d.score)},
                               {d.area ? area_side_code(*d.area, d.side) : ""},
                               {optional_id(d.session), true},
                               {optional_id(d.course), true},
                               {d.assessor},
                               {d.note},
                               {std::to_string(a.revision.number), true}});
            }
            return;
        }
        if (scores.empty()) {
            context.print("no scores\n");
            return;
        }
        render::TextTable table(
            {"score", "on", "scale", "value", "area", "session", "course", "by"});
        for (const auto& a : scores) {
            const auto& d = a.details;
            table.add_row({std::to_string(a.id.value), time::format_date(d.assessed_on),
                           std::string(scale_of(d.scale).key),
                           format_score(scale_of(d.scale), d.score),
                           d.area ? area_side_code(*d.area, d.side) : "-",
                           d.session ? std::to_string(d.session->value) : "-",
                           d.course ? std::to_string(d.course->value) : "-",
                           d.assessor.empty() ? a.revision.author : d.assessor});
        }
        context.print(table.render(context.color_stdout()));
    });

    const auto print_score = [&context](const Assessment& a, std::string_view verb) {
        if (context.format() == Format::json)
            context.print_json(render::to_json(a));
        else
            context.print(visible(fmt::format("score {} {} (revision {}): {}", a.id, verb,
                                              a.revision.number, render::score_text(a.details))) +
                          "\n");
    };

    struct AmendArgs {
        std::string score;
        TextOption value, area, on, session, course, by, note;
        CorrectionOptions correction;
    };
    auto amend_args = std::make_shared<AmendArgs>();
    auto* amend =
        score->add_subcommand("amend", "correct a score (kept as a revision, with the reason)");
    amend->add_option("SCORE", amend_args->score, "score id")->required();
    add_text(amend, "--score", amend_args->value, "the value on the same scale");
    add_text(amend, "--area", amend_args->area, "AREA[:left|right], or none");
    add_text(amend, "--on", amend_args->on, "day scored, YYYY-MM-DD");
    add_text(amend, "--session", amend_args->session, "session id, or none");
    add_text(amend, "--course", amend_args->course, "course id, or none");
    add_text(amend, "--by", amend_args->by, "who scored it");
    add_text(amend, "--note", amend_args->note, "free-text note");
    amend_args->correction.add_to(amend, "why the record changes");
    amend->callback([&context, args = amend_args, print_score] {
        context.forbid_csv("score amend");
        require_a_field("score amend", {&args->value, &args->area, &args->on, &args->session,
                                        &args->course, &args->by, &args->note});
        const auto id = records::parse_assessment_id(args->score);
        std::optional<std::pair<std::optional<Area>, std::optional<Side>>> where;
        if (args->area.given())
            where = args->area.value == "none"
                        ? std::pair<std::optional<Area>, std::optional<Side>>{}
                        : parse_area_side(args->area.value);
        std::optional<time::Date> on;
        if (args->on.given())
            on = time::parse_date(args->on.value, "on");
        std::optional<std::optional<SessionId>> session;
        if (args->session.given())
            session = session_or_none(args->session.value);
        std::optional<std::optional<CourseId>> course;
        if (args->course.given())
            course = course_or_none(args->course.value);
        print_score(records::amend_assessment(
                        context.scope(), id,
                        [&](AssessmentDetails& d) {
                            if (args->value.given()) // read on the score's own scale
                                d.score = parse_score(scale_of(d.scale), args->value.value);
                            if (where)
                                std::tie(d.area, d.side) = *where;
                            if (on)
                                d.assessed_on = *on;
                            if (session)
                                d.session = *session;
                            if (course)
                                d.course = *course;
                            if (args->by.given())
                                d.assessor = args->by.value;
                            if (args->note.given())
                                d.note = args->note.value;
                        },
                        args->correction.correction()),
                    "amended");
    });

    struct VoidArgs {
        std::string score;
        CorrectionOptions correction;
    };
    auto void_args = std::make_shared<VoidArgs>();
    auto* voiding = score->add_subcommand(
        "void", "void a score recorded in error (it stays in the record, marked void)");
    voiding->add_option("SCORE", void_args->score, "score id")->required();
    void_args->correction.add_to(voiding, "why it was recorded in error");
    voiding->callback([&context, args = void_args, print_score] {
        context.forbid_csv("score void");
        print_score(records::void_assessment(context.scope(),
                                             records::parse_assessment_id(args->score),
                                             args->correction.correction()),
                    "voided");
    });
}

} // namespace needlebook::cli
