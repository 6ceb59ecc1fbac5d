#!/usr/bin/env bash
# Tampering behind the program's back: on a `demo --patients 30` database, each case edits its own
# copy with the sqlite3 shell (the guarding triggers dropped first) or overwrites bytes of a page,
# and `needlebook check` must exit 1 and name the row on stderr
# ("F failed its check: SECTION: ..."), with a FAULT line in the table on stdout.
#   a  an audit row's actor and reason edited        -> the audit row's id
#   b  a middle audit row deleted                    -> the missing id
#   c  a session_area depth_mm changed               -> the session's audit row and session id
#   d  a patient_revision family_name changed        -> the patient's audit row and patient id
#   e  a patient_revision inserted by hand           -> that patient and revision
#   f  a reaction_revision deleted                   -> the reaction (its audit row, or foreign keys)
#   g  64 bytes over a middle b-tree page's header   -> check exits 1; `patient add` exits 1 and
#      leaves the file (and -wal) byte for byte, or is stored in pages that are sound; check
#      still exits 1 after it and backup refuses to copy the file; read-only commands exit 0
#      or fail cleanly
#   h  an untouched copy                             -> check exits 0
#   i  a photo's file in the store replaced by a symbolic link to the same bytes outside it
#                                                    -> the photo and its chart (never followed)
# The original demo database passes check as well.
# Usage: tamper.sh NEEDLEBOOK_BINARY
set -euo pipefail
source "$(dirname "$0")/common.sh"
command -v python3 >/dev/null || die "python3 is needed to overwrite a page"

demo=$work/demo.db
"$needlebook" --db "$demo" demo --patients 30 >/dev/null
sqlite3 "$demo" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
needlebook_check "$demo" "the original demo database" || true

cases=0
injected=0
found=0
messages=()

# A fresh copy of the demo database for one case: prints its path.
fresh() {
    local dest=$work/case-$1.db
    copy_db "$demo" "$dest"
    echo "$dest"
}

# Runs check on DB; sets check_rc, check_err (stderr), check_out (stdout).
run_check() {
    check_rc=0
    "$needlebook" --db "$1" check >"$work/check.out" 2>"$work/check.err" || check_rc=$?
    check_out=$(cat "$work/check.out")
    check_err=$(cat "$work/check.err")
}

# Does TEXT contain NUMBER as a whole number right after WORD? has_id TEXT WORD NUMBER
has_id() { echo "$1" | grep -qE "$2 $3([^0-9]|$)"; }

