#!/usr/bin/env bash
# A full disk or a failing disk refuses the write and leaves the records as they were.
#  1. A real full file system, when this machine lets an unprivileged user namespace mount a
#     tmpfs (`unshare -rm`; said either way): a clinic on a small tmpfs filled up by another
#     file leaving 0, 16, 48 and 96 KiB free, then `session log` and `import sessions` into it
#     (at least one of each must be refused; one that fits may succeed); and `demo` into a new database on a 256 KiB tmpfs.
#  2. faultfs (LD_PRELOAD) makes the Nth write-type call (write, pwrite, fdatasync, ftruncate …
#     on the database, -wal, -shm) and every later one fail with ENOSPC, then with EIO, for
#     every N of a `session log` and of an `import sessions`.
# Each refused command must exit 1 with one `needlebook: error:` line on stderr that says what
# happened (disk full / no space for ENOSPC, I/O error for EIO; a full disk reported only as an
# "I/O error" is counted as a poor message, a failure with TRUST_STRICT_MESSAGES=1); the content
# (sha256 of the sqlite3 .dump) must be exactly as before. A failure that strikes after the commit (the
# checkpoint when the database is closed) may instead exit 0 with the write fully stored;
# anything else (exit 0 and nothing stored, exit 1 and the write stored, part of it stored, a
# crash) fails. Then integrity_check ok, foreign_key_check empty, `needlebook check` passes, and
# with space again the same command succeeds. The messages seen are printed with their counts.
# Usage: disk_full.sh NEEDLEBOOK_BINARY
set -euo pipefail
source "$(dirname "$0")/common.sh"
build_faultfs
nb() { "$needlebook" --db "$@"; }
cases=0
poor=0
: >"$work/messages"

# The clinic the writes go to: 20 demo patients (their sessions exported for the import) and
# one more patient with consent for `session log`.
nb "$work/source.db" demo --patients 20 --seed 5 >/dev/null
nb "$work/source.db" export --all --raw --output "$work/out" >/dev/null
nb "$work/base.db" init >/dev/null
nb "$work/base.db" import patients "$work/out/patients.csv" >/dev/null
nb "$work/base.db" import consents "$work/out/consents.csv" >/dev/null
nb "$work/base.db" import courses "$work/out/courses.csv" >/dev/null
nb "$work/base.db" patient add --code FULL-1 --family Full --given Disk --born 1980-02-02 >/dev/null
nb "$work/base.db" consent add FULL-1 --signed 2026-11-01 >/dev/null
base_sha=$(dump_sha "$work/base.db")
log_args=(session log FULL-1 --at "2026-11-20 10:00" --device pen --area cheek:left=1.0x2
    --area forehead=0.5 --serum ha-serum@LOT-FULL:during --note "logged on a full disk")
import_args=(import sessions "$work/out/sessions.csv")
# The content after each write, uncrashed.
copy_db "$work/base.db" "$work/log-ref.db"
nb "$work/log-ref.db" "${log_args[@]}" >/dev/null 2>&1
log_sha=$(dump_sha "$work/log-ref.db")
copy_db "$work/base.db" "$work/import-ref.db"
nb "$work/import-ref.db" "${import_args[@]}" >/dev/null 2>&1
import_sha=$(dump_sha "$work/import-ref.db")

