#include "needlebook/rules/clinical_checks.hpp"

#include "needlebook/storage/condition_repository.hpp"
#include "needlebook/storage/session_repository.hpp"

#include <algorithm>
#include <cstdlib>
#include <fmt/format.h>
#include <fmt/ranges.h>

namespace needlebook::rules {
namespace {

std::string condition_key(ConditionCode code) {
    return fmt::format("condition:{}", code_of(code));
}

void check_conditions(time::Date day, const PatientFile& file, const ClinicSettings& settings,
                      std::vector<Finding>& findings) {
    for (const auto& condition : file.conditions) {
        const auto code = condition.details.code;
        const auto action = settings.condition_action.contains(code)
                                ? settings.condition_action.at(code)
                                : ConditionAction::block;
        const auto level = action == ConditionAction::block ? Level::block : Level::warning;
        const auto since =
            condition.details.since
                ? fmt::format(" since {}", time::format_date(*condition.details.since))
                : std::string();
        if (condition.active_on(day)) {
            findings.push_back(
                {condition_key(code), level, fmt::format("{} on file{}", label_of(code), since)});
        } else if (code == ConditionCode::isotretinoin && condition.details.resolved_on &&
                   *condition.details.resolved_on <= day &&
                   day < time::add_months(*condition.details.resolved_on,
                                          settings.isotretinoin_months)) {
            // The drug's leaflet asks to wait months after the last dose, not only while taking it.
            findings.push_back({condition_key(code), level,
                                fmt::format("isotretinoin stopped on {}, less than {} months "
                                            "before the session",
                                            time::format_date(*condition.details.resolved_on),
                                            settings.isotretinoin_months)});
        }
    }
}

void check_depths(const SessionDetails& session, const ClinicSettings& settings,
                  std::vector<Finding>& findings) {
    for (const auto& treated : session.areas) {
        const auto limit = settings.depth_limit_mm.find(treated.area);
        if (limit == settings.depth_limit_mm.end() || treated.depth_mm <= limit->second + 1e-9)
            continue;
        findings.push_back(
            {"depth:" + area_side_code(treated.area, treated.side), Level::block,
             fmt::format("depth {:.2f} mm on {} exceeds the clinic limit of {:.2f} mm",
                         treated.depth_mm, area_side_code(treated.area, treated.side),
                         limit->second)});
    }
}

bool same_skin(const AreaTreatment& a, const AreaTreatment& b) {
    return a.area == b.area && (!a.side || !b.side || a.side == b.side);
}

void check_intervals(const SessionDetails& session, const PatientFile& file,
                     const ClinicSettings& settings, const time::ClinicZone& zone,
                     std::vector<Finding>& findings) {
    const auto day = zone.local_date(session.performed_at);
    for (const auto& treated : session.areas) {
        // The nearest other session on the same skin, before or after (a late entry counts too).
        const Session* nearest = nullptr;
        int nearest_gap = 0;
        for (const auto& other : file.other_sessions) {
            const bool overlaps =
                std::any_of(other.details.areas.begin(), other.details.areas.end(),
                            [&](const auto& a) { return same_skin(a, treated); });
            if (!overlaps)
                continue;
            const int gap = time::days_between(zone.local_date(other.details.performed_at), day);
            if (!nearest || std::abs(gap) < std::abs(nearest_gap)) {
                nearest = &other;
                nearest_gap = gap;
            }
        }
        if (!nearest || std::abs(nearest_gap) >= settings.interval_warn_days)
            continue;
        const bool blocks = std::abs(nearest_gap) < settings.interval_block_days;
        const int days = std::abs(nearest_gap);
        const auto when = nearest_gap == 0 ? std::string("the same day")
                                           : fmt::format("{} day{} {}", days, days == 1 ? "" : "s",
                                                         nearest_gap > 0 ? "earlier" : "later");
        findings.push_back(
            {"interval:" + area_side_code(treated.area, treated.side),
             blocks ? Level::block : Level::warning,
             fmt::format("{} was also treated {}, in session {} on {} (clinic {} {} days)",
                         area_side_code(treated.area, treated.side), when, nearest->id,
                         zone.format_local(nearest->details.performed_at),
                         blocks ? "minimum" : "recommends at least",
                         blocks ? settings.interval_block_days : settings.interval_warn_days)});
    }
}

// A second session on the same day on other areas is usually one visit logged twice.
void check_same_day(const SessionDetails& session, const PatientFile& file,
                    const time::ClinicZone& zone, std::vector<Finding>& findings) {
    const auto day = zone.local_date(session.performed_at);
    std::vector<std::string> others;
    std::optional<SessionId> first;
    for (const auto& other : file.other_sessions) {
        if (zone.local_date(other.details.performed_at) != day)
            continue;
        const bool overlaps =
            std::any_of(other.details.areas.begin(), other.details.areas.end(), [&](const auto& a) {
                return std::any_of(session.areas.begin(), session.areas.end(),
                                   [&](const auto& b) { return same_skin(a, b); });
            });
        if (overlaps) // overlapping areas are already an interval finding
            continue;
        others.push_back(fmt::format("session {} on {}", other.id,
                                     zone.format_local(other.details.performed_at)));
        if (!first)
            first = other.id;
    }
    if (!first)
        return;
    findings.push_back(
        {"same-day", Level::warning,
         fmt::format("{} {} the same day; to add areas to it, use 'session amend {} --area …' "
                     "instead",
                     fmt::join(others, " and "), others.size() == 1 ? "is" : "are", *first)});
}

void check_consent(time::Date day, const PatientFile& file, const ClinicSettings& settings,
                   std::vector<Finding>& findings) {
    const Consent* latest = nullptr;
    for (const auto& consent : file.consents)
        if (consent.details.signed_on <= day &&
            (!latest || consent.details.signed_on > latest->details.signed_on))
            latest = &consent;
    if (!latest) {
        findings.push_back({"consent", Level::warning,
                            "no signed consent on file for the session day; record it with "
                            "'needlebook consent add'"});
        return;
    }
    const auto expires = time::add_months(latest->details.signed_on, settings.consent_valid_months);
    if (day >= expires)
        findings.push_back(
            {"consent", Level::warning,
             fmt::format("consent signed {} expired on {} (valid {} months)",
                         time::format_date(latest->details.signed_on), time::format_date(expires),
                         settings.consent_valid_months)});
}

} // namespace

std::vector<Finding> check_session(const SessionDetails& session, const PatientFile& file,
                                   const ClinicSettings& settings, const time::ClinicZone& zone,
                                   Purpose purpose) {
    const auto day = zone.local_date(session.performed_at);
    std::vector<Finding> findings;
    check_conditions(day, file, settings, findings);
    check_depths(session, settings, findings);
    check_intervals(session, file, settings, zone, findings);
    if (purpose == Purpose::log)
        check_same_day(session, file, zone, findings);
    check_consent(day, file, settings, findings);
    // One finding per key, as an override accepts one key: two courses of isotretinoin on
    // file, or a condition recorded twice, are one reason; it blocks if either part does.
    std::vector<Finding> merged;
    for (auto& finding : findings) {
        const auto same = std::find_if(merged.begin(), merged.end(),
                                       [&](const Finding& f) { return f.key == finding.key; });
        if (same == merged.end()) {
            merged.push_back(std::move(finding));
            continue;
        }
        same->message += "; " + finding.message;
        if (finding.level == Level::block)
            same->level = Level::block;
    }
    std::stable_partition(merged.begin(), merged.end(),
                          [](const Finding& f) { return f.level == Level::block; });
    return merged;
}

PatientFile load_patient_file(storage::Database& db, PatientId patient,
                              std::optional<SessionId> excluding) {
    storage::ConditionRepository conditions(db);
    storage::SessionFilter same_patient;
    same_patient.patient = patient;
    PatientFile file{conditions.for_patient(patient), conditions.consents_for_patient(patient),
                     storage::SessionRepository(db).list(same_patient)};
    std::erase_if(file.other_sessions,
                  [&](const Session& s) { return excluding && s.id == *excluding; });
    return file;
}

bool has_blocking(const std::vector<Finding>& findings) {
    return std::any_of(findings.begin(), findings.end(),
                       [](const Finding& f) { return f.level == Level::block; });
}

} // namespace needlebook::rules
