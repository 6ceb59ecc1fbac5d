// The machine views of a history: JSON and CSV.
#include "needlebook/render/csv_writer.hpp"
#include "needlebook/render/history.hpp"
#include "needlebook/render/json.hpp"
#include "needlebook/render/record_text.hpp"

#include <array>
#include <fmt/format.h>

namespace needlebook::render {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::array<std::string_view, 29> history_csv_columns{
    "patient",     "session",      "session_at", "session_voided", "record",   "record_id",
    "area",        "side",         "depth_mm",   "passes",         "product",  "lot",
    "phase",       "amount_ml",    "kind",       "severity",       "onset",    "resolved",
    "onset_day",   "recovery_day", "marks",      "date",           "revision", "author",
    "recorded_at", "field",        "before",     "after",          "text"};

// The index of a column by name; an unknown name does not compile (constexpr, throws).
consteval std::size_t column(std::string_view name) {
    for (std::size_t i = 0; i < history_csv_columns.size(); ++i)
        if (history_csv_columns[i] == name)
            return i;
    throw "unknown history CSV column";
}

Json to_json(const report::ReactionTimeline& t) {
    Json json{{"onset_day", t.onset_day}, {"recovery_day", t.recovery_day}};
    json["duration_days"] = t.duration ? Json(*t.duration) : Json();
    json["open"] = t.open;
    json["prolonged"] = t.prolonged;
    json["adverse"] = t.adverse;
    return json;
}

} // namespace

Json to_json(const report::Amendment& amendment) {
    Json json = render::to_json(amendment.revision);
    if (!amendment.os_account.empty())
        json["os_account"] = amendment.os_account;
    json["changes"] = Json::array();
    for (const auto& change : amendment.changes)
        json["changes"].push_back(
            {{"field", change.field}, {"before", change.before}, {"after", change.after}});
    return json;
}

Json to_json(const std::vector<report::Amendment>& amendments) {
    Json json = Json::array();
    for (const auto& amendment : amendments)
        json.push_back(to_json(amendment));
    return json;
}

namespace {

// A record with its corrections: the record's own JSON, plus "amendments".
template <class Record> Json to_json(const report::RecordEntry<Record>& entry) {
    Json json = render::to_json(entry.record);
    json["amendments"] = render::to_json(entry.amendments);
    return json;
}

// 'condition', or 'condition (voided)': the record column of the history CSV.
std::string record_name(std::string_view kind, const RevisionInfo& revision) {
    return revision.voided ? fmt::format("{} (voided)", kind) : std::string(kind);
}

} // namespace

