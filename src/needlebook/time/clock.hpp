#pragma once
// Where "now" comes from: the system clock, or a fixed instant in tests (NEEDLEBOOK_NOW).

#include "needlebook/time/date.hpp"

#include <optional>

namespace needlebook::time {

class Clock {
public:
    // Fixed when `fixed` is set, else the system clock.
    explicit Clock(std::optional<Instant> fixed = std::nullopt) : m_fixed(fixed) {}
    // Reads NEEDLEBOOK_NOW ('YYYY-MM-DDTHH:MM:SSZ') if set.
    static Clock from_environment();

    Instant now() const;
    // Whether NEEDLEBOOK_NOW (or a test) fixed the clock: audit rows written so are marked.
    bool is_fixed() const { return m_fixed.has_value(); }

private:
    std::optional<Instant> m_fixed;
};

} // namespace needlebook::time
