#!/usr/bin/env bash
# Two workstations on one clinic on a PostgreSQL server, each logged in as its own database
# user, plus a manager and an auditor (tests/pg/run_with_server.sh provides the server):
#  - the owner creates the clinic with 'needlebook init', which makes the three group roles;
#  - two practitioners log and amend sessions at the same time while the auditor prints
#    histories: every write exits 0, every session is stored once, the audit chain stays one
#    unbroken chain (each row's prev_hash is the hash of the row before it);
#  - both race for the same cheek of one patient on the same day, five times: each time exactly
#    one wins and the other is refused by the interval check, which saw the winner's commit;
#  - a practitioner's 'setting set' is refused by the database, naming needlebook_manager, and
#    changes nothing; the manager's goes through;
#  - raw SQL as a practitioner cannot update, delete, truncate or write settings;
#  - the auditor reads and is refused any record;
#  - the audit names the login: NEEDLEBOOK_USER is ignored, --as refused, and a practitioner's
#    raw INSERT of an audit row in another's name is refused by the database.
# Usage: workstations.sh NEEDLEBOOK_BINARY
set -uo pipefail
source "$(dirname "$0")/common.sh"
db=postgresql:///workstations
sql() { psql -X -q -At -v ON_ERROR_STOP=1 -d workstations "$@"; }
as() { # as ROLE needlebook ARGS…
    local role=$1
    shift
    # NEEDLEBOOK_USER is ignored on a server: the audit must name the login, not this.
    PGUSER=$role NEEDLEBOOK_USER=somebody_else "$needlebook" --db "$db" "$@"
}

psql -X -q -d postgres -c "CREATE DATABASE workstations" || exit 1
"$needlebook" --db "$db" init >/dev/null || exit 1
psql -X -q -d postgres -c "CREATE ROLE dr_a LOGIN IN ROLE needlebook_practitioner;
    CREATE ROLE dr_b LOGIN IN ROLE needlebook_practitioner;
    CREATE ROLE mgr LOGIN IN ROLE needlebook_manager; CREATE ROLE aud LOGIN IN ROLE needlebook_auditor" ||
    exit 1

for p in A B C; do
    as dr_a patient add --family "Pat$p" --given Test --born 1980-01-01 --code "$p" >/dev/null || fail "patient $p"
    for year in 2024 2025 2026; do
        as dr_a consent add "$p" --signed "$year-01-01" --covers microneedling >/dev/null || fail "consent $p"
    done
done

