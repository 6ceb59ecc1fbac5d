# history in the machine formats and as an HTML file. JSON: the whole record, every revision's
# who/when/why, the timeline of each reaction and the field-by-field changes of every correction.
# CSV: one row per fact (session, area, serum, override, reaction, follow-up, correction).
# HTML: written to --output (atomically), a one-line confirmation on stdout. --format html is
# for history only: anywhere else it is a usage error (2) and nothing is written.
#
# The clinic (today is 2026-11-23, the clock fixed, so every revision is recorded at
# 2026-11-23T15:00:00Z):
#   S1 2026-11-02 10:00 (GMT, so 10:00Z), periorbital 0.75 over its 0.50 limit: override;
#      amended to add a note
#   R1 erythema 11-02..11-06 on cheek:left: onset day 0, recovery day 4 > 3: prolonged; resolved
#      by a second revision
#   S2 2026-11-20 09:30, voided; the patient's given name corrected Ann -> Anne

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN --fitzpatrick 2
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01 --covers microneedling
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling
$ needlebook session log ANN --at "2026-11-02 10:00" --device pen --model "Dermapen 4" --area periorbital=0.75x2 --area cheek:left=1.0 --serum ha-serum@HA-2291:during --cartridge 12-pin --cartridge-lot CL-7 --practitioner "Dr Jones" --override "depth:periorbital=deep lines, agreed with patient"
> session 1 logged for ANN at 2026-11-02 10:00
> overridden depth:periorbital: depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm (reason: deep lines, agreed with patient)
! needlebook: warning: lot:ha-serum:HA-2291: lot HA-2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA-2291 --expires YYYY-MM-DD'
! needlebook: warning: lot:cartridge:CL-7: cartridge lot CL-7 is not registered; register it with 'needlebook lot add cartridge CL-7 --expires YYYY-MM-DD'
! needlebook: warning: consent:serums: no consent in force covers serums applied to the skin (in force: microneedling)
$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-02 --area cheek:left --note expected
> reaction 1 recorded for session 1: erythema, mild, open
$ needlebook reaction resolve 1 --on 2026-11-06
> reaction 1 resolved on 2026-11-06, 4 days after onset
$ needlebook followup add 1 --on 2026-11-09 --outcome reactions --note settled
> follow-up 1 recorded for session 1: reactions recorded
$ needlebook session amend 1 --reason "note added" --note "tolerated well"
> session 1 amended (revision 2) for ANN at 2026-11-02 10:00
> overridden depth:periorbital: depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm (reason: deep lines, agreed with patient)
! needlebook: warning: lot:ha-serum:HA-2291: lot HA-2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA-2291 --expires YYYY-MM-DD'
! needlebook: warning: lot:cartridge:CL-7: cartridge lot CL-7 is not registered; register it with 'needlebook lot add cartridge CL-7 --expires YYYY-MM-DD'
! needlebook: warning: consent:serums: no consent in force covers serums applied to the skin (in force: microneedling)
$ needlebook session log ANN --at "2026-11-20 09:30" --device roller --area neck=0.5
> session 2 logged for ANN at 2026-11-20 09:30
$ needlebook session void 2 --reason "duplicate entry"
> session 2 voided (revision 2): duplicate entry
$ needlebook patient amend ANN --reason "given name misspelt" --given Anne
> patient ANN amended (revision 2): Smith, Anne

