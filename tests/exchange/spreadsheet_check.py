#!/usr/bin/env python3
"""Checks the three `export --all` folders written by spreadsheet_check.sh.

Usage: spreadsheet_check.py NEEDLEBOOK WORK_DIR NASTY_SESSION_ID

WORK_DIR holds clinic.db and the folders out (default), raw (--raw) and rev (--all-revisions
--bom), with the confirmation lines in out.txt, raw.txt and rev.txt. Prints one summary line;
exits 1 after listing every failure.
"""

import csv
import hashlib
import io
import json
import os
import re
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys

needlebook, work, nasty_session = sys.argv[1], sys.argv[2], sys.argv[3]
failures = []


def fail(message):
    failures.append(message)


def check(condition, message):
    if not condition:
        fail(message)
    return condition


# The fixed headers, in file order: (column, kind). Kinds: int, int? (may be empty), depth
# (two decimals), dec? (two decimals or empty), date, date?, instant, json, json? (empty or a
# JSON array), text.
TABLES = {
    "settings": [("key", "text"), ("value", "text")],
    "products": [("id", "int"), ("code", "text"), ("name", "text"), ("kind", "text"),
                 ("maker", "text"), ("retired", "int")],
    "patients": [("code", "text"), ("family_name", "text"), ("given_name", "text"),
                 ("birth_date", "date"), ("fitzpatrick", "int?"), ("phone", "text"),
                 ("email", "text"), ("note", "text"), ("merged_into", "text"), ("voided", "int")],
    "conditions": [("id", "int"), ("patient", "text"), ("code", "text"), ("since", "date?"),
                   ("resolved", "date?"), ("note", "text"), ("clearances", "json?"),
                   ("voided", "int")],
    "consents": [("id", "int"), ("patient", "text"), ("signed", "date"), ("covers", "text"),
                 ("guardian", "text"), ("withdrawn_on", "date?"), ("withdrawal_reason", "text"),
                 ("voided", "int")],
    "lots": [("id", "int"), ("product", "text"), ("lot", "text"), ("expires", "date"),
             ("received", "date?"), ("note", "text"), ("recalled_on", "date?"),
             ("recall_reason", "text"), ("voided", "int")],
    "courses": [("id", "int"), ("patient", "text"), ("indication", "text"), ("planned", "int"),
                ("every_days", "int"), ("areas", "text"), ("goal", "text"),
                ("started_on", "date"), ("closed_on", "date?"), ("outcome", "text"),
                ("close_reason", "text"), ("voided", "int")],
    "sessions": [("id", "int"), ("patient", "text"), ("performed_at", "instant"),
                 ("practitioner", "text"), ("indication", "text"), ("device", "text"),
                 ("model", "text"), ("cartridge", "text"), ("cartridge_lot", "text"),
                 ("anaesthetic", "text"), ("endpoint", "text"), ("aftercare", "text"),
                 ("note", "text"), ("areas", "json"), ("serums", "json?"),
                 ("findings", "json?"), ("course", "int?"), ("voided", "int")],
    "session_areas": [("session", "int"), ("position", "int"), ("area", "text"),
                      ("side", "text"), ("depth_mm", "depth"), ("passes", "int?"), ("voided", "int")],
    "serum_uses": [("session", "int"), ("position", "int"), ("product", "text"),
                   ("lot", "text"), ("expiry", "date?"), ("phase", "text"),
                   ("amount_ml", "dec?"), ("voided", "int")],
    "reactions": [("id", "int"), ("session", "int"), ("kind", "text"), ("severity", "text"),
                  ("area", "text"), ("side", "text"), ("onset", "date"), ("resolved", "date?"),
                  ("note", "text"), ("voided", "int")],
    "followups": [("id", "int"), ("session", "int"), ("checked_on", "date"),
                  ("outcome", "text"), ("note", "text"), ("voided", "int")],
    "scores": [("id", "int"), ("patient", "text"), ("scale", "text"), ("score", "num"),
               ("area", "text"), ("side", "text"), ("assessed_on", "date"), ("session", "int?"),
               ("course", "int?"), ("assessor", "text"), ("note", "text"), ("voided", "int")],
    "photos": [("id", "int"), ("patient", "text"), ("sha256", "text"), ("bytes", "int"),
               ("media_type", "text"), ("file_name", "text"), ("view", "text"),
               ("taken_on", "date"), ("session", "int?"), ("note", "text"),
               ("override_reason", "text"), ("voided", "int")],
    "audit": [("id", "int"), ("at", "instant"), ("actor", "text"), ("action", "text"),
              ("patient", "text"), ("record_kind", "text"), ("record_id", "int?"),
              ("revision", "int?"), ("reason", "text"), ("os_account", "text"),
              ("clock_fixed", "int?"), ("disclosed", "text"), ("prev_hash", "text"),
              ("hash", "text"), ("record_hash", "text")],
}
CHILDREN = {"session_areas", "serum_uses"}  # rows of a session revision, not records
RECORD_REVISION_COLUMNS = [("revision", "int"), ("author", "text"), ("recorded_at", "instant"),
                           ("reason", "text")]
