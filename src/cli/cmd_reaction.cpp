#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/records/reactions.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/render/json.hpp"

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
    };
    auto resolve_args = std::make_shared<ResolveArgs>();
    auto* resolve = reaction->add_subcommand("resolve", "record that a reaction has resolved");
    resolve->add_option("REACTION", resolve_args->reaction, "reaction id")->required();
    resolve->add_option("--on", resolve_args->on, "resolved on, YYYY-MM-DD")->required();
    resolve->callback([&context, args = resolve_args] {
        context.forbid_csv("reaction resolve");
        const auto id = records::parse_reaction_id(args->reaction);
        const auto on = time::parse_date(args->on, "on");
        const auto resolved = records::resolve_reaction(context.scope(), id, on);
        if (context.format() == Format::json)
            context.print_json(render::to_json(resolved));
        else
            context.print(fmt::format("reaction {} resolved on {}, {} days after onset\n", id,
                                      time::format_date(on),
                                      time::days_between(resolved.details.onset, on)));
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
}

} // namespace needlebook::cli
