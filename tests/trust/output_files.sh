#!/usr/bin/env bash
# Where `--output FILE` (history, export TABLE, fhir) and `backup FILE` put their bytes, as root:
#  1. A character device (a private null device made with mknod in the temporary folder, never
#     the real /dev/null) is written directly and stays a character device; the audit row is
#     written.
#  2. stdout: a private link to /proc/self/fd/1 (what /dev/stdout is) with stdout a pipe gets
#     exactly what printing would give (the closing line goes to stderr) and stays a link; then
#     the real /dev/stdout the same way, only once the private link passed (a binary that
#     replaced links would replace /dev/stdout of this machine).
#  3. A FIFO with a reader gets every byte (history, export, fhir, backup), stays a FIFO, and
#     the export is audited; a reader that goes away early: exit 1, an error naming the FIFO,
#     no audit row.
#  4. A symbolic link is followed: the file it names is replaced (relative and absolute links,
#     a chain of two, a link to a name not taken yet), the link stays a link, no temporary file
#     is left beside either; export --all accepts a link to a folder.
#  5. A target name of 255 bytes (NAME_MAX) is written, and replaced, for history, export and
#     fhir; backup writes one.
#  6. backup never replaces an existing regular file, nor one a link names (exit 1, bytes
#     unchanged); into a FIFO or a device it streams the verified copy: the bytes received pass
#     `check` and have the printed and audited SHA-256; a folder, a block device or a socket is
#     refused by name (exit 1).
# Every refused command must print one 'needlebook: error:' line and leave the database's
# content (sha256 of the sqlite3 .dump) as it was.
# Usage: output_files.sh NEEDLEBOOK_BINARY
set -euo pipefail
source "$(dirname "$0")/common.sh"

checks=0
db=$work/clinic.db
nb() { "$needlebook" --db "$db" "$@"; }
ok() { checks=$((checks + 1)); }
# expect CONDITION-DESCRIPTION COMMAND…: counts a check, or fails naming it.
expect() {
    local what=$1
    shift
    if "$@"; then ok; else fail "$what"; fi
}
kind() { stat -c %F "$1"; }
audits() { sqlite3 "$db" "SELECT count(*) FROM audit_log WHERE action IN ('export', 'patient.history')"; }
no_temporary() { ! compgen -G "$1/.needlebook-*" >/dev/null && ! compgen -G "$1/.*.??????" >/dev/null; }

nb demo --patients 40 --seed 3 >/dev/null
# The FHIR export needs the clinic's URI for chart codes.
nb setting set fhir_identifier_system https://clinic.example/chart >/dev/null
cd "$work"
nb history P-000001 --format json >"$work/history.json"
nb export sessions >"$work/sessions.csv"
nb fhir P-000001 >"$work/fhir.json"
sessions_bytes=$(stat -c %s "$work/sessions.csv")

# ---- 1. a character device ---------------------------------------------------------------------
if mknod "$work/null" c 1 3 2>/dev/null; then
    for args in "history P-000001" "export sessions" "fhir P-000001"; do
        before=$(audits)
        rc=0
        nb $args --output "$work/null" >"$work/out" 2>"$work/err" || rc=$?
        expect "$args --output DEVICE: exit $rc ($(cat "$work/err"))" [ $rc -eq 0 ]
        expect "$args --output DEVICE: it is now a $(kind "$work/null"), not a character device" \
            [ "$(kind "$work/null")" = "character special file" ]
        [ "$args" = "fhir P-000001" ] ||
            expect "$args --output DEVICE: not audited" [ "$(audits)" -eq $((before + 1)) ]
    done
    expect "a temporary file was left beside the device" no_temporary "$work"
    echo "device: history, export and fhir written to a private null device; it stays one"
else
    fail "mknod failed: this test must run as root (CI does)"
fi

# same A B: the two outputs are equal but for the audit chain head each history states (every
# print is its own audit row, so its id and hash differ from print to print).
same() {
    local strip='/"audit_chain_head": \{/,/^  \},?$/d; /^recorded as audit row/,+1d'
    cmp -s <(sed -E "$strip" "$1") <(sed -E "$strip" "$2")
}

