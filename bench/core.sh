#!/usr/bin/env bash
# Times the core issue's targets: `demo --patients N` (default 20000) in one transaction, and one
# `session log` on the resulting clinic (the median of 21 runs, each a fresh process as a
# practitioner would start it). Usage: bash bench/core.sh [PATIENTS]   (after .ci/setup)
set -euo pipefail
cd "$(dirname "$0")/.."
patients=${1:-20000}
needlebook=build/src/needlebook
[ -x "$needlebook" ] || { echo "build first: bash .ci/setup" >&2; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export NEEDLEBOOK_DB=$dir/clinic.db NEEDLEBOOK_USER=bench

seconds() { date +%s.%N; }

start=$(seconds)
"$needlebook" demo --patients "$patients" --seed 7
end=$(seconds)
demo_s=$(echo "$end - $start" | bc -l)
sessions=$(sqlite3 "$NEEDLEBOOK_DB" "SELECT count(*) FROM session")
size=$(du -h "$NEEDLEBOOK_DB" | cut -f1)

times=()
for i in $(seq 1 21); do
    code=$(printf 'P-%06d' "$i")
    start=$(seconds)
    "$needlebook" session log "$code" --at "$(date -u +%Y-%m-%dT%H:%MZ)" --device pen \
        --area forehead=0.5x2 --area cheek:left=1.0x3 --area cheek:right=1.0x3 \
        --serum ha-serum@HA-B7:during --serum gf-serum@GF-A1 --override "benchmark" >/dev/null 2>&1
    end=$(seconds)
    times+=("$(echo "($end - $start) * 1000" | bc -l)")
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 11p)

printf 'demo --patients %s: %.2f s (%s sessions, %s database)\n' "$patients" "$demo_s" "$sessions" "$size"
printf 'session log (3 areas, 2 serums, checks included), median of 21 runs: %.1f ms\n' "$median"
