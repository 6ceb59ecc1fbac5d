#include "needlebook/exchange/csv_import.hpp"

#include "needlebook/exchange/csv_reader.hpp"
#include "needlebook/exchange/csv_tables.hpp"
#include "needlebook/io/two_pass_input.hpp"
#include "needlebook/model/text.hpp"
#include "needlebook/records/assessments.hpp"
#include "needlebook/records/courses.hpp"
#include "needlebook/records/patients.hpp"
#include "needlebook/records/photos.hpp"
#include "needlebook/records/products.hpp"
#include "needlebook/records/reactions.hpp"
#include "needlebook/records/settings.hpp"
#include "needlebook/rules/clinical_checks.hpp"
#include "needlebook/rules/overrides.hpp"
#include "needlebook/storage/assessment_repository.hpp"
#include "needlebook/storage/condition_repository.hpp"
#include "needlebook/storage/course_repository.hpp"
#include "needlebook/storage/lot_repository.hpp"
#include "needlebook/storage/patient_repository.hpp"
#include "needlebook/storage/photo_repository.hpp"
#include "needlebook/storage/reaction_repository.hpp"
#include "needlebook/storage/schema_refusal.hpp"
#include "needlebook/storage/session_repository.hpp"
#include "needlebook/storage/settings_repository.hpp"

#include <fmt/format.h>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

namespace needlebook::exchange {
namespace {

constexpr std::size_t listed_problems = 20;

// Problems of one file, listed as 'FILE:LINE: column C: problem', each on one visible line
// (a column name or a value echoed from the file cannot fake another problem's line).
struct Problems {
    std::string file;
    std::vector<std::string> lines;
    std::size_t count = 0;

    void add(std::size_t line, std::string_view column, std::string_view problem) {
        if (++count <= listed_problems)
            lines.push_back(visible(
                column.empty() ? fmt::format("{}:{}: {}", file, line, problem)
                               : fmt::format("{}:{}: column {}: {}", file, line, column, problem)));
    }
};

// One data row, read by column name; a column left out of the file reads as empty.
class Row {
public:
    Row(const CsvRecord& record, const std::map<std::string, std::size_t, std::less<>>& index)
        : m_record(record), m_index(index) {}
    std::size_t line() const { return m_record.line; }
    std::string text(std::string_view column) const {
        const auto found = m_index.find(column);
        return found == m_index.end() ? std::string() : m_record.fields[found->second];
    }
    // Parses `column` with `parse`; a refusal names the column, whatever field the model named.
    // It is kept, and the row read on with an empty value, so that every problem of a row is
    // listed, not only the first; a parse that gives a reference throws it.
    template <class Parse> decltype(auto) parse(std::string_view column, Parse parse) const {
        try {
            return parse(text(column));
        } catch (const ValidationError& e) {
            ValidationError named(std::string(column), e.what());
            using Value = decltype(parse(std::string()));
            if constexpr (std::is_reference_v<Value>) {
                throw named;
            } else {
                m_problems.push_back(std::move(named));
                return Value{};
            }
        }
    }
    // A field refused so far: the row is not checked further (its checks would see empty
    // values) and never stored.
    bool failed() const { return !m_problems.empty(); }
    const std::vector<ValidationError>& problems() const { return m_problems; }
    template <class Parse> auto optional(std::string_view column, Parse parse) const {
        using Value = decltype(parse(std::string()));
        return this->parse(column, [&](const std::string& value) {
            return value.empty() ? std::optional<Value>() : std::optional<Value>(parse(value));
        });
    }

private:
    const CsvRecord& m_record;
    const std::map<std::string, std::size_t, std::less<>>& m_index;
    mutable std::vector<ValidationError> m_problems;
};

time::Date date_of(const std::string& text) {
    return time::parse_date(text, "date");
}

std::int64_t id_of(const std::string& text) {
    return parse_record_id(text, "id", "as exported");
}

// A catalogue code in a column, e.g. code<Area>: parse_code with the model's message.
template <class E> E code(const std::string& text) {
    return parse_code<E>(text);
}

bool flag_of(const std::string& text) {
    if (text.empty() || text == "0")
        return false;
    if (text == "1")
        return true;
    throw ValidationError("voided", fmt::format("'{}' is not allowed; allowed: 0 or 1", text));
}

// The model names fields as the command line does ('born', 'family name'); a problem in an
// import names the file's column ('birth_date', 'family_name') where there is one.
std::string column_of(std::string field) {
    if (field == "born")
        return "birth_date";
    if (field == "start")
        return "started_on";
    std::replace(field.begin(), field.end(), ' ', '_');
    return field;
}

// A rule of the model or the records refused the row: the problem names the column. What a
// command would refuse as missing or conflicting (a voided course) is a problem of the row too.
template <class Check> void validated(std::string_view column, Check check) {
    try {
        check();
    } catch (const ValidationError& e) {
        throw ValidationError(e.field().empty() ? std::string(column) : column_of(e.field()),
                              e.what());
    } catch (const NotFound& e) {
        throw ValidationError(std::string(column), e.what());
    } catch (const Conflict& e) {
        throw ValidationError(std::string(column), e.what());
    }
}

// Ids are kept on import: one already in the database is named, not left to a constraint.
void ensure_new(storage::Database& db, std::string_view table, std::int64_t id) {
    auto query = db.query(fmt::format("SELECT 1 FROM {} WHERE id = :id", table));
    query->bind(":id", id);
    if (query->step())
        throw ValidationError("id", fmt::format("{} id {} is already in the database; import "
                                                "into a new database (init)",
                                                table, id));
}

// A revision after the first must follow the record's newest stored one: every revision of a
// record is listed, in order, as export --all-revisions writes them.
// `record`: how messages name the record ("patient P-000001", "session 12"). As on the command
// line, a voided record is never changed again (only moved, voided still, by a merge) and no
// revision is recorded before the one it corrects.
void ensure_follows(storage::Database& db, std::string_view table, std::int64_t id,
                    const RevisionInfo& revision, const std::string& record) {
    auto query = db.query(fmt::format(
        "SELECT (SELECT 1 FROM {0} WHERE id = :id), r.revision, r.voided, r.recorded_at FROM "
        "(SELECT 1) AS one LEFT JOIN {0}_revision r ON r.{0}_id = :id AND r.revision = (SELECT "
        "max(revision) FROM {0}_revision WHERE {0}_id = :id)",
        table));
    query->bind(":id", id);
    query->step();
    if (query->column(0).is_null())
        throw ValidationError("revision", fmt::format("revision {} of {} comes before its "
                                                      "revision 1; list every revision in order",
                                                      revision.number, record));
    const int newest = query->column(1).as_int();
    if (newest != revision.number - 1)
        throw ValidationError("revision", fmt::format("revision {} of {} does not follow its "
                                                      "revision {}; list every revision in order",
                                                      revision.number, record, newest));
    // A merge moves a voided record to the chart it merged into with a revision voided too.
    if (query->column(2).as_int() == 1 && !revision.voided)
        throw ValidationError("revision", fmt::format("revision {} of {} changes it after it was "
                                                      "voided; a voided record is never changed",
                                                      revision.number, record));
    const auto before = query->column(3).as_text();
    if (time::format_utc(revision.recorded_at) < before)
        throw ValidationError("recorded_at",
                              fmt::format("revision {} of {} was recorded at {}, before its "
                                          "revision {} ({})",
                                          revision.number, record,
                                          time::format_utc(revision.recorded_at), newest, before));
}

// What a record's revision 1 fixed for good (a reaction's session, a lot's product and number):
// a later revision naming something else is refused, never stored as if it matched.
void ensure_identity(storage::Database& db, std::string_view sql, std::int64_t id,
                     const std::string& expected, std::string_view column, std::string_view what) {
    auto query = db.query(std::string(sql));
    query->bind(":id", id);
    if (query->step() && query->column(0).as_text() != expected)
        throw ValidationError(std::string(column),
                              fmt::format("{} {} is {} since its revision 1, not {}; a later "
                                          "revision cannot change that",
                                          what, id, query->column(0).as_text(), visible(expected)));
}

// Revision 1 keeps the exported id, which must be free; a later one follows the stored ones.
void ensure_place(storage::Database& db, std::string_view table, std::int64_t id,
                  const RevisionInfo& revision) {
    if (revision.number == 1)
        ensure_new(db, table, id);
    else
        ensure_follows(db, table, id, revision, fmt::format("{} {}", table, id));
}

nlohmann::json json_of(const std::string& text, std::string_view column) {
    if (text.empty())
        return nlohmann::json::array();
    try {
        auto value = nlohmann::json::parse(text);
        if (value.is_array())
            return value;
    } catch (const nlohmann::json::exception&) {
    }
    throw ValidationError(std::string(column),
                          fmt::format("{} must be a JSON array as export writes it", column));
}

std::string json_text(const nlohmann::json& value, std::string_view key) {
    const auto found = value.find(key);
    if (found == value.end() || found->is_null())
        return {};
    if (!found->is_string())
        throw ValidationError(std::string(key), fmt::format("{} must be text", key));
    return found->get<std::string>();
}

// What every table's import shares: the scope, the file's name for revisions, the warnings.
// With `store` false a row is only checked, against the database as it is: the first reading
// of the file, before the write lock is taken.
struct Context {
    records::Scope& scope;
    std::string file;
    std::vector<std::string>& warnings;
    bool store = false;
    std::filesystem::path path; // as given, for messages about the whole file
    // The file lists every revision (export --all-revisions): each row is one, with its author,
    // time and reason; otherwise each row is a record's revision 1, by the importing user.
    bool all_revisions = false;
    // import --all: settings and catalogue come first, into a new database.
    bool whole_clinic = false;
    // import --all: where photos.csv rows find their images (clinic_import).
    PlaceImage place_image;
    char delimiter = ',';
    // Merges wait for the end of the patients file: the chart one went into may come after it.
    struct PendingMerge {
        std::size_t line = 0;
        std::string code, into;
        PatientDetails details;
        RevisionInfo revision;
    };
    std::vector<PendingMerge> merges;
    // With every revision: the check of each record's newest revision against what it names
    // (a reaction's session, a session's course), run once the whole file is read (by id; a
    // later revision replaces it).
    std::map<std::int64_t, std::function<void(struct Problems&)>> fit_checks;

