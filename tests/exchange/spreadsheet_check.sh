#!/bin/bash
# export --all checked file by file with Python's csv module (spreadsheet_check.py): a demo
# clinic plus a hand-made patient whose text holds commas, quotes, CR, LF, CRLF, tabs, emoji and
# formula starts (= + - @ TAB CR), exported three ways:
#   default:  export --all --output out
#   raw:      export --all --raw --output raw
#   history:  export --all --all-revisions --bom --output rev
# Every file must be RFC 4180 (CRLF, minimal quoting, doubled quotes), UTF-8, as many fields in
# each row as in its fixed header, spreadsheet-safe unless --raw, typed numbers and ISO dates,
# mode 0600, listed in manifest.csv with its row count and SHA-256, and hold every record.
# Also: a failed write (stdout on /dev/full, a file size limit, and, when a C compiler is at
# hand, a rename made to fail by an LD_PRELOAD shim) exits 1 and leaves no file and no audit row.
# Usage: spreadsheet_check.sh PATH/TO/needlebook      (needs python3 only; KEEP_TMP=1 keeps
# the folder for inspection)
set -euo pipefail
needlebook=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
if [ -n "${KEEP_TMP:-}" ]; then echo "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi
cd "$work"
export NEEDLEBOOK_DB=$work/clinic.db NEEDLEBOOK_NOW=2026-11-23T15:00:00Z TZ=Europe/London \
    NEEDLEBOOK_USER=tester HOME=$work LC_ALL=C.UTF-8
nb() { "$needlebook" "$@"; }

nb demo >/dev/null
# The hand-made patient: every kind of nasty text, in every table. Names and other single-line
# fields refuse line breaks and tabs, so CR, LF and TAB are in the free-text notes.
nb patient add --code Z-NASTY --family $'O\'Neil, "Jr"' --given '=1+1' \
    --born 1990-01-01 --fitzpatrick III --phone '+44 1234' --email '@evil@example.org' \
    --note $'-minus first\nthen LF\r\nthen CRLF, emoji 🎉 and a "quote"' >/dev/null
nb patient amend Z-NASTY --reason '=HYPERLINK("http://x.example")' --note $'\tTAB first' >/dev/null
nb condition add Z-NASTY --code anticoagulants --note $'\t=tab then formula' >/dev/null
nb condition resolve Z-NASTY --code anticoagulants --on 2026-01-01 >/dev/null
nb consent add Z-NASTY --signed 2026-06-01 --guardian '=all areas, "face"' >/dev/null
session=$(nb session log Z-NASTY --at '2026-11-22 10:00' --device pen --area cheek:left=1.25x2 \
    --area periorbital=0.75 --override 'depth:periorbital=+deep lines' --serum prp@=LOT-1:during \
    --practitioner '@doc' --model '=cmd|'"'"' /C calc'"'"'!A0' --cartridge-lot=-CL1 \
    --note $'=SUM(1,2)\nnext line' --aftercare '+ ice, "cold"' | sed -n 's/^session \([0-9]*\) logged.*/\1/p')
nb reaction add "$session" --kind erythema --severity mild --onset 2026-11-22 --note $'\r\n@risk, CR first' >/dev/null
nb followup add "$session" --on 2026-11-23 --outcome reactions --note=- >/dev/null

nb export --all --output out >out.txt
nb export --all --raw --output raw >raw.txt
nb export --all --all-revisions --bom --output rev >rev.txt

python3 "$here/spreadsheet_check.py" "$needlebook" "$work" "$session"
