# A duplicate chart for the same person is merged into the patient's chart: its conditions,
# consents and sessions become the target's as new revisions (nothing rewritten), the duplicate
# is voided naming the target, and looking the duplicate up says where it went. The clinical
# checks of the merged file are reported as warnings. Every history of the target shows the
# merge, in its header and at each record moved; check passes afterwards.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook patient add --family Smith --given Anne --born 1985-04-12 --code ANN2
> patient ANN2 registered: Smith, Anne
$ needlebook patient add --family Jones --given Bea --born 1990-02-02 --code BEA
> patient BEA registered: Jones, Bea
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook consent add ANN2 --signed 2026-06-02 --covers 'microneedling serums prp'
> consent 2 on file for ANN2, signed 2026-06-02, covers microneedling serums prp
$ needlebook condition add ANN2 --code keloid-tendency --note 'told at reception'
> condition 1 on file for ANN2: keloid tendency
$ needlebook session log ANN --at '2026-11-10 10:00' --device pen --area cheek=1.0
> session 1 logged for ANN at 2026-11-10 10:00
$ needlebook session log ANN2 --at '2026-11-17 10:00' --device pen --area cheek=1.2 --serum prp@P1
> session 2 logged for ANN2 at 2026-11-17 10:00
! needlebook: warning: condition:keloid-tendency: keloid tendency on file
! needlebook: warning: lot:prp:P1: lot P1 of prp is not registered; register it with 'needlebook lot add prp P1 --expires YYYY-MM-DD'
$ needlebook reaction add 2 --kind erythema --severity mild --onset 2026-11-17 --resolved 2026-11-19
> reaction 1 recorded for session 2: erythema, mild
$ needlebook followup add 2 --on 2026-11-20 --outcome reactions
> follow-up 1 recorded for session 2: reactions recorded
$ needlebook session log ANN2 --at '2026-11-18 10:00' --device pen --area chin=1.0
> session 3 logged for ANN2 at 2026-11-18 10:00
! needlebook: warning: condition:keloid-tendency: keloid tendency on file
$ needlebook session void 3 --reason 'logged twice'
> session 3 voided (revision 2): logged twice

# Refusals: no reason, a blank one, unknown charts, the same chart, a stale revision.
$ needlebook patient merge ANN2 --into ANN
! needlebook: error: --reason is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook patient merge ANN2 --into ANN --reason ' '
! needlebook: error: reason must say why, e.g. --reason "typo in depth"
? 1
$ needlebook patient merge NOBODY --into ANN --reason 'same person'
! needlebook: error: no patient with chart code 'NOBODY'; see 'needlebook patient list'
? 1
$ needlebook patient merge ANN2 --into NOBODY --reason 'same person'
! needlebook: error: no patient with chart code 'NOBODY'; see 'needlebook patient list'
? 1
$ needlebook patient merge ANN --into ANN --reason 'same person'
! needlebook: error: --into ANN: a chart cannot be merged into itself; name the patient's other chart
? 1
$ needlebook patient merge ANN2 --into ANN --reason 'same person' --based-on 2
! needlebook: error: patient ANN2 has no revision 2: its current revision is 1; --based-on names the revision you corrected
? 1

# The merge: the checks of the merged file (ANN's session a week before ANN2's, on the same
# cheek; the keloid tendency now on ANN's file) are reported, not stored.
$ needlebook patient merge ANN2 --into ANN --reason 'same person, registered twice at reception' --based-on 1
> patient ANN2 merged into ANN (revision 2): 1 condition moved, 1 consent moved, 2 sessions moved
! needlebook: warning: ANN2 is Smith, Anne and ANN is Smith, Ann: the merged chart keeps ANN's name
! needlebook: warning: session 1 (2026-11-10 10:00) in the merged file: interval:cheek: cheek was also treated 7 days later, in session 2 on 2026-11-17 10:00 (clinic minimum 14 days)
! needlebook: warning: session 1 (2026-11-10 10:00) in the merged file: condition:keloid-tendency: keloid tendency on file
! needlebook: warning: session 2 (2026-11-17 10:00) in the merged file: interval:cheek: cheek was also treated 7 days earlier, in session 1 on 2026-11-10 10:00 (clinic minimum 14 days)

