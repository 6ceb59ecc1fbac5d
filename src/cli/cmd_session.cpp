#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/assessments.hpp"
#include "needlebook/records/courses.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/reactions.hpp"
#include "needlebook/records/safekeeping.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/render/csv_writer.hpp"
#include "needlebook/render/json.hpp"
#include "needlebook/render/record_text.hpp"

#include <fmt/format.h>
#include <iostream>
#include <memory>

namespace needlebook::cli {
namespace {

// The fields of 'session log', shared by 'session amend' where each one is optional.
struct SessionOptions {
    TextOption at, device, indication, model, cartridge, cartridge_lot, anaesthetic, endpoint,
        aftercare, practitioner, note, course, pain;
    std::vector<std::string> areas, serums;
    bool no_serums = false;
    CLI::Option* no_serums_option = nullptr;
    std::vector<std::string> overrides;

    void add_to(CLI::App* command, bool for_log) {
        auto* at_option = add_text(command, "--at", at,
                                   "when, 'YYYY-MM-DD HH:MM' in the clinic's zone, "
                                   "'YYYY-MM-DDTHH:MMZ' in UTC, or now (the current minute)");
        // On log, --device and --area are required unless --like copies them (the callback).
        add_text(command, "--device", device,
                 std::string("pen, roller, stamp or rf") +
                     (for_log ? " (required unless --like)" : ""));
        auto* area_option = command->add_option(
            "--area", areas,
            "treated area, AREA[:left|right]=DEPTH[xPASSES], depth in mm (repeat for each area; "
            "on amend or with --like the given areas replace all" +
                std::string(for_log ? "; required unless --like" : "") +
                "); AREA: " + allowed_codes<Area>());
        area_option->allow_extra_args(false); // one value per --area, so PATIENT is not swallowed
        auto* serum_option =
            command->add_option("--serum", serums,
                                "serum, PRODUCT@LOT[:during|after][=ML] (phase after unless "
                                "given; ML the amount used, e.g. =1.5ml; repeat; on amend or "
                                "with --like the given serums replace all)");
        serum_option->allow_extra_args(false);
        if (for_log)
            at_option->required();
        no_serums_option =
            command->add_flag("--no-serums", no_serums,
                              for_log ? "copy no serum (with --like)" : "remove every serum");
        add_text(command, "--indication", indication,
                 "indication: " + allowed_codes<Indication>() +
                     (for_log ? " (default other)" : ""));
        add_text(command, "--model", model, "device model");
        add_text(command, "--cartridge", cartridge, "cartridge, e.g. 16-pin");
        add_text(command, "--cartridge-lot", cartridge_lot, "cartridge lot number");
        add_text(command, "--anaesthetic", anaesthetic, "topical anaesthetic used");
        add_text(command, "--endpoint", endpoint, "clinical endpoint reached");
        add_text(command, "--aftercare", aftercare, "aftercare given");
        add_text(command, "--practitioner", practitioner,
                 "who treated (default: the acting user, --as)");
        add_text(command, "--note", note, "free-text note");
        add_text(command, "--course", course,
                 for_log ? "the treatment course it belongs to, or none (default: the patient's "
                           "open course of its indication)"
                         : "the treatment course it belongs to, or none");
        if (for_log)
            add_text(command, "--pain", pain,
                     "procedure pain, 0 (none) to 10 (worst imaginable), stored as a pain-nrs "
                     "score");
        command
            ->add_option("--override", overrides,
                         "KEY=\"reason\": accept the blocking finding KEY that a refusal "
                         "listed (repeat for each); the reason is kept with the session" +
                             std::string(for_log ? ""
                                                 : "; for a finding on file, corrects its "
                                                   "reason"))
            ->allow_extra_args(false);
    }

