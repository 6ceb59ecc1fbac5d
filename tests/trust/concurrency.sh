#!/usr/bin/env bash
# Eight practitioners log at once: 8 processes each log 50 sessions (one patient each, 30 days
# apart so the interval check has nothing to say) into one database, started together, while a
# ninth process reads (session list, report recovery) in a loop. Expected: all 400 writes exit 0
# and print their session number, no "busy" or "locked" anywhere (every writer gets the lock in
# turn: none waits past the busy limit while the others go on), exactly 400 sessions and 400
# session.log audit rows stored, 50 per patient, every printed number stored once; every read
# exits 0; integrity_check ok, foreign_key_check empty, `needlebook check` passes. The database
# and its -wal and -shm (watched while the writers run) are mode 0600 although the umask is 000.
# Usage: concurrency.sh NEEDLEBOOK_BINARY
set -euo pipefail
source "$(dirname "$0")/common.sh"

writers=8
per_writer=50
umask 000 # the modes below must come from needlebook, not from a kind umask
db=$work/clinic.db
nb() { "$needlebook" --db "$db" "$@"; }

nb init >/dev/null
for w in $(seq 1 $writers); do
    nb patient add --family "Writer$w" --given Pat --born 1980-0$w-15 >/dev/null
    for year in 2022 2023 2024 2025 2026; do
        nb consent add "P-00000$w" --signed "$year-01-01" --covers microneedling >/dev/null
    done
done

# Writer W logs PER_WRITER sessions for patient P-00000W; one line per call: rc and output.
writer() {
    local w=$1 i day
    while [ ! -e "$work/go" ]; do sleep 0.005; done
    for i in $(seq 0 $((per_writer - 1))); do
        day=$(date -u -d "2022-09-01 +$((i * 30)) days" +%F)
        local rc=0
        nb session log "P-00000$w" --at "$day 10:00" --device pen --area cheek:left=1.0x2 \
            --area forehead=0.5 --serum ha-serum@LOT-W$w-$i:during --note "writer $w call $i" \
            >"$work/out.$w.$i" 2>"$work/err.$w.$i" || rc=$?
        echo "$w $i $rc" >>"$work/rc.$w"
    done
}

# A reader in a loop until the writers are done: every read must succeed.
reader() {
    local n=0 rc
    while [ ! -e "$work/go" ]; do sleep 0.005; done
    while [ ! -e "$work/done" ]; do
        rc=0
        nb session list >/dev/null 2>>"$work/err.reader" || rc=$?
        nb report recovery >/dev/null 2>>"$work/err.reader" || rc=$?
        n=$((n + 2))
        [ $rc -eq 0 ] || echo "read failed with $rc" >>"$work/err.reader"
    done
    echo $n >"$work/reads"
}

# The file modes of the database, -wal and -shm, sampled while the others run.
watcher() {
    while [ ! -e "$work/done" ]; do
        for f in "$db" "$db-wal" "$db-shm"; do
            stat -c '%n %a' "$f" 2>/dev/null || true
        done
        sleep 0.01
    done >"$work/modes"
}

pids=()
for w in $(seq 1 $writers); do
    writer "$w" &
    pids+=($!)
done
reader &
reader_pid=$!
watcher &
watcher_pid=$!
t0=$(now_ms)
touch "$work/go"
for pid in "${pids[@]}"; do wait "$pid"; done
t1=$(now_ms)
touch "$work/done"
wait "$reader_pid" "$watcher_pid"

ok=0
for w in $(seq 1 $writers); do
    while read -r ww i rc; do
        if [ "$rc" -eq 0 ]; then
            ok=$((ok + 1))
        else
            fail "writer $ww call $i exited $rc: $(cat "$work/err.$ww.$i")"
        fi
    done <"$work/rc.$w"
done
busy=$(cat "$work"/err.* 2>/dev/null | grep -ciE 'busy|locked' || true)
[ "$busy" -eq 0 ] || fail "$busy busy/locked messages: $(cat "$work"/err.* | grep -iE 'busy|locked' | head -3)"
other=$(cat "$work"/err.* 2>/dev/null | grep -v '^$' | sort | uniq -c || true)
[ -z "$other" ] || echo "stderr of the writers and the reader (counted):"$'\n'"$other"
if [ -s "$work/err.reader" ]; then fail "the reader failed: $(head -3 "$work/err.reader")"; fi

sessions=$(count "$db" session)
revisions=$(count "$db" session_revision)
audited=$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action = 'session.log'")
[ "$sessions" -eq $((writers * per_writer)) ] || fail "$sessions sessions stored, not $((writers * per_writer))"
[ "$revisions" -eq "$sessions" ] || fail "$revisions session revisions for $sessions sessions"
[ "$audited" -eq "$sessions" ] || fail "$audited session.log audit rows for $sessions sessions"
for w in $(seq 1 $writers); do
    n=$(sqlite3 "$db" "SELECT count(*) FROM session s JOIN patient p ON p.id = s.patient_id WHERE p.code = 'P-00000$w'")
    [ "$n" -eq $per_writer ] || fail "patient P-00000$w has $n sessions, not $per_writer"
done
# The numbers the writers printed are the stored sessions, each once.
printed=$(cat "$work"/out.* | sed -n 's/^session \([0-9]*\) logged for .*/\1/p' | sort -n)
stored=$(sqlite3 "$db" 'SELECT id FROM session ORDER BY id')
[ "$(echo "$printed" | wc -l)" -eq $((writers * per_writer)) ] || fail "$(echo "$printed" | wc -l) 'session N logged' lines printed"
[ "$printed" = "$stored" ] || fail "the printed session numbers are not the stored ones"
# Each call's own note went to the session its output named.
mismatched=0
for f in "$work"/out.*; do
    id=$(sed -n 's/^session \([0-9]*\) logged.*/\1/p' "$f")
    [ -n "$id" ] || continue
    w=${f##*/out.}; i=${w#*.}; w=${w%%.*}
    note=$(sqlite3 "$db" "SELECT note FROM session_revision WHERE session_id = $id")
    [ "$note" = "writer $w call $i" ] || mismatched=$((mismatched + 1))
done
[ $mismatched -eq 0 ] || fail "$mismatched sessions hold another call's note"

# Modes: the files must be 0600, and the -wal and -shm must have been seen.
bad_modes=$(awk '$2 != "600"' "$work/modes" | sort -u)
[ -z "$bad_modes" ] || fail "files not 0600: $bad_modes"
for suffix in "" -wal -shm; do
    grep -q "^$db$suffix " "$work/modes" || fail "clinic.db$suffix was never seen while the writers ran"
done
samples=$(wc -l <"$work/modes")
final_mode=$(stat -c %a "$db")
[ "$final_mode" = 600 ] || fail "clinic.db is mode $final_mode after the run"
for suffix in -wal -shm; do
    if [ -e "$db$suffix" ] && [ "$(stat -c %a "$db$suffix")" != 600 ]; then
        fail "clinic.db$suffix is mode $(stat -c %a "$db$suffix") after the run"
    fi
done

sqlite_verify "$db" "after the concurrent writes" || true
needlebook_check "$db" "after the concurrent writes" || true

echo "concurrency: $writers writers x $per_writer sessions, $ok exited 0 in $((t1 - t0)) ms;" \
    "$(cat "$work/reads") reads alongside; $sessions sessions, $audited audit rows stored;" \
    "busy/locked messages: $busy; mode samples: $samples, all 0600 (umask 000)"
finish concurrency
