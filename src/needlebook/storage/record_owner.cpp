#include "needlebook/storage/record_owner.hpp"

#include <fmt/format.h>

namespace needlebook::storage {

void insert_owner(Database& db, std::string_view kind, std::int64_t id, std::int64_t revision_id,
                  std::int64_t patient) {
    auto owner = db.query(fmt::format(
        "INSERT INTO {0}_owner ({0}_revision_id, patient_id) SELECT :revision, :patient WHERE "
        ":patient IS DISTINCT FROM (SELECT patient_id FROM {0} WHERE id = :id)",
        kind));
    owner->bind(":revision", revision_id);
    owner->bind(":patient", patient);
    owner->bind(":id", id);
    owner->exec();
}

std::string owner_of(std::string_view kind, std::string_view revision, std::string_view identity) {
    return fmt::format("coalesce((SELECT patient_id FROM {0}_owner WHERE {0}_revision_id = "
                       "{1}.id), {2}.patient_id)",
                       kind, revision, identity);
}

std::string charts_held_by(std::string_view parameter) {
    // Its own aliases (merged, merge, merged_revision) never clash with the query's.
    return fmt::format("(WITH RECURSIVE merged (id) AS (VALUES ({}) UNION SELECT "
                       "merged_revision.patient_id FROM merged JOIN patient_merge merge ON "
                       "merge.into_patient_id = merged.id JOIN patient_revision merged_revision "
                       "ON merged_revision.id = merge.patient_revision_id) SELECT id FROM merged)",
                       parameter);
}

std::string held_by(std::string_view kind, std::string_view identity, std::string_view parameter) {
    return fmt::format("{1}.patient_id IN {3} AND coalesce((SELECT o.patient_id FROM {0}_owner o "
                       "JOIN {0}_revision n ON n.id = o.{0}_revision_id WHERE n.{0}_id = {1}.id "
                       "AND n.revision = (SELECT max(revision) FROM {0}_revision WHERE {0}_id = "
                       "{1}.id)), {1}.patient_id) = {2}",
                       kind, identity, parameter, charts_held_by(parameter));
}

std::string patients_of(std::string_view kind) {
    return fmt::format("SELECT patient_id FROM {0} UNION SELECT patient_id FROM {0}_owner", kind);
}

std::string now_naming(std::string_view kind, std::string_view identity,
                       std::string_view parameter) {
    return fmt::format("{1}.id IN (SELECT n.{0}_id FROM {0}_revision n WHERE n.patient_id = {2} "
                       "AND n.revision = (SELECT max(revision) FROM {0}_revision WHERE {0}_id = "
                       "n.{0}_id))",
                       kind, identity, parameter);
}

std::vector<std::string> live_records_on_voided_charts(Database& db, int limit) {
    struct Kind {
        std::string_view table, label;
        bool owner_table; // schema 8's KIND_owner; else each revision names its patient
    };
    // Not conditions and consents: a chart registered in error is voided with them.
    static constexpr Kind kinds[] = {{"session", "session", true},
                                     {"course", "course", false},
                                     {"assessment", "score", false},
                                     {"photo", "photo", false}};
    std::vector<std::string> found;
    for (const auto& kind : kinds) {
        auto query = db.query(fmt::format(
            "SELECT x.id, p.code FROM {0} x JOIN {0}_revision r ON r.{0}_id = x.id AND "
            "r.revision = (SELECT max(revision) FROM {0}_revision WHERE {0}_id = x.id) JOIN "
            "patient p ON p.id = {1} WHERE r.voided = 0 AND (SELECT voided FROM patient_revision "
            "WHERE patient_id = p.id ORDER BY revision DESC LIMIT 1) = 1 ORDER BY x.id LIMIT {2}",
            kind.table, kind.owner_table ? owner_of(kind.table, "r", "x") : "r.patient_id",
            limit - static_cast<int>(found.size())));
        while (query->step())
            found.push_back(fmt::format("{} {} (chart {})", kind.label, query->column(0).as_int64(),
                                        query->column(1).as_text()));
        if (static_cast<int>(found.size()) >= limit)
            break;
    }
    return found;
}

} // namespace needlebook::storage
