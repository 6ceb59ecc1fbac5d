#pragma once
// The clinical checks run before a session is stored: contraindications on file (and their
// clearances), depth above the area's (or the device's) limit, too short an interval on the same
// area, expired, recalled or unregistered lots, the patient's age, and consent that is missing,
// expired, withdrawn or does not cover what was done.

#include "needlebook/model/condition.hpp"
#include "needlebook/model/lot.hpp"
#include "needlebook/model/session.hpp"
#include "needlebook/model/settings.hpp"
#include "needlebook/rules/finding.hpp"
#include "needlebook/storage/database.hpp"
#include "needlebook/time/zone.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace needlebook::rules {

// What the checks need to know about the patient besides the session itself.
struct PatientFile {
    std::vector<Condition> conditions;
    std::vector<Consent> consents;
    std::vector<Session> other_sessions; // current, not voided, the checked session left out
    std::optional<time::Date> birth_date;
    // What the checked session refers to (load_session_references): the registered lots it
    // names, and the kind of each product it uses.
    std::vector<Lot> lots;
    std::map<std::string, ProductKind> product_kinds;
};

// Logging a new session also warns about another session the same day (one visit logged
// twice); amending one does not.
enum class Purpose { log, amend };

// Pure: the same inputs give the same findings, blocking ones first.
std::vector<Finding> check_session(const SessionDetails& session, const PatientFile& file,
                                   const ClinicSettings& settings, const time::ClinicZone& zone,
                                   Purpose purpose = Purpose::log);

PatientFile load_patient_file(storage::Database& db, PatientId patient,
                              std::optional<SessionId> excluding = std::nullopt);
// Fills file.lots and file.product_kinds for `session` (its serums and its cartridge).
void load_session_references(storage::Database& db, const SessionDetails& session,
                             PatientFile& file);

// A clinical photo taken on `day` needs a consent in force then that covers photos: the
// blocking finding "consent:photos" when none does.
std::optional<Finding> check_photo_consent(time::Date day, const PatientFile& file,
                                           const ClinicSettings& settings);

bool has_blocking(const std::vector<Finding>& findings);

// "condition:eczema": the key of a condition's finding.
std::string condition_key(ConditionCode code);

} // namespace needlebook::rules
