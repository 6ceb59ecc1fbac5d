#pragma once
// JSON views of records, for --format json: catalogue codes, dates as YYYY-MM-DD, session
// times both in the clinic's zone and in UTC.

#include "needlebook/model/assessment.hpp"
#include "needlebook/model/condition.hpp"
#include "needlebook/model/course.hpp"
#include "needlebook/model/lot.hpp"
#include "needlebook/model/patient.hpp"
#include "needlebook/model/photo.hpp"
#include "needlebook/model/reaction.hpp"
#include "needlebook/model/session.hpp"
#include "needlebook/time/zone.hpp"

#include <nlohmann/json.hpp>

namespace needlebook::render {

nlohmann::ordered_json to_json(const RevisionInfo& revision);
nlohmann::ordered_json to_json(const Patient& patient);
nlohmann::ordered_json to_json(const Condition& condition);
nlohmann::ordered_json to_json(const Consent& consent);
nlohmann::ordered_json to_json(const Lot& lot);
// Without reactions and follow-ups; add them with the fields "reactions" and "followups".
nlohmann::ordered_json to_json(const Session& session, const time::ClinicZone& zone);
nlohmann::ordered_json to_json(const Reaction& reaction);
nlohmann::ordered_json to_json(const Followup& followup);
nlohmann::ordered_json to_json(const Course& course);
nlohmann::ordered_json to_json(const Assessment& assessment);
// With the image's size, media type, SHA-256 and its file name in the photo store.
nlohmann::ordered_json to_json(const Photo& photo);
// A clinical finding stored with a session revision: key, level, message, override_reason,
// overridden_by and overridden_at (null for a warning).
nlohmann::ordered_json to_json(const SessionFinding& finding);

} // namespace needlebook::render
