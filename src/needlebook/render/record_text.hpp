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

// Depths always with two decimals, so 0.25 and 2.5 cannot be mistaken for each other.
std::string format_depth(double depth_mm);
// 'cheek:left=1.50x3', the spelling of --area, for lists and CSV.
std::string area_spec(const AreaTreatment& treated);
// 'ha-serum@HA2291:after', the spelling of --serum.
std::string serum_spec(const SerumUse& use);
std::string patient_name(const PatientDetails& details); // 'Family, Given'
std::string revision_line(const RevisionInfo& revision, const time::ClinicZone& zone);

std::string session_text(const Session& session, const std::vector<Reaction>& reactions,
                         const std::vector<Followup>& followups, const time::ClinicZone& zone);
std::string patient_text(const Patient& patient, const std::vector<Condition>& conditions,
                         const std::vector<Consent>& consents, const std::vector<Session>& sessions,
                         const time::ClinicZone& zone);

TextTable session_table(const std::vector<Session>& sessions, const time::ClinicZone& zone);
TextTable patient_table(const std::vector<Patient>& patients);

} // namespace needlebook::render
