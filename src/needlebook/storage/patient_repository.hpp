#pragma once
// All SQL for patients.

#include "needlebook/model/patient.hpp"
#include "needlebook/storage/database.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace needlebook::storage {

class PatientRepository {
public:
    explicit PatientRepository(Database& db) : m_db(db) {}

    PatientId insert(const std::string& code, const PatientDetails& details,
                     const RevisionInfo& revision);
    void add_revision(PatientId id, const PatientDetails& details, const RevisionInfo& revision);
    // The voiding revision of a duplicate chart, naming the chart `into` that holds its records.
    void add_merge_revision(PatientId id, const PatientDetails& details,
                            const RevisionInfo& revision, PatientId into);

    // Marks stored revision `revision` of chart `id` as the merge into `into` (import, which
    // stores a merge after the chart it went into).
    void link_merge(PatientId id, int revision, PatientId into);
    // A chart merged into another: the other's code, and the merge (the voiding revision).
    struct Merge {
        std::string duplicate; // the chart merged
        std::string into;      // the chart it was merged into
        std::string now_in;    // the chart that holds its records now (`into`, or a later merge's)
        RevisionInfo revision;
    };
    // The merge that voided chart `id`, if any, and where its records are now.
    std::optional<Merge> merge_of(PatientId id);
    // Every chart merged into `id`, directly or through another merge, oldest merge first.
    std::vector<Merge> merged_into(PatientId id);

    // The current revision.
    std::optional<Patient> find(std::string_view code);
    std::optional<Patient> find(PatientId id);
    // Current revisions whose code or names contain `search`, ignoring case and accents
    // (fold(), model/fold.hpp), by code.
    std::vector<Patient> list(std::string_view search);
    // Current patients with the same names (ignoring case and accents) and birth date: possible
    // duplicates.
    std::vector<Patient> same_person(const PatientDetails& details);
    // Every revision, oldest first.
    std::vector<Patient> revisions(PatientId id);

    bool any();
    // The first chart code after `code` in the order of list() (case-insensitive), nothing
    // after the last: every patient visited one at a time, none held in memory.
    std::optional<std::string> code_after(std::string_view code);

    // The next free code of the form P-000123.
    std::string next_code();

    // The patients who have rows in the export table `table` ("patients", "sessions", …): whose
    // data an export of it discloses. Nothing for a name it does not know.
    std::vector<std::int64_t> ids_with_rows_in(std::string_view table);

private:
    Database& m_db;
};

} // namespace needlebook::storage
