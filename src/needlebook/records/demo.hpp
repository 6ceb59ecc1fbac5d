#pragma once
// A realistic, deterministic synthetic clinic for trying Needlebook and for benchmarks.

#include "needlebook/records/scope.hpp"

#include <cstdint>

namespace needlebook::records {

struct DemoOptions {
    int patients = 40;
    std::uint64_t seed = 1;
};

struct DemoSummary {
    int patients = 0;
    int sessions = 0;
    int areas = 0;
    int serums = 0;
    int reactions = 0;
    int followups = 0;
    int courses = 0; // treatment courses, each scored at its start and after its sessions
    int scores = 0;  // outcome scores (procedure pain not counted)
    bool already_filled = false; // the database held a demo clinic already; nothing was added
};

// Fills an empty database in one transaction through the same use cases a user goes through,
// so every demo record passes the same validation and clinical checks. Demo data never mixes
// with real records: a database holding patients is refused with Conflict, unless they are a
// demo clinic already, which is left as it is (so the quick start can be run twice).
DemoSummary fill_demo_clinic(Scope& scope, const DemoOptions& options);
// The options' own checks (1 to 1,000,000 patients), before any database is opened or made.
void check_demo_options(const DemoOptions& options);

} // namespace needlebook::records
