#pragma once
// One open database: schema migrations, cached statements and write scopes over a Connection
// (storage/connection.hpp); opening a SQLite file sets its pragmas.

#include "needlebook/storage/connection.hpp"
#include "needlebook/storage/dialect.hpp"
#include "needlebook/time/date.hpp"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace needlebook::storage {

// Who opens a database and when: creating it and each migration are audited in their name.
struct Opener {
    std::string actor = "needlebook";
    time::Instant now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    bool clock_fixed = false; // `now` came from NEEDLEBOOK_NOW, not the system clock
};

// A line of PRAGMA quick_check or integrity_check without SQLite's "*** in database main ***"
// heading; empty when the line was only the heading.
std::string without_check_heading(std::string line);

// What a failed engine call means for the user of the database at `path`: a full disk, an I/O
// error, a lock held too long, a damaged file; each says that nothing was stored.
std::string describe_failure(const DatabaseFailure& e, const std::string& path);
// The same for any exception: the message when `e` is a failed engine call, nothing otherwise.
std::optional<std::string> describe_database_failure(const std::exception& e,
                                                     const std::string& path);

// The SQLite application_id ("NBBK") that marks a file written by 'needlebook backup'. Such a
// file is a frozen copy: Database::open reads it without changing a byte, and a restore clears
// the mark in the database it brings back.
inline constexpr std::int32_t backup_application_id = 0x4E42424B;

class Database {
public:
    enum class Create { no, yes };

    // Opens (creating with mode 0600 when asked), refuses a schema newer than this program,
    // sets the pragmas of the README ("Where the data lives") and applies pending migrations.
    // A file marked as a backup (backup_application_id) is opened read-only instead, its bytes
    // left as they are: no journal mode switch, no migration, no checkpoint, query_only. Every
    // write to it is refused (Refused); so is Create::yes, and a backup older than this
    // program's schema, which it could read only after migrating it.
    // A PostgreSQL URI (postgresql://… or postgres://…, see is_server_target) opens the clinic
    // on that server instead: the same checks of the schema version, the migrations in that
    // engine's dialect, and no file of its own.
    static Database open(const std::filesystem::path& path, Create create, const Opener& by = {});
    // Whether --db names a database server (a PostgreSQL URI) rather than a SQLite file.
    static bool is_server_target(std::string_view target);
    // Opens only to read (query_only), changing nothing but SQLite's own rollback of a crashed
    // transaction: no pragma that writes, no migration, no quick check, no checkpoint on close.
    // For `check` and for verifying a backup copy, which may be damaged or from an older version.
    // On a server: read-only transactions, no migration.
    static Database open_read_only(const std::filesystem::path& path);
    // The schema version stored in the file at `path`, read without changing anything; nothing
    // when the file cannot be read as a database (missing, damaged).
    static std::optional<int> schema_version_of(const std::filesystem::path& path);
    // A private in-memory database with the full schema, for tests and examples; its creation
    // is not audited (there is nothing to prove about a scratch database).
    static Database in_memory();

    Connection& connection() { return *m_connection; }
    // Whether the clinic lives on a PostgreSQL server (opened from a URI), not in a SQLite file.
    bool on_server() const { return m_on_server; }
    // On a server, the database user this connection logged in as (session_user): the actor of
    // every audit row written through it. Empty for SQLite.
    const std::string& server_user() const { return m_server_user; }
    // The SQL spellings of this engine, for the queries that differ (storage/dialect.hpp).
    const Dialect& dialect() const { return m_on_server ? postgres_dialect : sqlite_dialect; }
    // Runs statements that return no rows (tests, repairs); repositories use query().
    void exec(std::string_view sql) { m_connection->exec(sql); }
    const std::string& path() const { return m_path; }
    int schema_version();

    // Whether the clock of the writes on this connection is fixed (NEEDLEBOOK_NOW): every audit
    // row written through it is marked so.
    bool clock_fixed() const { return m_clock_fixed; }
    void set_clock_fixed(bool fixed) { m_clock_fixed = fixed; }

    // Whether this is a backup opened read-only by open(): see backup_application_id.
    bool is_backup() const { return m_backup; }
    // On a backup, an audited read (patient show, history, export, …) cannot write its audit
    // row: append_audit leaves it out and calls this. `notice` is called once per connection,
    // when the first read that left its audit row out has committed.
    void on_unaudited_read(std::function<void()> notice) { m_unaudited_notice = std::move(notice); }
    void leave_out_audit_row();

