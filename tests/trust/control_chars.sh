#!/usr/bin/env bash
# Text that cannot forge a line, tried as a hostile user would:
#  1. Refused, exit 1, one line on stderr naming the field, no control, bidi or invisible
#     character on stderr, the database's .dump unchanged: a line break in --as and in
#     NEEDLEBOOK_USER, a bidi override (RLO), an isolate (LRI…PDI), a zero-width space, a line
#     separator (U+2028), a C1 CSI (U+009B) or a byte that is not UTF-8 in a name; a line break in
#     a name that would print a forged `patient list` row; an ANSI escape (ESC [), a bidi override
#     or a lone CR in a note; a line break in the practitioner, a CR in a serum lot, a BOM in a
#     cartridge lot, an ESC in a void reason, a line break in a product name, an OSC title
#     sequence in the clinic name; a value echoed by an error (a chart code, a date) stays on one
#     line.
#  2. `import patients FILE` applies the same rules: a name with a line break, a bidi override or
#     an escape sequence refuses the whole file, each problem on one line of its own, nothing
#     stored; a header holding an escape sequence is named without it.
#  3. Notes that try to fake rows (a line break followed by a table row, a revision line, an audit
#     row) are stored as typed, and every text view (session show, patient show, patient list,
#     session list, history, audit, with --color always as on a terminal) prints them on their
#     own line: no line starts with the forged text, the line break shows as ⏎, no byte of the
#     note reaches the terminal as a control; JSON and CSV carry the text as typed.
#  4. Rows written behind the program's back (the sqlite3 shell; an older version) with an ESC
#     sequence, a line break, a bidi override and a NUL-free C1 control in a name, a note, an
#     author and an audit actor print escaped in every text view.
# Usage: control_chars.sh NEEDLEBOOK_BINARY
set -euo pipefail
source "$(dirname "$0")/common.sh"

db=$work/clinic.db
passed=0

# run ARGS…: runs needlebook on the test database; sets rc, and out/err (files $work/out, err).
run() {
    rc=0
    "$needlebook" --db "$db" "$@" >"$work/out" 2>"$work/err" || rc=$?
    out=$(cat "$work/out")
    err=$(cat "$work/err")
}

# Does FILE hold no byte that would act on a terminal or hide text: C0 controls but LF, DEL, C1
# controls, bidi controls, zero-width and other invisible characters, line/paragraph separators?
# ALLOW_SGR=1 lets the program's own colour sequences through (ESC [ 0/1/31/33 m).
clean() {
    local file=$1
    if [ "${ALLOW_SGR:-0}" = 1 ]; then
        LC_ALL=C sed -E $'s/\x1b\\[(0|1|31|33)m//g' "$file" >"$work/clean"
        file=$work/clean
    fi
    ! LC_ALL=C grep -qP \
        '[\x00-\x09\x0B-\x1F\x7F]|\xC2[\x80-\x9F]|\xD8\x9C|\xE2\x80[\x8B-\x8F\xA8-\xAE]|\xE2\x81[\xA0-\xA4\xA6-\xAF]|\xEF\xBB\xBF|\xEF\xBF[\xB9-\xBB]' \
        "$file"
}

esc=$'\e'
# Does a line of FILE start (after blanks and a colour sequence) with TEXT?
starts_a_line() { grep -qE "^[[:space:]]*(${esc}\[[0-9;]*m)?$2" "$1"; }

# expect_refused LABEL FIELD ARGS…: exit 1, stderr is one line naming FIELD and clean, the
# database unchanged.
expect_refused() {
    local label=$1 field=$2 before ok=1
    shift 2
    before=$(dump_sha "$db")
    run "$@"
    [ $rc -eq 1 ] || { fail "$label: exit $rc, not 1: $err"; ok=0; }
    case "$err" in
    "needlebook: error: $field "*) ;;
    *) fail "$label: stderr does not start with the field '$field': $err"; ok=0 ;;
    esac
    [ "$(wc -l <"$work/err")" -eq 1 ] || { fail "$label: stderr is not one line: $err"; ok=0; }
    clean "$work/err" || { fail "$label: stderr holds a control or hidden character: $err"; ok=0; }
    [ "$(dump_sha "$db")" = "$before" ] || { fail "$label: the database changed"; ok=0; }
    [ $ok -eq 1 ] && passed=$((passed + 1))
    return 0
}

