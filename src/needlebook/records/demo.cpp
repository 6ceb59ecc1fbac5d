#include "needlebook/records/demo.hpp"

#include "needlebook/error.hpp"
#include "needlebook/records/assessments.hpp"
#include "needlebook/records/courses.hpp"
#include "needlebook/records/lots.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/reactions.hpp"
#include "needlebook/records/sessions.hpp"
#include "needlebook/storage/patient_repository.hpp"

#include <array>
#include <cmath>
#include <fmt/format.h>
#include <random>

namespace needlebook::records {
namespace {

constexpr std::array family_names{"Smith",  "Okafor",  "Nguyen", "García",  "Kowalski", "Haddad",
                                  "Müller", "Tanaka",  "Singh",  "O'Brien", "Rossi",    "Mensah",
                                  "Larsen", "Petrov",  "Chen",   "Dubois",  "Ahmed",    "Silva",
                                  "Kim",    "Johnson", "Novak",  "Brown",   "Fischer",  "Costa"};
constexpr std::array given_names{"Ann",    "Chidi", "Linh",  "Lucía",   "Marta",  "Yara",
                                 "Jonas",  "Yuki",  "Priya", "Siobhán", "Giulia", "Kwame",
                                 "Ingrid", "Olga",  "Wei",   "Camille", "Omar",   "Beatriz",
                                 "Min-ji", "Grace", "Pavel", "Emma",    "Lena",   "Rui"};
constexpr std::array practitioners{"Dr Amara Lee", "Nurse Tom Reid", "Dr Sofia Marin"};
constexpr std::array lot_suffixes{"A1", "B7", "C3", "D9"};
constexpr std::array<std::string_view, 5> demo_products{"ha-serum", "gf-serum", "peptide-serum",
                                                        "exosome-serum", "vitc-serum"};

// A small deterministic generator: std distributions differ between standard libraries.
class Dice {
public:
    explicit Dice(std::uint64_t seed) : m_engine(seed) {}
    int between(int low, int high) {
        return low + static_cast<int>(m_engine() % static_cast<std::uint64_t>(high - low + 1));
    }
    bool chance(double probability) {
        return static_cast<double>(m_engine() % 1000000) < probability * 1000000;
    }
    template <class T, std::size_t N> const T& pick(const std::array<T, N>& items) {
        return items[static_cast<std::size_t>(between(0, static_cast<int>(N) - 1))];
    }
    // A depth in [low, high] mm on the 0.05 mm steps a pen dial has.
    double depth(double low, double high) {
        const int steps = static_cast<int>(std::lround((high - low) / 0.05));
        return std::round((low + 0.05 * between(0, steps)) * 100) / 100;
    }

private:
    std::mt19937_64 m_engine;
};

struct AreaPlan {
    Area area;
    bool sided;
    double low, high; // the typical range of docs/clinical-defaults.md
};

std::vector<AreaPlan> areas_for(Indication indication) {
    switch (indication) {
    case Indication::acne_scars:
        return {{Area::cheek, true, 1.0, 1.5},
                {Area::chin, false, 0.5, 1.0},
                {Area::forehead, false, 0.25, 0.5},
                {Area::temple, true, 0.25, 0.5}};
    case Indication::surgical_scar:
        return {{Area::scar, false, 1.0, 2.0}};
    case Indication::stretch_marks:
        return {{Area::abdomen, false, 1.0, 2.5},
                {Area::thigh, true, 1.0, 2.5},
                {Area::arm, true, 1.0, 2.0}};
    case Indication::hyperpigmentation:
    case Indication::melasma:
        return {{Area::cheek, true, 0.5, 1.0},
                {Area::forehead, false, 0.25, 0.5},
                {Area::perioral, false, 0.25, 0.5}};
    default:
        return {{Area::forehead, false, 0.25, 0.5}, {Area::periorbital, true, 0.2, 0.3},
                {Area::cheek, true, 0.5, 1.0},      {Area::perioral, false, 0.25, 0.5},
                {Area::neck, false, 0.5, 1.0},      {Area::nose, false, 0.25, 0.5},
                {Area::jawline, false, 0.5, 1.0},   {Area::decolletage, false, 0.5, 1.0}};
    }
}

Indication pick_indication(Dice& dice) {
    const int roll = dice.between(1, 100);
    if (roll <= 45)
        return Indication::rejuvenation;
    if (roll <= 70)
        return Indication::acne_scars;
    if (roll <= 78)
        return Indication::surgical_scar;
    if (roll <= 88)
        return Indication::stretch_marks;
    return roll <= 95 ? Indication::hyperpigmentation : Indication::melasma;
}

Device pick_device(Dice& dice, Indication indication) {
    const int roll = dice.between(1, 100);
    if (indication == Indication::surgical_scar && roll <= 30)
        return Device::stamp;
    if (roll <= 75)
        return Device::pen;
    return roll <= 88 ? Device::rf : Device::roller;
}

PatientDetails make_patient(Dice& dice, time::Date today) {
    PatientDetails patient;
    patient.family_name = dice.pick(family_names);
    patient.given_name = dice.pick(given_names);
    patient.birth_date =
        time::add_days(time::Date{date::year{1952} / 1 / 1}, dice.between(0, 365 * 52));
    if (patient.birth_date > today)
        patient.birth_date = today;
    patient.fitzpatrick = dice.between(1, 6);
    patient.phone = fmt::format("+44 7700 900{:03}", dice.between(0, 999));
    patient.email = fmt::format("patient{}@example.org", dice.between(1000, 99999));
    return patient;
}

SessionDetails make_session(Dice& dice, Indication indication, Device device,
                            time::Instant performed_at) {
    SessionDetails session;
    session.performed_at = performed_at;
    session.practitioner = dice.pick(practitioners);
    session.indication = indication;
    session.device = device;
    session.model = device == Device::pen ? "Dermapen 4" : device == Device::rf ? "Morpheus8" : "";
    session.cartridge = device == Device::pen ? "16-pin" : device == Device::rf ? "24-pin" : "";
    session.cartridge_lot =
        session.cartridge.empty() ? "" : fmt::format("CL-{}", dice.between(100, 140));
    session.anaesthetic = dice.chance(0.7) ? "lidocaine 5% cream, 30 min" : "";
    session.endpoint = dice.chance(0.6) ? "even erythema" : "pinpoint bleeding";
    session.aftercare = "SPF 50, no make-up 24 h, gentle cleanser";
    auto plans = areas_for(indication);
    const int count = std::min<int>(static_cast<int>(plans.size()), dice.between(1, 3));
    for (int i = 0; i < count; ++i) {
        const auto& plan = plans[static_cast<std::size_t>(i)];
        const auto depth = dice.depth(plan.low, plan.high);
        const std::optional<int> passes = dice.between(2, 4);
        if (plan.sided) {
            session.areas.push_back({plan.area, Side::left, depth, passes});
            session.areas.push_back({plan.area, Side::right, depth, passes});
        } else {
            session.areas.push_back({plan.area, std::nullopt, depth, passes});
        }
    }
    const int serums = dice.between(0, 2);
    for (int i = 0; i < serums; ++i) {
        const auto product =
            demo_products[static_cast<std::size_t>(dice.between(0, i == 0 ? 2 : 3))];
        const auto lot = fmt::format("{}-{}", product.substr(0, 2), dice.pick(lot_suffixes));
        if (i == 1 && session.serums.front().product == product)
            break;
        session.serums.push_back(
            {std::string(product), lot, i == 0 ? SerumPhase::during : SerumPhase::after});
    }
    return session;
}

struct ReactionPlan {
    ReactionKind kind;
    double chance;
    int onset_low, onset_high;       // days after the session
    int duration_low, duration_high; // days from onset to resolution
};

// Mostly within the norms of docs/clinical-defaults.md; a few run long, a few are adverse.
constexpr std::array reaction_plans{
    ReactionPlan{ReactionKind::erythema, 0.80, 0, 0, 1, 5},
    ReactionPlan{ReactionKind::pinpoint_bleeding, 0.30, 0, 0, 0, 1},
    ReactionPlan{ReactionKind::oedema, 0.20, 0, 1, 1, 4},
    ReactionPlan{ReactionKind::dryness_peeling, 0.25, 2, 3, 3, 8},
    ReactionPlan{ReactionKind::itching, 0.08, 1, 2, 2, 8},
    ReactionPlan{ReactionKind::bruising, 0.05, 0, 1, 5, 12},
    ReactionPlan{ReactionKind::acneiform_eruption, 0.03, 2, 5, 5, 18},
    ReactionPlan{ReactionKind::milia, 0.02, 5, 10, 7, 21},
    ReactionPlan{ReactionKind::herpes_reactivation, 0.005, 2, 4, 7, 12},
};

void add_reactions(Scope& scope, Dice& dice, const Session& session, int fitzpatrick,
                   DemoSummary& summary) {
    const auto day = scope.zone().local_date(session.details.performed_at);
    const auto today = scope.today();
    std::optional<time::Date> first_onset;
    const auto add = [&](ReactionKind kind, Severity severity, int onset, int duration) {
        ReactionDetails reaction;
        reaction.kind = kind;
        reaction.severity = severity;
        const auto& area = session.details.areas[static_cast<std::size_t>(
            dice.between(0, static_cast<int>(session.details.areas.size()) - 1))];
        reaction.area = area.area;
        reaction.side = area.side;
        reaction.onset = time::add_days(day, onset);
        if (reaction.onset > today)
            return;
        const auto resolved = time::add_days(reaction.onset, duration);
        if (resolved <= today)
            reaction.resolved = resolved; // otherwise still open as of today
        add_reaction(scope, session.id, reaction);
        ++summary.reactions;
        if (!first_onset || reaction.onset < *first_onset)
            first_onset = reaction.onset;
    };
    for (const auto& plan : reaction_plans)
        if (dice.chance(plan.chance))
            add(plan.kind, dice.chance(0.8) ? Severity::mild : Severity::moderate,
                dice.between(plan.onset_low, plan.onset_high),
                dice.between(plan.duration_low, plan.duration_high));
    // Darker skin carries the risk of post-inflammatory hyperpigmentation (Chu 2021).
    if (fitzpatrick >= 4 && dice.chance(0.04))
        add(ReactionKind::post_inflammatory_hyperpigmentation, Severity::moderate,
            dice.between(7, 14), dice.between(45, 120));
    const auto checked = time::add_days(day, dice.between(2, 7));
    if (checked <= today && dice.chance(0.85)) {
        // What the follow-up saw: reactions with a later onset were not there yet.
        const bool seen = first_onset && *first_onset <= checked;
        add_followup(scope, session.id,
                     {checked, seen ? FollowupOutcome::reactions : FollowupOutcome::none,
                      seen ? "" : "skin settled"});
        ++summary.followups;
    }
}

// A time between 09:00 and 17:30 on `day`, when the clinic is open.
// The demo's serum lots (two letters of the product, then a suffix) and cartridge lots
// (CL-100 to CL-140), registered as received before the first session, in date until after
// today, so the lot checks find each one.

void register_demo_lots(Scope& scope) {
    LotDetails details;
    details.received_on = time::add_days(scope.today(), -750);
    details.expires_on = time::add_days(scope.today(), 730);
    for (const auto product : demo_products)
        for (const auto suffix : lot_suffixes)
            add_lot(scope, product, fmt::format("{}-{}", product.substr(0, 2), suffix), details);
    for (int number = 100; number <= 140; ++number)
        add_lot(scope, cartridge_product, fmt::format("CL-{}", number), details);
}

time::Instant clinic_hours(Scope& scope, Dice& dice, time::Date day) {
    const auto local = fmt::format("{} {:02}:{:02}", time::format_date(day), dice.between(9, 17),
                                   dice.chance(0.5) ? 0 : 30);
    return scope.zone().parse_local(local, "demo session time");
}

// The scale a course of `indication` is scored on, whole patient; nothing for indications the
// demo does not follow with scores.
std::optional<ScaleCode> outcome_scale_of(Indication indication) {
    switch (indication) {
    case Indication::acne_scars:
        return ScaleCode::goodman_baron_quant;
    case Indication::melasma:
    case Indication::hyperpigmentation:
        return ScaleCode::mmasi;
    case Indication::rejuvenation:
        return ScaleCode::gais_clinician;
    default:
        return std::nullopt;
    }
}

// A plausible baseline on `scale`, and the latest after treatment: most patients improve by a
// quarter to a half, some hardly at all. GAIS has no baseline: a rating, mostly 1 to 3.
std::pair<std::optional<double>, double> plausible_scores(Dice& dice, ScaleCode scale) {
    if (scale == ScaleCode::gais_clinician)
        return {std::nullopt, static_cast<double>(dice.between(1, 3) + (dice.chance(0.1) ? 1 : 0))};
    const bool quant = scale == ScaleCode::goodman_baron_quant;
    const double baseline = quant ? dice.between(12, 60) : dice.between(16, 80) * 0.25;
    const double kept =
        dice.chance(0.2) ? dice.between(85, 100) / 100.0 : dice.between(45, 80) / 100.0;
    const double latest = quant ? std::round(baseline * kept) : std::round(baseline * kept * 4) / 4;
    return {baseline, latest};
}

AssessmentDetails whole_patient_score(ScaleCode scale, double score, time::Date on,
                                      std::optional<CourseId> course) {
    AssessmentDetails details;
    details.scale = scale;
    details.score = score;
    details.assessed_on = on;
    details.course = course;
    return details;
}

} // namespace

void check_demo_options(const DemoOptions& options) {
    if (options.patients < 1 || options.patients > 1000000)
        throw ValidationError("patients", fmt::format("patients {} is out of range; allowed: 1 to "
                                                      "1000000",
                                                      options.patients));
}

DemoSummary fill_demo_clinic(Scope& scope, const DemoOptions& options) {
    check_demo_options(options);
    scope.db().keep_journals_in_memory(); // one transaction that writes the whole file
    scope.db().use_large_page_cache();
    auto summary = scope.db().write([&] {
        DemoSummary summary;
        // An empty database needs no look at the audit log (which has no index on action).
        const bool has_patients = storage::PatientRepository(scope.db()).any();
        if (has_patients && storage::has_audit_action(scope.db(), "demo.fill")) {
            summary.already_filled = true;
            return summary;
        }
        if (has_patients)
            throw Conflict("the database already holds patients; demo fills only an empty "
                           "database (give --db with a new file)");
        register_demo_lots(scope);
        Dice dice(options.seed);
        for (int p = 0; p < options.patients; ++p) {
            const auto details = make_patient(dice, scope.today());
            const auto patient = register_patient(scope, std::nullopt, details);
            ++summary.patients;
            const auto indication = pick_indication(dice);
            const auto device = pick_device(dice, indication);
            auto day = time::add_days(scope.today(), -dice.between(60, 720));
            // Consent is signed at the first visit and renewed before it runs out.
            auto consent_day = time::add_days(day, -dice.between(0, 7));
            // What the clinic's form covers; RF microneedling has its own line on it.
            const std::string covers = device == Device::rf ? "microneedling serums rf photos"
                                                            : "microneedling serums photos";
            add_consent(scope, patient.code, {consent_day, covers, "", std::nullopt});
            if (dice.chance(0.08))
                add_condition(
                    scope, patient.code,
                    {ConditionCode::keloid_tendency, std::nullopt, std::nullopt, "family history"});
            const int sessions = dice.between(1, 8);
            // Courses and scores draw on dice of their own, so the rest of the clinic is the
            // same clinic a seed gave before they existed.
            Dice course_dice(options.seed * 7919 + static_cast<std::uint64_t>(p));
            std::optional<Course> course;
            std::optional<std::pair<std::optional<double>, double>> scores;
            const auto scale = outcome_scale_of(indication);
            if (scale && sessions >= 2 && course_dice.chance(0.7)) {
                CourseDetails plan;
                plan.indication = indication;
                plan.planned = sessions;
                plan.every_days = indication == Indication::acne_scars ? 42 : 28;
                plan.started_on = day;
                course = start_course(scope, patient.code, plan);
                scores = plausible_scores(course_dice, *scale);
                if (scores->first) {
                    record_assessment(scope, patient.code,
                                      whole_patient_score(*scale, *scores->first, day, course->id),
                                      CourseLink::as_given);
                    ++summary.scores;
                }
                ++summary.courses;
            }
            std::optional<time::Date> last_day;
            int held = 0;
            for (int s = 0; s < sessions && day < scope.today(); ++s) {
                if (time::days_between(consent_day, day) > 330) {
                    consent_day = day;
                    add_consent(scope, patient.code, {consent_day, covers, "", std::nullopt});
                }
                const auto at = clinic_hours(scope, dice, day);
                LogOptions extra;
                if (course)
                    extra.pain = course_dice.between(1, 6);
                const auto logged = log_session(
                    scope, patient.code, make_session(dice, indication, device, at), {}, extra);
                last_day = day;
                ++held;
                ++summary.sessions;
                summary.areas += static_cast<int>(logged.session.details.areas.size());
                summary.serums += static_cast<int>(logged.session.details.serums.size());
                add_reactions(scope, dice, logged.session, *details.fitzpatrick, summary);
                day = time::add_days(day, dice.between(28, 56));
            }
            // The outcome four weeks after the last session, and the course closed when done.
            if (course && last_day) {
                const auto scored_on = time::add_days(*last_day, 28);
                if (scored_on <= scope.today()) {
                    record_assessment(
                        scope, patient.code,
                        whole_patient_score(*scale, scores->second, scored_on, course->id),
                        CourseLink::as_given);
                    ++summary.scores;
                    if (held == sessions)
                        close_course(scope, course->id,
                                     {scored_on, CourseOutcome::completed, "plan done"});
                }
            }
        }
        // A whole-database action: no patient, record or revision.
        append_audit(scope.db(),
                     {scope.clock().now(), scope.actor(), "demo.fill", std::nullopt, "",
                      std::nullopt, std::nullopt,
                      fmt::format("seed {}, {} patients", options.seed, options.patients)});
        return summary;
    });
    scope.db().refresh_statistics(); // a whole clinic written at once
    return summary;
}

} // namespace needlebook::records