$ needlebook history ANN --format json
> {
>   "clinic": "",
>   "time_zone": "Europe/London",
>   "as_of": "2026-11-23",
>   "printed_at": "2026-11-23T15:00:00Z",
>   "printed_by": "tester",
>   "audit_chain_head": {
>     "id": 81,
>     "hash": "${SHA256}"
>   },
>   "patient": {
>     "code": "ANN",
>     "family_name": "Smith",
>     "given_name": "Anne",
>     "birth_date": "1985-04-12",
>     "fitzpatrick": 2,
>     "phone": "",
>     "email": "",
>     "note": "",
>     "revision": {
>       "number": 2,
>       "author": "tester",
>       "recorded_at": "2026-11-23T15:00:00Z",
>       "reason": "given name misspelt",
>       "voided": false
>     },
>     "amendments": [
>       {
>         "number": 2,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "given name misspelt",
>         "voided": false,
>         "os_account": "${OS_USER}",
>         "changes": [
>           {
>             "field": "given name",
>             "before": "Ann",
>             "after": "Anne"
>           }
>         ]
>       }
>     ]
>   },
>   "chart_status": [],
>   "conditions": [],
>   "consents": [
>     {
>       "id": 1,
>       "signed": "2026-06-01",
>       "covers": "microneedling",
>       "guardian": "",
>       "withdrawn": null,
>       "revision": {
>         "number": 1,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "",
>         "voided": false
>       },
>       "amendments": []
>     }
>   ],
>   "sessions": [
>     {
>       "id": 1,
>       "patient": "ANN",
>       "at": "2026-11-02 10:00",
>       "at_utc": "2026-11-02T10:00:00Z",
>       "time_zone": "Europe/London",
>       "practitioner": "Dr Jones",
>       "indication": "other",
>       "course": null,
>       "device": "pen",
>       "model": "Dermapen 4",
>       "cartridge": "12-pin",
>       "cartridge_lot": "CL-7",
>       "anaesthetic": "",
>       "endpoint": "",
>       "aftercare": "",
>       "note": "tolerated well",
>       "areas": [
>         {
>           "area": "periorbital",
>           "side": null,
>           "depth_mm": 0.75,
>           "passes": 2
>         },
>         {
>           "area": "cheek",
>           "side": "left",
>           "depth_mm": 1.0,
>           "passes": null
>         }
>       ],
>       "serums": [
>         {
>           "product": "ha-serum",
>           "lot": "HA-2291",
>           "phase": "during",
>           "amount_ml": null
>         }
>       ],
>       "findings": [
>         {
>           "key": "depth:periorbital",
>           "level": "overridden",
>           "message": "depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm",
>           "override_reason": "deep lines, agreed with patient",
>           "overridden_by": "tester",
>           "overridden_at": "2026-11-23T15:00:00Z"
>         },
>         {
>           "key": "lot:ha-serum:HA-2291",
>           "level": "warning",
>           "message": "lot HA-2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA-2291 --expires YYYY-MM-DD'",
>           "override_reason": "",
>           "overridden_by": "",
>           "overridden_at": null
>         },
>         {
>           "key": "lot:cartridge:CL-7",
>           "level": "warning",
>           "message": "cartridge lot CL-7 is not registered; register it with 'needlebook lot add cartridge CL-7 --expires YYYY-MM-DD'",
>           "override_reason": "",
>           "overridden_by": "",
>           "overridden_at": null
>         },
>         {
>           "key": "consent:serums",
>           "level": "warning",
>           "message": "no consent in force covers serums applied to the skin (in force: microneedling)",
>           "override_reason": "",
>           "overridden_by": "",
>           "overridden_at": null
>         }
>       ],
>       "revision": {
>         "number": 2,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "note added",
>         "voided": false
>       },
>       "day": "2026-11-02",
>       "days_since_previous": null,
>       "recovery_day": 4,
>       "reactions": [
>         {
>           "id": 1,
>           "session": 1,
>           "kind": "erythema",
>           "severity": "mild",
>           "area": "cheek",
>           "side": "left",
>           "onset": "2026-11-02",
>           "resolved": "2026-11-06",
>           "note": "expected",
>           "revision": {
>             "number": 2,
>             "author": "tester",
>             "recorded_at": "2026-11-23T15:00:00Z",
>             "reason": "resolved",
>             "voided": false
>           },
>           "timeline": {
>             "onset_day": 0,
>             "recovery_day": 4,
>             "duration_days": 4,
>             "open": false,
>             "prolonged": true,
>             "adverse": false
>           },
>           "amendments": [
>             {
>               "number": 2,
>               "author": "tester",
>               "recorded_at": "2026-11-23T15:00:00Z",
>               "reason": "resolved",
>               "voided": false,
>               "os_account": "${OS_USER}",
>               "changes": [
>                 {
>                   "field": "resolved",
>                   "before": "",
>                   "after": "2026-11-06"
>                 }
>               ]
>             }
>           ]
>         }
>       ],
>       "followups": [
>         {
>           "id": 1,
>           "session": 1,
>           "on": "2026-11-09",
>           "outcome": "reactions",
>           "note": "settled",
>           "revision": {
>             "number": 1,
>             "author": "tester",
>             "recorded_at": "2026-11-23T15:00:00Z",
>             "reason": "",
>             "voided": false
>           },
>           "amendments": []
>         }
>       ],
>       "amendments": [
>         {
>           "number": 2,
>           "author": "tester",
>           "recorded_at": "2026-11-23T15:00:00Z",
>           "reason": "note added",
>           "voided": false,
>           "os_account": "${OS_USER}",
>           "changes": [
>             {
>               "field": "note",
>               "before": "",
>               "after": "tolerated well"
>             }
>           ]
>         }
>       ],
>       "settings_used": {
>         "consent_policy": "warn",
>         "consent_valid_months": "12",
>         "depth_limit.cheek": "1.50",
>         "depth_limit.periorbital": "0.50",
>         "interval_block_days": "14",
>         "interval_warn_days": "28",
>         "isotretinoin_months": "6",
>         "lot_registration": "warn",
>         "minimum_age": "18",
>         "override_min_reason": "10"
>       }
>     },
>     {
>       "id": 2,
>       "patient": "ANN",
>       "at": "2026-11-20 09:30",
>       "at_utc": "2026-11-20T09:30:00Z",
>       "time_zone": "Europe/London",
>       "practitioner": "tester",
>       "indication": "other",
>       "course": null,
>       "device": "roller",
>       "model": "",
>       "cartridge": "",
>       "cartridge_lot": "",
>       "anaesthetic": "",
>       "endpoint": "",
>       "aftercare": "",
>       "note": "",
>       "areas": [
>         {
>           "area": "neck",
>           "side": null,
>           "depth_mm": 0.5,
>           "passes": null
>         }
>       ],
>       "serums": [],
>       "findings": [],
>       "revision": {
>         "number": 2,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "duplicate entry",
>         "voided": true
>       },
>       "day": "2026-11-20",
>       "days_since_previous": null,
>       "recovery_day": null,
>       "reactions": [],
>       "followups": [],
>       "amendments": [
>         {
>           "number": 2,
>           "author": "tester",
>           "recorded_at": "2026-11-23T15:00:00Z",
>           "reason": "duplicate entry",
>           "voided": true,
>           "os_account": "${OS_USER}",
>           "changes": [
>             {
>               "field": "voided",
>               "before": "no",
>               "after": "yes"
>             }
>           ]
>         }
>       ],
>       "settings_used": {
>         "consent_policy": "warn",
>         "consent_valid_months": "12",
>         "depth_limit.neck": "1.00",
>         "interval_block_days": "14",
>         "interval_warn_days": "28",
>         "isotretinoin_months": "6",
>         "minimum_age": "18"
>       }
>     }
>   ],
>   "courses": [],
>   "scores": [],
>   "score_trends": [],
>   "photos": [],
>   "photo_pairs": []
> }

