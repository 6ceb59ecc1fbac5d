#!/bin/bash
# A whole clinic leaves and arrives with everything: a demo clinic with custom settings (time
# zone, depth limits, a device's limit), catalogue products added, amended and retired, lots
# amended and recalled, and records amended, voided, overridden, merged and warned, exported
# with export --all --all-revisions --raw, imported with import --all into a new database made by
# init, and exported again: every record, setting and product file byte-identical, check passes,
# the new trail names the source manifest, and histories print the same. Photos (one amended, one
# voided, one merged with its chart, two records sharing an image) come with their images: the
# same photo rows in both databases and the same bytes in both photo stores. The same for a file
# of current revisions. Then what import --all refuses, each time leaving the database as it was
# (and its photo store empty): a database that holds records, an export edited after it was
# written, a file with a problem, an image changed, missing or not listed.
set -euo pipefail
needlebook=$1
work=$(mktemp -d)
if [ -n "${KEEP:-}" ]; then echo "keeping $work"; else trap 'rm -rf "$work"' EXIT; fi
export NEEDLEBOOK_NOW=2026-11-23T15:00:00Z TZ=Europe/London NEEDLEBOOK_USER=tester HOME=$work
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
at() { NEEDLEBOOK_DB=$work/$1 "$needlebook" "${@:2}"; }
quiet() { "$@" >/dev/null 2>&1 || fail "setup step failed: ${*:2}"; }

# --- the clinic -------------------------------------------------------------------------------
quiet at a.db demo --patients 6 --seed 3
quiet at a.db setting set time_zone Europe/Paris --reason 'the clinic moved to Paris'
quiet at a.db setting set depth_limit.cheek 1.75 --reason 'medical director, per protocol v2'
quiet at a.db setting set depth_limit.jawline.rf 2.00
quiet at a.db setting set clinic_name 'Clinique "Lumière", Paris'
quiet at a.db product add my-serum --name 'House serum' --kind peptides --maker 'Lab, Inc.'
quiet at a.db product amend my-serum --name 'House peptide serum' --reason 'name on the box'
quiet at a.db product amend ha-serum --maker 'Skin Labs' --reason 'maker from the box'
quiet at a.db product retire exosome-serum --reason 'no longer stocked'
quiet at a.db lot add my-serum MS-001 --expires 2027-06-30 --received 2026-11-01 --note '=first lot'
quiet at a.db lot recall MS-001 --reason 'maker recall letter 12' --on 2026-11-22
quiet at a.db condition add P-000001 --code eczema --since 2026-01-01
quiet at a.db condition amend 1 --code psoriasis --reason 'the dermatologist letter says psoriasis'
quiet at a.db consent amend 1 --covers 'microneedling serums prp photos' --reason 'page two of the form was missed'
quiet at a.db reaction amend 1 --severity moderate --reason 'photo reviewed'
quiet at a.db reaction void 3 --reason 'recorded on the wrong session'
quiet at a.db followup void 1 --reason 'entered twice'
quiet at a.db patient amend P-000002 --phone 07700900111 --reason 'new phone'
# A session with an override and a warning, then amended, and one voided.
quiet at a.db session log P-000003 --at '2026-11-23 11:00' --device pen --area cheek=1.70 \
    --area periorbital=0.75 --override 'depth:periorbital=deep lines, discussed and agreed' \
    --serum my-serum@MS-002:during=0.5
quiet at a.db session amend "$(sqlite3 "$work/a.db" 'SELECT max(id) FROM session')" \
    --area cheek=1.60 --area periorbital=0.75 --reason 'depth typed wrong' \
    --override 'depth:periorbital=deep lines, discussed and agreed'
quiet at a.db session void 2 --reason 'logged on the wrong day'
# Images: a JPEG and a PNG (whole by their content), and another JPEG.
python3 - "$work" <<'PY'
import struct, sys, zlib
folder = sys.argv[1]
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
open(f"{folder}/front.jpg", "wb").write(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4 + b"\xff\xd9")
open(f"{folder}/side.jpg", "wb").write(b"\xff\xd8\xff\xe1" + b"side view" * 50 + b"\xff\xd9")
open(f"{folder}/left.png", "wb").write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
                                      + chunk(b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b""))
