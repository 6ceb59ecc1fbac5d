#!/usr/bin/env bash
# Anchors outside the file, and the schema and settings as records:
#  1. A hostile insider edits the file with sqlite3 and re-signs the whole SHA-256 chain (an
#     actor changed; a session.show row deleted and the rows after it renumbered): plain `check`
#     cannot tell, but `check --key` fails naming the sealed row, and `check --head` with the
#     head printed by `seal` fails too. The untouched file passes both.
#     A row whose record fingerprint was removed (and the chain re-signed) is named too.
#  2. A seal made with another key, a seal row whose signature was edited, --key with no seal,
#     and a malformed --head are each refused (exit 1).
#  3. Schema tampering: a dropped trigger, a dropped index, an added index, a trigger recreated
#     with another body; each is named by check.
#  4. Settings tampering: the old raw-SQL repro fails; a setting revision changed with its trigger
#     dropped and recreated, and one inserted by hand, are named by check.
#  5. Backdating: a write with a clock before the newest audit row is refused, nothing changes;
#     an audit row forged with an earlier time is named by check.
# Usage: seals.sh NEEDLEBOOK_BINARY
set -euo pipefail
source "$(dirname "$0")/common.sh"

db=$work/clinic.db
nb() { "$needlebook" --db "$db" "$@"; }
expect_fault() { # LABEL PATTERN ARGS…: check exits 1 and its message matches PATTERN
    local label=$1 pattern=$2 out rc=0
    shift 2
    out=$("$needlebook" "$@" 2>&1) || rc=$?
    if [ $rc -ne 1 ]; then
        fail "$label: exit $rc, expected 1: $(echo "$out" | tail -2)"
    elif ! echo "$out" | grep -q -- "$pattern"; then
        fail "$label: message does not say '$pattern': $(echo "$out" | grep error | head -2)"
    else
        echo "  $label: $(echo "$out" | grep 'error' | head -1 | cut -c1-200)"
    fi
}
expect_ok() { # LABEL ARGS…
    local label=$1 out rc=0
    shift
    out=$("$needlebook" "$@" 2>&1) || rc=$?
    [ $rc -eq 0 ] || fail "$label: exit $rc: $(echo "$out" | grep error | head -2)"
}

# Re-signs the chain of FILE from its first row, as anyone with the file can (python3), after
# numbering its rows again.
resign() {
    python3 - "$1" <<'EOF'
import hashlib, json, sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for (name,) in con.execute("SELECT name FROM sqlite_schema WHERE type='trigger' AND tbl_name='audit_log'").fetchall():
    con.execute(f'DROP TRIGGER "{name}"')
# Rows may have been deleted: number them 1, 2, … again.
ids = [r[0] for r in con.execute("SELECT id FROM audit_log ORDER BY id")]
for new, old in enumerate(ids, 1):
    con.execute("UPDATE audit_log SET id = ? WHERE id = ?", (-new, old))
con.execute("UPDATE audit_log SET id = -id")
rows = con.execute("SELECT id, at, actor, action, patient_id, record_kind, record_id, revision, reason, record_hash, os_user, clock_fixed FROM audit_log ORDER BY id").fetchall()
prev = ""
t = lambda v: "" if v is None else str(v)
for r in rows:
    canon = [r[0], r[1], r[2], r[3], t(r[4]), t(r[5]), t(r[6]), t(r[7]), r[8], prev]
    if r[10] is not None:
        canon += [t(r[9]), r[10], None if r[11] is None else bool(r[11])]
    elif r[9]:
        canon.append(r[9])
    h = hashlib.sha256(json.dumps(canon, separators=(",", ":"), ensure_ascii=False).encode()).hexdigest()
    con.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", (prev or None, h, r[0]))
    prev = h
con.commit()
EOF
}
# The triggers of the schema, put back after a raw edit (so only the content differs).
restore_triggers() {
    sqlite3 "$1" "ATTACH '$work/fresh.db' AS fresh; SELECT sql || ';' FROM fresh.sqlite_schema WHERE type = 'trigger' AND name NOT IN (SELECT name FROM main.sqlite_schema)" | sqlite3 "$1"
}

nb demo --patients 4 >/dev/null
nb key new --out "$work/clinic-seal.pem" >/dev/null
nb key new --out "$work/other.pem" >/dev/null
[ "$(stat -c %a "$work/clinic-seal.pem")" = 600 ] || fail "the private key is not 0600"
patient=$(sqlite3 "$db" 'SELECT code FROM patient ORDER BY id LIMIT 1')
nb session show 1 >/dev/null
nb seal --key "$work/clinic-seal.pem" >"$work/seal.out"
head=$(awk '/^head: / { print $2 }' "$work/seal.out")
nb history "$patient" >/dev/null # a row after the seal
"$needlebook" --db "$work/fresh.db" init >/dev/null
expect_ok "untouched, with key and head" --db "$db" check --key "$work/clinic-seal.pub.pem" --head "$head"

