#pragma once
// What is on file about a patient before treating: conditions and consent.

#include "needlebook/model/catalogue.hpp"
#include "needlebook/model/ids.hpp"
#include "needlebook/model/revision.hpp"
#include "needlebook/time/date.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook {

// A specialist's written clearance to treat despite a condition: from `on` until `until` its
// block is a stored warning, after that it blocks again.
struct Clearance {
    std::string by; // "Dr A. Shah, dermatologist"
    time::Date on{};
    time::Date until{};
    std::string reason;
    friend bool operator==(const Clearance&, const Clearance&) = default;

    bool covers(time::Date day) const { return on <= day && day <= until; }
};

struct ConditionDetails {
    ConditionCode code{};
    std::optional<time::Date> since;
    std::optional<time::Date> resolved_on; // active until set
    std::string note;
    std::vector<Clearance> clearances; // in the order given, the newest last
    friend bool operator==(const ConditionDetails&, const ConditionDetails&) = default;

    // The newest clearance covering `day`, if any.
    const Clearance* clearance_on(time::Date day) const {
        for (auto at = clearances.rbegin(); at != clearances.rend(); ++at)
            if (at->covers(day))
                return &*at;
        return nullptr;
    }
};

struct Condition {
    ConditionId id;
    PatientId patient_id;
    ConditionDetails details;
    RevisionInfo revision;

    // Active on `day`: begun by then (or no start known) and not yet resolved.
    bool active_on(time::Date day) const {
        return (!details.since || *details.since <= day) &&
               (!details.resolved_on || *details.resolved_on > day);
    }
};

struct ConsentWithdrawal {
    time::Date on{};
    std::string reason;
    friend bool operator==(const ConsentWithdrawal&, const ConsentWithdrawal&) = default;
};

struct ConsentDetails {
    time::Date signed_on{};
    // Scope codes (ConsentScope) separated by spaces, as stored; consents recorded before the
    // catalogue keep their free text (see scopes()).
    std::string covers;
    std::string guardian; // who signed for a minor; empty when the patient signed
    std::optional<ConsentWithdrawal> withdrawal;
    friend bool operator==(const ConsentDetails&, const ConsentDetails&) = default;

    // The scopes covered: the codes in `covers`. Text that is not codes only (free text from
    // before the catalogue, or nothing) covers microneedling with serums, what the clinic's
    // standard form covered: "no PRP" must not read as PRP.
    std::vector<ConsentScope> scopes() const;
    // The first day it no longer counts, `valid_months` (consent_valid_months) after signing.
    time::Date expires_on(int valid_months) const {
        return time::add_months(signed_on, valid_months);
    }
    bool in_force_on(time::Date day) const {
        return signed_on <= day && !(withdrawal && withdrawal->on <= day);
    }
};

// "microneedling serums prp": codes separated by spaces or commas, each known, each once;
// throws a ValidationError naming --covers and the catalogue.
std::string parse_consent_scopes(std::string_view text);

struct Consent {
    ConsentId id;
    PatientId patient_id;
    ConsentDetails details;
    RevisionInfo revision;
};

void validate(const ConditionDetails& details, time::Date today);
void validate(const ConsentDetails& details, time::Date today);
void validate(const Clearance& clearance);

} // namespace needlebook
