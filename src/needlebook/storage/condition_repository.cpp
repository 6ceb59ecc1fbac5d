#include "needlebook/storage/condition_repository.hpp"

#include "needlebook/storage/binding.hpp"

#include <map>

#include <fmt/format.h>

namespace needlebook::storage {

ConditionId ConditionRepository::insert(PatientId patient, const ConditionDetails& details,
                                        const RevisionInfo& revision,
                                        std::optional<std::int64_t> wanted) {
    auto identity = m_db.query(
        "INSERT INTO condition (id, patient_id, code, created_at) VALUES (:id, :patient, :code, "
        ":at)");
    bind_optional(*identity, ":id", wanted);
    identity->bind(":patient", patient.value);
    bind_code(*identity, ":code", details.code);
    identity->bind(":at", time::format_utc(revision.recorded_at));
    identity->exec();
    const ConditionId id{m_db.sql().getLastInsertRowid()};
    add_revision(id, details, revision);
    return id;
}

void ConditionRepository::add_revision(ConditionId id, const ConditionDetails& details,
                                       const RevisionInfo& revision) {
    auto insert = m_db.query(
        "INSERT INTO condition_revision (condition_id, revision, since, resolved_on, note, voided, "
        "author, recorded_at, reason) VALUES (:id, :revision, :since, :resolved, :note, :voided, "
        ":author, :recorded_at, :reason)");
    insert->bind(":id", id.value);
    bind_optional_date(*insert, ":since", details.since);
    bind_optional_date(*insert, ":resolved", details.resolved_on);
    insert->bind(":note", details.note);
    bind_revision(*insert, revision);
    insert->exec();
    const auto revision_id = m_db.sql().getLastInsertRowid();
    auto cleared = m_db.query(
        "INSERT INTO condition_clearance (condition_revision_id, position, cleared_by, "
        "cleared_on, until, reason) VALUES (:revision, :position, :by, :on, :until, :reason)");
    for (std::size_t i = 0; i < details.clearances.size(); ++i) {
        const auto& clearance = details.clearances[i];
        cleared->bind(":revision", revision_id);
        cleared->bind(":position", static_cast<int>(i + 1));
        cleared->bind(":by", clearance.by);
        bind_date(*cleared, ":on", clearance.on);
        bind_date(*cleared, ":until", clearance.until);
        cleared->bind(":reason", clearance.reason);
        cleared->exec();
        cleared->reset();
    }
}

namespace {

// Current, unvoided revisions of conditions, with the patient in column 1.
constexpr std::string_view current_conditions =
    "SELECT c.id, c.patient_id, c.code, r.since, r.resolved_on, r.note, r.revision, r.author, "
    "r.recorded_at, r.reason, r.voided FROM condition c JOIN condition_revision r ON "
    "r.condition_id = c.id AND r.revision = (SELECT max(revision) FROM condition_revision WHERE "
    "condition_id = c.id) WHERE r.voided = 0";

// The clearances of the same revisions, by condition, in order (schema 7).
constexpr std::string_view current_clearances =
    "SELECT c.id, k.cleared_by, k.cleared_on, k.until, k.reason FROM condition c JOIN "
    "condition_revision r ON r.condition_id = c.id AND r.revision = (SELECT max(revision) FROM "
    "condition_revision WHERE condition_id = c.id) JOIN condition_clearance k ON "
    "k.condition_revision_id = r.id WHERE r.voided = 0";

std::vector<Condition> read_conditions(SQLite::Statement& query) {
    std::vector<Condition> conditions;
    while (query.executeStep()) {
        Condition condition;
        condition.id = ConditionId{query.getColumn(0).getInt64()};
        condition.patient_id = PatientId{query.getColumn(1).getInt64()};
        condition.details.code = read_code<ConditionCode>(query.getColumn(2));
        condition.details.since = read_optional_date(query.getColumn(3));
        condition.details.resolved_on = read_optional_date(query.getColumn(4));
        condition.details.note = query.getColumn(5).getString();
        condition.revision = read_revision(query, 6);
        conditions.push_back(std::move(condition));
    }
    return conditions;
}

// Adds the clearances `query` reads (condition id, then the clearance) to `conditions`.
void add_clearances(SQLite::Statement& query, std::vector<Condition>& conditions) {
    std::map<std::int64_t, Condition*> by_id;
    for (auto& condition : conditions)
        by_id[condition.id.value] = &condition;
    while (query.executeStep()) {
        const auto found = by_id.find(query.getColumn(0).getInt64());
        if (found == by_id.end())
            continue;
        found->second->details.clearances.push_back(
            {query.getColumn(1).getString(), read_date(query.getColumn(2)),
             read_date(query.getColumn(3)), query.getColumn(4).getString()});
    }
}

} // namespace

std::vector<Condition> ConditionRepository::for_patient(PatientId patient) {
    auto query =
        m_db.query(fmt::format("{} AND c.patient_id = :patient ORDER BY c.id", current_conditions));
    query->bind(":patient", patient.value);
    auto conditions = read_conditions(*query);
    if (conditions.empty())
        return conditions;
    auto clearances = m_db.query(fmt::format("{} AND c.patient_id = :patient ORDER BY c.id, "
                                             "k.position",
                                             current_clearances));
    clearances->bind(":patient", patient.value);
    add_clearances(*clearances, conditions);
    return conditions;
}

std::vector<Condition> ConditionRepository::all_patients() {
    auto query = m_db.query(fmt::format("{} ORDER BY c.id", current_conditions));
    auto conditions = read_conditions(*query);
    auto clearances = m_db.query(fmt::format("{} ORDER BY c.id, k.position", current_clearances));
    add_clearances(*clearances, conditions);
    return conditions;
}

ConsentId ConditionRepository::insert_consent(PatientId patient, const ConsentDetails& details,
                                              const RevisionInfo& revision,
                                              std::optional<std::int64_t> wanted) {
    auto identity =
        m_db.query("INSERT INTO consent (id, patient_id, created_at) VALUES (:id, :patient, :at)");
    bind_optional(*identity, ":id", wanted);
    identity->bind(":patient", patient.value);
    identity->bind(":at", time::format_utc(revision.recorded_at));
    identity->exec();
    const ConsentId id{m_db.sql().getLastInsertRowid()};
    add_consent_revision(id, details, revision);
    return id;
}

void ConditionRepository::add_consent_revision(ConsentId id, const ConsentDetails& details,
                                               const RevisionInfo& revision) {
    auto insert = m_db.query(
        "INSERT INTO consent_revision (consent_id, revision, signed_on, covers, voided, author, "
        "recorded_at, reason) VALUES (:id, :revision, :signed, :covers, :voided, :author, "
        ":recorded_at, :reason)");
    insert->bind(":id", id.value);
    bind_date(*insert, ":signed", details.signed_on);
    insert->bind(":covers", details.covers);
    bind_revision(*insert, revision);
    insert->exec();
    if (details.guardian.empty() && !details.withdrawal)
        return;
    auto terms =
        m_db.query("INSERT INTO consent_terms (consent_revision_id, guardian, withdrawn_on, "
                   "withdrawal_reason) VALUES (:revision, :guardian, :on, :reason)");
    terms->bind(":revision", m_db.sql().getLastInsertRowid());
    terms->bind(":guardian", details.guardian);
    bind_optional_date(*terms, ":on",
                       details.withdrawal ? std::optional<time::Date>(details.withdrawal->on)
                                          : std::nullopt);
    terms->bind(":reason", details.withdrawal ? details.withdrawal->reason : std::string());
    terms->exec();
}

std::optional<PatientId> ConditionRepository::patient_of_consent(ConsentId id) {
    auto query = m_db.query("SELECT patient_id FROM consent WHERE id = :id");
    query->bind(":id", id.value);
    if (!query->executeStep())
        return std::nullopt;
    return PatientId{query->getColumn(0).getInt64()};
}

std::vector<Consent> ConditionRepository::consents_for_patient(PatientId patient) {
    auto query = m_db.query(
        "SELECT c.id, r.signed_on, r.covers, r.revision, r.author, r.recorded_at, r.reason, "
        "r.voided, t.guardian, t.withdrawn_on, t.withdrawal_reason FROM consent c JOIN "
        "consent_revision r ON r.consent_id = c.id LEFT JOIN consent_terms t ON "
        "t.consent_revision_id = r.id WHERE c.patient_id = :patient AND r.revision = (SELECT "
        "max(revision) FROM consent_revision "
        "WHERE consent_id = c.id) AND r.voided = 0 ORDER BY r.signed_on, c.id");
    query->bind(":patient", patient.value);
    std::vector<Consent> consents;
    while (query->executeStep()) {
        Consent consent;
        consent.id = ConsentId{query->getColumn(0).getInt64()};
        consent.patient_id = patient;
        consent.details.signed_on = read_date(query->getColumn(1));
        consent.details.covers = query->getColumn(2).getString();
        consent.revision = read_revision(*query, 3);
        if (!query->getColumn(8).isNull())
            consent.details.guardian = query->getColumn(8).getString();
        if (!query->getColumn(9).isNull())
            consent.details.withdrawal =
                ConsentWithdrawal{read_date(query->getColumn(9)), query->getColumn(10).getString()};
        consents.push_back(std::move(consent));
    }
    return consents;
}

} // namespace needlebook::storage
