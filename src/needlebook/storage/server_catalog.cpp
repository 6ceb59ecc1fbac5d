#include "needlebook/storage/server_catalog.hpp"

#include "needlebook/storage/migrations.hpp"

#include <algorithm>

namespace needlebook::storage {
namespace {

// Every object of the schema the connection works in (current_schema(), usually public).
constexpr std::string_view description_sql = R"sql(
WITH here AS (SELECT current_schema()::regnamespace AS nsp),
tables AS (
    SELECT c.oid, c.relname, c.relkind, c.relacl, c.relowner, c.relrowsecurity,
           c.relforcerowsecurity FROM pg_class c, here
    WHERE c.relnamespace = here.nsp AND c.relkind IN ('r', 'p', 'v')),
grantee AS (SELECT 0::oid AS oid, 'PUBLIC' AS name UNION ALL SELECT oid, rolname FROM pg_roles)
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
    SELECT format('grant %s to %s: %s%s', t.relname, g.name, x.privilege_type,
                  CASE WHEN x.is_grantable THEN ' with grant option' ELSE '' END)
    FROM tables t CROSS JOIN LATERAL aclexplode(t.relacl) x JOIN grantee g ON g.oid = x.grantee
    WHERE x.grantee <> t.relowner
    UNION ALL
    SELECT format('grant column %s.%s to %s: %s', t.relname, a.attname, g.name, x.privilege_type)
    FROM tables t JOIN pg_attribute a ON a.attrelid = t.oid AND a.attacl IS NOT NULL
    CROSS JOIN LATERAL aclexplode(a.attacl) x JOIN grantee g ON g.oid = x.grantee
    UNION ALL
    SELECT format('grant schema to %s: %s', g.name, x.privilege_type)
    FROM pg_namespace n JOIN here ON n.oid = here.nsp
    CROSS JOIN LATERAL aclexplode(n.nspacl) x JOIN grantee g ON g.oid = x.grantee
    WHERE x.grantee <> n.nspowner
    UNION ALL
    -- Who may connect differs from clinic to clinic; making objects here is the owner's alone.
    SELECT format('grant database to %s: %s', g.name, x.privilege_type)
    FROM pg_database d CROSS JOIN LATERAL aclexplode(d.datacl) x JOIN grantee g ON g.oid = x.grantee
    WHERE d.datname = current_database() AND x.grantee <> d.datdba AND x.privilege_type <> 'CONNECT'
    UNION ALL
    -- What needlebook's roles are members of (a login's membership in them is the clinic's own).
    SELECT format('member %s of %s', m.member::regrole, m.roleid::regrole)
    FROM pg_auth_members m WHERE m.member::regrole::text LIKE 'needlebook\_%'
    UNION ALL
    -- One owner for every table and function: another would pass the administrator's test.
    SELECT format('owners %s', count(DISTINCT owner)) FROM (
        SELECT relowner AS owner FROM tables
        UNION ALL SELECT p.proowner FROM pg_proc p, here WHERE p.pronamespace = here.nsp) o
    UNION ALL
    SELECT format('row security %s%s', relname, CASE WHEN relforcerowsecurity THEN ' forced' ELSE '' END)
    FROM tables WHERE relrowsecurity
    UNION ALL
    SELECT format('policy %s.%s', t.relname, p.polname) FROM tables t JOIN pg_policy p ON p.polrelid = t.oid
    UNION ALL
    SELECT format('rule %s.%s %s', t.relname, r.rulename, md5(pg_get_ruledef(r.oid)))
    FROM tables t JOIN pg_rewrite r ON r.ev_class = t.oid WHERE r.rulename <> '_RETURN'
    UNION ALL
    SELECT format('relation %s %s', c.relkind, c.relname) FROM pg_class c, here
    WHERE c.relnamespace = here.nsp AND c.relkind NOT IN ('r', 'p', 'v', 'i', 'I', 't', 'c')
    UNION ALL
    SELECT format('event trigger %s %s', evtname, evtenabled) FROM pg_event_trigger
    UNION ALL
    SELECT format('default privileges of %s', defaclrole::regrole) FROM pg_default_acl
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
