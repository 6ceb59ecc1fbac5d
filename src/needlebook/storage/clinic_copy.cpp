#include "needlebook/storage/clinic_copy.hpp"

#include "needlebook/error.hpp"
#include "needlebook/storage/audit_log.hpp"
#include "needlebook/storage/seeded_database.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <string>
#include <vector>

namespace needlebook::storage {
namespace {

// The tables a clinic's records live in: all but PostgreSQL's row of the schema version, which
// SQLite keeps in its header (PRAGMA user_version), and photo_image: images go from store to
// store through copy_photos (storage/photo_backup.hpp), as a file keeps them beside it.
std::vector<std::string> content_tables(Database& db) {
    auto names = db.connection().table_names();
    std::erase(names, "needlebook_schema");
    std::erase(names, "photo_image");
    return names;
}

// The first table only one of the two has, for the message refusing the copy.
void require_same_tables(const std::vector<std::string>& from, const std::vector<std::string>& to,
                         Database& target) {
    for (const auto& table : from)
        if (std::find(to.begin(), to.end(), table) == to.end())
            throw Refused(fmt::format("{} has no table {}: the two databases do not have the same "
                                      "schema; nothing was copied",
                                      target.path(), table));
    for (const auto& table : to)
        if (std::find(from.begin(), from.end(), table) == from.end())
            throw Refused(fmt::format("{} has a table {} the clinic copied from lacks: the two "
                                      "databases do not have the same schema; nothing was copied",
                                      target.path(), table));
}

void bind_value(Statement& insert, const char* name, const Column& value) {
    switch (value.type()) {
    case ValueType::null:
        insert.bind(name);
        break;
    case ValueType::integer:
        insert.bind(name, value.as_int64());
        break;
    case ValueType::real:
        insert.bind(name, value.as_double());
        break;
    case ValueType::text:
        insert.bind(name, value.as_text());
        break;
    case ValueType::blob: // only photo_image's images, which copy_photos copies
        throw StorageError(fmt::format("column {} holds binary data, which no record of the "
                                       "schema stores; nothing was copied",
                                       value.name()));
    }
}

std::int64_t copy_table(Database& from, Database& to, const std::string& table) {
    // Ordered by the first column (the id, or the code of a code list): the copy's rows come in
    // the order they were numbered.
    auto rows =
        from.connection().prepare(fmt::format("SELECT * FROM {} ORDER BY 1", quoted_name(table)));
    rows->read_in_batches();
    if (!rows->step())
        return 0;
    std::string columns, values;
    std::vector<std::string> names;
    for (int i = 0; i < rows->column_count(); ++i) {
        columns += fmt::format("{}{}", i == 0 ? "" : ", ", quoted_name(rows->column(i).name()));
        names.push_back(fmt::format(":c{}", i));
        values += (i == 0 ? "" : ", ") + names.back();
    }
    auto insert = to.connection().prepare(
        fmt::format("INSERT INTO {} ({}) VALUES ({})", quoted_name(table), columns, values));
    std::int64_t copied = 0;
    do {
        for (int i = 0; i < rows->column_count(); ++i)
            bind_value(*insert, names[static_cast<std::size_t>(i)].c_str(), rows->column(i));
        insert->exec();
        insert->reset();
        ++copied;
    } while (rows->step());
    return copied;
}

} // namespace

CopiedRows copy_rows(Database& from, Database& to) {
    const auto tables = content_tables(from);
    require_same_tables(tables, content_tables(to), to);
    CopiedRows copied;
    to.connection().with_triggers_off([&] {
        for (const auto& table : tables)
            to.exec(fmt::format("DELETE FROM {}", quoted_name(table)));
        for (const auto& table : tables) {
            copied.rows += copy_table(from, to, table);
            ++copied.tables;
        }
    });
    return copied;
}

CopiedRows replace_seeded_content(Database& from, Database& to) {
    ensure_only_seeded(to, "copy");
    const auto copied = copy_rows(from, to);
    const auto head = chain_head(from);
    if (const auto copied_head = chain_head(to);
        copied_head.id != head.id || copied_head.hash != head.hash)
        throw StorageError(fmt::format("the copied audit trail ends at row {}, not at row {} as "
                                       "in {}; nothing was copied",
                                       copied_head.id, head.id, from.path()));
    return copied;
}

std::int64_t photo_records(Database& db) {
    auto query = db.query("SELECT count(*) FROM photo");
    query->step();
    return query->column(0).as_int64();
}

} // namespace needlebook::storage
