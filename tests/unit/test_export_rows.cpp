// The cells export builds itself (exchange/export_rows.cpp): the same text as SQLite's JSON and
// printf functions wrote in earlier versions, whose exports import --all still reads and
// compares, and the same on every engine (ctest postgres/same_on_both and postgres/copy compare
// whole exports on a server).
#include "needlebook/exchange/csv_tables.hpp"
#include "needlebook/exchange/export_rows.hpp"
#include "needlebook/records/demo.hpp"

#include "fixtures.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <cmath>
#include <doctest/doctest.h>
#include <limits>
#include <map>

using namespace needlebook;
using exchange::csv_table;
using exchange::ExportRows;

namespace {

// What SQLite's own json_quote() makes of a value.
std::string sqlite_json(SQLite::Database& sql, const std::string& text) {
    SQLite::Statement quote(sql, "SELECT json_quote(?)");
    quote.bind(1, text);
    quote.executeStep();
    return quote.getColumn(0).getString();
}
std::string sqlite_json(SQLite::Database& sql, double value) {
    SQLite::Statement quote(sql, "SELECT json_quote(?)");
    quote.bind(1, value);
    quote.executeStep();
    return quote.getColumn(0).getString();
}

// Every row's cells of `table` as export writes them, by the value of its first column.
std::vector<std::vector<std::string>> cells_of(storage::Database& db, std::string_view table,
                                               bool all_revisions) {
    const auto& spec = csv_table(table);
    const auto columns = exchange::export_columns(spec, all_revisions);
    std::vector<std::vector<std::string>> rows;
    db.read([&] {
        ExportRows export_rows(db, spec, all_revisions);
        while (export_rows.next()) {
            auto& row = rows.emplace_back();
            for (const auto& column : columns)
                row.push_back(export_rows.cell(column).value_or("<null>"));
        }
    });
    return rows;
}

std::size_t index_of(std::string_view table, std::string_view name, bool all_revisions) {
    const auto columns = exchange::export_columns(csv_table(table), all_revisions);
    for (std::size_t i = 0; i < columns.size(); ++i)
        if (columns[i].name == name)
            return i;
    FAIL("no column " << name);
    return 0;
}

} // namespace

TEST_CASE("export cells: text and numbers in JSON as SQLite quotes them") {
    SQLite::Database sql(":memory:");
    for (const std::string& text :
         {std::string(""), std::string("cheek"), std::string("say \"no\" \\ then"),
          std::string("tab\there\nnew line\r\b\f"), std::string("\x01\x1f\x7f end"),
          std::string("Zoë Müller – 日本"), std::string("a/b")}) {
        CAPTURE(text);
        CHECK(exchange::json_quoted(text) == sqlite_json(sql, text));
    }
    for (const double value : {0.0, 1.0, 1.5, 0.25, 2.0, 0.1, 0.3, 1.05, 2.45, 0.1 + 0.2, 1e20,
                               1e-7, 123456789012345678.0, -3.75, 1234567.125}) {
        CAPTURE(value);
        CHECK(exchange::json_real(value) == sqlite_json(sql, value));
    }
}