# ---- two practitioners at once, an auditor reading -----------------------------------------
per_writer=20
writer() { # writer ROLE PATIENT: PER_WRITER sessions 30 days apart, each amended once
    local role=$1 patient=$2 i day out
    for i in $(seq 0 $((per_writer - 1))); do
        day=$(date -u -d "2025-01-01 + $((i * 30)) days" +%F)
        if ! out=$(as "$role" session log "$patient" --at "$day 10:00" --device pen --area forehead=0.5 2>&1); then
            echo "log $patient $day: $out"
            continue
        fi
        id=$(sed -n 's/^session \([0-9]*\) .*/\1/p' <<<"$out" | head -1)
        as "$role" session amend "$id" --area forehead=0.25 --reason "depth noted wrongly" >/dev/null 2>"$work/amend.err" ||
            echo "amend $id: $(cat "$work/amend.err")"
    done
}
reader() {
    while [ ! -e "$work/done" ]; do
        as aud history A >/dev/null 2>>"$work/reader.err" || echo "history failed" >>"$work/reader.err"
        as aud report recovery >/dev/null 2>>"$work/reader.err" || echo "report failed" >>"$work/reader.err"
    done
}
reader &
reader_pid=$!
writer dr_a A >"$work/a.out" &
a=$!
writer dr_b B >"$work/b.out" &
b=$!
wait $a $b
touch "$work/done"
wait $reader_pid
[ -s "$work/a.out" ] && fail "workstation A: $(head -3 "$work/a.out")"
[ -s "$work/b.out" ] && fail "workstation B: $(head -3 "$work/b.out")"
[ -s "$work/reader.err" ] && fail "auditor's reads: $(head -3 "$work/reader.err")"
sessions=$(sql -c "SELECT count(*) FROM session")
revisions=$(sql -c "SELECT count(*) FROM session_revision")
[ "$sessions" = $((2 * per_writer)) ] || fail "$sessions sessions stored, not $((2 * per_writer))"
[ "$revisions" = $((4 * per_writer)) ] || fail "$revisions session revisions stored, not $((4 * per_writer))"
by_actor=$(sql -c "SELECT string_agg(actor || ':' || n, ' ' ORDER BY actor) FROM (SELECT actor, count(*) n FROM audit_log WHERE action IN ('session.log', 'session.amend') GROUP BY actor) x")
[ "$by_actor" = "dr_a:$((2 * per_writer)) dr_b:$((2 * per_writer))" ] || fail "audit rows by actor: $by_actor"
broken=$(sql -c "SELECT count(*) FROM audit_log a JOIN audit_log b ON b.id = a.id + 1 WHERE b.prev_hash IS DISTINCT FROM a.hash")
gaps=$(sql -c "SELECT max(id) - min(id) + 1 - count(*) FROM audit_log")
[ "$broken" = 0 ] || fail "$broken audit rows do not follow the row before them"
[ "$gaps" = 0 ] || fail "$gaps audit ids missing"
echo "two workstations: $sessions sessions and $revisions revisions stored, audit rows $by_actor, chain unbroken"

# ---- a race for the same cheek on the same day ---------------------------------------------
wins=0
for round in 1 2 3 4 5; do
    day=$(date -u -d "2024-01-01 + $((round * 30)) days" +%F)
    as dr_a session log C --at "$day 10:00" --device pen --area cheek=1.0 >/dev/null 2>"$work/ra.err" &
    ra=$!
    as dr_b session log C --at "$day 10:05" --device pen --area cheek=1.0 >/dev/null 2>"$work/rb.err" &
    rb=$!
    rc_a=0 rc_b=0
    wait $ra || rc_a=$?
    wait $rb || rc_b=$?
    stored=$(sql -c "SELECT count(*) FROM session_revision r JOIN session s ON s.id = r.session_id JOIN patient p ON p.id = s.patient_id WHERE p.code = 'C' AND r.performed_at LIKE '$day%'")
    if [ $((rc_a + rc_b)) -ne 1 ] || [ "$stored" != 1 ]; then
        fail "race $round: exits $rc_a and $rc_b, $stored sessions stored that day: $(cat "$work/ra.err" "$work/rb.err")"
    elif ! grep -q "interval:cheek" "$work/ra.err" "$work/rb.err"; then
        fail "race $round: the loser was not refused by the interval check: $(cat "$work/ra.err" "$work/rb.err")"
    else
        wins=$((wins + 1))
    fi
done
echo "same cheek, same day, two workstations: $wins of 5 rounds had one winner and one interval refusal"

# ---- roles ----------------------------------------------------------------------------------
before=$(sql -c "SELECT count(*) FROM setting_revision")
out=$(as dr_a setting set depth_limit.cheek 1.2 --reason "wants deeper" 2>&1) && fail "a practitioner's setting set exited 0"
grep -q "needs the database role needlebook_manager" <<<"$out" || fail "the refusal does not name the role: $out"
[ "$(sql -c "SELECT count(*) FROM setting_revision")" = "$before" ] || fail "the refused setting set stored a revision"
as mgr setting set depth_limit.cheek 1.2 --reason "protocol revised" >/dev/null || fail "the manager's setting set was refused"
echo "setting set: refused for a practitioner ($out)"

