#!/usr/bin/env bash
# import with bounded memory, and without holding the database while it reads:
#  1. A file of one 300 MB line, /dev/zero itself, a row whose note is 3 MiB and a row of five
#     fields of 1,000,000 bytes (5 MB) are refused: exit 1, one error naming the file, the line, the column
#     (or field) and the limit (1 MiB a field, 4 MiB a row); the database's content (sha256 of
#     the sqlite3 .dump) unchanged; the process's peak RSS (wait4's ru_maxrss) under 100 MB
#     (a watchdog kills it past 1 GiB or 60 s, so a binary that does not stop cannot harm the
#     machine). The figures are printed.
#  2. The write lock is taken only after the whole file is read: while `import patients` reads
#     a FIFO that is fed half its rows and then kept waiting, `patient add` and `consent add`
#     exit 0 within 2 s each (they would wait 5 s for the lock and fail); then the rest is fed
#     and the import stores every row; `check` passes.
#  3. A file piped through /dev/stdin (read once, checked, then stored from a private copy)
#     imports the same as the file.
# Usage: import_limits.sh NEEDLEBOOK_BINARY
set -euo pipefail
source "$(dirname "$0")/common.sh"

checks=0
ok() { checks=$((checks + 1)); }
expect() {
    local what=$1
    shift
    if "$@"; then ok; else fail "$what"; fi
}
db=$work/clinic.db
nb() { "$needlebook" --db "$db" "$@"; }
rss_limit_mb=100
# AddressSanitizer's shadow memory and quarantine add to every process (.ci/sanitize).
# Not `ldd | grep -q`: grep -q stops at the first match, ldd may then die of SIGPIPE, and with
# pipefail the test would take an ASan build for a plain one (seen once in CI).
if [[ $(ldd "$needlebook" 2>/dev/null) == *libasan* ]]; then
    rss_limit_mb=300
    echo "NOTE: an AddressSanitizer build: the peak RSS limit is $rss_limit_mb MB"
fi

# measure OUT ERR ARGS…: runs needlebook ARGS with stdout and stderr to files; sets rc, peak_mb
# (peak resident set size, MB) and ms. Killed past 1 GiB resident or 60 s (then rc=137).
measure() {
    local out=$1 err=$2
    shift 2
    read -r rc peak_kb ms < <(python3 - "$out" "$err" "$needlebook" "$@" <<'EOF'
import os, subprocess, sys, time
out, err, *command = sys.argv[1:]
start = time.monotonic()
with open(out, "wb") as o, open(err, "wb") as e:
    child = subprocess.Popen(command, stdout=o, stderr=e, stdin=subprocess.DEVNULL)
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            break
        try:
            with open(f"/proc/{child.pid}/status") as s:
                rss = next(int(l.split()[1]) for l in s if l.startswith("VmRSS:"))
        except (OSError, StopIteration):
            rss = 0
        if rss > 1 << 20 or time.monotonic() - start > 60:  # 1 GiB, 60 s: stop a runaway
            child.kill()
        time.sleep(0.005)
rc = os.waitstatus_to_exitcode(status)
print(rc if rc >= 0 else 128 - rc, usage.ru_maxrss, int((time.monotonic() - start) * 1000))
EOF
    )
    peak_mb=$((peak_kb / 1024))
}

# The clinic: 30 demo patients exported raw; the database the imports go to starts empty.
nb demo --patients 30 --seed 9 >/dev/null
nb export --all --raw --output "$work/out" >/dev/null
db=$work/target.db
nb init >/dev/null
header=$(head -1 "$work/out/patients.csv" | tr -d '\r')
rows=$(($(wc -l <"$work/out/patients.csv") - 1))
base_sha=$(dump_sha "$db")

# ---- 1. inputs past the limits -----------------------------------------------------------------
# refused LABEL FILE PATTERN…: import patients FILE exits 1 with one error naming each PATTERN,
# the database unchanged, peak RSS under the limit.
refused() {
    local label=$1 file=$2
    shift 2
    measure "$work/imp.out" "$work/imp.err" --db "$db" import patients "$file"
    local message
    message=$(cat "$work/imp.err")
    echo "$label: exit $rc in $ms ms, peak RSS $peak_mb MB: $(echo "$message" | tr '\n' ' ' | cut -c1-240)"
    expect "$label: exit $rc, not 1" [ "$rc" -eq 1 ]
    expect "$label: peak RSS $peak_mb MB, over $rss_limit_mb MB" [ "$peak_mb" -lt $rss_limit_mb ]
    expect "$label: stderr does not start with 'needlebook: error:'" grep -q '^needlebook: error: ' "$work/imp.err"
    expect "$label: the database changed" [ "$(dump_sha "$db")" = "$base_sha" ]
    local pattern
    for pattern in "$@"; do
        expect "$label: the message does not say '$pattern': $message" grep -qF -- "$pattern" "$work/imp.err"
    done
}

