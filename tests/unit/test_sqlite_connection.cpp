// The SQLite engine's wait for another connection's write lock (storage/sqlite_connection.cpp).

#include "needlebook/storage/connection.hpp"
#include "needlebook/storage/database.hpp"
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

TEST_CASE("a writer waits for another's write lock and takes it as soon as that commits") {
    TwoConnections clinic;
    clinic.holder.connection().begin(storage::TransactionKind::write);
    const auto start = Clock::now();
    constexpr auto held = 935ms;
    std::thread release([&] {
        std::this_thread::sleep_for(held);
        clinic.holder.connection().commit();
    });
    // SQLite's own busy timeout, sleeping 100 ms a try by then, would try at 928 ms and next at
    // 1,028 ms, 93 ms late; here a try comes every millisecond.
    clinic.waiter.write([] {});
    const auto waited = since(start);
    release.join();
    CHECK(waited >= held);
    CHECK(waited < held + 60ms);
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
