#!/usr/bin/env bash
# Measures the targets of issue 11 (Performance) and prints one table: each figure, the sqlite3
# shell doing the same work on the same file (or the figure it must stay close to), the ratio,
# the target and PASS/FAIL. Writes the table and a description of the machine to
# bench/RESULTS.md. See bench/README.md for what each row measures.
#
# Usage: bash bench/run.sh [--quick] [--large]
#   --quick  200 and 2,000 patients, fewer runs; the 20,000-patient clinic only if cached
#            (per-patient commands and reports); no demo, import or fhir rows (minutes each)
#   --large  also the 100,000-patient clinic (demo and the per-patient commands)
# BENCH_DIR=DIR keeps the demo clinics there (default build-bench/clinics).
set -euo pipefail
cd "$(dirname "$0")/.."

quick=0
large=0
for arg in "$@"; do
    case $arg in
        --quick) quick=1 ;;
        --large) large=1 ;;
        -h | --help) sed -n '2,12s/^# \{0,1\}//p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown option $arg (try --help)" >&2; exit 2 ;;
    esac
done

# Besides the build tools (Debian: apt-get install sqlite3 python3 time).
for tool in cmake sqlite3 python3 /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing" >&2; exit 1; }
done

started=$(date +%s)
build="build-bench"
clinics=${BENCH_DIR:-$build/clinics}
needlebook=$PWD/$build/src/needlebook
work=$(mktemp -d "${TMPDIR:-/tmp}/needlebook-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
# Every audit row names this user; a fixed clock from outside would refuse writes made now.
export NEEDLEBOOK_USER=bench
unset NEEDLEBOOK_DB NEEDLEBOOK_NOW

# Repetitions: light commands (a fraction of a second), medium (seconds), heavy (tens of
# seconds), process start-up.
if [ "$quick" = 1 ]; then
    light_runs=5 medium_runs=3 heavy_runs=1 startup_runs=21
else
    light_runs=11 medium_runs=5 heavy_runs=3 startup_runs=21
fi

say() { echo "run.sh: $*" >&2; }

# shellcheck source=common.sh
source bench/common.sh

# ---------------------------------------------------------------------------------------------
# The table: rows are collected with the issue's item number and printed in that order.

rows=$work/rows
: >"$rows"
# row ITEM FIGURE MEASURED REFERENCE RATIO TARGET RESULT
row() {
    local item=$1
    shift
    printf '%s\t| %s | %s | %s | %s | %s | %s |\n' "$item" "$@" >>"$rows"
    say "$(printf '%s: %s (%s, %s) %s' "$1" "$2" "$3" "$4" "$6")"
}
skip() { row "$1" "$2" "—" "—" "—" "$3" "skipped: $4"; }
# A clinic read by commands that do not write: one fresh copy per size, shared by the program
# and the sqlite3 shell; synced, so no write-back of the copy runs during the measurement.
read_copy() {
    local copy=$work/read-$1.db
    [ -s "$copy" ] || { cp "$(clinic "$1")" "$copy" && sync "$copy"; }
    echo "$copy"
}

# ---------------------------------------------------------------------------------------------
# 1. Per-patient commands: flat with the clinic's size

per_patient_commands=("patient add" "session log" "patient show" "session show" "history"
                      "history --format html")
declare -A per_patient # [command@size] = median seconds

# per_patient_args COMMAND: the arguments; {run} is the run number (1..11), so each run
# treats another of the first patients, who are the same in every demo clinic of seed 7.
per_patient_args() {
    case $1 in
        "patient add") args=(patient add --family Bench --given Marker --born 1990-01-01) ;;
        "session log")
            args=(session log 'P-{run:06d}' --at "$session_at" --device pen
                  --area forehead=0.5x2 --area cheek:left=1.0x3 --area cheek:right=1.0x3
                  --serum ha-serum@HA-B7:during --serum gf-serum@GF-A1) ;;
        "patient show") args=(patient show 'P-{run:06d}') ;;
        "session show") args=(session show '{run}') ;;
        "history") args=(history 'P-{run:06d}') ;;
        "history --format html") args=(history 'P-{run:06d}' --format html) ;;
    esac
}

