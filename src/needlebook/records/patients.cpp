#include "needlebook/records/patients.hpp"

#include "needlebook/records/safekeeping.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/dependents.hpp"
#include "needlebook/storage/assessment_repository.hpp"
#include "needlebook/storage/condition_repository.hpp"
#include "needlebook/storage/course_repository.hpp"
#include "needlebook/storage/patient_repository.hpp"
#include "needlebook/storage/photo_repository.hpp"
#include "needlebook/storage/session_repository.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace needlebook::records {
Patient find_patient(storage::Database& db, std::string_view code) {
    if (auto patient = storage::PatientRepository(db).find(code))
        return *patient;
    throw NotFound(fmt::format("no patient with chart code '{}'; see 'needlebook patient list'",
                               visible(code)));
}

Patient find_patient_by_id(storage::Database& db, PatientId id) {
    if (auto patient = storage::PatientRepository(db).find(id))
        return *patient;
    throw NotFound(fmt::format("no patient with id {}", id));
}

std::vector<Patient> list_patients(storage::Database& db, std::string_view search) {
    return storage::PatientRepository(db).list(search);
}

std::vector<Patient> possible_duplicates(storage::Database& db, const Patient& patient) {
    auto others = storage::PatientRepository(db).same_person(patient.details);
    std::erase_if(others, [&](const Patient& other) { return other.id == patient.id; });
    return others;
}

namespace {

std::vector<std::int64_t> ids_of(const std::vector<Patient>& patients) {
    std::vector<std::int64_t> ids;
    for (const auto& patient : patients)
        ids.push_back(patient.id.value);
    return ids;
}

} // namespace

std::vector<Patient> list_patients(Scope& scope, std::string_view search) {
    return scope.db().write([&] {
        auto patients = list_patients(scope.db(), search);
        audit_disclosure(scope, "patient.list",
                         fmt::format("search '{}': {} patients", search, patients.size()),
                         ids_of(patients));
        return patients;
    });
}

std::vector<Patient> possible_duplicates(Scope& scope, const Patient& patient) {
    return scope.db().write([&] {
        auto others = possible_duplicates(scope.db(), patient);
        if (!others.empty())
            audit_disclosure(
                scope, "patient.duplicates",
                fmt::format("{} charts like {} named in a warning", others.size(), patient.code),
                ids_of(others));
        return others;
    });
}

Patient register_patient(Scope& scope, std::optional<std::string> code,
                         const PatientDetails& details) {
    validate(details, scope.today());
    if (code)
        validate_chart_code(*code);
    return scope.db().write([&] {
        storage::PatientRepository patients(scope.db());
        if (code && patients.find(*code))
            throw Conflict(fmt::format("chart code '{}' is already taken; leave out --code to get "
                                       "the next free one",
                                       *code));
        Patient patient{{}, code ? *code : patients.next_code(), details, scope.revision(1)};
        patient.id = patients.insert(patient.code, details, patient.revision);
        append_audit(scope.db(),
                     scope.audit("patient.add", "patient", patient.id.value, patient.id.value, 1));
        return patient;
    });
}

namespace {

// A corrected birth date must come before everything on file: the sessions, the consents signed
// and the conditions' dates (a year typed wrong would otherwise pass).
void check_born_before_records(Scope& scope, const Patient& patient, time::Date born) {
    const auto refuse = [&](std::string_view what, time::Date day) {
        throw ValidationError("born",
                              fmt::format("born {} is after {} on {}; check the year",
                                          time::format_date(born), what, time::format_date(day)));
    };
    storage::SessionFilter standing;
    standing.patient = patient.id;
    for (const auto& session : storage::SessionRepository(scope.db()).list(standing))
        if (const auto day = scope.zone().local_date(session.details.performed_at); day < born)
            refuse(fmt::format("session {}", session.id), day);
    storage::ConditionRepository file(scope.db());
    for (const auto& consent : file.consents_for_patient(patient.id))
        if (consent.details.signed_on < born)
            refuse(fmt::format("consent {}", consent.id), consent.details.signed_on);
    for (const auto& condition : file.for_patient(patient.id))
        for (const auto& day : {condition.details.since, condition.details.resolved_on})
            if (day && *day < born)
                refuse(fmt::format("condition {}", condition.id), *day);
}

} // namespace

