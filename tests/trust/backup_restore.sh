#!/usr/bin/env bash
# The clinic's backup routine, end to end, on a `demo --patients 30` database:
#  1. `backup NEW` while 2 processes keep logging sessions (demo patients with no condition on
#     file, in 2020, before the demo's sessions, 14 days apart, so no clinical check blocks): exit 0; "backup saved", "sha256", "verified" printed;
#     the file is mode 0600 (umask 000); `check` on it passes; its sha256 is the printed one and
#     the one in the live audit trail's database.backup row; it holds between the sessions stored
#     when the backup began and those stored when it ended; every writer call exited 0.
#  2. `backup` refuses a file that exists (exit non-zero, the file unchanged) and a missing folder
#     (exit non-zero, nothing created).
#  3. A patient added after the backup; `restore` the backup: exit 0; the patient is gone from the
#     live database; the kept FILE.replaced-* holds it and passes check; the live database passes
#     check, holds the backup's records, and its last audit row is database.restore.
#  4. `restore` of a tampered copy (an audit row edited, its trigger dropped) exits 1, and the live
#     database's .dump and the tampered file are unchanged, no FILE.replaced-* added.
# Usage: backup_restore.sh NEEDLEBOOK_BINARY
set -euo pipefail
source "$(dirname "$0")/common.sh"

umask 000 # the backup's mode must come from needlebook
db=$work/clinic.db
nb() { "$needlebook" --db "$db" "$@"; }
sha() { sha256sum "$1" | cut -c1-64; }

nb demo --patients 30 >/dev/null
needlebook_check "$db" "the demo database" || true
demo_sessions=$(count "$db" session)

# --- 1. backup while two practitioners log sessions --------------------------------------------

# Writer W logs sessions for one demo patient until told to stop (at least MIN calls); one line a
# call: index, rc, start ms, end ms.
min_calls=6
max_calls=300 # a bound, should the test stop before it says "stop"
writer() {
    local w=$1 patient=$2 i=0 rc t0 day
    while [ ! -e "$work/go" ] && [ -d "$work" ]; do sleep 0.005; done
    while [ -d "$work" ] && [ $i -lt $max_calls ] && { [ ! -e "$work/stop" ] || [ $i -lt $min_calls ]; }; do
        day=$(date -u -d "2020-01-06 +$((i * 14 + w)) days" +%F)
        rc=0
        t0=$(now_ms)
        nb session log "$patient" --at "$day 10:00" --device pen --area cheek:left=1.0x2 \
            --area forehead=0.5 --note "writer $w call $i" \
            >"$work/out.$w.$i" 2>"$work/err.$w.$i" || rc=$?
        echo "$i $rc $t0 $(now_ms)" >>"$work/calls.$w"
        i=$((i + 1))
    done
}
# A count from the live database while the writers run (the sqlite3 shell waits up to 10 s).
live_count() { sqlite3 -cmd '.timeout 10000' "$db" "SELECT count(*) FROM $1"; }
calls_done() { cat "$work"/calls.* 2>/dev/null | wc -l; }

mapfile -t patients < <(sqlite3 "$db" 'SELECT code FROM patient p WHERE NOT EXISTS (SELECT 1 FROM
    condition c WHERE c.patient_id = p.id) ORDER BY id LIMIT 2')
writer 1 "${patients[0]}" &
w1=$!
writer 2 "${patients[1]}" &
w2=$!
touch "$work/go"
# Let both writers get going before the backup starts.
for _ in $(seq 1 500); do [ "$(calls_done)" -ge 4 ] && break; sleep 0.01; done
backup=$work/backups/clinic-2026-11-23.db
mkdir -p "$work/backups"
before_sessions=$(live_count session)
b0=$(now_ms)
backup_rc=0
nb backup "$backup" >"$work/backup.out" 2>"$work/backup.err" || backup_rc=$?
b1=$(now_ms)
after_sessions=$(live_count session)
touch "$work/stop"
wait $w1 $w2

