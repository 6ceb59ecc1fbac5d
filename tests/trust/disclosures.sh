#!/usr/bin/env bash
# Every read that shows a patient's data is audited, and `audit --patient P` finds it: patient
# list (with and without --search), session list, the duplicate warnings of patient add and of
# photo add (the same image on another patient's chart), report
# followups, report lot, export of a table and of all, fhir --all and the audit list itself. A
# read that did not show P (a search for someone else, a lot P never received) is not listed
# under P. Each read adds exactly one audit row.
# Usage: disclosures.sh NEEDLEBOOK_BINARY
set -euo pipefail
source "$(dirname "$0")/common.sh"

db=$work/clinic.db
nb() { "$needlebook" --db "$db" "$@"; }
nb demo --patients 6 >/dev/null
# The FHIR export needs the clinic's URI for chart codes.
nb setting set fhir_identifier_system https://clinic.example/chart >/dev/null
# P: a patient who received a serum lot; Q: one who did not receive that lot.
read -r p lot < <(sqlite3 -separator ' ' "$db" "SELECT p.code, u.lot FROM serum_use u
    JOIN session_revision r ON r.id = u.session_revision_id JOIN session s ON s.id = r.session_id
    JOIN patient p ON p.id = s.patient_id ORDER BY u.id LIMIT 1")
q=$(sqlite3 "$db" "SELECT code FROM patient p WHERE NOT EXISTS (SELECT 1 FROM serum_use u
    JOIN session_revision r ON r.id = u.session_revision_id JOIN session s ON s.id = r.session_id
    WHERE s.patient_id = p.id AND lower(u.lot) = lower('$lot')) LIMIT 1")
[ -n "$p" ] && [ -n "$lot" ] && [ -n "$q" ] || die "the demo clinic has no lot to recall"
read -r family given born < <(sqlite3 -separator ' ' "$db" "SELECT family_name, given_name, birth_date
    FROM patient_current WHERE code = '$p'")

rows() { sqlite3 "$db" 'SELECT count(*) FROM audit_log'; }
# one_row LABEL ARGS…: the command exits 0 and adds exactly one audit row.
one_row() {
    local label=$1 before
    shift
    before=$(rows)
    nb "$@" >/dev/null 2>&1 || { fail "$label: exit non-zero"; return; }
    [ "$(($(rows) - before))" -eq 1 ] || fail "$label: added $(($(rows) - before)) audit rows, not 1"
}
one_row "patient list" patient list
one_row "patient list --search Q" patient list --search "$q"
one_row "session list" session list
one_row "report followups" report followups
one_row "report lot" report lot "$lot"
one_row "export patients" export patients --output "$work/patients.csv"
one_row "export sessions" export sessions --output "$work/sessions.csv"
one_row "export --all" export --all --output "$work/all"
one_row "audit" audit
before=$(rows)
nb patient add --family "$family" --given "$given" --born "$born" >/dev/null 2>"$work/dup.err"
grep -q "$p has the same name" "$work/dup.err" || fail "patient add gave no duplicate warning naming $p"
[ "$(($(rows) - before))" -eq 2 ] || fail "patient add with a duplicate warning added $(($(rows) - before)) rows, not 2 (the add and the warning)"
# The same image added for Q after P: the warning names P's chart, a disclosure of its own.
for who in "$p" "$q"; do
    nb consent add "$who" --signed 2026-11-22 --covers photos >/dev/null
done
printf '\xff\xd8\xff\xe0\x00\x10JFIF\x00disclosed\xff\xd9' >"$work/same.jpg"
nb photo add "$p" "$work/same.jpg" --view front --taken 2026-11-22 >/dev/null 2>&1
before=$(rows)
nb photo add "$q" "$work/same.jpg" --view front --taken 2026-11-22 >/dev/null 2>"$work/same.err"
grep -q "same-image: .* of $p, another patient" "$work/same.err" || fail "photo add gave no same-image warning naming $p: $(cat "$work/same.err")"
[ "$(($(rows) - before))" -eq 2 ] || fail "photo add with a same-image warning added $(($(rows) - before)) rows, not 2 (the add and the warning)"

listed() { # PATIENT: the actions `audit --patient` lists for them, as CSV lines
    nb --format csv audit --patient "$1" | awk -F, 'NR > 1 { print $4 }' | sort | uniq -c
}
listed "$p" >"$work/p.txt"
listed "$q" >"$work/q.txt"
for action in patient.list session.list report.followups report.lot export patient.duplicates photo.duplicates audit.list; do
    case $action in
    report.followups) n=$(sqlite3 "$db" "SELECT count(*) FROM audit_disclosure d JOIN audit_log a ON a.id = d.audit_id
        JOIN patient p ON p.id = d.patient_id WHERE a.action = 'report.followups' AND p.code = '$p'")
        [ "$n" -gt 0 ] || continue ;; # P may have nothing open, unfollowed or due
    esac
    grep -qE " $action$" "$work/p.txt" || fail "audit --patient $p does not list the $action read: $(tr '\n' ' ' <"$work/p.txt")"
done
exports=$(awk '$2 == "export" { print $1 }' "$work/p.txt")
[ "${exports:-0}" -eq 3 ] || fail "audit --patient $p lists $exports exports, not 3"
grep -qE " report.lot$" "$work/q.txt" && fail "audit --patient $q lists the recall of lot $lot, which $q never received"
searches=$(awk '$2 == "patient.list" { print $1 }' "$work/p.txt")
[ "${searches:-0}" -eq 1 ] || fail "audit --patient $p lists $searches patient lists, not 1 (the search for $q did not show $p)"
needlebook_check "$db" "after the reads" || true
echo "disclosures: $p is named by $(awk '{ s += $1 } END { print s }' "$work/p.txt") audit rows: $(awk '{ printf "%s %s, ", $1, $2 }' "$work/p.txt")"
finish disclosures