Patient amend_patient(Scope& scope, std::string_view code, const PatientDetails& details,
                      const std::string& reason, std::optional<int> based_on) {
    check_reason("reason", reason);
    validate(details, scope.today());
    return scope.db().write([&] {
        Patient patient = find_patient(scope.db(), code);
        check_correctable(fmt::format("patient {}", code), patient.revision, {reason, based_on},
                          CorrectionKind::amend);
        if (details.birth_date != patient.details.birth_date)
            check_born_before_records(scope, patient, details.birth_date);
        if (patient.details == details)
            throw Conflict(
                fmt::format("patient {} already reads like that; nothing to amend", code));
        patient.details = details;
        patient.revision = scope.revision(patient.revision.number + 1, reason);
        storage::PatientRepository(scope.db()).add_revision(patient.id, details, patient.revision);
        append_audit(scope.db(), scope.audit("patient.amend", "patient", patient.id.value,
                                             patient.id.value, patient.revision.number, reason));
        return patient;
    });
}

Patient void_patient(Scope& scope, std::string_view code, const Correction& correction) {
    check_reason("reason", correction.reason);
    return scope.db().write([&] {
        Patient patient = find_patient(scope.db(), code);
        check_correctable(fmt::format("patient {}", patient.code), patient.revision, correction,
                          CorrectionKind::void_record);
        storage::SessionFilter standing;
        standing.patient = patient.id;
        Dependents records;
        records.add("session", storage::SessionRepository(scope.db()).list(standing));
        records.add("course", storage::CourseRepository(scope.db()).for_patient(patient.id));
        records.add("score", storage::AssessmentRepository(scope.db()).for_patient(patient.id));
        records.add("photo", storage::PhotoRepository(scope.db()).for_patient(patient.id));
        if (!records.empty())
            throw Conflict(fmt::format(
                "patient {} has records not voided ({}); a chart with treatments is not one "
                "registered in error: void each record entered in error first ('needlebook "
                "session void SESSION --reason …', likewise score, photo and course), or merge a "
                "duplicate chart with 'needlebook patient merge'",
                patient.code, records.listed()));
        patient.revision = scope.revision(patient.revision.number + 1, correction.reason, true);
        storage::PatientRepository(scope.db())
            .add_revision(patient.id, patient.details, patient.revision);
        append_audit(scope.db(),
                     scope.audit("patient.void", "patient", patient.id.value, patient.id.value,
                                 patient.revision.number, correction.reason));
        return patient;
    });
}

// A voided chart takes no new records: they belong on the patient's real chart.
Patient open_patient(storage::Database& db, std::string_view code, std::string_view what) {
    Patient patient = find_patient(db, code);
    if (!patient.revision.voided)
        return patient;
    if (const auto merge = storage::PatientRepository(db).merge_of(patient.id))
        throw Conflict(fmt::format("patient {} was merged into {}; add the {} to {}", patient.code,
                                   merge->into, what, merge->now_in));
    throw Conflict(fmt::format("patient {} is voided ({}); no {} can be added to the chart",
                               patient.code, patient.revision.reason, what));
}

void check_not_before_birth(const Patient& patient, std::optional<time::Date> day,
                            std::string_view field, std::string_view what) {
    if (day && *day < patient.details.birth_date)
        throw ValidationError(std::string(field),
                              fmt::format("{} {} is before {} was born ({}); check the year", what,
                                          time::format_date(*day), patient.code,
                                          time::format_date(patient.details.birth_date)));
}

namespace {} // namespace

Condition add_condition(Scope& scope, std::string_view patient_code,
                        const ConditionDetails& details) {
    validate(details, scope.today());
    return scope.db().write([&] {
        const Patient patient = open_patient(scope.db(), patient_code, "condition");
        check_not_before_birth(patient, details.since, "since", "condition since");
        check_not_before_birth(patient, details.resolved_on, "resolved", "condition resolved on");
        storage::ConditionRepository conditions(scope.db());
        for (const auto& existing : conditions.for_patient(patient.id))
            if (existing.details.code == details.code && !existing.details.resolved_on)
                throw Conflict(fmt::format("{} is already on file for {} (condition {}); resolve "
                                           "it first",
                                           code_of(details.code), patient_code, existing.id));
        Condition condition{{}, patient.id, details, scope.revision(1)};
        condition.id = conditions.insert(patient.id, details, condition.revision);
        append_audit(scope.db(), scope.audit("condition.add", "condition", condition.id.value,
                                             patient.id.value, 1));
        return condition;
    });
}

