#!/usr/bin/env bash
# A clinic moved between a SQLite file and a PostgreSQL server with 'needlebook copy', and the
# server's own check and backup (tests/pg/run_with_server.sh provides the server):
#  - the demo clinic goes from a file onto the server and back into a new file: check passes on
#    each, every audit row (with each record's fingerprint) is the same on all three, every
#    content table of the file that came back holds exactly the first file's rows, and
#    histories and reports print the same;
#  - refused, changing nothing: a copy onto a server database that holds records, one by a
#    login that does not own the tables, one into an existing file that holds records;
#  - 'backup' on the server writes a verified SQLite file, which copies onto a new server
#    database as the same clinic;
#  - 'check' on the server, as the auditor: passes; a trigger disabled by the owner, or a row
#    changed with the triggers off, fails it (exit 1, naming what), and check changes nothing;
#  - export --all on the server writes the same files as on the file it came from (the trail
#    aside), photos included, and import --all of it onto a new server database gives the same
#    clinic again;
#  - photos: images go from the file's photo store into the server's photo_image and back, the
#    same bytes; a photo added on the server is stored there and printed in a history; a
#    server backup carries them in FILE.photos/; an image changed on the server fails check.
# Usage: copy_both_ways.sh NEEDLEBOOK_BINARY
set -uo pipefail
source "$(dirname "$0")/common.sh"
cd "$work" || exit 1
export NEEDLEBOOK_USER=tester
nb() { "$needlebook" "$@"; }
sql() { # sql DATABASE QUERY: one value per line
    psql -X -q -At -v ON_ERROR_STOP=1 -d "$1" -c "$2"
}
created() { psql -X -q -d postgres -c "CREATE DATABASE $1" || exit 1; }

nb --db first.db demo --patients 40 >/dev/null || exit 1
# Two photos (one image shared by two records), so images travel with the clinic.
printf '\xff\xd8\xff\xe0\x00\x10JFIF\x00front\xff\xd9' >front.jpg
printf "$(echo 89504E470D0A1A0A0000000D4948445200000000000000000000000000000000000000000049454E44AE426082 | sed 's/../\\x&/g')" >side.png
first_code=$(sqlite3 first.db "SELECT code FROM patient ORDER BY id LIMIT 1")
for image in front.jpg side.png front.jpg; do
    nb --db first.db photo add "$first_code" "$image" --view front >"$work/photo.out" 2>&1 ||
        fail "photo add $image to the file: $(cat "$work/photo.out")"
done
created moved
nb copy --from first.db --to postgresql:///moved >"$work/to.out" || fail "copy onto the server: $(cat "$work/to.out")"
grep -q "^verified: .*schema ok" "$work/to.out" || fail "the copy onto the server was not verified: $(cat "$work/to.out")"
nb --db postgresql:///moved check >/dev/null || fail "check on the server after the copy"
nb copy --from postgresql:///moved --to back.db >"$work/back.out" || fail "copy back into a file: $(cat "$work/back.out")"
nb --db back.db check >/dev/null || fail "check on the file that came back"

# Every audit row alike, with each record's fingerprint (record_hash), up to the server's copy
# row; the file that came back has those rows and the server's copy row too.
audit_columns="id, at, actor, action, coalesce(patient_id, -1), record_kind, coalesce(record_id, -1), coalesce(revision, -1), reason, prev_hash, hash, record_hash"
copied=$(sqlite3 first.db "SELECT max(id) - 1 FROM audit_log") # the first file's own copy row is last
sqlite3 -separator '|' first.db "SELECT $audit_columns FROM audit_log WHERE id <= $copied ORDER BY id" >"$work/audit.first"
sql moved "SELECT $audit_columns FROM audit_log WHERE id <= $((copied + 1)) ORDER BY id" >"$work/audit.server"
sqlite3 -separator '|' back.db "SELECT $audit_columns FROM audit_log WHERE id <= $((copied + 1)) ORDER BY id" >"$work/audit.back"
cmp -s <(head -n "$copied" "$work/audit.server") "$work/audit.first" || fail "audit rows differ between the first file and the server: $(diff "$work/audit.first" <(head -n "$copied" "$work/audit.server") | head -4)"
cmp -s "$work/audit.server" "$work/audit.back" || fail "audit rows differ between the server and the file that came back: $(diff "$work/audit.server" "$work/audit.back" | head -4)"
[ "$(wc -l <"$work/audit.first")" -gt 500 ] || fail "the demo clinic's trail is too short to prove anything: $(wc -l <"$work/audit.first") rows"

