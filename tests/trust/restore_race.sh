#!/usr/bin/env bash
# Restore never loses a confirmed write and never takes the clinic down:
#  1. 3 writers each run 150 `patient add` (a code of their own each) while 8 restores of one
#     backup run: every add that exited 0 is in the live database or in exactly one kept
#     FILE.replaced-* file, never in none and never in two; every kept file passes check.
#  2. A backup that passes check but cannot be migrated (user_version lowered to 2) is refused:
#     exit 1, the live database's bytes and .dump unchanged, no kept file.
#  3. kill -9 at random moments of restores, and faultfs kills and power cuts at I/O points of
#     one: the live database is afterwards exactly as before (same .dump) or fully restored with
#     its database.restore row, and passes check.
#     A live database given through a symbolic or hard link is refused as a database in use.
#  4. A backup of mode 0666 restored: the live database is 0600.
# Usage: restore_race.sh NEEDLEBOOK_BINARY
set -euo pipefail
source "$(dirname "$0")/common.sh"

db=$work/clinic.db
nb() { "$needlebook" --db "$db" "$@"; }
kept_files() { find "$work" -maxdepth 1 -name 'clinic.db.replaced-*' ! -name '*-wal' ! -name '*-shm' | sort; }

nb demo --patients 5 >/dev/null
nb backup "$work/backup.db" >/dev/null

# --- 1. writers and restores at once ----------------------------------------------------------
writers=3
adds=150
restores=8
writer() {
    local w=$1 i rc
    while [ ! -e "$work/go" ]; do sleep 0.005; done
    for i in $(seq 1 $adds); do
        rc=0
        nb patient add --code "W$w-$i" --family "Writer$w" --given "Call$i" --born 1980-01-01 \
            >/dev/null 2>"$work/err.$w.$i" || rc=$?
        echo "W$w-$i $rc" >>"$work/adds.$w"
    done
}
pids=()
for w in $(seq 1 $writers); do
    writer "$w" &
    pids+=($!)
done
touch "$work/go"
restore_ok=0
restore_ms=0
for r in $(seq 1 $restores); do
    sleep 0.$((RANDOM % 4 + 1))
    t0=$(now_ms)
    if nb restore "$work/backup.db" >"$work/restore.$r" 2>&1; then
        restore_ok=$((restore_ok + 1))
        restore_ms=$((restore_ms + $(now_ms) - t0))
    else
        fail "restore $r exited non-zero: $(cat "$work/restore.$r")"
    fi
done
for pid in "${pids[@]}"; do wait "$pid"; done