Condition resolve_condition(Scope& scope, std::string_view patient_code, ConditionCode code,
                            time::Date on) {
    return scope.db().write([&] {
        const Patient patient = open_patient(scope.db(), patient_code, "condition's resolution");
        check_not_before_birth(patient, on, "on", "condition resolved on");
        storage::ConditionRepository conditions(scope.db());
        for (auto condition : conditions.for_patient(patient.id)) {
            if (condition.details.code != code || condition.details.resolved_on)
                continue;
            condition.details.resolved_on = on;
            validate(condition.details, scope.today());
            condition.revision = scope.revision(condition.revision.number + 1, "resolved");
            conditions.add_revision(condition.id, condition.patient_id, condition.details,
                                    condition.revision);
            append_audit(scope.db(),
                         scope.audit("condition.resolve", "condition", condition.id.value,
                                     patient.id.value, condition.revision.number, "resolved"));
            return condition;
        }
        throw NotFound(fmt::format("no active {} on file for {}", code_of(code), patient_code));
    });
}

std::vector<Condition> clear_condition(Scope& scope, std::string_view patient_code,
                                       ConditionCode code, const std::string& by, time::Date until,
                                       const std::string& reason) {
    const Clearance clearance{by, scope.today(), until, reason};
    validate(clearance);
    return scope.db().write([&] {
        const Patient patient = open_patient(scope.db(), patient_code, "clearance");
        storage::ConditionRepository conditions(scope.db());
        std::vector<Condition> cleared;
        for (auto condition : conditions.for_patient(patient.id)) {
            if (condition.details.code != code)
                continue;
            const auto& given = condition.details.clearances;
            if (std::find(given.begin(), given.end(), clearance) != given.end())
                throw Conflict(fmt::format("{} of {} is already cleared like that; nothing to "
                                           "change",
                                           code_of(code), patient_code));
            condition.details.clearances.push_back(clearance);
            condition.revision = scope.revision(condition.revision.number + 1, reason);
            conditions.add_revision(condition.id, condition.patient_id, condition.details,
                                    condition.revision);
            append_audit(scope.db(), scope.audit("condition.clear", "condition", condition.id.value,
                                                 patient.id.value, condition.revision.number,
                                                 fmt::format("cleared by {} until {}: {}", by,
                                                             time::format_date(until), reason)));
            cleared.push_back(std::move(condition));
        }
        if (cleared.empty())
            throw NotFound(
                fmt::format("no {} on file for {}; nothing to clear", code_of(code), patient_code));
        return cleared;
    });
}

std::vector<Condition> conditions_of(storage::Database& db, PatientId patient) {
    return storage::ConditionRepository(db).for_patient(patient);
}

Consent add_consent(Scope& scope, std::string_view patient_code, const ConsentDetails& details) {
    validate(details, scope.today());
    return scope.db().write([&] {
        const Patient patient = open_patient(scope.db(), patient_code, "consent");
        Consent consent{{}, patient.id, details, scope.revision(1)};
        consent.id = storage::ConditionRepository(scope.db())
                         .insert_consent(patient.id, details, consent.revision);
        append_audit(scope.db(),
                     scope.audit("consent.add", "consent", consent.id.value, patient.id.value, 1));
        return consent;
    });
}

namespace {

Condition current_condition(storage::ConditionRepository& conditions, ConditionId id) {
    auto found = conditions.find(id);
    if (!found)
        throw NotFound(fmt::format("no condition {}; 'needlebook patient show PATIENT' lists a "
                                   "patient's conditions",
                                   id));
    return std::move(*found);
}

Consent current_consent(storage::ConditionRepository& consents, ConsentId id) {
    auto found = consents.find_consent(id);
    if (!found)
        throw NotFound(fmt::format("no consent {}; 'needlebook patient show PATIENT' lists a "
                                   "patient's consents",
                                   id));
    return std::move(*found);
}

} // namespace

Consent withdraw_consent(Scope& scope, ConsentId id, time::Date on, const std::string& reason) {
    return scope.db().write([&] {
        storage::ConditionRepository repository(scope.db());
        auto consent = current_consent(repository, id);
        if (consent.revision.voided)
            throw NotFound(fmt::format("consent {} is voided", id));
        if (consent.details.withdrawal)
            throw Conflict(fmt::format("consent {} was already withdrawn on {}", id,
                                       time::format_date(consent.details.withdrawal->on)));
        consent.details.withdrawal = ConsentWithdrawal{on, reason};
        validate(consent.details, scope.today());
        consent.revision = scope.revision(consent.revision.number + 1, reason);
        repository.add_consent_revision(consent.id, consent.patient_id, consent.details,
                                        consent.revision);
        append_audit(scope.db(),
                     scope.audit("consent.withdraw", "consent", consent.id.value,
                                 consent.patient_id.value, consent.revision.number, reason));
        return consent;
    });
}

std::vector<Consent> consents_of(storage::Database& db, PatientId patient) {
    return storage::ConditionRepository(db).consents_for_patient(patient);
}

