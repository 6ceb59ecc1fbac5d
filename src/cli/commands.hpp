#pragma once
// Each add_*_commands registers one group of subcommands with CLI11; the callbacks call the
// library and print. One file per group: cmd_patient.cpp, cmd_session.cpp, …

#include "cli/context.hpp"

#include <CLI/CLI.hpp>

namespace needlebook::cli {

void add_init_command(CLI::App& app, Context& context);
void add_patient_commands(CLI::App& app, Context& context);
void add_condition_commands(CLI::App& app, Context& context);
void add_session_commands(CLI::App& app, Context& context);
void add_reaction_commands(CLI::App& app, Context& context);
void add_course_commands(CLI::App& app, Context& context);
void add_assess_commands(CLI::App& app, Context& context);
void add_photo_commands(CLI::App& app, Context& context);
void add_product_commands(CLI::App& app, Context& context);
void add_lot_commands(CLI::App& app, Context& context);
void add_setting_commands(CLI::App& app, Context& context);
void add_history_command(CLI::App& app, Context& context);
void add_report_commands(CLI::App& app, Context& context);
void add_export_command(CLI::App& app, Context& context);
void add_import_command(CLI::App& app, Context& context);
void add_fhir_command(CLI::App& app, Context& context);
void add_demo_command(CLI::App& app, Context& context);
void add_safekeeping_commands(CLI::App& app, Context& context);
void add_copy_command(CLI::App& app, Context& context);

} // namespace needlebook::cli