Json history_json(const report::PatientHistory& history, const time::ClinicZone& zone) {
    Json json;
    json["clinic"] = history.clinic_name;
    json["time_zone"] = history.zone_name;
    json["as_of"] = time::format_date(history.as_of);
    json["printed_at"] = time::format_utc(history.printed_at);
    json["printed_by"] = history.printed_by;
    json["audit_chain_head"] = {{"id", history.audit_head.id}, {"hash", history.audit_head.hash}};
    json["patient"] = to_json(history.patient);
    json["patient"]["amendments"] = to_json(history.patient_amendments);
    json["chart_status"] = history.chart_status;
    json["conditions"] = Json::array();
    for (const auto& condition : history.conditions)
        json["conditions"].push_back(to_json(condition));
    json["consents"] = Json::array();
    for (const auto& consent : history.consents)
        json["consents"].push_back(to_json(consent));
    json["sessions"] = Json::array();
    for (const auto& entry : history.sessions) {
        Json session = to_json(entry.session, zone);
        session["day"] = time::format_date(entry.day);
        session["days_since_previous"] =
            entry.days_since_previous ? Json(*entry.days_since_previous) : Json();
        session["recovery_day"] = entry.recovery_day ? Json(*entry.recovery_day) : Json();
        session["reactions"] = Json::array();
        for (const auto& item : entry.reactions) {
            Json reaction = to_json(item.reaction);
            reaction["timeline"] = to_json(item.timeline);
            reaction["amendments"] = to_json(item.amendments);
            session["reactions"].push_back(reaction);
        }
        session["followups"] = Json::array();
        for (const auto& followup : entry.followups)
            session["followups"].push_back(to_json(followup));
        session["amendments"] = to_json(entry.amendments);
        session["settings_used"] = Json::object();
        for (const auto& [key, value] : entry.settings_used)
            session["settings_used"][key] = value;
        if (const auto place = history.place_of(entry.session.id)) {
            session["course_session"] = place->position;
            session["course_planned"] = place->planned;
        }
        json["sessions"].push_back(session);
    }
    json["courses"] = Json::array();
    for (const auto& entry : history.courses) {
        Json course = to_json(entry.course);
        Json sessions = Json::array();
        for (const auto id : entry.sessions)
            sessions.push_back(id.value);
        course["sessions"] = sessions;
        course["intervals_days"] = entry.intervals;
        course["amendments"] = to_json(entry.amendments);
        json["courses"].push_back(course);
    }
    json["scores"] = Json::array();
    for (const auto& entry : history.scores) {
        Json score = to_json(entry.score);
        score["amendments"] = to_json(entry.amendments);
        json["scores"].push_back(score);
    }
    json["score_trends"] = Json::array();
    for (const auto& trend : history.trends) {
        Json points = Json::array();
        for (const auto& point : trend.points)
            points.push_back({{"score", point.id.value},
                              {"on", time::format_date(point.details.assessed_on)},
                              {"value", point.details.score}});
        const auto change = trend.change();
        json["score_trends"].push_back({{"scale", std::string(scale_of(trend.scale).key)},
                                        {"area", trend.area ? Json(code_of(*trend.area)) : Json()},
                                        {"side", trend.side ? Json(code_of(*trend.side)) : Json()},
                                        {"points", points},
                                        {"change", change ? Json(*change) : Json()}});
    }
    json["photos"] = Json::array();
    for (const auto& entry : history.photos) {
        Json photo = to_json(entry.photo);
        photo["amendments"] = to_json(entry.amendments);
        json["photos"].push_back(photo);
    }
    json["photo_pairs"] = Json::array();
    for (const auto& pair : history.photo_pairs)
        json["photo_pairs"].push_back(
            {{"view", std::string(code_of(pair.view))},
             {"baseline", pair.baseline.id.value},
             {"latest", pair.latest ? Json(pair.latest->id.value) : Json()}});
    return json;
}

