#pragma once
// Small helpers for options whose presence matters (amend changes only what is given).

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace needlebook::cli {

struct TextOption {
    std::string value;
    CLI::Option* option = nullptr;
    bool given() const { return option != nullptr && option->count() > 0; }
};

inline CLI::Option* add_text(CLI::App* command, const std::string& name, TextOption& target,
                             const std::string& description) {
    target.option = command->add_option(name, target.value, description);
    return target.option;
}

} // namespace needlebook::cli
