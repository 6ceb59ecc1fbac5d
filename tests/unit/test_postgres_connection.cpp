// The libpq connection against a real PostgreSQL server: run under tests/pg/run_with_server.sh
// (ctest postgres/connection), which sets NEEDLEBOOK_TEST_POSTGRES; skipped without it. Each case
// works in a database of its own, dropped at its end.
#include "needlebook/storage/postgres_connection.hpp"

#include "postgres_server.hpp"

#include <cstdlib>
#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <limits>
#include <string>
#include <unistd.h>

using namespace needlebook;
using storage::DatabaseFailure;
using storage::FailureKind;
using storage::PostgresConnection;
using storage::Query;
using storage::ValueType;

namespace {

std::string server() {
    return test::postgres_server();
}

const bool no_server = test::no_postgres_server;

// A unique name for a database or role of this process.
std::string unique_name(std::string_view what) {
    static int count = 0;
    return fmt::format("nb_test_{}_{}_{}", what, getpid(), ++count);
}

class FreshDatabase {
public:
    FreshDatabase() : m_name(unique_name("db")), m_admin(PostgresConnection::connect(server())) {
        m_admin->exec(fmt::format("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8' "
                                  "LC_COLLATE 'C' LC_CTYPE 'C'",
                                  m_name));
        m_db = PostgresConnection::connect(conninfo());
    }
    ~FreshDatabase() {
        m_db.reset();
        m_admin->try_exec(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", m_name));
    }
    // libpq takes the last of a repeated keyword, so `extra` may override the server's.
    std::string conninfo(std::string_view extra = "") const {
        return fmt::format("{} dbname={} {}", server(), m_name, extra);
    }
    PostgresConnection& admin() { return *m_admin; }
    PostgresConnection* operator->() { return m_db.get(); }
    PostgresConnection& operator*() { return *m_db; }

private:
    std::string m_name;
    std::unique_ptr<PostgresConnection> m_admin;
    std::unique_ptr<PostgresConnection> m_db;
};

// What `work` threw: its kind and message.
template <class Work> DatabaseFailure failure_of(Work&& work) {
    try {
        work();
    } catch (const DatabaseFailure& e) {
        return e;
    }
    FAIL("no DatabaseFailure");
    return DatabaseFailure(FailureKind::other, "");
}

std::string file_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

TEST_CASE("failure_kind_of_sqlstate: each SQLSTATE class means what the callers check") {
    using storage::failure_kind_of_sqlstate;
    CHECK(failure_kind_of_sqlstate("23505") == FailureKind::refused_row); // unique_violation
    CHECK(failure_kind_of_sqlstate("23503") == FailureKind::refused_row); // foreign key
    CHECK(failure_kind_of_sqlstate("23514") == FailureKind::refused_row); // check
    CHECK(failure_kind_of_sqlstate("22P02") == FailureKind::refused_row); // bad text for type
    CHECK(failure_kind_of_sqlstate("22001") == FailureKind::refused_row); // too long
    CHECK(failure_kind_of_sqlstate("NB001") == FailureKind::refused_row); // schema triggers
    for (const char* busy : {"40001", "40P01", "55P03"})
        CHECK(failure_kind_of_sqlstate(busy) == FailureKind::busy);
    // A cancelled statement or a statement timeout: nothing was busy.
    CHECK(failure_kind_of_sqlstate("57014") == FailureKind::other);
    CHECK(failure_kind_of_sqlstate("42501") == FailureKind::denied);
    CHECK(failure_kind_of_sqlstate("28000") == FailureKind::denied);
    CHECK(failure_kind_of_sqlstate("28P01") == FailureKind::denied);
    CHECK(failure_kind_of_sqlstate("25006") == FailureKind::read_only);
    CHECK(failure_kind_of_sqlstate("53100") == FailureKind::disk_full);
    CHECK(failure_kind_of_sqlstate("58030") == FailureKind::io_error);
    CHECK(failure_kind_of_sqlstate("08006") == FailureKind::connection);
    CHECK(failure_kind_of_sqlstate("08001") == FailureKind::connection);
    CHECK(failure_kind_of_sqlstate("XX001") == FailureKind::damaged);
    CHECK(failure_kind_of_sqlstate("XX002") == FailureKind::damaged);
    CHECK(failure_kind_of_sqlstate("3D000") == FailureKind::cannot_open);
    // Neighbours of the codes above that mean something else.
    CHECK(failure_kind_of_sqlstate("XX000") == FailureKind::other);
    CHECK(failure_kind_of_sqlstate("40002") == FailureKind::other);
    CHECK(failure_kind_of_sqlstate("55000") == FailureKind::other);
    CHECK(failure_kind_of_sqlstate("42P01") == FailureKind::other); // undefined table
    CHECK(failure_kind_of_sqlstate("42601") == FailureKind::other); // syntax error
    CHECK(failure_kind_of_sqlstate("25P02") == FailureKind::other); // aborted transaction
    CHECK(failure_kind_of_sqlstate("") == FailureKind::other);
}

TEST_SUITE_BEGIN("postgres");

TEST_CASE("postgres: :name becomes $n outside quotes, comments and the :: cast" *
          doctest::skip(no_server)) {
    FreshDatabase db;
    auto statement = db->prepare("SELECT :a::bigint + :b AS sum, ':a' AS quoted, "
                                 "'it''s :b' AS doubled, E'\\' :g' AS escaped, "
                                 "$$ :h $$ AS dollar, $x$ :i $x$ AS tagged, "
                                 "(:a)::text AS again, 1 AS \"x:y\" -- :c\n"
                                 "/* :d /* :e */ :f */ WHERE :b::int > 0");
    Query query(*statement);
    query->bind(":a", 40);
    query->bind(":b", 2);
    for (const char* absent : {":c", ":d", ":e", ":f", ":g", ":h", ":i", ":x", ":y", ":int"})
        CHECK_THROWS_AS(query->bind(absent, 1), DatabaseFailure);
    REQUIRE(query->step());
    CHECK(query->column(0).as_int64() == 42);
    CHECK(query->column(1).as_text() == ":a");
    CHECK(query->column(2).as_text() == "it's :b");
    CHECK(query->column(3).as_text() == "' :g");
    CHECK(query->column(4).as_text() == " :h ");
    CHECK(query->column(5).as_text() == " :i ");
    CHECK(query->column(6).as_text() == "40"); // :a again is $1, bound, not a second parameter
    CHECK(query->column(7).name() == "x:y");
    CHECK_FALSE(query->step());
}

TEST_CASE("postgres: a bind to a name the statement does not have throws, naming it" *
          doctest::skip(no_server)) {
    FreshDatabase db;
    auto statement = db->prepare("SELECT :known::bigint");
    const auto failure = failure_of([&] { statement->bind(":unknown", 1); });
    CHECK(failure.kind() == FailureKind::other);
    CHECK(std::string(failure.what()).find(":unknown") != std::string::npos);
    CHECK_THROWS_AS(statement->bind("known", 1), DatabaseFailure); // the colon is the name's
}

TEST_CASE("postgres: int, double, text and NULL round-trip through a table" *
          doctest::skip(no_server)) {
    FreshDatabase db;
    db->exec("CREATE TABLE t (n bigint, x double precision, label text, note text)");
    const std::string label = "Zoë O'Brien \"; -- /* :n */ 김민지";
    {
        auto insert = db->prepare("INSERT INTO t VALUES (:n, :x, :label, :note)");
        insert->bind(":n", std::int64_t{9007199254740993}); // not exact as a double
        insert->bind(":x", 0.1);
        insert->bind(":label", label);
        insert->bind(":note");
        insert->exec();
        insert->bind(":n", -1);
        insert->bind(":x", -2.5e300);
        insert->bind(":label", "");
        insert->bind(":note", "n");
        insert->exec();
    }
    auto select = db->prepare("SELECT n, x, label, note FROM t ORDER BY n DESC");
    Query query(*select);
    REQUIRE(query->step());
    CHECK(query->column(0).as_int64() == 9007199254740993);
    CHECK(query->column(1).as_double() == 0.1);
    CHECK(query->column(2).as_text() == label);
    CHECK(query->column(3).is_null());
    CHECK(query->column(3).as_text() == "");
    CHECK(query->column(3).as_int64() == 0);
    CHECK(query->column(3).as_double() == 0.0);
    REQUIRE(query->step());
    CHECK(query->column(0).as_int() == -1);
    CHECK(query->column(1).as_double() == -2.5e300);
    CHECK(query->column(2).as_text() == "");
    CHECK_FALSE(query->column(2).is_null());
    CHECK(query->column(3).as_text() == "n");
    CHECK_FALSE(query->step());
}

TEST_CASE("postgres: type() of each kind of column, bool as SQLite's 1 and 0" *
          doctest::skip(no_server)) {
    FreshDatabase db;
    auto statement = db->prepare(
        "SELECT 1::int2, 2::int4, 3::int8, 4::oid, 1.5::real, 2.5::float8, 3.25::numeric, "
        "'\\x00ff'::bytea, 'x'::text, 'y'::varchar, '2026-01-02'::date, NULL::bigint, "
        "NULL::text, true, false, 'NaN'::float8, '-Infinity'::float8");
    Query query(*statement);
    CHECK(query->column_count() == 17); // before the first step, as on SQLite
    REQUIRE(query->step());
    const ValueType expected[] = {ValueType::integer, ValueType::integer, ValueType::integer,
                                  ValueType::integer, ValueType::real,    ValueType::real,
                                  ValueType::real,    ValueType::blob,    ValueType::text,
                                  ValueType::text,    ValueType::text,    ValueType::null,
                                  ValueType::null,    ValueType::integer, ValueType::integer,
                                  ValueType::real,    ValueType::real};
    for (int i = 0; i < 17; ++i) {
        CAPTURE(i);
        CHECK(query->column(i).type() == expected[i]);
    }
    CHECK(query->column(4).as_double() == 1.5);
    CHECK(query->column(4).as_int64() == 1); // a real read as an integer truncates
    CHECK(query->column(6).as_double() == 3.25);
    CHECK(query->column(10).as_text() == "2026-01-02");
    CHECK(query->column(12).as_text() == "");
    CHECK(query->column(13).as_int64() == 1);
    CHECK(query->column(13).as_text() == "1");
    CHECK(query->column(14).as_int64() == 0);
    CHECK(query->column(14).as_text() == "0");
    CHECK(query->column(15).as_double() != query->column(15).as_double()); // NaN
    CHECK(query->column(16).as_double() == -std::numeric_limits<double>::infinity());
}

TEST_CASE("postgres: text goes into a bigint column as SQLite takes it; bad text is refused" *
          doctest::skip(no_server)) {
    FreshDatabase db;
    db->exec("CREATE TABLE t (n bigint NOT NULL, label text)");
    auto insert = db->prepare("INSERT INTO t (n, label) VALUES (:n, :label)");
    insert->bind(":n", "42");
    insert->bind(":label", 7); // an integer into a text column, as SQLite stores "7"
    insert->exec();
    auto select = db->prepare("SELECT n, label FROM t");
    Query query(*select);
    REQUIRE(query->step());
    CHECK(query->column(0).type() == ValueType::integer);
    CHECK(query->column(0).as_int64() == 42);
    CHECK(query->column(1).type() == ValueType::text);
    CHECK(query->column(1).as_text() == "7");

    insert->bind(":n", "forty-two");
    const auto failure = failure_of([&] { insert->exec(); });
    CHECK(failure.kind() == FailureKind::refused_row); // 22P02
    CHECK(std::string(failure.what()).find("forty-two") != std::string::npos);

    // libpq would cut a text at a NUL: refused when bound.
    CHECK(failure_of([&] { insert->bind(":label", std::string("a\0b", 3)); }).kind() ==
          FailureKind::refused_row);
}

TEST_CASE("postgres: a cached statement steps, resets and runs again with new values and types" *
          doctest::skip(no_server)) {
    FreshDatabase db;
    db->exec("CREATE TABLE t (id bigint); INSERT INTO t VALUES (1), (2), (3)");
    auto statement = db->prepare("SELECT id FROM t WHERE id > :min ORDER BY id");
    const auto ids = [&] {
        std::string seen;
        Query query(*statement);
        while (query->step())
            seen += std::to_string(query->column(0).as_int64());
        CHECK_THROWS_AS(query->step(), DatabaseFailure); // at its end until reset
        return seen;
    };
    statement->bind(":min", 1);
    CHECK(ids() == "23");
    statement->bind(":min", 2);
    CHECK(ids() == "3");
    CHECK(ids() == "3");          // the bound value stays after reset
    statement->bind(":min", "0"); // text: another prepared variant
    CHECK(ids() == "123");
    statement->bind(":min"); // NULL where an int was: another variant again
    CHECK(ids() == "");
    statement->bind(":min", 0);
    CHECK(ids() == "123");

    // Half-read, then reset: the next step starts from the first row.
    statement->bind(":min", 0);
    REQUIRE(statement->step());
    statement->reset();
    REQUIRE(statement->step());
    CHECK(statement->column(0).as_int64() == 1);
    statement->reset();

    // No current row, before the first step or after the last: reading a column throws.
    CHECK(failure_of([&] { (void)statement->column(0).as_int64(); }).kind() == FailureKind::other);
    statement->bind(":min", 3);
    CHECK_FALSE(statement->step());
    CHECK_THROWS_AS((void)statement->column(0).as_text(), DatabaseFailure);
    statement->reset();
}

TEST_CASE("postgres: a parameter whose type the server cannot infer is named with the SQL" *
          doctest::skip(no_server)) {
    FreshDatabase db;
    auto statement = db->prepare("SELECT :x IS NULL");
    statement->bind(":x", 5); // an int64 is sent as int8: the server knows it
    REQUIRE(statement->step());
    CHECK(statement->column(0).as_int64() == 0);
    statement->reset();
    statement->bind(":x"); // NULL is of no type
    const auto failure = failure_of([&] { statement->step(); });
    CHECK(failure.kind() == FailureKind::other);
    CHECK(std::string(failure.what()).find("could not determine data type of parameter $1") !=
          std::string::npos);
    CHECK(std::string(failure.what()).find("SELECT :x IS NULL") != std::string::npos);
    // A cast in the SQL is the cure.
    auto cast = db->prepare("SELECT CAST(:x AS text) IS NULL");
    cast->bind(":x");
    REQUIRE(cast->step());
    CHECK(cast->column(0).as_int64() == 1);
}

TEST_CASE("postgres: a unique violation is a refused row" * doctest::skip(no_server)) {
    FreshDatabase db;
    db->exec("CREATE TABLE t (code text UNIQUE)");
    auto insert = db->prepare("INSERT INTO t VALUES (:code)");
    insert->bind(":code", "P-1");
    insert->exec();
    const auto failure = failure_of([&] { insert->exec(); });
    CHECK(failure.kind() == FailureKind::refused_row);
    CHECK(std::string(failure.what()) ==
          "duplicate key value violates unique constraint \"t_code_key\"");
    CHECK(failure_of([&] { db->exec("INSERT INTO t VALUES ('P-1')"); }).kind() ==
          FailureKind::refused_row);
}

TEST_CASE("postgres: the baseline schema's trigger refuses with SQLite's message" *
          doctest::skip(no_server)) {
    FreshDatabase db;
    const auto schema = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() /
                        "schema" / "postgresql" / "0010_baseline.sql";
    db->exec("CREATE TEMP TABLE migration_context (now text NOT NULL, actor text NOT NULL); "
             "INSERT INTO migration_context VALUES ('2026-01-02T03:04:05Z', 'test')");
    db->exec("BEGIN;\n" + file_text(schema) + "\n;COMMIT");
    CHECK(db->has_table("patient"));
    auto insert =
        db->prepare("INSERT INTO patient (code, created_at) VALUES (:code, :at) RETURNING id");
    insert->bind(":code", "P-000001");
    insert->bind(":at", "2026-01-02T03:04:05Z");
    const auto id = insert->exec_returning_id();
    auto update = db->prepare("UPDATE patient SET code = :code WHERE id = :id");
    update->bind(":code", "P-000002");
    update->bind(":id", id);
    const auto failure = failure_of([&] { update->exec(); });
    CHECK(failure.kind() == FailureKind::refused_row);
    CHECK(std::string(failure.what()) == "patient rows are never changed; add a revision");
    // A CHECK constraint of the schema: refused too.
    insert->reset();
    insert->bind(":code", "not a code!");
    CHECK(failure_of([&] { insert->exec_returning_id(); }).kind() == FailureKind::refused_row);
}

TEST_CASE("postgres: a role without grants is denied" * doctest::skip(no_server)) {
    FreshDatabase db;
    const auto role = unique_name("role");
    db.admin().exec(fmt::format("CREATE ROLE {} LOGIN", role));
    db->exec("CREATE TABLE t (n bigint)");
    {
        auto reader = PostgresConnection::connect(db.conninfo("user=" + role));
        auto select = reader->prepare("SELECT n FROM t");
        const auto failure = failure_of([&] { select->step(); });
        CHECK(failure.kind() == FailureKind::denied);
        CHECK(std::string(failure.what()) == "permission denied for table t");
        CHECK(failure_of([&] { reader->exec("INSERT INTO t VALUES (1)"); }).kind() ==
              FailureKind::denied);
    }
    db.admin().exec(fmt::format("DROP ROLE {}", role));
    // A login the server refuses: an unknown role.
    const auto refused =
        failure_of([&] { PostgresConnection::connect(db.conninfo("user=" + role)); });
    CHECK(refused.kind() == FailureKind::denied);
    CHECK(std::string(refused.what()).find("role \"" + role + "\" does not exist") !=
          std::string::npos);
}

TEST_CASE("postgres: an unreachable server, an unknown database, a lost connection" *
          doctest::skip(no_server)) {
    const auto unreachable =
        failure_of([] { PostgresConnection::connect(server() + " host=/nonexistent/needlebook"); });
    CHECK(unreachable.kind() == FailureKind::connection);
    CHECK(std::string(unreachable.what()).find("/nonexistent/needlebook") != std::string::npos);
    CHECK(std::string(unreachable.what()).back() != '\n');

    // libpq reports no SQLSTATE for a failed connection; its message names the database.
    const auto unknown =
        failure_of([] { PostgresConnection::connect(server() + " dbname=nb_test_no_such_db"); });
    CHECK(unknown.kind() == FailureKind::cannot_open);
    CHECK(std::string(unknown.what()).find("database \"nb_test_no_such_db\" does not exist") !=
          std::string::npos);

    FreshDatabase db;
    auto pid = db->prepare("SELECT pg_backend_pid()");
    REQUIRE(pid->step());
    auto terminate = db.admin().prepare("SELECT pg_terminate_backend(CAST(:pid AS integer), 5000)");
    terminate->bind(":pid", pid->column(0).as_int64());
    pid->reset();
    REQUIRE(terminate->step());
    terminate->reset();
    CHECK(failure_of([&] { db->exec("SELECT 1"); }).kind() == FailureKind::connection);
    CHECK(failure_of([&] { pid->step(); }).kind() == FailureKind::connection);
}

TEST_CASE("postgres: a transaction with a savepoint rolled back through exec()" *
          doctest::skip(no_server)) {
    FreshDatabase db;
    db->exec("CREATE TABLE t (id bigint PRIMARY KEY)");
    auto insert = db->prepare("INSERT INTO t VALUES (:id)");
    const auto add = [&](int id) {
        insert->bind(":id", id);
        insert->exec();
    };
    db->exec("BEGIN");
    add(1);
    db->exec("SAVEPOINT two");
    add(2);
    db->exec("ROLLBACK TO SAVEPOINT two");
    // A refused row inside a savepoint leaves the transaction usable once rolled back to it.
    db->exec("SAVEPOINT again");
    CHECK(failure_of([&] { add(1); }).kind() == FailureKind::refused_row);
    CHECK(failure_of([&] { add(3); }).kind() == FailureKind::other); // 25P02: aborted
    db->exec("ROLLBACK TO SAVEPOINT again; RELEASE SAVEPOINT again");
    add(3);
    db->exec("COMMIT");
    db->try_exec("COMMIT"); // no transaction: a warning, swallowed
    db->try_exec("this is not SQL");

    auto select = db->prepare("SELECT string_agg(id::text, ',' ORDER BY id) FROM t");
    REQUIRE(select->step());
    CHECK(select->column(0).as_text() == "1,3");
}

TEST_CASE("postgres: INSERT … RETURNING id through exec_returning_id()" *
          doctest::skip(no_server)) {
    FreshDatabase db;
    db->exec("CREATE TABLE t (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, v text)");
    auto insert = db->prepare("INSERT INTO t (v) VALUES (:v) RETURNING id");
    insert->bind(":v", "a");
    CHECK(insert->exec_returning_id() == 1);
    insert->reset();
    insert->bind(":v", "b");
    CHECK(insert->exec_returning_id() == 2);
    insert->reset();
    auto count = db->prepare("SELECT count(*) FROM t");
    REQUIRE(count->step());
    CHECK(count->column(0).as_int64() == 2);
}

TEST_CASE("postgres: has_table finds tables and views of the search path only" *
          doctest::skip(no_server)) {
    FreshDatabase db;
    db->exec("CREATE TABLE patient (id bigint PRIMARY KEY); "
             "CREATE VIEW patient_view AS SELECT id FROM patient; "
             "CREATE TEMP TABLE scratch (n bigint); "
             "CREATE SCHEMA elsewhere; CREATE TABLE elsewhere.hidden (n bigint)");
    CHECK(db->has_table("patient"));
    CHECK(db->has_table("patient_view"));
    CHECK(db->has_table("scratch"));
    CHECK_FALSE(db->has_table("patient_pkey")); // an index
    CHECK_FALSE(db->has_table("hidden"));
    CHECK_FALSE(db->has_table("photo"));
    CHECK(db->has_table("patient")); // the statement again
}

TEST_CASE("postgres: has_table remembers a table found until a rollback" *
          doctest::skip(no_server)) {
    FreshDatabase db;
    db->begin(storage::TransactionKind::write);
    db->exec("CREATE TABLE made_here (n bigint)");
    CHECK(db->has_table("made_here"));
    db->rollback(); // the table is gone with the transaction, and so is the answer
    CHECK_FALSE(db->has_table("made_here"));
    // A savepoint rolled back (as Database undoes a nested scope, through try_exec).
    db->begin(storage::TransactionKind::write);
    db->exec("SAVEPOINT nested_1");
    db->exec("CREATE TABLE made_inside (n bigint)");
    CHECK(db->has_table("made_inside"));
    db->try_exec("ROLLBACK TO nested_1; RELEASE nested_1");
    CHECK_FALSE(db->has_table("made_inside"));
    db->commit();
}

TEST_CASE("postgres: rows read in batches come all, in order, beside another query" *
          doctest::skip(no_server)) {
    FreshDatabase db;
    // More rows than a batch (2,000), and not a whole number of batches.
    db->exec("CREATE TABLE t (id bigint PRIMARY KEY); INSERT INTO t SELECT generate_series(1, "
             "4500)");
    auto all = db->prepare("SELECT id FROM t WHERE id >= :from ORDER BY id");
    auto again = db->prepare("SELECT count(*) FROM t WHERE id <= :upto");
    // Ours only: the view lists the portal of the query asking too.
    auto cursors = db->prepare("SELECT count(*) FROM pg_cursors WHERE name LIKE 'nb\\_cursor%'");
    const auto open_cursors = [&] {
        Query query(*cursors);
        REQUIRE(query->step());
        return query->column(0).as_int64();
    };
    const auto read_all = [&](std::int64_t from) {
        std::int64_t expected = from, read = 0;
        Query query(*all);
        query->bind(":from", from);
        query->read_in_batches();
        while (query->step()) {
            CHECK(query->column(0).as_int64() == expected);
            // Another statement between two rows, as check looks up a disclosure.
            Query inner(*again);
            inner->bind(":upto", expected);
            REQUIRE(inner->step());
            CHECK(inner->column(0).as_int64() == expected);
            ++expected;
            ++read;
        }
        return read;
    };
    SUBCASE("in a transaction: through a cursor, freed at each reset") {
        db->begin(storage::TransactionKind::read);
        CHECK(read_all(1) == 4500);
        CHECK(read_all(501) == 4000); // exactly two batches
        CHECK(read_all(4501) == 0);
        {
            Query half(*all); // left half read: its cursor is closed, the transaction goes on
            half->bind(":from", 1);
            half->read_in_batches();
            REQUIRE(half->step());
        }
        CHECK(read_all(4000) == 501);
        CHECK(open_cursors() == 0); // each closed at its reset
        {
            Query reading(*all);
            reading->bind(":from", 1);
            reading->read_in_batches();
            REQUIRE(reading->step());
            CHECK(open_cursors() == 1); // through a cursor, not all at once
        }
        // A cursor a rolled-back savepoint closed is not closed again: that would fail the
        // transaction.
        {
            Query reading(*all);
            reading->bind(":from", 1);
            db->exec("SAVEPOINT inner_work");
            reading->read_in_batches();
            REQUIRE(reading->step());
            db->exec("ROLLBACK TO inner_work");
        }
        CHECK(read_all(4400) == 101);
        db->commit();
    }
    SUBCASE("outside one: all at once") {
        CHECK(read_all(1) == 4500);
        CHECK(open_cursors() == 0);
    }
}

TEST_SUITE_END();
