#pragma once
// Plain-text views of records for the terminal (session show, patient show, lists).

#include "needlebook/model/condition.hpp"
#include "needlebook/model/patient.hpp"
#include "needlebook/model/reaction.hpp"
#include "needlebook/model/session.hpp"
#include "needlebook/render/table.hpp"
#include "needlebook/time/zone.hpp"

#include <string>
#include <vector>

namespace needlebook::render {

// The spellings of depths, --area and --serum live with the model; lists use them too.
using needlebook::area_spec;
using needlebook::format_depth;
using needlebook::serum_spec;

std::string patient_name(const PatientDetails& details); // 'Family, Given'
std::string revision_line(const RevisionInfo& revision, const time::ClinicZone& zone);
// 'KEY: message', and ' (reason: …)' for an overridden finding; not yet made visible().
std::string finding_text(const SessionFinding& finding);

std::string session_text(const Session& session, const std::vector<Reaction>& reactions,
                         const std::vector<Followup>& followups, const time::ClinicZone& zone);
std::string patient_text(const Patient& patient, const std::vector<Condition>& conditions,
                         const std::vector<Consent>& consents, const std::vector<Session>& sessions,
                         const time::ClinicZone& zone);

TextTable session_table(const std::vector<Session>& sessions, const time::ClinicZone& zone);
TextTable patient_table(const std::vector<Patient>& patients);

} // namespace needlebook::render