CHILD_REVISION_COLUMNS = RECORD_REVISION_COLUMNS  # the session revision's
# A product's revision 1 is the catalogue row, which records no author or time; the trail is
# the trail whichever way it is exported.
REVISION_COLUMNS_OF = {
    "products": [("revision", "int"), ("author", "text"), ("recorded_at", "instant?"),
                 ("reason", "text")],
    "audit": [],
    # A session revision names the setting revisions its checks used.
    "sessions": RECORD_REVISION_COLUMNS + [("checked_with", "json?")],
}

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\0")
PATTERNS = {
    "int": re.compile(r"\d+"),
    "depth": re.compile(r"\d+\.\d\d"),
    "dec": re.compile(r"\d+\.\d\d"),
    "num": re.compile(r"\d+(\.\d+)?"),  # a score, with its scale's decimals
    "date": re.compile(r"\d{4}-\d\d-\d\d"),
    "instant": re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"),
    "local": re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d"),
}
BOM = b"\xef\xbb\xbf"


def columns_of(table, all_revisions):
    stored = list(TABLES[table])
    if all_revisions:
        stored += REVISION_COLUMNS_OF.get(table, CHILD_REVISION_COLUMNS if table in CHILDREN
                                          else RECORD_REVISION_COLUMNS)
    # Each instant (UTC) is followed by the same instant in the clinic's time zone.
    columns = []
    for column, kind in stored:
        columns.append((column, kind))
        if kind.rstrip("?") == "instant":
            columns.append((f"{column}_local", "local" + kind[len("instant"):]))
    return columns