[ $backup_rc -eq 0 ] || die "backup exited $backup_rc: $(cat "$work/backup.err" "$work/backup.out")"
[ -f "$backup" ] || die "backup exited 0 but $backup does not exist"
grep -q '^backup saved: ' "$work/backup.out" || fail "no 'backup saved:' line: $(cat "$work/backup.out")"
grep -q '^verified: ' "$work/backup.out" || fail "no 'verified:' line: $(cat "$work/backup.out")"
printed_sha=$(sed -n 's/^sha256: \([0-9a-f]\{64\}\)$/\1/p' "$work/backup.out")
[ -n "$printed_sha" ] || fail "no 'sha256: <64 hex>' line: $(cat "$work/backup.out")"
backup_sha=$(sha "$backup")
[ "$backup_sha" = "$printed_sha" ] || fail "the backup's sha256 $backup_sha is not the printed $printed_sha"
audited=$(sqlite3 "$db" "SELECT reason FROM audit_log WHERE action = 'database.backup' ORDER BY id DESC LIMIT 1")
[ -n "$audited" ] || fail "no database.backup row in the live audit trail"
case "$audited" in
*"$backup_sha"*) ;;
*) fail "the database.backup audit row does not hold the backup's sha256 $backup_sha: $audited" ;;
esac
mode=$(stat -c %a "$backup")
[ "$mode" = 600 ] || fail "the backup is mode $mode, not 600 (umask 000)"
for suffix in -wal -shm -journal; do
    [ ! -e "$backup$suffix" ] || fail "the backup left $backup$suffix beside it"
done
needlebook_check "$backup" "the backup" || true
sqlite_verify "$backup" "the backup" || true
[ "$(sha "$backup")" = "$backup_sha" ] || fail "checking the backup changed it"

# The writers: every call exited 0; the calls that overlapped the backup.
logged=0
during=0
for w in 1 2; do
    while read -r i rc t0 t1; do
        if [ "$rc" -eq 0 ]; then logged=$((logged + 1)); else
            fail "writer $w call $i exited $rc: $(cat "$work/err.$w.$i")"
        fi
        if [ "$t0" -lt "$b1" ] && [ "$t1" -gt "$b0" ]; then during=$((during + 1)); fi
    done <"$work/calls.$w"
done
busy=$(cat "$work"/err.* "$work/backup.err" 2>/dev/null | grep -ciwE 'busy|locked' || true)
[ "$busy" -eq 0 ] || fail "$busy busy/locked messages: $(cat "$work"/err.* | grep -iwE 'busy|locked' | head -3)"
backup_sessions=$(count "$backup" session)
backup_audit=$(count "$backup" audit_log)
[ "$backup_sessions" -ge "$before_sessions" ] && [ "$backup_sessions" -le "$after_sessions" ] ||
    fail "the backup holds $backup_sessions sessions; the live db held $before_sessions to $after_sessions during it"
# The backup is a consistent snapshot: each session it holds has its session.log row.
orphans=$(sqlite3 "$backup" "SELECT count(*) FROM session s WHERE NOT EXISTS (SELECT 1 FROM audit_log a
              WHERE a.record_kind = 'session' AND a.record_id = s.id)")
[ "$orphans" -eq 0 ] || fail "$orphans sessions in the backup have no audit row"
live_sessions=$(count "$db" session)
[ "$live_sessions" -eq $((demo_sessions + logged)) ] ||
    fail "the live db holds $live_sessions sessions, not $demo_sessions + $logged logged"

# --- 2. backup refuses an existing file and a missing folder ----------------------------------
existing=$work/backups/existing.db
echo "not to be overwritten" >"$existing"
existing_sha=$(sha "$existing")
rc=0
nb backup "$existing" >"$work/refuse.out" 2>"$work/refuse.err" || rc=$?
[ $rc -ne 0 ] || fail "backup over an existing file exited 0"
[ "$(sha "$existing")" = "$existing_sha" ] || fail "backup over an existing file changed it"
refused_existing=$(sed "s#$work/##g" "$work/refuse.err" | head -1)
[ -n "$refused_existing" ] || fail "backup over an existing file refused without a message"
rc=0
nb backup "$work/no-such-folder/clinic.db" >"$work/refuse.out" 2>"$work/refuse.err" || rc=$?
[ $rc -ne 0 ] || fail "backup into a missing folder exited 0"
[ ! -e "$work/no-such-folder" ] || fail "backup into a missing folder created it"
refused_folder=$(sed "s#$work/##g" "$work/refuse.err" | head -1)
[ -n "$refused_folder" ] || fail "backup into a missing folder refused without a message"
rc=0
nb backup "$backup" >"$work/refuse.out" 2>"$work/refuse.err" || rc=$?
[ $rc -ne 0 ] || fail "backup over the earlier backup exited 0"
[ "$(sha "$backup")" = "$backup_sha" ] || fail "backup over the earlier backup changed it"

