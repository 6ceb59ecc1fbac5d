#!/usr/bin/env bash
# A refused `init` or `demo` leaves nothing new behind; the folders they make are 0700:
#  1. demo --patients 0, -3 and 1000001 (exit 1, naming patients and what is allowed) and
#     --patients lots (exit 2) into a database in folders that do not exist yet: afterwards the
#     temporary folder lists exactly as before (no database, -wal, -shm or folder).
#  2. init and demo where a folder cannot be made part way (a name of 300 bytes under a new
#     folder): exit 1 naming the folder; nothing new left, not even the first folder.
#  3. init and demo where SQLite cannot make the -wal (a folder of that name is in the way):
#     exit 1; the database file and -shm are gone, the folder in the way is left.
#  4. faultfs: a full disk (ENOSPC) from write point N of `init` and of `demo --patients 2`
#     into a new folder (N = 1 to 20, then every 3rd): each run exits 1 with one error line
#     leaving nothing new, or exits 0 with a database that passes check (the failure came after
#     the commit).
#  5. demo on a database holding patients (not a demo): exit 1, the files and their content as
#     they were.
#  6. init and demo into new nested folders under umask 000 and 022: every folder made is 0700,
#     the database 0600.
# Usage: new_database.sh NEEDLEBOOK_BINARY
set -euo pipefail
source "$(dirname "$0")/common.sh"
build_faultfs

checks=0
ok() { checks=$((checks + 1)); }
expect() {
    local what=$1
    shift
    if "$@"; then ok; else fail "$what"; fi
}
# Everything under the temporary folder but the test's own files (its type, mode and name).
listing() { (cd "$work" && find . -path ./own -prune -o -printf '%y %m %p\n' | sort); }
mkdir "$work/own"
umask 022

# left_nothing LABEL EXPECTED_RC ARGS…: needlebook ARGS exits EXPECTED_RC with one error line,
# and the temporary folder lists as before.
left_nothing() {
    local label=$1 expected=$2 before rc=0
    shift 2
    before=$(listing)
    "$needlebook" "$@" >"$work/own/out" 2>"$work/own/err" || rc=$?
    expect "$label: exit $rc, not $expected ($(cat "$work/own/err"))" [ $rc -eq "$expected" ]
    expect "$label: stderr is not one 'needlebook: error:' line: $(cat "$work/own/err")" \
        [ "$(grep -c '^needlebook: error: ' "$work/own/err")" -eq 1 ]
    local after
    after=$(listing)
    expect "$label: left behind: $(comm -13 <(echo "$before") <(echo "$after") | tr '\n' ' ')" \
        [ "$before" = "$after" ]
    echo "$label: exit $rc: $(head -1 "$work/own/err" | cut -c1-160)"
}

# ---- 1. bad options --------------------------------------------------------------------------
for patients in 0 -3 1000001; do
    left_nothing "demo --patients $patients" 1 --db "$work/n1/a/clinic.db" demo --patients "$patients"
    expect "demo --patients $patients: the message does not name patients and what is allowed" \
        grep -q "patients.*allowed: 1 to 1000000" "$work/own/err"
done
left_nothing "demo --patients lots" 2 --db "$work/n1/a/clinic.db" demo --patients lots

# ---- 2. a folder that cannot be made ---------------------------------------------------------
long=$(printf 'x%.0s' $(seq 1 300))
for command in init demo; do
    left_nothing "$command in a folder that cannot be made" 1 --db "$work/n2/a/$long/clinic.db" $command
    expect "$command in a folder that cannot be made: the message does not name it" \
        grep -q "cannot make the folder .*n2/a/x*: File name too long" "$work/own/err"
done

# ---- 3. SQLite cannot make the -wal ----------------------------------------------------------
mkdir -p "$work/n3/clinic.db-wal"
for command in init demo; do
    left_nothing "$command with a folder where the -wal goes" 1 --db "$work/n3/clinic.db" $command
done

# ---- 4. a full disk at every write point -----------------------------------------------------
for command in init "demo --patients 2"; do
    rm -rf "$work/n4"
    faultfs_run count 0 clinic.db --db "$work/n4/x/clinic.db" $command >/dev/null
    points=$(faultfs_points)
    [ "${points:-0}" -gt 3 ] || die "faultfs saw ${points:-no} write points of $command"
    refused=0 stored=0 runs=0
    # The first 20 points (the file, the schema, the first pages) and every 3rd one after.
    for n in $(seq 1 20) $(seq 21 3 "$points"); do
        runs=$((runs + 1))
        rm -rf "$work/n4"
        before=$(listing)
        rc=0
        faultfs_run enospc "$n" clinic.db --db "$work/n4/x/clinic.db" $command \
            >"$work/own/out" 2>"$work/own/err" || rc=$?
        label="$command, disk full from write $n of $points"
        if [ $rc -eq 1 ]; then
            refused=$((refused + 1))
            expect "$label: left behind: $(comm -13 <(echo "$before") <(listing) | tr '\n' ' ')" \
                [ "$before" = "$(listing)" ]
            expect "$label: stderr is not one 'needlebook: error:' line: $(cat "$work/own/err")" \
                [ "$(grep -c '^needlebook: error: ' "$work/own/err")" -eq 1 ]
        elif [ $rc -eq 0 ]; then
            stored=$((stored + 1))
            needlebook_check "$work/n4/x/clinic.db" "$label (exit 0)" && ok
        else
            fail "$label: exit $rc: $(cat "$work/own/err")"
        fi
    done
    echo "$command on a full disk: $runs of its $points write points; refused (exit 1): $refused; the failure after the commit (exit 0, a whole database): $stored"
    expect "$command on a full disk: no run was refused" [ $refused -gt 0 ]
done
rm -rf "$work/n4"

# ---- 5. demo on a database holding patients --------------------------------------------------
db=$work/n5/clinic.db
"$needlebook" --db "$db" init >/dev/null
"$needlebook" --db "$db" patient add --family Real --given Patient --born 1970-07-07 >/dev/null
sha=$(dump_sha "$db")
left_nothing "demo on a database holding patients" 1 --db "$db" demo
expect "demo on a database holding patients: the message does not say so" \
    grep -q "already holds patients" "$work/own/err"
expect "demo on a database holding patients: its content changed" [ "$(dump_sha "$db")" = "$sha" ]

# ---- 6. the modes of what init and demo make -------------------------------------------------
for mask in 000 022; do
    for command in init "demo --patients 2"; do
        top=$work/m$mask-${command%% *}
        rc=0
        (umask $mask && "$needlebook" --db "$top/a/b/clinic.db" $command >/dev/null 2>"$work/own/err") || rc=$?
        expect "$command under umask $mask: exit $rc ($(cat "$work/own/err"))" [ $rc -eq 0 ]
        modes=$(stat -c %a "$top" "$top/a" "$top/a/b" "$top/a/b/clinic.db" | tr '\n' ' ')
        expect "$command under umask $mask: modes of the folders and the database: $modes" \
            [ "$modes" = "700 700 700 600 " ]
        echo "$command under umask $mask into 3 new folders: modes $modes"
    done
done

finish new_database $checks
