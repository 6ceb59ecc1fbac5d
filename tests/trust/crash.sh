#!/usr/bin/env bash
# Crashes leave all or nothing. Three parts:
#  1. kill -9 at random moments during `import sessions` of a 300-patient demo clinic into a
#     database that holds its patients and consents: afterwards the content (sha256 of the
#     sqlite3 .dump) is exactly the database before the import or exactly an uncrashed import's;
#  2. the same during `demo --patients 100`: afterwards no database file, an empty database (no
#     patient, session or audit row but the schema's own, at any schema version) or exactly the
#     uncrashed clinic;
#  3. faultfs (LD_PRELOAD) crashes the import of a 20-patient clinic at every I/O point (write,
#     pwrite, fdatasync, ftruncate, unlink … of the database, its -wal and -shm): a kill before
#     the call at every point; a power cut (every write since the file's last fdatasync undone,
#     then the kill) at every point and just after the import has exited reporting success; a
#     torn write (half done, then the kill) at every fourth. All or nothing each time; both
#     outcomes must be seen; once a kill or a power cut at point N keeps the import, so must one
#     at every later point; the power cut after the exit must keep it (synchronous=FULL).
# In parts 1 and 2, odd runs are killed after a random delay, uniform over 0 … 1.1 × the
# uncrashed run's time; even runs are killed inside the commit, when the process has written a
# random number of bytes within its last burst of writes (read from /proc/PID/io, so a loaded
# machine does not move the kill out of the commit). Whether a kill came inside a write
# transaction is read from /proc/locks just before it. After every crash: integrity_check ok and
# foreign_key_check empty (sqlite3 shell, on a copy of the files) and `needlebook check` passes
# on the crashed files themselves; the first three that lost their work run it again and must
# end exactly like the uncrashed run.
# The random delays come from a fixed seed, printed (TRUST_SEED=N picks another); TRUST_RUNS=N sets
# the kills of parts 1 and 2 (default 20 each).
# Usage: crash.sh NEEDLEBOOK_BINARY
set -euo pipefail
source "$(dirname "$0")/common.sh"

seed=${TRUST_SEED:-20261123}
runs=${TRUST_RUNS:-20}
RANDOM=$seed
echo "random seed: $seed (TRUST_SEED=$seed repeats the delays)"
build_faultfs
nb() { "$needlebook" --db "$@"; }
rows_seen=0

