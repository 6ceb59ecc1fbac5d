#include "needlebook/storage/statement.hpp"

#include <stdexcept>

namespace needlebook::storage {

std::int64_t Statement::exec_returning_id() {
    if (!step())
        throw std::logic_error("an INSERT … RETURNING id returned no row");
    const auto id = column(0).as_int64();
    while (step()) {
    }
    return id;
}

} // namespace needlebook::storage
