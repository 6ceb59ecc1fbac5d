#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/render/json.hpp"

#include <fmt/format.h>
#include <memory>

namespace needlebook::cli {

void add_condition_commands(CLI::App& app, Context& context) {
    auto* condition = app.add_subcommand("condition", "conditions that matter before treating");
    needs_command(condition);

    struct AddArgs {
        std::string patient, code, since, note;
    };
    auto add_args = std::make_shared<AddArgs>();
    auto* add = condition->add_subcommand("add", "put a condition on file");
    add->add_option("PATIENT", add_args->patient, "chart code")->required();
    add->add_option("--code", add_args->code, "condition: " + allowed_codes<ConditionCode>())
        ->required();
    add->add_option("--since", add_args->since, "since when, YYYY-MM-DD")->check(non_empty());
    add->add_option("--note", add_args->note, "free-text note");
    add->callback([&context, args = add_args] {
        context.forbid_csv("condition add");
        ConditionDetails details;
        details.code = parse_code<ConditionCode>(args->code);
        if (!args->since.empty())
            details.since = time::parse_date(args->since, "since");
        details.note = args->note;
        const auto added = records::add_condition(context.scope(), args->patient, details);
        if (context.format() == Format::json)
            context.print_json(render::to_json(added));
        else
            context.print(fmt::format("condition {} on file for {}: {}\n", added.id, args->patient,
                                      label_of(added.details.code)));
    });

    struct ResolveArgs {
        std::string patient, code, on;
    };
    auto resolve_args = std::make_shared<ResolveArgs>();
    auto* resolve = condition->add_subcommand("resolve", "record that a condition has resolved");
    resolve->add_option("PATIENT", resolve_args->patient, "chart code")->required();
    resolve->add_option("--code", resolve_args->code, "condition code")->required();
    resolve->add_option("--on", resolve_args->on, "resolved on, YYYY-MM-DD")->required();
    resolve->callback([&context, args = resolve_args] {
        context.forbid_csv("condition resolve");
        const auto code = parse_code<ConditionCode>(args->code);
        const auto on = time::parse_date(args->on, "on");
        const auto resolved = records::resolve_condition(context.scope(), args->patient, code, on);
        if (context.format() == Format::json)
            context.print_json(render::to_json(resolved));
        else
            context.print(fmt::format("condition {} of {} resolved on {}: {}\n", resolved.id,
                                      args->patient, time::format_date(on), label_of(code)));
    });

    struct ConsentArgs {
        std::string patient, signed_on, covers;
    };
    auto consent_args = std::make_shared<ConsentArgs>();
    auto* consent = app.add_subcommand("consent", "consent on file");
    needs_command(consent);
    auto* consent_add = consent->add_subcommand("add", "record a signed consent");
    consent_add->add_option("PATIENT", consent_args->patient, "chart code")->required();
    consent_add->add_option("--signed", consent_args->signed_on, "signed on, YYYY-MM-DD")
        ->required();
    consent_add->add_option("--covers", consent_args->covers, "what the consent covers");
    consent_add->callback([&context, args = consent_args] {
        context.forbid_csv("consent add");
        const ConsentDetails details{time::parse_date(args->signed_on, "signed"), args->covers};
        const auto added = records::add_consent(context.scope(), args->patient, details);
        if (context.format() == Format::json)
            context.print_json(render::to_json(added));
        else
            context.print(fmt::format("consent {} on file for {}, signed {}\n", added.id,
                                      args->patient, time::format_date(details.signed_on)));
    });
}

} // namespace needlebook::cli
