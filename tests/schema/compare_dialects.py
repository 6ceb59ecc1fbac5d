#!/usr/bin/env python3
"""Proves that SQLite and PostgreSQL hold the same Needlebook schema.

Builds the SQLite schema from schema/NNNN_*.sql (python's sqlite3, as the program runs them) and
the PostgreSQL one from schema/postgresql/NNNN_*.sql, 0010_baseline.sql first (through psql, in a fresh
database of the server that PGHOST/PGPORT/PGUSER name), then compares

  * the catalogs: tables; per table the columns in order (type class, NOT NULL, default), the
    primary key, unique constraints and unique indexes, foreign keys, the columns each CHECK
    constraint mentions, the triggers (operation and message); every index by name; the views
    and their columns; every seeded row of every table and view;
  * the behaviour: a fixture of rows for every table written on both (then every row and view
    compared again), UPDATE and DELETE refused on both with the same message (and TRUNCATE on
    PostgreSQL), ids of new and imported rows, a battery of inserts that CHECKs and triggers
    accept or refuse alike, the date and instant checks over many strings, needlebook_fold
    against what fold() returns, needlebook_ids against json_each.

Prints every difference and exits 1 if there is any. Needs python3 and psql only.
Usually run through tests/schema/compare_dialects.sh, which starts a throw-away server.
"""

import glob
import json
import os
import re
import sqlite3
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PG_SCRIPTS = sorted(glob.glob(os.path.join(REPO, "schema", "postgresql", "[0-9][0-9][0-9][0-9]_*.sql")))
CONTEXT = ("2026-01-02T03:04:05Z", "schema-test")
PG_ONLY_TABLES = {"needlebook_schema"}
# CHECKs only PostgreSQL has, as (table, columns): the server verifies an image's SHA-256 itself
# (SQLite has no SHA-256 function, and a database file keeps photo_image empty).
PG_ONLY_CHECKS = {("photo_image", ("content", "sha256"))}
TS = "'2026-01-02T03:04:05Z'"

differences = []
notes = []


def differ(what, sqlite_side, pg_side):
    differences.append(f"{what}\n    sqlite:     {sqlite_side}\n    postgresql: {pg_side}")


def same(what, sqlite_side, pg_side):
    if sqlite_side != pg_side:
        differ(what, sqlite_side, pg_side)


# --- PostgreSQL through psql ------------------------------------------------------------------


