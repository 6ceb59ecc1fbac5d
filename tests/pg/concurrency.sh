#!/usr/bin/env bash
# Eight workstations log at once on a PostgreSQL server (tests/pg/run_with_server.sh provides
# it): 8 processes, each logged in as its own practitioner, each log 50 sessions (one patient
# each, 30 days apart, so the interval check has nothing to say), started together, while an
# auditor reads (session list, report recovery) in a loop. Expected, as on SQLite
# (tests/trust/concurrency.sh): all 400 writes exit 0 and print their session number, no
# "busy" anywhere, exactly 400 sessions and 400 session.log audit rows, each in its writer's
# name, every printed number stored once with its own call's note; the audit trail one chain
# without a gap (ids 1…N, each row's prev_hash the hash of the row before); every read exits 0;
# and 'needlebook check' passes.
# Usage: concurrency.sh NEEDLEBOOK_BINARY
set -uo pipefail
source "$(dirname "$0")/common.sh"
writers=8
per_writer=50
db=postgresql:///concurrency
sql() { psql -X -q -At -v ON_ERROR_STOP=1 -d concurrency -c "$1"; }
as() { # as LOGIN needlebook ARGS…
    local login=$1
    shift
    PGUSER=$login "$needlebook" --db "$db" "$@"
}

psql -X -q -d postgres -c "CREATE DATABASE concurrency" || exit 1
"$needlebook" --db "$db" init >/dev/null || exit 1
roles="CREATE ROLE reader_aud LOGIN IN ROLE needlebook_auditor;"
for w in $(seq 1 "$writers"); do
    roles+="CREATE ROLE writer_$w LOGIN IN ROLE needlebook_practitioner;"
done
psql -X -q -d postgres -c "$roles" || exit 1
for w in $(seq 1 "$writers"); do
    as writer_$w patient add --family "Writer$w" --given Pat --born 1980-01-15 --code "W$w" >/dev/null || exit 1
    for year in 2022 2023 2024 2025 2026; do
        as writer_$w consent add "W$w" --signed "$year-01-01" --covers microneedling >/dev/null || exit 1
    done
done
first_session_audit=$(sql "SELECT max(id) FROM audit_log")

writer() {
    local w=$1 i day rc
    while [ ! -e "$work/go" ]; do sleep 0.005; done
    for i in $(seq 0 $((per_writer - 1))); do
        day=$(date -u -d "2022-09-01 +$((i * 30)) days" +%F)
        rc=0
        as writer_$w session log "W$w" --at "$day 10:00" --device pen --area cheek:left=1.0x2 \
            --area forehead=0.5 --serum ha-serum@LOT-W$w-$i:during --note "writer $w call $i" \
            >"$work/out.$w.$i" 2>"$work/err.$w.$i" || rc=$?
        echo "$w $i $rc" >>"$work/rc.$w"
    done
}
reader() {
    local rc
    while [ ! -e "$work/go" ]; do sleep 0.005; done
    while [ ! -e "$work/done" ]; do
        rc=0
        as reader_aud session list >/dev/null 2>>"$work/err.reader" || rc=$?
        as reader_aud report recovery >/dev/null 2>>"$work/err.reader" || rc=$?
        [ $rc -eq 0 ] || echo "read failed with $rc" >>"$work/err.reader"
    done
}

pids=()
for w in $(seq 1 "$writers"); do
    writer "$w" &
    pids+=($!)
done
reader &
reader_pid=$!
start=$(date +%s.%N)
touch "$work/go"
for pid in "${pids[@]}"; do wait "$pid"; done
end=$(date +%s.%N)
touch "$work/done"
wait "$reader_pid"

total=$((writers * per_writer))
ok=0
for w in $(seq 1 "$writers"); do
    while read -r ww i rc; do
        if [ "$rc" -eq 0 ]; then
            ok=$((ok + 1))
        else
            fail "writer $ww call $i exited $rc: $(cat "$work/err.$ww.$i")"
        fi
    done <"$work/rc.$w"
done
[ "$ok" -eq "$total" ] || fail "$ok of $total writes succeeded"
busy=$(cat "$work"/err.* 2>/dev/null | grep -ci 'busy' || true)
[ "$busy" -eq 0 ] || fail "$busy busy messages: $(cat "$work"/err.* | grep -i busy | head -3)"
if [ -s "$work/err.reader" ]; then fail "the reader failed: $(head -3 "$work/err.reader")"; fi

[ "$(sql "SELECT count(*) FROM session")" -eq "$total" ] || fail "$(sql "SELECT count(*) FROM session") sessions stored, not $total"
[ "$(sql "SELECT count(*) FROM session_revision")" -eq "$total" ] || fail "session revisions are not one per session"
for w in $(seq 1 "$writers"); do
    n=$(sql "SELECT count(*) FROM audit_log WHERE action = 'session.log' AND actor = 'writer_$w'")
    [ "$n" -eq "$per_writer" ] || fail "writer_$w has $n session.log audit rows, not $per_writer"
done
printed=$(cat "$work"/out.* | sed -n 's/^session \([0-9]*\) logged for .*/\1/p' | sort -n)
[ "$printed" = "$(sql 'SELECT id FROM session ORDER BY id')" ] || fail "the printed session numbers are not the stored ones"
mismatched=$(for f in "$work"/out.*; do
    id=$(sed -n 's/^session \([0-9]*\) logged.*/\1/p' "$f")
    w=${f##*/out.}
    echo "$id|writer ${w%%.*} call ${w#*.}"
done | sort >"$work/expected_notes"
sql "SELECT session_id || '|' || note FROM session_revision" | sort | comm -3 - "$work/expected_notes" | wc -l)
[ "$mismatched" -eq 0 ] || fail "$mismatched sessions hold another call's note"
# One chain: ids 1…N without a gap, each row linked to the one before.
[ "$(sql "SELECT count(*) = max(id) FROM audit_log")" = t ] || fail "the audit trail has a gap"
broken=$(sql "SELECT count(*) FROM audit_log a JOIN audit_log b ON b.id = a.id - 1 WHERE a.prev_hash <> b.hash")
[ "$broken" -eq 0 ] || fail "$broken audit rows do not follow the row before"
[ "$(sql "SELECT count(*) FROM audit_log WHERE id > $first_session_audit AND action = 'session.log'")" -eq "$total" ] ||
    fail "the session.log rows are not all after the set-up"
PGUSER=reader_aud "$needlebook" --db "$db" check >"$work/check.out" 2>&1 || fail "check after the concurrent writes: $(tail -3 "$work/check.out")"

echo "$total sessions from $writers workstations in $(echo "$end - $start" | bc) s"
finish "ok: $writers workstations x $per_writer sessions, one chain"