# The duplicate: merged again, merged into, written to: each refused, naming where it went.
$ needlebook patient merge ANN2 --into ANN --reason 'again'
! needlebook: error: patient ANN2 was already merged into ANN
? 1
$ needlebook patient merge BEA --into ANN2 --reason 'into the duplicate'
! needlebook: error: patient ANN2 was itself merged into ANN; merge into ANN
? 1
$ needlebook session log ANN2 --at '2026-11-21 10:00' --device pen --area chin=1.0
! needlebook: error: patient ANN2 was merged into ANN; add the session to ANN
? 1
$ needlebook consent add ANN2 --signed 2026-11-21
! needlebook: error: patient ANN2 was merged into ANN; add the consent to ANN
? 1
$ needlebook patient amend ANN2 --phone 1 --reason 'voided'
! needlebook: error: patient ANN2 is voided; it cannot be amended
? 1

# Another person (another birth date) is not merged; a chart merged on follows its records.
$ needlebook patient merge BEA --into ANN --reason 'same person'
! needlebook: error: BEA was born 1990-02-02 and ANN 1985-04-12: a merge joins two charts of one person; if one birth date is wrong, correct it first with 'needlebook patient amend'
? 1
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN3
> patient ANN3 registered: Smith, Ann
! needlebook: warning: ANN has the same name and birth date; if this is the same person, keep one chart: 'needlebook patient merge ANN3 --into ANN --reason …'
$ needlebook consent add ANN3 --signed 2026-11-01
> consent 3 on file for ANN3, signed 2026-11-01, covers microneedling serums