PY
# A chart registered twice, merged; a chart registered in error, voided.
born=$(sqlite3 "$work/a.db" "SELECT birth_date FROM patient_current WHERE code = 'P-000001'")
quiet at a.db patient add --family Dupont --given Léa --born "$born" --code DUP
quiet at a.db consent add DUP --signed 2026-11-01
quiet at a.db session log DUP --at '2026-11-20 10:00' --device pen --area chin=1.0
quiet at a.db photo add DUP "$work/side.jpg" --view left-profile --taken 2026-11-20 \
    --override 'consent:photos=the patient agreed, the form follows by post'
quiet at a.db patient merge DUP --into P-000001 --reason 'the same person, registered again'
quiet at a.db patient add --family Test --given Entry --born 1990-01-01 --code ERR
quiet at a.db patient void ERR --reason 'a training entry'
# A reaction whose first revision does not fit the session as it was corrected later: only
# a record's newest revision is held to the session as it reads now.
quiet at a.db patient add --family Late --given Lou --born 1980-05-05 --code LATE
quiet at a.db consent add LATE --signed 2026-11-01
late=$(at a.db session log LATE --at '2026-11-10 10:00' --device pen --area cheek=1.0 | sed -n 's/^session \([0-9]*\) logged.*/\1/p')
quiet at a.db reaction add "$late" --kind erythema --severity mild --onset 2026-11-11
reaction=$(sqlite3 "$work/a.db" 'SELECT max(id) FROM reaction')
quiet at a.db reaction amend "$reaction" --onset 2026-11-13 --reason 'the patient said Friday'
quiet at a.db session amend "$late" --at '2026-11-12 10:00' --reason 'logged on the wrong day'
# A course with its sessions, pain and outcome scores (amended, voided), closed and reopened;
# a course of the merged chart moved with it.
quiet at a.db patient add --family Course --given Cora --born 1988-03-03 --code CRS
quiet at a.db consent add CRS --signed 2026-06-01
quiet at a.db course start CRS --indication acne-scars --planned 3 --every 28 --areas cheek,chin \
    --goal 'fewer "rolling" scars' --start 2026-08-01
quiet at a.db assess CRS --scale goodman-baron --score 3 --area cheek:left --on 2026-08-01
quiet at a.db assess CRS --scale mmasi --score 12.25 --on 2026-08-01 --by 'Dr A. Shah'
quiet at a.db session log CRS --at '2026-08-01 10:00' --device pen --area cheek:left=1.5 \
    --indication acne-scars --pain 4
quiet at a.db session log CRS --at '2026-08-29 10:00' --device pen --area cheek:left=1.5 \
    --indication acne-scars --pain 3
quiet at a.db session log CRS --at '2026-09-05 10:00' --device pen --area chin=1.0 \
    --indication acne-scars --course none
