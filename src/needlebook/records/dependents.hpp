#pragma once
// What still names a record that is about to be voided: a void is refused while live records
// depend on it, so that nothing is left pointing at a record entered in error.

#include "needlebook/model/ids.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::records {

class Dependents {
public:
    // Adds "<kind> <id>" for each record, e.g. "score 3", by id.
    template <class Records> void add(std::string_view kind, const Records& records) {
        std::vector<std::int64_t> ids;
        for (const auto& record : records)
            ids.push_back(record.id.value);
        std::sort(ids.begin(), ids.end());
        for (const auto id : ids)
            m_labels.push_back(std::string(kind) + " " + std::to_string(id));
    }
    bool empty() const { return m_labels.empty(); }
    std::size_t size() const { return m_labels.size(); }
    // "score 3, score 5 and photo 2"; past ten, "… and 4 more".
    std::string listed() const;

private:
    std::vector<std::string> m_labels;
};

} // namespace needlebook::records
