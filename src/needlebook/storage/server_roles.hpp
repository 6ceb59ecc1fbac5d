#pragma once
// Who may write what in a clinic on a PostgreSQL server. Three group roles hold the rights; a
// person logs in with their own role, made a member of one of them:
//   needlebook_auditor       reads everything (and writes the audit rows of those reads);
//   needlebook_practitioner  also records patients, conditions, consents, sessions, reactions,
//                            follow-ups, courses, scores and photos;
//   needlebook_manager       also changes settings, the product catalogue and the lot register,
//                            merges charts and seals the audit chain.
// No role may UPDATE, DELETE or TRUNCATE anything: records change by new revisions only, and
// the schema's triggers refuse the rest even to the owner.

#include <optional>
#include <string>
#include <string_view>

namespace needlebook::storage {

enum class ServerRole { auditor, practitioner, manager };

std::string_view name_of(ServerRole role);

// The least role that may insert rows into `table`; nothing for a table no role writes (the
// reference lists the schema fills, the schema version).
std::optional<ServerRole> role_to_write(std::string_view table);

// Creates the three group roles when the server lacks them and grants each its rights on every
// table of the clinic's database; run by the database's owner after each migration, so a
// table a migration adds gets its grants in the same transaction.
std::string grant_roles_sql();

// The server's "permission denied for table T" made useful: which role writing to T needs.
// Nothing when `message` is not such a refusal.
std::optional<std::string> explain_denied(std::string_view message);

} // namespace needlebook::storage
