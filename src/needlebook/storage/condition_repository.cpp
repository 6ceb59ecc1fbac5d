#include "needlebook/storage/condition_repository.hpp"

#include "needlebook/storage/binding.hpp"
#include "needlebook/storage/record_owner.hpp"

#include <map>

#include <fmt/format.h>

namespace needlebook::storage {

ConditionId ConditionRepository::insert(PatientId patient, const ConditionDetails& details,
                                        const RevisionInfo& revision,
                                        std::optional<std::int64_t> wanted) {
    auto identity = m_db.query(
        "INSERT INTO condition (id, patient_id, code, created_at) VALUES (:id, :patient, :code, "
        ":at) RETURNING id");
    bind_optional(*identity, ":id", wanted);
    identity->bind(":patient", patient.value);
    bind_code(*identity, ":code", details.code);
    identity->bind(":at", time::format_utc(revision.recorded_at));
    const ConditionId id{identity->exec_returning_id()};
    add_revision(id, patient, details, revision);
    return id;
}

void ConditionRepository::add_revision(ConditionId id, PatientId patient,
                                       const ConditionDetails& details,
                                       const RevisionInfo& revision) {
    auto insert = m_db.query(
        "INSERT INTO condition_revision (condition_id, revision, since, resolved_on, note, voided, "
        "author, recorded_at, reason) VALUES (:id, :revision, :since, :resolved, :note, :voided, "
        ":author, :recorded_at, :reason) RETURNING id");
    insert->bind(":id", id.value);
    bind_optional_date(*insert, ":since", details.since);
    bind_optional_date(*insert, ":resolved", details.resolved_on);
    insert->bind(":note", details.note);
    bind_revision(*insert, revision);
    const auto revision_id = insert->exec_returning_id();
    insert_owner(m_db, "condition", id.value, revision_id, patient.value);
    // A code other than the one the condition was entered with is held by the revision.
    auto recoded = m_db.query(
        "INSERT INTO condition_revision_code (condition_revision_id, code) SELECT :revision, "
        ":code WHERE :code IS DISTINCT FROM (SELECT code FROM condition WHERE id = :id)");
    recoded->bind(":revision", revision_id);
    bind_code(*recoded, ":code", details.code);
    recoded->bind(":id", id.value);
    recoded->exec();
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

// Revisions of conditions, each with the code it holds (schema 8) and the patient in column 1;
// the revision's row id last, to find its clearances.
const std::string condition_revisions = fmt::format(
    "SELECT c.id, {}, coalesce(k.code, c.code), r.since, r.resolved_on, r.note, r.revision, "
    "r.author, r.recorded_at, r.reason, r.voided, r.id FROM condition c JOIN condition_revision r "
    "ON r.condition_id = c.id LEFT JOIN condition_revision_code k ON k.condition_revision_id = "
    "r.id",
    owner_of("condition", "r", "c"));
constexpr std::string_view newest_condition_revision =
    "r.revision = (SELECT max(revision) FROM condition_revision WHERE condition_id = c.id)";

// Reads the conditions `query` selects (condition_revisions), with their clearances.
std::vector<Condition> read_conditions(Database& db, Statement& query) {
    std::vector<Condition> conditions;
    std::map<std::int64_t, std::size_t> by_revision; // revision row id → index in conditions
    while (query.step()) {
        Condition condition;
        condition.id = ConditionId{query.column(0).as_int64()};
        condition.patient_id = PatientId{query.column(1).as_int64()};
        condition.details.code = read_code<ConditionCode>(query.column(2));
        condition.details.since = read_optional_date(query.column(3));
        condition.details.resolved_on = read_optional_date(query.column(4));
        condition.details.note = query.column(5).as_text();
        condition.revision = read_revision(query, 6);
        by_revision[query.column(11).as_int64()] = conditions.size();
        conditions.push_back(std::move(condition));
    }
    if (conditions.empty())
        return conditions;
    std::vector<std::int64_t> revision_ids;
    for (const auto& [id, index] : by_revision)
        revision_ids.push_back(id);
    auto clearances = db.query(fmt::format(
        "SELECT condition_revision_id, cleared_by, cleared_on, until, reason FROM "
        "condition_clearance WHERE condition_revision_id IN (SELECT value FROM {ids}(:ids)) "
        "ORDER BY condition_revision_id, position",
        fmt::arg("ids", db.dialect().id_list)));
    clearances->bind(":ids", id_array(revision_ids));
    while (clearances->step())
        conditions[by_revision.at(clearances->column(0).as_int64())].details.clearances.push_back(
            {clearances->column(1).as_text(), read_date(clearances->column(2)),
             read_date(clearances->column(3)), clearances->column(4).as_text()});
    return conditions;
}

} // namespace

std::optional<Condition> ConditionRepository::find(ConditionId id) {
    auto query = m_db.query(
        fmt::format("{} WHERE {} AND c.id = :id", condition_revisions, newest_condition_revision));
    query->bind(":id", id.value);
    auto found = read_conditions(m_db, *query);
    if (found.empty())
        return std::nullopt;
    return std::move(found.front());
}

std::vector<Condition> ConditionRepository::for_patient(PatientId patient) {
    auto query = m_db.query(fmt::format("{} WHERE {} AND r.voided = 0 AND {} ORDER BY c.id",
                                        condition_revisions, newest_condition_revision,
                                        held_by("condition", "c", ":patient")));
    query->bind(":patient", patient.value);
    return read_conditions(m_db, *query);
}

std::vector<Condition> ConditionRepository::revisions_of_patient(PatientId patient) {
    auto query =
        m_db.query(fmt::format("{} WHERE {} ORDER BY c.id, r.revision", condition_revisions,
                               held_by("condition", "c", ":patient")));
    query->bind(":patient", patient.value);
    return read_conditions(m_db, *query);
}

std::vector<Condition> ConditionRepository::all_patients() {
    auto query = m_db.query(fmt::format("{} WHERE {} AND r.voided = 0 ORDER BY c.id",
                                        condition_revisions, newest_condition_revision));
    return read_conditions(m_db, *query);
}

ConsentId ConditionRepository::insert_consent(PatientId patient, const ConsentDetails& details,
                                              const RevisionInfo& revision,
                                              std::optional<std::int64_t> wanted) {
    auto identity = m_db.query("INSERT INTO consent (id, patient_id, created_at) VALUES (:id, "
                               ":patient, :at) RETURNING id");
    bind_optional(*identity, ":id", wanted);
    identity->bind(":patient", patient.value);
    identity->bind(":at", time::format_utc(revision.recorded_at));
    const ConsentId id{identity->exec_returning_id()};
    add_consent_revision(id, patient, details, revision);
    return id;
}

void ConditionRepository::add_consent_revision(ConsentId id, PatientId patient,
                                               const ConsentDetails& details,
                                               const RevisionInfo& revision) {
    auto insert = m_db.query(
        "INSERT INTO consent_revision (consent_id, revision, signed_on, covers, voided, author, "
        "recorded_at, reason) VALUES (:id, :revision, :signed, :covers, :voided, :author, "
        ":recorded_at, :reason) RETURNING id");
    insert->bind(":id", id.value);
    bind_date(*insert, ":signed", details.signed_on);
    insert->bind(":covers", details.covers);
    bind_revision(*insert, revision);
    const auto revision_id = insert->exec_returning_id();
    insert_owner(m_db, "consent", id.value, revision_id, patient.value);
    if (details.guardian.empty() && !details.withdrawal)
        return;
    auto terms =
        m_db.query("INSERT INTO consent_terms (consent_revision_id, guardian, withdrawn_on, "
                   "withdrawal_reason) VALUES (:revision, :guardian, :on, :reason)");
    terms->bind(":revision", revision_id);
    terms->bind(":guardian", details.guardian);
    bind_optional_date(*terms, ":on",
                       details.withdrawal ? std::optional<time::Date>(details.withdrawal->on)
                                          : std::nullopt);
    terms->bind(":reason", details.withdrawal ? details.withdrawal->reason : std::string());
    terms->exec();
}

namespace {

const std::string consent_revisions =
    fmt::format("SELECT c.id, {}, r.signed_on, r.covers, r.revision, r.author, r.recorded_at, "
                "r.reason, r.voided, t.guardian, t.withdrawn_on, t.withdrawal_reason FROM consent "
                "c JOIN consent_revision r ON r.consent_id = c.id LEFT JOIN consent_terms t ON "
                "t.consent_revision_id = r.id",
                owner_of("consent", "r", "c"));
constexpr std::string_view newest_consent_revision =
    "r.revision = (SELECT max(revision) FROM consent_revision WHERE consent_id = c.id)";

std::vector<Consent> read_consents(Statement& query) {
    std::vector<Consent> consents;
    while (query.step()) {
        Consent consent;
        consent.id = ConsentId{query.column(0).as_int64()};
        consent.patient_id = PatientId{query.column(1).as_int64()};
        consent.details.signed_on = read_date(query.column(2));
        consent.details.covers = query.column(3).as_text();
        consent.revision = read_revision(query, 4);
        if (!query.column(9).is_null())
            consent.details.guardian = query.column(9).as_text();
        if (!query.column(10).is_null())
            consent.details.withdrawal =
                ConsentWithdrawal{read_date(query.column(10)), query.column(11).as_text()};
        consents.push_back(std::move(consent));
    }
    return consents;
}

} // namespace

std::optional<Consent> ConditionRepository::find_consent(ConsentId id) {
    auto query = m_db.query(
        fmt::format("{} WHERE {} AND c.id = :id", consent_revisions, newest_consent_revision));
    query->bind(":id", id.value);
    auto found = read_consents(*query);
    if (found.empty())
        return std::nullopt;
    return std::move(found.front());
}

std::vector<Consent> ConditionRepository::consents_for_patient(PatientId patient) {
    auto query = m_db.query(fmt::format("{} WHERE {} AND r.voided = 0 AND {} ORDER BY "
                                        "r.signed_on, c.id",
                                        consent_revisions, newest_consent_revision,
                                        held_by("consent", "c", ":patient")));
    query->bind(":patient", patient.value);
    return read_consents(*query);
}

std::vector<Consent> ConditionRepository::consent_revisions_of_patient(PatientId patient) {
    auto query = m_db.query(fmt::format("{} WHERE {} ORDER BY c.id, r.revision", consent_revisions,
                                        held_by("consent", "c", ":patient")));
    query->bind(":patient", patient.value);
    return read_consents(*query);
}

} // namespace needlebook::storage
