#!/usr/bin/env bash
# Looking at a backup never changes it. On a `demo --patients 12` clinic and its `backup`:
#  1. Every read with --db BACKUP (audit, patient list/show, session show, history as text and
#     html into --output, export --all and one table, fhir, the three reports, check, setting
#     list, a backup of the backup, a streamed backup read back) exits 0 and leaves the backup's
#     SHA-256 identical, no -wal/-shm/-journal beside it and no audit row added; each read that
#     the live database would audit says once on stderr that it is not audited, the others not.
#  2. Every write (patient add, session log, setting set, seal, init, demo, import, restore into
#     the backup) exits 1 saying the file is a backup opened read-only; the bytes are unchanged.
#  3. A marked backup older than the program's schema is refused clearly (exit 1), bytes unchanged.
#  4. `restore` of the backup into the clinic and into a new file: exit 0, the restored databases
#     are not marked and take writes; the backup is unchanged.
# Usage: backup_readonly.sh NEEDLEBOOK_BINARY
set -euo pipefail
source "$(dirname "$0")/common.sh"

db=$work/clinic.db
backup=$work/backups/clinic-2026-11-23.db
out=$work/out
mkdir -p "$work/backups" "$out"
nb() { "$needlebook" --db "$db" "$@"; }
sha() { sha256sum "$1" | cut -c1-64; }
side_files() { # the -wal, -shm and -journal beside FILE
    local suffix
    for suffix in -wal -shm -journal; do [ ! -e "$1$suffix" ] || echo "$1$suffix"; done
}
passed=0

nb demo --patients 12 >/dev/null
# The FHIR export needs the clinic's URI for chart codes.
nb setting set fhir_identifier_system https://clinic.example/chart >/dev/null
nb backup "$backup" >"$work/backup.out"
backup_sha=$(sha "$backup")
grep -q "^sha256: $backup_sha\$" "$work/backup.out" || fail "backup printed another sha256: $(cat "$work/backup.out")"
marker=$(sqlite3 "$backup" 'PRAGMA application_id')
[ "$marker" != 0 ] || die "the backup carries no application_id mark"
[ "$(sqlite3 "$db" 'PRAGMA application_id')" = 0 ] || fail "the live database is marked as a backup"
backup_audit=$(count "$backup" audit_log)
patient=$(sqlite3 "$db" 'SELECT code FROM patient ORDER BY id LIMIT 1')
session=$(sqlite3 "$db" 'SELECT id FROM session ORDER BY id LIMIT 1')
lot=$(sqlite3 "$db" 'SELECT lot FROM serum_use ORDER BY id LIMIT 1')
note="note: $backup is a backup, opened read-only; this read is not audited"

# The backup as it was made: same bytes, nothing beside it, no audit row added. LABEL FILE SHA.
unchanged() {
    local label=$1 file=$2 want=$3 ok=1
    [ "$(sha "$file")" = "$want" ] || { fail "$label: the sha256 of $(basename "$file") changed"; ok=0; }
    [ -z "$(side_files "$file")" ] || { fail "$label: left $(side_files "$file" | xargs)"; ok=0; }
    [ "$ok" = 1 ]
}

