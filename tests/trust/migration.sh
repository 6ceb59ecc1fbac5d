#!/usr/bin/env bash
# Schema versions: a newer database is never touched, and a migration is all or nothing.
#  a. A database whose PRAGMA user_version is above what this program knows (999) is refused by
#     every command (every leaf of `needlebook --help`, with arguments that would otherwise
#     work): exit 1, a message naming the version as newer, and the database file's bytes
#     (sha256), its -wal's bytes (or its absence) unchanged and no -journal left. Three such
#     files: WAL mode at rest, WAL mode with a WAL a crashed newer program left behind, rollback
#     journal mode.
#  b. A clinic at schema version 1 (schema/0001_initial.sql applied by the sqlite3 shell, then the
#     rows of a 10-patient demo clinic copied in, the audit chain rehashed as version 1 wrote
#     it) is migrated by `needlebook init`, and a rollback-journal copy of it by `needlebook
#     product list`, under faultfs crashing at every I/O point in turn, by a kill and by a power
#     cut (unsynced writes undone; also once just after the command exited); the same from the
#     version before the latest (WAL, `init`), when there is one besides 1. After each: the
#     user_version is the old one, the latest or in between, and the schema is exactly
#     schema/0001..N applied in order for that version N; a later crash point never leaves an
#     older version; a power cut after the exit leaves the latest; every old row still there;
#     integrity_check ok, foreign_key_check empty, `needlebook check` passes; then an uncrashed
#     `needlebook init` migrates it to exactly what an uncrashed migration gives.
# The latest version is read from a fresh `needlebook init` database and must be the highest
# schema/NNNN_*.sql beside this script.
# Usage: migration.sh NEEDLEBOOK_BINARY
set -euo pipefail
source "$(dirname "$0")/common.sh"
build_faultfs
command -v python3 >/dev/null || die "python3 is needed to build the version 1 clinic"
schema_dir=$(cd "$trust_dir/../../schema" && pwd)
nb() { "$needlebook" --db "$@"; }
cases=0

latest=$(latest_version)
newest_file=$(ls "$schema_dir" | sed -n 's/^\([0-9]\{4\}\)_.*\.sql$/\1/p' | sort | tail -1)
[ "$((10#$newest_file))" -eq "$latest" ] ||
    die "needlebook writes schema version $latest but schema/ goes up to $newest_file"
echo "schema: this needlebook writes version $latest (schema/${newest_file}_*.sql is the last file)"

# ---- a. a database newer than the program --------------------------------------------------------
# The clinic every command below has something to act on.
fixture=$work/fixture.db
nb "$fixture" init >/dev/null
nb "$fixture" patient add --family Newer --given Ann --born 1980-03-03 >/dev/null
nb "$fixture" consent add P-000001 --signed 2026-11-01 >/dev/null
nb "$fixture" session log P-000001 --at "2026-11-20 10:00" --device pen --area cheek=1.0 \
    --serum ha-serum@LOT-N1 >/dev/null 2>&1
nb "$fixture" reaction add 1 --kind erythema --severity mild --onset 2026-11-20 >/dev/null
nb "$fixture" export --all --raw --output "$work/newer-export" >/dev/null

mkdir -p "$work/newer"
# WAL mode at rest, as needlebook leaves a database: a newer program set the version.
cp "$fixture" "$work/newer/wal.db"
sqlite3 "$work/newer/wal.db" "PRAGMA user_version = 999"
# The same, but the newer program was killed with its last transaction still in the WAL.
cp "$fixture" "$work/newer/walleft.db"
(sqlite3 "$work/newer/walleft.db" "PRAGMA user_version = 999; CREATE TABLE future_thing (what TEXT);" \
    "INSERT INTO future_thing VALUES ('from the future')" ".shell kill -9 \$PPID" || true) 2>/dev/null
[ -s "$work/newer/walleft.db-wal" ] || fail "the fixture with a WAL left behind has no WAL"
rm -f "$work/newer/walleft.db-shm"
# Rollback journal mode, as another program may write it.
sqlite3 "$work/newer/rollback.db" "CREATE TABLE future_thing (what TEXT);" \
    "INSERT INTO future_thing VALUES ('from the future'); PRAGMA user_version = 999"