# CSV, one row per fact; the patient's own corrections first, then each session with its areas,
# serums, overrides, reactions (each followed by its corrections), follow-ups and corrections.
# The session row's text says who treated with what; a model left blank leaves no stray space.
$ needlebook --format csv history ANN
> patient,session,session_at,session_voided,record,record_id,area,side,depth_mm,passes,product,lot,phase,amount_ml,kind,severity,onset,resolved,onset_day,recovery_day,marks,date,revision,author,recorded_at,field,before,after,text\r
> ANN,,,,patient correction,1,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,given name,Ann,Anne,given name misspelt\r
> ANN,,,,consent,1,,,,,,,,,,,,,,,,2026-06-01,1,tester,2026-11-23T15:00:00Z,,,,"signed 2026-06-01, covers microneedling"\r
> ANN,1,2026-11-02 10:00,0,session,1,,,,,12-pin,CL-7,,,,,,,,,,2026-11-02,2,tester,2026-11-23T15:00:00Z,,,,practitioner Dr Jones; pen Dermapen 4; indication other\r
> ANN,1,2026-11-02 10:00,0,area,1,periorbital,,0.75,2,,,,,,,,,,,,,,,,,,,\r
> ANN,1,2026-11-02 10:00,0,area,1,cheek,left,1.00,,,,,,,,,,,,,,,,,,,,\r
> ANN,1,2026-11-02 10:00,0,serum,1,,,,,ha-serum,HA-2291,during,,,,,,,,,,,,,,,,\r
> ANN,1,2026-11-02 10:00,0,overridden,1,,,,,,,,,,,,,,,,,,,,depth:periorbital,,,"depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm (reason: deep lines, agreed with patient)"\r
> ANN,1,2026-11-02 10:00,0,warning,1,,,,,,,,,,,,,,,,,,,,lot:ha-serum:HA-2291,,,lot HA-2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA-2291 --expires YYYY-MM-DD'\r
> ANN,1,2026-11-02 10:00,0,warning,1,,,,,,,,,,,,,,,,,,,,lot:cartridge:CL-7,,,cartridge lot CL-7 is not registered; register it with 'needlebook lot add cartridge CL-7 --expires YYYY-MM-DD'\r
> ANN,1,2026-11-02 10:00,0,warning,1,,,,,,,,,,,,,,,,,,,,consent:serums,,,no consent in force covers serums applied to the skin (in force: microneedling)\r
> ANN,1,2026-11-02 10:00,0,reaction,1,cheek,left,,,,,,,erythema,mild,2026-11-02,2026-11-06,0,4,prolonged,,,,,,,,expected\r
> ANN,1,2026-11-02 10:00,0,reaction correction,1,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,resolved,,2026-11-06,resolved\r
> ANN,1,2026-11-02 10:00,0,followup,1,,,,,,,,,,,,,,,,2026-11-09,,,,reactions,,,settled\r
> ANN,1,2026-11-02 10:00,0,session correction,1,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,note,,tolerated well,note added\r
> ANN,2,2026-11-20 09:30,1,session,2,,,,,,,,,,,,,,,,2026-11-20,2,tester,2026-11-23T15:00:00Z,,,,practitioner tester; roller; indication other\r
> ANN,2,2026-11-20 09:30,1,area,2,neck,,0.50,,,,,,,,,,,,,,,,,,,,\r
> ANN,2,2026-11-20 09:30,1,session correction,2,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,voided,no,yes,duplicate entry\r