    // What rows refer to, kept for one reading so that most rows find theirs without a query,
    // and bounded so that memory does not grow with the file. Export writes a table's rows
    // patient by patient: the previous row's patient id is kept.
    struct KeptPatient {
        std::string code;
        PatientId id;
        bool voided = false; // or merged into another chart
    };
    std::optional<KeptPatient> patient;
    // Reactions and follow-ups: the sessions the rows of the current batch name, read together.
    std::unordered_map<std::int64_t, Session> sessions;
    // Sessions (storing only): the clinical checks' view of the previous row's patient, read
    // once and then kept as the database would read it, each stored session added.
    std::optional<std::pair<PatientId, rules::PatientFile>> patient_file;

    // `correction_says_why`: a record's later revision has a reason; a setting's may not.
    RevisionInfo revision(const Row& row, bool voided, bool correction_says_why = true) const {
        if (!all_revisions)
            return scope.revision(1, fmt::format("imported from {} line {}", file, row.line()),
                                  voided);
        RevisionInfo info;
        info.number = static_cast<int>(row.parse("revision", [](const std::string& text) {
            return parse_record_id(text, "revision", "as exported");
        }));
        info.author = row.parse("author", [](const std::string& text) {
            check_text("author", text, 200, true);
            return text;
        });
        info.recorded_at = row.parse("recorded_at", [&](const std::string& text) {
            const auto at = time::parse_utc(text, "recorded_at");
            if (at > scope.clock().now() + storage::future_tolerance)
                throw ValidationError("recorded_at", fmt::format("{} is in the future; a "
                                                                 "revision is recorded when it "
                                                                 "is written",
                                                                 text));
            return at;
        });
        info.reason = row.parse("reason", [&](const std::string& text) {
            if (info.number > 1 && correction_says_why)
                check_reason("reason", text); // every correction says why
            else
                check_note("reason", text, 2000);
            return text;
        });
        info.voided = voided;
        return info;
    }
    void audit(std::string action, std::string kind, std::int64_t id,
               std::optional<std::int64_t> patient, int revision = 1) {
        storage::append_audit(scope.db(),
                              scope.audit(std::move(action), std::move(kind), id, patient, revision,
                                          fmt::format("imported from {}", file)));
    }
};

// Patients and sessions are never deleted, so one found stays found for the whole reading.
PatientId patient_of(Context& c, const Row& row) {
    return row.parse("patient", [&](const std::string& code) {
        if (!c.patient || c.patient->code != code) {
            const auto patient = storage::PatientRepository(c.scope.db()).find(code);
            if (!patient)
                throw ValidationError("patient", fmt::format("no patient with chart code '{}' "
                                                             "(import patients first)",
                                                             code));
            c.patient.emplace(Context::KeptPatient{code, patient->id, patient->revision.voided});
        }
        return c.patient->id;
    });
}

// The chart of a treatment record (session, course, score, photo). As on the command line a
// voided or merged chart takes none (a chart is voided with its conditions and consents, which
// stay); with every revision that is checked across the files once all are in, as an older
// revision may name a chart a merge has since closed.
PatientId open_patient_of(Context& c, const Row& row, const RevisionInfo& revision) {
    const auto patient = patient_of(c, row);
    if (c.patient && c.patient->id == patient && c.patient->voided && !revision.voided &&
        !c.all_revisions)
        row.parse("patient", [&](const std::string& code) {
            validated("patient", [&] { records::open_patient(c.scope.db(), code, "record"); });
            return 0;
        });
    return patient;
}

const Session& session_of(Context& c, const Row& row) {
    return row.parse("session", [&](const std::string& text) -> const Session& {
        const SessionId id{id_of(text)};
        if (const auto found = c.sessions.find(id.value); found != c.sessions.end())
            return found->second;
        // Not read with the batch: stored since (before the write lock), or not there at all.
        auto session = storage::SessionRepository(c.scope.db()).find(id);
        if (!session)
            throw ValidationError("session",
                                  fmt::format("no session {} (import sessions first)", id.value));
        return c.sessions.emplace(id.value, std::move(*session)).first->second;
    });
}

// Reads the sessions that the batch's rows name in one query (and one for each kind of their
// parts) instead of two queries a row; a row whose session id does not parse is left to its
// own check. Memory: one batch's sessions.
void read_sessions_of(Context& c, const std::vector<CsvRecord>& batch, std::size_t column) {
    c.sessions.clear();
    std::vector<SessionId> ids;
    for (const auto& record : batch) {
        if (column >= record.fields.size())
            continue;
        try {
            ids.push_back(SessionId{id_of(record.fields[column])});
        } catch (const ValidationError&) {
        }
    }
    if (ids.empty())
        return;
    for (auto& session : storage::SessionRepository(c.scope.db()).find_many(ids))
        c.sessions.emplace(session.id.value, std::move(session));
}

// The patient's file for the clinical checks, read from the database on the first of its rows.
rules::PatientFile& patient_file(Context& c, PatientId patient) {
    if (!c.patient_file || c.patient_file->first != patient)
        c.patient_file.emplace(patient, rules::load_patient_file(c.scope.db(), patient));
    return c.patient_file->second;
}

// Adds a stored, not voided session to the kept file where the database lists it: by time,
// then id (SessionRepository::list), as the checks prefer the first of two equally near.
void add_to_patient_file(Context& c, const Session& session) {
    if (!c.patient_file || c.patient_file->first != session.patient_id)
        return; // read with the session in it when the patient's next row needs it
    auto& sessions = c.patient_file->second.other_sessions;
    const auto after = std::upper_bound(sessions.begin(), sessions.end(), session,
                                        [](const Session& a, const Session& b) {
                                            return std::pair(a.details.performed_at, a.id.value) <
                                                   std::pair(b.details.performed_at, b.id.value);
                                        });
    sessions.insert(after, session);
}

// A course a row names (sessions, scores): stored before it (courses.csv comes first). Whose it
// is and whether the row fits it is checked with the row's other references.
CourseId course_named(Context& c, const std::string& text) {
    const CourseId id{id_of(text)};
    if (!storage::CourseRepository(c.scope.db()).find(id))
        throw ValidationError("course",
                              fmt::format("no course {} (import courses first)", id.value));
    return id;
}

// With every revision, a record's references are held to the rules once, for its newest
// revision, when the whole file is read: an older revision may name what was then another
// chart's (before a merge moved it) or a course as it was then.
void check_newest_revision(Context& c, const Row& row, std::int64_t id, std::string_view column,
                           std::function<void()> check) {
    c.fit_checks[id] = [line = row.line(), column = std::string(column),
                        check = std::move(check)](Problems& problems) {
        try {
            validated(column, check);
        } catch (const ValidationError& e) {
            problems.add(line, e.field(), e.what());
        }
    };
}

void import_patient(Context& c, const Row& row) {
    const auto code = row.parse("code", [](const std::string& text) {
        validate_chart_code(text);
        return text;
    });
    PatientDetails d;
    d.family_name = row.text("family_name");
    d.given_name = row.text("given_name");
    d.birth_date = row.parse("birth_date", date_of);
    d.fitzpatrick =
        row.optional("fitzpatrick", [](const std::string& t) { return parse_fitzpatrick(t); });
    d.phone = row.text("phone");
    d.email = row.text("email");
    d.note = row.text("note");
    if (row.failed())
        return;
    validated("patient", [&] { validate(d, c.scope.today()); });
    const auto revision = c.revision(row, row.parse("voided", flag_of));
    storage::PatientRepository patients(c.scope.db());
    const auto stored = patients.find(code);
    if (revision.number == 1 && stored)
        throw ValidationError("code",
                              fmt::format("chart code '{}' is already in the database", code));
    if (revision.number > 1) {
        if (!stored)
            throw ValidationError("revision", fmt::format("revision {} of patient {} comes before "
                                                          "its revision 1; list every revision "
                                                          "in order",
                                                          revision.number, code));
        ensure_follows(c.scope.db(), "patient", stored->id.value, revision,
                       fmt::format("patient {}", code));
    }
    if (const auto merge = std::find_if(c.merges.begin(), c.merges.end(),
                                        [&](const auto& m) { return m.code == code; });
        merge != c.merges.end())
        throw ValidationError("revision",
                              fmt::format("revision {} of patient {} follows its "
                                          "merge into {} (line {}); a merged chart "
                                          "is never changed",
                                          revision.number, code, merge->into, merge->line));
    const auto into = row.text("merged_into");
    if (!into.empty() && !revision.voided)
        throw ValidationError("merged_into", "a chart merged into another is voided by the "
                                             "merge; its voided column must be 1");
    if (!c.store || row.failed())
        return;
    if (!into.empty()) { // stored at the end of the file, when the chart it went into is there
        c.merges.push_back({row.line(), code, into, d, revision});
        return;
    }
    const auto id = revision.number == 1 ? patients.insert(code, d, revision) : stored->id;
    if (revision.number > 1)
        patients.add_revision(id, d, revision);
    c.audit("patient.import", "patient", id.value, id.value, revision.number);
}

// The merges of a patients file, once every chart in it is stored: each voids its chart with
// the revision that names the chart its records went into.
void store_merges(Context& c, Problems& problems) {
    storage::PatientRepository patients(c.scope.db());
    for (const auto& merge : c.merges) {
        // As 'patient merge' has it: another chart, there and not voided (nor merged itself).
        const auto into = patients.find(merge.into);
        if (!into || merge.into == merge.code || into->revision.voided) {
            problems.add(merge.line, "merged_into",
                         !into ? fmt::format("no patient with chart code '{}'", visible(merge.into))
                         : merge.into == merge.code
                             ? std::string("a chart cannot be merged into itself")
                             : fmt::format("chart {} is voided (or merged into another); a "
                                           "chart is merged into one in use",
                                           merge.into));
            continue;
        }
        const auto stored = patients.find(merge.code);
        const auto id =
            stored ? stored->id : patients.insert(merge.code, merge.details, merge.revision);
        if (stored)
            patients.add_revision(id, merge.details, merge.revision);
        patients.link_merge(id, merge.revision.number, into->id);
        c.audit("patient.import", "patient", id.value, id.value, merge.revision.number);
    }
    c.merges.clear();
}

std::vector<Clearance> clearances_of(const std::string& text) {
    std::vector<Clearance> clearances;
    for (const auto& item : json_of(text, "clearances"))
        clearances.push_back(
            {json_text(item, "by"), time::parse_date(json_text(item, "on"), "clearances"),
             time::parse_date(json_text(item, "until"), "clearances"), json_text(item, "reason")});
    return clearances;
}

void import_condition(Context& c, const Row& row) {
    const auto id = row.parse("id", id_of);
    const auto revision = c.revision(row, row.parse("voided", flag_of));
    if (!row.failed())
        ensure_place(c.scope.db(), "condition", id, revision);
    const auto patient = patient_of(c, row);
    ConditionDetails d;
    d.code = row.parse("code", code<ConditionCode>);
    d.since = row.optional("since", date_of);
    d.resolved_on = row.optional("resolved", date_of);
    d.note = row.text("note");
    d.clearances = row.parse("clearances", clearances_of);
    if (row.failed())
        return;
    validated("condition", [&] {
        validate(d, c.scope.today());
        for (const auto& clearance : d.clearances)
            validate(clearance);
    });
    if (!c.store || row.failed())
        return;
    storage::ConditionRepository conditions(c.scope.db());
    if (revision.number == 1)
        conditions.insert(patient, d, revision, id);
    else
        conditions.add_revision(ConditionId{id}, patient, d, revision);
    c.audit("condition.import", "condition", id, patient.value, revision.number);
}

void import_lot(Context& c, const Row& row) {
    const auto id = row.parse("id", id_of);
    const auto revision = c.revision(row, row.parse("voided", flag_of));
    if (!row.failed())
        ensure_place(c.scope.db(), "lot", id, revision);
    const auto product = row.text("product");
    const auto lot = row.text("lot");
    LotDetails d;
    d.expires_on = row.parse("expires", date_of);
    d.received_on = row.optional("received", date_of);
    d.note = row.text("note");
    if (const auto recalled = row.optional("recalled_on", date_of))
        d.recall = LotRecall{*recalled, row.text("recall_reason")};
    else if (!row.text("recall_reason").empty()) // never dropped: a reason needs its date
        throw ValidationError("recalled_on", "recall_reason is given without recalled_on");
    if (row.failed())
        return;
    validated("lot", [&] {
        check_lot_number(lot);
        validate(d, c.scope.today());
        if (product != cartridge_product &&
            !storage::SettingsRepository(c.scope.db()).find_product(product))
            throw ValidationError("product", fmt::format("unknown product '{}'; see 'needlebook "
                                                         "product list'",
                                                         visible(product)));
    });
    if (revision.number > 1)
        ensure_identity(c.scope.db(),
                        "SELECT coalesce(p.code, 'cartridge') || ' ' || l.lot FROM lot l LEFT "
                        "JOIN product p ON p.id = l.product_id WHERE l.id = :id",
                        id, product + " " + lot, "lot", "lot");
    storage::LotRepository lots(c.scope.db());
    if (revision.number == 1 && lots.find(product, lot))
        throw ValidationError("lot",
                              fmt::format("lot {} of {} is already registered", lot, product));
    if (!c.store || row.failed())
        return;
    if (revision.number == 1)
        lots.insert(product, lot, d, revision, id);
    else
        lots.add_revision(LotId{id}, d, revision);
    c.audit("lot.import", "lot", id, std::nullopt, revision.number);
}

void import_consent(Context& c, const Row& row) {
    const auto id = row.parse("id", id_of);
    const auto revision = c.revision(row, row.parse("voided", flag_of));
    if (!row.failed())
        ensure_place(c.scope.db(), "consent", id, revision);
    const auto patient = patient_of(c, row);
    ConsentDetails d{row.parse("signed", date_of), row.text("covers"), row.text("guardian"),
                     std::nullopt};
    if (const auto withdrawn = row.optional("withdrawn_on", date_of))
        d.withdrawal = ConsentWithdrawal{*withdrawn, row.text("withdrawal_reason")};
    else if (!row.text("withdrawal_reason").empty()) // never dropped: a reason needs its date
        throw ValidationError("withdrawn_on", "withdrawal_reason is given without withdrawn_on");
    if (row.failed())
        return;
    validated("consent", [&] { validate(d, c.scope.today()); });
    if (!c.store || row.failed())
        return;
    storage::ConditionRepository consents(c.scope.db());
    if (revision.number == 1)
        consents.insert_consent(patient, d, revision, id);
    else
        consents.add_consent_revision(ConsentId{id}, patient, d, revision);
    c.audit("consent.import", "consent", id, patient.value, revision.number);
}

std::vector<AreaTreatment> areas_of(const std::string& text) {
    std::vector<AreaTreatment> areas;
    for (const auto& item : json_of(text, "areas")) {
        AreaTreatment treated;
        treated.area = parse_code<Area>(json_text(item, "area"));
        if (const auto side = json_text(item, "side"); !side.empty())
            treated.side = parse_code<Side>(side);
        if (!item.contains("depth_mm") || !item["depth_mm"].is_number())
            throw ValidationError("areas", "each area needs depth_mm as a number");
        treated.depth_mm = item["depth_mm"].get<double>();
        if (item.contains("passes") && item["passes"].is_number_integer())
            treated.passes = item["passes"].get<int>();
        areas.push_back(treated);
    }
    return areas;
}

std::vector<SerumUse> serums_of(const std::string& text, const std::set<std::string>& products) {
    std::vector<SerumUse> serums;
    for (const auto& item : json_of(text, "serums")) {
        SerumUse use{json_text(item, "product"), json_text(item, "lot"),
                     parse_code<SerumPhase>(json_text(item, "phase"))};
        if (!products.contains(use.product))
            throw ValidationError("serums", fmt::format("unknown product '{}'; see 'needlebook "
                                                        "product list'",
                                                        use.product));
        if (item.contains("amount_ml") && !item["amount_ml"].is_null()) {
            if (!item["amount_ml"].is_number())
                throw ValidationError("serums", "amount_ml must be a number of ml");
            use.amount_ml = item["amount_ml"].get<double>();
            if (!(*use.amount_ml > 0 && *use.amount_ml <= 100))
                throw ValidationError(
                    "serums", fmt::format("amount_ml {} is outside (0, 100] ml", *use.amount_ml));
        }
        // A per-use expiry has a column but no command (lots carry their expiry); refuse it
        // rather than drop it.
        if (!json_text(item, "expiry").empty())
            throw ValidationError("serums", "a serum's expiry cannot be imported; register the "
                                            "lot with its expiry instead (lots.csv)");
        serums.push_back(std::move(use));
    }
    return serums;
}

std::vector<SessionFinding> findings_of(const std::string& text) {
    std::vector<SessionFinding> findings;
    for (const auto& item : json_of(text, "findings")) {
        SessionFinding finding{json_text(item, "key"),           FindingLevel::warning,
                               json_text(item, "message"),       json_text(item, "override_reason"),
                               json_text(item, "overridden_by"), std::nullopt};
        if (!rules::is_finding_key(finding.key))
            throw ValidationError("findings", fmt::format("'{}' is not a finding key, such as "
                                                          "depth:cheek or consent",
                                                          visible(finding.key)));
        if (std::any_of(findings.begin(), findings.end(),
                        [&](const SessionFinding& f) { return f.key == finding.key; }))
            throw ValidationError("findings", fmt::format("key {} appears twice; a session "
                                                          "revision has one finding per key",
                                                          finding.key));
        finding.level = parse_code<FindingLevel>(json_text(item, "level"));
        check_text("findings", finding.message, 2000, true);
        const auto at = json_text(item, "overridden_at");
        if (finding.level == FindingLevel::overridden) {
            check_reason("findings", finding.override_reason);
            check_text("findings", finding.overridden_by, 200, true);
            finding.overridden_at = time::parse_utc(at, "findings");
        } else if (!finding.override_reason.empty() || !finding.overridden_by.empty() ||
                   !at.empty()) {
            throw ValidationError("findings", fmt::format("warning {} has an override_reason, "
                                                          "overridden_by or overridden_at; only "
                                                          "an overridden finding has them",
                                                          finding.key));
        }
        findings.push_back(std::move(finding));
    }
    return findings;
}

// The setting revisions a session revision's checks used (checked_with: key, revision, value
// of each), as row ids of this database, whose settings came from the same export.
std::vector<std::int64_t> settings_used_of(storage::Database& db, const std::string& text) {
    std::vector<std::int64_t> ids;
    storage::SettingsRepository settings(db);
    for (const auto& item : json_of(text, "checked_with")) {
        const auto key = json_text(item, "key");
        const auto value = json_text(item, "value");
        if (!item.contains("revision") || !item["revision"].is_number_integer())
            throw ValidationError("checked_with", "each setting needs its revision as a number");
        const int revision = item["revision"].get<int>();
        const auto stored = settings.revision_row(key, revision);
        if (!stored)
            throw ValidationError("checked_with",
                                  fmt::format("setting {} revision {} is not in settings.csv",
                                              visible(key), revision));
        if (stored->second != value)
            throw ValidationError("checked_with",
                                  fmt::format("setting {} revision {} is '{}' in settings.csv, "
                                              "not '{}'",
                                              visible(key), revision, stored->second,
                                              visible(value)));
        ids.push_back(stored->first);
    }
    return ids;
}

void import_session(Context& c, const Row& row, const std::set<std::string>& products) {
    const auto id = row.parse("id", id_of);
    const auto revision = c.revision(row, row.parse("voided", flag_of));
    if (!row.failed())
        ensure_place(c.scope.db(), "session", id, revision);
    Session session;
    session.patient_id = open_patient_of(c, row, revision);
    auto& d = session.details;
    d.performed_at = row.parse(
        "performed_at", [](const std::string& t) { return time::parse_utc(t, "performed_at"); });
    d.practitioner = row.text("practitioner");
    d.indication = row.parse("indication", code<Indication>);
    d.device = row.parse("device", code<Device>);
    d.model = row.text("model");
    d.cartridge = row.text("cartridge");
    d.cartridge_lot = row.text("cartridge_lot");
    d.anaesthetic = row.text("anaesthetic");
    d.endpoint = row.text("endpoint");
    d.aftercare = row.text("aftercare");
    d.note = row.text("note");
    d.areas = row.parse("areas", areas_of);
    d.serums = row.parse("serums", [&](const std::string& t) { return serums_of(t, products); });
    session.findings = row.parse("findings", findings_of);
    d.course =
        row.optional("course", [&](const std::string& text) { return course_named(c, text); });
    if (row.failed())
        return;
    validated("session", [&] { validate(d); });
    session.revision = revision;
    // The course rules of 'session log' refuse the row; what they warn of is said with the
    // clinical checks. A course's baseline photos are not looked for: photos.csv comes later.
    std::vector<rules::Finding> course_findings;
    if (c.all_revisions && !d.course)
        c.fit_checks.erase(id); // an earlier revision's course is no longer named
    else if (c.all_revisions)
        check_newest_revision(c, row, id, "course", [&c, id = SessionId{id}] {
            const auto now = storage::SessionRepository(c.scope.db()).find(id);
            if (now && !now->revision.voided)
                records::check_session_course(c.scope.db(), now->patient_id, now->details, now->id,
                                              c.scope.zone());
        });
    else if (!revision.voided)
        validated("course", [&] {
            course_findings = records::check_session_course(c.scope.db(), session.patient_id, d,
                                                            std::nullopt, c.scope.zone());
            std::erase_if(course_findings,
                          [](const auto& f) { return f.key == "course:baseline-photos"; });
        });
    const auto used = c.all_revisions ? row.parse("checked_with",
                                                  [&](const std::string& text) {
                                                      return settings_used_of(c.scope.db(), text);
                                                  })
                                      : std::vector<std::int64_t>();
    if (!c.store || row.failed())
        return;
    if (c.all_revisions) { // each revision as it was recorded, findings and overrides included
        storage::SessionRepository sessions(c.scope.db());
        session.id = SessionId{id};
        if (session.revision.number == 1)
            sessions.insert(session, id, storage::SessionRepository::Checked::no);
        else
            sessions.add_revision(session, storage::SessionRepository::Checked::no);
        sessions.add_settings_used(session.id, session.revision.number, used);
        c.audit("session.import", "session", id, session.patient_id.value, session.revision.number);
        return;
    }
    // The checks describe what happened then: warnings, never a refusal. What the row's own
    // findings already record (an export's) is not said again.
    if (!session.revision.voided) {
        auto& file = patient_file(c, session.patient_id);
        rules::load_session_references(c.scope.db(), d, file);
        auto findings = rules::check_session(d, file, c.scope.settings(), c.scope.zone());
        findings.insert(findings.end(), course_findings.begin(), course_findings.end());
        for (const auto& finding : findings) {
            const bool recorded = std::any_of(
                session.findings.begin(), session.findings.end(), [&](const auto& stored) {
                    return stored.key == finding.key && stored.message == finding.message;
                });
            if (!recorded)
                c.warnings.push_back(fmt::format("{} line {}: session {}: {}: {}", c.file,
                                                 row.line(), id, finding.key, finding.message));
        }
    }
    session.id = storage::SessionRepository(c.scope.db()).insert(session, id);
    c.audit("session.import", "session", id, session.patient_id.value);
    if (!session.revision.voided)
        add_to_patient_file(c, session);
}

// A reaction or follow-up must fit its session (`fits` throws when it does not). One table at a
// time that is checked now. With every revision only the record's newest revision is held to
// the session as it reads at the end of the file (a later revision replaces the check): an
// older revision fitted the session as it was then.
void check_fits_session(Context& c, const Row& row, std::int64_t id, const Session& session,
                        bool voided, std::string_view what,
                        std::function<void(const Session&)> fits) {
    if (!c.all_revisions) {
        validated(what, [&] { fits(session); });
        return;
    }
    c.fit_checks[id] = [&c, session = session.id, line = row.line(), voided,
                        fits = std::move(fits)](Problems& problems) {
        const auto now = storage::SessionRepository(c.scope.db()).find(session);
        if (voided || !now)
            return;
        try {
            fits(*now);
        } catch (const ValidationError& e) {
            problems.add(line, column_of(e.field()), e.what());
        }
    };
}

void import_reaction(Context& c, const Row& row) {
    const auto id = row.parse("id", id_of);
    const auto revision = c.revision(row, row.parse("voided", flag_of));
    if (!row.failed())
        ensure_place(c.scope.db(), "reaction", id, revision);
    const auto& session = session_of(c, row);
    ReactionDetails d;
    d.kind = row.parse("kind", code<ReactionKind>);
    d.severity = row.parse("severity", code<Severity>);
    d.area = row.optional("area", code<Area>);
    d.side = row.optional("side", code<Side>);
    d.onset = row.parse("onset", date_of);
    d.resolved = row.optional("resolved", date_of);
    d.note = row.text("note");
    if (row.failed())
        return;
    if (revision.number > 1)
        ensure_identity(c.scope.db(), "SELECT session_id FROM reaction WHERE id = :id", id,
                        std::to_string(session.id.value), "session", "reaction");
    check_fits_session(c, row, id, session, revision.voided, "reaction", [&c, d](const Session& s) {
        records::check_reaction_fits(s, d, c.scope.zone(), c.scope.today());
    });
    if (!c.store || row.failed())
        return;
    storage::ReactionRepository reactions(c.scope.db());
    if (revision.number == 1)
        reactions.insert(session.id, d, revision, id);
    else
        reactions.add_revision(ReactionId{id}, d, revision);
    c.audit("reaction.import", "reaction", id, session.patient_id.value, revision.number);
}

void import_followup(Context& c, const Row& row) {
    const auto id = row.parse("id", id_of);
    const auto revision = c.revision(row, row.parse("voided", flag_of));
    if (!row.failed())
        ensure_place(c.scope.db(), "followup", id, revision);
    const auto& session = session_of(c, row);
    FollowupDetails d;
    d.checked_on = row.parse("checked_on", date_of);
    d.outcome = row.parse("outcome", code<FollowupOutcome>);
    d.note = row.text("note");
    if (row.failed())
        return;
    if (revision.number > 1)
        ensure_identity(c.scope.db(), "SELECT session_id FROM followup WHERE id = :id", id,
                        std::to_string(session.id.value), "session", "follow-up");
    check_fits_session(c, row, id, session, revision.voided, "followup", [&c, d](const Session& s) {
        validate(d, c.scope.zone().local_date(s.details.performed_at), c.scope.today());
    });
    if (!c.store || row.failed())
        return;
    storage::ReactionRepository followups(c.scope.db());
    if (revision.number == 1)
        followups.insert_followup(session.id, d, revision, id);
    else
        followups.add_followup_revision(FollowupId{id}, d, revision);
    c.audit("followup.import", "followup", id, session.patient_id.value, revision.number);
}

void import_course(Context& c, const Row& row) {
    const auto id = row.parse("id", id_of);
    const auto revision = c.revision(row, row.parse("voided", flag_of));
    if (!row.failed())
        ensure_place(c.scope.db(), "course", id, revision);
    Course course;
    course.patient_id = open_patient_of(c, row, revision);
    auto& d = course.details;
    d.indication = row.parse("indication", code<Indication>);
    const auto count = [](const std::string& text) { return static_cast<int>(id_of(text)); };
    d.planned = row.parse("planned", count);
    d.every_days = row.parse("every_days", count);
    d.areas = row.parse("areas", [](const std::string& t) { return parse_course_areas(t); });
    d.goal = row.text("goal");
    d.started_on = row.parse("started_on", date_of);
    if (const auto closed = row.optional("closed_on", date_of))
        d.closing = CourseClosing{*closed, row.parse("outcome", code<CourseOutcome>),
                                  row.text("close_reason")};
    else if (!row.text("outcome").empty() || !row.text("close_reason").empty())
        throw ValidationError("closed_on", "outcome or close_reason is given without closed_on");
    if (row.failed())
        return;
    course.id = CourseId{id};
    course.revision = revision;
    validated("course", [&] { records::check_course(c.scope.db(), course, c.scope.today()); });
    if (!c.store || row.failed())
        return;
    // A merge can leave a patient two open courses of one indication: said, not refused.
    if (!c.all_revisions)
        if (const auto other = records::other_open_course(c.scope.db(), course))
            c.warnings.push_back(fmt::format("{} line {}: course {}: course {} for {} is open for "
                                             "this patient too; a session joins one only when "
                                             "named with --course",
                                             c.file, row.line(), id, *other,
                                             code_of(d.indication)));
    storage::CourseRepository courses(c.scope.db());
    if (revision.number == 1)
        courses.insert(course, id);
    else
        courses.add_revision(course);
    c.audit("course.import", "course", id, course.patient_id.value, revision.number);
}

void import_score(Context& c, const Row& row) {
    const auto id = row.parse("id", id_of);
    const auto revision = c.revision(row, row.parse("voided", flag_of));
    if (!row.failed())
        ensure_place(c.scope.db(), "assessment", id, revision);
    Assessment score;
    score.patient_id = open_patient_of(c, row, revision);
    auto& d = score.details;
    const auto* scale =
        row.parse("scale", [](const std::string& key) { return &outcome_scale(key); });
    if (scale != nullptr) {
        d.scale = scale->code;
        d.score = row.parse("score", [&](const std::string& t) { return parse_score(*scale, t); });
    }
    d.area = row.optional("area", code<Area>);
    d.side = row.optional("side", code<Side>);
    d.assessed_on = row.parse("assessed_on", date_of);
    d.session = row.optional("session", [&](const std::string&) { return session_of(c, row).id; });
    d.course =
        row.optional("course", [&](const std::string& text) { return course_named(c, text); });
    d.assessor = row.text("assessor");
    d.note = row.text("note");
    if (row.failed())
        return;
    validated("score", [&] { validate(d, c.scope.today()); });
    // As 'assess' checks them: the session and course must be the chart's and live.
    const auto check_references = [&c](const Assessment& a) {
        records::check_score_references(c.scope.db(), c.scope.zone(),
                                        records::find_patient_by_id(c.scope.db(), a.patient_id),
                                        a.details);
    };
    if (c.all_revisions && !d.session && !d.course)
        c.fit_checks.erase(id); // its newest revision names nothing to check
    else if (c.all_revisions)
        check_newest_revision(c, row, id, "score", [&c, check_references, id = AssessmentId{id}] {
            const auto now = storage::AssessmentRepository(c.scope.db()).find(id);
            if (now && !now->revision.voided)
                check_references(*now);
        });
    else if (!revision.voided)
        validated("score", [&] { check_references(score); });
    if (!c.store || row.failed())
        return;
    score.id = AssessmentId{id};
    score.revision = revision;
    storage::AssessmentRepository scores(c.scope.db());
    if (revision.number == 1)
        scores.insert(score, id);
    else
        scores.add_revision(score);
    c.audit("assessment.import", "assessment", id, score.patient_id.value, revision.number);
}

// A photo record (import --all only: the export carries its image). Revision 1 stores the
// image's identity and has its image checked against the export's copy and placed in the photo
// store; a later revision must name the same image. The day and session are held to the
// checks 'photo add' runs (records::check_photo_fits). The consent check never refuses: a photo
// kept without consent keeps its override reason, as a session keeps its findings; one without
// a reason is a warning (current revisions).
void import_photo(Context& c, const Row& row) {
    const auto id = row.parse("id", id_of);
    const auto revision = c.revision(row, row.parse("voided", flag_of));
    if (!row.failed())
        ensure_place(c.scope.db(), "photo", id, revision);
    const auto patient = patient_of(c, row);
    PhotoImage image;
    image.sha256 = row.parse("sha256", [](const std::string& text) {
        if (text.size() != 64 || text.find_first_not_of("0123456789abcdef") != std::string::npos)
            throw ValidationError("sha256", fmt::format("'{}' is not a SHA-256 (64 lowercase hex "
                                                        "digits)",
                                                        visible(text)));
        return text;
    });
    image.bytes = row.parse("bytes", [](const std::string& text) {
        const auto bytes = parse_record_id(text, "bytes", "the image's size in bytes");
        if (bytes > records::max_photo_bytes)
            throw ValidationError("bytes", fmt::format("{} bytes; a photo may have at most {}",
                                                       bytes, records::max_photo_bytes));
        return bytes;
    });
    image.type = row.parse("media_type", [](const std::string& text) {
        const auto type = image_type_of_media(text);
        if (!type)
            throw ValidationError(
                "media_type", fmt::format("'{}' is not image/jpeg or image/png", visible(text)));
        return *type;
    });
    image.file_name = row.parse("file_name", [](const std::string& text) {
        check_note("file_name", text, 255);
        return text;
    });
    PhotoDetails d;
    d.view = row.parse("view", code<PhotoView>);
    d.taken_on = row.parse("taken_on", date_of);
    d.session = row.optional("session", [&](const std::string&) { return session_of(c, row).id; });
    d.note = row.text("note");
    d.override_reason = row.text("override_reason");
    if (row.failed())
        return;
    validated("photo", [&] { validate(d, c.scope.today()); });
    if (revision.number > 1) {
        ensure_identity(c.scope.db(), "SELECT sha256 FROM photo WHERE id = :id", id, image.sha256,
                        "sha256", "the image of photo");
        ensure_identity(c.scope.db(), "SELECT bytes FROM photo WHERE id = :id", id,
                        std::to_string(image.bytes), "bytes", "the size of photo");
        ensure_identity(c.scope.db(), "SELECT media_type FROM photo WHERE id = :id", id,
                        std::string(media_type(image.type)), "media_type",
                        "the media type of photo");
        ensure_identity(c.scope.db(), "SELECT file_name FROM photo WHERE id = :id", id,
                        image.file_name, "file_name", "the file name of photo");
    }
    // As 'photo add' and 'photo amend' check it: the day and the session (the chart's, not
    // voided). With every revision, the photo's newest revision when the file is read.
    if (c.all_revisions && !d.session)
        c.fit_checks.erase(id); // its newest revision names nothing to check
    else if (c.all_revisions)
        check_newest_revision(c, row, id, "photo", [&c, id = PhotoId{id}] {
            const auto now = storage::PhotoRepository(c.scope.db()).find(id);
            if (now && !now->revision.voided)
                records::check_photo_fits(
                    c.scope, records::find_patient_by_id(c.scope.db(), now->patient_id),
                    now->details);
        });
    else if (!revision.voided)
        validated("photo", [&] {
            records::check_photo_fits(c.scope, records::find_patient_by_id(c.scope.db(), patient),
                                      d);
        });
    if (!c.store || row.failed())
        return;
    storage::PhotoRepository photos(c.scope.db());
    if (revision.number == 1) {
        if (!c.place_image)
            throw ValidationError("photos", "photo records are imported with their images, by "
                                            "import --all");
        c.place_image(image);
        photos.insert(patient, image, d, revision, id);
    } else {
        photos.add_revision(PhotoId{id}, patient, d, revision);
    }
    c.audit("photo.import", "photo", id, patient.value, revision.number);
    // A photo kept without consent and without a reason on file: said, as a session's findings
    // are (the check 'photo add' runs), never refused.
    if (!c.all_revisions && !revision.voided && d.override_reason.empty())
        if (const auto finding = records::photo_consent_finding(
                c.scope, records::find_patient_by_id(c.scope.db(), patient), d.taken_on))
            c.warnings.push_back(fmt::format("{} line {}: photo {}: {}: {}", c.file, row.line(), id,
                                             finding->key, finding->message));
}

void import_setting(Context& c, const Row& row) {
    const auto key = row.text("key");
    const auto value = row.parse("value", [&](const std::string& text) {
        return records::imported_setting_value(key, text);
    });
    const auto revision = c.revision(row, false, false);
    if (!c.store || row.failed())
        return;
    const auto stored = storage::SettingsRepository(c.scope.db()).set(key, value, revision);
    if (stored.revision != revision.number)
        throw ValidationError("revision", fmt::format("revision {} of setting {} does not follow "
                                                      "its revision {}; list every revision in "
                                                      "order",
                                                      revision.number, key, stored.revision - 1));
    c.audit("setting.import", "setting", stored.setting_id, std::nullopt, stored.revision);
}

void import_product(Context& c, const Row& row) {
    storage::Product product;
    product.id = ProductId{row.parse("id", id_of)};
    product.code = row.text("code");
    product.name = row.text("name");
    product.kind = row.parse("kind", code<ProductKind>);
    product.maker = row.text("maker");
    product.retired = row.parse("retired", [](const std::string& text) {
        try {
            return flag_of(text);
        } catch (const ValidationError& e) {
            throw ValidationError("retired", e.what());
        }
    });
    if (row.failed())
        return;
    validated("product", [&] { records::check_product(product); });
    // A product row is revision 1 and records no author, time or reason: none are read for it.
    const int number = c.all_revisions ? row.parse("revision",
                                                   [](const std::string& text) {
                                                       return static_cast<int>(parse_record_id(
                                                           text, "revision", "as exported"));
                                                   })
                                       : 1;
    product.revision = number == 1 ? RevisionInfo{} : c.revision(row, false);
    storage::SettingsRepository products(c.scope.db());
    const auto stored = products.find_product(product.code);
    if (number == 1) {
        if (stored)
            throw ValidationError(
                "code", fmt::format("product '{}' is already in the catalogue", product.code));
        ensure_new(c.scope.db(), "product", product.id.value);
        if (product.retired && c.all_revisions)
            throw ValidationError("retired", "a product's revision 1 is never retired; its "
                                             "retirement is a later revision");
    } else if (!stored || stored->id.value != product.id.value ||
               stored->revision.number != number - 1) {
        throw ValidationError("revision", fmt::format("revision {} of product {} does not follow "
                                                      "its stored revisions; list every revision "
                                                      "in order",
                                                      number, product.code));
    }
    if (!c.store || row.failed())
        return;
    if (number == 1) {
        products.insert_product(product, product.id.value);
        c.audit("product.import", "product", product.id.value, std::nullopt, 1);
        if (!product.retired)
            return;
        // A file of current revisions names a retired product once: its retirement follows.
        product.revision = c.scope.revision(
            2, fmt::format("imported from {} line {} (retired)", c.file, row.line()));
    }
    products.add_product_revision(product);
    c.audit("product.import", "product", product.id.value, std::nullopt, product.revision.number);
}

// A text cell as a spreadsheet-safe export writes it ("'=…"): kept as it is (a user may have
// typed it), but counted, so importing a file exported without --raw is not a silent change.
struct GuardedCells {
    std::size_t count = 0;
    std::string first; // 'line L column C'

