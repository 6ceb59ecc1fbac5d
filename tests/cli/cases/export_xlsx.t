# export --format xlsx refuses, before anything is written: no --output (a workbook is never
# written to a terminal), --bom and --raw (options of CSV), an unknown format, xlsx on another
# command (usage errors, exit 2); a device or a missing folder as the file, the database as the
# file (exit 1). Nothing refused is audited. A workbook written is a file of its own, and each
# export adds one audit row. What the cells hold: tests/exchange/xlsx_check.sh.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code 007 --phone 07700900111
> patient 007 registered: Smith, Ann

# A workbook needs a file.
$ needlebook export patients --format xlsx
! needlebook: error: --format xlsx: needs --output FILE: a workbook is written to a file, never to the terminal
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook export --all --format xlsx
! needlebook: error: --format xlsx: needs --output FILE: a workbook is written to a file, never to the terminal
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook --format xlsx export --all --all-revisions
! needlebook: error: --format xlsx: needs --output FILE: a workbook is written to a file, never to the terminal
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

# --bom and --raw are for CSV.
$ needlebook export patients --format xlsx --bom --output ${TMP}/p.xlsx
! needlebook: error: --bom: CSV only (a byte-order mark for Excel); a workbook needs none
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook export --all --format xlsx --raw --output ${TMP}/p.xlsx
! needlebook: error: --raw: CSV only (for import); a workbook's text cells are never formulas, so there is nothing to turn off
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook --db ${TMP}/p.xlsx patient list
! needlebook: error: no database at ${TMP}/p.xlsx; create it with 'needlebook init' or give --db PATH
? 1

# Formats: csv (the default) or xlsx; json and others are refused; xlsx is for export only.
$ needlebook export patients --format pdf --output ${TMP}/p.pdf
! needlebook: error: --format: pdf not in {text,json,csv,html,xlsx}
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook export patients --format json --output ${TMP}/p.json
! needlebook: error: --format: export writes csv or xlsx
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook patient list --format xlsx
! needlebook: error: --format: xlsx is for 'export' only; other commands print text, json or csv
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

# Files that cannot be a workbook: a device, a missing folder, the database itself.
$ needlebook export patients --format xlsx --output /dev/null
! needlebook: error: cannot write /dev/null: a workbook is written to a file, not to a pipe, a terminal or a device; give a file name
? 1
$ needlebook export --all --format xlsx --output ${TMP}/missing/all.xlsx
! needlebook: error: cannot write ${TMP}/missing/all.xlsx: No such file or directory
? 1
$ needlebook export patients --format xlsx --output ${TMP}/clinic.db
! needlebook: error: --output ${TMP}/clinic.db is the database ${TMP}/clinic.db; writing there would replace the clinic's records. Give another file; nothing was written
? 1
= SELECT count(*) FROM audit_log WHERE action = 'export'
> 0

# Written: one table, then every table with every revision.
$ needlebook export patients --format xlsx --output ${TMP}/p.xlsx
> exported 1 rows of patients to ${TMP}/p.xlsx
$ needlebook export --all --format xlsx --all-revisions --output all.xlsx
> exported 15 tables (142 rows) as the sheets of all.xlsx
$ needlebook --db ${TMP}/all.xlsx patient list
! needlebook: error: ${TMP}/all.xlsx is not a database file (file is not a database); give the clinic's database with --db
? 1
= SELECT reason FROM audit_log WHERE action = 'export' ORDER BY id
> patients (1 rows) as xlsx to ${TMP}/p.xlsx
> all tables as xlsx to all.xlsx, all revisions
