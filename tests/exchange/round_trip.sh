#!/bin/bash
# The round trip of issue 4: export --all --raw, import every table into a fresh database,
# export --all --raw again: every file byte-identical but the audit trail's (import --all of
# a whole export is tested by clinic_round_trip.sh). On the demo clinic plus a patient with
# nasty strings (quotes, commas, CR/LF, emoji, leading = + - @, a very long note). Then a file
# broken on one line is refused, naming that line, and leaves the database unchanged.
set -euo pipefail
needlebook=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NEEDLEBOOK_NOW=2026-11-23T15:00:00Z TZ=Europe/London NEEDLEBOOK_USER=tester HOME=$work
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
at() { NEEDLEBOOK_DB=$work/$1 "$needlebook" "${@:2}"; }

at a.db demo >/dev/null
long=$(printf 'very long note %.0s' $(seq 1 600))
at a.db patient add --code NASTY --family "O'Brien, \"Jr\"" --given '=Ann "Line two"' \
    --born 1985-04-12 --fitzpatrick VI --phone '+44 7700 900000' --email '@home@example.org' \
    --note "$long 😀" >/dev/null
at a.db consent add NASTY --signed 2026-06-01 --covers 'microneedling, serums' --guardian '-all areas, "face" and neck' >/dev/null
at a.db condition add NASTY --code rosacea-flare --since 2026-01-01 --note '=HYPERLINK("x")' >/dev/null
at a.db session log NASTY --at '2026-11-20 10:00' --device pen --area periorbital=0.75 \
    --area cheek:left=1.25x3 --serum 'ha-serum@=LOT,1"x:during' --cartridge-lot '+CL 7' \
    --note $'multi\r\nline, "quoted" 😀' --override 'depth:periorbital=@deep lines, informed' >/dev/null 2>&1
at a.db reaction add 178 --kind erythema --severity mild --onset 2026-11-20 --area cheek:left \
    --note '-cold pack' >/dev/null
at a.db followup add 178 --on 2026-11-22 --outcome reactions --note $'tab\tinside' >/dev/null
at a.db session void 3 --reason 'wrong chart' >/dev/null

at a.db export --all --raw --output "$work/first" >/dev/null
at b.db init >/dev/null
for table in patients conditions consents lots courses sessions reactions followups scores; do
    at b.db import "$table" "$work/first/$table.csv" >/dev/null 2>"$work/warnings.txt" ||
        { fail "import $table refused: $(cat "$work/warnings.txt")"; }
done
at b.db export --all --raw --output "$work/second" >/dev/null
rows=0
for file in "$work"/first/*.csv; do
    name=$(basename "$file")
    # Each database keeps its own audit trail: audit.csv, its manifest row and the chain head
    # differ; every record, setting and product is the same.
    [ "$name" = audit.csv ] && continue
    if [ "$name" = manifest.csv ]; then
        cmp -s <(grep -v '^audit' "$file") <(grep -v '^audit' "$work/second/$name") || fail "$name differs after the round trip"
        tail -1 "$file" | grep -qE '^audit chain head,[0-9]+,[0-9a-f]{64}'$'\r''$' || fail "$name does not end with the audit chain head"
        continue
    fi
    cmp -s "$file" "$work/second/$name" || fail "$name differs after the round trip"
    rows=$((rows + $(wc -l <"$file")))
done
grep -q '😀' "$work/second/sessions.csv" || fail "the emoji did not survive"
echo "round trip: $(ls "$work/first" | wc -l) files, $rows lines, byte-identical"

# A broken row on line 4 of a sessions file: named, and nothing imported.
at c.db init >/dev/null
at c.db import patients "$work/first/patients.csv" >/dev/null
before=$(sqlite3 "$work/c.db" "SELECT count(*) FROM session_revision; SELECT count(*) FROM audit_log")
awk 'NR == 4 { sub(/,pen,/, ",scalpel,") } { print }' "$work/first/sessions.csv" >"$work/broken.csv"
if at c.db import sessions "$work/broken.csv" 2>"$work/error.txt"; then
    fail "a file with a broken line was imported"
fi
grep -q 'broken.csv:4: column device:' "$work/error.txt" ||
    fail "the error does not name line 4 and the device column: $(cat "$work/error.txt")"
after=$(sqlite3 "$work/c.db" "SELECT count(*) FROM session_revision; SELECT count(*) FROM audit_log")
[ "$before" = "$after" ] || fail "the refused import changed the database"

# Thirty broken lines (a birth date not in the calendar): the first 20 listed, then the count.
{
    printf 'code,family_name,given_name,birth_date\r\n'
    for i in $(seq 1 30); do printf 'Q%s,Doe,Jo,1980-02-30\r\n' "$i"; done
} >"$work/many.csv"
at c.db import patients "$work/many.csv" 2>"$work/error.txt" && fail "30 broken lines were imported"
listed=$(grep -c 'many.csv:[0-9]*: column birth_date:' "$work/error.txt" || true)
[ "$listed" -eq 20 ] || fail "$listed problems listed, not the first 20"
grep -q '… and 10 more' "$work/error.txt" || fail "the count of the other 10 is missing"
grep -q '(30 problems)' "$work/error.txt" || fail "the total of 30 is missing"
after=$(sqlite3 "$work/c.db" "SELECT count(*) FROM session_revision; SELECT count(*) FROM audit_log")
[ "$before" = "$after" ] || fail "the refused import changed the database"

[ $failures -eq 0 ] && echo "round trip and refusal hold" || exit 1
