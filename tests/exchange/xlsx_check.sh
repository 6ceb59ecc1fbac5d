#!/bin/bash
# export --format xlsx opened in LibreOffice: a demo clinic plus a hand-made patient (chart code
# 007, phone 07700900111, a note '=SUM(1,2)', aftercare 'a_x0041_b', a summer session with a
# serum from lot 0123, so local time is an hour past UTC), exported as one workbook of every
# table (with and without --all-revisions) and as one table. LibreOffice (headless, a private
# profile) converts each workbook to OpenDocument, and xlsx_check.py reads the typed cells
# back: text stays text (leading zeros kept, '=SUM' a string, never a formula, '_x0041_' as
# typed), dates are date cells, *_local columns date-times in the clinic's zone, depths and
# counts numbers; the xlsx's own sheets have a frozen header row and an autofilter over every
# row. A write failing half way (a file size limit) leaves no file and no audit row. Skipped
# (77) without soffice.
# Usage: xlsx_check.sh PATH/TO/needlebook      (KEEP_TMP=1 keeps the folder for inspection)
set -euo pipefail
needlebook=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v soffice >/dev/null; then
    echo "skipped: no soffice (LibreOffice); 'bash .ci/setup tests' installs it"
    exit 77
fi
work=$(mktemp -d)
if [ -n "${KEEP_TMP:-}" ]; then echo "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi
cd "$work"
export NEEDLEBOOK_DB=$work/clinic.db NEEDLEBOOK_NOW=2026-11-23T15:00:00Z TZ=Europe/London \
    NEEDLEBOOK_USER=tester HOME=$work LC_ALL=C.UTF-8
nb() { "$needlebook" "$@"; }

nb demo >/dev/null
nb patient add --code 007 --family Zero --given Leading --born 1990-02-03 --phone 07700900111 \
    --note '=SUM(1,2)' >/dev/null
nb consent add 007 --signed 2026-06-01 >/dev/null
nb lot add prp 0123 --expires 2027-01-31 --received 2026-06-01 >/dev/null
nb session log 007 --at '2026-07-01 10:30' --device pen --area cheek:left=1.25x2 \
    --serum prp@0123:during=1.5ml --cartridge-lot 0456 --note '=SUM(1,2)' --aftercare 'a_x0041_b' \
    >/dev/null 2>warnings.txt
nb patient amend 007 --reason 'moved' --phone 07700900222 >/dev/null

nb export --all --format xlsx --output all.xlsx >all.txt
nb export --all --all-revisions --format xlsx --output rev.xlsx >rev.txt
nb export sessions --format xlsx --output sessions.xlsx >sessions.txt
nb --format xlsx export patients --all-revisions --output patients.xlsx >patients.txt
grep -q '^exported 15 tables (.* rows) as the sheets of all.xlsx$' all.txt
grep -q '^exported .* rows of sessions to sessions.xlsx$' sessions.txt
for f in all rev sessions patients; do
    [ "$(stat -c %a $f.xlsx)" = 600 ] || { echo "FAIL: $f.xlsx is not mode 0600"; exit 1; }
done

# LibreOffice's own reading of the workbooks, as OpenDocument (typed cells in content.xml).
timeout 300 soffice -env:UserInstallation=file://$work/profile --headless --norestore \
    --convert-to ods --outdir "$work/ods" all.xlsx rev.xlsx sessions.xlsx patients.xlsx \
    >soffice.log 2>&1 || { cat soffice.log; echo "FAIL: soffice could not convert"; exit 1; }

python3 "$here/xlsx_check.py" "$work"

# A write that fails half way (a 64 KiB file size limit, SIGXFSZ ignored: the rows of sessions
# are larger) exits 1 and leaves no workbook, no temporary file and no audit row.
exports() { sqlite3 "$NEEDLEBOOK_DB" "SELECT count(*) FROM audit_log WHERE action = 'export'"; }
before=$(exports)
mkdir big
rc=0
(ulimit -f 64 && trap '' XFSZ && nb export --all --format xlsx --output big/all.xlsx) \
    >big.out 2>big.err || rc=$?
[ "$rc" = 1 ] || { cat big.err; echo "FAIL: export past the size limit: exit $rc, expected 1"; exit 1; }
grep -q '^needlebook: error: cannot write the workbook big/all.xlsx: .*nothing was written$' big.err ||
    { cat big.err; echo "FAIL: export past the size limit: unexpected message"; exit 1; }
[ -z "$(ls -A big)" ] || { ls -A big; echo "FAIL: export past the size limit left files"; exit 1; }
[ "$(exports)" = "$before" ] || { echo "FAIL: a failed xlsx export added an audit row"; exit 1; }
echo "xlsx check: a failed write leaves nothing"
