# A chart registered in error is voided, never deleted: refused while it has sessions that are
# not voided, refused without a reason or twice. A voided chart takes no new records; it stays
# in the list and in its history, marked.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook patient add --family Smith --given Anne --born 1985-04-12 --code ANN2
> patient ANN2 registered: Smith, Anne
$ needlebook consent add ANN2 --signed 2026-06-01
> consent 1 on file for ANN2, signed 2026-06-01, covers microneedling serums
$ needlebook session log ANN2 --at '2026-11-20 10:00' --device pen --area cheek=1.0
> session 1 logged for ANN2 at 2026-11-20 10:00

$ needlebook patient void ANN2
! needlebook: error: --reason is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook patient void ANN2 --reason ' '
! needlebook: error: reason must say why, e.g. --reason "typo in depth"
? 1
$ needlebook patient void NOBODY --reason 'no such chart'
! needlebook: error: no patient with chart code 'NOBODY'; see 'needlebook patient list'
? 1
$ needlebook patient void ANN2 --reason 'registered twice'
! needlebook: error: patient ANN2 has records not voided (session 1); a chart with treatments is not one registered in error: void each record entered in error first ('needlebook session void SESSION --reason …', likewise score, photo and course), or merge a duplicate chart with 'needlebook patient merge'
? 1
$ needlebook session void 1 --reason 'logged on the duplicate chart' --based-on 2
! needlebook: error: session 1 has no revision 2: its current revision is 1; --based-on names the revision you corrected
? 1
$ needlebook session void 1 --reason 'logged on the duplicate chart' --based-on 1
> session 1 voided (revision 2): logged on the duplicate chart
$ needlebook patient void ANN2 --reason 'registered twice' --based-on 2
! needlebook: error: patient ANN2 has no revision 2: its current revision is 1; --based-on names the revision you corrected
? 1
$ needlebook patient void ANN2 --reason 'registered twice' --based-on 1
> patient ANN2 voided (revision 2): Smith, Anne
$ needlebook patient void ANN2 --reason 'again'
! needlebook: error: patient ANN2 is already voided
? 1
$ needlebook patient amend ANN2 --phone 1 --reason 'voided'
! needlebook: error: patient ANN2 is voided; it cannot be amended
? 1
$ needlebook condition add ANN2 --code eczema
! needlebook: error: patient ANN2 is voided (registered twice); no condition can be added to the chart
? 1
$ needlebook consent add ANN2 --signed 2026-06-01
! needlebook: error: patient ANN2 is voided (registered twice); no consent can be added to the chart
? 1
$ needlebook session log ANN2 --at '2026-11-21 10:00' --device pen --area cheek=1.0
! needlebook: error: patient ANN2 is voided (registered twice); no session can be added to the chart
? 1
$ needlebook patient list
> code  name                   born        fitzpatrick  phone
> ANN   Smith, Ann             1985-04-12  -
> ANN2  Smith, Anne  [VOIDED]  1985-04-12  -
$ needlebook patient show ANN2
> Patient ANN2: Smith, Anne  [VOIDED]
>   born          1985-04-12
>   fitzpatrick   not recorded
>   conditions
>     none on file
>   consent
>     1: signed 2026-06-01, covers microneedling serums
>   sessions      1
>     1  2026-11-20 10:00  pen  [VOIDED]
>   revision 2 (VOID) by tester on 2026-11-23 15:00: registered twice
$ needlebook history ANN2 --format csv
> patient,session,session_at,session_voided,record,record_id,area,side,depth_mm,passes,product,lot,phase,amount_ml,kind,severity,onset,resolved,onset_day,recovery_day,marks,date,revision,author,recorded_at,field,before,after,text\r
> ANN2,,,,patient correction,2,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,voided,no,yes,registered twice\r
> ANN2,,,,consent,1,,,,,,,,,,,,,,,,2026-06-01,1,tester,2026-11-23T15:00:00Z,,,,"signed 2026-06-01, covers microneedling serums"\r
> ANN2,1,2026-11-20 10:00,1,session,1,,,,,,,,,,,,,,,,2026-11-20,2,tester,2026-11-23T15:00:00Z,,,,practitioner tester; pen; indication other\r
> ANN2,1,2026-11-20 10:00,1,area,1,cheek,,1.00,,,,,,,,,,,,,,,,,,,,\r
> ANN2,1,2026-11-20 10:00,1,session correction,1,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,voided,no,yes,logged on the duplicate chart\r
= SELECT action, record_kind, record_id, revision, reason FROM audit_log WHERE action LIKE '%void' ORDER BY id
> session.void|session|1|2|logged on the duplicate chart
> patient.void|patient|2|2|registered twice
$ needlebook check
> Database check: ${TMP}/clinic.db
>   file: ${TMP}/clinic.db
>   result: ok
>   integrity: SQLite's integrity_check; foreign keys: foreign_key_check; audit
>     chain: each row's SHA-256 and its link to the row before; records: each
>     record revision against the fingerprint its audit row keeps
>
> check         result  rows_checked  faults  first_fault  note
> integrity     ok                 0       0  -            -
> foreign keys  ok                 0       0  -            -
> audit chain   ok                79       0  -            -
> records       ok                78       0  -            -
> seals         ok                 0       0  -            no seals: anyone who can write the file could recompute the chain
> schema        ok               254       0  -            -
