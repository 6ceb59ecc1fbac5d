// Using the report builders as a library: a demo clinic in memory, then the recovery figures
// by depth band read straight from the RecoveryReport struct (no text parsing), and one
// patient's history as JSON.
//
//   recovery_report [PATIENTS]   (default 40)

#include "needlebook/records/demo.hpp"
#include "needlebook/records/settings.hpp"
#include "needlebook/render/history.hpp"
#include "needlebook/report/history.hpp"
#include "needlebook/report/recovery.hpp"
#include "needlebook/storage/database.hpp"

#include <cstdlib>
#include <fmt/format.h>

using namespace needlebook;

int main(int argc, char** argv) {
    auto db = storage::Database::in_memory();
    // A fixed clock keeps the figures the same on every run.
    records::Scope scope(db, time::Clock{time::parse_utc("2026-11-23T15:00:00Z", "now")},
                         "example");
    records::change_setting(scope, "time_zone",
                            "Europe/London"); // days counted in the clinic's zone
    records::DemoOptions options;
    options.patients = argc > 1 ? std::atoi(argv[1]) : 40;
    records::fill_demo_clinic(scope, options);

    const auto recovery =
        report::recovery_report(scope, report::RecoveryGrouping::depth, std::nullopt, std::nullopt);
    fmt::print("depth band  reactions  median  p90  prolonged\n");
    int counted = 0;
    for (const auto& group : recovery.groups) {
        fmt::print("{:<10}  {:>9}  {:>6}  {:>3}  {:>8.1f}%\n", group.label, group.reactions,
                   group.median_days, group.p90_days, group.prolonged_share() * 100);
        counted += group.reactions;
    }
    // Every reaction falls in exactly one depth band.
    if (counted != recovery.total.reactions || counted == 0)
        return 1;

    const auto history = report::build_history(scope, "P-000001");
    const auto json = render::history_json(history, scope.zone());
    fmt::print("P-000001: {} sessions in the history, first on {}\n", json["sessions"].size(),
               json["sessions"].empty() ? "-" : json["sessions"][0]["day"].get<std::string>());
    return 0;
}
