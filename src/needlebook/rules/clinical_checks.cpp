#include "needlebook/rules/clinical_checks.hpp"

#include "needlebook/storage/condition_repository.hpp"
#include "needlebook/storage/lot_repository.hpp"
#include "needlebook/storage/patient_repository.hpp"
#include "needlebook/storage/session_repository.hpp"
#include "needlebook/storage/settings_repository.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <map>

namespace needlebook::rules {
namespace {

void check_conditions(time::Date day, const PatientFile& file, const ClinicSettings& settings,
                      std::vector<Finding>& findings) {
    for (const auto& condition : file.conditions) {
        const auto code = condition.details.code;
        const auto action = settings.condition_action.contains(code)
                                ? settings.condition_action.at(code)
                                : ConditionAction::block;
        auto level = action == ConditionAction::block ? Level::block : Level::warning;
        // A specialist's clearance in force on the day turns the block into a stored warning.
        std::string cleared;
        if (const auto* clearance = condition.details.clearance_on(day)) {
            level = Level::warning;
            cleared = fmt::format("; cleared by {} until {} ({})", clearance->by,
                                  time::format_date(clearance->until), clearance->reason);
        }
        const auto since =
            condition.details.since
                ? fmt::format(" since {}", time::format_date(*condition.details.since))
                : std::string();
        if (condition.active_on(day)) {
            findings.push_back({condition_key(code), level,
                                fmt::format("{} on file{}{}", label_of(code), since, cleared)});
        } else if (code == ConditionCode::isotretinoin && condition.details.resolved_on &&
                   *condition.details.resolved_on <= day &&
                   day < time::add_months(*condition.details.resolved_on,
                                          settings.isotretinoin_months)) {
            // The drug's leaflet asks to wait months after the last dose, not only while taking it.
            findings.push_back({condition_key(code), level,
                                fmt::format("isotretinoin stopped on {}, less than {} months "
                                            "before the session{}",
                                            time::format_date(*condition.details.resolved_on),
                                            settings.isotretinoin_months, cleared)});
        }
    }
}

void check_depths(const SessionDetails& session, const ClinicSettings& settings,
                  std::vector<Finding>& findings) {
    for (const auto& treated : session.areas) {
        // A limit set for the session's device on this area takes the area's place.
        std::optional<double> limit;
        std::string for_device;
        if (const auto device = settings.device_depth_limit_mm.find({treated.area, session.device});
            device != settings.device_depth_limit_mm.end()) {
            limit = device->second;
            for_device = fmt::format(" for {}", session.device);
        } else if (const auto area = settings.depth_limit_mm.find(treated.area);
                   area != settings.depth_limit_mm.end()) {
            limit = area->second;
        }
        if (!limit || treated.depth_mm <= *limit + 1e-9)
            continue;
        findings.push_back(
            {"depth:" + area_side_code(treated.area, treated.side), Level::block,
             fmt::format("depth {:.2f} mm on {} exceeds the clinic limit of {:.2f} mm{}",
                         treated.depth_mm, area_side_code(treated.area, treated.side), *limit,
                         for_device)});
    }
}

// lot:PRODUCT:LOT (lot:cartridge:LOT), so two products' lots with one number are two findings.
// A finding key holds no space, '=', ':' or control character: a lot number's are written '_'.
std::string lot_key(std::string_view product, std::string_view lot) {
    std::string key = fmt::format("lot:{}:", product);
    for (const unsigned char c : lot)
        key += c <= ' ' || c == '=' || c == ':' || c == 0x7F ? '_' : static_cast<char>(c);
    return key;
}

void check_lot(std::string_view product, std::string_view lot, time::Date day,
               const PatientFile& file, const ClinicSettings& settings,
               std::vector<Finding>& findings) {
    const auto registered = std::find_if(file.lots.begin(), file.lots.end(), [&](const Lot& l) {
        return l.product == product && same_lot_number(l.lot, lot);
    });
    const auto what = lot_name(product, lot);
    if (registered == file.lots.end()) {
        if (settings.lot_registration == LotRegistration::off)
            return;
        findings.push_back(
            {lot_key(product, lot),
             settings.lot_registration == LotRegistration::block ? Level::block : Level::warning,
             fmt::format("{} is not registered; register it with 'needlebook lot "
                         "add {} {} --expires YYYY-MM-DD'",
                         what, product, lot)});
        return;
    }
    if (registered->recalled_by(day))
        findings.push_back({lot_key(product, lot), Level::block,
                            fmt::format("{} was recalled on {}: {}", what,
                                        time::format_date(registered->details.recall->on),
                                        registered->details.recall->reason)});
    if (registered->expired_on(day))
        findings.push_back({lot_key(product, lot), Level::block,
                            fmt::format("{} expired on {}", what,
                                        time::format_date(registered->details.expires_on))});
}

void check_lots(const SessionDetails& session, time::Date day, const PatientFile& file,
                const ClinicSettings& settings, std::vector<Finding>& findings) {
    for (const auto& use : session.serums)
        check_lot(use.product, use.lot, day, file, settings, findings);
    if (!session.cartridge_lot.empty())
        check_lot(cartridge_product, session.cartridge_lot, day, file, settings, findings);
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

// The consents in force on `day`: signed by then, not withdrawn by then, not yet expired. Each
// counts for what it covers (a separate form for PRP or photos adds to the treatment consent).
// A withdrawal ends what the withdrawn consent covered, in it and in every consent signed before
// it (an older form a renewal replaced does not come back); a consent signed after it stands.
// A guardian counts for a minor when they signed a consent in force for microneedling.
struct ConsentOnDay {
    std::vector<ConsentScope> covered;  // the scopes in force, each once
    bool guardian = false;              // a guardian signed one in force for microneedling
    const Consent* expired = nullptr;   // the newest signed by the day that ran out
    const Consent* withdrawn = nullptr; // the one withdrawn last, by the day
};

bool holds(const std::vector<ConsentScope>& scopes, ConsentScope scope) {
    return std::find(scopes.begin(), scopes.end(), scope) != scopes.end();
}

ConsentOnDay consent_on(time::Date day, const PatientFile& file, const ClinicSettings& settings) {
    ConsentOnDay found;
    std::vector<const Consent*> withdrawals; // withdrawn by the day
    for (const auto& consent : file.consents) {
        const auto& d = consent.details;
        if (d.signed_on > day || d.in_force_on(day))
            continue;
        withdrawals.push_back(&consent);
        if (!found.withdrawn || d.withdrawal->on > found.withdrawn->details.withdrawal->on)
            found.withdrawn = &consent;
    }
    for (const auto& consent : file.consents) {
        const auto& d = consent.details;
        if (!d.in_force_on(day))
            continue;
        if (day >= d.expires_on(settings.consent_valid_months)) {
            if (!found.expired || d.signed_on > found.expired->details.signed_on)
                found.expired = &consent;
            continue;
        }
        auto scopes = d.scopes();
        for (const auto* later : withdrawals)
            if (later->details.signed_on >= d.signed_on)
                std::erase_if(scopes, [&](ConsentScope scope) {
                    return holds(later->details.scopes(), scope);
                });
        for (const auto scope : scopes)
            if (!holds(found.covered, scope))
                found.covered.push_back(scope);
        found.guardian =
            found.guardian || (!d.guardian.empty() && holds(scopes, ConsentScope::microneedling));
    }
    return found;
}

// What the session does that a consent must cover.
std::vector<ConsentScope> scopes_needed(const SessionDetails& session,
                                        const std::map<std::string, ProductKind>& kinds) {
    std::vector<ConsentScope> needed{ConsentScope::microneedling};
    const auto need = [&](ConsentScope scope) {
        if (std::find(needed.begin(), needed.end(), scope) == needed.end())
            needed.push_back(scope);
    };
    if (session.device == Device::rf)
        need(ConsentScope::rf);
    for (const auto& use : session.serums) {
        const auto known = kinds.find(use.product);
        const auto kind = known == kinds.end() ? ProductKind::other : known->second;
        if (kind == ProductKind::prp)
            need(ConsentScope::prp);
        else if (kind != ProductKind::anaesthetic)
            need(ConsentScope::serums);
    }
    return needed;
}

void check_consent(const SessionDetails& session, const PatientFile& file,
                   const ClinicSettings& settings, const ConsentOnDay& consent,
                   std::vector<Finding>& findings) {
    const auto level =
        settings.consent_policy == ConsentPolicy::block ? Level::block : Level::warning;
    if (consent.covered.empty()) {
        // Say what happened to the newest one: it ran out, or the patient withdrew it.
        const auto* expired = consent.expired;
        const auto* withdrawn = consent.withdrawn;
        if (expired && (!withdrawn || expired->details.signed_on >= withdrawn->details.signed_on)) {
            const auto& d = expired->details;
            findings.push_back(
                {"consent", level,
                 fmt::format("consent signed {} expired on {} (valid {} months)",
                             time::format_date(d.signed_on),
                             time::format_date(d.expires_on(settings.consent_valid_months)),
                             settings.consent_valid_months)});
        } else if (withdrawn) {
            const auto& d = withdrawn->details;
            findings.push_back(
                {"consent", level,
                 fmt::format("consent {} signed {} was withdrawn on {} ({}); record a new one "
                             "with 'needlebook consent add'",
                             withdrawn->id, time::format_date(d.signed_on),
                             time::format_date(d.withdrawal->on), d.withdrawal->reason)});
        } else {
            findings.push_back({"consent", level,
                                "no signed consent on file for the session day; record it with "
                                "'needlebook consent add'"});
        }
        return;
    }
    for (const auto scope : scopes_needed(session, file.product_kinds))
        if (!holds(consent.covered, scope))
            findings.push_back({fmt::format("consent:{}", scope), level,
                                fmt::format("no consent in force covers {} (in force: {})",
                                            label_of(scope), fmt::join(consent.covered, " "))});
}

// Under the clinic's minimum age a guardian must have signed a consent in force for
// microneedling.
void check_age(time::Date day, const PatientFile& file, const ClinicSettings& settings,
               const ConsentOnDay& consent, std::vector<Finding>& findings) {
    if (!file.birth_date || settings.minimum_age == 0)
        return;
    const int age = time::whole_years_between(*file.birth_date, day);
    if (age >= settings.minimum_age)
        return;
    if (consent.guardian)
        return;
    findings.push_back(
        {"age", Level::block,
         fmt::format("the patient is {} on the session day, under the clinic's minimum age of "
                     "{}; a consent for microneedling signed by a guardian is needed "
                     "('needlebook consent add … --guardian NAME')",
                     age, settings.minimum_age)});
}

} // namespace

std::string condition_key(ConditionCode code) {
    return fmt::format("condition:{}", code_of(code));
}

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
    check_lots(session, day, file, settings, findings);
    const auto consent = consent_on(day, file, settings);
    check_age(day, file, settings, consent, findings);
    check_consent(session, file, settings, consent, findings);
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
    if (const auto found = storage::PatientRepository(db).find(patient))
        file.birth_date = found->details.birth_date;
    std::erase_if(file.other_sessions,
                  [&](const Session& s) { return excluding && s.id == *excluding; });
    return file;
}

void load_session_references(storage::Database& db, const SessionDetails& session,
                             PatientFile& file) {
    storage::LotRepository lots(db);
    storage::SettingsRepository catalogue(db);
    const auto add = [&](std::string_view product, std::string_view lot) {
        if (auto found = lots.find(product, lot))
            file.lots.push_back(std::move(*found));
    };
    file.lots.clear();
    for (const auto& use : session.serums) {
        add(use.product, use.lot);
        if (const auto product = catalogue.find_product(use.product))
            file.product_kinds[use.product] = product->kind;
    }
    if (!session.cartridge_lot.empty())
        add(cartridge_product, session.cartridge_lot);
}

std::optional<Finding> check_photo_consent(time::Date day, const PatientFile& file,
                                           const ClinicSettings& settings) {
    const auto consent = consent_on(day, file, settings);
    if (holds(consent.covered, ConsentScope::photos))
        return std::nullopt;
    return Finding{fmt::format("consent:{}", ConsentScope::photos), Level::block,
                   fmt::format("no consent in force on {} covers {} (in force: {}); record one "
                               "with 'needlebook consent add PATIENT --signed DATE --covers "
                               "photos'",
                               time::format_date(day), label_of(ConsentScope::photos),
                               consent.covered.empty()
                                   ? std::string("none")
                                   : fmt::format("{}", fmt::join(consent.covered, " ")))};
}

bool has_blocking(const std::vector<Finding>& findings) {
    return std::any_of(findings.begin(), findings.end(),
                       [](const Finding& f) { return f.level == Level::block; });
}

} // namespace needlebook::rules