# Each command at every size in the same runs, the sizes in turn, so the ratios between sizes
# are not a machine getting busier. Every one of them writes (an audit row at least): each run
# gets a fresh copy.
measure_per_patient() {
    local command args size db i sizes_in_turn
    for command in "${per_patient_commands[@]}"; do
        per_patient_args "$command"
        sizes_in_turn=()
        for size in "${sizes[@]}"; do
            db=$work/fresh-$size.db
            [ ${#sizes_in_turn[@]} -eq 0 ] || sizes_in_turn+=(--versus)
            sizes_in_turn+=(--fresh "$(clinic "$size")" "$db" "$needlebook" --db "$db" "${args[@]}")
        done
        measure "$light_runs" --per-run -- "${sizes_in_turn[@]}"
        for i in "${!sizes[@]}"; do
            per_patient[$command@${sizes[i]}]=${medians[i]}
            say "$command at $(count "${sizes[i]}") patients: $(duration "${medians[i]}")"
        done
    done
}

per_patient_rows() {
    local size=$1 command base ratio
    for command in "${per_patient_commands[@]}"; do
        base=${per_patient[$command@200]}
        ratio=$(calc "${per_patient[$command@$size]} / $base")
        row 1 "\`$command\`, $(count "$size") patients" \
            "$(duration "${per_patient[$command@$size]}")" "200 patients: $(duration "$base")" \
            "$(times "$ratio")" "≤ 1.3× 200 patients" "$(verdict "$ratio" 1.3)"
    done
}

# ---------------------------------------------------------------------------------------------
# 2. session log against the sqlite3 shell inserting the same rows (bench/sql/session_log.sql)

session_log_vs_shell() {
    local size=$1 args ratio
    per_patient_args "session log"
    measure "$light_runs" --per-run --fresh "$(clinic "$size")" "$work/fresh.db" -- \
        "$needlebook" --db "$work/fresh.db" "${args[@]}" --versus \
        sqlite3 "$work/fresh.db" ".parameter set @code P-{run:06d}" \
        ".read $PWD/bench/sql/session_log.sql"
    ratio=$(calc "$seconds / $shell_seconds")
    row 2 "\`session log\` (3 areas, 2 serums), $(count "$size") patients" \
        "$(duration "$seconds")" "sqlite3: $(duration "$shell_seconds")" \
        "$(times "$ratio")" "≤ 3× sqlite3" "$(verdict "$ratio" 3)"
}

# ---------------------------------------------------------------------------------------------
# 3. export --all against the shell's CSV of the same SELECTs (bench/sql/export.sql)

# export_all SIZE: sets $seconds and $rss_kb, and $shell_seconds for the shell's export of the
# same rows. Each writes over its previous run's files.
export_all() {
    mkdir -p "$work/export" "$work/shell-export"
    measure "$medium_runs" --rss --fresh "$(clinic "$1")" "$work/fresh.db" -- \
        "$needlebook" --db "$work/fresh.db" export --all --output "$work/export" --versus \
        sqlite3 "$work/fresh.db" ".cd $work/shell-export" ".read $PWD/bench/sql/export.sql"
}

export_vs_shell() {
    local size=$1 small_rss ratio
    export_all 200
    small_rss=$rss_kb
    export_all "$size"
    ratio=$(calc "$seconds / $shell_seconds")
    row 3 "\`export --all\`, $(count "$size") patients" "$(duration "$seconds")" \
        "sqlite3: $(duration "$shell_seconds")" "$(times "$ratio")" "≤ 1.3× sqlite3" \
        "$(verdict "$ratio" 1.3)"
    ratio=$(calc "$rss_kb / $small_rss")
    row 3 "\`export --all\` peak RSS, $(count "$size") patients" "$(megabytes "$rss_kb")" \
        "200 patients: $(megabytes "$small_rss")" "$(times "$ratio")" "≤ 1.2× 200 patients" \
        "$(verdict "$ratio" 1.2)"
}

# ---------------------------------------------------------------------------------------------
# 4. import of a whole clinic, table by table, against the shell's .import

import_tables=(patients conditions consents sessions reactions followups)

# import_clinic SIZE: the raw export of the clinic, imported into a freshly initialised
# database each run, and by the shell (one sqlite3 process per file too) into new tables named
# after the CSV headers; sets $seconds, $rss_kb, $shell_seconds and $records.
import_clinic() {
    local size=$1 raw=$work/raw-$1 table table_rows program=() shell=()
    cp "$(clinic "$size")" "$work/source.db"
    "$needlebook" --db "$work/source.db" export --all --raw --output "$raw" >/dev/null
    [ -s "$work/empty.db" ] || "$needlebook" --db "$work/empty.db" init >/dev/null
    records=0
    for table in "${import_tables[@]}"; do
        table_rows=$(awk -F, -v file="$table.csv" '$1 == file { print $2 }' "$raw/manifest.csv")
        records=$((records + table_rows))
        if [ ${#program[@]} -gt 0 ]; then
            program+=(--then)
            shell+=(--then)
        fi
        program+=("$needlebook" --db "$work/import.db" import "$table" "$raw/$table.csv")
        shell+=(sqlite3 "$work/shell-import.db" "PRAGMA journal_mode = WAL"
                "PRAGMA synchronous = FULL" ".import --csv $raw/$table.csv $table")
    done
    # The program's database outlives the shell's turn: round_trip reads it.
    measure "$heavy_runs" --warmup 0 --rss -- --fresh "$work/empty.db" "$work/import.db" \
        "${program[@]}" --versus --clean "$work/shell-import.db" "${shell[@]}"
}

# The re-export of what was imported must equal the export it came from, byte for byte.
round_trip() {
    local raw=$work/raw-$1 file
    "$needlebook" --db "$work/import.db" export --all --raw --output "$work/again" >/dev/null
    for file in "$raw"/*.csv; do
        # Each database keeps its own trail: audit.csv and the manifest differ.
        case "$(basename "$file")" in manifest.csv | audit.csv) continue ;; esac
        cmp -s "$file" "$work/again/$(basename "$file")" || { echo "differs"; return; }
    done
    echo "byte-identical"
}

import_vs_shell() {
    local size=$1 small=$2 small_rss trip rate ratio result
    import_clinic "$small"
    small_rss=$rss_kb
    import_clinic "$size"
    trip=$(round_trip "$size")
    say "import round trip at $(count "$size") patients: $trip"
    rate=$(calc "$records / $seconds")
    ratio=$(calc "$seconds / $shell_seconds")
    result=$(both "$(verdict "$rate" 30000 at-least)" "$(verdict "$ratio" 5)")
    [ "$trip" = byte-identical ] || result="FAIL (round trip $trip)"
    row 4 "\`import\` of $(count "$records") records (6 tables), $(count "$size") patients" \
        "$(duration "$seconds"), $(count "$rate") records/s" \
        "sqlite3 .import: $(duration "$shell_seconds")" "$(times "$ratio")" \
        "≥ 30,000 records/s and ≤ 5× sqlite3" "$result"
    ratio=$(calc "$rss_kb / $small_rss")
    row 4 "\`import\` peak RSS, $(count "$size") patients" "$(megabytes "$rss_kb")" \
        "$(count "$small") patients: $(megabytes "$small_rss")" "$(times "$ratio")" \
        "≤ 1.2× $(count "$small") patients" "$(verdict "$ratio" 1.2)"
}

# ---------------------------------------------------------------------------------------------
# 5. demo: one run each (it takes minutes at 100,000); the clinic made is kept in the cache

declare -A demo_seconds
measure_demo() {
    local size=$1
    say "timing demo --patients $(count "$size") (one run)"
    measure 1 --warmup 0 --clean "$work/demo.db" -- \
        "$needlebook" --db "$work/demo.db" demo --patients "$size" --seed 7
    demo_seconds[$size]=$seconds
    adopt "$work/demo.db" "$size"
    rm -f "$work/demo.db"
}

demo_rows() {
    row 5 "\`demo --patients 20000\` (one run)" "$(duration "${demo_seconds[20000]}")" "—" "—" \
        "≤ 20 s" "$(verdict "${demo_seconds[20000]}" 20)"
    if [ "$large" = 1 ]; then
        local ratio
        ratio=$(calc "${demo_seconds[100000]} / ${demo_seconds[20000]}")
        row 5 "\`demo --patients 100000\` (one run)" "$(duration "${demo_seconds[100000]}")" \
            "20,000 patients: $(duration "${demo_seconds[20000]}")" "$(times "$ratio")" \
            "≤ 5.5× 20,000 patients" "$(verdict "$ratio" 5.5)"
    else
        skip 5 "\`demo --patients 100000\`" "≤ 5.5× 20,000 patients" "needs --large"
    fi
}

# ---------------------------------------------------------------------------------------------
# 6. fhir --all: time, memory, and memory flat with size (no sqlite3 counterpart)

fhir_all() { # SIZE: sets $seconds and $rss_kb
    # The export needs the clinic's URI for chart codes: a copy of the clinic with it set, its
    # WAL checkpointed as runs copy the main file only.
    cp "$(clinic "$1")" "$work/fhir-clinic.db"
    "$needlebook" --db "$work/fhir-clinic.db" setting set fhir_identifier_system \
        https://clinic.example/chart >/dev/null
    sqlite3 "$work/fhir-clinic.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    measure "$heavy_runs" --warmup 0 --rss --fresh "$work/fhir-clinic.db" "$work/fresh.db" -- \
        "$needlebook" --db "$work/fresh.db" fhir --all --output "$work/bundle.json"
}

fhir_rows() {
    local size=$1 small=$2 small_rss ratio
    fhir_all "$small"
    small_rss=$rss_kb
    fhir_all "$size"
    row 6 "\`fhir --all\`, $(count "$size") patients" "$(duration "$seconds")" "—" "—" "≤ 15 s" \
        "$(verdict "$seconds" 15)"
    row 6 "\`fhir --all\` peak RSS, $(count "$size") patients" "$(megabytes "$rss_kb")" "—" "—" \
        "≤ 150 MB" "$(verdict "$rss_kb" $((150 * 1024)))"
    ratio=$(calc "$rss_kb / $small_rss")
    row 6 "\`fhir --all\` peak RSS, $(count "$size") vs $(count "$small") patients" \
        "$(megabytes "$rss_kb")" "$(count "$small") patients: $(megabytes "$small_rss")" \
        "$(times "$ratio")" "≤ 1.2× $(count "$small") patients" "$(verdict "$ratio" 1.2)"
}

# ---------------------------------------------------------------------------------------------
# 7. check against the shell's own integrity and foreign-key checks (check does not write)

check_vs_shell() {
    local size=$1 db ratio
    db=$(read_copy "$size")
    measure "$medium_runs" -- "$needlebook" --db "$db" check --versus \
        sqlite3 "$db" "PRAGMA integrity_check" "PRAGMA foreign_key_check"
    ratio=$(calc "$seconds / $shell_seconds")
    row 7 "\`check\`, $(count "$size") patients" "$(duration "$seconds")" \
        "sqlite3: $(duration "$shell_seconds")" "$(times "$ratio")" "≤ 3× sqlite3" \
        "$(verdict "$ratio" 3)"
}

# ---------------------------------------------------------------------------------------------
# 8. Reports: under half a second at 20,000 patients, and no worse than linear in size

# report_at SIZE ARGS...: the report on the clinic of that size, for measure.py. Recovery
# reads only (one shared copy); followups writes an audit row naming every patient listed, so
# it gets a fresh copy each run.
report_at() {
    local size=$1 db
    shift
    if [ "$1" = followups ]; then
        db=$work/fresh-$size.db
        report_command=(--fresh "$(clinic "$size")" "$db" "$needlebook" --db "$db" report "$@")
    else
        report_command=("$needlebook" --db "$(read_copy "$size")" report "$@")
    fi
}

# Both sizes in the same runs, in turn.
report_rows() {
    local size=$1 small=$2 by small_seconds ratio report report_command small_command
    for by in kind area depth fitzpatrick device serum followups; do
        report=(recovery --by "$by")
        [ "$by" = followups ] && report=(followups)
        report_at "$small" "${report[@]}"
        small_command=("${report_command[@]}")
        report_at "$size" "${report[@]}"
        measure "$light_runs" -- "${small_command[@]}" --versus "${report_command[@]}"
        small_seconds=$seconds
        seconds=$shell_seconds
        ratio=$(calc "$seconds / $small_seconds")
        row 8 "\`report ${report[*]}\`, $(count "$size") patients" "$(duration "$seconds")" \
            "$(count "$small") patients: $(duration "$small_seconds")" "$(times "$ratio")" \
            "≤ 0.5 s and ≤ 12× $(count "$small") patients" \
            "$(both "$(verdict "$seconds" 0.5)" "$(verdict "$ratio" 12)")"
    done
}

# ---------------------------------------------------------------------------------------------
# 9. Start-up

startup_vs_shell() {
    local ratio
    measure "$startup_runs" -- "$needlebook" --version --versus sqlite3 --version
    ratio=$(calc "$seconds / $shell_seconds")
    row 9 "\`needlebook --version\` (start-up)" "$(duration "$seconds")" \
        "sqlite3 --version: $(duration "$shell_seconds")" "$(times "$ratio")" "≤ 2× sqlite3" \
        "$(verdict "$ratio" 2)"
}

# ---------------------------------------------------------------------------------------------
# The machine, for RESULTS.md

machine() {
    local commit built spawn
    commit=$(git rev-parse --short HEAD)
    # The program is built from these; bench/ changes nothing in it.
    built=$(git log -1 --format=%h -- src schema cmake CMakeLists.txt)
    git diff --quiet HEAD -- src schema cmake CMakeLists.txt || built="$built + uncommitted changes"
    measure 21 -- true
    spawn=$(duration "$seconds")
    cat <<EOF
| machine | |
|---|---|
| date | $(date -u '+%Y-%m-%d %H:%M UTC') |
| git commit | $commit on $(git rev-parse --abbrev-ref HEAD) (program sources as of $built) |
| program | $("$needlebook" --version) (Release, $build/) |
| CPU | $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(nproc) cores |
| RAM | $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo) |
| kernel | $(uname -sr) |
| sqlite3 | $(sqlite3 --version | cut -d' ' -f1-2) |
| python3 | $(python3 --version | cut -d' ' -f2) (measure.py; starting \`true\` takes $spawn) |
EOF
}

# ---------------------------------------------------------------------------------------------

build_release
mkdir -p "$clinics"
key=$(cache_key)
# Clinics made by another binary or schema are of no further use.
find "$clinics" -maxdepth 1 -name 'demo-*.db' ! -name "*-$key.db" -delete

ensure_clinic 200
ensure_clinic 2000
if [ "$quick" = 0 ]; then
    measure_demo 20000
    [ "$large" = 0 ] || measure_demo 100000
fi

# The sizes the per-patient commands run at, and the one the other rows use. --quick uses the
# 20,000 and 100,000-patient clinics only if cached, for the per-patient commands (and the
# 20,000 one for the reports).
sizes=(200 2000)
main=2000
if [ "$quick" = 0 ]; then
    main=20000
elif ! cached 20000; then
    say "no cached 20,000-patient clinic: rows that need it are skipped (run without --quick once)"
fi
! cached 20000 || sizes+=(20000)
if [ "$large" = 1 ] && cached 100000; then
    sizes+=(100000)
elif [ "$large" = 1 ]; then
    say "no cached 100,000-patient clinic: rows that need it are skipped (run without --quick once)"
fi

session_at=$(date -u +%Y-%m-%dT%H:%MZ) # now: the demo clinics' sessions are all before it
measure_per_patient
for size in "${sizes[@]:1}"; do
    per_patient_rows "$size"
done
cached 20000 || skip 1 "per-patient commands, 20,000 patients" "≤ 1.3× 200 patients" \
    "no cached 20,000-patient clinic"
if [ "$large" = 0 ]; then
    skip 1 "per-patient commands, 100,000 patients" "≤ 1.3× 200 patients" "needs --large"
elif ! cached 100000; then
    skip 1 "per-patient commands, 100,000 patients" "≤ 1.3× 200 patients" \
        "no cached 100,000-patient clinic"
fi

session_log_vs_shell "$main"
export_vs_shell "$main"
if [ "$quick" = 0 ]; then
    import_vs_shell 20000 2000
    demo_rows
    fhir_rows 20000 2000
else
    skip 4 "\`import\`, 20,000 patients" "≥ 30,000 records/s and ≤ 5× sqlite3; RSS ≤ 1.2×" "--quick"
    skip 5 "\`demo\`, 20,000 and 100,000 patients" "≤ 20 s; ≤ 5.5× 20,000" "--quick"
    skip 6 "\`fhir --all\`, 20,000 patients" "≤ 15 s, ≤ 150 MB, RSS ≤ 1.2×" "--quick"
fi
check_vs_shell "$main"
if cached 20000; then
    report_rows 20000 2000
else
    skip 8 "reports, 20,000 patients" "≤ 0.5 s and ≤ 12× 2,000" "no cached 20,000-patient clinic"
fi
startup_vs_shell

# ---------------------------------------------------------------------------------------------

mode="bash bench/run.sh $*"
elapsed=$(($(date +%s) - started))
table=$(
    echo "| figure (median of fresh processes) | measured | compared with | ratio | target" \
        "| result |"
    echo "|---|---|---|---|---|---|"
    sort -s -n -k1,1 "$rows" | cut -f2-
)
echo "$table"
passed=$(grep -c '| PASS |$' <<<"$table" || true)
failed=$(grep -c '| FAIL' <<<"$table" || true)
say "$passed passed, $failed failed, in $((elapsed / 60)) min $((elapsed % 60)) s"

{
    echo "# Benchmark results"
    echo
    echo "Written by \`${mode% }\` in $((elapsed / 60)) min $((elapsed % 60)) s: $passed passed,"
    echo "$failed failed. What each row measures: [README.md](README.md). Timings on a shared"
    echo "machine are noisy; the ratios measured in the same run are the figures to compare."
    echo
    machine
    echo
    echo "$table"
} >bench/RESULTS.md
say "wrote bench/RESULTS.md"
