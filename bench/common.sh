#!/usr/bin/env bash
# What bench/run.sh (SQLite) and bench/postgres.sh (PostgreSQL beside SQLite) share: arithmetic
# and formatting, timing fresh processes (bench/measure.py), the Release build and the cached
# demo clinics. Sourced after setting: build, clinics, needlebook, work, and say().

# ---------------------------------------------------------------------------------------------
# Arithmetic and formatting (awk: bash has no floating point)

calc() { awk "BEGIN { printf \"%.10g\", $1 }"; }
# duration SECONDS: "12.3 ms" below a second, "4.56 s" above.
duration() {
    awk -v s="$1" 'BEGIN { if (s < 1) printf "%.1f ms", s * 1000; else printf "%.2f s", s }'
}
megabytes() { awk -v k="$1" 'BEGIN { printf "%.1f MB", k / 1024 }'; }
times() { awk -v r="$1" 'BEGIN { printf "%.2f×", r }'; }
# count N: 20,000 (rounded to a whole number, commas between thousands).
count() { awk -v n="$1" 'BEGIN { printf "%.0f", n }' | sed ':a; s/\B[0-9]\{3\}\>/,&/; ta'; }
# verdict VALUE LIMIT [at-least]: PASS when VALUE <= LIMIT (>= with at-least).
verdict() {
    awk -v v="$1" -v l="$2" -v dir="${3:-at-most}" \
        'BEGIN { ok = (dir == "at-least") ? v >= l : v <= l; print ok ? "PASS" : "FAIL" }'
}
# both RESULT RESULT: PASS only when both pass.
both() { if [ "$1" = PASS ] && [ "$2" = PASS ]; then echo PASS; else echo FAIL; fi; }


# measure RUNS [measure.py options] -- COMMAND... [--versus OTHER_COMMAND...]: sets $seconds
# (median wall time of fresh processes) and $rss_kb (peak RSS with --rss) of the first command;
# $shell_seconds of the second, timed in the same runs, in turn (e.g. the sqlite3 shell doing
# the same work); $medians of all of them, in order. See bench/measure.py.
measure() {
    local out
    out=$(python3 bench/measure.py --runs "$@")
    mapfile -t medians < <(cut -d' ' -f1 <<<"$out")
    read -r seconds rss_kb <<<"${out%%$'\n'*}"
    shell_seconds=${medians[1]:-}
}

# ---------------------------------------------------------------------------------------------
# Build and clinics

build_release() {
    say "building Release into $build/"
    cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >&2
    cmake --build "$build" -j"$(nproc)" >&2
}

# Cached clinics are keyed by the schema version and the binary, so a rebuilt program (whose
# demo may differ) never reuses a clinic made by another.
cache_key() {
    local schema
    schema=$("$needlebook" --version | sed -n 's/.*database schema \([0-9]*\).*/\1/p')
    echo "schema${schema}-$(sha256sum "$needlebook" | cut -c1-12)"
}

clinic() { echo "$clinics/demo-$1-seed7-$key.db"; }
cached() { [ -s "$(clinic "$1")" ]; }

# adopt FILE PATIENTS: keeps a demo clinic made during the run as the cached one. The WAL is
# checkpointed first, because runs copy the main file only.
adopt() {
    sqlite3 "$1" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    if [ -s "$1-wal" ]; then
        say "$1 still has a WAL after the checkpoint"
        exit 1
    fi
    cached "$2" || mv "$1" "$(clinic "$2")"
}

ensure_clinic() {
    cached "$1" && return
    say "making the $(count "$1")-patient demo clinic (cached in $clinics/)"
    rm -f "$work/new.db"
    "$needlebook" --db "$work/new.db" demo --patients "$1" --seed 7 >/dev/null
    # The timed `session log` must not be refused: blocking conditions and short intervals
    # become warnings (still checked, and stored with the session), as no --override with the
    # key of each patient's findings is given.
    local code
    for code in active-infection open-wound eczema psoriasis skin-cancer bleeding-disorder \
        pregnancy metal-allergy anaesthetic-allergy isotretinoin; do
        "$needlebook" --db "$work/new.db" setting set "condition.$code" warn >/dev/null
    done
    "$needlebook" --db "$work/new.db" setting set interval_block_days 0 >/dev/null
    adopt "$work/new.db" "$1"
}
