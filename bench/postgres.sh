#!/usr/bin/env bash
# The per-patient commands, a report and `export --all` on a clinic on PostgreSQL, next to the
# same clinic in a SQLite file, and how long `copy` takes to move it onto the server. Prints one
# Markdown table on stdout and writes it to bench/RESULTS-postgres.md with the machine it ran on.
#
# Usage: bash bench/postgres.sh [--patients N]   (default 20000; N from the demo's range)
# Needs what bench/run.sh needs, plus PostgreSQL 15 (Debian: apt-get install postgresql). A
# throw-away server is started on a private socket folder (tests/pg/pg_server.sh) and stopped.
# BENCH_DIR=DIR keeps the demo clinics there (default build-bench/clinics), shared with run.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

patients=20000
while [ $# -gt 0 ]; do
    case $1 in
        --patients) patients=${2:?--patients needs a number}; shift 2 ;;
        -h | --help) sed -n '2,9s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "postgres.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done
for tool in cmake sqlite3 python3 /usr/bin/time initdb pg_ctl psql; do
    command -v "$tool" >/dev/null || [ -x "/usr/lib/postgresql/15/bin/$tool" ] ||
        { echo "postgres.sh: $tool is missing" >&2; exit 1; }
done

started=$(date +%s)
build="build-bench"
clinics=${BENCH_DIR:-$build/clinics}
needlebook=$PWD/$build/src/needlebook
work=$(mktemp -d "${TMPDIR:-/tmp}/needlebook-pgbench.XXXXXX")
chmod 755 "$work" # the server runs as its own user when started by root
trap 'bash tests/pg/pg_server.sh stop "$work/server" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export NEEDLEBOOK_USER=bench
unset NEEDLEBOOK_DB NEEDLEBOOK_NOW
runs=11

say() { echo "postgres.sh: $*" >&2; }
# shellcheck source=common.sh
source bench/common.sh

build_release
mkdir -p "$clinics"
key=$(cache_key)
ensure_clinic "$patients"

say "starting a throw-away PostgreSQL server"
mkdir -p "$work/server" && chmod 755 "$work/server"
# shellcheck source=../tests/pg/pg_server.sh
source tests/pg/pg_server.sh start "$work/server" >/dev/null
psql -X -q -d postgres -c "CREATE DATABASE bench" >/dev/null
server=postgresql:///bench
file=$work/clinic.db
cp "$(clinic "$patients")" "$file" && sync "$file"

say "copying the $(count "$patients")-patient clinic onto the server"
copy_started=$(date +%s.%N)
"$needlebook" copy --from "$file" --to "$server" >"$work/copy.out"
copy_seconds=$(calc "$(date +%s.%N) - $copy_started")
copied_rows=$(sed -n 's/^rows: \([0-9]*\) in.*/\1/p' "$work/copy.out")
# The copy added its own audit row to the file: both now hold the same clinic.

table=$work/table
: >"$table"
# compare LABEL RUNS [measure.py options] -- ARGS...: the same command on the server and the file,
# timed in the same runs, in turn.
compare() {
    local label=$1 runs=$2
    shift 2
    local options=()
    while [ "$1" != -- ]; do options+=("$1"); shift; done
    shift
    measure "$runs" "${options[@]}" -- "$needlebook" --db "$server" "$@" \
        --versus "$needlebook" --db "$file" "$@"
    local on_server=${medians[0]} on_file=${medians[1]}
    printf '| %s | %s | %s | %s |\n' "$label" "$(duration "$on_server")" "$(duration "$on_file")" \
        "$(times "$(calc "$on_server / $on_file")")" >>"$table"
    say "$label: server $(duration "$on_server"), file $(duration "$on_file")"
}

# Every run treats another of the first patients (the same in every demo clinic of seed 7);
# both databases get the same writes, so they stay alike.
session_at=$(date -u +%Y-%m-%dT%H:%MZ)
compare "\`patient add\`" "$runs" -- patient add --family Bench --given Marker --born 1990-01-01
compare "\`session log\` (3 areas, 2 serums)" "$runs" --per-run -- session log 'P-{run:06d}' \
    --at "$session_at" --device pen --area forehead=0.5x2 --area cheek:left=1.0x3 \
    --area cheek:right=1.0x3 --serum ha-serum@HA-B7:during --serum gf-serum@GF-A1
compare "\`patient show\`" "$runs" --per-run -- patient show 'P-{run:06d}'
compare "\`session show\`" "$runs" --per-run -- session show '{run}'
compare "\`history\`" "$runs" --per-run -- history 'P-{run:06d}'
compare "\`history --format html\`" "$runs" --per-run -- history 'P-{run:06d}' --format html
compare "\`report recovery\`" 5 -- report recovery
compare "\`export sessions\`" 3 -- export sessions
compare "\`export --all\` (into a new folder each run)" 3 --per-run \
    --clean "$work/export-{run}" -- export --all --raw --output "$work/export-{run}"
compare "\`check\`" 3 -- check

{
    echo "Written by \`bash bench/postgres.sh --patients $patients\` on $(date -u +%Y-%m-%d)" \
        "(git $(git rev-parse --short HEAD 2>/dev/null || echo unknown)), in" \
        "$(($(date +%s) - started)) s."
    echo
    echo "Machine: $(nproc) cores ($(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1))," \
        "$(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo) RAM," \
        "$(psql -X -At -d postgres -c 'SHOW server_version') on a local socket, SQLite" \
        "$(sqlite3 --version | cut -d' ' -f1). Both databases hold the same" \
        "$(count "$patients")-patient demo clinic (seed 7); the server's came by \`copy\`."
    echo
    echo "\`copy\` of the clinic onto the server: $(duration "$copy_seconds")" \
        "($(count "$copied_rows") rows, $(count "$(calc "$copied_rows / $copy_seconds")") rows/s)."
    echo
    echo "Median wall time of fresh processes (bench/measure.py), server and file in the same"
    echo "runs, in turn:"
    echo
    echo "| command | PostgreSQL | SQLite file | server ÷ file |"
    echo "|---|---|---|---|"
    cat "$table"
} | tee bench/RESULTS-postgres.md