# HTML to a file: stdout confirms it; the file is there (a path through it is "not a
# directory"); asking for a folder as the output is refused.
$ needlebook history ANN --format html --output ${TMP}/h.html
> history of ANN written to ${TMP}/h.html (1 session and 1 voided)
$ needlebook history ANN --format html --output ${TMP}/h.html/again.html
! needlebook: error: cannot write ${TMP}/h.html/again.html: Not a directory
? 1
$ needlebook history ANN --format html --output ${TMP}
! needlebook: error: cannot write ${TMP}: it is a folder, not a file name
? 1
# Text goes to a file the same way.
$ needlebook history ANN --output ${TMP}/h.txt
> history of ANN written to ${TMP}/h.txt (1 session and 1 voided)

# Chart codes ignore case.
$ needlebook history ann --format html --output ${TMP}/lower.html
> history of ANN written to ${TMP}/lower.html (1 session and 1 voided)

# No such patient: exit 1, a clear message, and no file (a path through it does not exist).
$ needlebook history NOPE
! needlebook: error: no patient with chart code 'NOPE'; see 'needlebook patient list'
? 1
$ needlebook history NOPE --format html --output ${TMP}/nope.html
! needlebook: error: no patient with chart code 'NOPE'; see 'needlebook patient list'
? 1
$ needlebook history ANN --format html --output ${TMP}/nope.html/x
! needlebook: error: cannot write ${TMP}/nope.html/x: No such file or directory
? 1
$ needlebook history
! needlebook: error: PATIENT is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

# --format html anywhere else is a usage error, and a write asked for in html is not made.
$ needlebook patient list --format html
! needlebook: error: --format: html is for 'history' only; other commands print text, json or csv
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook --format html session show 1
! needlebook: error: --format: html is for 'history' only; other commands print text, json or csv
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook --format html reaction add 1 --kind oedema --severity mild --onset 2026-11-03
! needlebook: error: --format: html is for 'history' only; other commands print text, json or csv
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook session log ANN --at "2026-11-22 10:00" --device pen --area chin=1.0 --format html
! needlebook: error: --format: html is for 'history' only; other commands print text, json or csv
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
= SELECT count(*) FROM session
> 2
= SELECT count(*) FROM reaction
> 1
