#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/render/json.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>
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

    struct ClearArgs {
        std::string patient, code, by, until, reason;
    };
    auto clear_args = std::make_shared<ClearArgs>();
    auto* clear = condition->add_subcommand(
        "clear", "record a specialist's clearance to treat despite a condition, until a date");
    clear->add_option("PATIENT", clear_args->patient, "chart code")->required();
    clear->add_option("--code", clear_args->code, "condition code")->required();
    clear->add_option("--by", clear_args->by, "who cleared it, e.g. \"Dr A. Shah, dermatologist\"")
        ->required();
    clear->add_option("--until", clear_args->until, "cleared until, YYYY-MM-DD")->required();
    clear->add_option("--reason", clear_args->reason, "what the clearance says")->required();
    clear->callback([&context, args = clear_args] {
        context.forbid_csv("condition clear");
        const auto code = parse_code<ConditionCode>(args->code);
        const auto until = time::parse_date(args->until, "until");
        const auto cleared = records::clear_condition(context.scope(), args->patient, code,
                                                      args->by, until, args->reason);
        if (context.format() == Format::json) {
            auto array = nlohmann::ordered_json::array();
            for (const auto& c : cleared)
                array.push_back(render::to_json(c));
            context.print_json(array);
            return;
        }
        for (const auto& c : cleared)
            context.print(fmt::format("condition {} of {} cleared by {} until {}: {} blocks "
                                      "again after that day\n",
                                      c.id, args->patient, args->by, time::format_date(until),
                                      label_of(code)));
    });

    struct ConsentArgs {
        std::string patient, signed_on, covers, guardian;
    };
    auto consent_args = std::make_shared<ConsentArgs>();
    auto* consent = app.add_subcommand("consent", "consent on file");
    needs_command(consent);
    auto* consent_add = consent->add_subcommand("add", "record a signed consent");
    consent_add->add_option("PATIENT", consent_args->patient, "chart code")->required();
    consent_add->add_option("--signed", consent_args->signed_on, "signed on, YYYY-MM-DD")
        ->required();
    consent_add
        ->add_option("--covers", consent_args->covers,
                     "what it covers, codes separated by spaces or commas: " +
                         allowed_codes<ConsentScope>() + " (default: microneedling serums)")
        ->check(non_empty());
    consent_add
        ->add_option("--guardian", consent_args->guardian,
                     "the parent or guardian who signed for a minor")
        ->check(non_empty());
    consent_add->callback([&context, args = consent_args] {
        context.forbid_csv("consent add");
        ConsentDetails details{
            time::parse_date(args->signed_on, "signed"),
            parse_consent_scopes(args->covers.empty() ? "microneedling serums" : args->covers),
            args->guardian, std::nullopt};
        const auto added = records::add_consent(context.scope(), args->patient, details);
        if (context.format() == Format::json)
            context.print_json(render::to_json(added));
        else
            context.print(fmt::format("consent {} on file for {}, signed {}{}, covers {}\n",
                                      added.id, args->patient, time::format_date(details.signed_on),
                                      details.guardian.empty()
                                          ? std::string()
                                          : fmt::format(" by {} (guardian)", details.guardian),
                                      details.covers));
    });

    struct WithdrawArgs {
        std::string consent, on, reason;
    };
    auto withdraw_args = std::make_shared<WithdrawArgs>();
    auto* withdraw =
        consent->add_subcommand("withdraw", "record that the patient withdrew a consent");
    withdraw->add_option("CONSENT", withdraw_args->consent, "consent number")->required();
    withdraw->add_option("--on", withdraw_args->on, "withdrawn on, YYYY-MM-DD")->required();
    withdraw->add_option("--reason", withdraw_args->reason, "why, as the patient said")->required();
    withdraw->callback([&context, args = withdraw_args] {
        context.forbid_csv("consent withdraw");
        const auto on = time::parse_date(args->on, "on");
        const ConsentId id{
            parse_record_id(args->consent, "consent", "use the number printed by 'consent add'")};
        const auto withdrawn = records::withdraw_consent(context.scope(), id, on, args->reason);
        if (context.format() == Format::json)
            context.print_json(render::to_json(withdrawn));
        else
            context.print(fmt::format("consent {} withdrawn on {}: from that day neither it nor "
                                      "a consent signed before it covers {}\n",
                                      withdrawn.id, time::format_date(on),
                                      fmt::join(withdrawn.details.scopes(), " ")));
    });
}

} // namespace needlebook::cli
