#include "needlebook/report/changes.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace needlebook::report {
namespace {

void compare(std::vector<FieldChange>& changes, std::string field, const std::string& before,
             const std::string& after) {
    if (before != after)
        changes.push_back({std::move(field), before, after});
}

std::string optional_date(const std::optional<time::Date>& day) {
    return day ? time::format_date(*day) : "";
}

// A finding is known by its key; what changes is its level, message or override reason.
std::string finding_state(const SessionFinding& finding) {
    if (finding.level == FindingLevel::overridden)
        return fmt::format("overridden: {} (reason: {})", finding.message, finding.override_reason);
    return fmt::format("warning: {}", finding.message);
}

// Compares two lists of items keyed by `key_of`: added, removed, and changed items.
template <class Item, class Key, class Text>
void compare_lists(std::vector<FieldChange>& changes, const std::string& field,
                   const std::vector<Item>& before, const std::vector<Item>& after, Key key_of,
                   Text text_of) {
    std::map<std::string, std::string> old_items, new_items;
    for (const auto& item : before)
        old_items[key_of(item)] = text_of(item);
    for (const auto& item : after)
        new_items[key_of(item)] = text_of(item);
    for (const auto& [key, text] : old_items) {
        const auto now = new_items.find(key);
        if (now == new_items.end())
            changes.push_back({field + " " + key, text, ""});
        else if (now->second != text)
            changes.push_back({field + " " + key, text, now->second});
    }
    for (const auto& [key, text] : new_items)
        if (!old_items.contains(key))
            changes.push_back({field + " " + key, "", text});
}

std::string area_text(const AreaTreatment& treated) {
    return treated.passes
               ? fmt::format("{} mm x{}", format_depth(treated.depth_mm), *treated.passes)
               : fmt::format("{} mm", format_depth(treated.depth_mm));
}

} // namespace

std::vector<FieldChange> changes_between(const Session& old_session, const Session& new_session,
                                         const time::ClinicZone& zone) {
    const auto& a = old_session.details;
    const auto& b = new_session.details;
    std::vector<FieldChange> changes;
    compare(changes, "chart", old_session.patient_code, new_session.patient_code); // a merge
    // Compared as instants: two local times can read the same when clocks go back.
    if (a.performed_at != b.performed_at)
        changes.push_back({"time",
                           fmt::format("{} ({})", zone.format_local(a.performed_at),
                                       time::format_utc(a.performed_at)),
                           fmt::format("{} ({})", zone.format_local(b.performed_at),
                                       time::format_utc(b.performed_at))});
    compare(changes, "practitioner", a.practitioner, b.practitioner);
    compare(changes, "indication", std::string(code_of(a.indication)),
            std::string(code_of(b.indication)));
    compare(changes, "device", std::string(code_of(a.device)), std::string(code_of(b.device)));
    compare(changes, "model", a.model, b.model);
    compare(changes, "cartridge", a.cartridge, b.cartridge);
    compare(changes, "cartridge lot", a.cartridge_lot, b.cartridge_lot);
    compare(changes, "anaesthetic", a.anaesthetic, b.anaesthetic);
    compare(changes, "endpoint", a.endpoint, b.endpoint);
    compare(changes, "aftercare", a.aftercare, b.aftercare);
    compare(changes, "note", a.note, b.note);
    compare_lists(
        changes, "area", a.areas, b.areas,
        [](const AreaTreatment& t) { return area_side_code(t.area, t.side); }, area_text);
    // A serum is known by product, lot and phase: one product and lot may be given both during
    // and after, so a changed phase shows as one removed and one added.
    compare_lists(changes, "serum", a.serums, b.serums, serum_spec,
                  [](const SerumUse&) { return std::string("given"); });
    compare_lists(
        changes, "clinical check", old_session.findings, new_session.findings,
        [](const SessionFinding& f) { return f.key; }, finding_state);
    return changes;
}

std::vector<FieldChange> changes_between(const PatientDetails& a, const PatientDetails& b) {
    std::vector<FieldChange> changes;
    compare(changes, "family name", a.family_name, b.family_name);
    compare(changes, "given name", a.given_name, b.given_name);
    compare(changes, "born", time::format_date(a.birth_date), time::format_date(b.birth_date));
    const auto roman = [](const std::optional<int>& type) {
        return type ? std::string(fitzpatrick_roman(*type)) : "";
    };
    compare(changes, "fitzpatrick", roman(a.fitzpatrick), roman(b.fitzpatrick));
    compare(changes, "phone", a.phone, b.phone);
    compare(changes, "email", a.email, b.email);
    compare(changes, "note", a.note, b.note);
    return changes;
}

std::vector<FieldChange> changes_between(const ReactionDetails& a, const ReactionDetails& b) {
    std::vector<FieldChange> changes;
    compare(changes, "kind", std::string(code_of(a.kind)), std::string(code_of(b.kind)));
    compare(changes, "severity", std::string(code_of(a.severity)),
            std::string(code_of(b.severity)));
    const auto where = [](const ReactionDetails& d) {
        return d.area ? area_side_code(*d.area, d.side) : "";
    };
    compare(changes, "area", where(a), where(b));
    compare(changes, "onset", time::format_date(a.onset), time::format_date(b.onset));
    compare(changes, "resolved", optional_date(a.resolved), optional_date(b.resolved));
    compare(changes, "note", a.note, b.note);
    return changes;
}