TEST_CASE("export cells: a demo clinic's JSON, decimal and list cells are the ones SQLite built") {
    test::Clinic clinic;
    records::fill_demo_clinic(clinic.scope, {25, 3});
    auto& db = clinic.db;
    auto& sql = test::raw(db);
    // The expressions earlier versions exported, per session revision.
    const auto sqlite_cell = [&](const std::string& expression, std::int64_t key) {
        SQLite::Statement query(sql, expression);
        query.bind(1, static_cast<int64_t>(key));
        query.executeStep();
        return query.getColumn(0).isNull() ? std::string("<null>") : query.getColumn(0).getString();
    };
    const std::string areas =
        "SELECT json_group_array(json_object('area', a.area, 'side', a.side, 'depth_mm', "
        "a.depth_mm, 'passes', a.passes)) FROM (SELECT * FROM session_area WHERE "
        "session_revision_id = ? ORDER BY position) a";
    const std::string serums =
        "SELECT CASE WHEN count(*) = 0 THEN '' ELSE json_group_array(json_object('product', "
        "u.code, 'lot', u.lot, 'expiry', u.expiry, 'phase', u.phase, 'amount_ml', u.amount_ml)) "
        "END FROM (SELECT d.code, x.* FROM serum_use x JOIN product d ON d.id = x.product_id "
        "WHERE x.session_revision_id = ? ORDER BY x.position) u";
    const std::string checked_with =
        "SELECT CASE WHEN count(*) = 0 THEN '' ELSE json_group_array(json_object('key', "
        "k.key, 'revision', k.revision, 'value', k.value)) END FROM (SELECT ss.key, "
        "sv.revision, sv.value FROM session_setting su JOIN setting_revision sv ON sv.id = "
        "su.setting_revision_id JOIN setting ss ON ss.id = sv.setting_id WHERE "
        "su.session_revision_id = ? ORDER BY ss.key) k";
    // Session revisions in export order (every revision).
    std::vector<std::int64_t> revisions;
    SQLite::Statement list(sql, "SELECT r.id FROM session s JOIN session_revision r ON "
                                "r.session_id = s.id ORDER BY s.id, r.revision");
    while (list.executeStep())
        revisions.push_back(list.getColumn(0).getInt64());
    const auto sessions = cells_of(db, "sessions", true);
    REQUIRE(sessions.size() == revisions.size());
    REQUIRE(sessions.size() > 50);
    const auto areas_at = index_of("sessions", "areas", true);
    const auto serums_at = index_of("sessions", "serums", true);
    const auto checked_at = index_of("sessions", "checked_with", true);
    int with_serums = 0;
    for (std::size_t i = 0; i < sessions.size(); ++i) {
        CAPTURE(revisions[i]);
        CHECK(sessions[i][areas_at] == sqlite_cell(areas, revisions[i]));
        CHECK(sessions[i][serums_at] == sqlite_cell(serums, revisions[i]));
        CHECK(sessions[i][checked_at] == sqlite_cell(checked_with, revisions[i]));
        with_serums += sessions[i][serums_at].empty() ? 0 : 1;
    }
    CHECK(with_serums > 10);

    // Depths with two places, as printf('%.2f') wrote them.
    const auto depths = cells_of(db, "session_areas", false);
    SQLite::Statement printed(sql, "SELECT printf('%.2f', c.depth_mm) FROM session s JOIN "
                                   "session_revision r ON r.session_id = s.id JOIN session_area c "
                                   "ON c.session_revision_id = r.id WHERE r.revision = (SELECT "
                                   "max(revision) FROM session_revision WHERE session_id = s.id) "
                                   "ORDER BY s.id, c.position");
    const auto depth_at = index_of("session_areas", "depth_mm", false);
    for (const auto& row : depths) {
        REQUIRE(printed.executeStep());
        CHECK(row[depth_at] == printed.getColumn(0).getString());
    }
    CHECK_FALSE(printed.executeStep());

    // Scores with their scale's places.
    const auto scores = cells_of(db, "scores", false);
    SQLite::Statement score_text(
        sql, "SELECT printf('%.*f', (SELECT decimals FROM outcome_scale WHERE key = r.scale), "
             "r.score) FROM assessment x JOIN assessment_revision r ON r.assessment_id = x.id "
             "WHERE r.revision = (SELECT max(revision) FROM assessment_revision WHERE "
             "assessment_id = x.id) ORDER BY x.id");
    const auto score_at = index_of("scores", "score", false);
    REQUIRE(scores.size() > 10);
    for (const auto& row : scores) {
        REQUIRE(score_text.executeStep());
        CHECK(row[score_at] == score_text.getColumn(0).getString());
    }
}

TEST_CASE("export cells: a session with no serums and an audit row with no disclosure") {
    test::Clinic clinic;
    records::fill_demo_clinic(clinic.scope, {3, 5});
    const auto audit = cells_of(clinic.db, "audit", false);
    const auto disclosed = index_of("audit", "disclosed", false);
    REQUIRE_FALSE(audit.empty());
    CHECK(audit.front()[disclosed] == "<null>"); // the schema's creation disclosed no chart
}
