#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/settings.hpp"
#include "needlebook/render/csv_writer.hpp"
#include "needlebook/render/table.hpp"

#include <fmt/format.h>
#include <iostream>
#include <memory>

namespace needlebook::cli {

void add_setting_commands(CLI::App& app, Context& context) {
    auto* setting = app.add_subcommand("setting", "the clinic's settings (limits, norms, zone)");
    needs_command(setting);

    auto* list = setting->add_subcommand("list", "list every setting and its value");
    list->callback([&context] {
        const auto entries = records::list_settings(context.db());
        if (context.format() == Format::json) {
            auto object = nlohmann::ordered_json::object();
            for (const auto& entry : entries)
                object[entry.key] = entry.value;
            context.print_json(object);
        } else if (context.format() == Format::csv) {
            render::CsvWriter csv(std::cout);
            csv.write_header({"key", "value"});
            for (const auto& entry : entries)
                csv.write_row({{entry.key}, {entry.value}});
        } else {
            render::TextTable table({"setting", "value"});
            for (const auto& entry : entries)
                table.add_row({entry.key, !entry.value.empty()       ? entry.value
                                          : entry.key == "time_zone" ? "(system zone)"
                                                                     : "(not set)"});
            context.print(table.render(context.color_stdout()));
        }
    });

    struct SetArgs {
        std::string key, value, reason;
    };
    auto args = std::make_shared<SetArgs>();
    auto* set = setting->add_subcommand("set", "change a setting (audited)");
    set->add_option(
           "KEY", args->key,
           "clinic_name (printed on histories), time_zone (IANA name, empty for the "
           "system's), isotretinoin_months, "
           "consent_valid_months, interval_warn_days, interval_block_days, "
           "followup_due_days, course_overdue_days, override_min_reason, lot_registration "
           "(off, warn or block), "
           "minimum_age (years, 0 for none), consent_policy (warn or block), "
           "fhir_identifier_system (the URI of the clinic's chart codes in FHIR: http, https, "
           "urn:oid: or urn:uuid:; empty to unset), depth_limit.AREA "
           "(mm), depth_limit.AREA.DEVICE (mm, or none to clear), recovery.KIND (days or "
           "adverse), condition.CODE (block or warn); see 'setting list'")
        ->required();
    set->add_option("VALUE", args->value, "the new value")->required();
    set->add_option("--reason", args->reason, "why it changes (kept with the revision)");
    set->callback([&context, args] {
        context.forbid_csv("setting set");
        const auto change =
            records::change_setting(context.scope(), args->key, args->value, args->reason);
        if (context.format() == Format::json)
            context.print_json(
                {{"key", change.key}, {"old", change.old_value}, {"new", change.new_value}});
        else
            context.print(fmt::format("{}: {} -> {}\n", change.key,
                                      change.old_value.empty() ? "''" : visible(change.old_value),
                                      change.new_value.empty() ? "''" : visible(change.new_value)));
    });
}

} // namespace needlebook::cli