# expect_unforged LABEL FORGED ARGS…: exit 0, stdout and stderr clean (the program's colours
# aside), no line of stdout starts (after blanks) with FORGED, and stdout shows '⏎FORGED'.
expect_unforged() {
    local label=$1 forged=$2 ok=1
    shift 2
    run "$@"
    [ $rc -eq 0 ] || { fail "$label: exit $rc: $err"; ok=0; }
    ALLOW_SGR=1 clean "$work/out" || { fail "$label: stdout holds a control or hidden character"; ok=0; }
    clean "$work/err" || { fail "$label: stderr holds a control or hidden character"; ok=0; }
    if starts_a_line "$work/out" "$forged"; then
        fail "$label: a line of stdout starts with the forged text '$forged':"$'\n'"$out"
        ok=0
    fi
    grep -qF "⏎$forged" "$work/out" || { fail "$label: stdout lacks '⏎$forged':"$'\n'"$out"; ok=0; }
    [ $ok -eq 1 ] && passed=$((passed + 1))
    return 0
}

"$needlebook" --db "$db" init >/dev/null
"$needlebook" --db "$db" patient add --family Okafor --given Chidi --born 1988-06-14 >/dev/null
"$needlebook" --db "$db" consent add P-000001 --signed 2026-11-01 >/dev/null

# --- 1. refused at the door ---------------------------------------------------------------------
row=$'\nP-000002  Forged, Row  1990-01-01  -'
expect_refused "line break in --as" "the acting user" \
    --as $'dr.lee\n 9  2026-11-23T15:00:00Z  dr.boss  patient.add' patient add --family A --given B --born 1990-01-01
NEEDLEBOOK_USER=$'reception\r\n 9  2026-11-23T15:00:00Z  dr.boss' expect_refused \
    "line break in NEEDLEBOOK_USER" "the acting user" consent add P-000001 --signed 2026-11-02
NEEDLEBOOK_USER=$'dr.\u202eeel' expect_refused "bidi override in NEEDLEBOOK_USER" "the acting user" \
    consent add P-000001 --signed 2026-11-02
expect_refused "bidi override in a family name" "family name" \
    patient add --family $'\u202erofakO' --given Chidi --born 1988-06-14
expect_refused "bidi isolate in a given name" "given name" \
    patient add --family Okafor --given $'\u2067Chidi\u2069' --born 1988-06-14
expect_refused "zero-width space in a family name" "family name" \
    patient add --family $'Oka\u200bfor' --given Chidi --born 1988-06-14
expect_refused "line separator in a family name" "family name" \
    patient add --family $'Okafor\u2028Smith' --given Chidi --born 1988-06-14
expect_refused "C1 CSI in a family name" "family name" \
    patient add --family $'Okafor\u009b2J' --given Chidi --born 1988-06-14
expect_refused "invalid UTF-8 in a family name" "family name" \
    patient add --family $'Oka\xfffor' --given Chidi --born 1988-06-14
expect_refused "forged row in a family name" "family name" \
    patient add --family "Smith$row" --given Ann --born 1985-04-12
expect_refused "ANSI escape in a note" "note" \
    patient amend P-000001 --reason typo --note $'calm\e[2J\e[Hneedlebook: all records deleted'
expect_refused "bidi override in a note" "note" \
    patient amend P-000001 --reason typo --note $'allergy: \u202eenon'
expect_refused "lone CR in a note" "note" \
    patient amend P-000001 --reason typo --note $'allergic to lidocaine\rno allergies known      '
expect_refused "line break in the practitioner" "practitioner" \
    session log P-000001 --at "2026-11-20 10:00" --device pen --area cheek=1.0 --practitioner $'Dr Lee\nDr Boss'