quiet at a.db assess CRS --scale goodman-baron --score 2 --area cheek:left --on 2026-10-20
quiet at a.db assess CRS --scale gais-patient --score much-improved --on 2026-10-20 --by patient
mmasi=$(sqlite3 "$work/a.db" "SELECT max(assessment_id) FROM assessment_revision WHERE scale = 'mmasi' AND patient_id = (SELECT id FROM patient WHERE code = 'CRS')")
pain=$(sqlite3 "$work/a.db" "SELECT max(assessment_id) FROM assessment_revision WHERE scale = 'pain-nrs' AND patient_id = (SELECT id FROM patient WHERE code = 'CRS')")
quiet at a.db score amend "$mmasi" --score 11.5 --reason 'recounted the areas'
quiet at a.db score void "$pain" --reason 'scored on the wrong chart' 
course=$(sqlite3 "$work/a.db" "SELECT max(course_id) FROM course_revision WHERE patient_id = (SELECT id FROM patient WHERE code = 'CRS')")
quiet at a.db course close "$course" --outcome stopped --on 2026-10-20 --reason 'moved away'
quiet at a.db course amend "$course" --closed none --reason 'closed by mistake'
quiet at a.db course start P-000004 --indication stretch-marks --planned 2 --every 30 --start 2026-10-01
# Photos: at a session, amended, voided, and one image recorded twice (one file in the store).
quiet at a.db consent add CRS --signed 2026-07-01 --covers photos
first=$(sqlite3 "$work/a.db" "SELECT min(id) FROM session WHERE patient_id = (SELECT id FROM patient WHERE code = 'CRS')")
quiet at a.db photo add CRS "$work/front.jpg" --view front --taken 2026-08-01 --session "$first" --note 'baseline, "flash" off'
quiet at a.db photo add CRS "$work/left.png" --view left-45 --taken 2026-08-01
quiet at a.db photo add CRS "$work/front.jpg" --view front --taken 2026-10-20
photo() { sqlite3 "$work/a.db" "SELECT max(id) FROM photo WHERE file_name = '$1'"; }
quiet at a.db photo amend "$(photo left.png)" --view right-45 --note 'taken from the right' --reason 'views swapped'
quiet at a.db photo void "$(photo front.jpg)" --reason 'the same picture added twice'
# A session of CRS voided, which no photo may name (import refuses a row that does).
quiet at a.db session log CRS --at '2026-11-02 09:00' --device pen --area forehead=0.5
voided=$(sqlite3 "$work/a.db" "SELECT max(id) FROM session")
quiet at a.db session void "$voided" --reason 'logged on the wrong day'
at a.db check >/dev/null || fail "the source clinic does not pass check"
[ "$(sqlite3 "$work/a.db" 'SELECT count(*) FROM photo')" = 4 ] || fail "the clinic does not hold 4 photos"

