#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "needlebook/error.hpp"
#include "needlebook/records/safekeeping.hpp"
#include "needlebook/storage/verification.hpp"

#include <fmt/format.h>
#include <memory>

namespace needlebook::cli {
namespace {

std::string verified_summary(const storage::DatabaseCheck& check) {
    std::string summary;
    for (const auto& section : check.sections) {
        if (!summary.empty())
            summary += ", ";
        summary += fmt::format("{} {}", section.name, section.ok() ? "ok" : "FAULT");
        if (section.checked > 0)
            summary += fmt::format(" ({} rows)", section.checked);
    }
    return summary;
}

nlohmann::ordered_json copy_json(const storage::VerifiedCopy& copy) {
    return {{"file", copy.file.string()},
            {"bytes", copy.bytes},
            {"sha256", copy.sha256},
            {"verified", verified_summary(copy.check)}};
}

} // namespace

void add_safekeeping_commands(CLI::App& app, Context& context) {
    auto* check = app.add_subcommand(
        "check", "verify the database: SQLite integrity, foreign keys, the audit chain and every "
                 "record against its audit row; exit 1 on any fault, naming the first");
    check->callback([&context] {
        const auto path = context.database_path();
        auto db = storage::Database::open_read_only(path); // changes nothing, even when damaged
        const auto result = storage::verify_database(db);
        context.print_view(render::check_view(path, result));
        if (!result.ok())
            throw Refused(fmt::format("{} failed its check: {}", path, result.first_fault()));
    });

    struct AuditOptions {
        std::string patient, from, to;
    };
    auto audit_options = std::make_shared<AuditOptions>();
    auto* audit = app.add_subcommand("audit", "list the audit trail: who wrote or read what, "
                                              "when; oldest first");
    audit->add_option("--patient", audit_options->patient, "only rows about this chart code");
    audit->add_option("--from", audit_options->from, "from this day, YYYY-MM-DD (clinic time)");
    audit->add_option("--to", audit_options->to, "up to and including this day, YYYY-MM-DD");
    audit->callback([&context, audit_options] {
        records::AuditQuery query;
        if (!audit_options->patient.empty())
            query.patient_code = audit_options->patient;
        query.from = optional_date(audit_options->from, "from");
        query.to = optional_date(audit_options->to, "to");
        context.print_view(render::audit_view(records::list_audit(context.scope(), query)));
    });

    auto backup_file = std::make_shared<std::string>();
    auto* backup = app.add_subcommand(
        "backup", "copy the database into a new FILE while others may go on working; the copy "
                  "is checked before it gets its name");
    backup
        ->add_option("FILE", *backup_file,
                     "the new backup file (must not exist yet), or a FIFO or device such as "
                     "/dev/stdout to stream the verified copy into")
        ->required();
    backup->callback([&context, backup_file] {
        context.forbid_csv("backup");
        const auto copy = records::back_up(context.scope(), *backup_file);
        // Through confirm(): 'backup /dev/stdout | gzip' must not get the summary in its bytes.
        context.confirm(context.format() == Format::json
                            ? copy_json(copy).dump(2) + "\n"
                            : fmt::format("backup saved: {} ({} bytes)\nsha256: {}\nverified: {}\n",
                                          copy.file.string(), copy.bytes, copy.sha256,
                                          verified_summary(copy.check)),
                        *backup_file);
    });

    auto restore_file = std::make_shared<std::string>();
    auto* restore = app.add_subcommand(
        "restore", "replace the database with a backup FILE after checking it; the replaced "
                   "database is kept beside it");
    restore->add_option("FILE", *restore_file, "a backup made with 'needlebook backup'")
        ->required();
    restore->callback([&context, restore_file] {
        context.forbid_csv("restore");
        const auto live = context.database_path();
        const auto restored = records::restore(
            live, *restore_file, {context.actor(), time::Clock::from_environment().now()});
        if (context.format() == Format::json) {
            auto json = copy_json(restored.source);
            json["database"] = live;
            json["kept"] = restored.kept.string();
            json["schema_version"] = restored.schema_version;
            context.print_json(json);
            return;
        }
        context.print(fmt::format("restored {} into {}\nsha256: {}\nverified: {}\n",
                                  restored.source.file.string(), live, restored.source.sha256,
                                  verified_summary(restored.source.check)));
        if (!restored.kept.empty())
            context.print(
                fmt::format("the replaced database is kept as {}\n", restored.kept.string()));
    });
}

} // namespace needlebook::cli