expect_refused "CR in a serum lot" "serum lot" \
    session log P-000001 --at "2026-11-20 10:00" --device pen --area cheek=1.0 --serum $'ha-serum@HA22\r91'
expect_refused "BOM in a cartridge lot" "cartridge lot" \
    session log P-000001 --at "2026-11-20 10:00" --device pen --area cheek=1.0 --cartridge-lot $'\ufeffCL-120'
expect_refused "line break in a product name" "name" \
    product add gf-plus --name $'GF Plus\nha-serum  HA serum' --kind growth-factors
expect_refused "OSC title sequence in the clinic name" "value" \
    setting set clinic_name $'Skin Clinic\e]0;owned\a'
expect_refused "a chart code echoed" "no patient with chart code" patient show $'P-1\e[2J\nneedlebook: ok'
expect_refused "a time echoed" "at '2026-11-20⏎needlebook:" \
    session log P-000001 --at $'2026-11-20\nneedlebook: ok' --device pen --area cheek=1.0

# --- 2. import applies the same rules ----------------------------------------------------------
printf 'code,family_name,given_name,birth_date\r\nQ1,"Smith\nP-000009  Forged",Ann,1980-02-03\r\nQ2,\xe2\x80\xaerofakO,Ann,1980-02-03\r\nQ3,Doe,"Jo\x1b[8m",1980-02-03\r\n' \
    >"$work/patients.csv"
before=$(dump_sha "$db")
run import patients "$work/patients.csv"
ok=1
[ $rc -eq 1 ] || { fail "import: exit $rc, not 1"; ok=0; }
clean "$work/err" || { fail "import: stderr holds a control or hidden character: $err"; ok=0; }
[ "$(dump_sha "$db")" = "$before" ] || { fail "import: the database changed"; ok=0; }
for expected in "  patients.csv:2: column family_name: family name holds a line break (U+000A)" \
    "  patients.csv:4: column family_name: family name holds a bidi control (U+202E)" \
    "  patients.csv:5: column given_name: given name holds an escape character"; do
    grep -qF "$expected" "$work/err" || { fail "import: stderr lacks '$expected…': $err"; ok=0; }
done
[ "$(grep -c '^  patients.csv:' "$work/err")" -eq 3 ] || { fail "import: not 3 problem lines: $err"; ok=0; }
[ $ok -eq 1 ] && passed=$((passed + 1))
printf 'code,family_name,given_name,birth_date,"evil\x1b[2J"\r\nQ1,Doe,Jo,1980-02-03,x\r\n' >"$work/header.csv"
run import patients "$work/header.csv"
if [ $rc -eq 1 ] && clean "$work/err" && grep -qF 'column evil<U+001B>[2J: unknown column' "$work/err"; then
    passed=$((passed + 1))
else
    fail "import of a header with an escape sequence: exit $rc: $err"
fi

# --- 3. notes that try to fake rows -------------------------------------------------------------
nb() { "$needlebook" --db "$db" "$@" >/dev/null; }
nb session log P-000001 --at "2026-11-20 10:00" --device pen --area cheek=1.0 \
    --note $'tolerated well\nFORGED-REVISION revision 1 by dr.boss on 2026-11-20 10:00' \
    --aftercare $'SPF 50\tdaily\r\nFORGED-AFTERCARE  no make-up'
