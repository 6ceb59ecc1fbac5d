#include "needlebook/storage/postgres_connection.hpp"

#include "needlebook/storage/dialect.hpp"

#include <fmt/format.h>
#include <libpq-fe.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>
#include <utility>
#include <vector>

namespace needlebook::storage {
namespace {

// The type OIDs of pg_type that the statements send or read (catalog/pg_type_d.h is a server
// header, not part of libpq-dev).
constexpr Oid unknown_oid = 0;
constexpr Oid bool_oid = 16;
constexpr Oid bytea_oid = 17;
constexpr Oid int8_oid = 20;
constexpr Oid int2_oid = 21;
constexpr Oid int4_oid = 23;
constexpr Oid oid_oid = 26;
constexpr Oid float4_oid = 700;
constexpr Oid float8_oid = 701;
constexpr Oid numeric_oid = 1700;

constexpr int text_format = 0; // libpq's format codes of a parameter or a result
constexpr int binary_format = 1;

// The bytes of a bytea read as text: \x and two hex digits a byte (bytea_output = hex, set
// at connect). Anything else is a value this program did not ask for, and an error.
std::string decoded_bytea(std::string_view text) {
    const auto digit = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        return -1;
    };
    if (!text.starts_with("\\x") || text.size() % 2 != 0)
        throw DatabaseFailure(FailureKind::other, "a bytea value read not in hex form");
    std::string bytes;
    bytes.reserve((text.size() - 2) / 2);
    for (std::size_t i = 2; i < text.size(); i += 2) {
        const int high = digit(text[i]), low = digit(text[i + 1]);
        if (high < 0 || low < 0)
            throw DatabaseFailure(FailureKind::other, "a bytea value read not in hex form");
        bytes.push_back(static_cast<char>(high * 16 + low));
    }
    return bytes;
}

struct ResultDeleter {
    void operator()(PGresult* result) const { PQclear(result); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

// libpq ends its messages with a newline; ours do not.
std::string trimmed(std::string_view message) {
    while (!message.empty() && (message.back() == '\n' || message.back() == ' '))
        message.remove_suffix(1);
    return std::string(message);
}

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

// A failed call on `conn`: the result's SQLSTATE and primary message when the server answered,
// else libpq's own message. A connection that has gone bad is a connection failure whatever
// the result says.
DatabaseFailure failure_of(pg_conn* conn, const PGresult* result) {
    const char* sqlstate = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    std::string message = trimmed(primary ? primary : PQerrorMessage(conn));
    if (message.empty())
        message = "the PostgreSQL server gave no message";
    FailureKind kind = sqlstate ? failure_kind_of_sqlstate(sqlstate) : FailureKind::other;
    if (PQstatus(conn) == CONNECTION_BAD)
        kind = FailureKind::connection;
    return DatabaseFailure(kind, message);
}

// Throws unless the result is a success (rows or none).
Result checked(pg_conn* conn, PGresult* raw) {
    Result result(raw);
    const auto status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK && status != PGRES_EMPTY_QUERY)
        throw failure_of(conn, result.get());
    return result;
}

bool is_name_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool is_identifier_char(char c) {
    return is_name_char(c) || c == '$' || static_cast<unsigned char>(c) >= 0x80;
}

// The SQL with each ":name" replaced by "$n", and the names in order of their numbers (names
// keep their colon, as callers bind them). Quoted strings and identifiers, dollar-quoted
// bodies, comments and the "::" cast are copied as they are.
struct Translated {
    std::string sql;
    std::vector<std::string> names;
};

Translated translated(std::string_view sql) {
    Translated out;
    out.sql.reserve(sql.size() + 8);
    std::size_t i = 0;
    // Copies up to and including the first `end` after `from`, or to the end of the text.
    const auto copy_through = [&](std::string_view end, std::size_t from) {
        const auto found = sql.find(end, from);
        const auto stop = found == std::string_view::npos ? sql.size() : found + end.size();
        out.sql.append(sql.substr(i, stop - i));
        i = stop;
    };
    while (i < sql.size()) {
        const char c = sql[i];
        const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
        if (c == '\'' || c == '"') {
            // E'…' strings escape with a backslash; the others only by doubling the quote.
            const bool backslashes = c == '\'' && i > 0 &&
                                     (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                                     (i < 2 || !is_identifier_char(sql[i - 2]));
            std::size_t j = i + 1;
            while (j < sql.size()) {
                if (backslashes && sql[j] == '\\') {
                    j += 2;
                } else if (sql[j] == c) {
                    if (j + 1 < sql.size() && sql[j + 1] == c)
                        j += 2;
                    else
                        break;
                } else {
                    ++j;
                }
            }
            const auto stop = std::min(j + 1, sql.size());
            out.sql.append(sql.substr(i, stop - i));
            i = stop;
        } else if (c == '-' && next == '-') {
            copy_through("\n", i);
        } else if (c == '/' && next == '*') {
            // PostgreSQL's block comments nest.
            std::size_t j = i + 2;
            int depth = 1;
            while (j < sql.size() && depth > 0) {
                if (sql.compare(j, 2, "/*") == 0) {
                    ++depth;
                    j += 2;
                } else if (sql.compare(j, 2, "*/") == 0) {
                    --depth;
                    j += 2;
                } else {
                    ++j;
                }
            }
            out.sql.append(sql.substr(i, j - i));
            i = j;
        } else if (c == '$' && (i == 0 || !is_identifier_char(sql[i - 1])) &&
                   (next == '$' || (is_name_char(next) && !(next >= '0' && next <= '9')))) {
            // $tag$ … $tag$, unless what follows is no tag ($1 is a parameter, a$b a name).
            std::size_t j = i + 1;
            while (j < sql.size() && is_name_char(sql[j]))
                ++j;
            if (j < sql.size() && sql[j] == '$') {
                const auto tag = sql.substr(i, j + 1 - i);
                out.sql.append(tag);
                i = j + 1;
                copy_through(tag, i);
            } else {
                out.sql.append(sql.substr(i, j - i));
                i = j;
            }
        } else if (c == ':' && next == ':') {
            out.sql.append("::");
            i += 2;
        } else if (c == ':' && is_name_char(next)) {
            std::size_t j = i + 1;
            while (j < sql.size() && is_name_char(sql[j]))
                ++j;
            const std::string name(sql.substr(i, j - i));
            auto known = std::find(out.names.begin(), out.names.end(), name);
            if (known == out.names.end())
                known = out.names.insert(out.names.end(), name);
            out.sql += fmt::format("${}", known - out.names.begin() + 1);
            i = j;
        } else {
            out.sql += c;
            ++i;
        }
    }
    return out;
}

// One statement of the repositories' SQL, prepared on the server at its first run with the
// types of the values bound then, and again under another name for each new set of types.
class PostgresStatement final : public Statement {
public:
    PostgresStatement(pg_conn* conn, int& statements, std::string_view sql)
        : m_conn(conn), m_statements(statements), m_original(sql) {
        auto parsed = translated(sql);
        m_sql = std::move(parsed.sql);
        m_names = std::move(parsed.names);
        m_values.resize(m_names.size());
        m_types.resize(m_names.size(), unknown_oid);
        m_formats.resize(m_names.size(), text_format);
    }

    ~PostgresStatement() override {
        close_cursor();
        // The server keeps a prepared statement for the session; free ours while it can take a
        // command (not in a failed transaction, where it would refuse, nor on a lost connection).
        const auto state = PQtransactionStatus(m_conn);
        if (PQstatus(m_conn) != CONNECTION_OK ||
            (state != PQTRANS_IDLE && state != PQTRANS_INTRANS))
            return;
        for (const auto& [types, variant] : m_variants)
            PQclear(PQexec(m_conn, fmt::format("DEALLOCATE {}", variant.name).c_str()));
    }

    bool step() override {
        if (!m_result) {
            run();
        } else if (m_row < PQntuples(m_result.get())) {
            if (++m_row == PQntuples(m_result.get()) && m_more_in_cursor)
                fetch();
        } else {
            // As SQLiteCpp refuses it: a silent false would read as "no such row".
            throw DatabaseFailure(FailureKind::other,
                                  "the statement has run to its end; reset it to run it again");
        }
        return m_row < PQntuples(m_result.get());
    }
    void exec() override {
        run();
        m_result.reset();
    }
    void reset() noexcept override {
        m_result.reset();
        m_row = 0;
        m_more_in_cursor = false;
        close_cursor();
    }
    void read_in_batches() override { m_in_batches = true; }
    int column_count() override { return PQnfields(shape()); }

protected:
    void bind_int64(const char* name, std::int64_t value) override {
        bind_value(name, std::to_string(value), int8_oid);
    }
    void bind_double(const char* name, double value) override {
        bind_value(name, fmt::format("{}", value), float8_oid); // the shortest exact digits
    }
    void bind_text(const char* name, std::string_view text) override {
        // Text parameters are C strings to libpq; a NUL would cut the value short, silently.
        if (text.find('\0') != std::string_view::npos)
            throw DatabaseFailure(FailureKind::refused_row,
                                  fmt::format("text bound to {} holds a NUL character", name));
        // Of no type, so that the server reads it as the column's type ("3" into a bigint).
        bind_value(name, std::string(text), unknown_oid);
    }
    void bind_null(const char* name) override { bind_value(name, std::nullopt, unknown_oid); }
    void bind_blob(const char* name, std::string_view bytes) override {
        bind_value(name, std::string(bytes), bytea_oid, binary_format); // sent as is, not escaped
    }

    ValueType column_type(int index) override {
        check_row(index);
        if (PQgetisnull(m_result.get(), m_row, index))
            return ValueType::null;
        switch (PQftype(m_result.get(), index)) {
        case bool_oid:
        case int2_oid:
        case int4_oid:
        case int8_oid:
        case oid_oid:
            return ValueType::integer;
        case float4_oid:
        case float8_oid:
        case numeric_oid:
            return ValueType::real;
        case bytea_oid:
            return ValueType::blob;
        default:
            return ValueType::text;
        }
    }
    std::int64_t column_int64(int index) override {
        const auto type = column_type(index);
        if (type == ValueType::null)
            return 0;
        if (type == ValueType::real)
            return static_cast<std::int64_t>(column_double(index)); // as SQLite truncates
        const auto text = value(index);
        std::int64_t number = 0;
        std::from_chars(text.data(), text.data() + text.size(), number); // 0 when no number
        return number;
    }
    double column_double(int index) override {
        if (column_type(index) == ValueType::null)
            return 0.0;
        const auto text = value(index);
        double number = 0.0;
        std::from_chars(text.data(), text.data() + text.size(), number); // C locale, "Infinity"
        return number;
    }
    std::string column_text(int index) override {
        if (column_type(index) == ValueType::null)
            return {};
        return std::string(value(index));
    }
    std::string column_bytes(int index) override {
        if (column_type(index) != ValueType::blob)
            return column_text(index);
        return decoded_bytea(value(index));
    }
    std::string column_name(int index) override {
        const PGresult* result = shape();
        if (index < 0 || index >= PQnfields(result))
            throw DatabaseFailure(FailureKind::other, "column index out of range");
        return PQfname(result, index);
    }

private:
    // What the SQLite side stores as variants: one server-side statement per parameter types.
    struct Variant {
        std::string name;
        Result description; // the result's columns, asked for before a run only
    };

    void bind_value(const char* name, std::optional<std::string> value, Oid type,
                    int format = text_format) {
        const auto found = std::find(m_names.begin(), m_names.end(), name);
        if (found == m_names.end())
            throw DatabaseFailure(
                FailureKind::other,
                fmt::format("no parameter {} in the statement: {}", name, m_original));
        const auto index = found - m_names.begin();
        m_values[index] = std::move(value);
        m_types[index] = type;
        m_formats[index] = format;
    }

    Variant& prepared() {
        auto found = m_variants.find(m_types);
        if (found != m_variants.end())
            return found->second;
        std::string name = fmt::format("nb_{}", ++m_statements);
        Result result(PQprepare(m_conn, name.c_str(), m_sql.c_str(),
                                static_cast<int>(m_types.size()), m_types.data()));
        if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
            auto failure = failure_of(m_conn, result.get());
            if (std::string_view(failure.what()).find("could not determine data type") !=
                std::string_view::npos)
                throw DatabaseFailure(FailureKind::other,
                                      fmt::format("{} in: {}", failure.what(), m_original));
            throw failure;
        }
        return m_variants.emplace(m_types, Variant{std::move(name), nullptr}).first->second;
    }

    void run() {
        m_result.reset();
        m_row = 0;
        close_cursor();
        std::vector<const char*> values;
        std::vector<int> lengths; // read for binary values only
        values.reserve(m_values.size());
        for (const auto& value : m_values) {
            values.push_back(value ? value->c_str() : nullptr);
            lengths.push_back(value ? static_cast<int>(value->size()) : 0);
        }
        // A cursor lives in a transaction only; outside one the rows come all at once.
        if (m_in_batches && PQtransactionStatus(m_conn) == PQTRANS_INTRANS) {
            auto name = fmt::format("nb_cursor_{}", ++m_statements);
            checked(
                m_conn,
                PQexecParams(m_conn,
                             fmt::format("DECLARE {} NO SCROLL CURSOR FOR {}", name, m_sql).c_str(),
                             static_cast<int>(values.size()), m_types.data(), values.data(),
                             lengths.data(), m_formats.data(), text_format));
            m_cursor = std::move(name);
            fetch();
            return;
        }
        const auto& variant = prepared();
        m_result = checked(m_conn, PQexecPrepared(m_conn, variant.name.c_str(),
                                                  static_cast<int>(values.size()), values.data(),
                                                  lengths.data(), m_formats.data(), text_format));
    }

    // Frees the open cursor on the server now, not at the end of the transaction: a statement
    // run many times in one transaction would keep one per run. Only a cursor the server still
    // has: a rolled-back savepoint or the end of the transaction closed it, and CLOSE of a
    // cursor that is gone would fail the transaction. Not in a failed transaction (refused).
    void close_cursor() noexcept {
        if (m_cursor.empty())
            return;
        const auto name = std::exchange(m_cursor, {});
        if (PQtransactionStatus(m_conn) != PQTRANS_INTRANS)
            return;
        const char* values[] = {name.c_str()};
        Result open(PQexecParams(m_conn, "SELECT 1 FROM pg_cursors WHERE name = $1", 1, nullptr,
                                 values, nullptr, nullptr, text_format));
        if (open && PQresultStatus(open.get()) == PGRES_TUPLES_OK && PQntuples(open.get()) == 1)
            PQclear(PQexec(m_conn, fmt::format("CLOSE {}", name).c_str()));
    }

    // The cursor's next batch of rows.
    void fetch() {
        constexpr int batch = 2000;
        m_result = checked(
            m_conn, PQexec(m_conn, fmt::format("FETCH {} FROM {}", batch, m_cursor).c_str()));
        m_row = 0;
        m_more_in_cursor = PQntuples(m_result.get()) == batch;
    }

    // The columns of the current result, or of the statement as prepared for the bound types
    // when it has not run (SQLite tells them before the first step too).
    const PGresult* shape() {
        if (m_result)
            return m_result.get();
        auto& variant = prepared();
        if (!variant.description)
            variant.description = checked(m_conn, PQdescribePrepared(m_conn, variant.name.c_str()));
        return variant.description.get();
    }

    void check_row(int index) const {
        if (!m_result || m_row >= PQntuples(m_result.get()))
            throw DatabaseFailure(FailureKind::other,
                                  "no row to read a column from: step() was not called or "
                                  "returned false");
        if (index < 0 || index >= PQnfields(m_result.get()))
            throw DatabaseFailure(FailureKind::other, "column index out of range");
    }

    // The text of a column known to be not NULL; a bool reads as SQLite's 1 or 0.
    std::string_view value(int index) const {
        const char* text = PQgetvalue(m_result.get(), m_row, index);
        if (PQftype(m_result.get(), index) == bool_oid)
            return text[0] == 't' ? "1" : "0";
        return {text, static_cast<std::size_t>(PQgetlength(m_result.get(), m_row, index))};
    }

    pg_conn* m_conn;
    int& m_statements; // the connection's count, which names the server-side statements
    std::string m_original;
    std::string m_sql; // with $1, $2 … for the names
    std::vector<std::string> m_names;
    std::vector<std::optional<std::string>> m_values; // nullopt is NULL (or never bound)
    std::vector<Oid> m_types;
    std::vector<int> m_formats; // text_format, or binary_format for bytes
    std::map<std::vector<Oid>, Variant> m_variants;
    Result m_result;
    int m_row = 0;
    bool m_in_batches = false;     // read_in_batches() was called
    std::string m_cursor;          // the open cursor's name, when reading in batches
    bool m_more_in_cursor = false; // the last fetch filled a whole batch
};

// Whether libpq's message about a failed connection is the server refusing the login; libpq
// gives no SQLSTATE for a connection, so its words are all there is.
// The clinic's write lock: "NBBK" as a 32-bit number, unlikely to meet another program's key.
constexpr long k_write_lock = 0x4E42424B;

bool is_refused_login(std::string_view message) {
    for (std::string_view words :
         {"authentication failed", "no pg_hba.conf entry", "no password supplied",
          "password is required", "is not permitted to log in", "does not exist"}) {
        if (message.find(words) != std::string_view::npos &&
            (words != "does not exist" || message.find("role \"") != std::string_view::npos))
            return true;
    }
    return false;
}

} // namespace

FailureKind failure_kind_of_sqlstate(std::string_view sqlstate) {
    if (sqlstate == "NB001") // a refusing trigger of the schema
        return FailureKind::refused_row;
    // Not 57014 (a cancelled statement, a statement timeout): nothing was busy.
    if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03")
        return FailureKind::busy;
    if (sqlstate == "42501")
        return FailureKind::denied;
    if (sqlstate == "25006")
        return FailureKind::read_only;
    if (sqlstate == "53100")
        return FailureKind::disk_full;
    if (sqlstate == "58030")
        return FailureKind::io_error;
    if (sqlstate == "XX001" || sqlstate == "XX002")
        return FailureKind::damaged;
    if (sqlstate == "3D000")
        return FailureKind::cannot_open;
    if (starts_with(sqlstate, "22") || starts_with(sqlstate, "23"))
        return FailureKind::refused_row;
    if (starts_with(sqlstate, "08"))
        return FailureKind::connection;
    if (starts_with(sqlstate, "28"))
        return FailureKind::denied;
    return FailureKind::other;
}

std::unique_ptr<PostgresConnection> PostgresConnection::connect(const std::string& target) {
    pg_conn* conn = PQconnectdb(target.c_str());
    if (conn == nullptr)
        throw DatabaseFailure(FailureKind::connection, "out of memory connecting to PostgreSQL");
    if (PQstatus(conn) != CONNECTION_OK) {
        const std::string message = trimmed(PQerrorMessage(conn));
        PQfinish(conn);
        FailureKind kind = FailureKind::connection;
        if (is_refused_login(message))
            kind = FailureKind::denied;
        else if (message.find("database \"") != std::string::npos &&
                 message.find("does not exist") != std::string::npos)
            kind = FailureKind::cannot_open; // SQLSTATE 3D000, as for a missing SQLite file
        throw DatabaseFailure(kind, message);
    }
    std::unique_ptr<PostgresConnection> connection(new PostgresConnection(conn));
    // Notices (a NOTICE from DROP … IF EXISTS, say) would go to stderr, among the CLI's output.
    PQsetNoticeProcessor(
        conn, [](void*, const char*) {}, nullptr);
    if (PQsetClientEncoding(conn, "UTF8") != 0)
        throw failure_of(conn, nullptr);
    // A writer waiting longer for the lock is told the database is busy (SQLSTATE 55P03).
    connection->exec(fmt::format("SET lock_timeout = '{}s'", busy_wait_limit.count()));
    // The clinic's tables are in schema public (README, "A clinic on a PostgreSQL server"),
    // read there whatever the login's own setting says: a schema named after the login, or a
    // temporary table, would otherwise be read first (pg_temp listed last puts it last).
    connection->exec("SET search_path = public, pg_temp");
    // Every double read back exactly (the shortest text that rounds to it), whatever the
    // login's own setting: a copy or a fingerprint must see the value stored, not a rounding.
    connection->exec("SET extra_float_digits = 3");
    connection->exec("SET bytea_output = hex"); // what decoded_bytea reads
    return connection;
}

PostgresConnection::~PostgresConnection() {
    m_has_table.reset(); // its destructor still talks to the server
    PQfinish(m_conn);
}

std::unique_ptr<Statement> PostgresConnection::prepare(std::string_view sql) {
    return std::make_unique<PostgresStatement>(m_conn, m_statements, sql);
}

void PostgresConnection::exec(std::string_view sql) {
    checked(m_conn, PQexec(m_conn, std::string(sql).c_str()));
}

void PostgresConnection::try_exec(std::string_view sql) noexcept {
    m_tables_found.clear();
    try {
        PQclear(PQexec(m_conn, std::string(sql).c_str()));
    } catch (...) { // only the copy of the text can throw
    }
}

std::vector<std::string> PostgresConnection::table_names() {
    std::vector<std::string> names;
    auto query = prepare("SELECT c.relname FROM pg_class c WHERE c.relnamespace = "
                         "current_schema()::regnamespace AND c.relkind IN ('r', 'p') ORDER BY "
                         "c.relname COLLATE \"C\"");
    while (query->step())
        names.push_back(query->column(0).as_text());
    return names;
}

void PostgresConnection::with_triggers_off(const std::function<void()>& work) {
    if (PQtransactionStatus(m_conn) == PQTRANS_IDLE) // each ALTER would commit on its own
        throw std::logic_error("with_triggers_off outside a transaction");
    const auto tables = table_names();
    const auto all = [&](std::string_view change) {
        for (const auto& table : tables)
            exec(fmt::format("ALTER TABLE {} {} TRIGGER USER", quoted_name(table), change));
    };
    all("DISABLE"); // foreign keys are the system's triggers: they stay, checked at commit
    exec("SET CONSTRAINTS ALL DEFERRED");
    work();
    // The deferred keys checked now: a table with checks still pending cannot be altered.
    exec("SET CONSTRAINTS ALL IMMEDIATE");
    all("ENABLE");
}

void PostgresConnection::begin(TransactionKind kind) {
    if (kind == TransactionKind::read) {
        exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
        return;
    }
    // READ COMMITTED: every statement after the lock sees what the previous writer committed
    // (a REPEATABLE READ snapshot would date from the lock's statement, before the wait).
    exec("BEGIN ISOLATION LEVEL READ COMMITTED");
    try {
        exec(fmt::format("SELECT pg_advisory_xact_lock({})", k_write_lock));
    } catch (...) {
        rollback();
        throw;
    }
}

void PostgresConnection::commit() {
    exec("COMMIT");
}

void PostgresConnection::rollback() noexcept {
    try_exec("ROLLBACK");
}

bool PostgresConnection::has_table(std::string_view name) {
    if (m_tables_found.contains(name))
        return true;
    if (!m_has_table)
        m_has_table =
            prepare("SELECT EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass(:name) "
                    "AND relkind IN ('r', 'p', 'v', 'm', 'f'))");
    Query query(*m_has_table);
    query->bind(":name", name);
    const bool found = query->step() && query->column(0).as_int64() == 1;
    if (found)
        m_tables_found.emplace(name);
    return found;
}

} // namespace needlebook::storage