# The images: in photo_image on the server, byte for byte; in the store beside the file that came
# back, the same files as beside the first.
[ "$(sql moved "SELECT count(*) FROM photo_image")" = 2 ] || fail "the server does not hold the 2 images"
for image in front.jpg side.png; do
    hash=$(sha256sum <"$image" | cut -c1-64)
    [ "$(sql moved "SELECT encode(sha256(content), 'hex') FROM photo_image WHERE sha256 = '$hash'")" = "$hash" ] ||
        fail "$image is not on the server as added"
    cmp -s "$image" back.db.photos/"$hash".${image##*.} || fail "$image did not come back beside back.db"
done
grep -q "^photos: 2" "$work/to.out" || grep -q "2 images" "$work/to.out" || fail "the copy onto the server does not count its images: $(cat "$work/to.out")"

# Every content table of the file that came back holds the first file's rows, value for value.
for table in $(sqlite3 first.db "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name <> 'audit_log' ORDER BY name"); do
    a=$(sqlite3 first.db "SELECT * FROM \"$table\" ORDER BY 1" | sha256sum)
    b=$(sqlite3 back.db "SELECT * FROM \"$table\" ORDER BY 1" | sha256sum)
    [ "$a" = "$b" ] || fail "table $table differs after the round trip"
done
[ "$(sqlite3 back.db "SELECT count(*) FROM session_area")" -gt 100 ] || fail "too few session areas came back"

# What a clinic prints is the same wherever the clinic lives (the heading names the printer's
# audit row and login, which differ).
code=$(sqlite3 first.db "SELECT code FROM patient ORDER BY id LIMIT 1")
for where in first.db postgresql:///moved back.db; do
    nb --db "$where" history "$code" | sed '1,/^[0-9]*:[0-9a-f]\{64\}$/d' >"$work/history.$(basename "$where")"
    nb --db "$where" report recovery >"$work/recovery.$(basename "$where")"
done
[ "$(grep -c "session" "$work/history.first.db")" -gt 2 ] || fail "the history compared holds no sessions"
cmp -s "$work/history.first.db" "$work/history.moved" || fail "history differs on the server"
cmp -s "$work/history.first.db" "$work/history.back.db" || fail "history differs after the round trip"
cmp -s "$work/recovery.first.db" "$work/recovery.moved" || fail "recovery report differs on the server"
cmp -s "$work/recovery.first.db" "$work/recovery.back.db" || fail "recovery report differs after the round trip"

# ---- export --all and import --all on a server ----------------------------------------------
nb --db first.db export --all --raw --output "$work/from-file" >/dev/null || fail "export --all of the file"
nb --db postgresql:///moved export --all --raw --output "$work/from-server" >/dev/null || fail "export --all on the server"
for file in "$work"/from-file/*.csv "$work"/from-file/photos/*; do
    name=${file#"$work"/from-file/}
    case $name in audit.csv | manifest.csv) continue ;; esac # each database's own trail
    cmp -s "$file" "$work/from-server/$name" || fail "export --all: $name differs between the file and the server"
done
[ "$(ls "$work"/from-server/photos | wc -l)" = 2 ] || fail "the server's export does not carry its 2 images"
created imported
nb --db postgresql:///imported init >/dev/null || fail "init imported"
nb --db postgresql:///imported import --all "$work/from-server" >"$work/import.out" 2>&1 || fail "import --all on a server: $(cat "$work/import.out")"
nb --db postgresql:///imported check >/dev/null || fail "check after import --all on a server"
[ "$(sql imported "SELECT count(*) FROM photo_image")" = 2 ] || fail "import --all did not put the 2 images in photo_image"
nb --db postgresql:///imported export --all --raw --output "$work/again" >/dev/null || fail "export of the imported clinic"
for file in "$work"/from-server/*.csv; do
    name=$(basename "$file")
    case $name in audit.csv | manifest.csv) continue ;; esac
    cmp -s "$file" "$work/again/$name" || fail "import --all on a server: $name came back different"
done

# ---- refusals, nothing changed ---------------------------------------------------------------
rows=$(sql moved "SELECT count(*) FROM audit_log")
if nb copy --from back.db --to postgresql:///moved >/dev/null 2>"$work/err"; then
    fail "a copy onto a server database holding a clinic was accepted"
fi
grep -q "holds a patient: copy fills only a new database" "$work/err" || fail "unclear refusal: $(cat "$work/err")"
[ "$(sql moved "SELECT count(*) FROM audit_log")" = "$rows" ] || fail "the refused copy changed the server"

created fresh
nb --db postgresql:///fresh init >/dev/null || fail "init fresh"
psql -X -q -d postgres -c "CREATE ROLE copy_mgr LOGIN IN ROLE needlebook_manager; CREATE ROLE copy_aud LOGIN IN ROLE needlebook_auditor" || exit 1
if nb copy --from first.db --to postgresql://copy_mgr@/fresh >/dev/null 2>"$work/err"; then
    fail "a manager filled a server database by copy"
fi
grep -q "only by the owner of its tables" "$work/err" || fail "unclear refusal of a manager's copy: $(cat "$work/err")"
[ "$(sql fresh "SELECT count(*) FROM patient")" = 0 ] || fail "the manager's refused copy left patients"

before=$(sha256sum <back.db)
if nb copy --from first.db --to back.db >/dev/null 2>"$work/err"; then
    fail "a copy into a file holding a clinic was accepted"
fi
[ "$(sha256sum <back.db)" = "$before" ] || fail "the refused copy changed the file"

# ---- backup on the server, restored onto another server database ------------------------------
PGUSER=copy_mgr nb --db postgresql:///moved backup server.bak >"$work/backup.out" || fail "backup on the server: $(cat "$work/backup.out")"
grep -q "^verified: integrity ok" "$work/backup.out" || fail "the server's backup was not verified"
nb --db server.bak check >/dev/null || fail "check of the server's backup"
[ "$(sql moved "SELECT count(*) FROM audit_log WHERE action = 'database.backup' AND actor = 'copy_mgr'")" = 1 ] ||
    fail "the backup is not audited in the manager's name"
if nb --db postgresql:///moved restore server.bak >/dev/null 2>"$work/err"; then
    fail "restore onto a server was accepted"
fi
grep -q "copy the backup into an empty database instead" "$work/err" || fail "unclear refusal of restore on a server: $(cat "$work/err")"
created restored
nb copy --from server.bak --to postgresql:///restored >/dev/null || fail "copy of the server's backup onto a new database"
nb --db postgresql:///restored history "$code" | sed '1,/^[0-9]*:[0-9a-f]\{64\}$/d' >"$work/history.restored"
cmp -s "$work/history.first.db" "$work/history.restored" || fail "history differs after backup and restore"
[ "$(ls server.bak.photos | wc -l)" = 2 ] || fail "the server's backup does not carry its 2 images: $(ls server.bak.photos 2>&1)"
[ "$(sql restored "SELECT count(*) FROM photo_image")" = 2 ] || fail "the backup's images did not go onto the new database"

# ---- photos added on the server ----------------------------------------------------------------
printf '\xff\xd8\xff\xe0\x00\x10JFIF\x00on the server\xff\xd9' >server.jpg
hash=$(sha256sum <server.jpg | cut -c1-64)
nb --db postgresql:///moved photo add "$first_code" server.jpg --view left-45 >"$work/photo.out" 2>&1 ||
    fail "photo add on the server: $(cat "$work/photo.out")"
grep -q "stored as $hash.jpg" "$work/photo.out" || fail "unexpected photo add output: $(cat "$work/photo.out")"
[ "$(sql moved "SELECT encode(sha256(content), 'hex') FROM photo_image WHERE sha256 = '$hash'")" = "$hash" ] || fail "the photo added on the server is not stored there"
nb --db postgresql:///moved history "$first_code" --format html >"$work/history.html" || fail "printing a history with photos on the server"
grep -q "data:image/jpeg;base64" "$work/history.html" || fail "the printed history does not show the server's photos"
nb --db postgresql:///moved check >/dev/null || fail "check after photo add on the server"
if PGUSER=copy_mgr nb --db postgresql:///moved backup /dev/stdout >/dev/null 2>"$work/err"; then
    fail "a server backup with photos went into a stream, without its images"
fi
grep -q "a stream cannot carry" "$work/err" || fail "unclear refusal of a stream backup: $(cat "$work/err")"

# ---- check on the server ---------------------------------------------------------------------
PGUSER=copy_aud nb --db postgresql:///moved check >/dev/null || fail "the auditor's check"
rows=$(sql moved "SELECT count(*) FROM audit_log")
sql moved "ALTER TABLE session_revision DISABLE TRIGGER session_revision_no_update" || exit 1
if PGUSER=copy_aud nb --db postgresql:///moved check >"$work/check.out" 2>"$work/err"; then
    fail "check passed with a trigger disabled"
fi
grep -q "schema: trigger .*session_revision_no_update" "$work/err" || fail "check did not name the disabled trigger: $(cat "$work/err")"
sql moved "ALTER TABLE session_revision ENABLE TRIGGER session_revision_no_update" || exit 1
psql -X -q -v ON_ERROR_STOP=1 -d moved -c "SET session_replication_role = replica; UPDATE session_area SET depth_mm = 2.5 WHERE id = 1" || exit 1
if nb --db postgresql:///moved check >/dev/null 2>"$work/err"; then
    fail "check passed with a session's depth changed behind the program's back"
fi
grep -q "records: audit row .*the stored session differs from what was recorded then" "$work/err" ||
    fail "check did not name the changed session: $(cat "$work/err")"
[ "$(sql moved "SELECT count(*) FROM audit_log")" = "$rows" ] || fail "check wrote to the server"
# An image replaced behind the program's back (the owner, with the triggers off; the server's
# own CHECK makes the new bytes take their own hash as name).
nb --db postgresql:///restored check >/dev/null || fail "check of the restored clinic"
hash=$(sha256sum <side.png | cut -c1-64)
sql restored "SET session_replication_role = replica; UPDATE photo_image SET content = 'changed'::bytea, sha256 = encode(sha256('changed'::bytea), 'hex') WHERE sha256 = '$hash'" || exit 1
if nb --db postgresql:///restored check >/dev/null 2>"$work/err"; then
    fail "check passed with an image replaced on the server"
fi
grep -q "photos: photo .*its image is not in the database" "$work/err" || fail "check did not name the replaced image: $(cat "$work/err")"

finish "ok: copy both ways, backup and check on a server"