    // Applies the options that were given on top of `details`; `now` is the clock's time.
    SessionDetails apply(SessionDetails d, const time::ClinicZone& zone, time::Instant now) const {
        if (at.given())
            d.performed_at = zone.parse_when(at.value, "at", now);
        if (device.given())
            d.device = parse_code<Device>(device.value);
        if (indication.given())
            d.indication = parse_code<Indication>(indication.value);
        const std::pair<const TextOption*, std::string*> texts[] = {
            {&model, &d.model},
            {&cartridge, &d.cartridge},
            {&cartridge_lot, &d.cartridge_lot},
            {&anaesthetic, &d.anaesthetic},
            {&endpoint, &d.endpoint},
            {&aftercare, &d.aftercare},
            {&practitioner, &d.practitioner},
            {&note, &d.note}};
        for (const auto& [option, field] : texts)
            if (option->given())
                *field = option->value;
        if (!areas.empty()) {
            d.areas.clear();
            for (const auto& spec : areas)
                d.areas.push_back(parse_area_spec(spec));
        }
        if (course.given())
            d.course = course.value == "none"
                           ? std::nullopt
                           : std::optional(records::parse_course_id(course.value));
        if (no_serums)
            d.serums.clear();
        if (!serums.empty()) {
            d.serums.clear();
            for (const auto& spec : serums)
                d.serums.push_back(parse_serum_spec(spec));
        }
        return d;
    }