# Arguments for each leaf command; a command not listed here fails the test until it is added.
declare -A argv=(
    [init]="" [demo]="" [check]="" [patient list]="" [session list]="" [product list]=""
    [setting list]="" [report recovery]="" [report followups]="" [report outcomes]=""
    [patient add]="--family X --given Y --born 1980-01-01"
    [patient show]="P-000001"
    [patient amend]="P-000001 --reason typo --family Z"
    [patient void]="P-000001 --reason registered-in-error"
    [patient merge]="P-000002 --into P-000001 --reason same-person"
    [condition amend]="1 --reason typo --note amended"
    [condition void]="1 --reason error"
    [consent amend]="1 --reason typo --signed 2026-11-03"
    [consent void]="1 --reason error"
    [reaction amend]="1 --reason typo --note amended"
    [reaction void]="1 --reason error"
    [followup amend]="1 --reason typo --note amended"
    [followup void]="1 --reason error"
    [condition add]="P-000001 --code eczema"
    [condition resolve]="P-000001 --code eczema --on 2026-11-21"
    [consent add]="P-000001 --signed 2026-11-02"
    [condition clear]="P-000001 --code eczema --by Dr.Shah --until 2026-12-31 --reason cleared"
    [consent withdraw]="1 --on 2026-11-22 --reason changed"
    [lot add]="ha-serum LOT-N2 --expires 2027-01-01"
    [lot list]=""
    [lot recall]="LOT-N1 --reason recalled"
    [session log]="P-000001 --at 2026-11-21T10:00Z --device pen --area forehead=0.5"
    [session show]="1"
    [session amend]="1 --reason typo --note amended"
    [session void]="1 --reason error"
    [reaction add]="1 --kind oedema --severity mild --onset 2026-11-21"
    [reaction resolve]="1 --on 2026-11-22"
    [followup add]="1 --on 2026-11-22 --outcome none"
    [course start]="P-000001 --indication acne-scars --planned 4 --every 28"
    [course show]="1" [course list]=""
    [course amend]="1 --reason typo --planned 6"
    [course close]="1 --outcome completed --reason done"
    [course void]="1 --reason error"
    [assess]="P-000001 --scale mmasi --score 12.5"
    [score list]="P-000001"
    [score amend]="1 --reason typo --score 10"
    [score void]="1 --reason error"
    [photo add]="P-000001 @WORK@/no-such-photo.jpg --view front"
    [photo list]="P-000001"
    [photo amend]="1 --reason typo --note amended"
    [photo void]="1 --reason error"
    [product add]="new-serum --name New --kind other"
    [product show]="ha-serum"
    [product amend]="ha-serum --reason typo --name Amended"
    [product retire]="gf-serum --reason discontinued"
    [setting set]="interval_warn_days 30"
    [history]="P-000001"
    [report lot]="LOT-N1"
    [export]="--all --output @WORK@/export-out"
    [import]="patients @WORK@/newer-export/patients.csv"
    [fhir]="P-000001"
    [audit]="--patient P-000001"
    [backup]="@WORK@/backup-out.db"
    [restore]="@WORK@/no-such-backup.db"
    [seal]="--key @WORK@/no-such-key.pem"
    [key new]="" # writes a key pair only; never opens the database
    [copy]="--to @WORK@/copy-out.db"
)
# The leaf commands of this needlebook: each top-level command, or its subcommands.
subcommands() { "$needlebook" "$@" --help | sed -n '/^Subcommands:/,$ s/^  \([a-z][a-z-]*\) .*/\1/p'; }
leaves=()
for top in $(subcommands); do
    subs=$(subcommands "$top")
    if [ -z "$subs" ]; then leaves+=("$top"); else for sub in $subs; do leaves+=("$top $sub"); done; fi
done
echo "newer database: ${#leaves[@]} commands x 3 files"