confirmed=0
refused=0
lost=0
twice=0
cat "$work"/adds.* >"$work/adds"
mapfile -t kept < <(kept_files)
[ ${#kept[@]} -eq $restores ] || fail "expected $restores kept files, found ${#kept[@]}"
# Every place a code can be: the live database and each kept file.
{
    sqlite3 "$db" "SELECT code FROM patient WHERE code GLOB 'W*'"
    for file in "${kept[@]}"; do sqlite3 "$file" "SELECT code FROM patient WHERE code GLOB 'W*'"; done
} | sort | uniq -c | awk '{ print $2, $1 }' >"$work/places"
while read -r code rc; do
    if [ "$rc" != 0 ]; then
        refused=$((refused + 1))
        continue
    fi
    confirmed=$((confirmed + 1))
    n=$(awk -v c="$code" '$1 == c { print $2 }' "$work/places")
    if [ -z "$n" ]; then
        lost=$((lost + 1))
        [ $lost -le 3 ] && fail "patient $code was confirmed (exit 0) but is in neither the live database nor a kept file"
    elif [ "$n" -gt 1 ]; then
        twice=$((twice + 1))
        [ $twice -le 3 ] && fail "patient $code is in $n places"
    fi
done <"$work/adds"
# A refused add said why, and it was the wait for the lock, nothing else.
other_errors=$(cat "$work"/err.* | grep -v "stayed busy" | grep -c . || true)
[ "$other_errors" -eq 0 ] || fail "writers failed for another reason than a busy database: $(cat "$work"/err.* | grep -v 'stayed busy' | head -3)"
needlebook_check "$db" "live database after the race" || true
for file in "${kept[@]}"; do needlebook_check "$file" "kept $(basename "$file")" || true; done
[ "$(sqlite3 "$db" 'SELECT action FROM audit_log ORDER BY id DESC LIMIT 1')" = database.restore ] ||
    [ "$(sqlite3 "$db" "SELECT count(*) FROM patient WHERE code GLOB 'W*'")" -gt 0 ] ||
    fail "the live database ends neither with a restore nor with later adds"
echo "restore_race: $writers writers x $adds adds, $confirmed confirmed, $refused refused busy; $restore_ok restores (mean $((restore_ms / (restore_ok > 0 ? restore_ok : 1))) ms); lost $lost, in two places $twice"

# --- 2. a copy that passes check but cannot be migrated ----------------------------------------
rm -f "$work"/clinic.db.replaced-*
cp "$work/backup.db" "$work/old.db"
sqlite3 "$work/old.db" 'PRAGMA user_version = 2'
before_sha=$(sha256sum "$db" | cut -c1-64)
before_dump=$(dump_sha "$db")
sha256sum "$db" | cut -c1-64 >/dev/null
rc=0
nb restore "$work/old.db" >"$work/out" 2>"$work/err" || rc=$?
[ $rc -eq 1 ] || fail "unmigratable copy: exit $rc, expected 1"
grep -qE "cannot be brought to this program's schema|failed its check \(schema: " "$work/err" ||
    fail "unmigratable copy: message was: $(cat "$work/err")"
[ "$(sha256sum "$db" | cut -c1-64)" = "$before_sha" ] || fail "unmigratable copy: the live file's bytes changed"
[ "$(dump_sha "$db")" = "$before_dump" ] || fail "unmigratable copy: the live content changed"
[ -z "$(kept_files)" ] || fail "unmigratable copy: a kept file was left: $(kept_files)"
nb patient list >/dev/null || fail "unmigratable copy: the clinic no longer opens"
echo "unmigratable copy refused: $(head -c 160 "$work/err")"

# A live database given through a link (its -wal under the other name holds its newest
# commits) is refused as a database in use, whatever its name.
ln -s "$db" "$work/link.db"
ln "$db" "$work/hard.db"
for source in link.db hard.db; do
    rc=0
    "$needlebook" --db "$work/target.db" restore "$work/$source" >/dev/null 2>"$work/err" || rc=$?
    [ $rc -eq 1 ] && grep -q "write-ahead-log mode" "$work/err" ||
        fail "restore of the live database through $source: exit $rc, $(cat "$work/err")"
    [ ! -e "$work/target.db" ] || fail "restore of $source created the target database"
done
rm -f "$work/link.db" "$work/hard.db"

# --- 3. kill -9 and power cuts during a restore ------------------------------------------------
# What a finished restore leaves: the backup's records and a database.restore row last.
restored_patients=$(count "$work/backup.db" patient)
verdict() { # LABEL: the live database is as before or fully restored
    local label=$1 now
    rm -f "$work/verify.db"*
    copy_db "$db" "$work/verify.db"
    sqlite_verify "$work/verify.db" "$label" || return 0
    now=$(dump_sha "$work/verify.db")
    if [ "$now" = "$before_dump" ]; then
        as_before=$((as_before + 1))
    elif [ "$(sqlite3 "$work/verify.db" 'SELECT action FROM audit_log ORDER BY id DESC LIMIT 1')" = database.restore ] &&
        [ "$(count "$work/verify.db" patient)" = "$restored_patients" ]; then
        restored=$((restored + 1))
    else
        fail "$label: the live database is neither as before nor restored"
    fi
    needlebook_check "$db" "$label" || true
}
as_before=0
restored=0
kills=10
for k in $(seq 1 $kills); do
    rm -f "$work"/clinic.db.replaced-*
    nb patient add --family Before --given "Kill$k" --born 1990-01-01 >/dev/null
    before_dump=$(dump_sha "$db")
    # The binary itself, not through nb(): kill -9 of a backgrounded function kills only its
    # subshell, and the restore ran on while the verdict copied the files.
    "$needlebook" --db "$db" restore "$work/backup.db" >/dev/null 2>&1 &
    pid=$!
    sleep "0.0$((RANDOM % 9 + 1))"
    kill -9 $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
    verdict "kill $k"
done
build_faultfs
rm -f "$work"/clinic.db.replaced-*
nb patient add --family Before --given Faultfs --born 1990-01-01 >/dev/null
cp "$db" "$work/start.db"
rm -f "$work/start.db-wal"
sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
cp "$db" "$work/start.db"
faultfs_run count 0 clinic.db --db "$db" restore "$work/backup.db" >/dev/null
points=$(faultfs_points)
faults=0
for mode in kill powerloss; do
    for at in $(seq 1 5 "$points") "$points"; do
        rm -f "$db" "$db-wal" "$db-shm" "$work"/clinic.db.replaced-*
        cp "$work/start.db" "$db"
        before_dump=$(dump_sha "$db")
        faultfs_run "$mode" "$at" clinic.db --db "$db" restore "$work/backup.db" >/dev/null 2>&1 || true
        faults=$((faults + 1))
        verdict "$mode at I/O point $at of $points"
    done
done
echo "kill -9 during restore: $kills runs, faultfs: $faults faults over $points I/O points; $as_before left as before, $restored fully restored"

# --- 4. the restored database is private, whatever the backup's mode --------------------------
chmod 0666 "$work/backup.db"
nb restore "$work/backup.db" >/dev/null
mode=$(stat -c %a "$db")
[ "$mode" = 600 ] || fail "the restored database has mode $mode, expected 600"
rm -f "$db" "$db-wal" "$db-shm"
nb restore "$work/backup.db" >/dev/null
mode=$(stat -c %a "$db")
[ "$mode" = 600 ] || fail "a database restored where none was has mode $mode, expected 600"
echo "restored database mode: $mode"

finish restore_race 4