    records::LogOptions log_options() const {
        records::LogOptions options;
        options.join_open_course = !course.given();
        if (pain.given()) {
            try {
                options.pain = parse_score(scale_of(ScaleCode::pain_nrs), pain.value);
            } catch (const ValidationError&) {
                throw ValidationError("pain",
                                      fmt::format("pain '{}' is not allowed; allowed: {}",
                                                  visible(pain.value),
                                                  allowed_values(scale_of(ScaleCode::pain_nrs))));
            }
        }
        return options;
    }
};

void report_logged(Context& context, const records::LoggedSession& logged,
                   const std::string& verb) {
    const auto& zone = context.scope().zone();
    // Kept with the session, and said now while the patient is still in the room.
    for (const auto& warning : logged.warnings())
        context.warn(render::finding_text(warning));
    const auto& session = logged.session;
    if (context.format() == Format::json) {
        context.print_json(render::to_json(session, zone));
        return;
    }
    std::string text =
        fmt::format("session {} {} for {} at {}\n", session.id, verb, session.patient_code,
                    zone.format_local(session.details.performed_at));
    for (const auto& finding : session.findings)
        if (finding.level == FindingLevel::overridden)
            text += visible("overridden " + render::finding_text(finding)) + "\n";
    if (const auto place = records::course_place(context.scope().db(), session))
        text += render::course_place_text(*place) + "\n";
    if (logged.pain)
        text += fmt::format("score {} recorded: {}\n", logged.pain->id,
                            render::score_text(logged.pain->details));
    for (const auto& moved : logged.scores_moved)
        text += fmt::format("score {} moved with it: {}\n", moved.id,
                            render::score_text(moved.details));
    context.print(text);
}

void write_sessions_csv(const std::vector<Session>& sessions, const time::ClinicZone& zone) {
    render::CsvWriter csv(std::cout);
    csv.write_header({"id", "patient", "at", "at_utc", "practitioner", "indication", "device",
                      "areas", "serums", "findings", "revision", "voided"});
    for (const auto& s : sessions) {
        std::vector<std::string> areas, serums;
        for (const auto& treated : s.details.areas)
            areas.push_back(render::area_spec(treated));
        for (const auto& use : s.details.serums)
            serums.push_back(render::serum_spec(use));
        std::vector<std::string> findings;
        for (const auto& finding : s.findings)
            findings.push_back(fmt::format("{} {}", finding.level, render::finding_text(finding)));
        csv.write_row({{std::to_string(s.id.value), true},
                       {s.patient_code},
                       {zone.format_local(s.details.performed_at)},
                       {time::format_utc(s.details.performed_at)},
                       {s.details.practitioner},
                       {std::string(code_of(s.details.indication))},
                       {std::string(code_of(s.details.device))},
                       {fmt::format("{}", fmt::join(areas, " "))},
                       {fmt::format("{}", fmt::join(serums, " "))},
                       {fmt::format("{}", fmt::join(findings, "; "))},
                       {std::to_string(s.revision.number), true},
                       {s.revision.voided ? "1" : "0", true}});
    }
}

} // namespace

void add_session_commands(CLI::App& app, Context& context) {
    auto* session = app.add_subcommand("session", "log, show, list, amend and void sessions");
    needs_command(session);

    struct LogArgs {
        std::string patient;
        TextOption like;
        SessionOptions fields;
    };
    auto log_args = std::make_shared<LogArgs>();
    auto* log = session->add_subcommand("log", "log a treatment session");
    log->add_option("PATIENT", log_args->patient, "chart code")->required();
    add_text(log, "--like", log_args->like,
             "start from this session of the same patient: its device, model, cartridge and lot, "
             "indication, anaesthetic, endpoint, areas, serums and aftercare (not its time, "
             "practitioner or note); each option given replaces what is copied");
    log_args->fields.add_to(log, true);
    log_args->fields.no_serums_option->needs(log_args->like.option);
    log->callback([&context, args = log_args] {
        // What a session cannot do without, unless --like copies it.
        if (!args->like.given()) {
            const auto required = [](std::string_view name) {
                return CLI::RequiredError(
                    fmt::format("{} is required (or --like SESSION to copy it)", name),
                    CLI::ExitCodes::RequiredError);
            };
            if (!args->fields.device.given())
                throw required("--device");
            if (args->fields.areas.empty())
                throw required("--area");
        }
        context.forbid_csv("session log");
        auto& scope = context.scope();
        SessionDetails start;
        if (args->like.given()) {
            start = records::details_like(scope, args->patient,
                                          records::parse_session_id(args->like.value));
        } else {
            start.indication = Indication::other;
            start.practitioner = scope.actor();
        }
        const auto details = args->fields.apply(start, scope.zone(), scope.clock().now());
        const auto logged = records::log_session(
            scope, args->patient, details, args->fields.overrides, args->fields.log_options());
        report_logged(context, logged, "logged");
    });

    auto show_id = std::make_shared<std::string>();
    auto* show =
        session->add_subcommand("show", "show a session with its reactions and follow-ups");
    show->add_option("SESSION", *show_id, "session id")->required();
    show->callback([&context, show_id] {
        context.format(); // a wrong --format is refused before the read is audited
        auto& scope = context.scope();
        auto& db = scope.db();
        const auto id = records::parse_session_id(*show_id);
        // Read and audited in one transaction: the audit row names the revision shown.
        const auto [found, reactions, followups, place, scores] = db.write([&] {
            auto session = records::get_session(db, id);
            auto shown = std::tuple(session, records::reactions_of(db, session.id),
                                    records::followups_of(db, session.id),
                                    records::course_place(db, session),
                                    records::assessments_of_session(db, session.id));
            records::audit_read(scope, "session.show", "session", session.id.value,
                                session.patient_id.value, session.revision.number);
            return shown;
        });
        const auto& zone = scope.zone();
        if (context.format() == Format::json) {
            auto json = render::to_json(found, zone);
            json["reactions"] = nlohmann::ordered_json::array();
            for (const auto& r : reactions)
                json["reactions"].push_back(render::to_json(r));
            json["followups"] = nlohmann::ordered_json::array();
            for (const auto& f : followups)
                json["followups"].push_back(render::to_json(f));
            if (place) {
                json["course_session"] = place->position;
                json["course_planned"] = place->planned;
            }
            json["scores"] = nlohmann::ordered_json::array();
            for (const auto& a : scores)
                json["scores"].push_back(render::to_json(a));
            context.print_json(json);
        } else if (context.format() == Format::csv) {
            write_sessions_csv({found}, zone);
        } else {
            context.print(render::session_text(found, reactions, followups, zone, place, scores));
        }
    });

    struct ListArgs {
        std::string patient, from, to;
        bool voided = false;
    };
    auto list_args = std::make_shared<ListArgs>();
    auto* list = session->add_subcommand("list", "list sessions in time order");
    list->add_option("--patient", list_args->patient, "only this patient's (chart code)")
        ->check(non_empty());
    list->add_option("--from", list_args->from, "from this day, YYYY-MM-DD")->check(non_empty());
    list->add_option("--to", list_args->to, "up to and including this day, YYYY-MM-DD")
        ->check(non_empty());
    list->add_flag("--voided", list_args->voided, "include voided sessions");
    list->callback([&context, args = list_args] {
        auto& db = context.db();
        const auto zone = records::clinic_zone(db);
        storage::SessionFilter filter;
        if (!args->patient.empty())
            filter.patient = records::find_patient(db, args->patient).id;
        if (!args->from.empty())
            filter.from = zone.start_of_day(time::parse_date(args->from, "from"));
        if (!args->to.empty())
            filter.to = zone.start_of_day(time::add_days(time::parse_date(args->to, "to"), 1));
        if (filter.from && filter.to && *filter.from >= *filter.to)
            throw ValidationError("to",
                                  fmt::format("to {} is before from {}", args->to, args->from));
        filter.include_voided = args->voided;
        context.format(); // a wrong --format is refused before the read is audited
        const auto sessions = records::list_sessions(context.scope(), filter);
        if (context.format() == Format::json) {
            auto array = nlohmann::ordered_json::array();
            for (const auto& s : sessions)
                array.push_back(render::to_json(s, zone));
            context.print_json(array);
        } else if (context.format() == Format::csv) {
            write_sessions_csv(sessions, zone);
        } else if (sessions.empty()) {
            context.print("no sessions\n");
        } else {
            context.print(render::session_table(sessions, zone).render(context.color_stdout()));
        }
    });

    struct AmendArgs {
        std::string session;
        CorrectionOptions correction;
        SessionOptions fields;
    };
    auto amend_args = std::make_shared<AmendArgs>();
    auto* amend = session->add_subcommand("amend", "amend a session (kept as a revision)");
    amend->add_option("SESSION", amend_args->session, "session id")->required();
    amend_args->correction.add_to(amend, "why the record changes");
    amend_args->fields.add_to(amend, false);
    amend->callback([&context, args = amend_args] {
        context.forbid_csv("session amend");
        auto& scope = context.scope();
        const auto id = records::parse_session_id(args->session);
        const auto current = records::get_session(scope.db(), id);
        const auto details = args->fields.apply(current.details, scope.zone(), scope.clock().now());
        const auto correction = args->correction.correction();
        const auto logged =
            records::amend_session(scope, id, details, correction.reason, args->fields.overrides,
                                   correction.based_on.value_or(current.revision.number));
        report_logged(context, logged,
                      fmt::format("amended (revision {})", logged.session.revision.number));
    });

    struct VoidArgs {
        std::string session;
        CorrectionOptions correction;
    };
    auto void_args = std::make_shared<VoidArgs>();
    auto* void_command = session->add_subcommand("void", "void a session logged in error");
    void_command->add_option("SESSION", void_args->session, "session id")->required();
    void_args->correction.add_to(void_command, "why it is void");
    void_command->callback([&context, args = void_args] {
        context.forbid_csv("session void");
        auto& scope = context.scope();
        const auto voided = records::void_session(scope, records::parse_session_id(args->session),
                                                  args->correction.correction());
        if (context.format() == Format::json) {
            context.print_json(render::to_json(voided.session, scope.zone()));
            return;
        }
        context.print(fmt::format("session {} voided (revision {}): {}\n", voided.session.id,
                                  voided.session.revision.number,
                                  visible(args->correction.reason)));
        for (const auto& score : voided.pain_scores)
            context.print(
                fmt::format("score {} (the pain recorded with it) voided too\n", score.id));
    });
}

} // namespace needlebook::cli