file_state() { # the bytes of DB and its -wal, and whether a -journal is there
    local db=$1
    echo "$(sha256sum <"$db") wal:$([ -e "$db-wal" ] && sha256sum <"$db-wal" || echo none)" \
        "journal:$([ -e "$db-journal" ] && echo yes || echo none)"
}
newer_refused=0
for kind in wal walleft rollback; do
    src=$work/newer/$kind.db
    changed=() changes=""
    for leaf in "${leaves[@]}"; do
        if [ -z "${argv[$leaf]+set}" ]; then
            fail "no arguments known for the command '$leaf': add it to migration.sh"
            continue
        fi
        [ "$leaf" = "key new" ] && continue
        db=$work/newer/run.db
        copy_db "$src" "$db"
        before=$(file_state "$db")
        read -r -a args <<<"${argv[$leaf]//@WORK@/$work}"
        rc=0
        # shellcheck disable=SC2086 # the leaf is two words on purpose
        nb "$db" $leaf "${args[@]}" >"$work/out" 2>"$work/err" || rc=$?
        cases=$((cases + 1))
        label="'needlebook $leaf' on a version 999 database ($kind)"
        after=$(file_state "$db")
        if [ $rc -ne 1 ]; then
            fail "$label exited $rc: $(head -2 "$work/err")"
        elif ! grep -q 'newer' "$work/err" || ! grep -q '999' "$work/err"; then
            fail "$label: the message does not name version 999 as newer: $(cat "$work/err")"
        elif [ "$before" != "$after" ]; then
            changed+=("$leaf")
            changes="before: $before; after: $after"
        else
            newer_refused=$((newer_refused + 1))
        fi
    done
    if [ ${#changed[@]} -gt 0 ]; then
        fail "${#changed[@]} commands refused the version 999 database ($kind) but changed its files" \
            "(${changed[*]}); the last one: $changes"
    fi
done
echo "newer database: $newer_refused of $((${#leaves[@]} * 3)) refusals left the files as they were;" \
    "message: $(nb "$work/newer/rollback.db" patient list 2>&1 || true)"

# ---- b. a migration crashed at every I/O point ----------------------------------------------
# The schema each version should have: schema/0001..N applied in order by the sqlite3 shell.
schema_sha() {
    sqlite3 "$1" "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name" | sha256sum | cut -c1-64
}
declare -A version_schema
rm -f "$work/schema.db"
for file in "$schema_dir"/[0-9][0-9][0-9][0-9]_*.sql; do
    name=$(basename "$file")
    version=$((10#${name:0:4}))
    # A migration reads its time and actor from temp.migration_context, as needlebook sets it.
    { echo "PRAGMA foreign_keys = OFF; CREATE TEMP TABLE migration_context (now TEXT, actor TEXT); INSERT INTO migration_context VALUES ('2026-11-23T15:00:00Z', 'trust');"; cat "$file"; } |
        sqlite3 "$work/schema.db"
    version_schema[$version]=$(schema_sha "$work/schema.db")
done
nb "$work/fresh.db" init >/dev/null
[ "$(schema_sha "$work/fresh.db")" = "${version_schema[$latest]}" ] ||
    fail "a fresh 'needlebook init' database's schema is not schema/*.sql applied in order"

# old_clinic OLD: $work/vOLD.db, a clinic at schema version OLD (schema/0001..OLD applied by the
# sqlite3 shell) holding the rows of a demo clinic, the columns version OLD has, its audit chain
# rehashed as that version hashed it (a JSON array of the row's fields, with the record_hash once
# there is one, SHA-256 in hex, chained); WAL mode as needlebook leaves a database. Also
# $work/vOLD-rollback.db, the same in rollback journal mode.
nb "$work/demo.db" demo --patients 10 --seed 3 >/dev/null
old_clinic() {
    local old=$1 files=()
    for file in "$schema_dir"/[0-9][0-9][0-9][0-9]_*.sql; do
        name=$(basename "$file")
        [ $((10#${name:0:4})) -le "$old" ] && files+=("$file")
    done
    rm -f "$work/v$old.db"
    python3 - "$old" "$work/demo.db" "$work/v$old.db" "${files[@]}" <<'PYTHON'
import hashlib, json, sqlite3, sys
old, source, target, schemas = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
db = sqlite3.connect(target, isolation_level=None)
db.execute("ATTACH ? AS src", (source,))
# Schema 4 seeds setting revisions with the time and actor of temp.migration_context: the demo's
# own, so the seeded rows are the demo's row for row.
seeded = db.execute("SELECT recorded_at, author FROM src.setting_revision ORDER BY id LIMIT 1").fetchone()
db.execute("CREATE TEMP TABLE migration_context (now TEXT NOT NULL, actor TEXT NOT NULL)")
db.execute("INSERT INTO temp.migration_context VALUES (?, ?)", seeded)
for schema in schemas:
    db.executescript(open(schema, encoding="utf-8").read())
db.execute("DROP TABLE temp.migration_context")
db.execute(f"PRAGMA user_version = {int(old)}")
db.execute("BEGIN")
tables = [r[0] for r in db.execute(
    "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
for table in tables:
    if table == "audit_log":
        continue
    mine = [r[1] for r in db.execute(f"PRAGMA main.table_info({table})")]
    theirs = {r[1] for r in db.execute(f"PRAGMA src.table_info({table})")}
    columns = ", ".join(c for c in mine if c in theirs)
    if not columns:  # a table the demo's newer schema no longer has (settings before schema 4)
        continue
    # Rows the schema seeded are there already (and may not be replaced): only the others. A
    # setting a later schema added (override_min_reason, schema 6) is not allowed yet: left out,
    # with its revisions.
    keep = ""
    if table == "setting_revision":
        keep = " WHERE setting_id IN (SELECT id FROM main.setting)"
    if table == "session_setting":  # the settings a later schema added are not there
        keep = " WHERE setting_revision_id IN (SELECT id FROM main.setting_revision)"
    db.execute(f"INSERT {'OR IGNORE ' if table == 'setting' else ''}INTO main.{table} ({columns}) "
               f"SELECT {columns} FROM src.{table}{keep} EXCEPT SELECT {columns} FROM main.{table}")
settings_kept = {r[0] for r in db.execute("SELECT id FROM main.setting")} if "setting" in tables else set()
audit_columns = {r[1] for r in db.execute("PRAGMA main.table_info(audit_log)")}
with_record_hash = "record_hash" in audit_columns
with_account = "os_user" in audit_columns  # schema 4: every row names its OS account and clock
prev, same, rows = "", 0, 0
text = lambda v: "" if v is None else str(v)
for row in db.execute("SELECT id, at, actor, action, patient_id, record_kind, record_id, revision,"
                      " reason, hash, " + ("record_hash" if with_record_hash else "NULL") +
                      ", os_user, clock_fixed FROM src.audit_log" +
                      ("" if with_account else " WHERE action NOT LIKE '%.seed'") +
                      " ORDER BY id").fetchall():
    # Seeded settings and products got audit rows only from schema 4: left out, ids closed up.
    (id_, at, actor, action, patient, kind, record, revision, reason, stored, record_hash,
     os_user, clock_fixed) = row
    if kind == "setting" and with_account and record not in settings_kept:
        continue  # the seed row of a setting this version does not have
    if kind == "lot" and "lot" not in tables:
        continue  # lots are records from schema 7 on
    if kind in ("course", "assessment", "photo") and "course" not in tables:
        continue  # courses, scores and photos are records from schema 10 on
    id_ = rows + 1
    if record_hash and kind == "session" and int(old) < 10:
        # The fingerprint as version OLD wrote it, as storage/record_digest.cpp computes it:
        # a session's settings (session_setting) only from schema 4 and only those that
        # version has, its findings (session_finding) only from schema 6, its course
        # (session_course) only from schema 10 (the demo merges no chart: no owner part).
        (rev_id,) = db.execute("SELECT id FROM src.session_revision WHERE session_id = ? AND "
                               "revision = ?", (record, revision)).fetchone()
        parts = [
            [list(r) for r in db.execute(
                "SELECT i.id, i.patient_id, i.created_at, r.id, r.revision, r.performed_at, "
                "r.practitioner, r.indication, r.device, r.model, r.cartridge, r.cartridge_lot, "
                "r.anaesthetic, r.endpoint, r.aftercare, r.note, r.override_reason, r.voided, "
                "r.author, r.recorded_at, r.reason FROM src.session i JOIN src.session_revision r "
                "ON r.session_id = i.id WHERE r.id = ?", (rev_id,))],
            [list(r) for r in db.execute("SELECT id, position, area, side, depth_mm, passes FROM "
                                         "src.session_area WHERE session_revision_id = ? ORDER BY "
                                         "position", (rev_id,))],
            [list(r) for r in db.execute("SELECT id, position, product_id, lot, expiry, phase, "
                                         "amount_ml FROM src.serum_use WHERE session_revision_id "
                                         "= ? ORDER BY position", (rev_id,))],
            [list(r) for r in db.execute("SELECT id, rule, detail FROM src.session_override WHERE "
                                         "session_revision_id = ? ORDER BY id", (rev_id,))],
        ]
        used = [list(r) for r in db.execute("SELECT setting_revision_id FROM main.session_setting "
                                            "WHERE session_revision_id = ? ORDER BY "
                                            "setting_revision_id", (rev_id,))] if with_account else []
        if used:  # an added part: left out when empty
            parts.append(used)
        if int(old) >= 6:
            found = [list(r) for r in db.execute(
                "SELECT id, position, key, level, message, override_reason, overridden_by, "
                "overridden_at FROM src.session_finding WHERE session_revision_id = ? ORDER BY "
                "position", (rev_id,))]
            if found:
                parts.append(found)
        record_hash = hashlib.sha256(json.dumps(parts, separators=(",", ":"), ensure_ascii=False)
                                     .encode("utf-8")).hexdigest()
    if action == "schema.create":
        reason = f"new database at schema {int(old)}"
    fields = [id_, at, actor, action, text(patient), text(kind), text(record), text(revision),
              reason, prev]
    if with_account:  # every field, always (storage/audit_log.cpp)
        fields += [record_hash or "", os_user, None if clock_fixed is None else bool(clock_fixed)]
    elif record_hash:
        fields.append(record_hash)
    canonical = json.dumps(fields, separators=(",", ":"), ensure_ascii=False)
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    values = [id_, at, actor, action, patient, kind, record, revision, reason, prev or None, digest]
    names = "id, at, actor, action, patient_id, record_kind, record_id, revision, reason, prev_hash, hash"
    if with_record_hash:
        values.append(record_hash)
        names += ", record_hash"
    if with_account:
        values += [os_user, clock_fixed]
        names += ", os_user, clock_fixed"
    db.execute(f"INSERT INTO main.audit_log ({names}) VALUES ({', '.join('?' * len(values))})", values)
    same += digest == stored
    rows += 1
    prev = digest
db.execute("COMMIT")
db.execute("DETACH src")
print(f"version {old} clinic: {rows} audit rows rehashed, {same} equal to the demo's own hashes")
PYTHON
    sqlite3 "$work/v$old.db" "PRAGMA journal_mode = WAL" >/dev/null
    [ "$(schema_sha "$work/v$old.db")" = "${version_schema[$old]}" ] ||
        fail "the version $old clinic does not have the version $old schema"
    sqlite_verify "$work/v$old.db" "the version $old clinic" || true
    needlebook_check "$work/v$old.db" "the version $old clinic (before any migration)" || true
    cp "$work/v$old.db" "$work/v$old-rollback.db"
    sqlite3 "$work/v$old-rollback.db" "PRAGMA journal_mode = DELETE" >/dev/null
}

# Every row of the clinic FIXTURE is still in DB, column for column (the fixture's columns).
rows_missing() {
    local db=$1 fixture=$2 table columns sql=""
    for table in $(sqlite3 "$fixture" "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"); do
        # Schema 4 moved the settings into setting_revision and renamed the code lists.
        case $table in clinic_setting | depth_limit | reaction_norm | condition_policy) continue ;; esac
        columns=$(sqlite3 "$fixture" "SELECT group_concat(name, ', ') FROM pragma_table_info('$table')")
        sql+="SELECT '$table', count(*) FROM (SELECT $columns FROM old.$table EXCEPT SELECT $columns FROM main.$table);"
    done
    sqlite3 "$db" "ATTACH '$fixture' AS old; $sql" | awk -F'|' '$2 != 0'
}

# crash_migrations OLD VARIANT…: the version OLD clinic migrated by each VARIANT ("wal init",
# "rollback product list": the journal mode of the copy, then the command), crashed by a kill
# and by a power cut at every I/O point in turn.
migration_runs=0
crash_migrations() {
    local old=$1 variant journal command src points step mode highest last n rc label version
    local summary missing final_sha
    shift
    old_clinic "$old"
    local fixture=$work/v$old.db
    [ -z "$(rows_missing "$fixture" "$fixture")" ] || fail "rows_missing finds rows missing from the clinic itself"
    # The uncrashed migration: what every crashed one must end as.
    copy_db "$fixture" "$work/mig-ref.db"
    if ! nb "$work/mig-ref.db" init >/dev/null 2>"$work/run.err"; then
        fail "an uncrashed 'needlebook init' cannot migrate the version $old clinic: $(cat "$work/run.err")"
        return
    fi
    final_sha=$(dump_sha "$work/mig-ref.db")
    [ "$(sqlite3 "$work/mig-ref.db" 'PRAGMA user_version')" -eq "$latest" ] || fail "init did not migrate the version $old clinic"
    missing=$(rows_missing "$work/mig-ref.db" "$fixture")
    [ -z "$missing" ] || fail "the uncrashed migration from version $old lost rows: $missing"
    needlebook_check "$work/mig-ref.db" "the uncrashed migration from version $old" || true
    echo "version $old clinic: revisions of patients|sessions|audit rows" \
        "$(sqlite3 "$fixture" "SELECT (SELECT count(*) FROM patient_revision), (SELECT count(*) FROM session_revision), (SELECT count(*) FROM audit_log)");" \
        "migrated uncrashed to version $latest: $(sqlite3 "$work/mig-ref.db" "SELECT count(*) FROM audit_log") audit rows"
    for variant in "$@"; do
        journal=${variant%% *}
        read -r -a command <<<"${variant#* }"
        src=$fixture
        if [ "$journal" = rollback ]; then src=$work/v$old-rollback.db; fi
        copy_db "$src" "$work/mig.db"
        faultfs_run count 0 mig.db --db "$work/mig.db" "${command[@]}" >/dev/null
        points=$(faultfs_points)
        [ "${points:-0}" -gt 5 ] || die "faultfs saw ${points:-no} I/O points in the migration"
        [ "$(dump_sha "$work/mig.db")" = "$final_sha" ] || fail "'${command[*]}' migrates to another content than init"
        step=$(((points + 149) / 150))
        for mode in kill powerloss; do
            declare -A seen_versions=()
            highest=$old last=$points
            # A power cut also just after the command exited normally: the migration must be there.
            if [ $mode = powerloss ]; then last=$((points + 1)); fi
            for n in $(seq 1 "$step" "$last"); do
                db=$work/mig.db
                copy_db "$src" "$db"
                rc=0
                faultfs_run $mode "$n" mig.db --db "$db" "${command[@]}" >/dev/null 2>"$work/run.err" || rc=$?
                if [ $mode = powerloss ]; then rm -f "$db-shm"; fi
                migration_runs=$((migration_runs + 1))
                cases=$((cases + 1))
                label="migration from version $old by '${command[*]}' ($journal journal), $mode at point $n of $points"
                [ $rc -eq 137 ] || fail "$label: not killed at the point (exit $rc): $(head -3 "$work/run.err")"
                copy_db "$db" "$work/verify.db"
                sqlite_verify "$work/verify.db" "$label" || continue
                version=$(sqlite3 "$work/verify.db" 'PRAGMA user_version')
                seen_versions[$version]=$((${seen_versions[$version]:-0} + 1))
                if [ "$version" -lt "$old" ] || [ "$version" -gt "$latest" ]; then
                    fail "$label: user_version $version"
                    continue
                fi
                [ "$version" -ge "$highest" ] || fail "$label: back at version $version after a crash at an earlier point left $highest"
                highest=$version
                if [ "$n" -gt "$points" ] && [ "$version" -ne "$latest" ]; then
                    fail "$label: the command had finished, then a power cut left version $version"
                fi
                [ "$(schema_sha "$work/verify.db")" = "${version_schema[$version]}" ] ||
                    fail "$label: user_version $version but not the schema of version $version"
                missing=$(rows_missing "$work/verify.db" "$fixture")
                [ -z "$missing" ] || fail "$label: rows of version $old missing (table|rows): $missing"
                needlebook_check "$db" "$label" || true
                # An uncrashed run finishes the migration.
                nb "$db" init >/dev/null 2>"$work/run.err" || { fail "$label: init afterwards failed: $(cat "$work/run.err")"; continue; }
                [ "$(dump_sha "$db")" = "$final_sha" ] || fail "$label: init afterwards gave another content than an uncrashed migration"
            done
            summary=""
            for version in $(printf '%s\n' "${!seen_versions[@]}" | sort -n); do
                summary+="${summary:+, }version $version: ${seen_versions[$version]}"
            done
            echo "migration from version $old by '${command[*]}' ($journal journal), $mode: $points I/O points," \
                "crashed at every ${step}.$([ $mode = powerloss ] && echo " and after the exit");" \
                "left at $summary; each then migrated by init"
            [ -n "${seen_versions[$old]:-}" ] || fail "$mode: no crash left version $old: are the points before the commit?"
            [ -n "${seen_versions[$latest]:-}" ] || fail "$mode: no crash left version $latest: are the points after the commit?"
            unset seen_versions
        done
    done
}

# From version 1, both journal modes; from the version before the latest (the databases in use
# when a new migration ships), WAL mode.
if [ "$latest" -gt 1 ]; then
    crash_migrations 1 "wal init" "rollback product list"
fi
if [ "$latest" -gt 2 ]; then
    crash_migrations $((latest - 1)) "wal init"
fi

echo "migration totals: $cases cases ($newer_refused newer-database refusals, $migration_runs" \
    "crashed migrations); failures: $failures"
finish migration "$cases"
