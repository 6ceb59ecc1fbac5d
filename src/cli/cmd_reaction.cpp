#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/reactions.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/render/json.hpp"
#include "needlebook/render/record_text.hpp"

#include <fmt/format.h>
#include <memory>

namespace needlebook::cli {

void add_reaction_commands(CLI::App& app, Context& context) {
    auto* reaction = app.add_subcommand("reaction", "reactions after a session");
    needs_command(reaction);

    struct AddArgs {
        std::string session, kind, severity, onset, resolved, area, note;
    };
    auto add_args = std::make_shared<AddArgs>();
    auto* add = reaction->add_subcommand("add", "record a reaction to a session");
    add->add_option("SESSION", add_args->session, "session id")->required();
    add->add_option("--kind", add_args->kind, "kind: " + allowed_codes<ReactionKind>())->required();
    add->add_option("--severity", add_args->severity, "mild, moderate or severe")->required();
    add->add_option("--onset", add_args->onset, "onset date, YYYY-MM-DD")->required();
    add->add_option("--resolved", add_args->resolved,
                    "resolved date, YYYY-MM-DD (open if left out)")
        ->check(non_empty());
    add->add_option("--area", add_args->area, "where, AREA[:left|right]")->check(non_empty());
    add->add_option("--note", add_args->note, "free-text note");
    add->callback([&context, args = add_args] {
        context.forbid_csv("reaction add");
        const auto session = records::parse_session_id(args->session);
        ReactionDetails details;
        details.kind = parse_code<ReactionKind>(args->kind);
        details.severity = parse_code<Severity>(args->severity);
        details.onset = time::parse_date(args->onset, "onset");
        if (!args->resolved.empty())
            details.resolved = time::parse_date(args->resolved, "resolved");
        if (!args->area.empty())
            std::tie(details.area, details.side) = parse_area_side(args->area);
        details.note = args->note;
        const auto added = records::add_reaction(context.scope(), session, details);
        if (context.format() == Format::json)
            context.print_json(render::to_json(added));
        else
            context.print(fmt::format("reaction {} recorded for session {}: {}, {}{}\n", added.id,
                                      session, label_of(details.kind), label_of(details.severity),
                                      details.resolved ? "" : ", open"));
    });

    struct ResolveArgs {
        std::string reaction, on;
        TextOption reason;
    };
    auto resolve_args = std::make_shared<ResolveArgs>();
    auto* resolve = reaction->add_subcommand("resolve", "record that a reaction has resolved");
    resolve->add_option("REACTION", resolve_args->reaction, "reaction id")->required();
    resolve->add_option("--on", resolve_args->on, "resolved on, YYYY-MM-DD")->required();
    add_text(resolve, "--reason", resolve_args->reason,
             "why an earlier resolution date is corrected (needed when it is already resolved)");
    resolve->callback([&context, args = resolve_args] {
        context.forbid_csv("reaction resolve");
        const auto id = records::parse_reaction_id(args->reaction);
        const auto on = time::parse_date(args->on, "on");
        const auto resolved = records::resolve_reaction(
            context.scope(), id, on,
            args->reason.given() ? std::optional(args->reason.value) : std::nullopt);
        if (context.format() == Format::json)
            context.print_json(render::to_json(resolved));
        else
            context.print(fmt::format("reaction {} resolved on {}, {} days after onset\n", id,
                                      time::format_date(on),
                                      time::days_between(resolved.details.onset, on)));
    });

    // Corrections print the record as it now reads, then what they leave to look at.
    const auto print_corrected = [&context](const auto& corrected, std::string_view verb) {
        const auto& r = corrected.record;
        if (context.format() == Format::json)
            context.print_json(render::to_json(r));
        else
            context.print(
                visible(fmt::format("reaction {} {} (revision {}): {}", r.id, verb,
                                    r.revision.number, render::reaction_text(r.details))) +
                "\n");
        for (const auto& warning : corrected.warnings)
            context.warn(warning);
    };

    struct AmendArgs {
        std::string reaction;
        TextOption kind, severity, onset, resolved, area, note;
        CorrectionOptions correction;
    };
    auto amend_args = std::make_shared<AmendArgs>();
    auto* amend = reaction->add_subcommand(
        "amend", "correct a reaction (kept as a revision, with the reason)");
    amend->add_option("REACTION", amend_args->reaction, "reaction id")->required();
    add_text(amend, "--kind", amend_args->kind, "kind: " + allowed_codes<ReactionKind>());
    add_text(amend, "--severity", amend_args->severity, "mild, moderate or severe");
    add_text(amend, "--onset", amend_args->onset, "onset date, YYYY-MM-DD");
    add_text(amend, "--resolved", amend_args->resolved, "resolved date, YYYY-MM-DD, or none");
    add_text(amend, "--area", amend_args->area, "where, AREA[:left|right], or none");
    add_text(amend, "--note", amend_args->note, "free-text note");
    amend_args->correction.add_to(amend, "why the record changes");
    amend->callback([&context, args = amend_args, print_corrected] {
        context.forbid_csv("reaction amend");
        require_a_field("reaction amend", {&args->kind, &args->severity, &args->onset,
                                           &args->resolved, &args->area, &args->note});
        const auto id = records::parse_reaction_id(args->reaction);
        // Everything typed is parsed before the database is opened.
        std::optional<ReactionKind> kind;
        if (args->kind.given())
            kind = parse_code<ReactionKind>(args->kind.value);
        std::optional<Severity> severity;
        if (args->severity.given())
            severity = parse_code<Severity>(args->severity.value);
        std::optional<time::Date> onset;
        if (args->onset.given())
            onset = time::parse_date(args->onset.value, "onset");
        std::optional<std::optional<time::Date>> resolved;
        if (args->resolved.given())
            resolved = date_or_none(args->resolved.value, "resolved");
        std::optional<std::pair<std::optional<Area>, std::optional<Side>>> where;
        if (args->area.given())
            where = args->area.value == "none"
                        ? std::pair<std::optional<Area>, std::optional<Side>>{}
                        : parse_area_side(args->area.value);
        print_corrected(records::amend_reaction(
                            context.scope(), id,
                            [&](ReactionDetails& details) {
                                if (kind)
                                    details.kind = *kind;
                                if (severity)
                                    details.severity = *severity;
                                if (onset)
                                    details.onset = *onset;
                                if (resolved)
                                    details.resolved = *resolved;
                                if (where)
                                    std::tie(details.area, details.side) = *where;
                                if (args->note.given())
                                    details.note = args->note.value;
                            },
                            args->correction.correction()),
                        "amended");
    });

    struct VoidArgs {
        std::string record;
        CorrectionOptions correction;
    };
    auto void_args = std::make_shared<VoidArgs>();
    auto* voiding = reaction->add_subcommand(
        "void", "void a reaction recorded in error (it stays in the record, marked void)");
    voiding->add_option("REACTION", void_args->record, "reaction id")->required();
    void_args->correction.add_to(voiding, "why it was recorded in error");
    voiding->callback([&context, args = void_args, print_corrected] {
        context.forbid_csv("reaction void");
        print_corrected(records::void_reaction(context.scope(),
                                               records::parse_reaction_id(args->record),
                                               args->correction.correction()),
                        "voided");
    });

    struct FollowupArgs {
        std::string session, on, outcome, note;
    };
    auto followup_args = std::make_shared<FollowupArgs>();
    auto* followup = app.add_subcommand("followup", "follow-up checks after a session");
    needs_command(followup);
    auto* followup_add = followup->add_subcommand("add", "record a follow-up check");
    followup_add->add_option("SESSION", followup_args->session, "session id")->required();
    followup_add->add_option("--on", followup_args->on, "checked on, YYYY-MM-DD")->required();
    followup_add->add_option("--outcome", followup_args->outcome, "none or reactions")->required();
    followup_add->add_option("--note", followup_args->note, "free-text note");
    followup_add->callback([&context, args = followup_args] {
        context.forbid_csv("followup add");
        const auto session = records::parse_session_id(args->session);
        const FollowupDetails details{time::parse_date(args->on, "on"),
                                      parse_code<FollowupOutcome>(args->outcome), args->note};
        const auto added = records::add_followup(context.scope(), session, details);
        if (context.format() == Format::json)
            context.print_json(render::to_json(added));
        else
            context.print(fmt::format("follow-up {} recorded for session {}: {}\n", added.id,
                                      session, label_of(details.outcome)));
    });

    const auto print_followup = [&context](const Followup& f, std::string_view verb) {
        if (context.format() == Format::json)
            context.print_json(render::to_json(f));
        else
            context.print(
                visible(fmt::format("follow-up {} {} (revision {}): {}", f.id, verb,
                                    f.revision.number, render::followup_text(f.details))) +
                "\n");
    };

    struct FollowupAmendArgs {
        std::string followup;
        TextOption on, outcome, note;
        CorrectionOptions correction;
    };
    auto followup_amend_args = std::make_shared<FollowupAmendArgs>();
    auto* followup_amend = followup->add_subcommand(
        "amend", "correct a follow-up check (kept as a revision, with the reason)");
    followup_amend->add_option("FOLLOWUP", followup_amend_args->followup, "follow-up id")
        ->required();
    add_text(followup_amend, "--on", followup_amend_args->on, "checked on, YYYY-MM-DD");
    add_text(followup_amend, "--outcome", followup_amend_args->outcome, "none or reactions");
    add_text(followup_amend, "--note", followup_amend_args->note, "free-text note");
    followup_amend_args->correction.add_to(followup_amend, "why the record changes");
    followup_amend->callback([&context, args = followup_amend_args, print_followup] {
        context.forbid_csv("followup amend");
        require_a_field("followup amend", {&args->on, &args->outcome, &args->note});
        const auto id = records::parse_followup_id(args->followup);
        std::optional<time::Date> on;
        if (args->on.given())
            on = time::parse_date(args->on.value, "on");
        std::optional<FollowupOutcome> outcome;
        if (args->outcome.given())
            outcome = parse_code<FollowupOutcome>(args->outcome.value);
        print_followup(records::amend_followup(
                           context.scope(), id,
                           [&](FollowupDetails& details) {
                               if (on)
                                   details.checked_on = *on;
                               if (outcome)
                                   details.outcome = *outcome;
                               if (args->note.given())
                                   details.note = args->note.value;
                           },
                           args->correction.correction()),
                       "amended");
    });

    auto followup_void_args = std::make_shared<VoidArgs>();
    auto* followup_void = followup->add_subcommand(
        "void", "void a follow-up recorded in error (it stays in the record, marked void)");
    followup_void->add_option("FOLLOWUP", followup_void_args->record, "follow-up id")->required();
    followup_void_args->correction.add_to(followup_void, "why it was recorded in error");
    followup_void->callback([&context, args = followup_void_args, print_followup] {
        context.forbid_csv("followup void");
        print_followup(records::void_followup(context.scope(),
                                              records::parse_followup_id(args->record),
                                              args->correction.correction()),
                       "voided");
    });
}

} // namespace needlebook::cli
