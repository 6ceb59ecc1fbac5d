# Standing clearances instead of an override at every visit: a specialist's clearance turns a
# condition's block into a stored warning from the day it is recorded until its last day; after
# it, the condition blocks again. A later clearance adds to the earlier ones, each for its own
# days. Clearances are revisions, audited, and printed in every history format.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook condition add ANN --code eczema --since 2026-01-01 --note 'hands and elbows'
> condition 1 on file for ANN: eczema
$ needlebook session log ANN --at '2026-11-23 09:00' --device pen --area cheek=1.0
! needlebook: error: session refused by the clinical checks:
!   condition:eczema: eczema on file since 2026-01-01
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

# Refused clearances: unknown condition or code, an end before today, a blank specialist.
$ needlebook condition clear ANN --code psoriasis --by 'Dr A. Shah, dermatologist' --until 2027-01-31 --reason 'not on file'
! needlebook: error: no psoriasis on file for ANN; nothing to clear
? 1
$ needlebook condition clear ANN --code eczem --by 'Dr A. Shah, dermatologist' --until 2027-01-31 --reason 'typo'
! needlebook: error: unknown condition 'eczem'; allowed: active-infection, open-wound, eczema, psoriasis, active-herpes, rosacea-flare, keloid-tendency, isotretinoin, pregnancy, anticoagulants, bleeding-disorder, skin-cancer, metal-allergy, anaesthetic-allergy or uncontrolled-diabetes
? 1
$ needlebook condition clear ANN --code eczema --by 'Dr A. Shah, dermatologist' --until 2026-11-01 --reason 'in the past'
! needlebook: error: until 2026-11-01 is before the clearance is given (2026-11-23)
? 1
$ needlebook condition clear ANN --code eczema --by ' ' --until 2027-01-31 --reason 'no one'
! needlebook: error: by must not be empty
? 1
$ needlebook condition clear ANN --code eczema --by 'Dr A. Shah, dermatologist' --until 2026-11-30 --reason 'face clear; treat around the hands'
> condition 1 of ANN cleared by Dr A. Shah, dermatologist until 2026-11-30: eczema blocks again after that day
$ needlebook condition clear ANN --code eczema --by 'Dr A. Shah, dermatologist' --until 2026-11-30 --reason 'face clear; treat around the hands'
! needlebook: error: eczema of ANN is already cleared like that; nothing to change
? 1