# --- 3. restore -------------------------------------------------------------------------------
nb patient add --family Afterwards --given Added --born 1990-05-06 --code LATE-1 >/dev/null
[ "$(sqlite3 "$db" "SELECT count(*) FROM patient WHERE code = 'LATE-1'")" = 1 ] || die "LATE-1 not added"
r0=$(now_ms)
restore_rc=0
nb restore "$backup" >"$work/restore.out" 2>"$work/restore.err" || restore_rc=$?
r1=$(now_ms)
[ $restore_rc -eq 0 ] || die "restore exited $restore_rc: $(cat "$work/restore.err" "$work/restore.out")"
kept_files=("$db".replaced-*)
[ ${#kept_files[@]} -eq 1 ] && [ -f "${kept_files[0]}" ] ||
    die "restore kept no single clinic.db.replaced-*: ${kept_files[*]}"
kept=${kept_files[0]}
grep -qF "$(basename "$kept")" "$work/restore.out" || fail "restore did not say where the replaced db is kept: $(cat "$work/restore.out")"
[ "$(sqlite3 "$db" "SELECT count(*) FROM patient WHERE code = 'LATE-1'")" = 0 ] ||
    fail "LATE-1, added after the backup, is still in the live db after restore"
nb patient show LATE-1 >/dev/null 2>&1 && fail "patient show LATE-1 works after the restore"
[ "$(sqlite3 "$kept" "SELECT count(*) FROM patient WHERE code = 'LATE-1'")" = 1 ] ||
    fail "the kept $(basename "$kept") does not hold LATE-1"
kept_mode=$(stat -c %a "$kept")
[ "$kept_mode" = 600 ] || fail "the kept $(basename "$kept") is mode $kept_mode"
needlebook_check "$kept" "the kept replaced database" || true
needlebook_check "$db" "the live database after restore" || true
[ "$(count "$db" session)" -eq "$backup_sessions" ] || fail "after restore the live db holds $(count "$db" session) sessions, the backup $backup_sessions"
last_action=$(sqlite3 "$db" 'SELECT action FROM audit_log ORDER BY id DESC LIMIT 1')
[ "$last_action" = database.restore ] || fail "the live audit trail ends with '$last_action', not database.restore"
[ "$(count "$db" audit_log)" -eq $((backup_audit + 1)) ] ||
    fail "after restore the audit trail has $(count "$db" audit_log) rows, not the backup's $backup_audit + 1"
[ "$(sha "$backup")" = "$backup_sha" ] || fail "restore changed the backup file"
live_mode=$(stat -c %a "$db")
[ "$live_mode" = 600 ] || fail "the live db is mode $live_mode after restore"

# --- 4. restoring a tampered copy is refused ----------------------------------------------------
tampered=$work/backups/tampered.db
cp "$backup" "$tampered"
sqlite3 "$tampered" "DROP TRIGGER audit_log_no_update;
                     UPDATE audit_log SET reason = 'edited' WHERE id = (SELECT max(id) / 2 FROM audit_log)"
tampered_sha=$(sha "$tampered")
live_dump=$(dump_sha "$db")
kept_before=$(ls "$db".replaced-* | wc -l)
rc=0
nb restore "$tampered" >"$work/tampered.out" 2>"$work/tampered.err" || rc=$?
[ $rc -eq 1 ] || fail "restore of a tampered copy exited $rc, not 1: $(cat "$work/tampered.err")"
[ "$(dump_sha "$db")" = "$live_dump" ] || fail "the refused restore changed the live db's .dump"
[ "$(sha "$tampered")" = "$tampered_sha" ] || fail "the refused restore changed the tampered file"
[ "$(ls "$db".replaced-* | wc -l)" -eq "$kept_before" ] || fail "the refused restore left a replaced-* file"
refused_tampered=$(sed "s#$work/##g" "$work/tampered.err" | head -1)
needlebook_check "$db" "the live database after the refused restore" || true

echo "backup_restore: demo $demo_sessions sessions; backup of $(stat -c %s "$backup") bytes in $((b1 - b0)) ms" \
    "while 2 writers logged $logged sessions ($during calls overlapping the backup);" \
    "the backup holds $backup_sessions sessions (live $before_sessions at its start, $after_sessions at its end)" \
    "and $backup_audit audit rows; restore in $((r1 - r0)) ms"
echo "  refused existing file: $refused_existing"
echo "  refused missing folder: $refused_folder"
echo "  refused tampered restore: $refused_tampered"
finish backup_restore
