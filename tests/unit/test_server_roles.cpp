// storage/server_roles: which role may write which table, and what a refusal says.
#include "needlebook/storage/server_roles.hpp"

#include <doctest/doctest.h>

using namespace needlebook::storage;

TEST_CASE(
    "server roles: settings are a manager's, sessions a practitioner's, audit rows anyone's") {
    CHECK(role_to_write("setting_revision") == ServerRole::manager);
    CHECK(role_to_write("product") == ServerRole::manager);
    CHECK(role_to_write("lot_revision") == ServerRole::manager);
    CHECK(role_to_write("session_revision") == ServerRole::practitioner);
    CHECK(role_to_write("photo") == ServerRole::practitioner);
    CHECK(role_to_write("audit_log") == ServerRole::auditor);
    // The reference lists and the version: nobody writes them.
    CHECK_FALSE(role_to_write("treatment_area").has_value());
    CHECK_FALSE(role_to_write("needlebook_schema").has_value());
}

TEST_CASE(
    "server roles: the grants give INSERT and SELECT only, never UPDATE, DELETE or TRUNCATE") {
    const auto sql = grant_roles_sql();
    CHECK(sql.find("GRANT INSERT ON setting_revision TO needlebook_manager;") != std::string::npos);
    CHECK(sql.find("GRANT INSERT ON session TO needlebook_practitioner;") != std::string::npos);
    CHECK(sql.find("GRANT SELECT ON ALL TABLES IN SCHEMA public TO needlebook_auditor;") !=
          std::string::npos);
    CHECK(sql.find("GRANT needlebook_practitioner TO needlebook_manager;") != std::string::npos);
    for (const char* verb : {"UPDATE", "DELETE", "TRUNCATE", "ALL PRIVILEGES"})
        CHECK_MESSAGE(sql.find(std::string("GRANT ") + verb) == std::string::npos, verb);
}

TEST_CASE("server roles: a permission refusal names the role the table needs") {
    CHECK(explain_denied("ERROR:  permission denied for table setting_revision") ==
          "writing to setting_revision needs the database role needlebook_manager (or a role "
          "that includes it)");
    CHECK(explain_denied("permission denied for table treatment_area") ==
          "no database role may change treatment_area");
    // The schema's own reason, when it gives one, is kept as it is.
    CHECK(explain_denied("permission denied for table audit_log: an audit row's actor must be "
                         "the database user logged in (dr_a), not dr_b") ==
          "an audit row's actor must be the database user logged in (dr_a), not dr_b");
    CHECK_FALSE(explain_denied("permission denied for schema public").has_value());
}
