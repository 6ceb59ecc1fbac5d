#!/usr/bin/env bash
# A raw sqlite3 session cannot rewrite history: UPDATE and DELETE on record tables fail and the
# rows stay as they were. Usage: raw_sqlite_guard.sh NEEDLEBOOK_BINARY
set -euo pipefail
needlebook=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export NEEDLEBOOK_DB=$dir/clinic.db NEEDLEBOOK_NOW=2026-11-23T15:00:00Z TZ=Europe/London NEEDLEBOOK_USER=tester
"$needlebook" init >/dev/null
"$needlebook" patient add --family Smith --given Ann --born 1985-04-02 >/dev/null
"$needlebook" session log P-000001 --at "2026-11-20 10:00" --device pen --area cheek=1.0 >/dev/null 2>&1
before=$(sqlite3 "$NEEDLEBOOK_DB" .dump)
failures=0
for statement in \
    "UPDATE patient_revision SET family_name = 'Jones'" \
    "DELETE FROM patient_revision" \
    "UPDATE patient SET code = 'X'" \
    "UPDATE session_area SET depth_mm = 0.25" \
    "DELETE FROM session_area" \
    "UPDATE session_revision SET voided = 1" \
    "DELETE FROM session" \
    "UPDATE audit_log SET actor = 'someone else'" \
    "DELETE FROM audit_log"; do
    if sqlite3 "$NEEDLEBOOK_DB" "$statement" 2>/dev/null; then
        echo "FAIL: raw sqlite3 accepted: $statement"
        failures=$((failures + 1))
    fi
done
after=$(sqlite3 "$NEEDLEBOOK_DB" .dump)
if [ "$before" != "$after" ]; then
    echo "FAIL: the database changed"
    failures=$((failures + 1))
fi
[ $failures -eq 0 ] && echo "raw sqlite3 UPDATE/DELETE refused; nothing changed"
exit $failures
