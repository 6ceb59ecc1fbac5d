#pragma once
// Small helpers for options whose presence matters (amend changes only what is given).

#include "needlebook/records/correction.hpp"
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

// '--resolved DATE' or '--resolved none' (no date): for amend, where a wrong date is taken away.
std::optional<time::Date> date_or_none(const std::string& text, std::string_view field);

// --reason (required) and --based-on N, the options every amend and void shares.
struct CorrectionOptions {
    std::string reason;
    int based_on = 0;
    CLI::Option* based_on_option = nullptr;

    // `why`: what the reason should say, e.g. "why the record changes".
    void add_to(CLI::App* command, const std::string& why);
    records::Correction correction() const;
};

// An amend must change something: a usage error naming the options that can, when none of
// `fields` was given.
void require_a_field(std::string_view command, std::initializer_list<const TextOption*> fields);

inline CLI::Option* add_text(CLI::App* command, const std::string& name, TextOption& target,
                             const std::string& description) {
    target.option = command->add_option(name, target.value, description);
    return target.option;
}

} // namespace needlebook::cli