for statement in "UPDATE session_revision SET note = 'x'" "DELETE FROM audit_log" "TRUNCATE audit_log" \
    "INSERT INTO setting_revision SELECT * FROM setting_revision LIMIT 1" "UPDATE audit_log SET actor = 'x'"; do
    if PGUSER=dr_a sql -c "$statement" 2>"$work/raw.err"; then
        fail "a practitioner ran: $statement"
    elif ! grep -q "permission denied" "$work/raw.err"; then
        fail "$statement: refused, but not for want of permission: $(cat "$work/raw.err")"
    fi
done
echo "raw SQL as a practitioner: UPDATE, DELETE, TRUNCATE and settings refused"

as aud history A >/dev/null || fail "the auditor cannot print a history"
out=$(as aud patient add --family X --given Y --born 1990-01-01 2>&1) && fail "the auditor added a patient"
grep -q "needlebook_practitioner" <<<"$out" || fail "the auditor's refusal does not name the role: $out"
echo "auditor: reads, and is refused a patient ($out)"

out=$(as dr_a --as dr_b patient list 2>&1) && fail "--as was taken on a server"
grep -q -- "--as" <<<"$out" || fail "the --as refusal does not name it: $out"
out=$(PGUSER=dr_a sql -c "INSERT INTO audit_log (actor) VALUES ('dr_b')" 2>&1) && fail "dr_a wrote an audit row as dr_b"
grep -q "must be the database user logged in" <<<"$out" || fail "a forged actor was refused, but not for the actor: $out"
echo "actors: the login, with NEEDLEBOOK_USER ignored; --as refused; a forged audit actor refused"
out=$(PGUSER=dr_a sql -c "INSERT INTO patient_revision (author) VALUES ('dr_b')" 2>&1) && fail "dr_a wrote a revision as dr_b"
grep -q "author must be the database user logged in" <<<"$out" || fail "a revision in dr_b's name was refused, but not for its author: $out"

# The audit chain is the program's to extend, even for the roles that may append (found by a
# hostile review: a row dated 2099 refused every later write as "written into the past").
last=$(sql -c "SELECT id || ' ' || hash FROM audit_log ORDER BY id DESC LIMIT 1")
last_id=${last%% *} last_hash=${last#* }
for forged in "('2099-01-01T00:00:00Z', 'aud', 'x', '$last_hash', NULL)" \
    "('2026-11-23T15:00:00Z', 'aud', 'x', 'deadbeef', NULL)" \
    "('2026-11-23T15:00:00Z', 'aud', 'x', '$last_hash', $((last_id + 1000)))"; do
    out=$(PGUSER=aud sql -c "INSERT INTO audit_log (at, actor, action, prev_hash, id) VALUES $forged" 2>&1) &&
        fail "the auditor appended $forged"
    grep -q "permission denied for table audit_log" <<<"$out" || fail "$forged: refused, but not by the chain: $out"
done
[ "$(sql -c "SELECT max(id) FROM audit_log")" = "$last_id" ] || fail "a forged audit row was stored"
as aud audit >/dev/null || fail "the auditor cannot list the audit trail"
as dr_a patient list >/dev/null || fail "the clinic is locked after the forgery attempts"
echo "audit chain: rows dated ahead, off the chain or off the ids refused to the auditor"

# A login cannot lend itself the owner's rights through its own temporary objects.
out=$(PGUSER=dr_a sql -c "CREATE TEMP VIEW v AS SELECT 1 AS id" 2>&1) && fail "dr_a created a temporary view"
grep -q "permission denied" <<<"$out" || fail "a temporary view was refused, but not for want of permission: $out"
for definer in $(sql -c "SELECT proname FROM pg_proc WHERE prosecdef AND pronamespace = 'public'::regnamespace"); do
    fail "a SECURITY DEFINER function lends the owner's rights: $definer"
done
echo "temporary objects refused; no function runs with the owner's rights"

finish "workstations: all passed"