head -c 300M /dev/zero | tr '\0' 'a' >"$work/one-line.csv"
refused "a file of one 300 MB line" "$work/one-line.csv" "one-line.csv:1:" "field 1 is longer than 1 MiB (1048576 bytes)"
rm -f "$work/one-line.csv"
refused "/dev/zero" /dev/zero "zero:1:" "1 MiB (1048576 bytes)"
# Column 8 of patients.csv is the note (10,000 characters at most): here 3 MiB of it.
{
    printf '%s\r\nP-000099,Long,Note,1980-01-01,,,,' "$header"
    head -c 3M /dev/zero | tr '\0' 'x'
    printf ',0\r\n'
} >"$work/long-note.csv"
refused "a row whose note is 3 MiB" "$work/long-note.csv" "long-note.csv:2: column note:" \
    "field 8 is longer than 1 MiB (1048576 bytes)"
# Five fields of 1,000,000 bytes: each under 1 MiB, the row over 4 MiB.
{
    printf '%s\r\n' "$header"
    for _ in 1 2 3 4 5; do head -c 1000000 /dev/zero | tr '\0' 'y'; printf ','; done
    printf ',,,0\r\n'
} >"$work/wide.csv"
refused "a row of five 1 MB fields" "$work/wide.csv" "wide.csv:2: column fitzpatrick:" \
    "the record is longer than 4 MiB (4194304 bytes)"

# ---- 2. others write while a FIFO is read --------------------------------------------------------
mkfifo "$work/feed"
half=$((rows / 2 + 1)) # the header and half the rows
t0=$(now_ms)
nb import patients "$work/feed" >"$work/fifo.out" 2>"$work/fifo.err" &
importer=$!
exec 4>"$work/feed"
head -n "$half" "$work/out/patients.csv" >&4
sleep 0.5 # the import has read the first half and waits for more
alive=$(kill -0 $importer 2>/dev/null && echo yes || echo no)
expect "the import ended before its file did" [ "$alive" = yes ]
add_ms=() add_rc=()
for step in "patient add --code LOCK-1 --family Waiting --given Not --born 1980-03-03" \
    "consent add LOCK-1 --signed 2026-11-01"; do
    s0=$(now_ms)
    rc=0
    timeout 20 "$needlebook" --db "$db" $step >"$work/add.out" 2>"$work/add.err" || rc=$?
    took=$(($(now_ms) - s0))
    add_ms+=("$took") add_rc+=("$rc")
    expect "${step%% --*} while the import reads: exit $rc after $took ms ($(cat "$work/add.err"))" [ $rc -eq 0 ]
    expect "${step%% --*} while the import reads: $took ms, over 2000 ms" [ "$took" -lt 2000 ]
done
tail -n +"$((half + 1))" "$work/out/patients.csv" >&4
exec 4>&-
rc=0
wait $importer || rc=$?
import_ms=$(($(now_ms) - t0))
expect "the import from the FIFO: exit $rc ($(cat "$work/fifo.err"))" [ $rc -eq 0 ]
expect "the import from the FIFO stored $(count "$db" patient) patients, not $((rows + 1))" \
    [ "$(count "$db" patient)" -eq $((rows + 1)) ]
expect "LOCK-1's consent is not stored" [ "$(count "$db" consent)" -eq 1 ]
echo "while the import read a FIFO fed half its $rows rows: patient add exit ${add_rc[0]} in ${add_ms[0]} ms," \
    "consent add exit ${add_rc[1]} in ${add_ms[1]} ms; then the import: exit $rc, $import_ms ms in all"
needlebook_check "$db" "after the import from a FIFO"
sqlite_verify "$db" "after the import from a FIFO" || true

# ---- 3. a pipe through /dev/stdin ----------------------------------------------------------------
db=$work/piped.db
nb init >/dev/null
rc=0
cat "$work/out/patients.csv" | nb import patients /dev/stdin >"$work/pipe.out" 2>"$work/pipe.err" || rc=$?
expect "import patients /dev/stdin from a pipe: exit $rc ($(cat "$work/pipe.err"))" [ $rc -eq 0 ]
nb export patients --raw >"$work/again.csv"
expect "import patients /dev/stdin from a pipe: exported again, not the same file" \
    cmp -s "$work/again.csv" "$work/out/patients.csv"
echo "a pipe through /dev/stdin: $(cat "$work/pipe.out")"
needlebook_check "$db" "after the import from a pipe"

finish import_limits $checks