# --- 1. re-signed chains ------------------------------------------------------------------------
# A seal left in place already shows the edit; a careful forger removes the seals too.
strip_seals() {
    sqlite3 "$1" "DROP TRIGGER audit_seal_no_delete; DROP TRIGGER audit_log_no_delete; DELETE FROM audit_seal; DELETE FROM audit_log WHERE action = 'chain.seal'"
}
cp "$db" "$work/actor.db"
sqlite3 "$work/actor.db" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'nurse.kim' WHERE action = 'session.show'"
resign "$work/actor.db"
restore_triggers "$work/actor.db"
expect_fault "changed actor, re-signed, seal kept: plain check" "no longer has the hash that was sealed" \
    --db "$work/actor.db" check
strip_seals "$work/actor.db"
resign "$work/actor.db"
restore_triggers "$work/actor.db"
expect_ok "changed actor, re-signed, seals removed: plain check is fooled" --db "$work/actor.db" check
expect_fault "changed actor, seals removed, check --key" "there is no seal" \
    --db "$work/actor.db" check --key "$work/clinic-seal.pub.pem"
expect_fault "changed actor, seals removed, check --head" "is not in the chain" --db "$work/actor.db" check --head "$head"

cp "$db" "$work/deleted.db"
sqlite3 "$work/deleted.db" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE action = 'session.show'"
resign "$work/deleted.db"
restore_triggers "$work/deleted.db"
expect_fault "deleted session.show, renumbered, re-signed: check" "sealed by seal 1" --db "$work/deleted.db" check
expect_fault "deleted session.show, check --key" "sealed by seal 1" --db "$work/deleted.db" check --key "$work/clinic-seal.pub.pem"
strip_seals "$work/deleted.db"
resign "$work/deleted.db"
restore_triggers "$work/deleted.db"
expect_ok "deleted session.show, seals removed: plain check is fooled" --db "$work/deleted.db" check
expect_fault "deleted session.show, seals removed, check --head" "is not in the chain" --db "$work/deleted.db" check --head "$head"

# A fingerprint removed and the chain re-signed: a row of schema 3 or later must carry one.
cp "$db" "$work/nohash.db"
sqlite3 "$work/nohash.db" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET record_hash = NULL WHERE id = (SELECT min(id) FROM audit_log WHERE action = 'session.log')"
strip_seals "$work/nohash.db"
resign "$work/nohash.db"
restore_triggers "$work/nohash.db"
expect_fault "a record fingerprint removed, re-signed" "has no record fingerprint" --db "$work/nohash.db" check

# --- 2. keys and seals that do not hold ---------------------------------------------------------
expect_fault "a key that made no seal" "made with another key" --db "$db" check --key "$work/other.pub.pem"
cp "$db" "$work/forged.db"
sqlite3 "$work/forged.db" "DROP TRIGGER audit_seal_no_update; UPDATE audit_seal SET signature = replace(signature, substr(signature, 1, 2), 'ff')"
restore_triggers "$work/forged.db"
expect_fault "an edited signature" "signature that does not match" --db "$work/forged.db" check
expect_fault "--key without any seal" "there is no seal" --db "$work/fresh.db" check --key "$work/clinic-seal.pub.pem"
expect_fault "a malformed --head" "is not ID:HASH" --db "$db" check --head 12:abc
expect_fault "a private key that is not a key" "not an Ed25519" --db "$db" seal --key "$work/seal.out"

# --- 3. the schema itself -----------------------------------------------------------------------
for case in "DROP TRIGGER session_area_no_update|trigger session_area_no_update of schema" \
    "DROP INDEX audit_by_patient|index audit_by_patient of schema" \
    "CREATE INDEX sneaky ON patient (created_at)|index sneaky is not part of schema" \
    "DROP TRIGGER setting_revision_no_delete; CREATE TRIGGER setting_revision_no_delete BEFORE DELETE ON setting_revision BEGIN SELECT 1; END|trigger setting_revision_no_delete differs"; do
    cp "$db" "$work/schema.db"
    sqlite3 "$work/schema.db" "${case%%|*}"
    expect_fault "schema: ${case%%|*}" "${case#*|}" --db "$work/schema.db" check
done

# Objects named sqlite_… can be planted with writable_schema: a trigger that drops overrides.
cp "$db" "$work/planted.db"
sqlite3 "$work/planted.db" "PRAGMA writable_schema = ON; INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES ('trigger', 'sqlite_hide_override', 'session_override', 0, 'CREATE TRIGGER sqlite_hide_override BEFORE INSERT ON session_override BEGIN SELECT RAISE(IGNORE); END')"
expect_fault "a trigger planted under a reserved name" "trigger sqlite_hide_override is not part of schema" \
    --db "$work/planted.db" check