    // For one write that changes a great many pages (a demo clinic, an import): the journals
    // of the savepoints and statements inside it stay in memory. On disk they went to a
    // temporary file, written again for every statement (a 2,000-patient demo made 860,000
    // pwrite calls to it and spent half its time in the kernel; the sessions of a
    // 20,000-patient import 4 million). Memory stays bounded by the pages one savepoint or
    // statement changes. Call outside a transaction; it holds for the connection's life.
    void keep_journals_in_memory();
    // Up to 64 MiB of pages kept in memory instead of SQLite's default 2 MiB, for the demo
    // clinic: its one transaction rewrites the same index pages many times. Not for an import,
    // whose memory must not grow with the clinic.
    void use_large_page_cache();

    // 1 MiB of pages instead of SQLite's default 2 MiB, for reads that pass over whole tables
    // once (an export): each page is read once, so a bigger cache only makes memory grow with
    // the clinic (a 20,000-patient export peaked 1.22x a 200-patient one; 1.16x with this).
    void use_small_page_cache();
    // After a whole clinic was loaded (copy, import --all), outside a transaction: a server
    // gathers its planner statistics again (ANALYZE), so the first commands after it do not
    // scan whole tables on the estimates of empty ones (autovacuum would, some minutes later).
    // A file needs nothing: SQLite's plans do not depend on statistics (tests/unit's query
    // plans prove them).
    void refresh_statistics();

    // Whether a transaction (write or read) is open on this connection.
    bool in_transaction() const { return m_depth > 0; }

    // The prepared statement for `sql`, prepared once per connection and reused.
    Query query(const std::string& sql);

    // Runs `work` in one write transaction, holding the engine's write lock from its start, or a
    // savepoint when already inside one, so a use case composes into a bigger one (the demo clinic
    // is one transaction).
    template <class Work> decltype(auto) write(Work&& work) {
        return in_transaction(TransactionKind::write, std::forward<Work>(work));
    }
    // Runs `work` on one consistent snapshot (a deferred read transaction), so a report built
    // from several queries never mixes data from before and after another process's write.
    template <class Work> decltype(auto) read(Work&& work) {
        return in_transaction(TransactionKind::read, std::forward<Work>(work));
    }

private:
    template <class Work> decltype(auto) in_transaction(TransactionKind kind, Work&& work) {
        try {
            TransactionScope scope(*this, kind);
            if constexpr (std::is_void_v<decltype(work())>) {
                work();
                scope.commit();
            } else {
                decltype(auto) result = work();
                scope.commit();
                return result;
            }
        } catch (...) {
            rethrow_write_to_backup();
        }
    }
    // Inside a catch: a write refused by query_only on a backup becomes Refused, saying what
    // the file is and how to work on it; anything else is rethrown as it is.
    [[noreturn]] void rethrow_write_to_backup() const;

    class TransactionScope {
    public:
        // The outermost scope begins a transaction of `kind`; nested scopes are savepoints.
        TransactionScope(Database& db, TransactionKind kind);
        TransactionScope(const TransactionScope&) = delete;
        TransactionScope& operator=(const TransactionScope&) = delete;
        ~TransactionScope();
        void commit();

    private:
        Database& m_db;
        std::string m_savepoint; // empty for the outermost scope
        std::string m_undo;      // a savepoint's, built up front: the destructor must not allocate
        bool m_done = false;
    };

    Database(std::unique_ptr<Connection> connection, std::string path);
    static Database open_server(const std::string& target, Create create, const Opener& by);
    // open_read_only on a server: every transaction read-only, no migration.
    static Database open_server_read_only(const std::string& target);
    // The login's name and the schema version, refusing a version newer than this program's.
    static Database connect_to_server(const std::string& target);
    void migrate(const Opener* by);
    // Refuses to write to a file whose header is unsound; run once, before the first write, at
    // a cost that does not grow with the file.
    void check_before_first_write();
    // Refuses a file that fails PRAGMA quick_check, which reads every page.
    void check_whole_file();

    std::unique_ptr<Connection> m_connection;
    std::string m_path;
    std::unordered_map<std::string, std::unique_ptr<Statement>> m_statements;
    int m_depth = 0; // nesting of transaction scopes
    bool m_checked_for_writing = false;
    bool m_clock_fixed = false;
    bool m_on_server = false; // PostgreSQL: m_path is the URI, without a password
    std::string m_server_user;
    bool m_backup = false;                    // opened read-only: a file marked as a backup
    bool m_audit_left_out = false;            // in the current transaction, on a backup
    std::function<void()> m_unaudited_notice; // emptied once called
};

} // namespace needlebook::storage