# --- 1. reads ---------------------------------------------------------------------------------
# read NOTES LABEL ARGS…: exit 0, the backup unchanged, the note printed NOTES times (0 or 1).
read_case() {
    local notes=$1 label=$2 rc=0 seen
    shift 2
    "$needlebook" --db "$backup" "$@" >"$out/stdout" 2>"$out/stderr" || rc=$?
    if [ $rc -ne 0 ]; then
        fail "$label: exit $rc: $(head -2 "$out/stderr")"
        return
    fi
    unchanged "$label" "$backup" "$backup_sha" || return 0
    [ "$(count "$backup" audit_log)" -eq "$backup_audit" ] || { fail "$label: an audit row was added"; return; }
    seen=$(grep -cxF "needlebook: $note" "$out/stderr" || true)
    [ "$seen" -eq "$notes" ] || { fail "$label: the note is on stderr $seen times, not $notes: $(cat "$out/stderr")"; return; }
    [ "$(grep -cv '^needlebook: note: ' "$out/stderr" || true)" -eq 0 ] ||
        { fail "$label: stderr says more: $(head -2 "$out/stderr")"; return; }
    passed=$((passed + 1))
}
read_case 1 "audit" audit
read_case 1 "audit --patient" audit --patient "$patient"
read_case 1 "patient list" patient list
read_case 1 "patient show" patient show "$patient"
read_case 1 "session show" session show "$session"
read_case 1 "history" history "$patient"
read_case 1 "history --format html --output" --format html history "$patient" --output "$out/history.html"
[ -s "$out/history.html" ] || fail "history --output wrote no file"
read_case 1 "history --output" history "$patient" --output "$out/history.txt"
read_case 1 "export --all" export --all --output "$out/export"
[ -s "$out/export/manifest.csv" ] || fail "export --all wrote no manifest"
read_case 1 "export sessions" export sessions --output "$out/sessions.csv"
read_case 1 "fhir" fhir "$patient"
read_case 1 "fhir --all --output" fhir --all --output "$out/clinic.fhir.json"
read_case 0 "report recovery" report recovery
read_case 0 "report outcomes" report outcomes
read_case 1 "report followups" report followups
read_case 1 "report lot" report lot "$lot"
read_case 0 "check" check
read_case 0 "setting list" setting list
read_case 1 "json patient list" --format json patient list
read_case 1 "backup of the backup" backup "$out/backup-of-backup.db"
[ "$(sqlite3 "$out/backup-of-backup.db" 'PRAGMA application_id')" = "$marker" ] ||
    fail "a backup of the backup is not marked"
# A backup streamed through a pipe is marked too, and reading it changes nothing.
nb backup /dev/stdout 2>/dev/null | cat >"$work/streamed.db"
streamed_sha=$(sha "$work/streamed.db")
[ "$(sqlite3 "$work/streamed.db" 'PRAGMA application_id')" = "$marker" ] || fail "a streamed backup is not marked"
rc=0
"$needlebook" --db "$work/streamed.db" patient show "$patient" >/dev/null 2>&1 || rc=$?
[ $rc -eq 0 ] || fail "patient show on a streamed backup: exit $rc"
unchanged "a streamed backup" "$work/streamed.db" "$streamed_sha" && passed=$((passed + 1))
echo "reads: $passed passed on the backup, its sha256 ${backup_sha:0:16}… each time"

# --- 2. writes ----------------------------------------------------------------------------------
# write LABEL ARGS…: exit 1, one error line saying what the file is, the backup unchanged.
refusal=
write_case() {
    local label=$1 rc=0
    shift
    "$needlebook" --db "$backup" "$@" >"$out/stdout" 2>"$out/stderr" </dev/null || rc=$?
    if [ $rc -ne 1 ]; then
        fail "$label: exit $rc, not 1: $(head -2 "$out/stderr" "$out/stdout")"
        return
    fi
    if ! grep -q "is a backup made by 'needlebook backup' and is opened read-only" "$out/stderr" ||
        [ "$(wc -l <"$out/stderr")" -ne 1 ]; then
        fail "$label: stderr is not the one refusal line: $(cat "$out/stderr")"
        return
    fi
    unchanged "$label" "$backup" "$backup_sha" || return 0
    [ -z "$(ls "$backup".replaced-* "$work"/backups/*.restoring* 2>/dev/null)" ] ||
        { fail "$label: left $(ls "$backup".replaced-* "$work"/backups/*.restoring* | xargs)"; return; }
    refusal=$(sed "s#$work/##g" "$out/stderr")
    passed=$((passed + 1))
}
"$needlebook" key new --out "$work/seal.pem" >/dev/null
nb export patients --raw --output "$work/patients.csv" >/dev/null
sed -i 's/P-0000/Q-0000/' "$work/patients.csv" # new chart codes: nothing else to refuse them
nb backup "$work/other-backup.db" >/dev/null
write_case "patient add" patient add --family After --given Wards --born 1990-05-06
# A patient with no condition, before the demo's sessions: no clinical check blocks it, so the
# refusal is the backup's.
clean_patient=$(sqlite3 "$db" 'SELECT code FROM patient p WHERE NOT EXISTS (SELECT 1 FROM condition
    c WHERE c.patient_id = p.id) ORDER BY id LIMIT 1')
