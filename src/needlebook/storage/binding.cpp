#include "needlebook/storage/binding.hpp"

#include <fmt/format.h>

namespace needlebook::storage {

void bind_revision(SQLite::Statement& statement, const RevisionInfo& revision) {
    statement.bind(":revision", revision.number);
    statement.bind(":author", revision.author);
    statement.bind(":recorded_at", time::format_utc(revision.recorded_at));
    statement.bind(":reason", revision.reason);
    statement.bind(":voided", revision.voided ? 1 : 0);
}

RevisionInfo read_revision(SQLite::Statement& statement, int first) {
    RevisionInfo revision;
    revision.number = statement.getColumn(first).getInt();
    revision.author = statement.getColumn(first + 1).getString();
    revision.recorded_at =
        time::parse_utc(statement.getColumn(first + 2).getString(), "recorded_at");
    revision.reason = statement.getColumn(first + 3).getString();
    revision.voided = statement.getColumn(first + 4).getInt() != 0;
    return revision;
}

time::Date read_date(const SQLite::Column& column) {
    return time::parse_date(column.getString(), column.getName());
}

std::optional<time::Date> read_optional_date(const SQLite::Column& column) {
    if (column.isNull())
        return std::nullopt;
    return read_date(column);
}

std::optional<int> read_optional_int(const SQLite::Column& column) {
    if (column.isNull())
        return std::nullopt;
    return column.getInt();
}

std::string id_array(const std::vector<std::int64_t>& ids) {
    return fmt::format("[{}]", fmt::join(ids, ","));
}

} // namespace needlebook::storage