# judge LABEL KIND RC ERRFILE DB BEFORE_SHA AFTER_SHA: the verdict on one refused write; the
# database files at DB are copied before the sqlite3 shell touches them. Sets outcome.
judge() {
    local label=$1 kind=$2 rc=$3 err=$4 db=$5 before=$6 after=$7 sha message
    cases=$((cases + 1))
    copy_db "$db" "$work/verify.db"
    if ! sqlite_verify "$work/verify.db" "$label"; then outcome=corrupt; return; fi
    sha=$(dump_sha "$work/verify.db")
    message=$(grep -v '^needlebook: warning:' "$err" || true)
    if [ $rc -eq 1 ] && [ "$sha" = "$before" ]; then
        outcome=refused
        echo "$kind: $message" >>"$work/messages"
        if [ "$(echo "$message" | wc -l)" -ne 1 ] || [[ $message != "needlebook: error: "* ]]; then
            fail "$label: not one 'needlebook: error:' line: $message"
        elif [ "$kind" = enospc ] && ! grep -qiE 'full|space' <<<"$message"; then
            # "disk I/O error" for a full disk: not wrong, but it does not tell to free space.
            if grep -qiE 'I/O|input/output' <<<"$message" && [ "${TRUST_STRICT_MESSAGES:-0}" != 1 ]; then
                poor=$((poor + 1))
            else
                fail "$label: the disk is full but the message does not say so: $message"
            fi
        elif [ "$kind" = eio ] && ! grep -qiE 'I/O|input/output' <<<"$message"; then
            fail "$label: an I/O error but the message does not say so: $message"
        fi
    elif [ $rc -eq 0 ] && [ "$sha" = "$after" ]; then
        outcome=stored # the failure came after the commit
    elif [ $rc -eq 0 ]; then
        outcome=lost
        fail "$label: exit 0 but the write is $([ "$sha" = "$before" ] && echo "not stored" || echo "partly stored")"
    elif [ "$sha" = "$after" ]; then
        outcome=ambiguous
        fail "$label: exit $rc ($message) but the write was stored"
    elif [ "$sha" != "$before" ]; then
        outcome=partial
        fail "$label: exit $rc and the database changed: part of the write stored"
    else
        outcome=crashed
        fail "$label: exit $rc, not 1: $message"
    fi
}

# ---- 1. a real full file system (tmpfs in a user and mount namespace) ------------------------
mkdir -p "$work/mnt"
if unshare -rm sh -c "mount -t tmpfs -o size=1m tmpfs '$work/mnt'" 2>"$work/unshare.err"; then
    tmpfs=yes
    echo "tmpfs: unshare -rm and mount -t tmpfs work here"
else
    tmpfs=no
    echo "tmpfs: NOT available here ($(cat "$work/unshare.err")): only faultfs is used"
fi
if [ $tmpfs = yes ]; then
    # Runs in the namespace: a tmpfs of SIZE with the base clinic (unless NEW), filled up to FREE
    # bytes free, then needlebook ARGS; leaves rc, stderr and a copy of the files in $work/fs-*.
    cat >"$work/in-tmpfs.sh" <<'EOF'
set -u
size=$1 free=$2 db_from=$3
shift 3
mnt=$work/mnt
mount -t tmpfs -o "size=$size,mode=0700" tmpfs "$mnt" || exit 90
if [ "$db_from" != new ]; then cp "$db_from" "$mnt/clinic.db"; fi
dd if=/dev/zero of="$mnt/filler" bs=4096 2>/dev/null
truncate -s "-$free" "$mnt/filler"
df -B1 --output=avail "$mnt" | tail -1 >"$work/fs-avail"
rc=0
"$needlebook" --db "$mnt/clinic.db" "$@" >"$work/fs-out" 2>"$work/fs-err" || rc=$?
echo $rc >"$work/fs-rc"
for f in clinic.db clinic.db-wal clinic.db-journal; do
    rm -f "$work/fs-$f"
    if [ -e "$mnt/$f" ]; then cp "$mnt/$f" "$work/fs-$f"; fi
