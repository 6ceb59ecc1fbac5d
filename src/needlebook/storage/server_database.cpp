// Database::open for a clinic on a PostgreSQL server: --db postgresql://… (or NEEDLEBOOK_DB).
// The file-only steps of the SQLite open (pragmas, WAL, backup marks) have no counterpart; the
// schema version checks and the migrations do.

#include "needlebook/error.hpp"
#include "needlebook/storage/database.hpp"
#include "needlebook/storage/migrations.hpp"
#include "needlebook/storage/postgres_connection.hpp"

#include <fmt/format.h>

namespace needlebook::storage {
namespace {

// The target without its query's password=… parameter (postgresql://host/db?password=secret).
std::string without_password_parameter(std::string target) {
    const auto query = target.find('?');
    if (query == std::string::npos)
        return target;
    for (auto at = target.find("password=", query); at != std::string::npos;
         at = target.find("password=", at + 1)) {
        if (target[at - 1] != '?' && target[at - 1] != '&')
            continue;
        const auto end = target.find('&', at);
        target.replace(at + 9, end == std::string::npos ? std::string::npos : end - at - 9, "***");
    }
    return target;
}

// The target as messages show it: a password in the URI (postgresql://user:secret@host/db, or
// ?password=secret) would otherwise be printed on the screen and kept in logs.
std::string without_password(const std::string& uri) {
    const std::string target = without_password_parameter(uri);
    const auto authority = target.find("://");
    if (authority == std::string::npos)
        return target;
    const auto start = authority + 3;
    const auto at = target.find('@', start);
    const auto slash = target.find('/', start);
    if (at == std::string::npos || (slash != std::string::npos && slash < at))
        return target; // no user information
    const auto colon = target.find(':', start);
    if (colon == std::string::npos || colon > at)
        return target;
    return target.substr(0, colon) + target.substr(at);
}

} // namespace

bool Database::is_server_target(std::string_view target) {
    return target.starts_with("postgresql://") || target.starts_with("postgres://");
}

Database Database::connect_to_server(const std::string& target) {
    const std::string shown = without_password(target);
    Database db(PostgresConnection::connect(target), shown);
    db.m_on_server = true;
    {
        auto user = db.m_connection->prepare("SELECT session_user");
        user->step();
        db.m_server_user = user->column(0).as_text();
    }
    if (const int version = db.schema_version(); version > latest_schema_version())
        throw StorageError(fmt::format("database {} has schema version {}, newer than this "
                                       "program knows ({}); use a newer needlebook",
                                       shown, version, latest_schema_version()));
    return db;
}

Database Database::open_server_read_only(const std::string& target) {
    try {
        auto db = connect_to_server(target);
        if (db.schema_version() == 0)
            throw NotFound(fmt::format("no database at {}", db.path()));
        db.exec("SET default_transaction_read_only = on");
        return db;
    } catch (const DatabaseFailure& e) {
        throw StorageError(describe_failure(e, without_password(target)));
    }
}

Database Database::open_server(const std::string& target, Create create, const Opener& by) {
    const std::string shown = without_password(target);
    try {
        auto db = connect_to_server(target);
        if (create == Create::no && db.schema_version() == 0)
            throw NotFound(fmt::format("no database at {}; create it with 'needlebook init' or "
                                       "give --db PATH",
                                       shown)); // as for a missing SQLite file
        // Creating and migrating are audited in the login's name too.
        Opener as_login = by;
        as_login.actor = db.m_server_user;
        db.migrate(&as_login);
        return db;
    } catch (const DatabaseFailure& e) {
        throw StorageError(describe_failure(e, shown));
    }
}

} // namespace needlebook::storage
