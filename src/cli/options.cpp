#include "cli/options.hpp"

#include "needlebook/error.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace needlebook::cli {

std::optional<time::Date> optional_date(const std::string& text, std::string_view field) {
    if (text.empty())
        return std::nullopt;
    return time::parse_date(text, field);
}

std::optional<time::Date> date_or_none(const std::string& text, std::string_view field) {
    if (text == "none")
        return std::nullopt;
    return time::parse_date(text, field);
}

void CorrectionOptions::add_to(CLI::App* command, const std::string& why) {
    command->add_option("--reason", reason, why)->required();
    based_on_option = command->add_option(
        "--based-on", based_on,
        "the revision you corrected (shown by show commands); refused if it has changed since");
    based_on_option->check(CLI::Validator(
        [](const std::string& value) {
            return value.find_first_not_of("0123456789") == std::string::npos &&
                           value.find_first_not_of('0') != std::string::npos
                       ? std::string()
                       : std::string("must be a revision number, 1 or more, as the show "
                                     "commands print it");
        },
        ""));
    based_on_option->type_name("REVISION");
}

records::Correction CorrectionOptions::correction() const {
    return {reason, based_on_option != nullptr && based_on_option->count() > 0
                        ? std::optional<int>(based_on)
                        : std::nullopt};
}

void require_a_field(std::string_view command, std::initializer_list<const TextOption*> fields) {
    std::vector<std::string> names;
    for (const auto* field : fields) {
        if (field->given())
            return;
        names.push_back(field->option->get_name());
    }
    throw UsageError(fmt::format("{} changes the fields given: give one or more of {}", command,
                                 fmt::join(names, ", ")));
}

void needs_command(CLI::App* group) {
    group->require_subcommand(0, 1);
    group->callback([group] {
        if (!group->get_subcommands().empty())
            return;
        std::vector<std::string> names;
        for (const auto* command : group->get_subcommands([](CLI::App*) { return true; }))
            names.push_back(command->get_name());
        // The two-argument form: the one-argument one appends " is required".
        throw CLI::RequiredError(
            fmt::format("'{}' needs a command: {}", group->get_name(), fmt::join(names, ", ")),
            CLI::ExitCodes::RequiredError);
    });
}

CLI::Validator non_empty() {
    return CLI::Validator(
        [](const std::string& value) {
            return value.empty() ? std::string("must not be empty") : std::string();
        },
        "NOT EMPTY");
}

} // namespace needlebook::cli
