#include "needlebook/time/clock.hpp"

#include <cstdlib>

namespace needlebook::time {

Clock Clock::from_environment() {
    if (const char* now = std::getenv("NEEDLEBOOK_NOW"); now != nullptr && *now != '\0')
        return Clock{parse_utc(now, "NEEDLEBOOK_NOW")};
    return Clock{};
}

Instant Clock::now() const {
    if (m_fixed)
        return *m_fixed;
    return std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
}

} // namespace needlebook::time