std::vector<FieldChange> changes_between(const FollowupDetails& a, const FollowupDetails& b) {
    std::vector<FieldChange> changes;
    compare(changes, "checked on", time::format_date(a.checked_on),
            time::format_date(b.checked_on));
    compare(changes, "outcome", std::string(code_of(a.outcome)), std::string(code_of(b.outcome)));
    compare(changes, "note", a.note, b.note);
    return changes;
}

std::vector<FieldChange> changes_between(const ConditionDetails& a, const ConditionDetails& b) {
    std::vector<FieldChange> changes;
    compare(changes, "code", std::string(code_of(a.code)), std::string(code_of(b.code)));
    compare(changes, "since", optional_date(a.since), optional_date(b.since));
    compare(changes, "resolved", optional_date(a.resolved_on), optional_date(b.resolved_on));
    compare(changes, "note", a.note, b.note);
    // A clearance is known by everything it says; they are added, never changed.
    const auto text = [](const Clearance& c) {
        return fmt::format("by {} from {} until {} ({})", c.by, time::format_date(c.on),
                           time::format_date(c.until), c.reason);
    };
    const auto among = [](const Clearance& c, const std::vector<Clearance>& list) {
        return std::find(list.begin(), list.end(), c) != list.end();
    };
    for (const auto& c : a.clearances)
        if (!among(c, b.clearances))
            changes.push_back({"clearance", text(c), ""});
    for (const auto& c : b.clearances)
        if (!among(c, a.clearances))
            changes.push_back({"clearance", "", text(c)});
    return changes;
}

std::vector<FieldChange> changes_between(const ConsentDetails& a, const ConsentDetails& b) {
    std::vector<FieldChange> changes;
    compare(changes, "signed", time::format_date(a.signed_on), time::format_date(b.signed_on));
    compare(changes, "covers", a.covers, b.covers);
    compare(changes, "guardian", a.guardian, b.guardian);
    const auto withdrawal = [](const ConsentDetails& d) {
        return d.withdrawal ? fmt::format("{} ({})", time::format_date(d.withdrawal->on),
                                          d.withdrawal->reason)
                            : std::string();
    };
    compare(changes, "withdrawn", withdrawal(a), withdrawal(b));
    return changes;
}

std::vector<FieldChange> changes_between(const storage::Product& a, const storage::Product& b) {
    std::vector<FieldChange> changes;
    compare(changes, "name", a.name, b.name);
    compare(changes, "kind", std::string(code_of(a.kind)), std::string(code_of(b.kind)));
    compare(changes, "maker", a.maker, b.maker);
    compare(changes, "retired", a.retired ? "yes" : "no", b.retired ? "yes" : "no");
    return changes;
}

namespace {

template <class Id> std::string id_text(const std::optional<Id>& id) {
    return id ? fmt::format("{}", *id) : std::string();
}

} // namespace

std::vector<FieldChange> changes_between(const CourseDetails& a, const CourseDetails& b) {
    std::vector<FieldChange> changes;
    compare(changes, "indication", std::string(code_of(a.indication)),
            std::string(code_of(b.indication)));
    compare(changes, "planned", std::to_string(a.planned), std::to_string(b.planned));
    compare(changes, "every days", std::to_string(a.every_days), std::to_string(b.every_days));
    compare(changes, "areas", areas_text(a.areas), areas_text(b.areas));
    compare(changes, "goal", a.goal, b.goal);
    compare(changes, "started", time::format_date(a.started_on), time::format_date(b.started_on));
    const auto closed = [](const CourseDetails& d) {
        return d.closing ? fmt::format("{} {} ({})", time::format_date(d.closing->on),
                                       code_of(d.closing->outcome), d.closing->reason)
                         : std::string();
    };
    compare(changes, "closed", closed(a), closed(b));
    return changes;
}

std::vector<FieldChange> changes_between(const AssessmentDetails& a, const AssessmentDetails& b) {
    std::vector<FieldChange> changes;
    const auto& scale = scale_of(b.scale);
    compare(changes, "score", format_score(scale_of(a.scale), a.score),
            format_score(scale, b.score));
    const auto where = [](const AssessmentDetails& d) {
        return d.area ? area_side_code(*d.area, d.side) : std::string();
    };
    compare(changes, "area", where(a), where(b));
    compare(changes, "on", time::format_date(a.assessed_on), time::format_date(b.assessed_on));
    compare(changes, "session", id_text(a.session), id_text(b.session));
    compare(changes, "course", id_text(a.course), id_text(b.course));
    compare(changes, "by", a.assessor, b.assessor);
    compare(changes, "note", a.note, b.note);
    return changes;
}

std::vector<FieldChange> changes_between(const PhotoDetails& a, const PhotoDetails& b) {
    std::vector<FieldChange> changes;
    compare(changes, "view", std::string(code_of(a.view)), std::string(code_of(b.view)));
    compare(changes, "taken", time::format_date(a.taken_on), time::format_date(b.taken_on));
    compare(changes, "session", id_text(a.session), id_text(b.session));
    compare(changes, "note", a.note, b.note);
    compare(changes, "override", a.override_reason, b.override_reason);
    return changes;
}

} // namespace needlebook::report
