# Shared by the tests in tests/trust/ (sourced, not run): the temporary folder, the fixed clock,
# failure counting, the faultfs shim, and the verdicts on a database file.
#
# TRUST_ALLOW_NO_CHECK=1 lets a test run on a needlebook without the `check` command (it says
# so and counts the skips); without it a missing `check` is a failure.

needlebook=${1:?usage: $0 NEEDLEBOOK_BINARY}
needlebook=$(cd "$(dirname "$needlebook")" && pwd)/$(basename "$needlebook")
[ -x "$needlebook" ] || { echo "FAIL: $needlebook is not an executable"; exit 1; }
command -v sqlite3 >/dev/null || { echo "FAIL: the sqlite3 shell is needed"; exit 1; }
command -v cc >/dev/null || { echo "FAIL: a C compiler (cc) is needed for faultfs.c"; exit 1; }
trust_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
work=$(mktemp -d)
# A step that fails unexpectedly stops the test (set -e); say which.
trap 'rc=$?; rm -rf "$work"
      if [ $rc -ne 0 ] && [ -z "${finished:-}" ]; then
          echo "FAIL: $(basename "$0") stopped (exit $rc) in: $BASH_COMMAND"
      fi' EXIT
export TZ=Europe/London NEEDLEBOOK_NOW=2026-11-23T15:00:00Z NEEDLEBOOK_USER=trust HOME=$work
unset NEEDLEBOOK_DB LD_PRELOAD
failures=0
checks_run=0
checks_skipped=0
started=$SECONDS

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

# A failure that makes going on pointless.
die() {
    echo "FAIL: $*"
    finished=1
    exit 1
}

# Milliseconds since the epoch.
now_ms() { date +%s%3N; }

# The faultfs shim, built into the temporary folder; faultfs=path of the .so.
build_faultfs() {
    faultfs=$work/faultfs.so
    cc -shared -fPIC -O2 -Wall -o "$faultfs" "$trust_dir/faultfs.c" -ldl ||
        die "cannot build faultfs.c"
}

# Runs needlebook under faultfs: faultfs_run MODE AT PATH_SUBSTRING ARGS… (count file: $work/count).
# The points are counted across every process of the run (FAULTFS_SHARED).
faultfs_run() {
    local mode=$1 at=$2 match=$3
    shift 3
    rm -f "$work/count" "$work/counter"
    LD_PRELOAD=$faultfs FAULTFS_PATH=$match FAULTFS_MODE=$mode FAULTFS_AT=$at \
        FAULTFS_SHARED=$work/counter FAULTFS_COUNT=$work/count "$needlebook" "$@"
}

# The number of I/O points faultfs counted in the last faultfs_run (that ended normally).
faultfs_points() { awk '$1 == "points" { print $2 }' "$work/count"; }

# Does this needlebook have the `check` command? (`needlebook check --help` exits 0 even
# without it: CLI11 prints the main help, so the command list is read instead.)
# grep without -q reads to the end: see import_limits.sh.
has_check() { "$needlebook" --help 2>/dev/null | grep -E '^  check( |$)' >/dev/null; }
if has_check; then
    check_available=1
elif [ "${TRUST_ALLOW_NO_CHECK:-0}" = 1 ]; then
    check_available=0
    echo "NOTE: this needlebook has no 'check' command; its verdicts are skipped (TRUST_ALLOW_NO_CHECK=1)"
else
    die "this needlebook has no 'check' command (set TRUST_ALLOW_NO_CHECK=1 to run without it)"
fi

# `needlebook check` on DB must exit 0; LABEL names the case in a failure.
needlebook_check() {
    local db=$1 label=$2 out rc=0
    if [ "$check_available" = 0 ]; then
        checks_skipped=$((checks_skipped + 1))
        return 0
    fi
    checks_run=$((checks_run + 1))
    out=$("$needlebook" --db "$db" check 2>&1) || rc=$?
    if [ $rc -ne 0 ]; then
        fail "$label: needlebook check exited $rc: $out"
        return 1
    fi
}

# Copies a database with its -wal and -journal (not -shm: it is rebuilt) to DEST, so the sqlite3
# shell can recover and verify the copy while the original is left to needlebook as it was.
copy_db() {
    local src=$1 dest=$2 suffix
    rm -f "$dest" "$dest-wal" "$dest-shm" "$dest-journal"
    [ -e "$src" ] && cp "$src" "$dest"
    for suffix in -wal -journal; do
        [ -e "$src$suffix" ] && cp "$src$suffix" "$dest$suffix"
    done
    return 0
}

# PRAGMA integrity_check is ok and PRAGMA foreign_key_check is empty, run by the sqlite3 shell.
sqlite_verify() {
    local db=$1 label=$2 out
    out=$(sqlite3 "$db" "PRAGMA integrity_check; SELECT '--fk--'; PRAGMA foreign_key_check" 2>&1) || true
    if [ "$(echo "$out" | head -1)" != ok ] || [ "$(echo "$out" | sed -n 2p)" != --fk-- ]; then
        fail "$label: integrity_check: $(echo "$out" | sed '/^--fk--$/,$d' | head -5)"
        return 1
    fi
    if [ -n "$(echo "$out" | sed '1,2d')" ]; then
        fail "$label: foreign_key_check: $(echo "$out" | sed '1,2d' | head -5)"
        return 1
    fi
}

# SHA-256 of the database's content (its .dump), the same whatever the WAL holds.
dump_sha() { sqlite3 "$1" .dump | sha256sum | cut -c1-64; }

# One figure from the database: count ROWS TABLE.
count() { sqlite3 "$1" "SELECT count(*) FROM $2"; }

# The schema version this needlebook writes: the user_version of a fresh `init` database.
latest_version() {
    local db=$work/latest-version.db
    "$needlebook" --db "$db" init >/dev/null
    sqlite3 "$db" 'PRAGMA user_version'
    rm -f "$db" "$db-wal" "$db-shm"
}

# The closing line: N passed, N failed (as ctest and CI read it) and the time taken.
finish() {
    local name=$1 passed=${2:-1}
    finished=1
    if [ "$check_available" = 0 ]; then
        echo "needlebook check: $checks_skipped verdicts SKIPPED (no check command)"
    else
        echo "needlebook check: $checks_run verdicts"
    fi
    echo "$name: $((SECONDS - started)) s"
    if [ $failures -eq 0 ]; then
        echo "$passed passed, 0 failed"
        exit 0
    fi
    echo "0 passed, $failures failed"
    exit 1
}
