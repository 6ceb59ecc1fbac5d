#pragma once
// Small helpers for options whose presence matters (amend changes only what is given).

#include "needlebook/time/date.hpp"
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::cli {

struct TextOption {
    std::string value;
    CLI::Option* option = nullptr;
    bool given() const { return option != nullptr && option->count() > 0; }
};

// A command group such as 'session' must be followed by one of its commands; the message names
// them (CLI11's own says only "A subcommand is required").
void needs_command(CLI::App* group);

// A date option: nothing when not given, else YYYY-MM-DD parsed (errors name `field`).
std::optional<time::Date> optional_date(const std::string& text, std::string_view field);

// A value that was given must not be empty: '--resolved ""' is a mistake, not "no date".
CLI::Validator non_empty();

inline CLI::Option* add_text(CLI::App* command, const std::string& name, TextOption& target,
                             const std::string& description) {
    target.option = command->add_option(name, target.value, description);
    return target.option;
}

} // namespace needlebook::cli
