#include "needlebook/records/merge.hpp"

#include "needlebook/error.hpp"
#include "needlebook/model/fold.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/rules/clinical_checks.hpp"
#include "needlebook/storage/assessment_repository.hpp"
#include "needlebook/storage/condition_repository.hpp"
#include "needlebook/storage/course_repository.hpp"
#include "needlebook/storage/patient_repository.hpp"
#include "needlebook/storage/photo_repository.hpp"
#include "needlebook/storage/session_repository.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>

namespace needlebook::records {
namespace {

// The current revision of each record in `revisions` (ordered by record, then revision).
template <class Record> std::vector<Record> current_of(std::vector<Record> revisions) {
    std::map<std::int64_t, Record> newest;
    for (auto& revision : revisions)
        newest.insert_or_assign(revision.id.value, std::move(revision));
    std::vector<Record> records;
    for (auto& [id, record] : newest)
        records.push_back(std::move(record));
    return records;
}

// A chart that can take the duplicate's records: not voided (a merged chart names its own).
Patient merge_target(storage::Database& db, std::string_view code) {
    Patient into = find_patient(db, code);
    if (!into.revision.voided)
        return into;
    if (const auto merge = storage::PatientRepository(db).merge_of(into.id))
        throw Conflict(fmt::format("patient {} was itself merged into {}; merge into {}", into.code,
                                   merge->into, merge->now_in));
    throw Conflict(
        fmt::format("patient {} is voided; merge into the patient's current chart", into.code));
}

// Findings of the checks on the merged file that a session of `into` does not record.
std::vector<std::string> merged_file_findings(Scope& scope, const Patient& into) {
    std::vector<std::string> warnings;
    storage::SessionFilter standing;
    standing.patient = into.id;
    for (const auto& session : storage::SessionRepository(scope.db()).list(standing)) {
        auto file = rules::load_patient_file(scope.db(), into.id, session.id);
        rules::load_session_references(scope.db(), session.details, file);
        for (const auto& finding : rules::check_session(session.details, file, scope.settings(),
                                                        scope.zone(), rules::Purpose::log)) {
            const bool recorded =
                std::any_of(session.findings.begin(), session.findings.end(),
                            [&](const SessionFinding& f) { return f.key == finding.key; });
            if (!recorded)
                warnings.push_back(
                    fmt::format("session {} ({}) in the merged file: {}: {}", session.id,
                                scope.zone().format_local(session.details.performed_at),
                                finding.key, finding.message));
        }
    }
    return warnings;
}

// Conditions active twice on the merged file (each chart had one on file): one to resolve or void.
std::vector<std::string> repeated_conditions(storage::Database& db, const Patient& into) {
    std::map<ConditionCode, std::vector<std::string>> active;
    for (const auto& condition : storage::ConditionRepository(db).for_patient(into.id))
        if (!condition.details.resolved_on)
            active[condition.details.code].push_back(fmt::format("{}", condition.id));
    std::vector<std::string> warnings;
    for (const auto& [code, ids] : active)
        if (ids.size() > 1)
            warnings.push_back(fmt::format("{} now has {} active on file {} times (conditions {}): "
                                           "void the one entered twice with 'needlebook condition "
                                           "void CONDITION --reason …'",
                                           into.code, code_of(code), ids.size(),
                                           fmt::join(ids, ", ")));
    return warnings;
}

// Open courses of one indication twice on the merged file: a new session joins none of them.
std::vector<std::string> repeated_open_courses(storage::Database& db, const Patient& into) {
    std::map<Indication, std::vector<std::string>> open;
    for (const auto& course : storage::CourseRepository(db).for_patient(into.id))
        if (course.open())
            open[course.details.indication].push_back(fmt::format("{}", course.id));
    std::vector<std::string> warnings;
    for (const auto& [indication, ids] : open)
        if (ids.size() > 1)
            warnings.push_back(fmt::format("{} now has {} open courses for {} (courses {}): close "
                                           "or void all but one; until then a session joins one "
                                           "only when named with --course",
                                           into.code, ids.size(), code_of(indication),
                                           fmt::join(ids, ", ")));
    return warnings;
}

} // namespace

MergeResult merge_patient(Scope& scope, std::string_view duplicate, std::string_view into,
                          const Correction& correction) {
    check_reason("reason", correction.reason);
    return scope.db().write([&] {
        auto& db = scope.db();
        scope.reload_settings(); // the checks of the merged file use the values in force
        MergeResult result;
        result.duplicate = find_patient(db, duplicate);
        if (result.duplicate.revision.voided)
            if (const auto merge = storage::PatientRepository(db).merge_of(result.duplicate.id))
                throw Conflict(fmt::format("patient {} was already merged into {}",
                                           result.duplicate.code, merge->into));
        check_correctable(fmt::format("patient {}", result.duplicate.code),
                          result.duplicate.revision, correction, CorrectionKind::void_record);
        result.into = merge_target(db, into);
        if (result.into.id == result.duplicate.id)
            throw ValidationError("into", fmt::format("--into {}: a chart cannot be merged into "
                                                      "itself; name the patient's other chart",
                                                      result.into.code));
        const auto& from = result.duplicate;
        const auto& to = result.into;
        // Two charts of one person share a birth date: a different one is another person, or a
        // typo to correct first (every date on the duplicate's records is checked against it).
        if (from.details.birth_date != to.details.birth_date)
            throw ValidationError(
                "into", fmt::format("{} was born {} and {} {}: a merge joins two charts of one "
                                    "person; if one birth date is wrong, correct it first with "
                                    "'needlebook patient amend'",
                                    from.code, time::format_date(from.details.birth_date), to.code,
                                    time::format_date(to.details.birth_date)));
        if (fold(from.details.family_name) != fold(to.details.family_name) ||
            fold(from.details.given_name) != fold(to.details.given_name))
            result.warnings.push_back(
                fmt::format("{} is {}, {} and {} is {}, {}: the merged chart keeps {}'s name",
                            from.code, from.details.family_name, from.details.given_name, to.code,
                            to.details.family_name, to.details.given_name, to.code));
        const auto why =
            fmt::format("chart {} merged into {}: {}", from.code, to.code, correction.reason);
        const auto moved = [&](const RevisionInfo& current) {
            return scope.revision(current.number + 1, why, current.voided);
        };

        storage::ConditionRepository conditions(db);
        for (auto condition : current_of(conditions.revisions_of_patient(from.id))) {
            condition.patient_id = to.id;
            condition.revision = moved(condition.revision);
            conditions.add_revision(condition.id, to.id, condition.details, condition.revision);
            append_audit(db, scope.audit("condition.merge", "condition", condition.id.value,
                                         to.id.value, condition.revision.number, why));
            ++result.conditions;
        }
        for (auto consent : current_of(conditions.consent_revisions_of_patient(from.id))) {
            consent.patient_id = to.id;
            consent.revision = moved(consent.revision);
            conditions.add_consent_revision(consent.id, to.id, consent.details, consent.revision);
            append_audit(db, scope.audit("consent.merge", "consent", consent.id.value, to.id.value,
                                         consent.revision.number, why));
            ++result.consents;
        }
        storage::SessionRepository sessions(db);
        for (auto session : current_of(sessions.revisions_of_patient(from.id))) {
            session.patient_id = to.id;
            session.patient_code = to.code;
            session.revision = moved(session.revision);
            // The content is as it was checked; the move itself runs no checks.
            sessions.add_revision(session, storage::SessionRepository::Checked::no);
            append_audit(db, scope.audit("session.merge", "session", session.id.value, to.id.value,
                                         session.revision.number, why));
            ++result.sessions;
        }
        // A photo revision names its patient itself: the move is a revision naming `to`.
        storage::PhotoRepository photos(db);
        for (auto photo : current_of(photos.revisions_for_patient(from.id))) {
            photo.revision = moved(photo.revision);
            photos.add_revision(photo.id, to.id, photo.details, photo.revision);
            append_audit(db, scope.audit("photo.merge", "photo", photo.id.value, to.id.value,
                                         photo.revision.number, why));
            ++result.photos;
        }

        // Courses and scores name their patient in each revision: a revision moves them.
        storage::CourseRepository courses(db);
        for (auto course : current_of(courses.revisions_for_patient(from.id))) {
            course.patient_id = to.id;
            course.revision = moved(course.revision);
            courses.add_revision(course);
            append_audit(db, scope.audit("course.merge", "course", course.id.value, to.id.value,
                                         course.revision.number, why));
            ++result.courses;
        }
        storage::AssessmentRepository scores(db);
        for (auto score : current_of(scores.revisions_for_patient(from.id))) {
            score.patient_id = to.id;
            score.revision = moved(score.revision);
            scores.add_revision(score);
            append_audit(db, scope.audit("assessment.merge", "assessment", score.id.value,
                                         to.id.value, score.revision.number, why));
            ++result.scores;
        }

        result.duplicate.revision = scope.revision(from.revision.number + 1, why, true);
        storage::PatientRepository(db).add_merge_revision(from.id, from.details,
                                                          result.duplicate.revision, to.id);
        append_audit(db, scope.audit("patient.merge", "patient", from.id.value, from.id.value,
                                     result.duplicate.revision.number, why));
        for (auto& warning : merged_file_findings(scope, to))
            result.warnings.push_back(std::move(warning));
        for (auto& warning : repeated_conditions(db, to))
            result.warnings.push_back(std::move(warning));
        for (auto& warning : repeated_open_courses(db, to))
            result.warnings.push_back(std::move(warning));
        return result;
    });
}

} // namespace needlebook::records
