# export refuses, before anything is written: an unknown table (exit 1); no table and no --all,
# a table together with --all, --all without --output, --format json or html, an empty
# --output (usage errors, exit 2). A file that cannot be written (missing folder, a folder given
# as the file name) fails with exit 1, leaves no file and adds no audit row. The runner checks
# that every refused command left the database exactly as it was.
#
# The runner cannot list files; "no file left" is checked with '--db FILE patient list', which
# says 'no database at FILE' only when FILE does not exist (and 'file is not a database' when it
# is a CSV file).

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek=1.0
> session 1 logged for ANN at 2026-11-20 10:00

# Unknown tables: the message lists the allowed ones. Names are exact (no singular, no case).
$ needlebook export patient
! needlebook: error: unknown table 'patient'; allowed: settings, products, patients, conditions, consents, lots, courses, sessions, session_areas, serum_uses, reactions, followups, scores, photos, audit
? 1
$ needlebook export Patients
! needlebook: error: unknown table 'Patients'; allowed: settings, products, patients, conditions, consents, lots, courses, sessions, session_areas, serum_uses, reactions, followups, scores, photos, audit
? 1
$ needlebook export audit_log --output ${TMP}/audit.csv
! needlebook: error: unknown table 'audit_log'; allowed: settings, products, patients, conditions, consents, lots, courses, sessions, session_areas, serum_uses, reactions, followups, scores, photos, audit
? 1
$ needlebook --db ${TMP}/audit.csv patient list
! needlebook: error: no database at ${TMP}/audit.csv; create it with 'needlebook init' or give --db PATH
? 1

# No table and no --all.
$ needlebook export
! needlebook: error: TABLE: name a table, or give --all
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook export --raw --bom
! needlebook: error: TABLE: name a table, or give --all
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

# A table and --all at once.
$ needlebook export patients --all --output ${TMP}/both
! needlebook: error: TABLE excludes --all
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook --db ${TMP}/both patient list
! needlebook: error: no database at ${TMP}/both; create it with 'needlebook init' or give --db PATH
? 1

# --all writes several files: it needs a folder.
$ needlebook export --all
! needlebook: error: --all: needs --output FOLDER for the files
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

# export writes CSV or xlsx, never JSON.
$ needlebook --format json export patients
! needlebook: error: --format: export writes csv or xlsx
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook export --all --output ${TMP}/json --format json
! needlebook: error: --format: export writes csv or xlsx
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook --db ${TMP}/json patient list
! needlebook: error: no database at ${TMP}/json; create it with 'needlebook init' or give --db PATH
? 1
$ needlebook export sessions --format html
! needlebook: error: --format: html is for 'history' only; other commands print text, json or csv
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook export patients --output ''
! needlebook: error: --output: must not be empty
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

# A file in a folder that does not exist: exit 1, and no file appears.
$ needlebook export patients --output ${TMP}/missing/patients.csv
! needlebook: error: cannot write ${TMP}/missing/patients.csv: No such file or directory
? 1
$ needlebook --db ${TMP}/missing/patients.csv patient list
! needlebook: error: no database at ${TMP}/missing/patients.csv; create it with 'needlebook init' or give --db PATH
? 1

# --all makes its folder, but not the folders above it.
$ needlebook export --all --output ${TMP}/missing/out
! needlebook: error: cannot make the folder ${TMP}/missing/out: No such file or directory
? 1
$ needlebook --db ${TMP}/missing/out/manifest.csv patient list
! needlebook: error: no database at ${TMP}/missing/out/manifest.csv; create it with 'needlebook init' or give --db PATH
? 1
$ needlebook --db ${TMP}/missing/out/patients.csv patient list
! needlebook: error: no database at ${TMP}/missing/out/patients.csv; create it with 'needlebook init' or give --db PATH
? 1

# A folder is not a file name.
$ needlebook export patients --output ${TMP}
! needlebook: error: cannot write ${TMP}: it is a folder, not a file name
? 1

# Nothing was exported, so nothing was audited.
= SELECT count(*) FROM audit_log WHERE action = 'export'
> 0

# --all into a new folder: eight tables and the manifest. The files are CSV, not databases.
$ needlebook export --all --output ${TMP}/out
> exported 15 tables (146 rows) and manifest.csv to ${TMP}/out
$ needlebook --db ${TMP}/out/manifest.csv patient list
! needlebook: error: ${TMP}/out/manifest.csv is not a database file (file is not a database); give the clinic's database with --db
? 1
$ needlebook --db ${TMP}/out/followups.csv patient list
! needlebook: error: ${TMP}/out/followups.csv is not a database file (file is not a database); give the clinic's database with --db
? 1

# Again into the same folder: the files are replaced; an existing file is not a folder.
$ needlebook export --all --output out --all-revisions --bom
> exported 15 tables (147 rows) and manifest.csv to out
$ needlebook export --all --output ${TMP}/out/patients.csv
! needlebook: error: cannot make the folder ${TMP}/out/patients.csv: File exists
? 1

# Each export's row names its folder and its manifest's SHA-256 (64 hex digits).
= SELECT replace(reason, substr(reason, length(reason) - 63), '<SHA-256>') FROM audit_log WHERE action = 'export' ORDER BY id
> all tables to ${TMP}/out; manifest.csv SHA-256 <SHA-256>
> all tables to out, all revisions; manifest.csv SHA-256 <SHA-256>