# The moved records are ANN's: lists, reports, corrections.
$ needlebook session list --patient ANN --voided
> id  at                patient  device  areas       serums  flags
>  1  2026-11-10 10:00  ANN      pen     cheek=1.00  0
>  2  2026-11-17 10:00  ANN      pen     cheek=1.20  1       warning,amended
>  3  2026-11-18 10:00  ANN      pen     chin=1.00   0       warning,void
$ needlebook session list --patient ANN2 --voided
> no sessions
$ needlebook patient show ANN
> Patient ANN: Smith, Ann
>   born          1985-04-12
>   fitzpatrick   not recorded
>   conditions
>     1: keloid-tendency, active
>   consent
>     1: signed 2026-06-01, covers microneedling serums
>     2: signed 2026-06-02, covers microneedling serums prp
>   sessions      3
>     1  2026-11-10 10:00  pen
>     2  2026-11-17 10:00  pen
>     3  2026-11-18 10:00  pen  [VOIDED]
>   revision 1 by tester on 2026-11-23 15:00
$ needlebook patient show ANN2
> Patient ANN2: Smith, Anne  [VOIDED]
>   born          1985-04-12
>   fitzpatrick   not recorded
>   conditions
>     none on file
>   consent
>     none on file
>   sessions      0
>   revision 2 (VOID) by tester on 2026-11-23 15:00: chart ANN2 merged into ANN: same person, registered twice at reception
$ needlebook reaction amend 1 --severity moderate --reason 'photo reviewed'
> reaction 1 amended (revision 2): erythema, moderate, onset 2026-11-17, resolved 2026-11-19
$ needlebook report recovery
> Recovery by kind
>   grouped by: kind
>   sessions from: the first
>   sessions to: the last
>   as of: 2026-11-23
>   recovery day = resolution day - session day; an open reaction counts to the
>     as-of date
>   median and p90: nearest-rank percentiles (the value at rank ceil(p/100 x n) of
>     the sorted recovery days)
>   prolonged: recovery day beyond the expected resolution of its kind (setting
>     recovery.KIND); adverse: kinds that are always adverse events
>
> kind      reactions  median_days  p90_days  prolonged  prolonged_pct  adverse  adverse_pct  open
> erythema          1            2         2          0            0.0        0          0.0     0
> (all)             1            2         2          0            0.0        0          0.0     0
$ needlebook report lot P1
> Lot recall: P1
>   lot: P1
>   registered: not registered ('needlebook lot add')
>   patients: 1
>   sessions: 1
>   reactions as of: 2026-11-23
>   lots match ignoring case; voided sessions are left out
>   phone and email are as on the patient's record today
>
> patient  name        phone  email  session  session_at        received           lot  areas       reactions
> ANN      Smith, Ann  -      -            2  2026-11-17 10:00  serum prp (after)  P1   cheek=1.20  R1 erythema moderate onset 2026-11-17 resolved 2026-11-19
$ needlebook history ANN
> ================================================================================
> TREATMENT HISTORY  ANN  Smith, Ann
> printed 2026-11-23 15:00 (Europe/London) by tester; reactions as of 2026-11-23
> recorded as audit row 97; chain head for 'check --head':
> 97:${SHA256}
> 2 sessions and 1 voided; every correction and override is shown
> chart ANN2 merged into ANN: same person, registered twice at reception (on
> 2026-11-23 15:00 by tester)
> ================================================================================
> PATIENT
>   chart          ANN
>   name           Smith, Ann
>   born           1985-04-12
>   fitzpatrick    not recorded
>   conditions
>     - 1: keloid tendency, active (told at reception)
>       revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: chart
>         ANN2 merged into ANN: same person, registered twice at reception
>         - chart: ANN2 -> ANN
>   consent
>     - 1: signed 2026-06-01, covers microneedling serums
>     - 2: signed 2026-06-02, covers microneedling serums prp
>       revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: chart
>         ANN2 merged into ANN: same person, registered twice at reception
>         - chart: ANN2 -> ANN
> --------------------------------------------------------------------------------
> SESSION 1  2026-11-10 10:00
>   interval       first session
>   practitioner   tester
>   indication     other
>   device         pen
>   areas
>     area   side  depth mm  passes
>     cheek  -         1.00       -
>   checked with   depth limits cheek 1.50 mm; consent_policy warn,
>                  consent_valid_months 12, interval_block_days 14,
>                  interval_warn_days 28, isotretinoin_months 6, minimum_age 18
>   reactions
>     none recorded
>   follow-ups
>     none recorded
> --------------------------------------------------------------------------------
> SESSION 2  2026-11-17 10:00
>   interval       7 days after the previous session
>   practitioner   tester
>   indication     other
>   device         pen
>   areas
>     area   side  depth mm  passes
>     cheek  -         1.20       -
>   serums
>     - prp, lot P1, after
>   clinical checks
>     - warning condition:keloid-tendency: keloid tendency on file
>     - warning lot:prp:P1: lot P1 of prp is not registered; register it with
>       'needlebook lot add prp P1 --expires YYYY-MM-DD'
>   checked with   depth limits cheek 1.50 mm; keloid-tendency warn,
>                  consent_policy warn, consent_valid_months 12,
>                  interval_block_days 14, interval_warn_days 28,
>                  isotretinoin_months 6, lot_registration warn, minimum_age 18
>   reactions
>     - R1 erythema, moderate
>       onset 2026-11-17 (day 0), resolved 2026-11-19 (day 2, lasted 2 days)
>       revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: photo
>         reviewed
>         - severity: mild -> moderate
>   recovered      day 2
>   follow-ups
>     - F1 2026-11-20: reactions recorded
>   corrections
>     revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: chart
>       ANN2 merged into ANN: same person, registered twice at reception
>       - chart: ANN2 -> ANN
> --------------------------------------------------------------------------------
> SESSION 3  2026-11-18 10:00  [VOIDED]
>   interval       not counted (voided)
>   practitioner   tester
>   indication     other
>   device         pen
>   areas
>     area  side  depth mm  passes
>     chin  -         1.00       -
>   clinical checks
>     - warning condition:keloid-tendency: keloid tendency on file
>   checked with   depth limits chin 1.50 mm; keloid-tendency warn, consent_policy
>                  warn, consent_valid_months 12, interval_block_days 14,
>                  interval_warn_days 28, isotretinoin_months 6, minimum_age 18
>   reactions
>     none recorded
>   follow-ups
>     none recorded
>   corrections
>     revision 2 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00: logged
>       twice
>       - voided: no -> yes
>     revision 3 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00: chart
>       ANN2 merged into ANN: same person, registered twice at reception
>       - chart: ANN2 -> ANN
> ================================================================================
> end of history
$ needlebook history ANN --format csv
> patient,session,session_at,session_voided,record,record_id,area,side,depth_mm,passes,product,lot,phase,amount_ml,kind,severity,onset,resolved,onset_day,recovery_day,marks,date,revision,author,recorded_at,field,before,after,text\r
> ANN,,,,condition,1,,,,,,,,,keloid-tendency,,,,,,,,2,tester,2026-11-23T15:00:00Z,,,,told at reception\r
> ANN,,,,condition correction,1,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,chart,ANN2,ANN,"chart ANN2 merged into ANN: same person, registered twice at reception"\r
> ANN,,,,consent,1,,,,,,,,,,,,,,,,2026-06-01,1,tester,2026-11-23T15:00:00Z,,,,"signed 2026-06-01, covers microneedling serums"\r
> ANN,,,,consent,2,,,,,,,,,,,,,,,,2026-06-02,2,tester,2026-11-23T15:00:00Z,,,,"signed 2026-06-02, covers microneedling serums prp"\r
> ANN,,,,consent correction,2,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,chart,ANN2,ANN,"chart ANN2 merged into ANN: same person, registered twice at reception"\r
> ANN,1,2026-11-10 10:00,0,session,1,,,,,,,,,,,,,,,,2026-11-10,1,tester,2026-11-23T15:00:00Z,,,,practitioner tester; pen; indication other\r
> ANN,1,2026-11-10 10:00,0,area,1,cheek,,1.00,,,,,,,,,,,,,,,,,,,,\r
> ANN,2,2026-11-17 10:00,0,session,2,,,,,,,,,,,,,,,,2026-11-17,2,tester,2026-11-23T15:00:00Z,,,,practitioner tester; pen; indication other\r
> ANN,2,2026-11-17 10:00,0,area,2,cheek,,1.20,,,,,,,,,,,,,,,,,,,,\r
> ANN,2,2026-11-17 10:00,0,serum,2,,,,,prp,P1,after,,,,,,,,,,,,,,,,\r
> ANN,2,2026-11-17 10:00,0,warning,2,,,,,,,,,,,,,,,,,,,,condition:keloid-tendency,,,keloid tendency on file\r
> ANN,2,2026-11-17 10:00,0,warning,2,,,,,,,,,,,,,,,,,,,,lot:prp:P1,,,lot P1 of prp is not registered; register it with 'needlebook lot add prp P1 --expires YYYY-MM-DD'\r
> ANN,2,2026-11-17 10:00,0,reaction,1,,,,,,,,,erythema,moderate,2026-11-17,2026-11-19,0,2,,,,,,,,,\r
> ANN,2,2026-11-17 10:00,0,reaction correction,1,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,severity,mild,moderate,photo reviewed\r
> ANN,2,2026-11-17 10:00,0,followup,1,,,,,,,,,,,,,,,,2026-11-20,,,,reactions,,,\r
> ANN,2,2026-11-17 10:00,0,session correction,2,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,chart,ANN2,ANN,"chart ANN2 merged into ANN: same person, registered twice at reception"\r
> ANN,3,2026-11-18 10:00,1,session,3,,,,,,,,,,,,,,,,2026-11-18,3,tester,2026-11-23T15:00:00Z,,,,practitioner tester; pen; indication other\r
> ANN,3,2026-11-18 10:00,1,area,3,chin,,1.00,,,,,,,,,,,,,,,,,,,,\r
> ANN,3,2026-11-18 10:00,1,warning,3,,,,,,,,,,,,,,,,,,,,condition:keloid-tendency,,,keloid tendency on file\r
> ANN,3,2026-11-18 10:00,1,session correction,3,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,voided,no,yes,logged twice\r
> ANN,3,2026-11-18 10:00,1,session correction,3,,,,,,,,,,,,,,,,,3,tester,2026-11-23T15:00:00Z,chart,ANN2,ANN,"chart ANN2 merged into ANN: same person, registered twice at reception"\r
$ needlebook history ANN2
> ================================================================================
> TREATMENT HISTORY  ANN2  Smith, Anne
> printed 2026-11-23 15:00 (Europe/London) by tester; reactions as of 2026-11-23
> recorded as audit row 99; chain head for 'check --head':
> 99:${SHA256}
> 0 sessions; every correction and override is shown
> chart ANN2 merged into ANN: same person, registered twice at reception (on
> 2026-11-23 15:00 by tester); its records are on ANN's history
> ================================================================================
> PATIENT
>   chart          ANN2
>   name           Smith, Anne
>   born           1985-04-12
>   fitzpatrick    not recorded
>   conditions
>     none on file
>   consent
>     none on file
>   corrections to the patient record
>     revision 2 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00: chart
>       ANN2 merged into ANN: same person, registered twice at reception
>       - voided: no -> yes
> --------------------------------------------------------------------------------
> no sessions recorded
> ================================================================================
> end of history
$ needlebook patient merge ANN --into ANN3 --reason 'registered a third time'
> patient ANN merged into ANN3 (revision 2): 1 condition moved, 2 consents moved, 3 sessions moved
! needlebook: warning: session 1 (2026-11-10 10:00) in the merged file: interval:cheek: cheek was also treated 7 days later, in session 2 on 2026-11-17 10:00 (clinic minimum 14 days)
! needlebook: warning: session 1 (2026-11-10 10:00) in the merged file: condition:keloid-tendency: keloid tendency on file
! needlebook: warning: session 2 (2026-11-17 10:00) in the merged file: interval:cheek: cheek was also treated 7 days earlier, in session 1 on 2026-11-10 10:00 (clinic minimum 14 days)
$ needlebook session log ANN2 --at '2026-11-21 10:00' --device pen --area chin=1.0
! needlebook: error: patient ANN2 was merged into ANN; add the session to ANN3
? 1
$ needlebook history ANN2 --format json
> {
>   "clinic": "",
>   "time_zone": "Europe/London",
>   "as_of": "2026-11-23",
>   "printed_at": "2026-11-23T15:00:00Z",
>   "printed_by": "tester",
>   "audit_chain_head": {
>     "id": 107,
>     "hash": "${SHA256}"
>   },
>   "patient": {
>     "code": "ANN2",
>     "family_name": "Smith",
>     "given_name": "Anne",
>     "birth_date": "1985-04-12",
>     "fitzpatrick": null,
>     "phone": "",
>     "email": "",
>     "note": "",
>     "revision": {
>       "number": 2,
>       "author": "tester",
>       "recorded_at": "2026-11-23T15:00:00Z",
>       "reason": "chart ANN2 merged into ANN: same person, registered twice at reception",
>       "voided": true
>     },
>     "amendments": [
>       {
>         "number": 2,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "chart ANN2 merged into ANN: same person, registered twice at reception",
>         "voided": true,
>         "os_account": "${OS_USER}",
>         "changes": [
>           {
>             "field": "voided",
>             "before": "no",
>             "after": "yes"
>           }
>         ]
>       }
>     ]
>   },
>   "chart_status": [
>     "chart ANN2 merged into ANN: same person, registered twice at reception (on 2026-11-23 15:00 by tester); its records are on ANN3's history"
>   ],
>   "conditions": [],
>   "consents": [],
>   "sessions": [],
>   "courses": [],
>   "scores": [],
>   "score_trends": [],
>   "photos": [],
>   "photo_pairs": []
> }
= SELECT action, record_kind, record_id, patient_id, revision FROM audit_log WHERE action LIKE '%.merge' ORDER BY id
> condition.merge|condition|1|1|2
> consent.merge|consent|2|1|2
> session.merge|session|2|1|2
> session.merge|session|3|1|3
> patient.merge|patient|2|2|2
> condition.merge|condition|1|4|3
> consent.merge|consent|1|4|2
> consent.merge|consent|2|4|3
> session.merge|session|1|4|2
> session.merge|session|2|4|3
> session.merge|session|3|4|4
> patient.merge|patient|1|1|2
= SELECT 'session', session_revision_id, patient_id FROM session_owner UNION ALL SELECT 'condition', condition_revision_id, patient_id FROM condition_owner UNION ALL SELECT 'consent', consent_revision_id, patient_id FROM consent_owner
> session|5|1
> session|6|1
> session|7|4
> session|8|4
> session|9|4
> condition|2|1
> condition|3|4
> consent|3|1
> consent|5|4
> consent|6|4
= SELECT patient_revision_id, into_patient_id FROM patient_merge
> 4|1
> 6|4
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
> audit chain   ok               107       0  -            -
> records       ok               106       0  -            -
> seals         ok                 0       0  -            no seals: anyone who can write the file could recompute the chain
> schema        ok               254       0  -            -
