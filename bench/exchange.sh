#!/usr/bin/env bash
# Times export and import on a demo clinic (default 20000 patients): `export --all`, then
# `export --all --raw`, `import` of every table into a new database and the re-export, which
# must be byte-identical. Prints rows per second and peak memory of each step.
# Usage: bash bench/exchange.sh [PATIENTS]   (after .ci/setup; BENCH_DB=FILE reuses a clinic)
set -euo pipefail
cd "$(dirname "$0")/.."
patients=${1:-20000}
needlebook=$PWD/build/src/needlebook
[ -x "$needlebook" ] || { echo "build first: bash .ci/setup" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export NEEDLEBOOK_USER=bench
clinic=${BENCH_DB:-$dir/clinic.db}
[ -s "$clinic" ] || NEEDLEBOOK_DB=$clinic "$needlebook" demo --patients "$patients" --seed 7 >/dev/null

# timed LABEL ROWS COMMAND…: wall time, rows per second and peak RSS of one run.
timed() {
    local label=$1 rows=$2
    shift 2
    /usr/bin/time -f "%e %M" -o "$dir/time" "$@" >/dev/null 2>"$dir/stderr"
    read -r seconds kilobytes <"$dir/time"
    printf '%-40s %8s rows  %6.2f s  %8.0f rows/s  %6.1f MB\n' "$label" "$rows" "$seconds" \
        "$(echo "$rows / $seconds" | bc -l)" "$(echo "$kilobytes / 1024" | bc -l)"
}

rows() { tail -n +2 "$1" | awk -F, '{ sum += $2 } END { print sum }'; }
NEEDLEBOOK_DB=$clinic "$needlebook" export --all --output "$dir/warm" >/dev/null # page cache
timed "export --all" "$(rows "$dir/warm/manifest.csv")" \
    env NEEDLEBOOK_DB="$clinic" "$needlebook" export --all --output "$dir/plain"
NEEDLEBOOK_DB=$clinic "$needlebook" export --all --raw --output "$dir/raw" >/dev/null
NEEDLEBOOK_DB=$dir/new.db "$needlebook" init >/dev/null
for table in patients conditions consents sessions reactions followups; do
    timed "import $table" "$(($(wc -l <"$dir/raw/$table.csv") - 1))" \
        env NEEDLEBOOK_DB="$dir/new.db" "$needlebook" import "$table" "$dir/raw/$table.csv"
done
NEEDLEBOOK_DB=$dir/new.db "$needlebook" export --all --raw --output "$dir/again" >/dev/null
for file in "$dir"/raw/*.csv; do
    cmp -s "$file" "$dir/again/$(basename "$file")" || { echo "round trip differs: $(basename "$file")"; exit 1; }
done
echo "round trip: byte-identical"
