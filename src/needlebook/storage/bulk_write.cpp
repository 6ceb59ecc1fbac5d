#include "needlebook/storage/bulk_write.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

namespace needlebook::storage {
namespace {

// Puts the connection's temp_store back, also when the work fails. SQLite changes it only
// outside a transaction: inside a caller's (a savepoint) it is left as it is.
class TempStoreInMemory {
public:
    explicit TempStoreInMemory(Database& db)
        : m_db(db), m_outside(sqlite3_get_autocommit(db.sql().getHandle()) != 0) {
        if (!m_outside)
            return;
        m_before = m_db.sql().execAndGet("PRAGMA temp_store").getInt();
        m_db.sql().exec("PRAGMA temp_store = MEMORY");
    }
    TempStoreInMemory(const TempStoreInMemory&) = delete;
    TempStoreInMemory& operator=(const TempStoreInMemory&) = delete;
    ~TempStoreInMemory() {
        if (m_outside)
            m_db.sql().tryExec(fmt::format("PRAGMA temp_store = {}", m_before));
    }

private:
    Database& m_db;
    bool m_outside;
    int m_before = 0;
};

} // namespace

void bulk_write(Database& db, const std::function<void()>& work) {
    const TempStoreInMemory in_memory(db);
    db.write(work);
}

} // namespace needlebook::storage