done
EOF
    tmpfs_cases=0
    for what in log import; do
        refused_here=0
        for free in 0 16384 49152 98304; do
            if [ $what = log ]; then args=("${log_args[@]}") after=$log_sha; else args=("${import_args[@]}") after=$import_sha; fi
            db_bytes=$(stat -c %s "$work/base.db")
            work=$work needlebook=$needlebook unshare -rm bash "$work/in-tmpfs.sh" \
                $((db_bytes + 1048576)) "$free" "$work/base.db" "${args[@]}" ||
                { fail "tmpfs: the namespace could not be set up ($?)"; continue; }
            rc=$(cat "$work/fs-rc")
            label="tmpfs $what with $(cat "$work/fs-avail") bytes free"
            judge "$label" enospc "$rc" "$work/fs-err" "$work/fs-clinic.db" "$base_sha" "$after"
            echo "$label: exit $rc, $outcome: $(grep -v '^needlebook: warning:' "$work/fs-err" | head -1)"
            tmpfs_cases=$((tmpfs_cases + 1))
            if [ "$outcome" = refused ]; then refused_here=$((refused_here + 1)); fi
            if [ "$outcome" != corrupt ]; then
                needlebook_check "$work/fs-clinic.db" "$label" || true
                # With space again the same write goes through.
                if [ "$outcome" = refused ]; then
                    nb "$work/fs-clinic.db" "${args[@]}" >/dev/null 2>"$work/again.err" ||
                        fail "$label: with space again it still fails: $(cat "$work/again.err")"
                    [ "$(dump_sha "$work/fs-clinic.db")" = "$after" ] || fail "$label: with space again it stores another content"
                fi
            fi
        done
        [ $refused_here -gt 0 ] || fail "tmpfs: no $what was refused for want of space"
    done
    # demo into a new database on a file system too small for the clinic.
    work=$work needlebook=$needlebook unshare -rm bash "$work/in-tmpfs.sh" 262144 262144 new \
        demo --patients 40 --seed 3 || fail "tmpfs: the namespace could not be set up"
    rc=$(cat "$work/fs-rc")
    err=$(cat "$work/fs-err")
    cases=$((cases + 1))
    tmpfs_cases=$((tmpfs_cases + 1))
    echo "enospc: $err" >>"$work/messages"
    echo "tmpfs demo on 256 KiB: exit $rc: $err"
    [ "$rc" -eq 1 ] || fail "tmpfs demo on a full disk exited $rc"
    grep -qiE 'full|space' <<<"$err" || fail "tmpfs demo on a full disk: the message does not say so: $err"
    if [ -s "$work/fs-clinic.db" ]; then
        copy_db "$work/fs-clinic.db" "$work/verify.db"
        sqlite_verify "$work/verify.db" "tmpfs demo" &&
            counts=$(sqlite3 "$work/verify.db" "SELECT (SELECT count(*) FROM patient) + (SELECT count(*) FROM session)" 2>/dev/null || echo 0) &&
            { [ "$counts" -eq 0 ] || fail "tmpfs demo on a full disk left $counts patients and sessions"; }
    fi
    echo "tmpfs: $tmpfs_cases writes on a full file system"
fi

# ---- 2. faultfs: ENOSPC and EIO at every write point ------------------------------------------
for what in log import; do
    if [ $what = log ]; then args=("${log_args[@]}") after=$log_sha; else args=("${import_args[@]}") after=$import_sha; fi
    copy_db "$work/base.db" "$work/fault.db"
    faultfs_run enospc 0 fault.db --db "$work/fault.db" "${args[@]}" >/dev/null 2>&1
    points=$(faultfs_points)
    [ "${points:-0}" -gt 5 ] || die "faultfs saw ${points:-no} write points: it does not intercept libsqlite3"
    for mode in enospc eio; do
        refused=0 stored=0
        for n in $(seq 1 "$points"); do
            copy_db "$work/base.db" "$work/fault.db"
            rc=0
            faultfs_run "$mode" "$n" fault.db --db "$work/fault.db" "${args[@]}" \
                >/dev/null 2>"$work/run.err" || rc=$?
            label="faultfs $mode from point $n of $points of $what"
            judge "$label" "$mode" "$rc" "$work/run.err" "$work/fault.db" "$base_sha" "$after"
            case $outcome in
                refused) refused=$((refused + 1)) ;;
                stored) stored=$((stored + 1)) ;;
                corrupt) continue ;;
            esac
            needlebook_check "$work/fault.db" "$label" || true
        done
        [ $refused -gt 0 ] || fail "faultfs $mode on $what: no point refused the write"
        echo "faultfs $mode on $what: $points points; refused and unchanged: $refused;" \
            "failed after the commit, stored, exit 0: $stored"
    done
done

echo "messages (count, fault: stderr):"
sort "$work/messages" | uniq -c | sed 's/^/  /'
if [ $poor -gt 0 ]; then
    echo "POOR MESSAGE: $poor times the disk was full (ENOSPC) and the message said only" \
        "'disk I/O error' (TRUST_STRICT_MESSAGES=1 makes that a failure)"
fi
echo "disk full totals: $cases faults injected (tmpfs: $tmpfs); poor messages: $poor; failures: $failures"
finish disk_full "$cases"
