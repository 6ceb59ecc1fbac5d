#include "needlebook/storage/binding.hpp"

#include <fmt/format.h>

namespace needlebook::storage {

void bind_revision(Statement& statement, const RevisionInfo& revision) {
    statement.bind(":revision", revision.number);
    statement.bind(":author", revision.author);
    statement.bind(":recorded_at", time::format_utc(revision.recorded_at));
    statement.bind(":reason", revision.reason);
    statement.bind(":voided", revision.voided ? 1 : 0);
}

RevisionInfo read_revision(Statement& statement, int first) {
    RevisionInfo revision;
    revision.number = statement.column(first).as_int();
    revision.author = statement.column(first + 1).as_text();
    revision.recorded_at = time::parse_utc(statement.column(first + 2).as_text(), "recorded_at");
    revision.reason = statement.column(first + 3).as_text();
    revision.voided = statement.column(first + 4).as_int() != 0;
    return revision;
}

time::Date read_date(const Column& column) {
    return time::parse_date(column.as_text(), column.name());
}

std::optional<time::Date> read_optional_date(const Column& column) {
    if (column.is_null())
        return std::nullopt;
    return read_date(column);
}

std::optional<int> read_optional_int(const Column& column) {
    if (column.is_null())
        return std::nullopt;
    return column.as_int();
}

std::string id_array(const std::vector<std::int64_t>& ids) {
    return fmt::format("[{}]", fmt::join(ids, ","));
}

} // namespace needlebook::storage
