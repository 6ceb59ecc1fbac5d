#pragma once
// Use cases for patients and what is on file about them (conditions, consent).

#include "needlebook/model/condition.hpp"
#include "needlebook/model/patient.hpp"
#include "needlebook/records/correction.hpp"
#include "needlebook/records/scope.hpp"

#include <functional>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::records {

// Registers a patient under `code`, or the next free P-000123 code when none is given.
Patient register_patient(Scope& scope, std::optional<std::string> code,
                         const PatientDetails& details);
// Stores `details` as the patient's next revision; refuses a blank reason or no change.
// `based_on`: the revision the caller edited; if someone amended since, Conflict instead of
// silently undoing their correction.
Patient amend_patient(Scope& scope, std::string_view code, const PatientDetails& details,
                      const std::string& reason, std::optional<int> based_on = std::nullopt);

// Voids a chart registered in error ("patient.void"): refused while it has sessions that are
// not voided (a duplicate chart with treatments is merged instead).
Patient void_patient(Scope& scope, std::string_view code, const Correction& correction);
// The patient with chart `code`, refused (Conflict) when voided: `what` may not be added to it.
Patient open_patient(storage::Database& db, std::string_view code, std::string_view what);

// Throws NotFound naming the code.
Patient find_patient(storage::Database& db, std::string_view code);
// The patient a record belongs to; NotFound for an unknown id.
Patient find_patient_by_id(storage::Database& db, PatientId id);
// Refuses (ValidationError `field`) a day before the patient's birth, "WHAT DAY is before P was
// born (BIRTH); check the year": a year typed wrong would otherwise pass every other check.
void check_not_before_birth(const Patient& patient, std::optional<time::Date> day,
                            std::string_view field, std::string_view what);
std::vector<Patient> list_patients(storage::Database& db, std::string_view search);
// The same, for showing to someone: audited as "patient.list", naming every patient listed.
std::vector<Patient> list_patients(Scope& scope, std::string_view search);
// Other charts with the same names and birth date as `patient`: probably the same person.
std::vector<Patient> possible_duplicates(storage::Database& db, const Patient& patient);
// The same, for a warning shown to someone: audited as "patient.duplicates" when any is found.
std::vector<Patient> possible_duplicates(Scope& scope, const Patient& patient);

Condition add_condition(Scope& scope, std::string_view patient_code,
                        const ConditionDetails& details);
// Resolves the patient's active condition with `code`.
Condition resolve_condition(Scope& scope, std::string_view patient_code, ConditionCode code,
                            time::Date on);
// Records a specialist's clearance, from today until `until`, on each of the patient's
// conditions with `code` (a new revision each, audited as "condition.clear"); earlier
// clearances stay on file for the days they covered. NotFound when none is on file.
std::vector<Condition> clear_condition(Scope& scope, std::string_view patient_code,
                                       ConditionCode code, const std::string& by, time::Date until,
                                       const std::string& reason);
std::vector<Condition> conditions_of(storage::Database& db, PatientId patient);
// Corrects condition `id`: `edit` changes the current details, which are checked as on entry
// and stored as a new revision ("condition.amend"). Refuses a blank reason, an unknown or voided
// condition, a stale `based_on`, a code already active in another condition, and no change.
Condition amend_condition(Scope& scope, ConditionId id,
                          const std::function<void(ConditionDetails&)>& edit,
                          const Correction& correction);
// Voids condition `id`, entered in error ("condition.void"): it stays in the record, marked.
Condition void_condition(Scope& scope, ConditionId id, const Correction& correction);
ConditionId parse_condition_id(std::string_view text);

Consent add_consent(Scope& scope, std::string_view patient_code, const ConsentDetails& details);
// Records that the patient withdrew consent `id` on `on` (a new revision, "consent.withdraw").
Consent withdraw_consent(Scope& scope, ConsentId id, time::Date on, const std::string& reason);
std::vector<Consent> consents_of(storage::Database& db, PatientId patient);
// Corrects consent `id` as amend_condition does ("consent.amend").
Consent amend_consent(Scope& scope, ConsentId id, const std::function<void(ConsentDetails&)>& edit,
                      const Correction& correction);
Consent void_consent(Scope& scope, ConsentId id, const Correction& correction);
ConsentId parse_consent_id(std::string_view text);

} // namespace needlebook::records