void write_history_csv(std::ostream& out, const report::PatientHistory& history,
                       const time::ClinicZone& zone) {
    CsvWriter csv(out);
    csv.write_header(
        std::vector<std::string>(history_csv_columns.begin(), history_csv_columns.end()));
    const auto number = [](auto value) { return CsvCell{fmt::format("{}", value), true}; };
    // A row about `record` of session `entry` (none for the patient record itself).
    const auto row = [&](const report::SessionEntry* entry, std::string_view record,
                         std::string record_id) {
        std::vector<CsvCell> cells(history_csv_columns.size());
        cells[column("patient")] = {history.patient.code};
        if (entry != nullptr) {
            cells[column("session")] = number(entry->session.id.value);
            cells[column("session_at")] = {zone.format_local(entry->session.details.performed_at)};
            cells[column("session_voided")] = number(entry->session.revision.voided ? 1 : 0);
        }
        cells[column("record")] = {std::string(record)};
        cells[column("record_id")] = {std::move(record_id), true};
        return cells;
    };
    const auto amendment_rows = [&](const report::SessionEntry* entry, std::string_view record,
                                    const std::string& id,
                                    const std::vector<report::Amendment>& amendments) {
        for (const auto& amendment : amendments) {
            // One row per changed field, and one for a revision that names none, so no
            // correction is ever missing from the file.
            std::vector<report::FieldChange> changes = amendment.changes;
            if (changes.empty())
                changes.push_back({});
            for (const auto& change : changes) {
                auto cells = row(entry, fmt::format("{} correction", record), id);
                cells[column("revision")] = number(amendment.revision.number);
                cells[column("author")] = {amendment.revision.author};
                cells[column("recorded_at")] = {time::format_utc(amendment.revision.recorded_at)};
                cells[column("field")] = {change.field};
                cells[column("before")] = {change.before};
                cells[column("after")] = {change.after};
                cells[column("text")] = {amendment.revision.reason};
                csv.write_row(cells);
            }
        }
    };
    amendment_rows(nullptr, "patient", std::to_string(history.patient.id.value),
                   history.patient_amendments);
    for (const auto& entry : history.conditions) {
        const auto& condition = entry.record;
        const auto& c = condition.details;
        const auto id = std::to_string(condition.id.value);
        auto cells = row(nullptr, record_name("condition", condition.revision), id);
        cells[column("kind")] = {std::string(code_of(c.code))};
        cells[column("onset")] = {c.since ? time::format_date(*c.since) : ""};
        cells[column("resolved")] = {c.resolved_on ? time::format_date(*c.resolved_on) : ""};
        cells[column("revision")] = number(condition.revision.number);
        cells[column("author")] = {condition.revision.author};
        cells[column("recorded_at")] = {time::format_utc(condition.revision.recorded_at)};
        cells[column("text")] = {c.note};
        csv.write_row(cells);
        for (const auto& clearance : c.clearances) {
            auto cleared = row(nullptr, "clearance", std::to_string(condition.id.value));
            cleared[column("kind")] = {std::string(code_of(c.code))};
            cleared[column("date")] = {time::format_date(clearance.until)};
            cleared[column("text")] = {clearance_text(clearance)};
            csv.write_row(cleared);
        }
        amendment_rows(nullptr, "condition", id, entry.amendments);
    }
    for (const auto& entry : history.consents) {
        const auto& consent = entry.record;
        const auto id = std::to_string(consent.id.value);
        auto cells = row(nullptr, record_name("consent", consent.revision), id);
        cells[column("date")] = {time::format_date(consent.details.signed_on)};
        cells[column("revision")] = number(consent.revision.number);
        cells[column("author")] = {consent.revision.author};
        cells[column("recorded_at")] = {time::format_utc(consent.revision.recorded_at)};
        cells[column("text")] = {consent_text(consent.details)};
        csv.write_row(cells);
        amendment_rows(nullptr, "consent", id, entry.amendments);
    }
    for (const auto& entry : history.courses) {
        const auto& c = entry.course;
        const auto id = std::to_string(c.id.value);
        auto cells = row(nullptr, record_name("course", c.revision), id);
        cells[column("kind")] = {std::string(code_of(c.details.indication))};
        cells[column("date")] = {time::format_date(c.details.started_on)};
        cells[column("revision")] = number(c.revision.number);
        cells[column("author")] = {c.revision.author};
        cells[column("recorded_at")] = {time::format_utc(c.revision.recorded_at)};
        cells[column("text")] = {course_line(entry) + "; " + course_text(c.details)};
        csv.write_row(cells);
        amendment_rows(nullptr, "course", id, entry.amendments);
    }
    for (const auto& entry : history.scores) {
        const auto& a = entry.score;
        const auto id = std::to_string(a.id.value);
        auto cells = row(nullptr, record_name("score", a.revision), id);
        cells[column("kind")] = {std::string(scale_of(a.details.scale).key)};
        cells[column("area")] = {a.details.area ? std::string(code_of(*a.details.area)) : ""};
        cells[column("side")] = {a.details.side ? std::string(code_of(*a.details.side)) : ""};
        cells[column("date")] = {time::format_date(a.details.assessed_on)};
        cells[column("revision")] = number(a.revision.number);
        cells[column("author")] = {a.revision.author};
        cells[column("recorded_at")] = {time::format_utc(a.revision.recorded_at)};
        cells[column("text")] = {score_text(a.details)};
        csv.write_row(cells);
        amendment_rows(nullptr, "score", id, entry.amendments);
    }
    for (const auto& entry : history.photos) {
        const auto& photo = entry.photo;
        const auto id = std::to_string(photo.id.value);
        auto cells = row(nullptr, record_name("photo", photo.revision), id);
        cells[column("kind")] = {std::string(code_of(photo.details.view))};
        cells[column("date")] = {time::format_date(photo.details.taken_on)};
        cells[column("revision")] = number(photo.revision.number);
        cells[column("author")] = {photo.revision.author};
        cells[column("recorded_at")] = {time::format_utc(photo.revision.recorded_at)};
        cells[column("text")] = {photo_line(photo)};
        csv.write_row(cells);
        amendment_rows(nullptr, "photo", id, entry.amendments);
    }
    for (const auto& entry : history.sessions) {
        const auto& s = entry.session;
        const auto id = std::to_string(s.id.value);
        auto cells = row(&entry, "session", id);
        cells[column("date")] = {time::format_date(entry.day)};
        cells[column("revision")] = number(s.revision.number);
        cells[column("author")] = {s.revision.author};
        cells[column("recorded_at")] = {time::format_utc(s.revision.recorded_at)};
        cells[column("product")] = {s.details.cartridge};
        cells[column("lot")] = {s.details.cartridge_lot};
        cells[column("text")] = {fmt::format("practitioner {}; {}{}; indication {}",
                                             s.details.practitioner, code_of(s.details.device),
                                             s.details.model.empty() ? "" : " " + s.details.model,
                                             code_of(s.details.indication))};
        csv.write_row(cells);
        for (const auto& treated : s.details.areas) {
            auto a = row(&entry, "area", id);
            a[column("area")] = {std::string(code_of(treated.area))};
            a[column("side")] = {treated.side ? std::string(code_of(*treated.side)) : ""};
            a[column("depth_mm")] = {format_depth(treated.depth_mm), true};
            a[column("passes")] = {treated.passes ? std::to_string(*treated.passes) : "", true};
            csv.write_row(a);
        }
        for (const auto& use : s.details.serums) {
            auto u = row(&entry, "serum", id);
            u[column("product")] = {use.product};
            u[column("lot")] = {use.lot};
            u[column("phase")] = {std::string(code_of(use.phase))};
            u[column("amount_ml")] = {use.amount_ml ? format_amount(*use.amount_ml) : "", true};
            csv.write_row(u);
        }
        for (const auto& finding : s.findings) {
            auto o = row(&entry, fmt::format("{}", finding.level), id);
            o[column("field")] = {finding.key};
            o[column("text")] = {
                finding.level == FindingLevel::overridden
                    ? fmt::format("{} (reason: {})", finding.message, finding.override_reason)
                    : finding.message};
            csv.write_row(o);
        }
        for (const auto& item : entry.reactions) {
            const auto& r = item.reaction;
            auto c = row(&entry, record_name("reaction", r.revision), std::to_string(r.id.value));
            c[column("kind")] = {std::string(code_of(r.details.kind))};
            c[column("severity")] = {std::string(code_of(r.details.severity))};
            c[column("area")] = {r.details.area ? std::string(code_of(*r.details.area)) : ""};
            c[column("side")] = {r.details.side ? std::string(code_of(*r.details.side)) : ""};
            c[column("onset")] = {time::format_date(r.details.onset)};
            c[column("resolved")] = {r.details.resolved ? time::format_date(*r.details.resolved)
                                                        : ""};
            c[column("onset_day")] = number(item.timeline.onset_day);
            c[column("recovery_day")] = number(item.timeline.recovery_day);
            c[column("marks")] = {report::timeline_marks(item.timeline)};
            c[column("text")] = {r.details.note};
            csv.write_row(c);
            amendment_rows(&entry, "reaction", std::to_string(r.id.value), item.amendments);
        }
        for (const auto& item : entry.followups) {
            const auto& followup = item.record;
            const auto followup_id = std::to_string(followup.id.value);
            auto f = row(&entry, record_name("followup", followup.revision), followup_id);
            f[column("date")] = {time::format_date(followup.details.checked_on)};
            f[column("field")] = {std::string(code_of(followup.details.outcome))};
            f[column("text")] = {followup.details.note};
            csv.write_row(f);
            amendment_rows(&entry, "followup", followup_id, item.amendments);
        }
        amendment_rows(&entry, "session", id, entry.amendments);
    }
}

} // namespace needlebook::render