    void look_at(const CsvTable& table, const CsvRecord& record,
                 const std::vector<std::string>& header) {
        for (std::size_t i = 0; i < record.fields.size() && i < header.size(); ++i) {
            const auto& text = record.fields[i];
            if (text.size() < 2 || text[0] != '\'' ||
                std::string_view("=+-@\t\r").find(text[1]) == std::string_view::npos)
                continue;
            const auto column =
                std::find_if(table.columns.begin(), table.columns.end(),
                             [&](const CsvColumn& c) { return c.name == header[i]; });
            if (column == table.columns.end() || column->numeric())
                continue;
            if (count++ == 0)
                first = fmt::format("line {} column {}", record.line, header[i]);
        }
    }
};

using RowImporter = std::function<void(Context&, const Row&)>;

RowImporter importer_for(std::string_view table, storage::Database& db) {
    if (table == "settings")
        return import_setting;
    if (table == "products")
        return import_product;
    if (table == "audit")
        throw ValidationError("TABLE", "audit.csv is the exporting database's audit trail, for "
                                       "auditors; it is not imported (a database keeps its own "
                                       "trail, and one made by import --all names the export it "
                                       "came from)");
    if (table == "patients")
        return import_patient;
    if (table == "conditions")
        return import_condition;
    if (table == "consents")
        return import_consent;
    if (table == "lots")
        return import_lot;
    if (table == "sessions") {
        std::set<std::string> products;
        for (const auto& product : storage::SettingsRepository(db).products())
            products.insert(product.code);
        return [products](Context& c, const Row& row) { import_session(c, row, products); };
    }
    if (table == "reactions")
        return import_reaction;
    if (table == "followups")
        return import_followup;
    if (table == "courses")
        return import_course;
    if (table == "scores")
        return import_score;
    if (table == "photos")
        return import_photo;
    throw ValidationError("TABLE", fmt::format("{} are imported with their sessions (the areas "
                                               "and serums columns of sessions.csv)",
                                               table));
}

// Header names → field positions; unknown, repeated and missing required columns are problems.
// A file of every revision (export --all-revisions) has the revision columns too.
std::map<std::string, std::size_t, std::less<>> read_header(const CsvTable& table,
                                                            const CsvRecord& header,
                                                            bool all_revisions,
                                                            Problems& problems) {
    std::map<std::string, std::size_t, std::less<>> index;
    std::vector<CsvColumn> columns = table.columns;
    if (all_revisions)
        columns.insert(columns.end(), table.revision_columns.begin(), table.revision_columns.end());
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        const auto& name = header.fields[i];
        const auto known = std::any_of(columns.begin(), columns.end(),
                                       [&](const CsvColumn& c) { return c.name == name; });
        if (is_local_time_column(table, name))
            continue; // the clinic's local time of an instant: derived, not read
        if (!known)
            problems.add(header.line, name, "unknown column for " + std::string(table.name));
        else if (!index.emplace(name, i).second)
            problems.add(header.line, name, "the column appears twice");
    }
    for (const auto& column : columns)
        if (column.required && !index.contains(column.name))
            problems.add(header.line, column.name, "a required column is missing");
    return index;
}

// Records are checked in batches, each batch in one read transaction: one snapshot per batch
// instead of one per query, and none held while the input is waited for. A batch ends at
// whichever comes first, so its memory stays bounded by CsvLimits' record size.
constexpr std::size_t batch_records = 256;
constexpr std::size_t batch_bytes = std::size_t{1} << 20;

// Checks (and with c.store, stores) the records of one batch; problems are collected.
// The local-time columns an export writes beside each instant are not read, but one that no
// longer says the same instant (edited in a spreadsheet) is named, never silently dropped.
void check_local_times(const CsvTable& table, const CsvRecord& record, const CsvRecord& header,
                       const std::map<std::string, std::size_t, std::less<>>& index,
                       Problems& problems) {
    for (std::size_t i = 0; i < header.fields.size(); ++i) {
        const auto& name = header.fields[i];
        if (record.fields[i].empty() || !is_local_time_column(table, name))
            continue;
        const auto utc = index.find(std::string_view(name).substr(0, name.size() - 6));
        if (utc == index.end())
            continue;
        const auto& stated = record.fields[utc->second];
        const auto local = time::parse_iso_with_offset(record.fields[i]);
        if (!local || time::format_utc(*local) != stated)
            problems.add(record.line, name,
                         fmt::format("'{}' is not {} ({}) as a local time; it is written by "
                                     "export and not read: correct {}, the UTC time, instead",
                                     visible(record.fields[i]), utc->first, visible(stated),
                                     utc->first));
    }
}

void import_batch(Context& c, const CsvTable& table, const RowImporter& import_row,
                  const std::vector<CsvRecord>& batch, const CsvRecord& header,
                  const std::map<std::string, std::size_t, std::less<>>& index,
                  GuardedCells& guarded, Problems& problems, std::int64_t& rows) {
    if (const auto session = index.find("session"); session != index.end())
        read_sessions_of(c, batch, session->second);
    for (const auto& record : batch) {
        if (record.fields.size() != header.fields.size()) {
            problems.add(record.line, "",
                         record.fields.size() == 1 && record.fields[0].empty()
                             ? std::string("the line is empty")
                             : fmt::format("{} fields, the header has {}", record.fields.size(),
                                           header.fields.size()));
            continue;
        }
        if (const auto bad = std::find_if(record.fields.begin(), record.fields.end(),
                                          [](const std::string& f) { return !valid_utf8(f); });
            bad != record.fields.end()) {
            problems.add(record.line, header.fields[bad - record.fields.begin()],
                         "not UTF-8 text; save the file as UTF-8 (CSV UTF-8 in Excel)");
            continue;
        }
        if (c.store)
            guarded.look_at(table, record, header.fields);
        check_local_times(table, record, header, index, problems);
        const Row row(record, index);
        try {
            storage::refusing_rows([&] { import_row(c, row); });
            if (!row.failed())
                ++rows;
        } catch (const ValidationError& e) {
            for (const auto& problem : row.problems())
                problems.add(row.line(), problem.field(), problem.what());
            problems.add(row.line(), e.field(), e.what());
            continue;
        }
        for (const auto& problem : row.problems())
            problems.add(row.line(), problem.field(), problem.what());
    }
}

// A header read as one field that holds the other delimiter: the file is separated by it.
std::optional<std::string> delimiter_problem(const std::string& header, char delimiter) {
    if (delimiter == ',' && header.find(';') != std::string::npos)
        return std::string("the columns are separated by semicolons (';'), as spreadsheets in "
                           "languages with a decimal comma save CSV; import it with --delimiter "
                           "';', or save it as CSV with commas");
    if (delimiter == ';' && header.find(',') != std::string::npos)
        return std::string("the columns are separated by commas (','), not semicolons; import it "
                           "without --delimiter");
    return std::nullopt;
}

// One reading of the whole file: every record read and checked; with c.store also stored, and
// the warnings added to c.warnings. Returns the rows that passed. Problems are collected, not
// thrown; reading stops at the first malformed record or the first past a limit of CsvLimits.
std::int64_t read_rows(Context& c, const CsvTable& table, const RowImporter& import_row,
                       std::istream& in, Problems& problems) {
    std::int64_t rows = 0;
    CsvReader reader(in, {}, c.delimiter);
    std::optional<CsvRecord> header;
    std::optional<CsvSyntaxError> malformed; // where reading stopped, after the rows before it
    try {
        header = reader.next();
    } catch (const CsvSyntaxError& e) {
        malformed = e;
    }
    if (!header && !malformed)
        throw ValidationError("file",
                              fmt::format("{} is empty; it needs a header line", c.path.string()));
    GuardedCells guarded;
    if (header && header->fields.size() == 1)
        if (const auto problem = delimiter_problem(header->fields.front(), c.delimiter)) {
            problems.add(header->line, "", *problem);
            header.reset(); // no row can be read with it
        }
    if (header) {
        c.all_revisions = std::find(header->fields.begin(), header->fields.end(), "revision") !=
                              header->fields.end() &&
                          !table.revision_columns.empty();
        if (c.all_revisions && !c.whole_clinic)
            problems.add(header->line, "revision",
                         "this file lists every revision (export --all-revisions); import it "
                         "with the whole export into a new database: needlebook import --all "
                         "FOLDER");
        const auto index = read_header(table, *header, c.all_revisions, problems);
        const bool header_ok = problems.count == 0; // else rows cannot be read by it
        std::vector<CsvRecord> batch;
        for (bool more = header_ok; more;) {
            batch.clear();
            std::size_t bytes = 0;
            try {
                while (batch.size() < batch_records && bytes < batch_bytes) {
                    auto record = reader.next();
                    if (!record) {
                        more = false;
                        break;
                    }
                    for (const auto& field : record->fields)
                        bytes += field.size();
                    batch.push_back(std::move(*record));
                }
            } catch (const CsvSyntaxError& e) {
                malformed = e;
                more = false;
            }
            const auto import_all = [&] {
                import_batch(c, table, import_row, batch, *header, index, guarded, problems, rows);
            };
            if (c.store)
                import_all(); // inside the import's write transaction
            else
                c.scope.db().read(import_all);
        }
    }
    if (c.store && !c.merges.empty())
        store_merges(c, problems);
    for (const auto& [id, check] : c.fit_checks)
        check(problems);
    c.fit_checks.clear();
    if (guarded.count > 0)
        c.warnings.push_back(
            fmt::format("{}: {} text {} with ' before = + - @ TAB or CR (first: {}); imported as "
                        "written, ' included. If the file was exported without --raw, that ' was "
                        "added for spreadsheets: export with --raw and import that file instead",
                        problems.file, guarded.count,
                        guarded.count == 1 ? "cell starts" : "cells start", guarded.first));
    if (malformed) {
        // A problem with one field of a data row names its column, as other problems do.
        const auto& e = *malformed;
        const bool in_data = header && e.line() > header->line && e.field() > 0 &&
                             e.field() <= header->fields.size();
        problems.add(e.line(), in_data ? header->fields[e.field() - 1] : std::string(),
                     fmt::format("character {}: {}", e.column(), e.what()));
    }
    return rows;
}

// Refuses the whole file (ValidationError) when any problem was found.
void refuse_if_any(const Problems& problems, const std::filesystem::path& file) {
    if (problems.count == 0)
        return;
    throw ValidationError(
        "file", fmt::format("{} not imported, nothing was stored ({} {}):\n  {}{}", file.string(),
                            problems.count, problems.count == 1 ? "problem" : "problems",
                            fmt::join(problems.lines, "\n  "),
                            problems.count > listed_problems
                                ? fmt::format("\n  … and {} more", problems.count - listed_problems)
                                : ""));
}

} // namespace