# ---- 2. stdout ---------------------------------------------------------------------------------
ln -s /proc/self/fd/1 "$work/stdout"
rc=0
nb history P-000001 --format json --output "$work/stdout" 2>"$work/err" | cat >"$work/got" || rc=$?
expect "history --output STDOUT-LINK: exit $rc ($(cat "$work/err"))" [ $rc -eq 0 ]
expect "history --output STDOUT-LINK: not what printing gives" same "$work/got" "$work/history.json"
expect "history --output STDOUT-LINK: the link is now a $(kind "$work/stdout")" [ -L "$work/stdout" ]
expect "history --output STDOUT-LINK: no 'written to' line on stderr" grep -q "written to" "$work/err"
private_stdout_ok=$([ $failures -eq 0 ] && echo yes || echo no)
if [ "$private_stdout_ok" = yes ]; then
    for args in "history P-000001 --format json:history.json" "export sessions:sessions.csv" \
        "fhir P-000001:fhir.json"; do
        rc=0
        nb ${args%%:*} --output /dev/stdout 2>"$work/err" | cat >"$work/got" || rc=$?
        expect "${args%%:*} --output /dev/stdout: exit $rc ($(cat "$work/err"))" [ $rc -eq 0 ]
        expect "${args%%:*} --output /dev/stdout: not what printing gives" \
            same "$work/got" "$work/${args##*:}"
        expect "/dev/stdout is no longer a link" [ -L /dev/stdout ]
    done
    echo "stdout: history, export and fhir --output /dev/stdout print exactly what printing does"
else
    echo "stdout: the real /dev/stdout NOT tried: the private link to /proc/self/fd/1 failed"
fi

# ---- 3. a FIFO ---------------------------------------------------------------------------------
mkfifo "$work/fifo"
# read_fifo OUT: reads the FIFO into OUT in the background (10 s at most, should the FIFO be
# replaced and never opened for writing); reader=its pid.
read_fifo() { timeout 10 cat "$work/fifo" >"$1" & reader=$!; }
for args in "history P-000001 --format json:history.json" "export sessions:sessions.csv" \
    "fhir P-000001:fhir.json"; do
    before=$(audits)
    read_fifo "$work/got"
    rc=0
    nb ${args%%:*} --output "$work/fifo" >"$work/out" 2>"$work/err" || rc=$?
    wait $reader || true
    expect "${args%%:*} --output FIFO: exit $rc ($(cat "$work/err"))" [ $rc -eq 0 ]
    expect "${args%%:*} --output FIFO: the reader got $(stat -c %s "$work/got") bytes, not what printing gives" \
        same "$work/got" "$work/${args##*:}"
    expect "${args%%:*} --output FIFO: it is now a $(kind "$work/fifo")" [ -p "$work/fifo" ]
    [[ $args == fhir* ]] ||
        expect "${args%%:*} --output FIFO: not audited" [ "$(audits)" -eq $((before + 1)) ]
done
# A reader that stops after 100 bytes: the rest (sessions.csv is over 64 KiB) cannot be written.
before=$(audits)
sha_before=$(dump_sha "$db")
(timeout 10 head -c 100 "$work/fifo" >/dev/null) &
reader=$!
rc=0
nb export sessions --output "$work/fifo" >"$work/out" 2>"$work/err" || rc=$?
wait $reader || true
expect "export into a FIFO whose reader left: exit $rc, not 1 ($(cat "$work/err"))" [ $rc -eq 1 ]
expect "export into a FIFO whose reader left: stderr is not one 'needlebook: error:' line naming the FIFO: $(cat "$work/err")" \
    grep -qx "needlebook: error: cannot write $work/fifo: .*Broken pipe.*" "$work/err"
expect "export into a FIFO whose reader left: audited although incomplete" [ "$(audits)" -eq "$before" ]
expect "export into a FIFO whose reader left: the database changed" [ "$(dump_sha "$db")" = "$sha_before" ]
echo "fifo: history, export and fhir received whole ($sessions_bytes bytes of sessions); a reader leaving early: exit $rc, $(cat "$work/err")"