def rfc4180(rows):
    """The rows written back the RFC 4180 way: CRLF, quoted only when needed, quotes doubled."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    return buffer.getvalue()


def read_csv(path, bom):
    """Bytes, decoded text and rows of one file; checks encoding, BOM, line ends and quoting."""
    name = os.path.relpath(path, work)
    with open(path, "rb") as file:
        data = file.read()
    if bom:
        check(data.startswith(BOM), f"{name}: --bom given but the file does not start with EF BB BF")
        body = data[len(BOM):]
    else:
        check(not data.startswith(BOM), f"{name}: a byte-order mark without --bom")
        body = data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        fail(f"{name}: not UTF-8: {error}")
        return data, [], 0
    check(text.endswith("\r\n"), f"{name}: the last line does not end with CRLF")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as error:
        fail(f"{name}: not parseable CSV: {error}")
        return data, [], 0
    # Byte for byte what an RFC 4180 writer makes of the same rows: every record ends with CRLF
    # (a bare LF or CR only inside a quoted field), quotes where needed and only there.
    if not check(rfc4180(rows) == text, f"{name}: not byte-exact RFC 4180 (line ends or quoting)"):
        for number, (line, expected) in enumerate(
                zip(text.split("\r\n"), rfc4180(rows).split("\r\n")), 1):
            if line != expected:
                fail(f"{name}: first difference at CRLF line {number}: {line[:120]!r} "
                     f"(expected {expected[:120]!r})")
                break
    return data, rows, sum(len(row) for row in rows)


def check_cell(name, row_number, column, kind, cell, guarded):
    where = f"{name} row {row_number} column {column}"
    if kind == "text" or kind.startswith("json"):
        if guarded:
            check(not cell.startswith(FORMULA_STARTS),
                  f"{where}: text starting with {cell[:1]!r} is not guarded: {cell[:60]!r}")
        if kind.startswith("json") and cell != "":
            try:
                check(isinstance(json.loads(cell), list), f"{where}: not a JSON array")
            except ValueError:
                fail(f"{where}: not JSON: {cell[:60]!r}")
        elif kind == "json":
            fail(f"{where}: empty, but every session has an area")
        return
    optional = kind.endswith("?")
    if cell == "" and optional:
        return
    pattern = PATTERNS[kind.rstrip("?")]
    if not check(pattern.fullmatch(cell) is not None, f"{where}: {cell!r} is not a {kind}"):
        return
    if kind.rstrip("?") in ("int", "depth", "dec"):
        check(float(cell) >= 0, f"{where}: {cell!r} does not parse as a number")


def check_folder(folder, raw=False, bom=False, all_revisions=False):
    """Checks one export --all folder; returns {table: rows} and the number of cells."""
    path = os.path.join(work, folder)
    tables = {}
    cells = 0
    expected_files = sorted([f"{table}.csv" for table in TABLES] + ["manifest.csv"])
    check(sorted(os.listdir(path)) == expected_files,
          f"{folder}: holds {sorted(os.listdir(path))}, expected the {len(TABLES)} tables and manifest.csv "
          "(and no temporary file)")
    check(stat.S_IMODE(os.stat(path).st_mode) == 0o700,
          f"{folder}: folder mode {oct(stat.S_IMODE(os.stat(path).st_mode))}, expected 0o700")
    for file in expected_files:
        mode = stat.S_IMODE(os.stat(os.path.join(path, file)).st_mode)
        check(mode == 0o600, f"{folder}/{file}: mode {oct(mode)}, expected 0o600")
    digests = {}
    for table in TABLES:
        name = f"{folder}/{table}.csv"
        data, rows, count = read_csv(os.path.join(path, f"{table}.csv"), bom)
        cells += count
        digests[f"{table}.csv"] = (hashlib.sha256(data).hexdigest(), len(rows) - 1)
        columns = columns_of(table, all_revisions)
        if not check(rows and rows[0] == [column for column, _ in columns],
                     f"{name}: header {rows[0] if rows else None} is not the fixed header"):
            continue
        for number, row in enumerate(rows[1:], 2):
            if not check(len(row) == len(columns),
                         f"{name} row {number}: {len(row)} fields, header has {len(columns)}"):
                continue
            for (column, kind), cell in zip(columns, row):
                check_cell(name, number, column, kind, cell, guarded=not raw)
        tables[table] = [dict(zip([c for c, _ in columns], row)) for row in rows[1:]]
    # The manifest: one row a table, in export order, its rows and the SHA-256 of its bytes.
    with open(os.path.join(path, "manifest.csv"), "rb") as file:
        manifest_bytes = file.read()
    if manifest_bytes.startswith(BOM):  # either way is fine for the manifest
        manifest_bytes = manifest_bytes[len(BOM):]
    manifest_text = manifest_bytes.decode("utf-8")
    manifest = list(csv.reader(io.StringIO(manifest_text, newline=""), strict=True))
    cells += sum(len(row) for row in manifest)
    check(rfc4180(manifest) == manifest_text, f"{folder}/manifest.csv: not RFC 4180 with CRLF")
    check(manifest[:1] == [["file", "rows", "sha256"]], f"{folder}/manifest.csv: header {manifest[:1]}")
    # The last row states the audit chain head when the rows were read: its id and hash.
    head = manifest[-1] if len(manifest) > 1 else []
    check(len(head) == 3 and head[0] == "audit chain head" and head[1].isdigit()
          and len(head[2]) == 64, f"{folder}/manifest.csv: last row {head} is not the chain head")
    manifest = manifest[:-1]
    check([row[0] for row in manifest[1:]] == [f"{table}.csv" for table in TABLES],
          f"{folder}/manifest.csv: files {[row[0] for row in manifest[1:]]}")
    for row in manifest[1:]:
        if not check(len(row) == 3 and row[0] in digests, f"{folder}/manifest.csv: bad row {row}"):
            continue
        sha, rows = digests[row[0]]
        check(row[1] == str(rows), f"{folder}/manifest.csv: {row[0]} has {rows} rows, manifest says {row[1]}")
        check(row[2] == sha, f"{folder}/manifest.csv: {row[0]} SHA-256 is {sha}, manifest says {row[2]}")
    # The confirmation line adds up the manifest.
    total = sum(rows for _, rows in digests.values())
    with open(os.path.join(work, f"{folder}.txt"), encoding="utf-8") as file:
        said = file.read()
    check(said == f"exported {len(TABLES)} tables ({total} rows) and manifest.csv to {folder}\n",
          f"{folder}: confirmation line {said!r}, expected {total} rows")
    return tables, cells


def query(sql):
    connection = sqlite3.connect(f"file:{work}/clinic.db?mode=ro", uri=True)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def newest(table):
    return (f"r.revision = (SELECT max(revision) FROM {table}_revision "
            f"WHERE {table}_id = r.{table}_id)")


def expected_counts(all_revisions):
    counts = {}
    for table, record in [("patients", "patient"), ("conditions", "condition"),
                          ("consents", "consent"), ("lots", "lot"), ("sessions", "session"),
                          ("reactions", "reaction"), ("followups", "followup")]:
        sql = f"SELECT count(*) FROM {record}_revision"
        counts[table] = query(sql if all_revisions else f"SELECT count(*) FROM {record}")[0][0]
    for table, child in [("session_areas", "session_area"), ("serum_uses", "serum_use")]:
        sql = (f"SELECT count(*) FROM {child} c JOIN session_revision r "
               f"ON r.id = c.session_revision_id")
        counts[table] = query(sql if all_revisions else f"{sql} WHERE {newest('session')}")[0][0]
    return counts


def export_audits():
    return query("SELECT reason FROM audit_log WHERE action = 'export' ORDER BY id")


# ------------------------------------------------------------------------------------------
# The three folders

default, cells_default = check_folder("out")
raw, cells_raw = check_folder("raw", raw=True)
revisions, cells_rev = check_folder("rev", bom=True, all_revisions=True)

for name, tables, all_revisions in [("out", default, False), ("raw", raw, False),
                                    ("rev", revisions, True)]:
    for table, count in expected_counts(all_revisions).items():
        check(len(tables.get(table, [])) == count,
              f"{name}/{table}.csv: {len(tables.get(table, []))} rows, the database holds {count}")

# Default against raw, cell by cell: the same rows; numbers and dates identical; text identical
# unless it starts with a formula character, where the default adds exactly one "'".
guarded_cells = 0
for table, columns in TABLES.items():
    for number, (safe, typed) in enumerate(zip(default.get(table, []), raw.get(table, [])), 2):
        for column, kind in columns:
            where = f"{table}.csv row {number} column {column}"
            if kind == "text" or kind.startswith("json"):
                if typed[column].startswith(FORMULA_STARTS):
                    guarded_cells += 1
                    check(safe[column] == "'" + typed[column],
                          f"{where}: default {safe[column][:40]!r} is not \"'\" + raw "
                          f"{typed[column][:40]!r}")
                else:
                    check(safe[column] == typed[column],
                          f"{where}: default {safe[column][:40]!r} differs from raw "
                          f"{typed[column][:40]!r}")
            else:
                check(safe[column] == typed[column],
                      f"{where}: the number or date {safe[column]!r} differs from raw "
                      f"{typed[column]!r}; numbers are never guarded")
check(guarded_cells > 0, "no guarded cell at all: the nasty patient did not reach the export")


def row_of(tables, table, **match):
    rows = [row for row in tables.get(table, [])
            if all(row.get(key) == value for key, value in match.items())]
    check(len(rows) == 1, f"{table}: {len(rows)} rows match {match}, expected 1")
    return rows[0] if rows else {}


# The hand-made patient's text as typed (raw), and guarded (default), CR, LF and emoji kept.
family = "O'Neil, \"Jr\""
typed_note = "\tTAB first"
expect = [
    ("raw", row_of(raw, "patients", code="Z-NASTY"),
     {"family_name": family, "given_name": "=1+1", "phone": "+44 1234",
      "email": "@evil@example.org", "note": typed_note, "fitzpatrick": "3"}),
    ("out", row_of(default, "patients", code="Z-NASTY"),
     {"family_name": family, "given_name": "'=1+1", "phone": "'+44 1234",
      "email": "'@evil@example.org", "note": "'" + typed_note, "fitzpatrick": "3"}),
    ("raw", row_of(raw, "conditions", patient="Z-NASTY"), {"note": "\t=tab then formula"}),
    ("out", row_of(default, "conditions", patient="Z-NASTY"), {"note": "'\t=tab then formula"}),
    ("raw", row_of(raw, "consents", patient="Z-NASTY"), {"guardian": "=all areas, \"face\""}),
    ("out", row_of(default, "consents", patient="Z-NASTY"), {"guardian": "'=all areas, \"face\""}),
    ("raw", row_of(raw, "sessions", id=nasty_session),
     {"practitioner": "@doc", "model": "=cmd|' /C calc'!A0", "cartridge_lot": "-CL1",
      "note": "=SUM(1,2)\nnext line", "aftercare": "+ ice, \"cold\"",
      "performed_at": "2026-11-22T10:00:00Z", "performed_at_local": "2026-11-22T10:00:00+00:00"}),
    ("out", row_of(default, "sessions", id=nasty_session),
     {"practitioner": "'@doc", "model": "'=cmd|' /C calc'!A0", "cartridge_lot": "'-CL1",
      "note": "'=SUM(1,2)\nnext line", "aftercare": "'+ ice, \"cold\""}),
    ("raw", row_of(raw, "serum_uses", session=nasty_session), {"lot": "=LOT-1", "phase": "during"}),
    ("out", row_of(default, "serum_uses", session=nasty_session), {"lot": "'=LOT-1"}),
    ("out", row_of(default, "session_areas", session=nasty_session, position="1"),
     {"area": "cheek", "side": "left", "depth_mm": "1.25", "passes": "2"}),
    ("out", row_of(default, "session_areas", session=nasty_session, position="2"),
     {"area": "periorbital", "side": "", "depth_mm": "0.75", "passes": ""}),
    ("raw", row_of(raw, "reactions", session=nasty_session), {"note": "\r\n@risk, CR first"}),
    ("out", row_of(default, "reactions", session=nasty_session), {"note": "'\r\n@risk, CR first"}),
    ("raw", row_of(raw, "followups", session=nasty_session), {"note": "-"}),
    ("out", row_of(default, "followups", session=nasty_session), {"note": "'-"}),
    # --all-revisions: the first revision as registered, the amendment with its guarded reason.
    ("rev", row_of(revisions, "patients", code="Z-NASTY", revision="1"),
     {"note": "'-minus first\nthen LF\r\nthen CRLF, emoji 🎉 and a \"quote\"", "reason": "",
      "author": "tester", "recorded_at": "2026-11-23T15:00:00Z"}),
    ("rev", row_of(revisions, "patients", code="Z-NASTY", revision="2"),
     {"note": "'" + typed_note, "reason": "'=HYPERLINK(\"http://x.example\")"}),
]
for folder, row, fields in expect:
    for column, value in fields.items():
        check(row.get(column) == value,
              f"{folder}: Z-NASTY {column} is {row.get(column)!r}, expected {value!r}")

# The JSON columns carry the session whole, as typed (the lot inside is not guarded).
nasty = row_of(default, "sessions", id=nasty_session)
if nasty:
    check(json.loads(nasty["areas"]) == [
        {"area": "cheek", "side": "left", "depth_mm": 1.25, "passes": 2},
        {"area": "periorbital", "side": None, "depth_mm": 0.75, "passes": None}],
        f"sessions.csv: areas of session {nasty_session}: {nasty['areas']}")
    check([(s["product"], s["lot"], s["phase"]) for s in json.loads(nasty["serums"])]
          == [("prp", "=LOT-1", "during")], f"sessions.csv: serums {nasty['serums']}")
    # An override's reason travels inside the JSON column, as typed: the column starts with '['.
    # The unregistered lots and the consent that does not name PRP are kept as warnings.
    check([(f["key"], f["level"], f["override_reason"]) for f in json.loads(nasty["findings"])]
          == [("depth:periorbital", "overridden", "+deep lines"),
              ("lot:prp:_LOT-1", "warning", ""), ("lot:cartridge:-CL1", "warning", ""),
              ("consent:prp", "warning", "")],
          f"sessions.csv: findings {nasty['findings']}")

# Each export's row names the folder and its manifest's SHA-256 (which import --all names too).
def manifest_sha(folder):
    with open(os.path.join(work, folder, "manifest.csv"), "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


check(export_audits() == [(f"all tables to out; manifest.csv SHA-256 {manifest_sha('out')}",),
                          (f"all tables to raw; manifest.csv SHA-256 {manifest_sha('raw')}",),
                          ("all tables to rev, all revisions; manifest.csv SHA-256 "
                           f"{manifest_sha('rev')}",)],
      f"audit rows of the exports: {export_audits()}")

# ------------------------------------------------------------------------------------------
# Failures leave no file and no audit row.

before = export_audits()


ENVIRONMENT = dict(os.environ, NEEDLEBOOK_DB=os.path.join(work, "clinic.db"),
                   NEEDLEBOOK_NOW="2026-11-23T15:00:00Z", TZ="Europe/London",
                   NEEDLEBOOK_USER="tester", LC_ALL="C.UTF-8")


def run(args, **kwargs):
    return subprocess.run([needlebook, *args], cwd=work, env=ENVIRONMENT, capture_output=True,
                          text=True, **kwargs)


if os.path.exists("/dev/full"):  # stdout on a full disk
    with open("/dev/full", "w") as full:
        result = subprocess.run([needlebook, "export", "sessions"], cwd=work, env=ENVIRONMENT,
                                stdout=full, stderr=subprocess.PIPE, text=True)
    check(result.returncode == 1, f"export to a full stdout: exit {result.returncode}, expected 1")
    check(result.stderr.startswith("needlebook: error: "),
          f"export to a full stdout: stderr {result.stderr!r}")


# A file size limit: a write past 64 KiB fails with EFBIG (SIGXFSZ ignored). It leaves room for
# the database's 32 KiB shared-memory file; sessions.csv of the demo clinic is larger.
def small_files():
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))


check(os.path.getsize(os.path.join(work, "out", "sessions.csv")) > 65536,
      "sessions.csv is too small for the size-limit check")
os.mkdir(os.path.join(work, "big"))
result = run(["export", "sessions", "--output", "big/sessions.csv"], preexec_fn=small_files)
check(result.returncode == 1 and "database" not in result.stderr,
      f"export past the size limit: exit {result.returncode}, expected 1 ({result.stderr.strip()})")
check(result.stderr.startswith("needlebook: error: "),
      f"export past the size limit: stderr {result.stderr!r}")
check(os.listdir(os.path.join(work, "big")) == [],
      f"export past the size limit left {os.listdir(os.path.join(work, 'big'))}")

# --all: the tables written before the failing one are complete (the same bytes as the
# successful export); the failing one, the later ones and the manifest are not there at all.
result = run(["export", "--all", "--output", "big-all"], preexec_fn=small_files)
check(result.returncode == 1 and "database" not in result.stderr,
      f"export --all past the size limit: exit {result.returncode} ({result.stderr.strip()})")
folder = os.path.join(work, "big-all")
left = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
check("manifest.csv" not in left and "sessions.csv" not in left
      and not any(name.startswith(".") for name in left),
      f"export --all past the size limit left {left}")
for name in left:
    with open(os.path.join(work, "big-all", name), "rb") as partial, \
            open(os.path.join(work, "out", name), "rb") as whole:
        check(partial.read() == whole.read(), f"export --all past the size limit: {name} is partial")

check(export_audits() == before, "a failed export added an audit row")

# The last step failing: the rename of a complete temporary file (made to fail by a small
# LD_PRELOAD shim, when a C compiler is at hand). Exit 1, no file, and no audit row saying the
# export was done: a refused command leaves the database as it was.
RENAME_SHIM = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <string.h>
int rename(const char *from, const char *to) {
    if (strstr(to, "rename-fails") != NULL) { errno = EXDEV; return -1; }
    int (*real)(const char *, const char *) = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    return real(from, to);
}
"""
compiler = shutil.which("cc") or shutil.which("gcc")
shim = os.path.join(work, "rename_shim.so")
if compiler:
    with open(os.path.join(work, "rename_shim.c"), "w") as source:
        source.write(RENAME_SHIM)
    built = subprocess.run([compiler, "-shared", "-fPIC", "-o", shim, source.name, "-ldl"],
                           capture_output=True, text=True)
    check(built.returncode == 0, f"building the rename shim failed: {built.stderr}")
    preload = dict(ENVIRONMENT, LD_PRELOAD=shim)
    for args, target in [(["export", "patients", "--output", "rename-fails.csv"], "rename-fails.csv"),
                         (["export", "--all", "--output", "rename-fails"], "rename-fails/patients.csv")]:
        audits = export_audits()
        result = subprocess.run([needlebook, *args], cwd=work, env=preload, capture_output=True,
                                text=True)
        check(result.returncode == 1, f"{' '.join(args)} with a failing rename: exit "
              f"{result.returncode}, expected 1")
        check(not os.path.exists(os.path.join(work, target)),
              f"{' '.join(args)} with a failing rename left {target}")
        check(export_audits() == audits,
              f"{' '.join(args)} failed (exit {result.returncode}: {result.stderr.strip()}) but "
              f"added the audit row {export_audits()[len(audits):]}: the export is logged as done "
              "although no file was written, and a refused command changed the database")


rows = sum(len(rows) for tables in (default, raw, revisions) for rows in tables.values())
cells = cells_default + cells_raw + cells_rev
if failures:
    for message in failures:
        print(f"FAIL: {message}")
    print(f"spreadsheet_check: FAILED ({len(failures)} failures); {rows} rows and {cells} cells "
          "checked")
    sys.exit(1)
print(f"spreadsheet_check: ok: 3 exports, 27 files, {rows} rows and {cells} cells checked "
      f"({guarded_cells} guarded cells), manifests and SHA-256 match, mode 0600, failed writes "
      "leave no file and no audit row")
