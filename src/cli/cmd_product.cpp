#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/model/session.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/products.hpp"
#include "needlebook/render/csv_writer.hpp"
#include "needlebook/render/history.hpp"
#include "needlebook/render/json.hpp"
#include "needlebook/render/table.hpp"
#include "needlebook/report/changes.hpp"

#include <algorithm>
#include <iostream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <memory>

namespace needlebook::cli {
namespace {

std::string state_of(const storage::Product& product) {
    return product.retired ? "retired" : "in use";
}

nlohmann::ordered_json product_json(const storage::Product& product) {
    return {{"code", product.code},
            {"name", product.name},
            {"kind", std::string(code_of(product.kind))},
            {"maker", product.maker},
            {"retired", product.retired},
            {"revision", product.revision.number}};
}

// 'product ha-serum amended (revision 2): name: Hyaluronc -> Hyaluronic acid serum 1%', the
// changes worded as the histories word them, or 'product ha-serum retired (revision 3): REASON';
// as JSON, the product with the reason and the changes.
void print_revision(Context& context, const storage::Product& before,
                    const storage::Product& after) {
    const auto changes = report::changes_between(before, after);
    if (context.format() == Format::json) {
        auto json = product_json(after);
        json["reason"] = after.revision.reason;
        json["changes"] = nlohmann::ordered_json::array();
        for (const auto& change : changes)
            json["changes"].push_back(
                {{"field", change.field}, {"before", change.before}, {"after", change.after}});
        context.print_json(json);
        return;
    }
    std::vector<std::string> texts;
    for (const auto& change : changes)
        texts.push_back(render::change_text(change));
    const bool retired = after.retired && !before.retired;
    const auto what = retired ? after.revision.reason : fmt::format("{}", fmt::join(texts, "; "));
    context.print(
        visible(fmt::format("product {} {} (revision {}): {}", after.code,
                            retired ? "retired" : "amended", after.revision.number, what)) +
        "\n");
}

// The product as it reads now, then each revision after the first: who, when, why, and each
// field before and after.
std::string product_text(const storage::Product& product,
                         const std::optional<RevisionInfo>& retirement,
                         const std::vector<report::Amendment>& amendments,
                         const time::ClinicZone& zone) {
    std::string out = visible(fmt::format("Product {}: {}{}", product.code, product.name,
                                          product.retired ? "  [RETIRED]" : "")) +
                      "\n";
    const auto field = [&](std::string_view label, std::string_view value) {
        if (!value.empty())
            out += fmt::format("  {:<14}{}\n", label, visible(value));
    };
    field("kind", label_of(product.kind));
    field("maker", product.maker);
    field("state", retirement ? fmt::format("retired on {} by {}: {}",
                                            zone.format_local(retirement->recorded_at),
                                            retirement->author, retirement->reason)
                              : std::string("in use"));
    field("revision", std::to_string(product.revision.number));
    if (!amendments.empty()) {
        out += "  corrections\n";
        for (const auto& amendment : amendments) {
            // As a history words a correction, a retirement named as such.
            const auto& r = amendment.revision;
            const bool retiring =
                std::any_of(amendment.changes.begin(), amendment.changes.end(),
                            [](const report::FieldChange& c) { return c.field == "retired"; });
            out += "    " +
                   visible(fmt::format("revision {} {} by {} on {}: {}", r.number,
                                       retiring ? "retired" : "amended", r.author,
                                       zone.format_local(r.recorded_at), r.reason)) +
                   "\n";
            for (const auto& change : amendment.changes)
                out += "      - " + visible(render::change_text(change)) + "\n";
        }
    }
    return out;
}

} // namespace

void add_product_commands(CLI::App& app, Context& context) {
    auto* product = app.add_subcommand("product", "the serum catalogue that --serum refers to");
    needs_command(product);

    auto* list = product->add_subcommand(
        "list", "list the catalogue, retired products included, each with its state");
    list->callback([&context] {
        const auto products = records::list_products(context.db());
        if (context.format() == Format::csv) {
            render::CsvWriter csv(std::cout);
            csv.write_header({"code", "name", "kind", "maker", "state"});
            for (const auto& p : products)
                csv.write_row(
                    {{p.code}, {p.name}, {std::string(code_of(p.kind))}, {p.maker}, {state_of(p)}});
            return;
        }
        if (context.format() == Format::json) {
            auto array = nlohmann::ordered_json::array();
            for (const auto& p : products)
                array.push_back({{"code", p.code},
                                 {"name", p.name},
                                 {"kind", std::string(code_of(p.kind))},
                                 {"maker", p.maker},
                                 {"retired", p.retired}});
            context.print_json(array);
            return;
        }
        render::TextTable table({"code", "name", "kind", "maker", "state"});
        for (const auto& p : products)
            table.add_row({p.code, p.name, std::string(label_of(p.kind)), p.maker, state_of(p)});
        context.print(table.render(context.color_stdout()));
    });

    struct AddArgs {
        std::string code, name, kind, maker;
    };
    auto args = std::make_shared<AddArgs>();
    auto* add = product->add_subcommand("add", "add a product to the catalogue");
    add->add_option("CODE", args->code, "code used in --serum CODE@LOT")->required();
    add->add_option("--name", args->name, "product name")->required();
    add->add_option("--kind", args->kind, "kind: " + allowed_codes<ProductKind>())->required();
    add->add_option("--maker", args->maker, "manufacturer");
    add->callback([&context, args] {
        context.forbid_csv("product add");
        storage::Product wanted;
        wanted.code = args->code;
        wanted.name = args->name;
        wanted.kind = parse_code<ProductKind>(args->kind);
        wanted.maker = args->maker;
        const auto added = records::add_product(context.scope(), wanted);
        if (context.format() == Format::json)
            context.print_json({{"code", added.code}, {"name", added.name}});
        else
            context.print(fmt::format("product {} added: {}\n", added.code, visible(added.name)));
    });

    auto* show = product->add_subcommand("show", "a product as it reads now, with its corrections");
    auto show_code = std::make_shared<std::string>();
    show->add_option("CODE", *show_code, "product code")->required();
    show->callback([&context, show_code] {
        context.forbid_csv("product show");
        auto& scope = context.scope();
        auto& db = scope.db();
        const auto [shown, retirement, revisions] = db.read([&] {
            auto found = records::find_product(db, product_code(*show_code));
            return std::tuple(found, records::retirement_of(db, found),
                              records::product_revisions(db, found));
        });
        const auto amendments = report::amendments_of(
            revisions, [](const storage::Product& a, const storage::Product& b) {
                return report::changes_between(a, b);
            });
        if (context.format() == Format::json) {
            auto json = product_json(shown);
            json["retirement"] =
                retirement ? nlohmann::ordered_json{{"revision", retirement->number},
                                                    {"author", retirement->author},
                                                    {"recorded_at",
                                                     time::format_utc(retirement->recorded_at)},
                                                    {"reason", retirement->reason}}
                           : nlohmann::ordered_json();
            json["amendments"] = render::to_json(amendments);
            context.print_json(json);
        } else {
            context.print(product_text(shown, retirement, amendments, scope.zone()));
        }
    });

    struct AmendArgs {
        std::string code, reason;
        TextOption name, kind, maker;
        std::optional<int> based_on;
    };
    auto amend_args = std::make_shared<AmendArgs>();
    auto* amend =
        product->add_subcommand("amend", "correct a product's name, kind or maker (a revision)");
    amend->add_option("CODE", amend_args->code, "product code")->required();
    amend->add_option("--reason", amend_args->reason, "why the product changes")->required();
    add_text(amend, "--name", amend_args->name, "product name");
    add_text(amend, "--kind", amend_args->kind, "kind: " + allowed_codes<ProductKind>());
    add_text(amend, "--maker", amend_args->maker, "manufacturer ('' for none)");
    amend
        ->add_option("--based-on", amend_args->based_on,
                     "the revision the correction was made from (refused if amended since)")
        ->check(CLI::PositiveNumber);
    amend->callback([&context, args = amend_args] {
        context.forbid_csv("product amend");
        auto& scope = context.scope();
        const auto code = product_code(args->code);
        const auto current = records::find_product(scope.db(), code);
        auto wanted = current;
        if (args->name.given())
            wanted.name = args->name.value;
        if (args->kind.given())
            wanted.kind = parse_code<ProductKind>(args->kind.value);
        if (args->maker.given())
            wanted.maker = args->maker.value;
        const auto amended = records::amend_product(
            scope, code, wanted, args->reason, args->based_on.value_or(current.revision.number));
        print_revision(context, current, amended);
    });

    struct RetireArgs {
        std::string code, reason;
        std::optional<int> based_on;
    };
    auto retire_args = std::make_shared<RetireArgs>();
    auto* retire = product->add_subcommand(
        "retire", "no new session or lot may use the product (past sessions still name it)");
    retire->add_option("CODE", retire_args->code, "product code")->required();
    retire->add_option("--reason", retire_args->reason, "why it is retired")->required();
    retire
        ->add_option("--based-on", retire_args->based_on,
                     "the revision the decision was made from (refused if amended since)")
        ->check(CLI::PositiveNumber);
    retire->callback([&context, args = retire_args] {
        context.forbid_csv("product retire");
        auto& scope = context.scope();
        const auto code = product_code(args->code);
        const auto current = records::find_product(scope.db(), code);
        const auto retired = records::retire_product(
            scope, code, args->reason, args->based_on.value_or(current.revision.number));
        print_revision(context, current, retired);
    });
}

} // namespace needlebook::cli
