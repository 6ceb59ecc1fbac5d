#pragma once
// What SQLite runs while a piece of work runs: each statement's text and how much work it did,
// from SQLite's own statement trace and counters.

#include "needlebook/storage/database.hpp"

#include <sqlite3.h>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace needlebook::test {

struct TracedStatement {
    std::string sql;
    long vm_steps = 0;        // virtual-machine instructions, trigger bodies included
    long full_scan_steps = 0; // steps through a whole table or index, trigger bodies included
};

// Every top-level statement run by `work`, in the order they started (a trigger body counts in
// its statement).
template <class Work>
std::vector<TracedStatement> trace_statements(storage::Database& db, Work&& work) {
    struct Trace {
        std::vector<TracedStatement> statements;
        // A statement may finish after others started inside its loop: its own entry.
        std::unordered_map<sqlite3_stmt*, std::size_t> running;
    } trace;
    sqlite3_trace_v2(
        test::raw(db).getHandle(), SQLITE_TRACE_STMT | SQLITE_TRACE_PROFILE,
        [](unsigned event, void* context, void* statement, void* text) {
            auto& trace = *static_cast<Trace*>(context);
            auto* stmt = static_cast<sqlite3_stmt*>(statement);
            if (event == SQLITE_TRACE_STMT) {
                // Trigger bodies are reported as "-- TRIGGER …": part of the statement running.
                if (std::string_view(static_cast<const char*>(text)).substr(0, 2) == "--")
                    return 0;
                // A cached statement's counters still hold its earlier runs.
                sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_VM_STEP, 1);
                sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);
                trace.running[stmt] = trace.statements.size();
                trace.statements.push_back({sqlite3_sql(stmt), 0, 0});
            } else if (const auto found = trace.running.find(stmt); found != trace.running.end()) {
                auto& finished = trace.statements[found->second]; // SQLITE_TRACE_PROFILE
                finished.vm_steps += sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_VM_STEP, 1);
                finished.full_scan_steps +=
                    sqlite3_stmt_status(stmt, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);
                trace.running.erase(found);
            }
            return 0;
        },
        &trace);
    work();
    sqlite3_trace_v2(test::raw(db).getHandle(), 0, nullptr, nullptr);
    return std::move(trace.statements);
}

} // namespace needlebook::test