nb reaction add 1 --kind erythema --severity mild --onset 2026-11-20 --note $'mild\nFORGED-REACTION reaction 2: infection, severe'
nb followup add 1 --on 2026-11-22 --outcome reactions --note $'fine\nFORGED-FOLLOWUP 2026-11-23: none'
nb patient amend P-000001 --reason $'phone call\nFORGED-AUDIT' --note "ok${row/P-000002/FORGED-ROW}"
nb session amend 1 --reason $'typo\nFORGED-AMEND  99  2026-11-23T15:00:00Z  dr.boss' --endpoint erythema
expect_unforged "session show: note" FORGED-REVISION session show 1
expect_unforged "session show: aftercare" FORGED-AFTERCARE session show 1
expect_unforged "session show: reaction note" FORGED-REACTION session show 1
expect_unforged "session show: follow-up note" FORGED-FOLLOWUP session show 1
expect_unforged "patient show: note" FORGED-ROW patient show P-000001
expect_unforged "patient show: revision reason" FORGED-AUDIT patient show P-000001
expect_unforged "history: note" FORGED-REVISION history P-000001
expect_unforged "history: correction reason" FORGED-AMEND history P-000001
expect_unforged "history on a terminal: reaction note" FORGED-REACTION --color always history P-000001
expect_unforged "audit list: amendment reason" FORGED-AMEND audit
expect_unforged "audit list on a terminal" FORGED-AUDIT --color always audit --patient P-000001
run --format json session show 1
if [ $rc -eq 0 ] && grep -qF '"note": "tolerated well\nFORGED-REVISION revision 1' "$work/out" &&
    grep -qF '"aftercare": "SPF 50\tdaily\r\nFORGED-AFTERCARE' "$work/out"; then
    passed=$((passed + 1))
else
    fail "JSON does not carry the note as typed: $out"
fi
run --format csv patient list
if [ $rc -eq 0 ] && grep -qF ',"ok' "$work/out" && grep -q '^FORGED-ROW  Forged, Row' "$work/out"; then
    passed=$((passed + 1)) # CSV keeps the line break inside its quotes, as RFC 4180 says
else
    fail "CSV does not carry the note as typed: $out"
fi
needlebook_check "$db" "after the notes" && passed=$((passed + 1))

# --- 4. rows written behind the program's back --------------------------------------------------
legacy=$work/legacy.db
copy_db "$db" "$legacy"
sqlite3 "$legacy" "
    INSERT INTO patient_revision (patient_id, revision, family_name, given_name, birth_date,
        note, author, recorded_at, reason)
    VALUES (1, 99, 'Okafor' || char(27) || '[8m' || char(10) || 'LEGACY-ROW  Forged, Row',
        'Chi' || char(8238) || 'idi', '1988-06-14', 'note' || char(155) || '2J' || char(13) || 'LEGACY-CR',
        'dr.lee' || char(10) || 'LEGACY-AUTHOR', '2026-11-23T15:00:00Z', 'legacy');
    INSERT INTO audit_log (at, actor, action, patient_id, reason)
    VALUES ('2026-11-23T15:00:00Z', 'old' || char(10) || 'LEGACY-ACTOR', 'patient.amend', 1,
        char(27) || ']0;owned' || char(7));"
db=$legacy
for view in "patient list" "patient show P-000001" "history P-000001" "audit" "session list" \
    "--color always history P-000001" "--color always patient list"; do
    # shellcheck disable=SC2086 # the view's words
    run $view
    ok=1
    [ $rc -eq 0 ] || { fail "legacy $view: exit $rc: $err"; ok=0; }
    ALLOW_SGR=1 clean "$work/out" || { fail "legacy $view: stdout holds a control or hidden character"; ok=0; }
    if starts_a_line "$work/out" LEGACY-; then
        fail "legacy $view: a line starts with legacy text:"$'\n'"$out"
        ok=0
    fi
    [ $ok -eq 1 ] && passed=$((passed + 1))
done
run patient show P-000001
if grep -qF 'Okafor<U+001B>[8m⏎LEGACY-ROW  Forged, Row, Chi<U+202E>idi' "$work/out" &&
    grep -qF 'note<U+009B>2J<U+000D>LEGACY-CR' "$work/out" &&
    grep -qF 'revision 99 by dr.lee⏎LEGACY-AUTHOR' "$work/out"; then
    passed=$((passed + 1))
else
    fail "legacy patient show does not show the hidden characters visibly: $out"
fi

echo "control_chars: $passed checks; refused commands left the database as it was"
finish control_chars "$passed"
