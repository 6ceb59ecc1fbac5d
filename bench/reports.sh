#!/usr/bin/env bash
# Times the manager's reports on a large demo clinic: `history` of one patient (text and HTML),
# `report recovery` by each grouping, `report followups` and `report lot` for the most used
# serum lot. Each figure is the median wall time of fresh processes. Default 25000 patients,
# which gives a little over 100,000 sessions (the issue's target: recovery in about a second).
# Usage: bash bench/reports.sh [PATIENTS]   (after .ci/setup; BENCH_DB=FILE reuses a clinic)
set -euo pipefail
cd "$(dirname "$0")/.."
patients=${1:-25000}
needlebook=$PWD/build/src/needlebook
[ -x "$needlebook" ] || { echo "build first: bash .ci/setup" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export NEEDLEBOOK_DB=${BENCH_DB:-$dir/clinic.db} NEEDLEBOOK_USER=bench
[ -s "$NEEDLEBOOK_DB" ] || "$needlebook" demo --patients "$patients" --seed 7 >/dev/null

seconds() { date +%s.%N; }
# median_ms RUNS COMMAND…: the median wall time in milliseconds, output discarded.
median_ms() {
    local runs=$1 times=() start end
    shift
    for _ in $(seq 1 "$runs"); do
        start=$(seconds)
        "$@" >/dev/null
        end=$(seconds)
        times+=("$(echo "($end - $start) * 1000" | bc -l)")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}

sessions=$(sqlite3 "$NEEDLEBOOK_DB" "SELECT count(*) FROM session")
reactions=$(sqlite3 "$NEEDLEBOOK_DB" "SELECT count(*) FROM reaction")
busiest=$(sqlite3 "$NEEDLEBOOK_DB" "SELECT p.code FROM session s JOIN patient p ON p.id = s.patient_id GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT 1")
busiest_sessions=$(sqlite3 "$NEEDLEBOOK_DB" "SELECT count(*) FROM session s JOIN patient p ON p.id = s.patient_id WHERE p.code = '$busiest'")
lot=$(sqlite3 "$NEEDLEBOOK_DB" "SELECT lot FROM serum_use GROUP BY lot ORDER BY count(*) DESC LIMIT 1")
lot_rows=$(sqlite3 "$NEEDLEBOOK_DB" "SELECT count(*) FROM serum_use WHERE lot = '$lot'")
echo "clinic: $sessions sessions, $reactions reactions"

printf 'history %s (%s sessions), text: %.0f ms\n' "$busiest" "$busiest_sessions" \
    "$(median_ms 11 "$needlebook" history "$busiest")"
printf 'history %s, html: %.0f ms\n' "$busiest" \
    "$(median_ms 11 "$needlebook" history "$busiest" --format html)"
for by in kind area depth fitzpatrick device serum; do
    printf 'report recovery --by %s: %.0f ms\n' "$by" \
        "$(median_ms 5 "$needlebook" report recovery --by "$by")"
done
printf 'report followups: %.0f ms\n' "$(median_ms 5 "$needlebook" report followups)"
printf 'report lot %s (%s serum uses): %.0f ms\n' "$lot" "$lot_rows" \
    "$(median_ms 5 "$needlebook" report lot "$lot")"
# For scale: the sqlite3 shell counting the same reactions by kind, without any of the
# current-revision, voided or day arithmetic the report does.
printf 'sqlite3 shell, reactions counted by kind (reference): %.0f ms\n' \
    "$(median_ms 5 sqlite3 "$NEEDLEBOOK_DB" "SELECT kind, count(*) FROM reaction_revision GROUP BY kind")"
