#pragma once
// A prepared statement of either database engine: repositories bind named parameters, step
// through rows and read columns through this interface only, so one SQL text serves SQLite and
// PostgreSQL (storage/sqlite_connection.cpp, storage/postgres_connection.cpp).

#include <concepts>
#include <cstdint>
#include <string>
#include <string_view>

namespace needlebook::storage {

class Statement;

// The type of a stored value as the engine holds it (a fingerprint distinguishes 1 from "1").
enum class ValueType { null, integer, real, text, blob };

// One column of the statement's current row, read as the type the caller expects. NULL reads
// as 0 or "" (check is_null() where absence matters).
class Column {
public:
    Column(Statement& statement, int index) : m_statement(statement), m_index(index) {}
    bool is_null() const;
    ValueType type() const;
    std::int64_t as_int64() const;
    int as_int() const;
    double as_double() const;
    std::string as_text() const;
    // A BLOB (bytea on PostgreSQL) as its bytes.
    std::string as_bytes() const;
    // The column's name as the query gives it, for messages about a stored value.
    std::string name() const;

private:
    Statement& m_statement;
    int m_index;
};

class Statement {
public:
    Statement() = default;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    virtual ~Statement() = default;

    // Parameters are named (":name") in every query; an integer binds as a 64-bit integer.
    template <std::integral T> void bind(const char* name, T value) {
        bind_int64(name, static_cast<std::int64_t>(value));
    }
    void bind(const char* name, double value) { bind_double(name, value); }
    void bind(const char* name, std::string_view text) { bind_text(name, text); }
    void bind(const char* name, const char* text) { bind_text(name, text); }
    void bind(const char* name, const std::string& text) { bind_text(name, text); }
    void bind(const char* name) { bind_null(name); } // SQL NULL
    // Binds `bytes` as a BLOB (bytea on PostgreSQL): any bytes, NULs too.
    void bind_bytes(const char* name, std::string_view bytes) { bind_blob(name, bytes); }

    // The next row; false once there are no more (the statement has then run to its end).
    virtual bool step() = 0;
    // Runs a statement that returns no rows to its end.
    virtual void exec() = 0;
    // Runs an INSERT … RETURNING id to its end and gives the new row's id.
    std::int64_t exec_returning_id();
    // Ready to run again; bound values stay until bound anew. Never throws: a failed run
    // already threw from step() or exec().
    virtual void reset() noexcept = 0;
    // A hint before the first step(): the query may give more rows than memory should hold at
    // once (a whole table, the audit trail), so the engine may read them a batch at a time
    // (PostgreSQL, inside a transaction: a cursor). SQLite reads a row at a time anyway.
    virtual void read_in_batches() {}
    virtual int column_count() = 0;
    Column column(int index) { return Column(*this, index); }

protected:
    friend class Column;
    virtual void bind_int64(const char* name, std::int64_t value) = 0;
    virtual void bind_double(const char* name, double value) = 0;
    virtual void bind_text(const char* name, std::string_view text) = 0;
    virtual void bind_null(const char* name) = 0;
    virtual void bind_blob(const char* name, std::string_view bytes) = 0;

    virtual ValueType column_type(int index) = 0;
    virtual std::int64_t column_int64(int index) = 0;
    virtual double column_double(int index) = 0;
    virtual std::string column_text(int index) = 0;
    virtual std::string column_bytes(int index) = 0;
    virtual std::string column_name(int index) = 0;
};

inline ValueType Column::type() const {
    return m_statement.column_type(m_index);
}
inline bool Column::is_null() const {
    return type() == ValueType::null;
}
inline std::int64_t Column::as_int64() const {
    return m_statement.column_int64(m_index);
}
inline int Column::as_int() const {
    return static_cast<int>(m_statement.column_int64(m_index));
}
inline double Column::as_double() const {
    return m_statement.column_double(m_index);
}
inline std::string Column::as_text() const {
    return m_statement.column_text(m_index);
}
inline std::string Column::as_bytes() const {
    return m_statement.column_bytes(m_index);
}
inline std::string Column::name() const {
    return m_statement.column_name(m_index);
}

// A cached prepared statement, reset when the query goes out of scope so it holds no snapshot.
class Query {
public:
    explicit Query(Statement& statement) : m_statement(statement) {}
    Query(const Query&) = delete;
    Query& operator=(const Query&) = delete;
    ~Query() { m_statement.reset(); } // every use binds all its parameters anew
    Statement* operator->() { return &m_statement; }
    Statement& operator*() { return m_statement; }

private:
    Statement& m_statement;
};

} // namespace needlebook::storage