ConditionId parse_condition_id(std::string_view text) {
    return ConditionId{parse_record_id(
        text, "condition", "use the number printed by 'condition add' or 'patient show'")};
}

ConsentId parse_consent_id(std::string_view text) {
    return ConsentId{parse_record_id(text, "consent",
                                     "use the number printed by 'consent add' or 'patient show'")};
}

namespace {

// How a condition is corrected: checked as on entry, stored as the next revision.
RecordCorrection<Condition>
condition_correction(Scope& scope, storage::ConditionRepository& conditions, ConditionId id) {
    RecordCorrection<Condition> how;
    how.kind = "condition";
    how.label = fmt::format("condition {}", id);
    how.check = [&scope, &conditions](const Condition& condition) {
        validate(condition.details, scope.today());
        const Patient patient = find_patient_by_id(scope.db(), condition.patient_id);
        check_not_before_birth(patient, condition.details.since, "since", "condition since");
        check_not_before_birth(patient, condition.details.resolved_on, "resolved",
                               "condition resolved on");
        // A specialist's clearance was given for the code on file, never for another one.
        const auto stored = conditions.find(condition.id);
        if (stored && stored->details.code != condition.details.code &&
            !condition.details.clearances.empty())
            throw ValidationError(
                "code", fmt::format("condition {} holds clearances given for {}; they do not "
                                    "clear {}: void it and add the right condition",
                                    condition.id, code_of(stored->details.code),
                                    code_of(condition.details.code)));
        // Active, it must be the only active one with its code, as on entry.
        if (condition.details.resolved_on)
            return;
        for (const auto& other : conditions.for_patient(patient.id))
            if (other.id != condition.id && other.details.code == condition.details.code &&
                !other.details.resolved_on)
                throw Conflict(fmt::format("{} is already on file for {} (condition {}); amend "
                                           "or void that one instead",
                                           code_of(condition.details.code), patient.code,
                                           other.id));
    };
    how.store = [&conditions](const Condition& condition) {
        conditions.add_revision(condition.id, condition.patient_id, condition.details,
                                condition.revision);
    };
    how.patient_of = [](const Condition& condition) { return condition.patient_id; };
    return how;
}

RecordCorrection<Consent> consent_correction(Scope& scope, storage::ConditionRepository& consents,
                                             ConsentId id) {
    RecordCorrection<Consent> how;
    how.kind = "consent";
    how.label = fmt::format("consent {}", id);
    how.check = [&scope](const Consent& consent) {
        validate(consent.details, scope.today());
        check_not_before_birth(find_patient_by_id(scope.db(), consent.patient_id),
                               consent.details.signed_on, "signed", "consent signed on");
    };
    how.store = [&consents](const Consent& consent) {
        consents.add_consent_revision(consent.id, consent.patient_id, consent.details,
                                      consent.revision);
    };
    how.patient_of = [](const Consent& consent) { return consent.patient_id; };
    return how;
}

} // namespace

Condition amend_condition(Scope& scope, ConditionId id,
                          const std::function<void(ConditionDetails&)>& edit,
                          const Correction& correction) {
    check_reason("reason", correction.reason);
    return scope.db().write([&] {
        storage::ConditionRepository conditions(scope.db());
        auto how = condition_correction(scope, conditions, id);
        how.edit = edit;
        return apply_correction(scope, current_condition(conditions, id), correction,
                                CorrectionKind::amend, how);
    });
}

Condition void_condition(Scope& scope, ConditionId id, const Correction& correction) {
    check_reason("reason", correction.reason);
    return scope.db().write([&] {
        storage::ConditionRepository conditions(scope.db());
        return apply_correction(scope, current_condition(conditions, id), correction,
                                CorrectionKind::void_record,
                                condition_correction(scope, conditions, id));
    });
}

Consent amend_consent(Scope& scope, ConsentId id, const std::function<void(ConsentDetails&)>& edit,
                      const Correction& correction) {
    check_reason("reason", correction.reason);
    return scope.db().write([&] {
        storage::ConditionRepository consents(scope.db());
        auto how = consent_correction(scope, consents, id);
        how.edit = edit;
        return apply_correction(scope, current_consent(consents, id), correction,
                                CorrectionKind::amend, how);
    });
}

Consent void_consent(Scope& scope, ConsentId id, const Correction& correction) {
    check_reason("reason", correction.reason);
    return scope.db().write([&] {
        storage::ConditionRepository consents(scope.db());
        return apply_correction(scope, current_consent(consents, id), correction,
                                CorrectionKind::void_record,
                                consent_correction(scope, consents, id));
    });
}

} // namespace needlebook::records
