#pragma once
// Moving model values in and out of statements, with NULL for absent values.

#include "needlebook/model/catalogue.hpp"
#include "needlebook/model/revision.hpp"
#include "needlebook/time/date.hpp"

#include "needlebook/storage/statement.hpp"
#include <optional>
#include <string>
#include <vector>

namespace needlebook::storage {

template <class T>
void bind_optional(Statement& statement, const char* name, const std::optional<T>& value) {
    if (value)
        statement.bind(name, *value);
    else
        statement.bind(name);
}

inline void bind_date(Statement& statement, const char* name, time::Date day) {
    statement.bind(name, time::format_date(day));
}

inline void bind_optional_date(Statement& statement, const char* name,
                               const std::optional<time::Date>& day) {
    if (day)
        bind_date(statement, name, *day);
    else
        statement.bind(name);
}

template <class E> void bind_code(Statement& statement, const char* name, E value) {
    statement.bind(name, std::string(code_of(value)));
}

template <class E>
void bind_optional_code(Statement& statement, const char* name, const std::optional<E>& value) {
    if (value)
        bind_code(statement, name, *value);
    else
        statement.bind(name);
}

// Binds :revision, :author, :recorded_at, :reason and :voided.
void bind_revision(Statement& statement, const RevisionInfo& revision);
// Reads the five revision columns starting at `first`, in the order above.
RevisionInfo read_revision(Statement& statement, int first);

time::Date read_date(const Column& column);
std::optional<time::Date> read_optional_date(const Column& column);
std::optional<int> read_optional_int(const Column& column);

// A JSON array of ids, bound as one parameter and joined with json_each: a fixed number of
// queries for any number of records, and no SQL built from values.
std::string id_array(const std::vector<std::int64_t>& ids);
template <class Id> std::string id_array(const std::vector<Id>& ids) {
    std::vector<std::int64_t> values;
    values.reserve(ids.size());
    for (const auto& id : ids)
        values.push_back(id.value);
    return id_array(values);
}

// Stored codes were checked on the way in; a bad one here means the file was edited by hand.
template <class E> E read_code(const Column& column) {
    return parse_code<E>(column.as_text());
}
template <class E> std::optional<E> read_optional_code(const Column& column) {
    if (column.is_null())
        return std::nullopt;
    return read_code<E>(column);
}

} // namespace needlebook::storage
