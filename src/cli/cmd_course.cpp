#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/courses.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/render/csv_writer.hpp"
#include "needlebook/render/json.hpp"
#include "needlebook/render/record_text.hpp"

#include <charconv>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <iostream>
#include <memory>

namespace needlebook::cli {
namespace {

// A whole number from `low` to `high`, else a ValidationError naming the option and the range.
int parse_count(const std::string& text, std::string_view field, int low, int high,
                std::string_view unit) {
    int value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value < low ||
        value > high)
        throw ValidationError(std::string(field),
                              fmt::format("{} '{}' is not allowed; allowed: {} to {} {}", field,
                                          visible(text), low, high, unit));
    return value;
}

int parse_planned(const std::string& text) {
    return parse_count(text, "planned", 1, max_planned_sessions, "sessions");
}

int parse_every(const std::string& text) {
    return parse_count(text, "every", 1, 365, "days between sessions");
}

std::string course_state(const records::CourseProgress& p, time::Date today,
                         const time::ClinicZone& zone) {
    if (!p.course.open())
        return course_status(p.course);
    const auto due = p.next_due(zone);
    if (!due)
        return "all sessions done; close it";
    const auto late = time::days_between(*due, today);
    if (late > 0)
        return fmt::format("next due {} ({} days late)", time::format_date(*due), late);
    return fmt::format("next due {}", time::format_date(*due));
}

nlohmann::ordered_json progress_json(const records::CourseProgress& p, const std::string& patient,
                                     const time::ClinicZone& zone) {
    auto json = render::to_json(p.course);
    json["patient"] = patient;
    json["done"] = p.done();
    auto sessions = nlohmann::ordered_json::array();
    for (const auto& s : p.sessions)
        sessions.push_back({{"session", s.id.value},
                            {"at", zone.format_local(s.performed_at)},
                            {"at_utc", time::format_utc(s.performed_at)}});
    json["sessions"] = sessions;
    json["intervals_days"] = p.intervals(zone);
    const auto due = p.next_due(zone);
    json["next_due"] = due ? nlohmann::ordered_json(time::format_date(*due)) : nullptr;
    return json;
}

std::string progress_text(const records::CourseProgress& p, const std::string& patient,
                          time::Date today, const time::ClinicZone& zone) {
    const auto& c = p.course;
    std::string out = visible(fmt::format("Course {} for {}{}", c.id, patient,
                                          c.revision.voided ? "  [VOIDED]" : "")) +
                      "\n";
    const auto field = [&out](std::string_view label, const std::string& value) {
        if (!value.empty())
            out += fmt::format("  {:<14}{}\n", label, visible(value));
    };
    field("indication", std::string(label_of(c.details.indication)));
    field("plan", fmt::format("{} session{}, every {} days, from {}", c.details.planned,
                              c.details.planned == 1 ? "" : "s", c.details.every_days,
                              time::format_date(c.details.started_on)));
    field("areas", areas_text(c.details.areas));
    field("goal", c.details.goal);
    const auto intervals = p.intervals(zone);
    field("done", fmt::format("{} of {}{}", p.done(), c.details.planned,
                              intervals.empty()
                                  ? ""
                                  : fmt::format("; days between sessions {} (planned {})",
                                                fmt::join(intervals, ", "), c.details.every_days)));
    field("state", course_state(p, today, zone));
    if (c.details.closing)
        field("closed",
              fmt::format("{}, {}: {}", time::format_date(c.details.closing->on),
                          code_of(c.details.closing->outcome), c.details.closing->reason));
    if (!p.sessions.empty()) {
        out += "  sessions\n";
        for (std::size_t i = 0; i < p.sessions.size(); ++i)
            out += fmt::format("    {} of {}  session {}  {}\n", i + 1, c.details.planned,
                               p.sessions[i].id, zone.format_local(p.sessions[i].performed_at));
    }
    out += visible("  " + render::revision_line(c.revision, zone)) + "\n";
    return out;
}

// --closed and --outcome of 'course amend': reopen (--closed none), move the day, change how it
// ended; closing an open course this way keeps the amendment's reason as the close's.
void close_edit(CourseDetails& d, const std::optional<std::optional<time::Date>>& closed,
                const std::optional<CourseOutcome>& outcome, const std::string& reason) {
    if (closed && !*closed) {
        if (outcome)
            throw ValidationError("outcome", "--outcome with --closed none: a reopened course "
                                             "has no outcome");
        d.closing.reset();
        return;
    }
    if (!closed && !outcome)
        return;
    if (!d.closing && !closed)
        throw ValidationError("outcome", "the course is open: give --closed DATE too, or use "
                                         "'course close'");
    if (!d.closing)
        d.closing = CourseClosing{**closed, outcome.value_or(CourseOutcome::completed), reason};
    if (closed)
        d.closing->on = **closed;
    if (outcome)
        d.closing->outcome = *outcome;
}

} // namespace