# ---- 4. symbolic links -------------------------------------------------------------------------
mkdir -p "$work/real" "$work/links"
echo old >"$work/real/sessions.csv"
ln -s ../real/sessions.csv "$work/links/relative.csv"
ln -s "$work/real/sessions.csv" "$work/links/absolute.csv"
ln -s relative.csv "$work/links/chain.csv"
ln -s ../real/new-history.json "$work/links/dangling.json"
for link in relative absolute chain; do
    echo old >"$work/real/sessions.csv"
    target=$(readlink "$work/links/$link.csv")
    rc=0
    nb export sessions --output "$work/links/$link.csv" >"$work/out" 2>"$work/err" || rc=$?
    expect "export --output LINK ($link): exit $rc ($(cat "$work/err"))" [ $rc -eq 0 ]
    expect "export --output LINK ($link): the link was replaced" [ -L "$work/links/$link.csv" ]
    expect "export --output LINK ($link): the link now points elsewhere" [ "$(readlink "$work/links/$link.csv")" = "$target" ]
    expect "export --output LINK ($link): the file it names does not hold the export" \
        same "$work/real/sessions.csv" "$work/sessions.csv"
    expect "export --output LINK ($link): mode $(stat -c %a "$work/real/sessions.csv"), not 600" \
        [ "$(stat -c %a "$work/real/sessions.csv")" = 600 ]
done
rc=0
nb history P-000001 --format json --output "$work/links/dangling.json" >"$work/out" 2>"$work/err" || rc=$?
expect "history --output DANGLING-LINK: exit $rc ($(cat "$work/err"))" [ $rc -eq 0 ]
expect "history --output DANGLING-LINK: the link was replaced" [ -L "$work/links/dangling.json" ]
expect "history --output DANGLING-LINK: the file it names does not hold the history" \
    same "$work/real/new-history.json" "$work/history.json"
expect "a temporary file was left in real/" no_temporary "$work/real"
expect "a temporary file was left in links/" no_temporary "$work/links"
mkdir "$work/folder"
ln -s folder "$work/folder-link"
rc=0
nb export --all --output "$work/folder-link" >"$work/out" 2>"$work/err" || rc=$?
expect "export --all --output LINK-TO-FOLDER: exit $rc ($(cat "$work/err"))" [ $rc -eq 0 ]
expect "export --all --output LINK-TO-FOLDER: no manifest in the folder" [ -f "$work/folder/manifest.csv" ]
expect "export --all --output LINK-TO-FOLDER: the link was replaced" [ -L "$work/folder-link" ]
echo "links: relative, absolute, a chain and a dangling link followed, each still a link; export --all into a link to a folder"