# Within the clearance: a stored warning, no override needed. Before its first day the block again
# (after its last day too: tests/unit/test_rules.cpp, as the clock here cannot move past today).
$ needlebook session log ANN --at '2026-11-23 10:00' --device pen --area forehead=0.5
> session 1 logged for ANN at 2026-11-23 10:00
! needlebook: warning: condition:eczema: eczema on file since 2026-01-01; cleared by Dr A. Shah, dermatologist until 2026-11-30 (face clear; treat around the hands)
$ needlebook session show 1
> Session 1 for ANN
>   at            2026-11-23 10:00 (Europe/London)
>   practitioner  tester
>   indication    other
>   device        pen
>   areas
>     area      depth mm  passes
>     forehead      0.50       -
>   warning       condition:eczema: eczema on file since 2026-01-01; cleared by Dr A. Shah, dermatologist until 2026-11-30 (face clear; treat around the hands)
>   revision 1 by tester on 2026-11-23 15:00
$ needlebook session log ANN --at '2026-11-22 10:00' --device pen --area chin=0.5
! needlebook: error: session refused by the clinical checks:
!   condition:eczema: eczema on file since 2026-01-01
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1
$ needlebook patient show ANN
> Patient ANN: Smith, Ann
>   born          1985-04-12
>   fitzpatrick   not recorded
>   conditions
>     1: eczema since 2026-01-01, active; cleared by Dr A. Shah, dermatologist from 2026-11-23 until 2026-11-30 (face clear; treat around the hands)
>   consent
>     1: signed 2026-06-01, covers microneedling serums
>   sessions      1
>     1  2026-11-23 10:00  pen
>   revision 1 by tester on 2026-11-23 15:00
$ needlebook --format json condition clear ANN --code eczema --by 'Dr B. Okoro, dermatologist' --until 2027-03-31 --reason 'reviewed; still clear on the face'
> [
>   {
>     "id": 1,
>     "code": "eczema",
>     "since": "2026-01-01",
>     "resolved": null,
>     "note": "hands and elbows",
>     "clearances": [
>       {
>         "by": "Dr A. Shah, dermatologist",
>         "on": "2026-11-23",
>         "until": "2026-11-30",
>         "reason": "face clear; treat around the hands"
>       },
>       {
>         "by": "Dr B. Okoro, dermatologist",
>         "on": "2026-11-23",
>         "until": "2027-03-31",
>         "reason": "reviewed; still clear on the face"
>       }
>     ],
>     "revision": {
>       "number": 3,
>       "author": "tester",
>       "recorded_at": "2026-11-23T15:00:00Z",
>       "reason": "reviewed; still clear on the face",
>       "voided": false
>     }
>   }
> ]
$ needlebook history ANN
> ================================================================================
> TREATMENT HISTORY  ANN  Smith, Ann
> printed 2026-11-23 15:00 (Europe/London) by tester; reactions as of 2026-11-23
> recorded as audit row 79; chain head for 'check --head':
> 79:7bafa7ddffc789354ec7867b1f612f8257388420556ee5dafe3bdb8a339b359e
> 1 session; every correction and override is shown
> ================================================================================
> PATIENT
>   chart          ANN
>   name           Smith, Ann
>   born           1985-04-12
>   fitzpatrick    not recorded
>   conditions
>     - 1: eczema, since 2026-01-01, active (hands and elbows); cleared by Dr A.
>       Shah, dermatologist from 2026-11-23 until 2026-11-30 (face clear; treat
>       around the hands); cleared by Dr B. Okoro, dermatologist from 2026-11-23
>       until 2027-03-31 (reviewed; still clear on the face)
>       revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: face
>         clear; treat around the hands
>         - clearance: added by Dr A. Shah, dermatologist from 2026-11-23 until
>           2026-11-30 (face clear; treat around the hands)
>       revision 3 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00:
>         reviewed; still clear on the face
>         - clearance: added by Dr B. Okoro, dermatologist from 2026-11-23 until
>           2027-03-31 (reviewed; still clear on the face)
>   consent
>     - 1: signed 2026-06-01, covers microneedling serums
> --------------------------------------------------------------------------------
> SESSION 1  2026-11-23 10:00
>   interval       first session
>   practitioner   tester
>   indication     other
>   device         pen
>   areas
>     area      side  depth mm  passes
>     forehead  -         0.50       -
>   clinical checks
>     - warning condition:eczema: eczema on file since 2026-01-01; cleared by Dr
>       A. Shah, dermatologist until 2026-11-30 (face clear; treat around the
>       hands)
>   checked with   depth limits forehead 0.50 mm; eczema block, consent_policy
>                  warn, consent_valid_months 12, interval_block_days 14,
>                  interval_warn_days 28, isotretinoin_months 6, minimum_age 18
>   reactions
>     none recorded
>   follow-ups
>     none recorded
> ================================================================================
> end of history
$ needlebook --format csv history ANN
> patient,session,session_at,session_voided,record,record_id,area,side,depth_mm,passes,product,lot,phase,amount_ml,kind,severity,onset,resolved,onset_day,recovery_day,marks,date,revision,author,recorded_at,field,before,after,text\r
> ANN,,,,condition,1,,,,,,,,,eczema,,2026-01-01,,,,,,3,tester,2026-11-23T15:00:00Z,,,,hands and elbows\r
> ANN,,,,clearance,1,,,,,,,,,eczema,,,,,,,2026-11-30,,,,,,,"cleared by Dr A. Shah, dermatologist from 2026-11-23 until 2026-11-30 (face clear; treat around the hands)"\r
> ANN,,,,clearance,1,,,,,,,,,eczema,,,,,,,2027-03-31,,,,,,,"cleared by Dr B. Okoro, dermatologist from 2026-11-23 until 2027-03-31 (reviewed; still clear on the face)"\r
> ANN,,,,condition correction,1,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,clearance,,"by Dr A. Shah, dermatologist from 2026-11-23 until 2026-11-30 (face clear; treat around the hands)",face clear; treat around the hands\r
> ANN,,,,condition correction,1,,,,,,,,,,,,,,,,,3,tester,2026-11-23T15:00:00Z,clearance,,"by Dr B. Okoro, dermatologist from 2026-11-23 until 2027-03-31 (reviewed; still clear on the face)",reviewed; still clear on the face\r
> ANN,,,,consent,1,,,,,,,,,,,,,,,,2026-06-01,1,tester,2026-11-23T15:00:00Z,,,,"signed 2026-06-01, covers microneedling serums"\r
> ANN,1,2026-11-23 10:00,0,session,1,,,,,,,,,,,,,,,,2026-11-23,1,tester,2026-11-23T15:00:00Z,,,,practitioner tester; pen; indication other\r
> ANN,1,2026-11-23 10:00,0,area,1,forehead,,0.50,,,,,,,,,,,,,,,,,,,,\r
> ANN,1,2026-11-23 10:00,0,warning,1,,,,,,,,,,,,,,,,,,,,condition:eczema,,,"eczema on file since 2026-01-01; cleared by Dr A. Shah, dermatologist until 2026-11-30 (face clear; treat around the hands)"\r
$ needlebook --format html history ANN --output ${TMP}/ann.html
> history of ANN written to ${TMP}/ann.html (1 session)
= SELECT r.revision, k.position, k.cleared_by, k.cleared_on, k.until FROM condition_revision r JOIN condition_clearance k ON k.condition_revision_id = r.id ORDER BY r.revision, k.position
> 2|1|Dr A. Shah, dermatologist|2026-11-23|2026-11-30
> 3|1|Dr A. Shah, dermatologist|2026-11-23|2026-11-30
> 3|2|Dr B. Okoro, dermatologist|2026-11-23|2027-03-31
= SELECT action, record_kind, record_id, revision, reason FROM audit_log WHERE action LIKE 'condition.%' ORDER BY id
> condition.add|condition|1|1|
> condition.clear|condition|1|2|cleared by Dr A. Shah, dermatologist until 2026-11-30: face clear; treat around the hands
> condition.clear|condition|1|3|cleared by Dr B. Okoro, dermatologist until 2027-03-31: reviewed; still clear on the face
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
> audit chain   ok                81       0  -            -
> records       ok                80       0  -            -
> seals         ok                 0       0  -            no seals: anyone who can write the file could recompute the chain
> schema        ok               254       0  -            -