void add_course_commands(CLI::App& app, Context& context) {
    auto* course =
        app.add_subcommand("course", "treatment courses: the plan a patient is treated under");
    needs_command(course);

    struct StartArgs {
        std::string patient, indication, planned, every, areas, goal, start;
    };
    auto start_args = std::make_shared<StartArgs>();
    auto* start = course->add_subcommand("start", "start a course for a patient");
    start->add_option("PATIENT", start_args->patient, "chart code")->required();
    start
        ->add_option("--indication", start_args->indication,
                     "indication: " + allowed_codes<Indication>())
        ->required();
    start
        ->add_option("--planned", start_args->planned,
                     fmt::format("sessions planned, 1 to {}", max_planned_sessions))
        ->required();
    start->add_option("--every", start_args->every, "days between sessions, 1 to 365")->required();
    start->add_option("--areas", start_args->areas, "areas it treats, AREA,AREA…")
        ->check(non_empty());
    start->add_option("--goal", start_args->goal, "what the course aims at, free text");
    start->add_option("--start", start_args->start, "first day, YYYY-MM-DD (default today)")
        ->check(non_empty());
    start->callback([&context, args = start_args] {
        context.forbid_csv("course start");
        CourseDetails details;
        details.indication = parse_code<Indication>(args->indication, "indication");
        details.planned = parse_planned(args->planned);
        details.every_days = parse_every(args->every);
        details.areas = parse_course_areas(args->areas);
        details.goal = args->goal;
        auto& scope = context.scope();
        details.started_on =
            args->start.empty() ? scope.today() : time::parse_date(args->start, "start");
        const auto started = records::start_course(scope, args->patient, details);
        if (context.format() == Format::json)
            context.print_json(render::to_json(started));
        else
            context.print(visible(fmt::format("course {} started for {}: {}", started.id,
                                              args->patient, render::course_text(details))) +
                          "\n");
    });

    auto show_id = std::make_shared<std::string>();
    auto* show = course->add_subcommand("show", "show a course with its sessions and progress");
    show->add_option("COURSE", *show_id, "course id")->required();
    show->callback([&context, show_id] {
        context.format(); // a wrong --format is refused before the read is audited
        auto& scope = context.scope();
        const auto progress = records::show_course(scope, records::parse_course_id(*show_id));
        const auto patient = records::find_patient_by_id(scope.db(), progress.course.patient_id);
        if (context.format() == Format::json)
            context.print_json(progress_json(progress, patient.code, scope.zone()));
        else
            context.print(progress_text(progress, patient.code, scope.today(), scope.zone()));
    });

    struct ListArgs {
        std::string patient;
        bool open = false;
    };
    auto list_args = std::make_shared<ListArgs>();
    auto* list = course->add_subcommand("list", "list courses with their progress");
    list->add_option("--patient", list_args->patient, "only this patient's (chart code)")
        ->check(non_empty());
    list->add_flag("--open", list_args->open, "only courses not yet closed");
    list->callback([&context, args = list_args] {
        context.format();
        auto& scope = context.scope();
        const auto courses = records::list_courses(
            scope,
            args->patient.empty() ? std::nullopt : std::optional<std::string_view>(args->patient),
            args->open);
        const auto code_of_patient = [&](PatientId id) {
            return records::find_patient_by_id(scope.db(), id).code;
        };
        const auto& zone = scope.zone();
        if (context.format() == Format::json) {
            auto array = nlohmann::ordered_json::array();
            for (const auto& p : courses)
                array.push_back(progress_json(p, code_of_patient(p.course.patient_id), zone));
            context.print_json(array);
            return;
        }
        if (context.format() == Format::csv) {
            render::CsvWriter csv(std::cout);
            csv.write_header({"id", "patient", "indication", "planned", "done", "every_days",
                              "started_on", "next_due", "closed_on", "outcome"});
            for (const auto& p : courses) {
                const auto& d = p.course.details;
                const auto due = p.next_due(zone);
                csv.write_row({{std::to_string(p.course.id.value), true},
                               {code_of_patient(p.course.patient_id)},
                               {std::string(code_of(d.indication))},
                               {std::to_string(d.planned), true},
                               {std::to_string(p.done()), true},
                               {std::to_string(d.every_days), true},
                               {time::format_date(d.started_on)},
                               {due ? time::format_date(*due) : ""},
                               {d.closing ? time::format_date(d.closing->on) : ""},
                               {d.closing ? std::string(code_of(d.closing->outcome)) : ""}});
            }
            return;
        }
        if (courses.empty()) {
            context.print("no courses\n");
            return;
        }
        render::TextTable table(
            {"course", "patient", "indication", "done", "every", "started", "state"});
        for (const auto& p : courses) {
            const auto& d = p.course.details;
            table.add_row({std::to_string(p.course.id.value), code_of_patient(p.course.patient_id),
                           std::string(code_of(d.indication)),
                           fmt::format("{} of {}", p.done(), d.planned),
                           fmt::format("{} days", d.every_days), time::format_date(d.started_on),
                           course_state(p, scope.today(), zone)});
        }
        context.print(table.render(context.color_stdout()));
    });

    const auto print_course = [&context](const Course& c, std::string_view verb) {
        if (context.format() == Format::json)
            context.print_json(render::to_json(c));
        else
            context.print(visible(fmt::format("course {} {} (revision {}): {}", c.id, verb,
                                              c.revision.number, render::course_text(c.details))) +
                          "\n");
    };

    struct CloseArgs {
        std::string course, outcome, on;
        CorrectionOptions correction;
    };
    auto close_args = std::make_shared<CloseArgs>();
    auto* close = course->add_subcommand("close", "close a course: completed, or stopped early");
    close->add_option("COURSE", close_args->course, "course id")->required();
    close->add_option("--outcome", close_args->outcome, "completed or stopped")->required();
    close->add_option("--on", close_args->on, "closed on, YYYY-MM-DD (default today)")
        ->check(non_empty());
    close_args->correction.add_to(close, "why it ends: the plan done, or why it stopped");
    close->callback([&context, args = close_args, print_course] {
        context.forbid_csv("course close");
        const auto id = records::parse_course_id(args->course);
        const auto outcome = parse_code<CourseOutcome>(args->outcome);
        auto& scope = context.scope();
        const auto correction = args->correction.correction();
        const CourseClosing closing{args->on.empty() ? scope.today()
                                                     : time::parse_date(args->on, "on"),
                                    outcome, correction.reason};
        print_course(records::close_course(scope, id, closing, correction.based_on), "closed");
    });

    struct AmendArgs {
        std::string course;
        TextOption indication, planned, every, areas, goal, start, closed, outcome;
        CorrectionOptions correction;
    };
    auto amend_args = std::make_shared<AmendArgs>();
    auto* amend =
        course->add_subcommand("amend", "correct a course's plan (kept as a revision, with the "
                                        "reason)");
    amend->add_option("COURSE", amend_args->course, "course id")->required();
    add_text(amend, "--indication", amend_args->indication,
             "indication: " + allowed_codes<Indication>());
    add_text(amend, "--planned", amend_args->planned, "sessions planned");
    add_text(amend, "--every", amend_args->every, "days between sessions");
    add_text(amend, "--areas", amend_args->areas, "areas it treats, AREA,AREA…, or none");
    add_text(amend, "--goal", amend_args->goal, "what the course aims at");
    add_text(amend, "--start", amend_args->start, "first day, YYYY-MM-DD");
    add_text(amend, "--closed", amend_args->closed,
             "the day it closed, YYYY-MM-DD, or none to reopen a course closed in error");
    add_text(amend, "--outcome", amend_args->outcome,
             "how a closed course ended: completed or "
             "stopped");
    amend_args->correction.add_to(amend, "why the plan changes");
    amend->callback([&context, args = amend_args, print_course] {
        context.forbid_csv("course amend");
        require_a_field("course amend",
                        {&args->indication, &args->planned, &args->every, &args->areas, &args->goal,
                         &args->start, &args->closed, &args->outcome});
        const auto id = records::parse_course_id(args->course);
        std::optional<Indication> indication;
        if (args->indication.given())
            indication = parse_code<Indication>(args->indication.value, "indication");
        std::optional<int> planned, every;
        if (args->planned.given())
            planned = parse_planned(args->planned.value);
        if (args->every.given())
            every = parse_every(args->every.value);
        std::optional<std::vector<Area>> areas;
        if (args->areas.given())
            areas = args->areas.value == "none" ? std::vector<Area>{}
                                                : parse_course_areas(args->areas.value);
        std::optional<time::Date> start;
        if (args->start.given())
            start = time::parse_date(args->start.value, "start");
        std::optional<std::optional<time::Date>> closed;
        if (args->closed.given())
            closed = date_or_none(args->closed.value, "closed");
        std::optional<CourseOutcome> outcome;
        if (args->outcome.given())
            outcome = parse_code<CourseOutcome>(args->outcome.value);
        const auto reason = args->correction.correction().reason;
        print_course(records::amend_course(
                         context.scope(), id,
                         [&](CourseDetails& d) {
                             if (indication)
                                 d.indication = *indication;
                             if (planned)
                                 d.planned = *planned;
                             if (every)
                                 d.every_days = *every;
                             if (areas)
                                 d.areas = *areas;
                             if (args->goal.given())
                                 d.goal = args->goal.value;
                             if (start)
                                 d.started_on = *start;
                             close_edit(d, closed, outcome, reason);
                         },
                         args->correction.correction()),
                     "amended");
    });

    struct VoidArgs {
        std::string course;
        CorrectionOptions correction;
    };
    auto void_args = std::make_shared<VoidArgs>();
    auto* voiding = course->add_subcommand(
        "void", "void a course started in error (it stays in the record, marked void)");
    voiding->add_option("COURSE", void_args->course, "course id")->required();
    void_args->correction.add_to(voiding, "why it was started in error");
    voiding->callback([&context, args = void_args, print_course] {
        context.forbid_csv("course void");
        print_course(records::void_course(context.scope(), records::parse_course_id(args->course),
                                          args->correction.correction()),
                     "voided");
    });
}

} // namespace needlebook::cli