write_case "session log" session log "$clean_patient" --at "2020-01-06 10:00" --device pen \
    --area forehead=0.5
write_case "setting set" setting set clinic_name "Backup Clinic" --reason test
write_case "seal" seal --key "$work/seal.pem"
write_case "init" init
write_case "demo" demo --patients 3
write_case "import" import patients "$work/patients.csv"
write_case "restore into the backup" restore "$work/other-backup.db"
echo "writes refused: $refusal"

# --- 3. a marked backup older than the program ----------------------------------------------------
older=$work/backups/older.db
cp "$backup" "$older"
sqlite3 "$older" "PRAGMA user_version = $(($(latest_version) - 1))"
older_sha=$(sha "$older")
for args in "patient list" "audit" "patient show $patient"; do
    rc=0
    # shellcheck disable=SC2086 # the words of a command
    "$needlebook" --db "$older" $args >/dev/null 2>"$out/stderr" || rc=$?
    if [ $rc -ne 1 ] || ! grep -q "is a backup at schema version .*older than this program's" "$out/stderr"; then
        fail "older backup, $args: exit $rc: $(cat "$out/stderr")"
    elif unchanged "older backup, $args" "$older" "$older_sha"; then
        passed=$((passed + 1))
    fi
done
echo "older backup: $(sed "s#$work/##g" "$out/stderr" | cut -c1-160)…"

# --- 4. restore -----------------------------------------------------------------------------------
nb patient add --family Late --given Comer --born 1991-02-03 --code LATE-1 >/dev/null
rc=0
nb restore "$backup" >"$out/restore.out" 2>"$out/restore.err" || rc=$?
[ $rc -eq 0 ] || die "restore of the backup exited $rc: $(cat "$out/restore.err")"
grep -q "^sha256: $backup_sha\$" "$out/restore.out" || fail "restore printed another sha256: $(cat "$out/restore.out")"
[ "$(sqlite3 "$db" 'PRAGMA application_id')" = 0 ] || fail "the restored clinic is marked as a backup"
rc=0
nb patient add --family After --given Restore --born 1992-03-04 --code AFTER-1 >"$out/add.out" 2>&1 || rc=$?
[ $rc -eq 0 ] || fail "patient add on the restored clinic: exit $rc: $(cat "$out/add.out")"
needlebook_check "$db" "the restored clinic" && passed=$((passed + 1))
fresh=$work/fresh/clinic.db
mkdir -p "$work/fresh"
rc=0
"$needlebook" --db "$fresh" restore "$backup" >/dev/null 2>"$out/restore.err" || rc=$?
[ $rc -eq 0 ] || fail "restore into a new file exited $rc: $(cat "$out/restore.err")"
[ "$(sqlite3 "$fresh" 'PRAGMA application_id')" = 0 ] || fail "the new file restored is marked as a backup"
rc=0
"$needlebook" --db "$fresh" setting set clinic_name "Fresh Copy" --reason test >/dev/null 2>"$out/set.err" || rc=$?
[ $rc -eq 0 ] || fail "setting set on a restored copy: exit $rc: $(cat "$out/set.err")"
needlebook_check "$fresh" "the restored new file" && passed=$((passed + 1))
unchanged "after the restores" "$backup" "$backup_sha" && passed=$((passed + 1))
echo "restore: into the clinic and into a new file, both unmarked and writable"

finish backup_readonly "$passed"
