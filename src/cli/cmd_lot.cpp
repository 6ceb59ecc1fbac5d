#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/model/session.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/lots.hpp"
#include "needlebook/render/csv_writer.hpp"
#include "needlebook/render/json.hpp"
#include "needlebook/render/table.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <iostream>
#include <memory>

namespace needlebook::cli {
namespace {

// "recalled 2026-11-20: supplier notice" or "expired" or "": a lot's state on `today`.
std::string lot_state(const Lot& lot, time::Date today) {
    if (lot.details.recall)
        return fmt::format("recalled {}: {}", time::format_date(lot.details.recall->on),
                           lot.details.recall->reason);
    if (lot.expired_on(today))
        return "expired";
    return "";
}

} // namespace

void add_lot_commands(CLI::App& app, Context& context) {
    auto* lot = app.add_subcommand("lot", "registered serum and cartridge lots: expiry and recall");
    needs_command(lot);

    struct AddArgs {
        std::string product, lot, expires, received, note;
    };
    auto add_args = std::make_shared<AddArgs>();
    auto* add = lot->add_subcommand("add", "register a lot received from the supplier");
    add->add_option("PRODUCT", add_args->product,
                    "product code from 'product list', or cartridge for a needle cartridge lot")
        ->required();
    add->add_option("LOT", add_args->lot, "lot number as printed on the pack")->required();
    add->add_option("--expires", add_args->expires, "expiry date, YYYY-MM-DD")->required();
    add->add_option("--received", add_args->received, "received on, YYYY-MM-DD")
        ->check(non_empty());
    add->add_option("--note", add_args->note, "free-text note");
    add->callback([&context, args = add_args] {
        context.forbid_csv("lot add");
        LotDetails details;
        details.expires_on = time::parse_date(args->expires, "expires");
        if (!args->received.empty())
            details.received_on = time::parse_date(args->received, "received");
        details.note = args->note;
        const auto product = product_code(args->product);
        const auto added = records::add_lot(context.scope(), product, args->lot, details);
        if (context.format() == Format::json)
            context.print_json(render::to_json(added));
        else
            context.print(fmt::format("{} registered, expires {}\n", lot_name(added),
                                      time::format_date(details.expires_on)));
    });

    struct ListArgs {
        std::string product;
        std::optional<int> expiring_within;
    };
    auto list_args = std::make_shared<ListArgs>();
    auto* list = lot->add_subcommand("list", "list registered lots, by product and expiry");
    list->add_option("--product", list_args->product, "only this product (or cartridge)")
        ->check(non_empty());
    list->add_option("--expiring-within", list_args->expiring_within,
                     "only lots expiring within DAYS from today (expired ones included)")
        ->check(CLI::Range(0, 3650));
    list->callback([&context, args = list_args] {
        const auto today = context.scope().today();
        const auto lots = records::list_lots(
            context.db(),
            args->product.empty() ? std::nullopt
                                  : std::optional<std::string>(product_code(args->product)),
            args->expiring_within, today);
        if (context.format() == Format::json) {
            auto array = nlohmann::ordered_json::array();
            for (const auto& l : lots)
                array.push_back(render::to_json(l));
            context.print_json(array);
            return;
        }
        if (context.format() == Format::csv) {
            render::CsvWriter csv(std::cout);
            csv.write_header(
                {"product", "lot", "expires", "received", "recalled", "recall_reason", "note"});
            for (const auto& l : lots)
                csv.write_row(
                    {{l.product},
                     {l.lot},
                     {time::format_date(l.details.expires_on)},
                     {l.details.received_on ? time::format_date(*l.details.received_on) : ""},
                     {l.details.recall ? time::format_date(l.details.recall->on) : ""},
                     {l.details.recall ? l.details.recall->reason : ""},
                     {l.details.note}});
            return;
        }
        if (lots.empty()) {
            context.print("no registered lots match\n");
            return;
        }
        render::TextTable table({"product", "lot", "expires", "received", "state"});
        for (const auto& l : lots)
            table.add_row({l.product, l.lot, time::format_date(l.details.expires_on),
                           l.details.received_on ? time::format_date(*l.details.received_on) : "",
                           lot_state(l, today)});
        context.print(table.render(context.color_stdout()));
    });

    struct RecallArgs {
        std::string lot, reason, on, product;
    };
    auto recall_args = std::make_shared<RecallArgs>();
    auto* recall = lot->add_subcommand("recall", "record that a lot was recalled");
    recall->add_option("LOT", recall_args->lot, "lot number")->required();
    recall->add_option("--reason", recall_args->reason, "the recall notice, in short")->required();
    recall->add_option("--on", recall_args->on, "recalled on, YYYY-MM-DD (default today)")
        ->check(non_empty());
    recall
        ->add_option("--product", recall_args->product,
                     "the product whose lot it is, when two share the number")
        ->check(non_empty());
    recall->callback([&context, args = recall_args] {
        context.forbid_csv("lot recall");
        const auto on =
            args->on.empty() ? context.scope().today() : time::parse_date(args->on, "on");
        const auto recalled = records::recall_lot(
            context.scope(), args->lot,
            args->product.empty() ? std::nullopt
                                  : std::optional<std::string>(product_code(args->product)),
            on, args->reason);
        if (context.format() == Format::json) {
            auto array = nlohmann::ordered_json::array();
            for (const auto& l : recalled)
                array.push_back(render::to_json(l));
            context.print_json(array);
            return;
        }
        for (const auto& l : recalled)
            context.print(fmt::format("{} recalled on {}; 'needlebook report lot {}' lists the "
                                      "patients who received it\n",
                                      lot_name(l), time::format_date(on), l.lot));
    });
}

} // namespace needlebook::cli