# An uncrashed run under faultfs, counting with a timed log of each I/O point. Sets run_ms (the
# run's time), burst_from and burst_to (the process's wchar, bytes passed to write calls, when
# its last burst of writes began, i.e. at the first point after the longest pause between two
# points, and at its last point), wal_before
# (the size of the -wal before that burst: a larger one after a kill means the kill landed
# inside the burst).
reference_run() {
    local match=$1 t0 t1
    shift
    rm -f "$work/ref.log"
    t0=$(date +%s%6N)
    FAULTFS_LOG=$work/ref.log faultfs_run count 0 "$match" "$@" >/dev/null 2>"$work/ref.err" ||
        die "the uncrashed run failed: $(cat "$work/ref.err")"
    t1=$(date +%s%6N)
    run_ms=$(((t1 - t0) / 1000))
    read -r burst_from burst_to wal_before < <(awk '
        { bytes = $5 > 0 ? $5 : 0
          if (NR > 1 && $6 - prev > gap) { gap = $6 - prev; from = $7; wal_before = wal }
          if ($3 ~ /-wal$/ && $4 + bytes > wal) wal = $4 + bytes
          prev = $6; last = $7 + bytes }
        END { print from + 0, last + 0, wal_before + 0 }' "$work/ref.log")
}

# Is PID inside a write transaction? It then holds SQLite's WAL write lock (byte 120 of the
# -shm) or, in rollback journal mode, the RESERVED lock (byte 1073741825 of the database).
in_write_transaction() {
    local pid=$1 n kind advisory mode owner inode start end
    while read -r n kind advisory mode owner inode start end; do
        if [ "$owner" = "$pid" ] && [ "$mode" = WRITE ] &&
            { [ "$start" = 120 ] || [ "$start" = 1073741825 ]; }; then
            return 0
        fi
    done </proc/locks
    return 1
}

# Starts needlebook ARGS… in the background and kills it: run RUN odd after a random delay in
# 0 … 1.1 × run_ms, even once it has written a random count of bytes in burst_from … burst_to.
# Sets rc (137: the kill landed), how (when it was killed) and txn (yes: the kill came inside a
# write transaction, as /proc/locks showed just before it).
launch_and_kill() {
    local run=$1 r=$((RANDOM * 32768 + RANDOM)) pid delay threshold key value written deadline
    shift
    if [ $((run % 2)) -eq 1 ]; then
        delay=$((r % (run_ms * 11 / 10 + 1)))
        how="after $delay ms"
        "$needlebook" "$@" >/dev/null 2>"$work/run.err" &
        pid=$! # needlebook itself: no function or subshell in between
        sleep "$(printf '%d.%03d' $((delay / 1000)) $((delay % 1000)))"
    else
        threshold=$((burst_from + 1 + r % (burst_to - burst_from)))
        how="at $threshold bytes written"
        deadline=$((${EPOCHREALTIME/./} + run_ms * 5000 + 5000000))
        "$needlebook" "$@" >/dev/null 2>"$work/run.err" &
        pid=$!
        # Builtins only: a fork per sample would be too slow to land inside a commit.
        while [ "${EPOCHREALTIME/./}" -lt "$deadline" ]; do
            written=-1
            { while read -r key value; do
                if [ "$key" = wchar: ]; then written=$value; fi
            done <"/proc/$pid/io"; } 2>/dev/null || break
            [ "$written" -ge 0 ] || break
            [ "$written" -lt "$threshold" ] || break
        done
    fi
    txn=no
    if in_write_transaction "$pid"; then txn=yes; fi
    kill -9 "$pid" 2>/dev/null || true
    rc=0
    wait "$pid" 2>/dev/null || rc=$?
}

# ---- 1. kill -9 during a large import ----------------------------------------------------------
nb "$work/source.db" demo --patients 300 --seed 11 >/dev/null
nb "$work/source.db" export --all --raw --output "$work/out" >/dev/null
nb "$work/base.db" init >/dev/null
nb "$work/base.db" import patients "$work/out/patients.csv" >/dev/null
nb "$work/base.db" import consents "$work/out/consents.csv" >/dev/null
nb "$work/base.db" import courses "$work/out/courses.csv" >/dev/null
base_sha=$(dump_sha "$work/base.db")
copy_db "$work/base.db" "$work/ref.db"
reference_run ref.db --db "$work/ref.db" import sessions "$work/out/sessions.csv"
imp_wal_before=$wal_before
ref_sha=$(dump_sha "$work/ref.db")
ref_rows=$(count "$work/ref.db" session)
[ "$ref_sha" != "$base_sha" ] || die "the import changed nothing"
echo "import: $ref_rows sessions in $run_ms ms uncrashed, writing $burst_to bytes, the last burst" \
    "from byte $burst_from; $runs kills"

imp_exited=0 imp_before=0 imp_txn=0 imp_mid=0 imp_all=0 imp_redone=0
for run in $(seq 1 "$runs"); do
    db=$work/run.db
    copy_db "$work/base.db" "$db"
    launch_and_kill "$run" --db "$db" import sessions "$work/out/sessions.csv"
    wal=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
    label="import kill $run ($how, exit $rc, in a transaction: $txn, wal $wal bytes)"
    if [ $rc -ne 0 ] && [ $rc -ne 137 ]; then fail "$label: $(cat "$work/run.err")"; fi
    copy_db "$db" "$work/verify.db"
    sqlite_verify "$work/verify.db" "$label" || continue
    sha=$(dump_sha "$work/verify.db")
    rows=$(count "$work/verify.db" session)
    rows_seen=$((rows_seen + rows))
    if [ "$sha" = "$base_sha" ]; then
        outcome=none
        [ $rc -ne 0 ] || fail "$label: exit 0 but nothing was imported"
        if [ $txn = yes ]; then imp_txn=$((imp_txn + 1)); else imp_before=$((imp_before + 1)); fi
        if [ "$wal" -gt "$imp_wal_before" ]; then imp_mid=$((imp_mid + 1)); fi
    elif [ "$sha" = "$ref_sha" ]; then
        outcome=all
        if [ $rc -eq 137 ]; then imp_all=$((imp_all + 1)); else imp_exited=$((imp_exited + 1)); fi
    else
        fail "$label: partial content, $rows of $ref_rows sessions"
        continue
    fi
    needlebook_check "$db" "$label" || continue
    if [ $outcome = none ] && [ $imp_redone -lt 3 ]; then
        imp_redone=$((imp_redone + 1))
        nb "$db" import sessions "$work/out/sessions.csv" >/dev/null 2>"$work/run.err" ||
            fail "$label: the import again failed: $(cat "$work/run.err")"
        [ "$(dump_sha "$db")" = "$ref_sha" ] || fail "$label: the import again gave another content"
    fi
done
echo "import kills: $runs runs; nothing stored, killed before the write transaction: $imp_before," \
    "inside it: $imp_txn ($imp_mid of them once the commit's WAL writes had begun); all stored," \
    "killed after the commit: $imp_all," \
    "exited before the kill: $imp_exited; imported again after a loss: $imp_redone"

# ---- 2. kill -9 during demo ------------------------------------------------------------------
reference_run demo-ref.db --db "$work/demo-ref.db" demo --patients 100 --seed 7
demo_wal_before=$wal_before
demo_sha=$(dump_sha "$work/demo-ref.db")
# Audit rows of the schema itself (created, migrated) belong to an empty database too.
clinic_counts="SELECT (SELECT count(*) FROM patient), (SELECT count(*) FROM session),
               (SELECT count(*) FROM audit_log WHERE action NOT LIKE 'schema.%' AND action NOT LIKE '%.seed')"
demo_counts=$(sqlite3 "$work/demo-ref.db" "$clinic_counts")
echo "demo: patients|sessions|audit rows $demo_counts in $run_ms ms uncrashed, writing" \
    "$burst_to bytes, the last burst from byte $burst_from; $runs kills"
demo_exited=0 demo_nofile=0 demo_before=0 demo_txn=0 demo_mid=0 demo_full=0 demo_redone=0
for run in $(seq 1 "$runs"); do
    db=$work/demo.db
    rm -f "$db" "$db-wal" "$db-shm" "$db-journal"
    launch_and_kill "$run" --db "$db" demo --patients 100 --seed 7
    wal=$(stat -c %s "$db-wal" 2>/dev/null || echo 0)
    label="demo kill $run ($how, exit $rc, in a transaction: $txn, wal $wal bytes)"
    if [ $rc -ne 0 ] && [ $rc -ne 137 ]; then fail "$label: $(cat "$work/run.err")"; fi
    if [ ! -s "$db" ]; then
        # Killed before SQLite wrote the first page: no file, or the empty 0600 file.
        demo_nofile=$((demo_nofile + 1))
        state=nofile
        [ $rc -ne 0 ] || fail "$label: exit 0 but no database"
    else
        copy_db "$db" "$work/verify.db"
        sqlite_verify "$work/verify.db" "$label" || continue
        counts=$(sqlite3 "$work/verify.db" "$clinic_counts" 2>/dev/null || echo "0|0|0")
        version=$(sqlite3 "$work/verify.db" 'PRAGMA user_version')
        rows_seen=$((rows_seen + ${counts//|/+}))
        if [ "$counts" = "0|0|0" ]; then
            state="empty (schema version $version)"
            if [ $txn = yes ]; then demo_txn=$((demo_txn + 1)); else demo_before=$((demo_before + 1)); fi
            if [ "$wal" -gt "$demo_wal_before" ]; then demo_mid=$((demo_mid + 1)); fi
            [ $rc -ne 0 ] || fail "$label: exit 0 but the clinic is $state"
        elif [ "$(dump_sha "$work/verify.db")" = "$demo_sha" ]; then
            state=full
            if [ $rc -eq 137 ]; then demo_full=$((demo_full + 1)); else demo_exited=$((demo_exited + 1)); fi
        else
            fail "$label: a partial clinic: patients|sessions|audit rows $counts, not $demo_counts"
            continue
        fi
        # A file with no schema yet is not a Needlebook database: check would rightly refuse it.
        if [ "$version" -gt 0 ]; then needlebook_check "$db" "$label" || continue; fi
    fi
    if [ "$state" != full ] && [ $demo_redone -lt 3 ]; then
        demo_redone=$((demo_redone + 1))
        nb "$db" demo --patients 100 --seed 7 >/dev/null 2>"$work/run.err" ||
            fail "$label: demo again on the $state database failed: $(cat "$work/run.err")"
        [ "$(dump_sha "$db")" = "$demo_sha" ] || fail "$label: demo again gave another clinic"
    fi
done
echo "demo kills: $runs runs; no database file yet: $demo_nofile; empty database, killed outside" \
    "a write transaction: $demo_before, inside one: $demo_txn ($demo_mid of them once the clinic's" \
    "WAL writes had begun); full clinic, killed after the" \
    "commit: $demo_full, exited before the kill: $demo_exited; demo again after a loss: $demo_redone"

# ---- 3. faultfs: a crash at every I/O point of a small import ---------------------------------
nb "$work/small-source.db" demo --patients 20 --seed 5 >/dev/null
nb "$work/small-source.db" export --all --raw --output "$work/small" >/dev/null
nb "$work/small-base.db" init >/dev/null
nb "$work/small-base.db" import patients "$work/small/patients.csv" >/dev/null
nb "$work/small-base.db" import consents "$work/small/consents.csv" >/dev/null
nb "$work/small-base.db" import courses "$work/small/courses.csv" >/dev/null
small_base_sha=$(dump_sha "$work/small-base.db")
copy_db "$work/small-base.db" "$work/fault.db"
FAULTFS_LOG=$work/count.log faultfs_run count 0 fault.db --db "$work/fault.db" import sessions "$work/small/sessions.csv" >/dev/null
points=$(faultfs_points)
small_sha=$(dump_sha "$work/fault.db")
small_rows=$(count "$work/fault.db" session)
[ "${points:-0}" -gt 10 ] || die "faultfs saw ${points:-no} I/O points: it does not intercept libsqlite3"
step=$(((points + 149) / 150))
echo "faultfs: the import of $small_rows sessions makes $points I/O points on fault.db*: $(
    awk '$1 != "points" && $1 != "failed" && $2 > 0 { printf "%s%s %s", sep, $1, $2; sep = ", " }' "$work/count")"
fault_runs=0 fault_none=0 fault_all=0
declare -A first_all=() mode_runs=() mode_none=() mode_all=()
for mode in kill torn powerloss; do
    # A kill and a power cut at every point (and a power cut just after a normal exit); a torn
    # write at every fourth.
    last=$points every=$step
    if [ $mode = torn ]; then every=$((step * 4)); fi
    if [ $mode = powerloss ]; then last=$((points + 1)); fi
    for n in $(seq 1 "$every" "$last"); do
        db=$work/fault.db
        copy_db "$work/small-base.db" "$db"
        rc=0
        faultfs_run "$mode" "$n" fault.db --db "$db" import sessions "$work/small/sessions.csv" \
            >"$work/run.out" 2>"$work/run.err" || rc=$?
        # After a power cut the shared-memory index is not to be trusted; SQLite rebuilds it.
        if [ $mode = powerloss ]; then rm -f "$db-shm"; fi
        fault_runs=$((fault_runs + 1))
        mode_runs[$mode]=$((${mode_runs[$mode]:-0} + 1))
        where="point $n of $points"
        if [ "$n" -gt "$points" ]; then where="the exit, after '$(head -c 60 "$work/run.out")'"; fi
        label="faultfs $mode at $where (exit $rc)"
        [ $rc -eq 137 ] || fail "$label: the process was not killed there: $(cat "$work/run.err")"
        copy_db "$db" "$work/verify.db"
        sqlite_verify "$work/verify.db" "$label" || continue
        sha=$(dump_sha "$work/verify.db")
        rows=$(count "$work/verify.db" session)
        rows_seen=$((rows_seen + rows))
        if [ "$sha" = "$small_base_sha" ]; then
            fault_none=$((fault_none + 1))
            mode_none[$mode]=$((${mode_none[$mode]:-0} + 1))
            if [ -n "${first_all[$mode]:-}" ] && [ $mode != torn ]; then
                fail "$label: nothing stored although a $mode at point ${first_all[$mode]} kept the import"
            fi
            if [ "$n" -gt "$points" ]; then
                fail "$label: the import said it was done, then a power cut lost it"
            fi
        elif [ "$sha" = "$small_sha" ]; then
            fault_all=$((fault_all + 1))
            mode_all[$mode]=$((${mode_all[$mode]:-0} + 1))
            if [ -z "${first_all[$mode]:-}" ]; then first_all[$mode]=$n; fi
        else
            fail "$label: partial content, $rows of $small_rows sessions"
            continue
        fi
        needlebook_check "$db" "$label" || true
    done
done
[ $fault_none -gt 0 ] || fail "faultfs: no crash lost the import (are the points before the commit?)"
[ $fault_all -gt 0 ] || fail "faultfs: no crash kept the import (are the points after the commit?)"
for mode in kill torn powerloss; do
    echo "faultfs $mode: ${mode_runs[$mode]:-0} crashes; nothing stored: ${mode_none[$mode]:-0};" \
        "all stored: ${mode_all[$mode]:-0}; the import kept from point ${first_all[$mode]:-none} on"
done
call() { # the Nth I/O call of the uncrashed import: "N OP FILE"
    awk -v n="$1" '$1 == n { sub(/.*\//, "", $3); print $1, $2, $3 }' "$work/count.log"
}
echo "faultfs: the import survives a kill once call $(call $((${first_all[kill]:-1} - 1))) is done," \
    "a power cut once call $(call $((${first_all[powerloss]:-1} - 1))) is done"

total=$((runs * 2 + fault_runs))
echo "crash totals: $total runs (seed $seed); random kills: $((runs * 2)), landing before the" \
    "write transaction $((imp_before + demo_nofile + demo_before)), inside it $((imp_txn + demo_txn))" \
    "($((imp_mid + demo_mid)) in the commit's writes)," \
    "after the commit $((imp_all + demo_full)), after the exit $((imp_exited + demo_exited));" \
    "faultfs crashes: $fault_runs ($fault_none lost the import, $fault_all kept it);" \
    "rows seen: $rows_seen; failures: $failures"
finish crash "$total"
