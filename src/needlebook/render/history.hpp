#pragma once
// The four views of a PatientHistory: text for paper and terminals, printable HTML, JSON and
// CSV for machines. Each shows every session, voided ones and every correction included.

#include "needlebook/report/history.hpp"
#include "needlebook/time/zone.hpp"

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

namespace needlebook::render {

// Fits 80 columns; `color` makes headings bold (for a terminal only).
std::string history_text(const report::PatientHistory& history, const time::ClinicZone& zone,
                         bool color);
// One self-contained A4 document: inline CSS and SVG, no script, no external resource.
std::string history_html(const report::PatientHistory& history, const time::ClinicZone& zone);
nlohmann::ordered_json history_json(const report::PatientHistory& history,
                                    const time::ClinicZone& zone);
// One row per fact (session, area, serum, override, reaction, follow-up, correction).
void write_history_csv(std::ostream& out, const report::PatientHistory& history,
                       const time::ClinicZone& zone);

// Shared wording of the views.
std::string session_title(const report::SessionEntry& entry, const time::ClinicZone& zone);
std::string interval_text(const report::SessionEntry& entry);
std::string change_text(const report::FieldChange& change);
// The setting values a session's checks used, in one line: depth limits per area first.
std::string settings_used_text(const std::vector<std::pair<std::string, std::string>>& used);
std::string amendment_heading(const report::Amendment& amendment, const time::ClinicZone& zone);
// An amendment as the JSON history gives it: the revision (number, author, recorded_at,
// reason, voided), os_account when another account wrote it, and changes (field, before, after).
nlohmann::ordered_json to_json(const report::Amendment& amendment);
nlohmann::ordered_json to_json(const std::vector<report::Amendment>& amendments);
// 'cheek:left' or 'whole patient': what a score trend is of.
std::string trend_subject(const report::ScoreTrend& trend);
// '3 on 2026-08-01, 2 on 2026-10-20; change -1': a trend in one line.
std::string trend_text(const report::ScoreTrend& trend);
// 'photo 4, taken 2026-11-01, 1234 bytes, <sha256>.jpg': a photo as the views name it.
std::string photo_line(const Photo& photo);
// 'course 1: session 2 of 6'.
std::string course_line(const report::CourseEntry& entry);
// 'onset 2026-11-02 (day 1), resolved 2026-11-05 (day 4)' or '…, open (day 21 on 2026-11-23)'.
std::string reaction_days_text(const Reaction& reaction, const report::ReactionTimeline& timeline,
                               time::Date as_of);

} // namespace needlebook::render