# The code lists: a condition code deleted (its new trigger dropped and put back).
cp "$db" "$work/codes.db"
sqlite3 "$work/codes.db" "DROP TRIGGER condition_code_no_delete; DELETE FROM condition_code WHERE code = 'pregnancy'"
restore_triggers "$work/codes.db"
expect_fault "a condition code deleted" "table condition_code does not hold the codes" --db "$work/codes.db" check
# Disclosures: the rows naming a patient read by a list, deleted behind the program's back.
cp "$db" "$work/disclosed.db"
"$needlebook" --db "$work/disclosed.db" patient list >/dev/null
sqlite3 "$work/disclosed.db" "DROP TRIGGER audit_disclosure_no_delete; DELETE FROM audit_disclosure"
restore_triggers "$work/disclosed.db"
expect_fault "disclosure rows deleted" "the patients it names as disclosed differ" --db "$work/disclosed.db" check
cp "$db" "$work/framed.db"
sqlite3 "$work/framed.db" "INSERT INTO audit_disclosure (audit_id, patient_id) VALUES (2, 1)"
expect_fault "a patient framed as disclosed by a row that is no read" "is not a disclosure" --db "$work/framed.db" check

# --- 4. settings are records ------------------------------------------------------------------
cp "$db" "$work/settings.db"
rc=0
sqlite3 "$work/settings.db" "update condition_policy set action='warn' where code='pregnancy'" 2>/dev/null || rc=$?
[ $rc -ne 0 ] || fail "the old raw settings update still works"
rc=0
sqlite3 "$work/settings.db" "UPDATE setting_revision SET value = '3.00' WHERE setting_id = (SELECT id FROM setting WHERE key = 'depth_limit.periorbital')" 2>/dev/null || rc=$?
[ $rc -ne 0 ] || fail "a setting revision could be updated in place"
sqlite3 "$work/settings.db" "DROP TRIGGER setting_revision_no_update; UPDATE setting_revision SET value = '3.00' WHERE setting_id = (SELECT id FROM setting WHERE key = 'depth_limit.periorbital'); CREATE TRIGGER setting_revision_no_update BEFORE UPDATE ON setting_revision
BEGIN SELECT RAISE(ABORT, 'setting revisions are never changed; add a revision'); END;"
expect_fault "a depth limit changed behind the program's back" "the stored setting differs" --db "$work/settings.db" check
cp "$db" "$work/settings2.db"
sqlite3 "$work/settings2.db" "INSERT INTO setting_revision (setting_id, revision, value, author, recorded_at) SELECT id, 2, 'warn', 'x', '2026-11-23T15:00:00Z' FROM setting WHERE key = 'condition.pregnancy'"
expect_fault "a pregnancy policy added by hand" "revision 2 has no audit row" --db "$work/settings2.db" check
nb setting set depth_limit.cheek 1.2 --reason "clinic policy" >/dev/null
[ "$(sqlite3 "$db" "SELECT value || '|' || revision || '|' || reason FROM setting_current WHERE key = 'depth_limit.cheek'")" = "1.20|2|clinic policy" ] ||
    fail "setting set did not add revision 2 with its reason"
expect_ok "after setting set" --db "$db" check

# --- 5. backdating --------------------------------------------------------------------------------
before=$(dump_sha "$db")
rc=0
NEEDLEBOOK_NOW=2026-01-05T09:00:00Z nb session void 1 --reason backdated >/dev/null 2>"$work/err" || rc=$?
[ $rc -eq 1 ] && grep -q "earlier than the newest audit row" "$work/err" || fail "a backdated void: exit $rc, $(cat "$work/err")"
[ "$(dump_sha "$db")" = "$before" ] || fail "a backdated void changed the database"
cp "$db" "$work/backdated.db"
sqlite3 "$work/backdated.db" "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET at = '2026-01-05T09:00:00Z' WHERE id = (SELECT max(id) FROM audit_log)"
resign "$work/backdated.db"
restore_triggers "$work/backdated.db"
expect_fault "an audit row forged earlier than the one before" "is dated before the row before it" --db "$work/backdated.db" check
# A clock set ahead would lock out every later write: refused, nothing changed.
before=$(dump_sha "$db")
rc=0
NEEDLEBOOK_NOW=2030-01-01T00:00:00Z nb patient list >/dev/null 2>"$work/err" || rc=$?
[ $rc -eq 1 ] && grep -q "ahead of the computer's clock" "$work/err" || fail "a read with a clock in 2030: exit $rc, $(cat "$work/err")"
[ "$(dump_sha "$db")" = "$before" ] || fail "a read with a clock in 2030 changed the database"
nb patient add --family After --given Future --born 1990-01-01 >/dev/null || fail "a write after the refused future read failed"
checks_run=$((checks_run + 1))
echo "seals: 2 re-signed chains found by one seal, 4 schema, 2 settings and 2 clock forgeries named"
finish seals 5
