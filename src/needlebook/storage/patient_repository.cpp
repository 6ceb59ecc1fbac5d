#include "needlebook/storage/patient_repository.hpp"

#include <map>

#include "needlebook/model/fold.hpp"
#include "needlebook/storage/binding.hpp"
#include "needlebook/storage/record_owner.hpp"

#include <fmt/format.h>

namespace needlebook::storage {
namespace {

constexpr const char* select_patient =
    "SELECT p.id, p.code, r.family_name, r.given_name, r.birth_date, r.fitzpatrick, r.phone, "
    "r.email, r.note, r.revision, r.author, r.recorded_at, r.reason, r.voided "
    "FROM patient p JOIN patient_revision r ON r.patient_id = p.id ";

constexpr const char* newest_revision =
    "r.revision = (SELECT max(revision) FROM patient_revision WHERE patient_id = p.id)";

Patient read_patient(Statement& row) {
    Patient patient;
    patient.id = PatientId{row.column(0).as_int64()};
    patient.code = row.column(1).as_text();
    patient.details.family_name = row.column(2).as_text();
    patient.details.given_name = row.column(3).as_text();
    patient.details.birth_date = read_date(row.column(4));
    patient.details.fitzpatrick = read_optional_int(row.column(5));
    patient.details.phone = row.column(6).as_text();
    patient.details.email = row.column(7).as_text();
    patient.details.note = row.column(8).as_text();
    patient.revision = read_revision(row, 9);
    return patient;
}

std::vector<Patient> read_all(Query& query) {
    std::vector<Patient> patients;
    while (query->step())
        patients.push_back(read_patient(*query));
    return patients;
}

} // namespace

PatientId PatientRepository::insert(const std::string& code, const PatientDetails& details,
                                    const RevisionInfo& revision) {
    auto identity =
        m_db.query("INSERT INTO patient (code, created_at) VALUES (:code, :at) RETURNING id");
    identity->bind(":code", code);
    identity->bind(":at", time::format_utc(revision.recorded_at));
    const PatientId id{identity->exec_returning_id()};
    add_revision(id, details, revision);
    return id;
}

void PatientRepository::add_revision(PatientId id, const PatientDetails& details,
                                     const RevisionInfo& revision) {
    auto insert = m_db.query(
        "INSERT INTO patient_revision (patient_id, revision, family_name, given_name, birth_date, "
        "fitzpatrick, phone, email, note, voided, author, recorded_at, reason) VALUES (:id, "
        ":revision, :family, :given, :born, :fitzpatrick, :phone, :email, :note, :voided, :author, "
        ":recorded_at, :reason)");
    insert->bind(":id", id.value);
    insert->bind(":family", details.family_name);
    insert->bind(":given", details.given_name);
    bind_date(*insert, ":born", details.birth_date);
    bind_optional(*insert, ":fitzpatrick", details.fitzpatrick);
    insert->bind(":phone", details.phone);
    insert->bind(":email", details.email);
    insert->bind(":note", details.note);
    bind_revision(*insert, revision);
    insert->exec();
}

void PatientRepository::add_merge_revision(PatientId id, const PatientDetails& details,
                                           const RevisionInfo& revision, PatientId into) {
    add_revision(id, details, revision);
    link_merge(id, revision.number, into);
}

void PatientRepository::link_merge(PatientId id, int revision, PatientId into) {
    auto merge = m_db.query(
        "INSERT INTO patient_merge (patient_revision_id, into_patient_id) SELECT id, :into FROM "
        "patient_revision WHERE patient_id = :id AND revision = :revision");
    merge->bind(":id", id.value);
    merge->bind(":revision", revision);
    merge->bind(":into", into.value);
    merge->exec();
}

namespace {

constexpr std::string_view select_merge =
    "SELECT d.code, t.code, r.revision, r.author, r.recorded_at, r.reason, r.voided FROM "
    "patient_merge m JOIN patient_revision r ON r.id = m.patient_revision_id JOIN patient d ON "
    "d.id = r.patient_id JOIN patient t ON t.id = m.into_patient_id ";

PatientRepository::Merge read_merge(Statement& row) {
    return {row.column(0).as_text(), row.column(1).as_text(), row.column(1).as_text(),
            read_revision(row, 2)};
}

} // namespace

std::optional<PatientRepository::Merge> PatientRepository::merge_of(PatientId id) {
    auto query = m_db.query(fmt::format("{}WHERE r.patient_id = :id", select_merge));
    query->bind(":id", id.value);
    if (!query->step())
        return std::nullopt;
    auto merge = read_merge(*query);
    // The chart that holds the records now, through every later merge.
    auto onward = m_db.query(
        "WITH RECURSIVE chain (id, depth) AS (SELECT m.into_patient_id, 0 FROM patient_merge m "
        "JOIN patient_revision r ON r.id = m.patient_revision_id WHERE r.patient_id = :id UNION "
        "ALL SELECT m.into_patient_id, c.depth + 1 FROM chain c JOIN patient_revision r ON "
        "r.patient_id = c.id JOIN patient_merge m ON m.patient_revision_id = r.id WHERE c.depth "
        "< 1000) SELECT p.code "
        "FROM chain c JOIN patient p ON p.id = c.id ORDER BY c.depth DESC LIMIT 1");
    onward->bind(":id", id.value);
    merge.now_in = onward->step() ? onward->column(0).as_text() : merge.into;
    return merge;
}

std::vector<PatientRepository::Merge> PatientRepository::merged_into(PatientId id) {
    auto query = m_db.query(fmt::format("{}WHERE r.patient_id IN {} AND r.patient_id <> :patient "
                                        "ORDER BY m.id",
                                        select_merge, charts_held_by(":patient")));
    query->bind(":patient", id.value);
    std::vector<Merge> merges;
    while (query->step())
        merges.push_back(read_merge(*query));
    return merges;
}

std::optional<Patient> PatientRepository::find(std::string_view code) {
    auto query =
        m_db.query(fmt::format("{} WHERE {} AND {}", select_patient,
                               m_db.dialect().nocase_equals("p.code", ":code"), newest_revision));
    query->bind(":code", std::string(code));
    if (!query->step())
        return std::nullopt;
    return read_patient(*query);
}

std::optional<Patient> PatientRepository::find(PatientId id) {
    auto query =
        m_db.query(fmt::format("{} WHERE p.id = :id AND {}", select_patient, newest_revision));
    query->bind(":id", id.value);
    if (!query->step())
        return std::nullopt;
    return read_patient(*query);
}

// Names are compared folded (model/fold.hpp): the search text is folded here once, each stored
// name by needlebook_fold() (storage/text_functions.hpp) as the rows are read.
std::vector<Patient> PatientRepository::list(std::string_view search) {
    auto query = m_db.query(
        fmt::format("{} WHERE {} AND {}(needlebook_fold(p.code || ' ' || r.family_name || ' ' || "
                    "r.given_name), :search) > 0 ORDER BY {}",
                    select_patient, newest_revision, m_db.dialect().position,
                    m_db.dialect().nocase_order("p.code")));
    query->bind(":search", fold(search));
    return read_all(query);
}

std::vector<Patient> PatientRepository::same_person(const PatientDetails& details) {
    // The birth date first: only the few patients born that day have their names folded.
    auto query = m_db.query(fmt::format(
        "{} WHERE r.birth_date = :born AND r.voided = 0 AND {} AND "
        "needlebook_fold(r.family_name) = :family AND needlebook_fold(r.given_name) = :given "
        "ORDER BY {}",
        select_patient, newest_revision, m_db.dialect().nocase_order("p.code")));
    query->bind(":family", fold(details.family_name));
    query->bind(":given", fold(details.given_name));
    bind_date(*query, ":born", details.birth_date);
    return read_all(query);
}

std::vector<Patient> PatientRepository::revisions(PatientId id) {
    auto query = m_db.query(fmt::format("{} WHERE p.id = :id ORDER BY r.revision", select_patient));
    query->bind(":id", id.value);
    return read_all(query);
}

bool PatientRepository::any() {
    return m_db.query("SELECT 1 FROM patient LIMIT 1")->step();
}

std::optional<std::string> PatientRepository::code_after(std::string_view code) {
    // As list(): only patients with a revision (every patient has one, from registration on).
    // In chart-code order ignoring case, on either engine (Dialect::nocase_order).
    const auto& dialect = m_db.dialect();
    auto query = m_db.query(fmt::format(
        "SELECT code FROM patient p WHERE {0} > {1} AND EXISTS (SELECT 1 FROM patient_revision "
        "WHERE patient_id = p.id) ORDER BY {0} LIMIT 1",
        dialect.nocase_order("code"), dialect.nocase_order(":code")));
    query->bind(":code", std::string(code));
    if (!query->step())
        return std::nullopt;
    return query->column(0).as_text();
}

std::string PatientRepository::next_code() {
    std::int64_t number = 1;
    {
        // After the highest generated code, so a code typed by hand leaves no gap in the series.
        // The range lets SQLite walk the code index backwards from the top instead of scanning.
        auto next = m_db.query(
            "SELECT coalesce((SELECT CAST(substr(code, 3) AS INTEGER) FROM patient WHERE code "
            "BETWEEN 'P-000000' AND 'P-999999' AND length(code) = 8 AND ltrim(substr(code, 3), "
            "'0123456789') = '' "
            "ORDER BY code DESC LIMIT 1), 0) + 1");
        next->step();
        number = next->column(0).as_int64();
    }
    // A code typed by hand may already hold the number: move on to the first free one.
    auto taken =
        m_db.query("SELECT 1 FROM patient WHERE " + m_db.dialect().nocase_equals("code", ":code"));
    for (;; ++number) {
        const auto code = fmt::format("P-{:06}", number);
        taken->bind(":code", code);
        const bool exists = taken->step();
        taken->reset();
        if (!exists)
            return code;
    }
}

std::vector<std::int64_t> PatientRepository::ids_with_rows_in(std::string_view table) {
    // Every chart a record was filed under: the one it was entered on, and any a merge moved it
    // to (schema 8), since an export of every revision names both.
    const auto sessions = patients_of("session");
    const auto with_session = [](std::string_view child) {
        return fmt::format("SELECT s.patient_id FROM {0} x JOIN session s ON s.id = x.session_id "
                           "UNION SELECT o.patient_id FROM {0} x JOIN session_revision r ON "
                           "r.session_id = x.session_id JOIN session_owner o ON "
                           "o.session_revision_id = r.id",
                           child);
    };
    const std::map<std::string_view, std::string> owners = {
        {"patients", "SELECT id FROM patient"},
        {"conditions", patients_of("condition")},
        {"consents", patients_of("consent")},
        {"sessions", sessions},
        {"session_areas", sessions},
        {"serum_uses", sessions},
        {"reactions", with_session("reaction")},
        {"followups", with_session("followup")},
        {"audit", "SELECT patient_id FROM audit_log WHERE patient_id IS NOT NULL UNION SELECT "
                  "patient_id FROM audit_disclosure"},
    };
    std::vector<std::int64_t> ids;
    const auto found = owners.find(table);
    if (found == owners.end())
        return ids;
    auto query = m_db.query(found->second);
    while (query->step())
        ids.push_back(query->column(0).as_int64());
    return ids;
}

} // namespace needlebook::storage
