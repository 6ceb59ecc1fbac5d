#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/render/report_view.hpp"
#include "needlebook/report/followups.hpp"
#include "needlebook/report/lot_recall.hpp"
#include "needlebook/report/outcomes.hpp"
#include "needlebook/report/recovery.hpp"

#include <iostream>
#include <memory>

namespace needlebook::cli {
namespace {} // namespace

void add_report_commands(CLI::App& app, Context& context) {
    auto* report =
        app.add_subcommand("report", "recovery, outcome, follow-up and lot recall reports");
    needs_command(report);

    struct RecoveryArgs {
        std::string by = "kind", from, to;
    };
    auto recovery_args = std::make_shared<RecoveryArgs>();
    auto* recovery = report->add_subcommand(
        "recovery", "recovery days per group: count, median, 90th percentile, share prolonged "
                    "and adverse, open");
    recovery
        ->add_option("--by", recovery_args->by,
                     "group by kind, area, depth, fitzpatrick, device or serum (default kind)")
        ->check(CLI::IsMember({"kind", "area", "depth", "fitzpatrick", "device", "serum"}));
    recovery->add_option("--from", recovery_args->from, "sessions on or after this day, YYYY-MM-DD")
        ->check(non_empty());
    recovery->add_option("--to", recovery_args->to, "sessions on or before this day, YYYY-MM-DD")
        ->check(non_empty());
    recovery->callback([&context, args = recovery_args] {
        const auto from = optional_date(args->from, "from");
        const auto to = optional_date(args->to, "to");
        const auto result =
            report::recovery_report(context.scope(), report::parse_grouping(args->by), from, to);
        context.print_view(render::recovery_view(result));
    });

    struct OutcomeArgs {
        std::string indication, scale, by, from, to;
    };
    auto outcome_args = std::make_shared<OutcomeArgs>();
    auto* outcomes = report->add_subcommand(
        "outcomes", "outcome scores per scale and group: patients with a baseline and a later "
                    "score, median baseline, latest and change, share of responders");
    outcomes
        ->add_option("--indication", outcome_args->indication,
                     "only units with a session of this indication, counting only those")
        ->check(non_empty());
    outcomes
        ->add_option("--scale", outcome_args->scale,
                     "one scale (default: every scale with a responder rule)")
        ->check(non_empty());
    outcomes
        ->add_option("--by", outcome_args->by,
                     "group by depth, device, serum, fitzpatrick or sessions (default: by scale)")
        ->check(CLI::IsMember({"depth", "device", "serum", "fitzpatrick", "sessions"}));
    outcomes->add_option("--from", outcome_args->from, "scores on or after this day, YYYY-MM-DD")
        ->check(non_empty());
    outcomes->add_option("--to", outcome_args->to, "scores on or before this day, YYYY-MM-DD")
        ->check(non_empty());
    outcomes->callback([&context, args = outcome_args] {
        report::OutcomeFilter filter;
        if (!args->scale.empty())
            filter.scale = outcome_scale(args->scale).code;
        if (!args->indication.empty())
            filter.indication = parse_code<Indication>(args->indication);
        filter.from = optional_date(args->from, "from");
        filter.to = optional_date(args->to, "to");
        const auto by = args->by.empty() ? std::nullopt
                                         : std::optional(report::parse_outcome_grouping(args->by));
        context.print_view(
            render::outcomes_view(report::outcome_report(context.scope(), filter, by)));
    });

    auto as_of = std::make_shared<std::string>();
    auto* followups = report->add_subcommand(
        "followups", "open and prolonged reactions, adverse events, sessions never followed "
                     "up, patients due for their next session and those a condition keeps "
                     "from it");
    followups->add_option("--as-of", *as_of, "the day to report on, YYYY-MM-DD (default today)")
        ->check(non_empty());
    followups->callback([&context, as_of] {
        const auto day = optional_date(*as_of, "as-of");
        context.print_view(render::followups_view(report::followup_report(context.scope(), day)));
    });

    auto lot = std::make_shared<std::string>();
    auto* lot_command = report->add_subcommand(
        "lot", "every patient and session that received a serum or cartridge lot, with any "
               "reaction after it");
    lot_command->add_option("LOT", *lot, "lot number as on the label")->required();
    auto lot_product = std::make_shared<std::string>();
    lot_command
        ->add_option("--product", *lot_product,
                     "only this product's lot (a product code, or cartridge), when two share "
                     "the number")
        ->check(non_empty());
    auto contacts = std::make_shared<bool>(false);
    lot_command->add_flag("--contacts", *contacts,
                          "one row per patient with phone and email (with --format csv, ready "
                          "for a mail merge)");
    lot_command->callback([&context, lot, lot_product, contacts] {
        context.format(); // a wrong --format is refused before the recall is audited
        auto& scope = context.scope();
        const auto product =
            lot_product->empty() ? std::nullopt : std::optional<std::string>(*lot_product);
        context.print_view(render::lot_view(report::lot_recall(scope, *lot, product), scope.zone(),
                                            *contacts ? render::LotViewPart::contacts
                                                      : render::LotViewPart::recipients));
    });
}

} // namespace needlebook::cli