class Pg:
    def __init__(self, database):
        self.database = database

    def run(self, sql, database=None, single_transaction=False):
        args = ["psql", "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                "-d", database or self.database]
        if single_transaction:
            args.append("--single-transaction")
        done = subprocess.run(args, input=sql, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"psql failed ({done.returncode}): {done.stderr.strip()}")
        return done.stdout

    def rows(self, query):
        """The rows of a query as a list of dicts (through json, so NULL stays None)."""
        out = self.run(f"SELECT coalesce(json_agg(x), '[]') FROM ({query}) x;\n")
        return json.loads(out)

    def rows_of(self, relations):
        """All rows of each relation, in one psql run."""
        parts = ", ".join(f"'{r}', (SELECT coalesce(json_agg(x), '[]') FROM {r} x)"
                          for r in relations)
        return json.loads(self.run(f"SELECT json_build_object({parts});\n"))

    def attempts(self, statements):
        """Runs each statement on its own (a failure does not stop the next); returns for each
        'ok' or 'SQLSTATE message'."""
        script = ["CREATE FUNCTION pg_temp.attempt(q text) RETURNS text LANGUAGE plpgsql AS $f$",
                  "BEGIN EXECUTE q; RETURN 'ok';",
                  "EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE || ' ' || SQLERRM; END $f$;"]
        for statement in statements:
            assert "$q$" not in statement
            statement = pg_blobs(statement)
            script.append(f"SELECT json_build_array(pg_temp.attempt($q${statement}$q$));")
        out = self.run("\n".join(script) + "\n")
        return [json.loads(line)[0] for line in out.splitlines() if line.strip()]


def pg_blobs(statement):
    """SQLite's BLOB literal x'616263' as PostgreSQL's bytea '\\x616263'."""
    return re.sub(r"(?<!')\bx'([0-9a-f]+)'", r"'\\x\1'::bytea", statement)


# --- Building both ----------------------------------------------------------------------------


def build_sqlite():
    db = sqlite3.connect(":memory:", isolation_level=None)
    db.execute("PRAGMA foreign_keys = OFF")
    db.execute("BEGIN")
    db.execute("CREATE TEMP TABLE migration_context (now TEXT NOT NULL, actor TEXT NOT NULL)")
    db.execute("INSERT INTO temp.migration_context VALUES (?, ?)", CONTEXT)
    for path in sorted(glob.glob(os.path.join(REPO, "schema", "[0-9][0-9][0-9][0-9]_*.sql"))):
        version = int(os.path.basename(path)[:4])
        # One transaction for all, as the program runs them (executescript would commit).
        for statement in split_sqlite_script(open(path, encoding="utf-8").read()):
            db.execute(statement)
        db.execute(f"PRAGMA user_version = {version}")
    db.execute("DROP TABLE temp.migration_context")
    orphans = db.execute("PRAGMA foreign_key_check").fetchall()
    if orphans:
        raise RuntimeError(f"SQLite migrations leave orphans: {orphans}")
    db.execute("COMMIT")
    db.execute("PRAGMA foreign_keys = ON")
    return db


def split_sqlite_script(text):
    statements, current = [], ""
    for line in text.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            if current.strip():
                statements.append(current)
            current = ""
    if current.strip() and strip_comments(current).strip():
        raise RuntimeError(f"incomplete statement: {current[:80]}")
    return [s for s in statements if strip_comments(s).strip()]


def build_pg(admin):
    name = f"needlebook_compare_{os.getpid()}"
    admin.run(f"DROP DATABASE IF EXISTS {name};\nCREATE DATABASE {name};\n", database="postgres")
    pg = Pg(name)
    now, actor = CONTEXT
    script = ("CREATE TEMP TABLE migration_context (now text NOT NULL, actor text NOT NULL);\n"
              f"INSERT INTO migration_context VALUES ('{now}', '{actor}');\n")
    for path in PG_SCRIPTS:
        script += open(path, encoding="utf-8").read() + "\n"
        script += f"UPDATE needlebook_schema SET version = {int(os.path.basename(path)[:4])};\n"
    pg.run(script, single_transaction=True)
    return pg, name


# --- Parsing SQLite's SQL ---------------------------------------------------------------------


def strip_comments(sql):
    out, i = [], 0
    while i < len(sql):
        c = sql[i]
        if c == "'":
            j = i + 1
            while j < len(sql):
                if sql[j] == "'" and sql[j + 1:j + 2] == "'":
                    j += 2
                elif sql[j] == "'":
                    break
                else:
                    j += 1
            out.append(sql[i:j + 1])
            i = j + 1
        elif sql.startswith("--", i):
            j = sql.find("\n", i)
            i = len(sql) if j < 0 else j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def without_strings(sql):
    return re.sub(r"'(?:[^']|'')*'", "''", sql)


def balanced(sql, start):
    """The text inside the parenthesis that opens at sql[start]."""
    assert sql[start] == "("
    depth, i = 0, start
    while i < len(sql):
        if sql[i] == "'":
            i = sql.index("'", i + 1)
            while sql[i + 1:i + 2] == "'":
                i = sql.index("'", i + 2)
        elif sql[i] == "(":
            depth += 1
        elif sql[i] == ")":
            depth -= 1
            if depth == 0:
                return sql[start + 1:i]
        i += 1
    raise ValueError("unbalanced parentheses")


def split_top(text, sep=","):
    parts, depth, current, i = [], 0, "", 0
    while i < len(text):
        c = text[i]
        if c == "'":
            j = i + 1
            while not (text[j] == "'" and text[j + 1:j + 2] != "'"):
                j += 2 if text[j] == "'" else 1
            current += text[i:j + 1]
            i = j + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        if c == sep and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += c
        i += 1
    parts.append(current)
    return [p.strip() for p in parts]


def canonical_expression(text):
    """One spelling for an index key or predicate of either dialect."""
    text = text.strip()
    text = re.sub(r"::[a-z ]+(\[\])?", "", text, flags=re.I)       # PostgreSQL's casts
    text = re.sub(r'\s+COLLATE\s+"?C"?', "", text, flags=re.I)
    text = re.sub(r"\s+", "", text).lower().replace('"', "")
    while text.startswith("(") and text.endswith(")") and balanced(text, 0) == text[1:-1]:
        text = text[1:-1]
    return text


def check_columns(sql, columns):
    """The columns each CHECK in a CREATE TABLE mentions, as sorted tuples."""
    sql = strip_comments(sql)
    found = []
    for m in re.finditer(r"\bCHECK\s*\(", sql, re.I):
        expression = without_strings(balanced(sql, m.end() - 1))
        words = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", expression))
        found.append(tuple(sorted(c for c in columns if c in words)))
    return sorted(found)


# --- Models -----------------------------------------------------------------------------------

TYPE_CLASS_SQLITE = {"INTEGER": "integer", "TEXT": "text", "REAL": "real", "BLOB": "blob"}
TYPE_CLASS_PG = {"bigint": "integer", "integer": "integer", "text": "text",
                 "double precision": "real", "bytea": "blob"}


def sqlite_model(db):
    model = {"tables": {}, "indexes": {}, "views": {}, "triggers": {}}
    tables = [r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    for table in tables:
        sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        info = db.execute(f"PRAGMA table_xinfo({table})").fetchall()
        pk = [r[1] for r in sorted((r for r in info if r[5]), key=lambda r: r[5])]
        rowid_pk = len(pk) == 1 and [r[2] for r in info if r[1] == pk[0]][0] == "INTEGER"
        columns = []
        for cid, name, type_, notnull, default, pk_index, hidden in info:
            if rowid_pk and name == pk[0]:
                default = "auto-id"
            elif default is not None:
                default = canonical_expression(default)
            # A STRICT table's primary key is NOT NULL (an INTEGER one is the rowid).
            columns.append((name, TYPE_CLASS_SQLITE.get(type_, type_),
                            bool(notnull or pk_index), default))
        unique = []
        for seq, index, is_unique, origin, partial in db.execute(f"PRAGMA index_list({table})"):
            if origin == "pk" or not is_unique:
                continue
            unique.append(sqlite_index_keys(db, index))
        fks = {}
        for fk_id, seq, ref, from_, to, on_update, on_delete, match in db.execute(
                f"PRAGMA foreign_key_list({table})"):
            entry = fks.setdefault(fk_id, [[], ref, [], on_update, on_delete])
            entry[0].append(from_)
            entry[2].append(to)
        model["tables"][table] = {
            "columns": columns,
            "primary key": pk,
            "unique": sorted(unique),
            "foreign keys": sorted((tuple(c), r, tuple(t), u, d)
                                   for c, r, t, u, d in fks.values()),
            "checks": check_columns(sql, [c[0] for c in columns]),
        }
    for name, table in db.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'"
                                  " AND sql IS NOT NULL"):
        model["indexes"][name] = (table,) + sqlite_index_keys(db, name)
    for (view,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'view'"):
        model["views"][view] = [r[1] for r in db.execute(f"PRAGMA table_info({view})")]
    for name, table, sql in db.execute(
            "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'"):
        m = re.match(r"CREATE TRIGGER \w+ (BEFORE|AFTER) (INSERT|UPDATE|DELETE) ON \w+\s*"
                     r"(WHEN .*?)?\s*BEGIN SELECT RAISE\(ABORT, '((?:[^']|'')*)'\); END$",
                     sql, re.S)
        if not m:
            raise RuntimeError(f"a kind of SQLite trigger this test does not know: {sql}")
        timing, event, when, message = m.groups()
        model["triggers"][name] = (table, timing, event, message.replace("''", "'"),
                                   "conditional" if when else "always")
    return model


def sqlite_index_keys(db, index):
    """(unique, key expressions, partial predicate) of an index; NOCASE keys read lower(x)."""
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (index,)).fetchone()[0]
    expressions = []
    predicate = ""
    if sql:
        sql = strip_comments(sql)
        on = re.search(r"\bON\s+\w+\s*\(", sql, re.I)
        inside = balanced(sql, on.end() - 1)
        expressions = split_top(inside)
        rest = sql[on.end() - 1 + len(inside) + 2:]
        where = re.search(r"\bWHERE\b(.*)$", rest, re.I | re.S)
        predicate = canonical_expression(where.group(1)) if where else ""
    keys = []
    for seqno, cid, name, desc, collation, is_key in db.execute(f"PRAGMA index_xinfo({index})"):
        if not is_key:
            continue
        if cid == -2:
            key = re.sub(r"\s+COLLATE\s+\w+$", "", expressions[seqno], flags=re.I)
        else:
            key = name
        key = canonical_expression(key)
        if collation.upper() == "NOCASE":
            key = f"lower({key})"
        keys.append(key)
    unique = db.execute(f"SELECT \"unique\" FROM pragma_index_list("
                        f"(SELECT tbl_name FROM sqlite_master WHERE name = ?)) WHERE name = ?",
                        (index, index)).fetchone()[0]
    return (bool(unique), tuple(keys), predicate)


def pg_model(pg):
    model = {"tables": {}, "indexes": {}, "views": {}, "triggers": {}, "pg only": {}}
    tables = [r["relname"] for r in pg.rows(
        "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace "
        "AND relkind = 'r'")]
    columns = pg.rows(
        "SELECT c.relname, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod) AS type, "
        "a.attnotnull, a.attidentity, pg_get_expr(d.adbin, d.adrelid) AS dflt, "
        "co.collname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
        "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
        "LEFT JOIN pg_collation co ON co.oid = a.attcollation "
        "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v') "
        "AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum")
    constraints = pg.rows(
        "SELECT c.relname, k.conname, k.contype, "
        "(SELECT array_agg(a.attname ORDER BY u.i) FROM unnest(k.conkey) WITH ORDINALITY u(n, i)"
        " JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n) AS cols, "
        "f.relname AS ref, "
        "(SELECT array_agg(a.attname ORDER BY u.i) FROM unnest(k.confkey) WITH ORDINALITY u(n, i)"
        " JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n) AS refcols, "
        "k.confupdtype, k.confdeltype, k.conindid::regclass::text AS index, "
        "k.condeferrable, k.condeferred "
        "FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
        "LEFT JOIN pg_class f ON f.oid = k.confrelid "
        "WHERE c.relnamespace = 'public'::regnamespace")
    indexes = pg.rows(
        "SELECT i.relname AS name, t.relname AS tbl, x.indisunique, x.indisprimary, "
        "(SELECT array_agg(pg_get_indexdef(x.indexrelid, k, true) ORDER BY k) "
        " FROM generate_series(1, x.indnkeyatts) k) AS keys, "
        "pg_get_expr(x.indpred, x.indrelid, true) AS pred, "
        "obj_description(i.oid, 'pg_class') AS comment, "
        "EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid) AS backs "
        "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
        "JOIN pg_class t ON t.oid = x.indrelid WHERE t.relnamespace = 'public'::regnamespace")
    triggers = pg.rows(
        "SELECT t.tgname, c.relname, t.tgtype, p.proname, p.prosrc, "
        "encode(t.tgargs, 'escape') AS args FROM pg_trigger t "
        "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_proc p ON p.oid = t.tgfoid "
        "WHERE NOT t.tgisinternal AND c.relnamespace = 'public'::regnamespace")
    actions = {"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL",
               "d": "SET DEFAULT"}
    # An id numbered by the <table>_next_id trigger (max(id) + 1) is SQLite's INTEGER PRIMARY KEY.
    numbered = {r["relname"] for r in triggers if r["proname"] == "needlebook_next_id"}
    for table in tables:
        cols = []
        for c in (c for c in columns if c["relname"] == table):
            default = c["dflt"]
            if c["attname"] == "id" and table in numbered:
                default = "auto-id"
            elif default is not None:
                default = canonical_expression(default)
            cols.append((c["attname"], TYPE_CLASS_PG.get(c["type"], c["type"]),
                         c["attnotnull"], default))
            if c["type"] == "text" and c["collname"] != "C" and table not in PG_ONLY_TABLES:
                differ(f"{table}.{c['attname']}: collation", "BINARY (byte order)",
                       c["collname"])
        mine = [k for k in constraints if k["relname"] == table]
        pk = next((k["cols"] for k in mine if k["contype"] == "p"), [])
        unique = []
        for ix in (i for i in indexes if i["tbl"] == table):
            if ix["indisunique"] and not ix["indisprimary"]:
                unique.append((True, tuple(canonical_expression(k) for k in ix["keys"]),
                               canonical_expression(ix["pred"] or "")))
        fks = [(tuple(k["cols"]), k["ref"], tuple(k["refcols"]), actions[k["confupdtype"]],
                actions[k["confdeltype"]]) for k in mine if k["contype"] == "f"]
        for k in mine:
            # Checked after each statement as on SQLite; deferrable as SQLite's can be switched.
            if k["contype"] == "f" and (not k["condeferrable"] or k["condeferred"]):
                differ(f"{table}: foreign key {k['conname']}", "DEFERRABLE INITIALLY IMMEDIATE",
                       f"deferrable {k['condeferrable']}, deferred {k['condeferred']}")
        checks = [tuple(sorted(k["cols"])) for k in mine if k["contype"] == "c"
                  and (table, tuple(sorted(k["cols"]))) not in PG_ONLY_CHECKS]
        model["tables"][table] = {"columns": cols, "primary key": pk, "unique": sorted(unique),
                                  "foreign keys": sorted(fks), "checks": sorted(checks)}
    for ix in indexes:
        if ix["tbl"] in PG_ONLY_TABLES:
            continue
        # Indexes of constraints have no name on SQLite; an index commented "unique
        # constraint: ..." stands for one (a UNIQUE COLLATE NOCASE column).
        if ix["backs"] or (ix["comment"] or "").startswith("unique constraint:"):
            continue
        model["indexes"][ix["name"]] = (ix["tbl"], ix["indisunique"],
                                        tuple(canonical_expression(k) for k in ix["keys"]),
                                        canonical_expression(ix["pred"] or ""))
    for c in columns:
        if c["relname"] not in model["tables"]:
            model["views"].setdefault(c["relname"], []).append(c["attname"])
    for t in triggers:
        tgtype = t["tgtype"]
        timing = "BEFORE" if tgtype & 2 else ("INSTEAD OF" if tgtype & 64 else "AFTER")
        events = [e for bit, e in ((4, "INSERT"), (8, "DELETE"), (16, "UPDATE"),
                                   (32, "TRUNCATE")) if tgtype & bit]
        if t["proname"] == "needlebook_refuse":
            message = t["args"].split("\\000")[0]
            kind = "always"
        else:
            found = re.findall(r"MESSAGE = '((?:[^']|'')*)'", t["prosrc"])
            message = found[0].replace("''", "'") if len(found) == 1 else None
            kind = "conditional"
        entry = (t["relname"], timing, " OR ".join(events), message, kind)
        # PostgreSQL only: TRUNCATE refusals, ids, and the audit actor (a server has logins).
        if events == ["TRUNCATE"] or t["proname"] in ("needlebook_next_id",
                                                      "needlebook_actor_is_login",
                                                      "needlebook_audit_follows_chain"):
            model["pg only"][t["tgname"], t["relname"]] = entry + (t["proname"],)
        else:
            model["triggers"][t["tgname"]] = entry
    return model


def compare_models(lite, pg):
    lite_tables, pg_tables = set(lite["tables"]), set(pg["tables"]) - PG_ONLY_TABLES
    same("tables", sorted(lite_tables - pg_tables), sorted(pg_tables - lite_tables))
    for table in sorted(lite_tables & pg_tables):
        a, b = lite["tables"][table], pg["tables"][table]
        for aspect in ("columns", "primary key", "unique", "foreign keys", "checks"):
            if aspect == "columns" and a[aspect] != b[aspect]:
                names_a = [c[0] for c in a[aspect]]
                names_b = [c[0] for c in b[aspect]]
                if names_a != names_b:
                    differ(f"{table}: column order", names_a, names_b)
                for ca, cb in zip(a[aspect], b[aspect]):
                    if ca != cb:
                        differ(f"{table}.{ca[0]}: (name, type, not null, default)", ca, cb)
            elif a[aspect] != b[aspect]:
                differ(f"{table}: {aspect}", a[aspect], b[aspect])
    same("indexes by name", sorted(set(lite["indexes"]) - set(pg["indexes"])),
         sorted(set(pg["indexes"]) - set(lite["indexes"])))
    for name in sorted(set(lite["indexes"]) & set(pg["indexes"])):
        same(f"index {name}: (table, unique, keys, where)", lite["indexes"][name],
             pg["indexes"][name])
    same("views", sorted(lite["views"]), sorted(pg["views"]))
    for view in sorted(set(lite["views"]) & set(pg["views"])):
        same(f"view {view}: columns", lite["views"][view], pg["views"][view])
    same("triggers by name", sorted(set(lite["triggers"]) - set(pg["triggers"])),
         sorted(set(pg["triggers"]) - set(lite["triggers"])))
    for name in sorted(set(lite["triggers"]) & set(pg["triggers"])):
        same(f"trigger {name}: (table, timing, event, message, kind)", lite["triggers"][name],
             pg["triggers"][name])
    # PostgreSQL's own: TRUNCATE refused wherever DELETE is, with its message; ids kept past
    # explicit ones on every table whose id is SQLite's rowid.
    extra = pg["pg only"]
    for name, (table, timing, event, message, kind) in lite["triggers"].items():
        if event == "DELETE" and kind == "always" and table in pg["tables"]:
            got = extra.get((f"{table}_no_truncate", table))
            same(f"{table}: TRUNCATE refused like DELETE",
                 ("BEFORE", "TRUNCATE", message, "needlebook_refuse"),
                 got and (got[1], got[2], got[3], got[5]))
    for table, t in lite["tables"].items():
        if t["columns"] and any(c[3] == "auto-id" for c in t["columns"]):
            got = extra.get((f"{table}_next_id", table))
            same(f"{table}: new ids numbered max(id) + 1",
                 ("BEFORE", "INSERT", "needlebook_next_id"), got and (got[1], got[2], got[5]))
    known = {(f"{t}_no_truncate", t) for t in lite["tables"]} | \
            {(f"{t}_next_id", t) for t in lite["tables"]} | \
            {k for k, v in extra.items()  # logins and the chain guard: a server's own
             if v[5] in ("needlebook_actor_is_login", "needlebook_audit_follows_chain")}
    same("unexpected PostgreSQL-only triggers", [], sorted(set(extra) - known))


# --- Rows -------------------------------------------------------------------------------------


def render(value):
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    if isinstance(value, bytes):
        return "x'" + value.hex() + "'"
    return str(value)


def sqlite_rows(db, relation):
    cursor = db.execute(f"SELECT * FROM {relation}")
    names = [d[0] for d in cursor.description]
    return names, sorted(tuple(render(v) for v in row) for row in cursor)


def pg_rows(rows, names):
    return sorted(tuple(render(pg_value(row[n])) for n in names) for row in rows)


def pg_value(value):
    """A bytea comes through json as the text '\\x616263': its bytes, as SQLite gives them."""
    if isinstance(value, str) and re.fullmatch(r"\\x(?:[0-9a-f]{2})+", value):
        return bytes.fromhex(value[2:])
    return value


def compare_rows(db, pg, lite, when):
    relations = sorted(lite["tables"]) + sorted(lite["views"])
    try:
        everything = pg.rows_of(relations)
    except RuntimeError as e:
        differ(f"{when}: rows", "readable", f"unreadable: {e}")
        return
    for relation in relations:
        names, a = sqlite_rows(db, relation)
        try:
            b = pg_rows(everything[relation], names)
        except KeyError as e:
            differ(f"{when}: rows of {relation}", f"{len(a)} rows", f"unreadable: {e}")
            continue
        if a != b:
            only_a = [r for r in a if r not in b]
            only_b = [r for r in b if r not in a]
            differ(f"{when}: rows of {relation} (columns {', '.join(names)})",
                   f"{len(a)} rows; only here: {only_a[:5]}",
                   f"{len(b)} rows; only here: {only_b[:5]}")


# --- Behaviour --------------------------------------------------------------------------------


def outcome_sqlite(db, statement):
    try:
        db.execute(statement)
        return "ok"
    except sqlite3.IntegrityError as e:
        message = str(e)
        for prefix, kind in (("CHECK constraint failed", "check"),
                             ("UNIQUE constraint failed", "unique"),
                             ("FOREIGN KEY constraint failed", "foreign key"),
                             ("NOT NULL constraint failed", "not null")):
            if message.startswith(prefix):
                return kind
        return "refused: " + message
    except sqlite3.Error as e:
        if "cannot store" in str(e):
            return "type"
        return f"error: {e}"


def outcome_pg(result):
    if result == "ok":
        return "ok"
    state, message = result.split(" ", 1)
    kinds = {"23514": "check", "23505": "unique", "23503": "foreign key", "23502": "not null",
             "22P02": "type", "22003": "type"}
    if state == "NB001":
        return "refused: " + message
    return kinds.get(state, f"error: {state} {message}")


tally = {}


def run_both(db, pg, what, statements):
    """Runs each statement on both; their outcomes (accepted, or refused how) must agree."""
    results_pg = pg.attempts(statements)
    same(f"{what}: statements run", len(statements), len(results_pg))
    got = []
    for statement, result in zip(statements, results_pg):
        a, b = outcome_sqlite(db, statement), outcome_pg(result)
        same(f"{what}: {statement}", a, b)
        kind = a if not a.startswith("refused") else "refused by a trigger"
        tally[kind] = tally.get(kind, 0) + 1
        got.append(a)
    return got


# One or more rows for every table, written alike on both (new rows take default ids).
FIXTURE = f"""
INSERT INTO patient (code, created_at) VALUES ('P-0001', {TS});
INSERT INTO patient (code, created_at) VALUES ('p_0002', {TS});
INSERT INTO patient_revision (patient_id, revision, family_name, given_name, birth_date, fitzpatrick, author, recorded_at) VALUES (1, 1, 'Müller', 'Zoë', '1990-02-28', 3, 'dr', {TS});
INSERT INTO patient_revision (patient_id, revision, family_name, given_name, birth_date, author, recorded_at) VALUES (2, 1, 'MULLER', 'Zoe', '1990-02-28', 'dr', {TS});
INSERT INTO patient_revision (patient_id, revision, family_name, given_name, birth_date, voided, author, recorded_at, reason) VALUES (2, 2, 'MULLER', 'Zoe', '1990-02-28', 1, 'dr', {TS}, 'duplicate chart');
INSERT INTO patient_merge (patient_revision_id, into_patient_id) VALUES (3, 1);
INSERT INTO condition (patient_id, code, created_at) VALUES (2, 'eczema', {TS});
INSERT INTO condition_revision (condition_id, revision, since, author, recorded_at) VALUES (1, 1, '2020-01-01', 'dr', {TS});
INSERT INTO condition_revision (condition_id, revision, since, resolved_on, author, recorded_at, reason) VALUES (1, 2, '2020-01-01', '2025-12-31', 'dr', {TS}, 'moved');
INSERT INTO condition_clearance (condition_revision_id, position, cleared_by, cleared_on, until, reason) VALUES (2, 1, 'Dr Derm', '2026-01-01', '2026-06-30', 'quiet for a year');
INSERT INTO condition_revision_code (condition_revision_id, code) VALUES (2, 'psoriasis');
INSERT INTO condition_owner (condition_revision_id, patient_id) VALUES (2, 1);
INSERT INTO consent (patient_id, created_at) VALUES (1, {TS});
INSERT INTO consent_revision (consent_id, revision, signed_on, covers, author, recorded_at) VALUES (1, 1, '2026-01-02', 'microneedling photos', 'dr', {TS});
INSERT INTO consent_terms (consent_revision_id, guardian) VALUES (1, 'Mother');
INSERT INTO consent_owner (consent_revision_id, patient_id) VALUES (1, 1);
INSERT INTO lot (kind, product_id, lot, created_at) VALUES ('serum', 1, 'Ab-12', {TS});
INSERT INTO lot (kind, product_id, lot, created_at) VALUES ('cartridge', NULL, 'ab-12', {TS});
INSERT INTO lot_revision (lot_id, revision, expires_on, received_on, author, recorded_at) VALUES (1, 1, '2027-01-31', '2025-12-01', 'dr', {TS});
INSERT INTO lot_revision (lot_id, revision, expires_on, recalled_on, recall_reason, author, recorded_at, reason) VALUES (1, 2, '2027-01-31', '2026-01-02', 'maker recall', 'dr', {TS}, 'recall');
INSERT INTO course (created_at) VALUES ({TS});
INSERT INTO course_revision (course_id, revision, patient_id, indication, planned, every_days, areas, started_on, author, recorded_at) VALUES (1, 1, 1, 'acne-scars', 3, 28, 'cheek chin', '2026-01-02', 'dr', {TS});
INSERT INTO course_revision (course_id, revision, patient_id, indication, planned, every_days, started_on, closed_on, outcome, close_reason, author, recorded_at, reason) VALUES (1, 2, 1, 'acne-scars', 3, 28, '2026-01-02', '2026-03-02', 'stopped', 'moved away', 'dr', {TS}, 'closed');
INSERT INTO session (patient_id, created_at) VALUES (2, {TS});
INSERT INTO session (patient_id, created_at) VALUES (1, {TS});
INSERT INTO session_revision (session_id, revision, performed_at, practitioner, indication, device, cartridge_lot, override_reason, author, recorded_at) VALUES (1, 1, '2026-01-02T03:04:05Z', 'Dr Y', 'acne-scars', 'pen', 'AB-12', 'old style override', 'dr', {TS});
INSERT INTO session_revision (session_id, revision, performed_at, practitioner, indication, device, author, recorded_at, reason) VALUES (1, 2, '2026-01-02T03:04:05Z', 'Dr Y', 'acne-scars', 'pen', 'dr', {TS}, 'merged');
INSERT INTO session_revision (session_id, revision, performed_at, practitioner, indication, device, author, recorded_at) VALUES (2, 1, '2024-02-29T23:59:59Z', 'Dr Z', 'melasma', 'rf', 'dr', {TS});
INSERT INTO session_area (session_revision_id, position, area, side, depth_mm, passes) VALUES (1, 1, 'cheek', 'left', 1.5, 2);
INSERT INTO session_area (session_revision_id, position, area, side, depth_mm) VALUES (1, 2, 'cheek', NULL, 0.25);
INSERT INTO serum_use (session_revision_id, position, product_id, lot, expiry, phase, amount_ml) VALUES (1, 1, 1, 'ab-12', '2027-01-31', 'during', 1.5);
INSERT INTO serum_use (session_revision_id, position, product_id, lot, phase) VALUES (1, 2, 6, 'PRP', 'after');
INSERT INTO session_override (session_revision_id, rule, detail) VALUES (1, 'depth', 'depth 2.00 mm on periorbital exceeds the limit of 0.50 mm');
INSERT INTO session_override (session_revision_id, rule, detail) VALUES (1, 'depth', 'a depth without its words');
INSERT INTO session_override (session_revision_id, rule, detail) VALUES (1, 'interval', 'SES-7 was also a session 3 days before');
INSERT INTO session_override (session_revision_id, rule, detail) VALUES (1, 'interval', 'no marker here');
INSERT INTO session_override (session_revision_id, rule, detail) VALUES (1, 'consent', 'no consent on file');
INSERT INTO session_override (session_revision_id, rule, detail) VALUES (1, 'contraindication', 'Eczema ON FILE since 2020');
INSERT INTO session_override (session_revision_id, rule, detail) VALUES (1, 'contraindication', 'isotretinoin in the last 6 months');
INSERT INTO session_override (session_revision_id, rule, detail) VALUES (1, 'contraindication', 'allergy to steel on file');
INSERT INTO session_override (session_revision_id, rule, detail) VALUES (1, 'contraindication', 'ÉCZEMA on file');
INSERT INTO session_setting (session_revision_id, setting_revision_id) VALUES (1, 14);
INSERT INTO session_finding (session_revision_id, position, key, level, message, override_reason, overridden_by, overridden_at) VALUES (1, 1, 'depth:periorbital', 'overridden', 'too deep', 'scar tissue needs it', 'Dr Y', '2026-01-02T03:04:05Z');
INSERT INTO session_finding (session_revision_id, position, key, level, message) VALUES (1, 2, 'consent', 'warning', 'consent does not cover prp');
INSERT INTO session_owner (session_revision_id, patient_id) VALUES (2, 1);
INSERT INTO session_course (session_revision_id, course_id) VALUES (3, 1);
INSERT INTO reaction (session_id, created_at) VALUES (2, {TS});
INSERT INTO reaction_revision (reaction_id, revision, kind, severity, area, side, onset_on, resolved_on, author, recorded_at) VALUES (1, 1, 'erythema', 'mild', 'cheek', 'left', '2026-01-03', '2026-01-05', 'dr', {TS});
INSERT INTO followup (session_id, created_at) VALUES (2, {TS});
INSERT INTO followup_revision (followup_id, revision, checked_on, outcome, author, recorded_at) VALUES (1, 1, '2026-01-09', 'none', 'dr', {TS});
INSERT INTO assessment (created_at) VALUES ({TS});
INSERT INTO assessment_revision (assessment_id, revision, patient_id, scale, score, assessed_on, session_id, course_id, author, recorded_at) VALUES (1, 1, 1, 'mmasi', 12.25, '2026-01-02', 2, 1, 'dr', {TS});
INSERT INTO assessment_revision (assessment_id, revision, patient_id, scale, score, area, side, assessed_on, author, recorded_at, reason) VALUES (1, 2, 1, 'goodman-baron', 3, 'cheek', 'right', '2026-01-02', 'dr', {TS}, 'rescored');
INSERT INTO photo (sha256, bytes, media_type, file_name, created_at) VALUES ('{"a" * 64}', 1000, 'image/jpeg', 'front.jpg', {TS});
INSERT INTO photo_revision (photo_id, revision, patient_id, view, taken_on, session_id, override_reason, author, recorded_at) VALUES (1, 1, 1, 'front', '2026-01-02', 2, 'no consent on file', 'dr', {TS});
INSERT INTO photo_image (sha256, content) VALUES ('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', x'616263');
INSERT INTO product (code, name, kind, maker) VALUES ('lidocaine-cream', 'Lidocaine cream 5%', 'anaesthetic', 'Maker');
INSERT INTO product_revision (product_id, revision, name, kind, maker, retired, author, recorded_at, reason) VALUES (1, 2, 'HA serum 2%', 'hyaluronic-acid', 'Maker', 1, 'dr', {TS}, 'renamed');
INSERT INTO audit_log (at, actor, action, patient_id, record_kind, record_id, revision, reason, prev_hash, hash, record_hash, os_user, clock_fixed) VALUES ({TS}, 'dr', 'patient.add', 1, 'patient', 1, 1, '', NULL, '{"0" * 64}', '{"1" * 64}', 'clinic', 1);
INSERT INTO audit_log (at, actor, action) VALUES ({TS}, 'dr', 'list');
INSERT INTO audit_disclosure (audit_id, patient_id) VALUES (2, 1);
INSERT INTO audit_disclosure (audit_id, patient_id) VALUES (2, 2);
INSERT INTO audit_seal (sealed_id, sealed_hash, public_key, key_fingerprint, signature) VALUES (2, '{"0" * 64}', '{"b" * 64}', '{"c" * 64}', '{"d" * 128}');
INSERT INTO setting (key) VALUES ('depth_limit.cheek.pen');
INSERT INTO setting_revision (setting_id, revision, value, author, recorded_at, reason) VALUES (64, 1, '', 'dr', {TS}, 'cleared');
INSERT INTO setting_revision (setting_id, revision, value, author, recorded_at, reason) VALUES (14, 2, '0.75', 'dr', {TS}, 'tighter');
"""


def fixture_statements():
    return [line.strip() for line in FIXTURE.strip().splitlines() if line.strip()]


def update_and_delete_statements(lite):
    statements = []
    for table in sorted(lite["tables"]):
        first = lite["tables"][table]["columns"][0][0]
        statements.append(f"UPDATE {table} SET {first} = {first}")
        statements.append(f"DELETE FROM {table}")
    return statements


def check_refusals(db, pg, lite):
    """Every table's UPDATE and DELETE refused (or not) alike; TRUNCATE on PostgreSQL."""
    statements = update_and_delete_statements(lite)
    empty = [t for t in sorted(lite["tables"])
             if db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == 0]
    same("tables left empty by the fixture (their triggers would not fire)", [], empty)
    run_both(db, pg, "update/delete", statements)
    refusing = {}
    for name, (table, timing, event, message, kind) in lite["triggers"].items():
        if event == "DELETE" and kind == "always":
            refusing[table] = message
    # PostgreSQL refuses TRUNCATE of a table that a foreign key refers to before any trigger
    # fires (SQLSTATE 0A000); with CASCADE the triggers refuse it.
    referenced = {fk[1] for t in lite["tables"].values() for fk in t["foreign keys"]}
    tables = sorted(refusing)
    results = pg.attempts([f"TRUNCATE {t}" for t in tables] +
                          [f"TRUNCATE {t} CASCADE" for t in tables])
    for table, result, cascade in zip(tables, results, results[len(tables):]):
        if table in referenced:
            same(f"TRUNCATE {table} (referenced)", "0A000",  result.split(" ")[0])
            same(f"TRUNCATE {table} CASCADE", "NB001", cascade.split(" ")[0])
        else:
            same(f"TRUNCATE {table}", "refused: " + refusing[table], outcome_pg(result))
            same(f"TRUNCATE {table} CASCADE", "refused: " + refusing[table], outcome_pg(cascade))


def check_ids(db, pg):
    """New rows take max(id) + 1 on both, around explicit ids."""
    steps = [
        "INSERT INTO course (created_at) VALUES ('a')",
        "INSERT INTO course (created_at) VALUES ('b')",
        "INSERT INTO course (id, created_at) VALUES (10, 'explicit 10')",
        "INSERT INTO course (created_at) VALUES ('after 10')",
        "INSERT INTO course (id, created_at) VALUES (5, 'explicit 5 below')",
        "INSERT INTO course (created_at) VALUES ('after 5')",
        "INSERT INTO course (id, created_at) VALUES (NULL, 'null id')",
        "INSERT INTO course (id, created_at) VALUES (40, 'explicit 40'), (41, 'explicit 41')",
        "INSERT INTO course (created_at) VALUES ('after 41')",
        "INSERT INTO course (id, created_at) VALUES (10, 'collides')",
        "INSERT INTO course (created_at) VALUES ('after collision')",
        "INSERT INTO audit_log (id, at, actor, action) VALUES (100, 'x', 'import', 'imported')",
        "INSERT INTO audit_log (at, actor, action) VALUES ('x', 'dr', 'new')",
    ]
    run_both(db, pg, "ids", steps)
    for table in ("course", "audit_log"):
        a = [r[0] for r in db.execute(f"SELECT id FROM {table} ORDER BY id")]
        b = [r["id"] for r in pg.rows(f"SELECT id FROM {table} ORDER BY id")]
        same(f"ids of {table} after new and explicit ids", a, b)
    a = db.execute("SELECT id FROM course WHERE created_at = 'after collision'").fetchone()
    same("id after a refused explicit id", [43], list(a))


def check_no_gaps(db, pg):
    """An insert that takes a new id and is then refused leaves no gap: both take max(id) + 1."""
    steps = ["INSERT INTO course_revision (course_id, revision, patient_id, indication, planned, "
             "every_days, started_on, author, recorded_at) VALUES (1, 50, 1, 'other', 99, 1, "
             "'2026-01-02', 'dr', 'x')",
             "INSERT INTO course_revision (course_id, revision, patient_id, indication, planned, "
             "every_days, started_on, author, recorded_at, reason) VALUES (1, 50, 1, 'other', 3, 1, "
             "'2026-01-02', 'dr', 'x', 'x')"]
    run_both(db, pg, "gap", steps)
    a = db.execute("SELECT id FROM course_revision WHERE revision = 50").fetchone()[0]
    b = pg.rows("SELECT id FROM course_revision WHERE revision = 50")[0]["id"]
    same("id after a refused insert", a, b)


def check_battery(db, pg):
    """Inserts that CHECK constraints and triggers accept or refuse alike. Rows that may fail
    use negative ids, which neither moves PostgreSQL's sequence nor SQLite's max(id)."""
    p = "INSERT INTO patient_revision (id, patient_id, revision, family_name, given_name, " \
        "birth_date, author, recorded_at, reason) VALUES"
    dates = ["1990-02-28", "2000-02-29", "1900-02-29", "2023-02-29", "2024-02-29",
             "0000-02-29", "0000-01-01", "9999-12-31", "2023-04-31", "2023-13-01",
             "2023-00-10", "2023-01-00", "2023-1-01", " 2023-01-01", "2023-01-01 ",
             "2023-01-01T00:00:00Z", "20230101", "", "abcd-ef-gh", "2023-01-32"]
    statements = []
    revision = 100
    for i, d in enumerate(dates):
        revision += 1
        statements.append(f"{p} ({-1000 - i}, 1, {revision}, 'A', 'B', '{d}', 'dr', {TS}, 'x')")
    s = "INSERT INTO session_revision (id, session_id, revision, performed_at, practitioner, " \
        "indication, device, author, recorded_at, reason) VALUES"
    instants = ["2026-01-02T03:04:05Z", "2026-01-02T24:00:00Z", "2026-01-02T23:59:60Z",
                "2026-01-02T23:60:00Z", "2026-02-30T10:00:00Z", "2026-01-02 03:04:05Z",
                "2026-01-02T03:04:05", "2026-01-02T03:04:05.5Z", "2026-01-02T03:04Z",
                "2024-02-29T00:00:00Z", "2026-01-02T03:04:05+00:00"]
    for i, t in enumerate(instants):
        revision += 1
        statements.append(f"{s} ({-2000 - i}, 2, {revision}, '{t}', 'Dr', 'other', 'pen', "
                          f"'dr', {TS}, 'x')")
    codes = ["P-9", "p-0001", "P-0001", "P 9", "P.9", "É9", "", "x" * 32, "x" * 33, "A_b-9"]
    for i, c in enumerate(codes):
        statements.append(f"INSERT INTO patient (id, code, created_at) VALUES ({-3000 - i}, "
                          f"'{c}', {TS})")
    lots = [("serum", "1", "AB-12"), ("serum", "1", "ab-13"), ("cartridge", "NULL", "AB-12"),
            ("cartridge", "1", "x"), ("serum", "NULL", "x"), ("serum", "2", "  "),
            ("cartridge", "NULL", "Ab-99")]
    for i, (kind, product, lot) in enumerate(lots):
        statements.append(f"INSERT INTO lot (id, kind, product_id, lot, created_at) VALUES "
                          f"({-4000 - i}, '{kind}', {product}, '{lot}', {TS})")
    # Setting values by key (setting ids: 1 clinic_name, 7 time_zone, 14 depth_limit.forehead,
    # 28 recovery.bruising, 44 condition.active-infection, 58 override_min_reason,
    # 59 lot_registration, 60 minimum_age, 61 consent_policy, 62 fhir_identifier_system,
    # 63 course_overdue_days, 64 depth_limit.cheek.pen, 2 consent_valid_months).
    values = {
        1: ["", "Clinic", "x" * 200, "x" * 201],
        7: ["Europe/Paris", "x" * 64, "x" * 65],
        14: ["0.5", "3", "3.0", "3.01", "0", "1.2.3", "1..", ".5", "", "1e0", "2,5", " 1",
             "0003.000", "3." + "0" * 150 + "1", "9" * 199],
        28: ["adverse", "0", "365", "366", "-1", "7.5", "007", "9" * 25, "Adverse"],
        44: ["block", "warn", "off", "Block"],
        58: ["0", "1", "200", "201", "10"],
        59: ["off", "warn", "block", "on"],
        60: ["0", "99", "100", "18"],
        61: ["warn", "block", "off"],
        62: ["", "http://x", "http://", "https://example.org/ids", "urn:oid:1.2.3",
             "urn:oid:1.2.a", "urn:oid:", "urn:uuid:" + "0" * 36,
             "urn:uuid:0123abcd-0000-0000-0000-00000000000f",
             "urn:uuid:0123ABCD-0000-0000-0000-00000000000F", "urn:uuid:" + "0" * 35,
             "http://ex ample", "ftp://x", "http://é", "http://" + "x" * 193,
             "http://" + "x" * 194],
        63: ["0", "365", "366", "14", "x"],
        64: ["", "1.5", "4"],
        2: ["12", "", "0"],
        999: ["1"],
    }
    for setting, vs in values.items():
        for v in vs:
            revision += 1
            statements.append(
                "INSERT INTO setting_revision (id, setting_id, revision, value, author, "
                f"recorded_at) VALUES ({-5000 - revision}, {setting}, {revision}, '{v}', 'dr', {TS})")
    # Refused twice: a colliding revision with a value not allowed.
    statements.append("INSERT INTO setting_revision (id, setting_id, revision, value, author, "
                      f"recorded_at) VALUES (1, 1, 1, '{'x' * 201}', 'dr', {TS})")
    statements.append("INSERT INTO setting_revision (id, setting_id, revision, value, author, "
                      f"recorded_at) VALUES (1, 1, 1, 'ok', 'dr', {TS})")
    scores = [("mmasi", "12.25", "NULL"), ("mmasi", "12.255", "NULL"), ("mmasi", "24", "NULL"),
              ("mmasi", "24.01", "NULL"), ("mmasi", "0.1", "NULL"), ("mmasi", "0.29", "NULL"),
              ("mmasi", "-0.0", "NULL"), ("goodman-baron", "2", "'cheek'"),
              ("goodman-baron", "2", "NULL"), ("goodman-baron", "2.5", "'cheek'"),
              ("glogau", "4", "'cheek'"), ("glogau", "4", "NULL"), ("pain-nrs", "10", "NULL"),
              ("pain-nrs", "10.4", "NULL"), ("nope", "1", "NULL"), ("gais-patient", "0.9999999999999999", "NULL")]
    for i, (scale, score, area) in enumerate(scores):
        revision += 1
        statements.append(
            "INSERT INTO assessment_revision (id, assessment_id, revision, patient_id, scale, "
            f"score, area, assessed_on, author, recorded_at, reason) VALUES ({-6000 - i}, 1, "
            f"{revision}, 1, '{scale}', {score}, {area}, '2026-01-02', 'dr', {TS}, 'x')")
    # Never replaced, and rows that need their revision stored first.
    statements += [
        f"INSERT INTO patient (id, code, created_at) VALUES (1, 'NEW-1', {TS})",
        f"INSERT INTO patient (id, code, created_at) VALUES (-7001, 'p-0001', {TS})",
        f"INSERT INTO patient_revision (id, patient_id, revision, family_name, given_name, birth_date, author, recorded_at) VALUES (-7002, 1, 1, 'A', 'B', '1990-01-01', 'dr', {TS})",
        "INSERT INTO session_area (id, session_revision_id, position, area, depth_mm) VALUES (-7003, 999, 1, 'chin', 1)",
        "INSERT INTO session_area (id, session_revision_id, position, area, depth_mm) VALUES (-7004, 1, 3, 'cheek', 1)",
        "INSERT INTO session_area (id, session_revision_id, position, area, side, depth_mm) VALUES (-7005, 1, 3, 'cheek', 'right', 3.5)",
        "INSERT INTO session_area (id, session_revision_id, position, area, side, depth_mm) VALUES (-7006, 1, 1, 'chin', NULL, 1)",
        "INSERT INTO serum_use (id, session_revision_id, position, product_id, lot, phase) VALUES (-7007, 999, 1, 1, 'x', 'during')",
        "INSERT INTO session_finding (id, session_revision_id, position, key, level, message) VALUES (-7008, 1, 3, 'consent', 'warning', 'again')",
        "INSERT INTO session_finding (id, session_revision_id, position, key, level, message) VALUES (-7009, 1, 3, 'Bad key', 'warning', 'x')",
        "INSERT INTO session_finding (id, session_revision_id, position, key, level, message, override_reason) VALUES (-7010, 1, 3, 'x', 'warning', 'x', 'why')",
        "INSERT INTO condition_clearance (id, condition_revision_id, position, cleared_by, cleared_on, until, reason) VALUES (-7011, 99, 1, 'x', '2026-01-01', '2026-01-01', 'x')",
        "INSERT INTO condition_clearance (id, condition_revision_id, position, cleared_by, cleared_on, until, reason) VALUES (-7012, 1, 1, 'x', '2026-01-02', '2026-01-01', 'x')",
        "INSERT INTO consent_terms (id, consent_revision_id, guardian) VALUES (-7013, 1, 'again')",
        "INSERT INTO consent_terms (id, consent_revision_id) VALUES (-7014, 77)",
        "INSERT INTO patient_merge (id, patient_revision_id, into_patient_id) VALUES (-7015, 77, 1)",
        "INSERT INTO session_course (id, session_revision_id, course_id) VALUES (-7016, 3, 1)",
        "INSERT INTO outcome_scale (key, low, high, decimals, per_area) VALUES ('pain-nrs', 0, 1, 0, 0)",
        "INSERT INTO product (id, code, name, kind) VALUES (-7017, 'ha-serum', 'x', 'other')",
        "INSERT INTO product (id, code, name, kind) VALUES (-7018, 'Bad Code', 'x', 'other')",
        "INSERT INTO setting (id, key) VALUES (-7019, 'clinic_name')",
        "INSERT INTO setting (id, key) VALUES (-7020, 'depth_limit.')",
        "INSERT INTO setting (id, key) VALUES (-7021, 'recovery.x')",
        "INSERT INTO setting (id, key) VALUES (-7022, 'unknown')",
        "INSERT INTO audit_disclosure (audit_id, patient_id) VALUES (2, 1)",
        "INSERT INTO audit_disclosure (audit_id, patient_id) VALUES (2, 99)",
        "INSERT INTO reaction_revision (id, reaction_id, revision, kind, severity, side, onset_on, author, recorded_at) VALUES (-7023, 1, 9, 'erythema', 'mild', 'left', '2026-01-01', 'dr', 'x')",
        "INSERT INTO reaction_revision (id, reaction_id, revision, kind, severity, onset_on, resolved_on, author, recorded_at) VALUES (-7024, 1, 9, 'erythema', 'mild', '2026-01-02', '2026-01-01', 'dr', 'x')",
        "INSERT INTO course_revision (id, course_id, revision, patient_id, indication, planned, every_days, started_on, closed_on, author, recorded_at, reason) VALUES (-7025, 1, 9, 1, 'other', 1, 1, '2026-01-02', '2026-01-03', 'dr', 'x', 'x')",
        "INSERT INTO photo (id, sha256, bytes, media_type, created_at) VALUES (-7026, '" + "A" * 64 + "', 1, 'image/png', 'x')",
        "INSERT INTO patient_revision (id, patient_id, revision, family_name, given_name, birth_date, author, recorded_at, reason) VALUES (-7027, 1, 9, '   ', 'B', '1990-01-01', 'dr', 'x', 'x')",
        "INSERT INTO patient_revision (id, patient_id, revision, family_name, given_name, birth_date, author, recorded_at) VALUES (-7028, 1, 9, 'A', 'B', '1990-01-01', 'dr', 'x')",
        "INSERT INTO patient_revision (id, patient_id, revision, family_name, given_name, birth_date, author, recorded_at) VALUES (-7029, 1, 10, 'A', 'B', NULL, 'dr', 'x')",
        "INSERT INTO audit_log (id, at, actor, action, clock_fixed) VALUES (-7030, 'x', 'dr', 'x', 2)",
    ]
    run_both(db, pg, "insert", statements)


def check_date_functions(db, pg):
    samples = ["2024-02-29", "2023-02-29", "1900-02-29", "2000-02-29", "0000-02-29",
               "0004-02-29", "0100-02-29", "0400-02-29", "9999-12-31", "2023-06-31",
               "2023-06-30", "2023-12-31", "2023-11-31", "2023-00-01", "2023-13-01",
               "2023-01-00", "2023-1-1", "+2023-01-01", "2023-01-01x", "", "2023/01/01"]
    for year in (1999, 2000, 2023, 2024):
        for month in range(1, 13):
            for day in (28, 29, 30, 31):
                samples.append(f"{year:04d}-{month:02d}-{day:02d}")
    instants = [s + "T00:00:00Z" for s in samples[:20]] + [
        "2023-01-01T23:59:59Z", "2023-01-01T24:00:00Z", "2023-01-01T00:60:00Z",
        "2023-01-01T00:00:60Z", "2023-01-01T9:00:00Z", "2023-01-01t00:00:00Z",
        "2023-01-01T00:00:00z", "2023-01-01T00:00:00.000Z"]
    a = [bool(db.execute("SELECT ? IS date(?, '+0 days')", (s, s)).fetchone()[0])
         for s in samples]
    b = [r["ok"] for r in pg.rows(
        "SELECT needlebook_is_date(s) AS ok FROM json_array_elements_text("
        f"'{json.dumps(samples)}'::json) WITH ORDINALITY AS x(s, n) ORDER BY n")]
    for s, x, y in zip(samples, a, b):
        same(f"date check of {s!r}", x, y)
    a = [bool(db.execute("SELECT ? IS strftime('%Y-%m-%dT%H:%M:%SZ', ?, '+0 days')",
                         (s, s)).fetchone()[0]) for s in instants]
    b = [r["ok"] for r in pg.rows(
        "SELECT needlebook_is_instant(s) AS ok FROM json_array_elements_text("
        f"'{json.dumps(instants)}'::json) WITH ORDINALITY AS x(s, n) ORDER BY n")]
    for s, x, y in zip(instants, a, b):
        same(f"instant check of {s!r}", x, y)


# What fold() returns, from tests/unit/test_fold.cpp and a reading of fold.cpp.
FOLD_EXPECTED = [
    ("Zoë", "zoe"), ("ZOË", "zoe"), ("zoe", "zoe"), ("Müller", "muller"), ("MÜLLER", "muller"),
    ("Øyvind Ødegård", "oyvind odegard"), ("øvre", "ovre"), ("Åsa Öberg", "asa oberg"),
    ("Straße", "strasse"), ("STRASSE", "strasse"), ("Łukasz Wałęsa", "lukasz walesa"),
    ("Élodie", "elodie"), ("NÚÑEZ", "nunez"), ("Peña", "pena"),
    ("François Çelik", "francois celik"), ("Ćosić Đorđević", "cosic dordevic"),
    ("Dvořák Šťastný Žižka", "dvorak stastny zizka"), ("Ștefan Țepeș", "stefan tepes"),
    ("Şahin Ţuţea", "sahin tutea"), ("İbrahim Işık", "ibrahim isik"),
    ("Ægir Œdipe Þór", "aegir oedipe thor"), ("Ĳsselmeer", "ijsselmeer"), ("Guðrún", "gudrun"),
    ("Ġużeppi Ħaġar", "guzeppi hagar"), ("Ő Ű ő ű", "o u o u"), ("ŸVES ÿves", "yves yves"),
    ("", ""), ("O'Brien-Smith, Ann P-000001 _%", "o'brien-smith, ann p-000001 _%"),
    ("Zoe\u0308", "zoe"), ("E\u0301lodie", "elodie"), ("n\u0303", "n"), ("\u0300\u036F", ""),
    ("\u0370", "\u0370"), ("ΕΛΕΝΗ", "ελενη"), ("Ελένη", "ελενη"), ("ΆΈΉΊΌΎΏ", "αεηιουω"),
    ("ΪΫϊϋΐΰ", "ιυιυιυ"), ("Οδυσσέας", "οδυσσεασ"), ("ΟΔΥΣΣΕΑΣ", "οδυσσεασ"),
    ("ДМИТРИЙ", "дмитрий"), ("Дмитрий", "дмитрий"), ("Фёдор", "федор"), ("ЁЖ", "еж"),
    ("ЄІЇЎЂ", "єіїўђ"), ("ҐАНА", "ґана"), ("ӘЛИЕВ", "әлиев"), ("Ӏ", "ӏ"), ("ӁӂӃ", "ӂӂӄ"),
    ("김민지", "김민지"), ("محمد", "محمد"), ("עברית", "עברית"), ("東京", "東京"),
    ("\U0001F600", "\U0001F600"), ("µ", "µ"), ("ª", "ª"), ("×", "×"), ("÷", "÷"),
    ("¿¡", "¿¡"), ("€", "€"), ("\u1EA0", "\u1EA0"), ("Æ æ Þ þ ß ÿ Ÿ ſ ĸ ŉ", "ae ae th th ss y y s k n"),
    ("ÀÉÎÕÜ àéîõü Ðð Ññ Øø Ýý", "aeiou aeiou dd nn oo yy"), ("ȘșȚț", "sstt"), ("Ș̦", "s"),
]


def fold_port(text):
    """fold() of src/needlebook/model/fold.cpp, code point by code point (valid UTF-8)."""
    latin1 = ("a a a a a a ae c e e e e i i i i d n o o o o o - o u u u u y th ss "
              "a a a a a a ae c e e e e i i i i d n o o o o o - o u u u u y th y").split()
    extended_a = ("aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "**"
                  "jj" "kkk" "llllllllll" "nnnnnnnnn" "oooooo" "**" "rrrrrr" "ssssssss" "tttttt"
                  "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s")
    greek = {0x3AC: 0x3B1, 0x3AD: 0x3B5, 0x3AE: 0x3B7, 0x3AF: 0x3B9, 0x390: 0x3B9,
             0x3CA: 0x3B9, 0x3CC: 0x3BF, 0x3CD: 0x3C5, 0x3B0: 0x3C5, 0x3CB: 0x3C5,
             0x3CE: 0x3C9, 0x3C2: 0x3C3}
    out = []
    for ch in text:
        c = ord(ch)
        if c < 0x80:
            out.append(ch.lower() if "A" <= ch <= "Z" else ch)
        elif c >= 0x800:
            out.append(ch)
        elif 0xC0 <= c <= 0xFF:
            base = latin1[c - 0xC0]
            out.append(ch if base == "-" else base)
        elif 0x100 <= c <= 0x17F:
            base = extended_a[c - 0x100]
            out.append(base if base != "*" else ("ij" if c <= 0x133 else "oe"))
        elif 0x218 <= c <= 0x21B:
            out.append("s" if c <= 0x219 else "t")
        elif 0x300 <= c <= 0x36F:
            pass
        else:
            if c == 0x386:
                c = 0x3AC
            elif 0x388 <= c <= 0x38A:
                c += 0x25
            elif c == 0x38C:
                c = 0x3CC
            elif c in (0x38E, 0x38F):
                c += 0x3F
            elif 0x391 <= c <= 0x3A1 or 0x3A3 <= c <= 0x3AB:
                c += 0x20
            elif 0x400 <= c <= 0x40F:
                c += 0x50
            elif 0x410 <= c <= 0x42F:
                c += 0x20
            elif (0x460 <= c <= 0x481 or 0x48A <= c <= 0x4BF or 0x4D0 <= c <= 0x52F) \
                    and c % 2 == 0:
                c += 1
            elif 0x4C1 <= c <= 0x4CE and c % 2 == 1:
                c += 1
            elif c == 0x4C0:
                c = 0x4CF
            c = greek.get(c, c)
            if c in (0x450, 0x451):
                c = 0x435
            out.append(chr(c))
    return "".join(out)


def check_fold(pg):
    for text, expected in FOLD_EXPECTED:
        same(f"fold port of {text!r}", expected, fold_port(text))
    inputs = [t for t, _ in FOLD_EXPECTED]
    # Every code point of one or two UTF-8 bytes (not NUL: PostgreSQL text cannot hold it),
    # and some of three and four.
    singles = [chr(c) for c in range(1, 0x800)] + [chr(c) for c in (0x800, 0x1E00, 0x1EA0,
               0x2019, 0x20AC, 0xFB01, 0xFFFD, 0x10000, 0x1F600, 0x10FFFF)]
    everything = inputs + singles + ["".join(singles)]
    # Read back as hex: psql prints some code points (U+10FFFF) as nothing.
    got = [bytes.fromhex(r["f"]).decode("utf-8") for r in pg.rows(
        "SELECT encode(convert_to(needlebook_fold(s), 'UTF8'), 'hex') AS f "
        "FROM json_array_elements_text("
        f"'{json.dumps(everything).replace(chr(39), chr(39) * 2)}'::json) "
        "WITH ORDINALITY AS x(s, n) ORDER BY n")]
    for text, result in zip(everything, got):
        expected = dict(FOLD_EXPECTED).get(text, fold_port(text))
        if result != expected:
            shown = text if len(text) < 40 else f"all {len(text)} code points"
            differ(f"needlebook_fold of {shown!r} (U+{ord(text[0]):04X}…)" if text else
                   "needlebook_fold of ''", expected if len(expected) < 60 else "…",
                   result if len(result) < 60 else "… (differs)")
    null = pg.rows("SELECT needlebook_fold(NULL) IS NULL AS n")[0]["n"]
    same("needlebook_fold(NULL)", True, null)
    volatility = pg.rows("SELECT provolatile, proisstrict, proparallel FROM pg_proc "
                         "WHERE proname = 'needlebook_fold'")
    same("needlebook_fold is immutable, strict, parallel safe",
         [{"provolatile": "i", "proisstrict": True, "proparallel": "s"}], volatility)


def check_ids_function(db, pg):
    for ids in ("[3,7,12]", "[]", "[1]", "[5,5,2]", "[9007199254740993]"):
        a = [r[0] for r in db.execute("SELECT value FROM json_each(?)", (ids,))]
        b = [r["value"] for r in pg.rows(f"SELECT value FROM needlebook_ids('{ids}')")]
        same(f"needlebook_ids('{ids}') against json_each", a, b)
    a = [r[0] for r in db.execute(
        "SELECT s.id FROM session_revision s WHERE s.id IN (SELECT value FROM json_each('[3,1]'))"
        " ORDER BY s.id")]
    b = [r["id"] for r in pg.rows(
        "SELECT s.id FROM session_revision s WHERE s.id IN "
        "(SELECT value FROM needlebook_ids('[3,1]')) ORDER BY s.id")]
    same("json_each/needlebook_ids in a query", a, b)


def check_deferred_foreign_keys(pg):
    """SET CONSTRAINTS ALL DEFERRED stands for PRAGMA foreign_keys = OFF: rows may come in any
    order within a transaction, and every key is checked at COMMIT."""
    child_first = ("BEGIN;\nSET CONSTRAINTS ALL DEFERRED;\n"
                   "INSERT INTO consent (id, patient_id, created_at) VALUES (-9001, -9001, 'x');\n"
                   "INSERT INTO patient (id, code, created_at) VALUES (-9001, 'DEFER-1', 'x');\n")
    try:
        pg.run(child_first + "ROLLBACK;\n")
        outcome = "accepted"
    except RuntimeError as e:
        outcome = str(e)
    same("deferred foreign keys: a row before the row it names", "accepted", outcome)
    try:
        pg.run("BEGIN;\nSET CONSTRAINTS ALL DEFERRED;\n"
               "INSERT INTO consent (id, patient_id, created_at) VALUES (-9002, -9002, 'x');\n"
               "COMMIT;\n")
        outcome = "committed"
    except RuntimeError as e:
        outcome = "refused" if "violates foreign key" in str(e) else str(e)
    same("deferred foreign keys: an orphan at COMMIT", "refused", outcome)
    immediate = pg.attempts(["INSERT INTO consent (id, patient_id, created_at) "
                             "VALUES (-9003, -9003, 'x')"])
    same("foreign keys without SET CONSTRAINTS", "foreign key", outcome_pg(immediate[0]))


def check_version(db, pg):
    same("schema version (PRAGMA user_version / needlebook_schema)",
         db.execute("PRAGMA user_version").fetchone()[0],
         [r["version"] for r in pg.rows("SELECT version FROM needlebook_schema")][0])
    same("needlebook_schema rows", 1, pg.rows("SELECT count(*) AS n FROM needlebook_schema")[0]["n"])


def check_order(db, pg):
    """ORDER BY on text reads alike (byte order)."""
    words = ["b", "B", "a", "A", "_", "-", "é", "É", "z", "Z", "ä", "1", " ", "aa", "a b", "ab"]
    a = [r[0] for r in db.execute(
        "SELECT value FROM json_each(?) ORDER BY value", (json.dumps(words),))]
    b = [r["v"] for r in pg.rows(
        "SELECT v FROM json_array_elements_text("
        f"'{json.dumps(words)}'::json) AS v ORDER BY v COLLATE \"C\"")]
    same("ORDER BY of text", a, b)
    a = [r[0] for r in db.execute("SELECT code FROM patient ORDER BY code")]
    b = [r["code"] for r in pg.rows("SELECT code FROM patient ORDER BY code")]
    if a != b:
        notes.append("ORDER BY patient.code differs (NOCASE on SQLite, bytes on PostgreSQL): "
                     f"sqlite {a}, postgresql {b}")


def main():
    admin = Pg("postgres")
    db = build_sqlite()
    pg, name = build_pg(admin)
    try:
        lite, mine = sqlite_model(db), pg_model(pg)
        compare_models(lite, mine)
        compare_rows(db, pg, lite, "seeded")
        check_version(db, pg)
        fixture = fixture_statements()
        results = run_both(db, pg, "fixture", fixture)
        for statement, result in zip(fixture, results):
            if result != "ok":
                differ(f"fixture statement refused: {statement}", result, "(as above)")
        compare_rows(db, pg, lite, "after the fixture")
        check_refusals(db, pg, lite)
        check_ids(db, pg)
        check_battery(db, pg)
        compare_rows(db, pg, lite, "after the inserts")
        check_date_functions(db, pg)
        check_fold(pg)
        check_ids_function(db, pg)
        check_deferred_foreign_keys(pg)
        check_order(db, pg)
        check_no_gaps(db, pg)
    finally:
        if not os.environ.get("KEEP_DATABASE"):
            admin.run(f"DROP DATABASE IF EXISTS {name};\n", database="postgres")
    print("statements run on both:", ", ".join(f"{n} {k}" for k, n in sorted(tally.items())))
    for note in notes:
        print("note:", note)
    if differences:
        print(f"{len(differences)} difference(s) between SQLite and PostgreSQL:\n")
        for d in differences:
            print(d)
        return 1
    print(f"SQLite (schema/NNNN_*.sql) and PostgreSQL (schema/postgresql/NNNN_*.sql) "
          f"agree: {len(lite['tables'])} tables, {len(lite['indexes'])} indexes, "
          f"{len(lite['views'])} views, {len(lite['triggers'])} triggers, "
          f"seeded rows, and the behaviour checks.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