std::int64_t import_into_new_clinic(records::Scope& scope, std::string_view table_name,
                                    const std::filesystem::path& file,
                                    std::string_view expected_sha256,
                                    std::vector<std::string>& warnings,
                                    const PlaceImage& place_image) {
    const auto& table = csv_table(table_name);
    const auto import_row = importer_for(table.name, scope.db());
    io::TwoPassInput input(file); // read once here, but hashed as it is read
    const auto name = file.filename().string();
    Context storing{scope, name, warnings, true, file};
    storing.whole_clinic = true;
    storing.place_image = place_image;
    Problems problems{name, {}, 0};
    auto& in = input.first();
    const auto rows = read_rows(storing, table, import_row, in, problems);
    // The rest of a file whose reading stopped at a malformed record counts too: the hash is of
    // the whole file, compared first, so an edited file is named as such, not by its rows.
    in.ignore(std::numeric_limits<std::streamsize>::max());
    if (input.sha256_read() != expected_sha256)
        throw ValidationError("manifest", fmt::format("{} differs from the file the export wrote "
                                                      "(its SHA-256 is not the one in "
                                                      "manifest.csv); nothing was imported",
                                                      name));
    refuse_if_any(problems, file);
    return rows;
}

ImportResult import_table(records::Scope& scope, std::string_view table_name,
                          const std::filesystem::path& file, char delimiter) {
    // Settings and products replace what init seeded (import --all), never the values of a
    // clinic at work: those change with 'setting set' and 'product amend'.
    if (table_name == "settings" || table_name == "products")
        throw ValidationError(
            "TABLE",
            fmt::format("{} are imported with the whole export into a "
                        "new database (import --all FOLDER); a "
                        "clinic's own are changed with 'needlebook {}'",
                        table_name, table_name == "settings" ? "setting set" : "product amend"));
    // A photo record without its image would be a record of nothing: the images travel in the
    // folder of a whole export.
    if (table_name == "photos")
        throw ValidationError("TABLE", "photos.csv lists photo records, not their images; a "
                                       "clinic's photos move with their images by 'export --all "
                                       "--raw --output FOLDER' and 'import --all FOLDER' into a "
                                       "new database (or 'backup' and 'restore')");
    if (delimiter != ',' && delimiter != ';')
        throw ValidationError("--delimiter", fmt::format("'{}' is not a delimiter import reads; "
                                                         "allowed: ',' or ';'",
                                                         visible(std::string(1, delimiter))));
    const auto& table = csv_table(table_name);
    const auto import_row = importer_for(table.name, scope.db());
    std::error_code ignored;
    if (std::filesystem::is_directory(file, ignored))
        throw FileError(fmt::format("{} is a folder; give the table's file, e.g. {}/{}.csv",
                                    file.string(), file.string(), table.name));
    io::TwoPassInput input(file);
    ImportResult result;
    const auto name = file.filename().string();
    // 1. The whole file read and checked, against the database as it is, before the write
    // lock is taken: others go on logging while a large or slow file is read, and a file with
    // problems is refused without ever holding the database.
    {
        Context checking{scope, name, result.warnings, false, file};
        checking.delimiter = delimiter;
        Problems problems{name, {}, 0};
        read_rows(checking, table, import_row, input.first(), problems);
        refuse_if_any(problems, file);
    }
    // 2. The same bytes again, stored in one transaction; ids and references are checked again,
    // as the database may have changed in between.
    scope.db().keep_journals_in_memory(); // one transaction that changes a great many pages
    scope.db().write([&] {
        Context storing{scope, name, result.warnings, true, file};
        storing.delimiter = delimiter;
        Problems problems{name, {}, 0};
        result.rows = read_rows(storing, table, import_row, input.second(), problems);
        input.check_unchanged();
        refuse_if_any(problems, file);
    });
    return result;
}

} // namespace needlebook::exchange
