#include "needlebook/records/dependents.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace needlebook::records {

std::string Dependents::listed() const {
    constexpr std::size_t shown = 10;
    if (m_labels.size() == 1)
        return m_labels.front();
    if (m_labels.size() > shown)
        return fmt::format("{} and {} more",
                           fmt::join(m_labels.begin(), m_labels.begin() + shown, ", "),
                           m_labels.size() - shown);
    return fmt::format("{} and {}", fmt::join(m_labels.begin(), m_labels.end() - 1, ", "),
                       m_labels.back());
}

} // namespace needlebook::records
