#pragma once
// The manager's reports as titled tables, and the three ways to print them: aligned text,
// JSON and CSV. Each report is turned into a ReportView once; the formats never diverge.

#include "needlebook/records/safekeeping.hpp"
#include "needlebook/render/csv_writer.hpp"
#include "needlebook/report/followups.hpp"
#include "needlebook/report/lot_recall.hpp"
#include "needlebook/report/outcomes.hpp"
#include "needlebook/report/recovery.hpp"
#include "needlebook/storage/verification.hpp"
#include "needlebook/time/zone.hpp"

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace needlebook::render {

struct ViewTable {
    std::string name;  // key in JSON and the 'list' column in CSV, e.g. 'open_reactions'
    std::string title; // heading in text
    std::vector<std::string> columns;
    std::vector<std::vector<CsvCell>> rows; // numeric cells are numbers in JSON, right-aligned
    std::string empty_text;                 // printed in text when there are no rows
};

struct ReportView {
    std::string title;
    // As-of date, filters, counts: snake_case keys for JSON, printed with spaces in text.
    std::vector<std::pair<std::string, CsvCell>> facts;
    std::vector<std::string> notes; // how to read the figures
    std::vector<ViewTable> tables;
};

std::string view_text(const ReportView& view, bool color);
nlohmann::ordered_json view_json(const ReportView& view);
// One CSV table: a 'list' column naming the table when there are several, then the columns of
// every table in order of first appearance.
void write_view_csv(std::ostream& out, const ReportView& view);

ReportView recovery_view(const report::RecoveryReport& report);
ReportView followups_view(const report::FollowupReport& report);
// Per scale and group: units, patients, medians and responders (render/outcomes_view.cpp).
ReportView outcomes_view(const report::OutcomeReport& report);
// Every session that received the lot, or (contacts) one row per patient for a mail merge.
enum class LotViewPart { recipients, contacts };
ReportView lot_view(const report::LotRecall& recall, const time::ClinicZone& zone,
                    LotViewPart part = LotViewPart::recipients);
// `check` and the verification printed by `backup` and `restore`.
ReportView check_view(const std::string& file, const storage::DatabaseCheck& check);
// The same verdict on one line: "integrity ok, …, records ok (812 rows), …".
std::string verified_summary(const storage::DatabaseCheck& check);
ReportView audit_view(const std::vector<records::AuditLine>& lines);

} // namespace needlebook::render
