#pragma once
// What a clinical check reports; kept apart from the checks so renderers need no storage.

#include "needlebook/model/session.hpp"

#include <string>

namespace needlebook::rules {

enum class Level { warning, block };

struct Finding {
    std::string key; // stable, one per independent reason: "depth:cheek:left", "consent"
    Level level{};
    std::string message;
};

} // namespace needlebook::rules