# The photo records of a database, every revision, by chart code; and its store's files.
photo_rows() {
    sqlite3 "$work/$1" "SELECT i.id, i.sha256, i.bytes, i.media_type, i.file_name, i.created_at,
        r.revision, p.code, r.view, r.taken_on, r.session_id, r.note, r.override_reason, r.voided,
        ${2:-r.author, r.recorded_at, r.reason} FROM photo i JOIN photo_revision r ON r.photo_id = i.id
        JOIN patient p ON p.id = r.patient_id ORDER BY i.id, r.revision"
}
same_store() { # the photo stores of two databases hold the same files with the same bytes
    local file
    [ "$(ls "$work/$1.photos")" = "$(ls "$work/$2.photos")" ] ||
        fail "the photo stores of $1 and $2 list other files: $(ls "$work/$1.photos") / $(ls "$work/$2.photos" 2>&1)"
    for file in "$work/$1.photos"/*; do
        cmp -s "$file" "$work/$2.photos/$(basename "$file")" || fail "$(basename "$file") differs in the store of $2"
    done
}

# --- every revision, round trip ---------------------------------------------------------------
at a.db export --all --all-revisions --raw --output "$work/out" >/dev/null
quiet at b.db init
at b.db import --all "$work/out" >"$work/imported.txt" 2>"$work/warnings.txt" ||
    fail "import --all refused: $(cat "$work/warnings.txt")"
at b.db check >"$work/check.txt" 2>&1 || fail "check fails on the imported clinic: $(cat "$work/check.txt")"
at b.db export --all --all-revisions --raw --output "$work/again" >/dev/null
compare() { # the files of two exports: equal but for each database's own trail
    local first=$1 second=$2 name files=0
    for file in "$first"/*.csv; do
        name=$(basename "$file")
        [ "$name" = audit.csv ] && continue
        if [ "$name" = manifest.csv ]; then
            cmp -s <(grep -v '^audit' "$file") <(grep -v '^audit' "$second/$name") ||
                fail "$name of $(basename "$second") differs"
            continue
        fi
        cmp -s "$file" "$second/$name" || fail "$name differs after the round trip: $(diff "$file" "$second/$name" | head -4)"
        files=$((files + 1))
    done
    echo "$files"
}
files=$(compare "$work/out" "$work/again")
[ "$files" -eq 14 ] || fail "$files files compared, expected 14"
# What the round trip must carry, spelled out (so that a file left empty cannot pass).
grep -q 'Skin Labs' "$work/again/products.csv" || fail "a product's correction was lost"
grep -q '^[0-9]*,exosome-serum,Exosome serum,exosomes,,1,2,tester' "$work/again/products.csv" ||
    fail "a product's retirement was lost"
grep -q '^time_zone,Europe/Paris,2,tester,.*the clinic moved to Paris' "$work/again/settings.csv" ||
    fail "the time zone setting's revision was lost"
grep -q '^depth_limit.jawline.rf,2.00,1,' "$work/again/settings.csv" || fail "a device's limit was lost"
grep -q '^DUP,Dupont,Léa,.*,P-000001,1,2,tester' "$work/again/patients.csv" || fail "the merge was lost"
grep -q 'deep lines, discussed and agreed' "$work/again/sessions.csv" || fail "an override was lost"
grep -q ',1,2,tester,.*,logged on the wrong day' "$work/again/sessions.csv" || fail "a void was lost"
grep -q 'MS-001.*maker recall letter 12' "$work/again/lots.csv" || fail "a recall was lost"
# The new trail: created, then the import naming the manifest and the source's chain head.
sha=$(sha256sum "$work/out/manifest.csv" | cut -d' ' -f1)
head=$(tail -1 "$work/out/manifest.csv" | tr -d '\r' | awk -F, '{print $2 ":" $3}')
[ "$(sqlite3 "$work/b.db" 'SELECT action FROM audit_log WHERE id = 1')" = schema.create ] ||
    fail "audit row 1 of the imported clinic is not its creation"
sqlite3 "$work/b.db" 'SELECT reason FROM audit_log WHERE id = 2 AND action = "database.import"' |
    grep -q "manifest.csv SHA-256 $sha, the exporting database's audit chain head $head" ||
    fail "audit row 2 does not name the manifest ($sha) and chain head ($head)"
grep -q "$sha" "$work/imported.txt" || fail "the confirmation does not name the manifest's SHA-256"
revisions=$(sqlite3 "$work/a.db" 'SELECT (SELECT count(*) FROM patient_revision) + (SELECT count(*) FROM session_revision) + (SELECT count(*) FROM condition_revision)')
audited=$(sqlite3 "$work/b.db" "SELECT count(*) FROM audit_log WHERE action IN ('patient.import', 'session.import', 'condition.import')")
[ "$revisions" = "$audited" ] || fail "$audited import audit rows for $revisions revisions"
# A history prints the same from both (but the lines naming each database's own audit rows).
# The photos: the same rows, every revision; the same images; the export carried them.
[ -n "$(photo_rows a.db)" ] && [ "$(photo_rows a.db)" = "$(photo_rows b.db)" ] ||
    fail "the photo records differ after the round trip: $(diff <(photo_rows a.db) <(photo_rows b.db) | head -4)"
[ "$(ls "$work/a.db.photos" | wc -l)" -eq 3 ] || fail "the source store does not hold 3 images"
same_store a.db b.db
diff -r "$work/out/photos" "$work/again/photos" >/dev/null || fail "the images of the two exports differ"
for file in "$work/a.db.photos"/*; do
    name=photos/$(basename "$file")
    grep -qxF "$name,$(stat -c %s "$file"),$(sha256sum "$file" | cut -d' ' -f1)"$'\r' "$work/out/manifest.csv" ||
        fail "manifest.csv does not list $name with its size and SHA-256"
    cmp -s "$file" "$work/out/$name" || fail "$name in the export is not the stored image"
done
grep -q "^  photos/: 3 images in the photo store" "$work/imported.txt" || fail "the confirmation does not count the images: $(cat "$work/imported.txt")"
grep -q "photo.import" <(sqlite3 "$work/b.db" 'SELECT action FROM audit_log') || fail "no photo import was audited"
for patient in P-000001 P-000003 DUP; do
    cmp -s <(at a.db history "$patient" | sed 5,6d) <(at b.db history "$patient" | sed 5,6d) ||
        fail "the history of $patient differs after the round trip"
done

# --- current revisions, round trip ------------------------------------------------------------
at a.db export --all --raw --output "$work/current" >/dev/null
quiet at c.db init
at c.db import --all "$work/current" >/dev/null 2>"$work/warnings.txt" ||
    fail "import --all of current revisions refused: $(cat "$work/warnings.txt")"
at c.db check >/dev/null 2>&1 || fail "check fails on the clinic imported from current revisions"
at c.db export --all --raw --output "$work/current-again" >/dev/null
files=$(compare "$work/current" "$work/current-again")
[ "$files" -eq 14 ] || fail "$files files compared, expected 14 (current revisions)"
# Current revisions: each photo's newest revision, as revision 1 by the importing user.
current_photos() {
    sqlite3 "$work/$1" "SELECT i.id, i.sha256, i.bytes, i.media_type, i.file_name, p.code, r.view,
        r.taken_on, r.session_id, r.note, r.override_reason, r.voided FROM photo i JOIN photo_revision r
        ON r.photo_id = i.id AND r.revision = (SELECT max(revision) FROM photo_revision WHERE
        photo_id = i.id) JOIN patient p ON p.id = r.patient_id ORDER BY i.id"
}
[ "$(sqlite3 "$work/c.db" 'SELECT count(*), max(revision) FROM photo_revision')" = "4|1" ] ||
    fail "c.db does not hold one revision of each photo"
[ "$(current_photos a.db)" = "$(current_photos c.db)" ] ||
    fail "the current photo records differ: $(diff <(current_photos a.db) <(current_photos c.db) | head -4)"
same_store a.db c.db

# --- refusals: the database is left exactly as it was ------------------------------------------
state() { sqlite3 "$work/$1" 'SELECT count(*), max(id), max(hash) FROM audit_log; SELECT count(*) FROM setting_revision; SELECT count(*) FROM product; SELECT count(*) FROM patient; SELECT count(*) FROM photo'; ls -A "$work/$1.photos" 2>/dev/null || true; }
refused() { # DB EXPECTED-MESSAGE ARGS…: exit 1, the message on stderr, the database unchanged
    local db=$1 message=$2 before
    before=$(state "$db")
    if at "$db" import --all "${@:3}" >/dev/null 2>"$work/error.txt"; then
        fail "import --all ${*:3} into $db was not refused"
    elif ! grep -qF -- "$message" "$work/error.txt"; then
        fail "import --all ${*:3}: expected '$message', got: $(cat "$work/error.txt")"
    fi
    [ "$before" = "$(state "$db")" ] || fail "the refused import --all ${*:3} changed $db"
}
refused a.db "holds a patient: import --all fills only a new database" "$work/out"
cp -r "$work/out" "$work/edited"
sed -i 's/Skin Labs/Skin Lab/' "$work/edited/products.csv"
quiet at e.db init
refused e.db "products.csv differs from the file the export wrote" "$work/edited"
# craft NAME FILE PYTHON [FROM]: a copy of the export (out, or FROM) whose FILE is edited by PYTHON (on `rows`, the
# file's rows as lists, the header first), its row count and SHA-256 put right in the manifest,
# so that what is refused is the edit itself, as someone holding the folder could make it.
craft() {
    rm -rf "${work:?}/$1"
    cp -r "$work/${4:-out}" "$work/$1"
    python3 - "$work/$1" "$2" "$3" <<'PY'
import csv, hashlib, sys
folder, name, edit = sys.argv[1:]
with open(f"{folder}/{name}", newline="", encoding="utf-8") as file:
    rows = list(csv.reader(file))
exec(edit)
with open(f"{folder}/{name}", "w", newline="", encoding="utf-8") as file:
    csv.writer(file, lineterminator="\r\n").writerows(rows)
with open(f"{folder}/{name}", "rb") as file:
    digest = hashlib.sha256(file.read()).hexdigest()
with open(f"{folder}/manifest.csv", newline="", encoding="utf-8") as file:
    manifest = list(csv.reader(file))
for row in manifest:
    if row[0] == name:
        row[1:] = [str(len(rows) - 1), digest]
with open(f"{folder}/manifest.csv", "w", newline="", encoding="utf-8") as file:
    csv.writer(file, lineterminator="\r\n").writerows(manifest)
PY
}
column() { echo "rows[0].index('$1')"; }
# A session's device not in the catalogue (line 3): the first file with problems names them.
craft broken sessions.csv "rows[2][$(column device)] = 'scalpel'"
refused e.db "sessions.csv:3: column device:" "$work/broken"
# What the command line refuses is refused here too: a chart merged into itself, a voided
# record changed again, a revision recorded in the future or before the one it corrects.
craft self patients.csv "
for row in rows[1:]:
    if row[$(column merged_into)]: row[$(column merged_into)] = row[$(column code)]"
refused e.db "a chart cannot be merged into itself" "$work/self"
craft unvoid sessions.csv "
voided = [r for r in rows[1:] if r[$(column voided)] == '1'][0]
again = list(voided); again[$(column voided)] = '0'
again[$(column revision)] = str(int(voided[$(column revision)]) + 1)
rows.insert(rows.index(voided) + 1, again)"
refused e.db "changes it after it was voided; a voided record is never changed" "$work/unvoid"
craft future patients.csv "rows[1][$(column recorded_at)] = '2099-01-01T00:00:00Z'"
refused e.db "2099-01-01T00:00:00Z is in the future" "$work/future"
craft backwards conditions.csv "
later = [r for r in rows[1:] if r[$(column revision)] == '2'][0]
later[$(column recorded_at)] = '2001-01-01T00:00:00Z'"
refused e.db "was recorded at 2001-01-01T00:00:00Z, before its revision 1" "$work/backwards"
# A local time edited in a spreadsheet is not read: named, so the edit is not silently lost.
craft local sessions.csv "rows[1][$(column performed_at_local)] = rows[1][$(column performed_at_local)].replace('T', 'T0', 0).replace(':00+', ':30+', 1)"
refused e.db "sessions.csv:2: column performed_at_local:" "$work/local"
# A table's file the manifest leaves out would be skipped: refused instead.
cp -r "$work/out" "$work/unlisted"
sed -i '/^lots.csv,/d' "$work/unlisted/manifest.csv"
refused e.db "lots.csv is in $work/unlisted but not in its manifest.csv" "$work/unlisted"
# A new database changed behind the program's back (a seeded setting) is not wiped clean of
# the traces: it fails check, and import --all says so.
quiet at f.db init
trigger=$(sqlite3 "$work/f.db" "SELECT sql FROM sqlite_schema WHERE name = 'setting_revision_no_update'")
sqlite3 "$work/f.db" "DROP TRIGGER setting_revision_no_update; UPDATE setting_revision SET value = 'warn' WHERE setting_id = (SELECT id FROM setting WHERE key = 'condition.pregnancy'); $trigger;"
refused f.db "fails check (records:" "$work/out"
# A score on a scale that does not allow it, and a session in another patient's course.
craft badscore scores.csv "rows[1][$(column score)] = '99'"
refused e.db "scores.csv:2: column score: score '99' is not allowed on" "$work/badscore"
# An image changed in the export, missing from it, or not listed in its manifest: refused,
# naming the row and the file, nothing imported and no file left in the new photo store.
image=$(cd "$work/out" && ls photos/*.jpg | head -1)
line=$(grep -n "$(basename "$image" .jpg)" "$work/out/photos.csv" | head -1 | cut -d: -f1)
cp -r "$work/out" "$work/tampered"
printf 'X' | dd of="$work/tampered/$image" bs=1 seek=10 conv=notrunc status=none
refused e.db "photos.csv:$line: column sha256: the image $image differs from the one the export wrote" "$work/tampered"
cp -r "$work/out" "$work/missing"
rm "$work/missing/$image"
refused e.db "photos.csv:$line: column sha256: the image $image is listed in manifest.csv but missing from" "$work/missing"
cp -r "$work/out" "$work/unlisted-image"
sed -i "\\|^$image,|d" "$work/unlisted-image/manifest.csv"
refused e.db "photos.csv:$line: column sha256: the image $image is not listed in manifest.csv" "$work/unlisted-image"
# A row naming an image the export does not carry, its file and manifest put right otherwise.
craft photos photos.csv "rows.append(['999', 'CRS', 'a' * 64, '10', 'image/jpeg', 'x.jpg', 'front',
                                       '2026-08-01', '', '', '', '0', '1', 'tester',
                                       '2026-11-23T15:00:00Z', '2026-11-23T16:00:00+01:00', ''])"
refused e.db "the image photos/$(printf 'a%.0s' {1..64}).jpg is not listed in manifest.csv" "$work/photos"
# A photo row naming a voided session, or another patient's, is refused as 'photo add' refuses
# it: with every revision, the photo's newest revision (the last row of the file); without,
# each row.
newest_photo="last = max(i for i, r in enumerate(rows) if r[$(column file_name)] == 'left.png')"
craft voided-photo photos.csv "$newest_photo; rows[last][$(column session)] = '$voided'"
refused e.db "photos.csv:$(($(grep -n left.png "$work/out/photos.csv" | tail -1 | cut -d: -f1))): column session: session $voided is voided" "$work/voided-photo"
other=$(sqlite3 "$work/a.db" "SELECT min(id) FROM session WHERE patient_id <> (SELECT id FROM patient WHERE code = 'CRS')")
craft other-photo photos.csv "$newest_photo; rows[last][$(column session)] = '$other'" current
refused e.db "column session: session $other is " "$work/other-photo"
grep -q "not CRS's" "$work/error.txt" || fail "a photo naming another patient's session: $(cat "$work/error.txt")"
craft voided-current photos.csv "$newest_photo; rows[last][$(column session)] = '$voided'" current
refused e.db "column session: session $voided is voided" "$work/voided-current"
[ ! -e "$work/e.db.photos" ] || fail "a refused import left the photo store $(ls -A "$work/e.db.photos")"
refused e.db "is not a folder" "$work/out/sessions.csv"
refused e.db "has no manifest.csv" "$work"
at e.db import --all "$work/out" >/dev/null 2>&1 || fail "after the refusals, e.db no longer takes the import"
at e.db check >/dev/null 2>&1 || fail "check fails after refusals and an import"
same_store a.db e.db
# A photo kept without consent and without a reason on file (a file of current revisions):
# imported, with a warning naming the row, as a session's findings are said.
craft no-consent photos.csv "$newest_photo; rows[last][$(column taken_on)] = '2026-06-01'; rows[last][$(column override_reason)] = ''" current
quiet at w.db init
at w.db import --all "$work/no-consent" >/dev/null 2>"$work/warned.txt" || fail "a photo without consent was refused: $(cat "$work/warned.txt")"
grep -q "^needlebook: warning: photos.csv line [0-9]*: photo [0-9]*: consent:photos: " "$work/warned.txt" ||
    fail "no consent warning for a photo without consent: $(cat "$work/warned.txt")"

# An export whose audit row is refused (a clock behind the trail) leaves no file: a clinic's
# data never leaves unlogged.
rows=$(sqlite3 "$work/a.db" 'SELECT count(*) FROM audit_log')
for format in "" "--format xlsx"; do
    if NEEDLEBOOK_NOW=2026-01-01T00:00:00Z at a.db export --all $format --output "$work/late${format:+.xlsx}" >/dev/null 2>"$work/error.txt"; then
        fail "an export with the clock behind the trail was not refused ($format)"
    fi
    grep -q "earlier than the newest audit row" "$work/error.txt" || fail "export $format: $(cat "$work/error.txt")"
done
[ -z "$(ls -d "$work"/late* 2>/dev/null; ls -a "$work" | grep needlebook- || true)" ] ||
    fail "a refused export left files: $(ls -a "$work")"
[ "$rows" = "$(sqlite3 "$work/a.db" 'SELECT count(*) FROM audit_log')" ] || fail "a refused export was audited"

# An image missing or changed in the photo store refuses export --all, naming the photo and
# check, and leaves nothing: no new folder, and no file (image, table or temporary) in a given one.
sqlite3 "$work/a.db" ".backup '$work/d.db'"
cp -r "$work/a.db.photos" "$work/d.db.photos"
damaged=$(ls "$work/d.db.photos"/*.png)
chmod u+w "$damaged" && printf 'X' | dd of="$damaged" bs=1 seek=20 conv=notrunc status=none
mkdir "$work/given"
for folder in "$work/made" "$work/given"; do
    if at d.db export --all --raw --output "$folder" >/dev/null 2>"$work/error.txt"; then
        fail "an export with an image changed in the store was not refused"
    fi
    grep -q "^needlebook: error: photo [0-9]* of CRS: its file $damaged does not hash to the SHA-256 on record (changed); nothing was exported. Run 'needlebook check'" "$work/error.txt" ||
        fail "export with a changed image: $(cat "$work/error.txt")"
done
[ ! -e "$work/made" ] || fail "a refused export left the folder it made: $(ls -A "$work/made")"
[ -z "$(ls -A "$work/given")" ] || fail "a refused export left files in the folder: $(ls -A "$work/given")"
rm "$damaged"
at d.db export --all --raw --output "$work/given" >/dev/null 2>"$work/error.txt" && fail "an export with an image missing from the store was not refused"
grep -q "its file $damaged is missing from the photo store" "$work/error.txt" || fail "export with a missing image: $(cat "$work/error.txt")"
[ -z "$(ls -A "$work/given")" ] || fail "a refused export left files in the folder: $(ls -A "$work/given")"

# A store file that is a symbolic link (to a copy with the right bytes, even) is refused as check
# refuses it, naming the photo and check: export reads the store as check does. Nothing written.
cp "$work/a.db.photos"/*.png "$work/outside.png"
ln -s "$work/outside.png" "$damaged"
at d.db check >"$work/check.txt" 2>&1 && fail "check passed a symbolic link in the store"
grep -q "is a symbolic link" "$work/check.txt" || fail "check with a symbolic link: $(cat "$work/check.txt")"
at d.db export --all --raw --output "$work/given" >/dev/null 2>"$work/error.txt" && fail "an export through a symbolic link in the store was not refused"
grep -q "^needlebook: error: photo [0-9]* of CRS: its file $damaged is a symbolic link, not a regular file .*; nothing was exported. Run 'needlebook check'" "$work/error.txt" ||
    fail "export with a symbolic link: $(cat "$work/error.txt")"
[ -z "$(ls -A "$work/given")" ] || fail "a refused export left files in the folder: $(ls -A "$work/given")"

# A folder used before by another clinic's export: its photos/ holds images this export does not
# list. Refused before anything is written, naming how many and the first; the same clinic's
# own earlier folder is taken again (every image there is listed again).
mkdir -p "$work/reused/photos"
cp "$work/out/photos"/* "$work/reused/photos/"
printf 'stranger' >"$work/reused/photos/0000-another-clinic.jpg"
before=$(ls -A "$work/reused" | sort)
at a.db export --all --raw --output "$work/reused" >/dev/null 2>"$work/error.txt" && fail "an export into a folder holding other images was not refused"
grep -q "^needlebook: error: $work/reused/photos holds 1 file this export does not list (first: 0000-another-clinic.jpg).*Export into a new folder; nothing was exported" "$work/error.txt" ||
    fail "export into a used folder: $(cat "$work/error.txt")"
[ "$before" = "$(ls -A "$work/reused" | sort)" ] || fail "a refused export wrote into the used folder: $(ls -A "$work/reused")"
at a.db export --all --raw --output "$work/out" >/dev/null 2>"$work/error.txt" || fail "a re-export into the clinic's own folder was refused: $(cat "$work/error.txt")"

[ $failures -eq 0 ] && echo "whole-clinic round trip ($(wc -l <"$work/out/sessions.csv") session lines) and refusals hold" || exit 1
