#pragma once
// SQL fragments for whose record a condition, consent or session is. A merge (schema 8) moves a
// duplicate chart's records to the patient's real chart as new revisions that name their new
// patient (KIND_owner); the identity row keeps the chart the record was entered on.

#include "needlebook/storage/database.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::storage {

// Records that revision row `revision_id` of record `id` of KIND belongs to `patient`, when that
// is not the chart the record was entered on (a merge moved it); nothing otherwise.
void insert_owner(Database& db, std::string_view kind, std::int64_t id, std::int64_t revision_id,
                  std::int64_t patient);

// SQL for the patient that the revision row `revision` (an alias of KIND_revision) belongs to:
// its owner row, else `identity`.patient_id. `kind`: condition, consent or session.
std::string owner_of(std::string_view kind, std::string_view revision, std::string_view identity);

// "(…)": the charts whose records the patient bound to `parameter` holds: its own, and every
// chart merged into it, directly or through another merge. For `x.patient_id IN (…)`, which an
// index on patient_id serves.
std::string charts_held_by(std::string_view parameter);

// An SQL predicate: record `identity` (an alias of the KIND table) is now the patient's bound to
// `parameter`: filed under one of its charts (charts_held_by, which an index serves) and not
// moved away since (its newest revision's owner).
std::string held_by(std::string_view kind, std::string_view identity, std::string_view parameter);

// A query of every patient that records of KIND were ever filed under (the chart each was
// entered on, and each chart a merge moved it to), for naming whom an export discloses.
std::string patients_of(std::string_view kind);

// An SQL predicate for records whose revisions name their patient (course, assessment, photo:
// schema 10): record `identity` (an alias of the KIND table) is the patient's bound to
// `parameter` by its newest revision, whichever chart it was entered on.
std::string now_naming(std::string_view kind, std::string_view identity,
                       std::string_view parameter);

// Sessions, courses, scores and photos not voided whose chart (as their newest revision says)
// is voided or merged away, up to `limit`, as "session 3 (chart P-000002)": the command line
// never leaves one (a chart is voided only without them, a merge moves them), so an import
// that would is refused.
std::vector<std::string> live_records_on_voided_charts(Database& db, int limit);

} // namespace needlebook::storage
