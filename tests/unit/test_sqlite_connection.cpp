// The SQLite engine's wait for another connection's write lock (storage/sqlite_connection.cpp).

#include "needlebook/storage/connection.hpp"
#include "needlebook/storage/database.hpp"
#include "needlebook/storage/sqlite_connection.hpp"
#include "temp_dir.hpp"

#include <chrono>
#include <doctest/doctest.h>
#include <thread>

using namespace needlebook;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

struct TwoConnections {
    test::TempDir dir;
    storage::Database holder =
        storage::Database::open(dir.path() / "clinic.db", storage::Database::Create::yes);
    storage::Database waiter =
        storage::Database::open(dir.path() / "clinic.db", storage::Database::Create::no);
};

std::chrono::milliseconds since(Clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start);
}

} // namespace

// SQLite's own busy timeout sleeps longer the longer it has waited, up to 100 ms a try, so the
// writer that has waited longest tries least often and loses the lock to newer ones.
TEST_CASE("the busy handler tries every millisecond however long the wait has lasted") {
    Clock::time_point began;
    CHECK(storage::wait_while_busy(&began, 0) == 1); // a new wait begins
    CHECK(since(began) < 1s);
    // Two hundred tries deep into a wait: SQLite's back-off would sleep 100 ms each, 20 s.
    const auto start = Clock::now();
    for (int tries = 1000; tries < 1200; ++tries)
        REQUIRE(storage::wait_while_busy(&began, tries) == 1);
    CHECK(since(start) < 2s);
    began = Clock::now() - storage::busy_wait_limit + 1s; // a second left
    CHECK(storage::wait_while_busy(&began, 5) == 1);
    began = Clock::now() - storage::busy_wait_limit; // no time left: give up
    CHECK(storage::wait_while_busy(&began, 6) == 0);
    CHECK(storage::wait_while_busy(&began, 0) == 1); // the next wait starts afresh
}

TEST_CASE("a writer waits for another's write lock and takes it once that commits") {
    TwoConnections clinic;
    clinic.holder.connection().begin(storage::TransactionKind::write);
    const auto start = Clock::now();
    constexpr auto held = 300ms;
    std::thread release([&] {
        std::this_thread::sleep_for(held);
        clinic.holder.connection().commit();
    });
    clinic.waiter.write([] {});
    const auto waited = since(start);
    release.join();
    CHECK(waited >= held);
    CHECK(waited < storage::busy_wait_limit); // it took the lock, and did not give up
}

TEST_CASE("a writer kept waiting past the limit is told the database is busy") {
    TwoConnections clinic;
    clinic.holder.connection().begin(storage::TransactionKind::write);
    const auto start = Clock::now();
    try {
        clinic.waiter.write([] {});
        FAIL("the write went through while another connection held the lock");
    } catch (const storage::DatabaseFailure& e) {
        CHECK(e.kind() == storage::FailureKind::busy);
    }
    const auto waited = since(start);
    CHECK(waited >= storage::busy_wait_limit);
    CHECK(waited < storage::busy_wait_limit + 1s);
    clinic.holder.connection().rollback();
    clinic.waiter.write([] {}); // free again: the refused writer kept no lock
}
