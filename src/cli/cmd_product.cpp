#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/products.hpp"
#include "needlebook/render/csv_writer.hpp"
#include "needlebook/render/table.hpp"

#include <iostream>

#include <fmt/format.h>
#include <memory>

namespace needlebook::cli {

void add_product_commands(CLI::App& app, Context& context) {
    auto* product = app.add_subcommand("product", "the serum catalogue that --serum refers to");
    needs_command(product);

    auto* list = product->add_subcommand("list", "list the catalogue");
    list->callback([&context] {
        const auto products = records::list_products(context.db());
        if (context.format() == Format::csv) {
            render::CsvWriter csv(std::cout);
            csv.write_header({"code", "name", "kind", "maker"});
            for (const auto& p : products)
                csv.write_row({{p.code}, {p.name}, {std::string(code_of(p.kind))}, {p.maker}});
            return;
        }
        if (context.format() == Format::json) {
            auto array = nlohmann::ordered_json::array();
            for (const auto& p : products)
                array.push_back({{"code", p.code},
                                 {"name", p.name},
                                 {"kind", std::string(code_of(p.kind))},
                                 {"maker", p.maker}});
            context.print_json(array);
            return;
        }
        render::TextTable table({"code", "name", "kind", "maker"});
        for (const auto& p : products)
            table.add_row({p.code, p.name, std::string(label_of(p.kind)), p.maker});
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
        const storage::Product wanted{
            {}, args->code, args->name, parse_code<ProductKind>(args->kind), args->maker};
        const auto added = records::add_product(context.scope(), wanted);
        if (context.format() == Format::json)
            context.print_json({{"code", added.code}, {"name", added.name}});
        else
            context.print(fmt::format("product {} added: {}\n", added.code, visible(added.name)));
    });
}

} // namespace needlebook::cli