# expect_fault CASE DB PATTERN…: check exits 1, stderr says "failed its check", the table shows
# FAULT, and stderr matches every extended regex PATTERN.
expect_fault() {
    local name=$1 db=$2 pattern ok=1
    shift 2
    cases=$((cases + 1))
    injected=$((injected + 1))
    checks_run=$((checks_run + 1))
    run_check "$db"
    if [ $check_rc -ne 1 ]; then
        fail "$name: check exited $check_rc, not 1: $check_err"
        ok=0
    fi
    if ! echo "$check_err" | grep -q "failed its check: "; then
        fail "$name: stderr lacks 'failed its check: SECTION: ...': $check_err"
        ok=0
    fi
    if ! echo "$check_out" | grep -qE '^[a-z ]+ +FAULT '; then
        fail "$name: the table on stdout shows no FAULT: $check_out"
        ok=0
    fi
    for pattern in "$@"; do
        if ! echo "$check_err" | grep -qE "$pattern"; then
            fail "$name: the message does not name /$pattern/: $check_err"
            ok=0
        fi
    done
    [ $ok -eq 1 ] && found=$((found + 1))
    messages+=("$name: $(echo "${check_err#needlebook: error: }" | sed "s#$work/##g")")
}

# Rows picked from the middle of the demo database.
audit_max=$(sqlite3 "$demo" 'SELECT max(id) FROM audit_log')
mid_audit=$(sqlite3 "$demo" "SELECT min(id) FROM audit_log WHERE id >= $((audit_max / 2)) AND record_kind IS NOT NULL")

# a: an audit row's actor and reason edited.
db=$(fresh a)
sqlite3 "$db" "DROP TRIGGER audit_log_no_update;
               UPDATE audit_log SET actor = 'mallory', reason = 'nothing to see' WHERE id = $mid_audit"
expect_fault "a audit row $mid_audit edited" "$db" "audit chain: " "audit row $mid_audit([^0-9]|$)"

# b: a middle audit row deleted.
gone=$((mid_audit + 3))
db=$(fresh b)
sqlite3 "$db" "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = $gone"
[ "$(sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE id = $gone")" = 0 ] || die "b: row $gone not deleted"
expect_fault "b audit row $gone deleted" "$db" "audit chain: " "(^|[^0-9])$gone([^0-9]|$)"

# c: a session_area's depth changed; the session's audit row and the session are named.
read -r area_id session_id session_rev < <(sqlite3 -separator ' ' "$demo" "
    SELECT a.id, r.session_id, r.revision FROM session_area a
    JOIN session_revision r ON r.id = a.session_revision_id
    ORDER BY a.id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM session_area)")
session_audit=$(sqlite3 "$demo" "SELECT id FROM audit_log WHERE record_kind = 'session'
                                 AND record_id = $session_id AND revision = $session_rev")
db=$(fresh c)
sqlite3 "$db" "DROP TRIGGER session_area_no_update;
               UPDATE session_area SET depth_mm = CASE WHEN depth_mm < 2.5 THEN depth_mm + 0.5
                                                        ELSE depth_mm - 0.5 END WHERE id = $area_id"
expect_fault "c session_area $area_id depth changed" "$db" "records: " \
    "audit row $session_audit([^0-9]|$)" "session $session_id([^0-9]|$)"

# d: a patient's family name changed.
patient_id=$(sqlite3 "$demo" 'SELECT id FROM patient ORDER BY id LIMIT 1 OFFSET 14')
patient_audit=$(sqlite3 "$demo" "SELECT id FROM audit_log WHERE record_kind = 'patient'
                                 AND record_id = $patient_id AND revision = 1")
db=$(fresh d)
sqlite3 "$db" "DROP TRIGGER patient_revision_no_update;
               UPDATE patient_revision SET family_name = 'Forged' WHERE patient_id = $patient_id"
expect_fault "d patient $patient_id family name changed" "$db" "records: " \
    "audit row $patient_audit([^0-9]|$)" "patient $patient_id([^0-9]|$)"

# e: a patient revision inserted by hand (the insert trigger only stops REPLACE).
hand_patient=$(sqlite3 "$demo" 'SELECT id FROM patient ORDER BY id LIMIT 1 OFFSET 6')
hand_rev=$(($(sqlite3 "$demo" "SELECT max(revision) FROM patient_revision WHERE patient_id = $hand_patient") + 1))
db=$(fresh e)
sqlite3 "$db" "INSERT INTO patient_revision (patient_id, revision, family_name, given_name, birth_date,
                                             author, recorded_at, reason)
               SELECT patient_id, $hand_rev, 'Hand', 'Made', birth_date, 'mallory',
                      '2026-11-23T15:00:00Z', 'typed in sqlite3'
               FROM patient_revision WHERE patient_id = $hand_patient AND revision = 1"
expect_fault "e patient $hand_patient revision $hand_rev inserted by hand" "$db" "records: " \
    "patient $hand_patient revision $hand_rev([^0-9]|$)"

# f: a reaction revision deleted: named through its audit row (or, failing that, foreign keys).
reaction_id=$(sqlite3 "$demo" 'SELECT reaction_id FROM reaction_revision ORDER BY id
                               LIMIT 1 OFFSET (SELECT count(*) / 2 FROM reaction_revision)')
db=$(fresh f)
sqlite3 "$db" "DROP TRIGGER reaction_revision_no_delete;
               DELETE FROM reaction_revision WHERE reaction_id = $reaction_id"
expect_fault "f reaction $reaction_id revision deleted" "$db" \
    "(records: .*reaction $reaction_id([^0-9]|$)|foreign keys: )"

# f2: a lot identity row put in by hand, with no revision: it would block 'lot add' of that
# number for good, and no audit row says who wrote it.
db=$(fresh f2)
sqlite3 "$db" "INSERT INTO lot (kind, product_id, lot, created_at)
               SELECT 'serum', id, 'HAND-1', '2026-11-23T15:00:00Z' FROM product WHERE code = 'gf-serum'"
hand_lot=$(sqlite3 "$db" "SELECT id FROM lot WHERE lot = 'HAND-1'")
expect_fault "f2 lot $hand_lot without a revision" "$db" "records: .*lot $hand_lot has no revision"

# g: 64 bytes over the header of a b-tree page in the middle of the file.
db=$(fresh g)
sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
page=$(python3 - "$db" <<'EOF'
import struct, sys
with open(sys.argv[1], "r+b") as f:
    head = f.read(100)
    size = struct.unpack(">H", head[16:18])[0] or 65536
    size = 65536 if size == 1 else size
    pages = struct.unpack(">I", head[28:32])[0]
    for k in range(pages // 2, pages):  # k is 0-based: page k + 1
        f.seek(size * k)
        if f.read(1)[0] in (2, 5, 10, 13):  # interior/leaf index/table b-tree page
            f.seek(size * k)
            f.write(b"\xff" * 64)
            print(k + 1)
            break
    else:
        sys.exit("no b-tree page in the second half")
EOF
) || die "g: could not overwrite a page"
files_sha() {
    local f
    for f in "$db" "$db-wal"; do
        if [ -e "$f" ]; then sha256sum "$f" | cut -c1-64; else echo "no ${f##*.db}"; fi
    done | tr '\n' ' '
}
before=$(files_sha)
expect_fault "g page $page header overwritten" "$db" "(integrity|foreign keys|audit chain|records): "
# A write reads only the pages it needs, each checked as it is read (the whole-file pass belongs
# to check, backup and seal): refused with the file left byte for byte, or stored in sound pages.
write_rc=0
"$needlebook" --db "$db" patient add --family After --given Damage --born 1990-01-01 \
    >"$work/g.out" 2>"$work/g.err" || write_rc=$?
if [ $write_rc -eq 1 ]; then
    [ -s "$work/g.err" ] || fail "g: patient add refused without a message"
    messages+=("g patient add: $(sed -e 's/^needlebook: error: //' -e "s#$work/##g" "$work/g.err")")
    [ "$before" = "$(files_sha)" ] || fail "g: a refused patient add changed the damaged file"
elif [ $write_rc -eq 0 ]; then
    messages+=("g patient add: stored; the pages it read were sound")
else
    fail "g: patient add on the damaged file exited $write_rc: $(cat "$work/g.err" "$work/g.out")"
fi
# Either way the damage is still named by check, and backup refuses to copy it.
run_check "$db"
[ $check_rc -eq 1 ] || fail "g: after patient add, check exited $check_rc, not 1: $check_err"
backup_rc=0
"$needlebook" --db "$db" backup "$work/g-backup.db" >"$work/g.backup.out" 2>"$work/g.backup.err" ||
    backup_rc=$?
[ $backup_rc -eq 1 ] || fail "g: backup of the damaged file exited $backup_rc, not 1"
[ ! -e "$work/g-backup.db" ] || fail "g: backup left a copy of the damaged file"
messages+=("g backup: $(sed -e 's/^needlebook: error: //' -e "s#$work/##g" "$work/g.backup.err" | head -1)")
# Reads: exit 0 (an audited read writes its audit row), or exit 1 with one message on stderr and
# the file unchanged (no crash, no stack of errors).
reads_ok=0
reads_refused=0
for cmd in "patient list" "session list" "report recovery" "audit" "patient show P-000001"; do
    rc=0
    before=$(files_sha)
    # shellcheck disable=SC2086
    "$needlebook" --db "$db" $cmd >"$work/g.read.out" 2>"$work/g.read.err" || rc=$?
    if [ $rc -eq 0 ]; then
        reads_ok=$((reads_ok + 1))
    elif [ $rc -eq 1 ] && [ "$(wc -l <"$work/g.read.err")" -ge 1 ] &&
        grep -q '^needlebook: error: ' "$work/g.read.err"; then
        reads_refused=$((reads_refused + 1))
        messages+=("g $cmd: $(sed -e 's/^needlebook: error: //' -e "s#$work/##g" "$work/g.read.err" | head -1)")
        [ "$before" = "$(files_sha)" ] || fail "g: the refused '$cmd' changed the damaged file"
    else
        fail "g: '$cmd' on the damaged file exited $rc: $(head -3 "$work/g.read.err")"
    fi
done

# h: an untouched copy passes.
cases=$((cases + 1))
db=$(fresh h)
run_check "$db"
checks_run=$((checks_run + 1))
if [ $check_rc -ne 0 ]; then
    fail "h untouched copy: check exited $check_rc: $check_err"
else
    messages+=("h untouched copy: check exited 0 ($(echo "$check_out" | grep -c ' ok ') sections ok)")
fi
# i: a photo's store file replaced by a symbolic link to a copy of its bytes outside the store.
db=$(fresh i)
printf '\xff\xd8\xff\xe0\x00\x10JFIF\x00tamper\xff\xd9' >"$work/i.jpg"
day=2026-11-22 # the day before NEEDLEBOOK_NOW
"$needlebook" --db "$db" consent add P-000001 --signed "$day" --covers photos >/dev/null 2>&1 ||
    fail "i: consent add failed"
photo=$("$needlebook" --db "$db" photo add P-000001 "$work/i.jpg" --view front --taken "$day" 2>/dev/null |
    sed -n 's/^photo \([0-9]*\) recorded.*/\1/p') || true
if [ -z "$photo" ]; then
    fail "i: photo add failed"
else
    stored=$(ls "$db.photos"/*.jpg)
    cp "$stored" "$work/i-outside.jpg"
    rm "$stored"
    ln -s "$work/i-outside.jpg" "$stored"
    expect_fault "i photo $photo file a symbolic link" "$db" "photos: " \
        "photo $photo of P-000001: .*symbolic link"
fi

# And the original is still fine after all this.
needlebook_check "$demo" "the original demo database, at the end" || true

echo "tamper: $cases cases, $injected faults injected, $found found and named;" \
    "damaged file: patient add exit $write_rc, backup refused, reads $reads_ok ok / $reads_refused refused cleanly"
for m in "${messages[@]}"; do echo "  $m"; done
finish tamper
