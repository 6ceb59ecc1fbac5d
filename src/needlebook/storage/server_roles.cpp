#include "needlebook/storage/server_roles.hpp"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace needlebook::storage {
namespace {

using Grant = std::pair<std::string_view, ServerRole>;

// Every table a role may insert into. A table missing here is read-only to every role.
constexpr std::array writable_tables = std::to_array<Grant>({
    {"audit_log", ServerRole::auditor}, // every read is audited
    {"audit_disclosure", ServerRole::auditor},
    {"patient", ServerRole::practitioner},
    {"patient_revision", ServerRole::practitioner},
    {"condition", ServerRole::practitioner},
    {"condition_revision", ServerRole::practitioner},
    {"condition_clearance", ServerRole::practitioner},
    {"condition_revision_code", ServerRole::practitioner},
    {"condition_owner", ServerRole::practitioner},
    {"consent", ServerRole::practitioner},
    {"consent_revision", ServerRole::practitioner},
    {"consent_terms", ServerRole::practitioner},
    {"consent_owner", ServerRole::practitioner},
    {"course", ServerRole::practitioner},
    {"course_revision", ServerRole::practitioner},
    {"session", ServerRole::practitioner},
    {"session_revision", ServerRole::practitioner},
    {"session_area", ServerRole::practitioner},
    {"serum_use", ServerRole::practitioner},
    {"session_override", ServerRole::practitioner},
    {"session_setting", ServerRole::practitioner},
    {"session_finding", ServerRole::practitioner},
    {"session_owner", ServerRole::practitioner},
    {"session_course", ServerRole::practitioner},
    {"reaction", ServerRole::practitioner},
    {"reaction_revision", ServerRole::practitioner},
    {"followup", ServerRole::practitioner},
    {"followup_revision", ServerRole::practitioner},
    {"assessment", ServerRole::practitioner},
    {"assessment_revision", ServerRole::practitioner},
    {"photo", ServerRole::practitioner},
    {"photo_revision", ServerRole::practitioner},
    {"photo_image", ServerRole::practitioner},
    {"setting", ServerRole::manager},
    {"setting_revision", ServerRole::manager},
    {"product", ServerRole::manager},
    {"product_revision", ServerRole::manager},
    {"lot", ServerRole::manager},
    {"lot_revision", ServerRole::manager},
    {"patient_merge", ServerRole::manager},
    {"audit_seal", ServerRole::manager},
});

constexpr std::array all_roles = {ServerRole::auditor, ServerRole::practitioner,
                                  ServerRole::manager};

} // namespace

std::string_view name_of(ServerRole role) {
    switch (role) {
    case ServerRole::auditor:
        return "needlebook_auditor";
    case ServerRole::practitioner:
        return "needlebook_practitioner";
    case ServerRole::manager:
        return "needlebook_manager";
    }
    return "needlebook_manager";
}

std::optional<ServerRole> role_to_write(std::string_view table) {
    for (const auto& [name, role] : writable_tables)
        if (name == table)
            return role;
    return std::nullopt;
}

std::string grant_roles_sql() {
    std::string sql;
    for (const auto role : all_roles)
        sql += fmt::format("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                           "'{0}') THEN CREATE ROLE {0} NOLOGIN; END IF; END $$;\n",
                           name_of(role));
    // A manager may do what a practitioner may, who may do what an auditor may.
    sql += "GRANT needlebook_auditor TO needlebook_practitioner;\n"
           "GRANT needlebook_practitioner TO needlebook_manager;\n"
           "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;\n"
           // Temporary objects are how a login hides its own code behind a trigger or a view.
           "DO $$ BEGIN EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', "
           "current_database()); END $$;\n"
           "GRANT USAGE ON SCHEMA public TO needlebook_auditor;\n"
           "GRANT SELECT ON ALL TABLES IN SCHEMA public TO needlebook_auditor;\n";
    for (const auto& [table, role] : writable_tables)
        sql += fmt::format("GRANT INSERT ON {} TO {};\n", table, name_of(role));
    return sql;
}

std::optional<std::string> explain_denied(std::string_view message) {
    constexpr std::string_view prefix = "permission denied for table ";
    const auto at = message.find(prefix);
    if (at == std::string_view::npos)
        return std::nullopt;
    auto table = message.substr(at + prefix.size());
    const auto end = table.find_first_not_of("abcdefghijklmnopqrstuvwxyz_");
    if (end != std::string_view::npos && table.substr(end).starts_with(": "))
        return std::string(table.substr(end + 2)); // the schema's own reason (the audit actor)
    table = table.substr(0, end);
    const auto role = role_to_write(table);
    if (!role)
        return fmt::format("no database role may change {}", table);
    return fmt::format("writing to {} needs the database role {} (or a role that includes it)",
                       table, name_of(*role));
}

} // namespace needlebook::storage
