#!/bin/bash
# Prints a history to PDF in a real browser (headless Chromium) and checks the pages: A4, the
# running header (clinic and patient) on every page, and every session, depth, lot, reaction,
# correction and override in the printed text. Exit 77 (skipped) when Chromium is missing.
set -euo pipefail
needlebook=$1
for tool in chromium pdftotext pdfinfo; do
    command -v "$tool" >/dev/null || { echo "skipped: $tool is not installed (bash .ci/setup)"; exit 77; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NEEDLEBOOK_DB=$work/clinic.db NEEDLEBOOK_NOW=2026-11-23T15:00:00Z TZ=Europe/London \
    NEEDLEBOOK_USER=manager HOME=$work
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
nb() { "$needlebook" "$@" >/dev/null; }

# A hand-built patient with everything a history must show.
nb init
nb setting set clinic_name 'Riverside Skin Clinic'
nb patient add --code PRINT-1 --family "O'Brien" --given 'Ann <b>' --born 1985-04-12 --fitzpatrick IV
nb consent add PRINT-1 --signed 2026-01-05
nb condition add PRINT-1 --code eczema --since 2025-01-01
nb condition resolve PRINT-1 --code eczema --on 2025-06-01
nb session log PRINT-1 --at '2026-01-10 10:00' --device pen --model 'Dermapen 4' --cartridge 16-pin \
    --cartridge-lot CL-771 --area cheek:left=1.25x3 --area cheek:right=1.25x3 --area forehead=0.5 \
    --serum ha-serum@HA-2291:during --note 'Patient asked about <script>alert(1)</script> & more'
nb reaction add 1 --kind erythema --severity moderate --onset 2026-01-10 --resolved 2026-01-16 --area cheek:left
nb followup add 1 --on 2026-01-17 --outcome reactions --note 'settling'
nb session log PRINT-1 --at '2026-01-20 10:00' --device pen --area periorbital=0.75 \
    --override 'depth:periorbital=deep lines, patient informed and agreed'
nb reaction add 2 --kind bruising --severity mild --onset 2026-01-21 --area periorbital
nb session amend 2 --reason 'depth typed wrong' --area periorbital=0.25
nb session log PRINT-1 --at '2026-02-20 10:00' --device roller --area neck=0.5
nb session void 3 --reason 'logged for the wrong patient'
for i in 4 5 6 7 8; do
    nb session log PRINT-1 --at "2026-0$i-15 11:00" --device pen --area cheek:left=1.0x2 \
        --area chin=0.75 --serum gf-serum@GF-$i:after
    nb reaction add $((i + 0)) --kind dryness-peeling --severity mild --onset 2026-0$i-17 \
        --resolved 2026-0$i-2$i --area chin 2>/dev/null || true
done
"$needlebook" history PRINT-1 --format html --output "$work/history.html" >/dev/null

# Self-contained: no script, no external resource; typed text is escaped.
html=$work/history.html
grep -qi '<script' "$html" && fail "the HTML contains a <script> element"
grep -Eqi '(src|href)=|@import|url\(' "$html" && fail "the HTML refers to an external resource"
grep -q '&lt;script&gt;alert(1)&lt;/script&gt; &amp; more' "$html" || fail "a typed note is not escaped"
grep -q '<svg' "$html" || fail "no inline SVG chart"
[ "$(stat -c %a "$html")" = 600 ] || fail "history.html is not mode 0600"

print_pdf() { # html pdf
    timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
        --no-first-run --no-default-browser-check --disable-background-networking \
        --disable-extensions --user-data-dir="$work/chromium" --no-pdf-header-footer \
        --print-to-pdf="$2" "file://$1" >/dev/null 2>&1
}
print_pdf "$html" "$work/history.pdf"
pages=$(pdfinfo "$work/history.pdf" | awk '/^Pages:/ {print $2}')
size=$(pdfinfo "$work/history.pdf" | awk '/^Page size:/ {print $3 "x" $5}')
echo "hand-built patient: $pages pages, $size pt"
[[ $size == 59[45]*x84[12]* ]] || fail "pages are $size pt, not A4 (595 x 842)"
[ "$pages" -ge 3 ] || fail "only $pages pages for 8 sessions with charts"
for ((page = 1; page <= pages; page++)); do
    text=$(pdftotext -f $page -l $page "$work/history.pdf" -)
    grep -q 'Riverside Skin Clinic' <<<"$text" || fail "page $page has no clinic header"
    grep -q "PRINT-1 · O'Brien, Ann <b>" <<<"$text" || fail "page $page has no patient header"
done
# Lines the browser wrapped are joined: a phrase is found wherever the page broke it.
all=$(pdftotext "$work/history.pdf" - | tr -s ' \n' '  ')
for expected in 'SESSION 1 2026-01-10 10:00' 'SESSION 2 2026-01-20 10:00' 'SESSION 3 2026-02-20 10:00' \
    'SESSION 8 2026-08-15 11:00' 'VOIDED: logged for the wrong patient' 'CL-771' 'HA-2291' 'GF-8' \
    '1.25' '0.25' 'depth typed wrong' 'area periorbital: 0.75 mm -> 0.25 mm' \
    'depth:periorbital' 'deep lines, patient informed and agreed' 'R1' 'R2' 'prolonged' 'open' 'settling' \
    'eczema' 'signed 2026-01-05' 'Needle depth per area' 'Reactions from onset to resolution'; do
    grep -qF -- "$expected" <<<"$all" || fail "the PDF does not show '$expected'"
done

# The demo clinic's first patient: one session heading per session on file.
export NEEDLEBOOK_DB=$work/demo.db
nb demo
"$needlebook" history P-000001 --format html --output "$work/demo.html" >/dev/null
print_pdf "$work/demo.html" "$work/demo.pdf"
demo_sessions=$("$needlebook" --format csv session list --patient P-000001 --voided | tail -n +2 | wc -l)
printed=$(pdftotext "$work/demo.pdf" - | grep -c '^SESSION [0-9]')
echo "demo patient P-000001: $demo_sessions sessions on file, $printed printed, $(pdfinfo "$work/demo.pdf" | awk '/^Pages:/ {print $2}') pages"
[ "$printed" -eq "$demo_sessions" ] || fail "printed $printed sessions of $demo_sessions"

[ $failures -eq 0 ] && echo "history prints correctly" || exit 1