# ---- 5. a name of 255 bytes --------------------------------------------------------------------
long=$(printf 'n%.0s' $(seq 1 250))
for args in "history P-000001 --format json:history.json:.json" "export sessions:sessions.csv:.csv" \
    "fhir P-000001:fhir.json:.fhir"; do
    name=$long${args##*:}
    name=${name:0:255}
    for time in first second; do
        rc=0
        nb ${args%%:*} --output "$work/$name" >"$work/out" 2>"$work/err" || rc=$?
        expect "${args%%:*} --output <255-byte name> ($time time): exit $rc ($(cat "$work/err"))" [ $rc -eq 0 ]
    done
    rest=${args#*:}
    expect "${args%%:*} --output <255-byte name>: not what printing gives" same "$work/$name" "$work/${rest%%:*}"
done
rc=0
nb backup "$work/${long:0:252}.db" >"$work/out" 2>"$work/err" || rc=$?
expect "backup <255-byte name>: exit $rc ($(cat "$work/err"))" [ $rc -eq 0 ]
# SQLite cannot open a database of that name (its -wal and -journal would be too long): check a copy.
cp "$work/${long:0:252}.db" "$work/long-copy.db" 2>/dev/null || true
expect "backup <255-byte name>: the copy fails check" "$needlebook" --db "$work/long-copy.db" check >/dev/null 2>&1
echo "names of 255 bytes: history, export and fhir written twice, backup once"

# ---- 6. backup ---------------------------------------------------------------------------------
refused() { # refused LABEL FILE…: backup FILE exits 1 with one error line, changing nothing
    local label=$1 target=$2 rc=0 sha_db file_sha
    sha_db=$(dump_sha "$db")
    file_sha=$(sha256sum "$target" 2>/dev/null | cut -c1-64 || true)
    nb backup "$target" >"$work/out" 2>"$work/err" || rc=$?
    expect "backup $label: exit $rc, not 1" [ $rc -eq 1 ]
    expect "backup $label: stderr is not one 'needlebook: error:' line: $(cat "$work/err")" \
        [ "$(grep -c '^needlebook: error: ' "$work/err")" -eq 1 ]
    expect "backup $label: the file changed" [ "$(sha256sum "$target" 2>/dev/null | cut -c1-64 || true)" = "$file_sha" ]
    expect "backup $label: the database changed" [ "$(dump_sha "$db")" = "$sha_db" ]
    echo "backup $label: $(cat "$work/err")"
}
echo "an old backup" >"$work/old.db"
ln -s old.db "$work/old-link.db"
refused "onto an existing file" "$work/old.db"
refused "onto a link to an existing file" "$work/old-link.db"
refused "onto a folder" "$work/folder"
python3 -c "import socket,sys; s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1])" "$work/socket"
refused "onto a socket" "$work/socket"
# A private block device node (loop 250: nothing is opened, only looked at), never a real disk's.
if mknod "$work/block" b 7 250 2>/dev/null; then refused "onto a block device" "$work/block"; fi

checked_copy() { # checked_copy LABEL FILE: the bytes received pass check and have the printed SHA-256
    local label=$1 copy=$2 printed audited
    printed=$(sed -n 's/^sha256: \([0-9a-f]\{64\}\)$/\1/p' "$work/printed")
    audited=$(sqlite3 "$db" "SELECT reason FROM audit_log WHERE action = 'database.backup' ORDER BY id DESC LIMIT 1")
    expect "backup $label: the bytes received fail check" "$needlebook" --db "$copy" check >/dev/null 2>&1
    expect "backup $label: sha256 of the bytes received is not the printed one ($printed)" \
        [ "$(sha256sum "$copy" | cut -c1-64)" = "$printed" ]
    expect "backup $label: the audit row does not hold the sha256: $audited" grep -q "$printed" <<<"$audited"
}
read_fifo "$work/from-fifo.db"
rc=0
nb backup "$work/fifo" >"$work/printed" 2>"$work/err" || rc=$?
wait $reader || true
expect "backup FIFO: exit $rc ($(cat "$work/err"))" [ $rc -eq 0 ]
expect "backup FIFO: it is now a $(kind "$work/fifo")" [ -p "$work/fifo" ]
checked_copy FIFO "$work/from-fifo.db"
expect "backup FIFO: a temporary copy was left beside the database" no_temporary "$work"
rc=0
nb backup "$work/stdout" 2>"$work/printed" | cat >"$work/from-stdout.db" || rc=$?
expect "backup STDOUT-LINK | cat: exit $rc ($(cat "$work/printed"))" [ $rc -eq 0 ]
checked_copy "STDOUT-LINK | cat" "$work/from-stdout.db"
if [ -c "$work/null" ]; then
    rc=0
    nb backup "$work/null" >"$work/printed" 2>"$work/err" || rc=$?
    expect "backup DEVICE: exit $rc ($(cat "$work/err"))" [ $rc -eq 0 ]
    expect "backup DEVICE: it is now a $(kind "$work/null")" [ -c "$work/null" ]
fi
echo "backup: $(stat -c %s "$work/from-fifo.db") bytes streamed into a FIFO, $(stat -c %s "$work/from-stdout.db") through stdout into a pipe"

# ---- 7. the database itself as the output ------------------------------------------------------
# Directly, through a link, or its -wal: refused, the database's bytes unchanged.
ln -s "$db" "$work/report.csv"
before=$(dump_sha "$db")
for target in "$db" "$work/report.csv" "$db-wal"; do
    for args in "history P-000001" "export patients" "fhir P-000001"; do
        rc=0
        nb $args --output "$target" >"$work/out" 2>"$work/err" || rc=$?
        expect "$args --output $(basename "$target") (the database): exit $rc, $(cat "$work/err")" \
            [ $rc -eq 1 ]
        expect "$args --output $(basename "$target"): the message names the database" \
            grep -q "is the database" "$work/err"
    done
done
expect "the database is still a database with the same content" [ "$(dump_sha "$db")" = "$before" ]
expect "the link to the database is still a link" [ -L "$work/report.csv" ]

needlebook_check "$db" "the database after every output"
finish output_files $checks
