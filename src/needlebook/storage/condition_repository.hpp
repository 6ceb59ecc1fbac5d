#pragma once
// All SQL for what is on file about a patient: conditions and consents.

#include "needlebook/model/condition.hpp"
#include "needlebook/storage/database.hpp"

#include <optional>
#include <vector>

namespace needlebook::storage {

class ConditionRepository {
public:
    explicit ConditionRepository(Database& db) : m_db(db) {}

    // `id`: the id to store it under (import keeps exported ids); else the next free one.
    ConditionId insert(PatientId patient, const ConditionDetails& details,
                       const RevisionInfo& revision, std::optional<std::int64_t> id = std::nullopt);
    // A new revision of condition `id`, belonging to `patient` (another chart than the one it
    // was entered on after a merge).
    void add_revision(ConditionId id, PatientId patient, const ConditionDetails& details,
                      const RevisionInfo& revision);
    // The current revision, voided or not; nothing for an unknown id.
    std::optional<Condition> find(ConditionId id);
    // Current revisions of the patient's conditions, voided ones left out, oldest first.
    std::vector<Condition> for_patient(PatientId patient);
    // Every revision of the patient's conditions, voided ones too, by condition and revision.
    std::vector<Condition> revisions_of_patient(PatientId patient);
    // Current revisions of every patient's conditions, voided ones left out, oldest first: one
    // scan, for the reports.
    std::vector<Condition> all_patients();

    ConsentId insert_consent(PatientId patient, const ConsentDetails& details,
                             const RevisionInfo& revision,
                             std::optional<std::int64_t> id = std::nullopt);
    void add_consent_revision(ConsentId id, PatientId patient, const ConsentDetails& details,
                              const RevisionInfo& revision);
    // The current revision, voided or not; nothing for an unknown id.
    std::optional<Consent> find_consent(ConsentId id);
    // Current revisions of the patient's consents, voided ones left out, by signing date.
    std::vector<Consent> consents_for_patient(PatientId patient);
    // Every revision of the patient's consents, voided ones too, by consent and revision.
    std::vector<Consent> consent_revisions_of_patient(PatientId patient);

private:
    Database& m_db;
};

} // namespace needlebook::storage
