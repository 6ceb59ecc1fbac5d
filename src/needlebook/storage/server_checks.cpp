#include "needlebook/storage/server_checks.hpp"

#include "needlebook/storage/server_catalog.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace needlebook::storage {
namespace {

void add_fault(CheckSection& section, std::int64_t count, std::string fault) {
    if (section.faults == 0)
        section.first = std::move(fault);
    section.faults += count;
}

} // namespace

CheckSection server_integrity(Database& db) {
    CheckSection section{"integrity"};
    try {
        auto checksums = db.query("SELECT current_setting('data_checksums')");
        const bool on = checksums->step() && checksums->column(0).as_text() == "on";
        section.note = fmt::format(
            "PostgreSQL keeps its own pages{}; run pg_amcheck for its tables and indexes",
            on ? " and verifies each page's checksum as it reads it"
               : " (without data checksums: its cluster was made without --data-checksums)");
    } catch (const std::exception& e) {
        if (section.faults++ == 0)
            section.first = fmt::format("could not be read: {}", e.what());
    }
    return section;
}

CheckSection server_foreign_keys(Database& db) {
    CheckSection section{"foreign keys"};
    try {
        // Each key of the clinic's schema as the join that finds its orphans: "c.a = p.b AND …".
        auto keys = db.query(
            "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text, "
            "string_agg(format('c.%I = p.%I', a.attname, b.attname), ' AND ' ORDER BY k.n), "
            "string_agg(format('c.%I IS NOT NULL', a.attname), ' AND ' ORDER BY k.n) "
            "FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY "
            "AS k(child, parent, n) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum "
            "= k.child JOIN pg_attribute b ON b.attrelid = c.confrelid AND b.attnum = k.parent "
            "WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace "
            "GROUP BY c.oid, c.conrelid, c.confrelid, c.conname ORDER BY 1, c.conname");
        struct Key {
            std::string table, parent, join, present;
        };
        std::vector<Key> all;
        while (keys->step())
            all.push_back({keys->column(0).as_text(), keys->column(1).as_text(),
                           keys->column(2).as_text(), keys->column(3).as_text()});
        for (const auto& key : all) {
            auto orphans = db.query(fmt::format(
                "SELECT count(*) FROM {} c WHERE {} AND NOT EXISTS (SELECT 1 FROM {} p WHERE {})",
                key.table, key.present, key.parent, key.join));
            orphans->step();
            if (const auto count = orphans->column(0).as_int64(); count > 0)
                add_fault(section, count,
                          fmt::format("{} {} of {} {} to a {} row that does not exist", count,
                                      count == 1 ? "row" : "rows", key.table,
                                      count == 1 ? "refers" : "refer", key.parent));
        }
    } catch (const std::exception& e) {
        add_fault(section, 1, fmt::format("could not be read: {}", e.what()));
    }
    return section;
}

CheckSection server_schema(Database& db) {
    CheckSection section{"schema"};
    try {
        const int version = db.schema_version();
        // The catalog's own text (definitions as the server prints them) is PostgreSQL 15's.
        auto major = db.query("SELECT current_setting('server_version_num')::int / 10000");
        major->step();
        if (const auto server_major = major->column(0).as_int(); server_major != 15) {
            section.note = fmt::format("not compared: this program describes schema {} as "
                                       "PostgreSQL 15 shows it, and this server is {}",
                                       version, server_major);
            return section;
        }
        const auto expected_text = expected_server_schema(version);
        if (!expected_text) {
            add_fault(
                section, 1,
                fmt::format("this program has no description of schema {} on a server", version));
            return section;
        }
        std::set<std::string_view> expected;
        for (std::size_t start = 0; start < expected_text->size();) {
            const auto end = std::min(expected_text->find('\n', start), expected_text->size());
            if (end > start)
                expected.insert(expected_text->substr(start, end - start));
            start = end + 1;
        }
        const auto found = describe_server_schema(db);
        const std::set<std::string_view> found_set(found.begin(), found.end());
        for (const auto& line : expected) {
            ++section.checked;
            if (!found_set.contains(line))
                add_fault(section, 1,
                          fmt::format("{} of schema {} is missing or differs", line, version));
        }
        for (const auto& line : found)
            if (!expected.contains(line))
                add_fault(section, 1, fmt::format("{} is not part of schema {}", line, version));
    } catch (const std::exception& e) {
        add_fault(section, 1, fmt::format("could not be read: {}", e.what()));
    }
    return section;
}

} // namespace needlebook::storage
