#include "needlebook/storage/server_catalog.hpp"

#include "needlebook/storage/migrations.hpp"

#include <algorithm>

namespace needlebook::storage {
namespace {

// Every object of the schema the connection works in (current_schema(), usually public).
constexpr std::string_view description_sql = R"sql(
WITH here AS (SELECT current_schema()::regnamespace AS nsp),
tables AS (
    SELECT c.oid, c.relname, c.relkind, c.relacl, c.relowner FROM pg_class c, here
    WHERE c.relnamespace = here.nsp AND c.relkind IN ('r', 'p', 'v'))
SELECT regexp_replace(line, '\s*\n\s*', ' ', 'g') FROM ( -- one line each
    SELECT format('table %s', relname) AS line FROM tables WHERE relkind IN ('r', 'p')
    UNION ALL
    SELECT format('column %s.%s %s %s%s%s%s', t.relname, lpad(a.attnum::text, 3, '0'),
                  a.attname, format_type(a.atttypid, a.atttypmod),
                  CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation
                       THEN ' collate ' || co.collname ELSE '' END,
                  CASE WHEN a.attnotnull THEN ' not null' ELSE '' END,
                  coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), ''))
    FROM tables t JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
    JOIN pg_type ty ON ty.oid = a.atttypid
    LEFT JOIN pg_collation co ON co.oid = a.attcollation
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE t.relkind IN ('r', 'p')
    UNION ALL
    SELECT format('constraint %s.%s %s', t.relname, con.conname, pg_get_constraintdef(con.oid))
    FROM tables t JOIN pg_constraint con ON con.conrelid = t.oid
    UNION ALL
    SELECT format('index %s', pg_get_indexdef(i.indexrelid))
    FROM tables t JOIN pg_index i ON i.indrelid = t.oid
    UNION ALL
    SELECT format('trigger %s %s', tg.tgenabled, pg_get_triggerdef(tg.oid))
    FROM tables t JOIN pg_trigger tg ON tg.tgrelid = t.oid AND NOT tg.tgisinternal
    UNION ALL
    SELECT format('view %s %s', relname, md5(pg_get_viewdef(oid))) FROM tables WHERE relkind = 'v'
    UNION ALL
    SELECT format('function %s %s', p.oid::regprocedure, md5(pg_get_functiondef(p.oid)))
    FROM pg_proc p, here WHERE p.pronamespace = here.nsp
    UNION ALL
    SELECT format('grant %s to %s: %s', t.relname,
                  CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE x.grantee::regrole::text END,
                  x.privilege_type)
    FROM tables t CROSS JOIN LATERAL aclexplode(t.relacl) x WHERE x.grantee <> t.relowner
    UNION ALL
    SELECT format('grant schema to %s: %s',
                  CASE WHEN x.grantee = 0 THEN 'PUBLIC' ELSE x.grantee::regrole::text END,
                  x.privilege_type)
    FROM pg_namespace n JOIN here ON n.oid = here.nsp
    CROSS JOIN LATERAL aclexplode(n.nspacl) x WHERE x.grantee <> n.nspowner
    UNION ALL
    SELECT format('member %s of %s', m.member::regrole, m.roleid::regrole)
    FROM pg_auth_members m
    WHERE m.roleid::regrole::text LIKE 'needlebook\_%' AND m.member::regrole::text LIKE 'needlebook\_%'
) described ORDER BY line COLLATE "C"
)sql";

} // namespace

std::vector<std::string> describe_server_schema(Database& db) {
    std::vector<std::string> lines;
    auto query = db.connection().prepare(description_sql);
    while (query->step())
        lines.push_back(query->column(0).as_text());
    return lines;
}

std::optional<std::string_view> expected_server_schema(int version) {
    const auto catalogs = postgres_catalogs();
    const auto found = std::find_if(catalogs.begin(), catalogs.end(),
                                    [&](const Migration& m) { return m.version == version; });
    if (found == catalogs.end())
        return std::nullopt;
    return found->sql;
}

} // namespace needlebook::storage
