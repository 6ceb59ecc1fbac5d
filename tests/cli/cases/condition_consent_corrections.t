# Conditions and consents are corrected, never overwritten: amend changes the fields given as a
# new revision (who, when, why), void marks a record entered in error. Every refusal (no
# reason, unknown record, nothing to change, a revision changed since --based-on, a voided
# record, a value the checks refuse) leaves the database as it was. The next session is
# checked against the corrected file, and every history format shows each correction.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook condition add ANN --code pregnancy --since 2026-01-01 --note 'first trimester'
> condition 1 on file for ANN: pregnancy or nursing
$ needlebook condition add ANN --code isotretinoin --since 2025-01-01
> condition 2 on file for ANN: isotretinoin

# condition amend: the wrong code, then a date.
$ needlebook condition amend 1 --code eczema --reason 'entered under the wrong code'
> condition 1 amended (revision 2): eczema since 2026-01-01, active
$ needlebook condition amend 1 --since 2025-12-01 --note 'hands' --reason 'dermatologist letter' --based-on 2
> condition 1 amended (revision 3): eczema since 2025-12-01, active

# Refusals.
$ needlebook condition amend 1 --note x
! needlebook: error: --reason is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook condition amend 1 --note x --reason '  '
! needlebook: error: reason must say why, e.g. --reason "typo in depth"
? 1
$ needlebook condition amend 9 --note x --reason 'no such'
! needlebook: error: no condition 9; 'needlebook patient show PATIENT' lists a patient's conditions
? 1
$ needlebook condition amend x1 --note x --reason 'not a number'
! needlebook: error: condition 'x1' is not a condition id; use the number printed by 'condition add' or 'patient show'
? 1
$ needlebook condition amend 1 --note hands --reason 'same again'
! needlebook: error: condition 1 already reads like that; nothing to amend
? 1
$ needlebook condition amend 1 --note y --reason 'stale' --based-on 2
! needlebook: error: condition 1 was amended meanwhile (now revision 3); run the command again
? 1
$ needlebook condition amend 1 --code eczem --reason 'typo'
! needlebook: error: unknown condition 'eczem'; allowed: active-infection, open-wound, eczema, psoriasis, active-herpes, rosacea-flare, keloid-tendency, isotretinoin, pregnancy, anticoagulants, bleeding-disorder, skin-cancer, metal-allergy, anaesthetic-allergy or uncontrolled-diabetes
? 1
$ needlebook condition amend 1 --since 1980-01-01 --reason 'year'
! needlebook: error: condition since 1980-01-01 is before ANN was born (1985-04-12); check the year
? 1
$ needlebook condition amend 1 --resolved 2025-11-01 --reason 'before it began'
! needlebook: error: resolved 2025-11-01 is before since 2025-12-01
? 1
$ needlebook condition amend 1 --resolved 2026-12-01 --reason 'tomorrow'
! needlebook: error: resolved 2026-12-01 is in the future (today is 2026-11-23)
? 1
$ needlebook condition amend 2 --code eczema --reason 'clash'
! needlebook: error: eczema is already on file for ANN (condition 1); amend or void that one instead
? 1

$ needlebook condition amend 1 --reason 'nothing given'
! needlebook: error: condition amend changes the fields given: give one or more of --code, --since, --resolved, --note
? 2
$ needlebook condition amend 1 --note x --reason 'revision zero' --based-on 0
! needlebook: error: --based-on: must be a revision number, 1 or more, as the show commands print it
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook condition add ANN --code rosacea-flare --since 2026-03-01
> condition 3 on file for ANN: rosacea flare
$ needlebook condition resolve ANN --code rosacea-flare --on 2026-04-01
> condition 3 of ANN resolved on 2026-04-01: rosacea flare
$ needlebook condition add ANN --code rosacea-flare --since 2026-10-01
> condition 4 on file for ANN: rosacea flare
$ needlebook condition amend 3 --resolved none --reason 'two active rosacea flares'
! needlebook: error: rosacea-flare is already on file for ANN (condition 4); amend or void that one instead
? 1

# A specialist's clearance was given for the code on file: it never clears another code.
$ needlebook condition clear ANN --code eczema --by 'Dr A. Shah, dermatologist' --until 2026-12-31 --reason 'face clear'
> condition 1 of ANN cleared by Dr A. Shah, dermatologist until 2026-12-31: eczema blocks again after that day
$ needlebook condition amend 1 --code psoriasis --reason 'dermatologist says psoriasis'
! needlebook: error: condition 1 holds clearances given for eczema; they do not clear psoriasis: void it and add the right condition
? 1

# A resolution entered by mistake is taken away with 'none'.
$ needlebook condition resolve ANN --code isotretinoin --on 2026-05-01
> condition 2 of ANN resolved on 2026-05-01: isotretinoin
$ needlebook condition amend 2 --resolved none --reason 'still taking it'
> condition 2 amended (revision 3): isotretinoin since 2025-01-01, active

# condition void.
$ needlebook condition void 2
! needlebook: error: --reason is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook condition void 99 --reason 'no such condition'
! needlebook: error: no condition 99; 'needlebook patient show PATIENT' lists a patient's conditions
? 1
$ needlebook condition void 2 --reason 'stale' --based-on 2
! needlebook: error: condition 2 was amended meanwhile (now revision 3); run the command again
? 1
$ needlebook condition void 2 --reason 'entered on the wrong patient'
> condition 2 voided (revision 4): isotretinoin since 2025-01-01, active
$ needlebook condition void 2 --reason 'again'
! needlebook: error: condition 2 is already voided
? 1
$ needlebook condition amend 2 --note x --reason 'voided'
! needlebook: error: condition 2 is voided; it cannot be amended
? 1

# consent amend and void.
$ needlebook consent add ANN --signed 2026-07-01 --covers 'microneedling'
> consent 2 on file for ANN, signed 2026-07-01, covers microneedling
$ needlebook consent amend 2 --signed 2026-07-02 --covers 'microneedling serums prp' --reason 'typed from the wrong form'
> consent 2 amended (revision 2): signed 2026-07-02, covers microneedling serums prp
$ needlebook consent amend 2 --guardian 'Mary Smith' --reason 'her mother signed too'
> consent 2 amended (revision 3): signed 2026-07-02, covers microneedling serums prp, signed by Mary Smith (guardian)
$ needlebook consent amend 2 --guardian none --reason 'she is an adult'
> consent 2 amended (revision 4): signed 2026-07-02, covers microneedling serums prp
$ needlebook consent amend 2 --signed 2026-07-02 --reason 'same'
! needlebook: error: consent 2 already reads like that; nothing to amend
? 1
$ needlebook consent amend 2 --signed 2026-12-01 --reason 'future'
! needlebook: error: signed 2026-12-01 is in the future (today is 2026-11-23)
? 1
$ needlebook consent amend 2 --covers 'laser' --reason 'unknown scope'
! needlebook: error: covers: unknown scope 'laser'; allowed: microneedling, serums, prp, rf or photos
? 1
$ needlebook consent amend 2 --guardian ' ' --reason 'blank'
! needlebook: error: guardian must name who signed for the patient; --guardian none takes it away
? 1
$ needlebook consent amend 7 --signed 2026-07-02 --reason 'no such'
! needlebook: error: no consent 7; 'needlebook patient show PATIENT' lists a patient's consents
? 1
$ needlebook consent amend 2 --covers microneedling --reason 'stale' --based-on 1
! needlebook: error: consent 2 was amended meanwhile (now revision 4); run the command again
? 1
$ needlebook consent void 1
! needlebook: error: --reason is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook consent void 99 --reason 'no such consent'
! needlebook: error: no consent 99; 'needlebook patient show PATIENT' lists a patient's consents
? 1
$ needlebook consent void 1 --reason ' '
! needlebook: error: reason must say why, e.g. --reason "typo in depth"
? 1
$ needlebook consent void 1 --reason 'stale' --based-on 2
! needlebook: error: consent 1 has no revision 2: its current revision is 1; --based-on names the revision you corrected
? 1
$ needlebook consent void 1 --reason 'duplicate of the paper form'
> consent 1 voided (revision 2): signed 2026-06-01, covers microneedling serums
$ needlebook consent void 1 --reason 'again'
! needlebook: error: consent 1 is already voided
? 1
$ needlebook consent amend 1 --covers microneedling --reason 'voided'
! needlebook: error: consent 1 is voided; it cannot be amended
? 1

# The next session is checked against the corrected file: eczema (cleared) and the rosacea flare
# warn; the pregnancy entered by mistake is gone.
$ needlebook session log ANN --at '2026-11-23 09:00' --device pen --area cheek=1.0
> session 1 logged for ANN at 2026-11-23 09:00
! needlebook: warning: condition:eczema: eczema on file since 2025-12-01; cleared by Dr A. Shah, dermatologist until 2026-12-31 (face clear)
! needlebook: warning: condition:rosacea-flare: rosacea flare on file since 2026-10-01
$ needlebook patient show ANN
> Patient ANN: Smith, Ann
>   born          1985-04-12
>   fitzpatrick   not recorded
>   conditions
>     1: eczema since 2025-12-01, active; cleared by Dr A. Shah, dermatologist from 2026-11-23 until 2026-12-31 (face clear)
>     3: rosacea-flare since 2026-03-01, resolved 2026-04-01
>     4: rosacea-flare since 2026-10-01, active
>   consent
>     2: signed 2026-07-02, covers microneedling serums prp
>   sessions      1
>     1  2026-11-23 09:00  pen
>   revision 1 by tester on 2026-11-23 15:00
$ needlebook history ANN
> ================================================================================
> TREATMENT HISTORY  ANN  Smith, Ann
> printed 2026-11-23 15:00 (Europe/London) by tester; reactions as of 2026-11-23
> recorded as audit row 91; chain head for 'check --head':
> 91:${SHA256}
> 1 session; every correction and override is shown
> ================================================================================
> PATIENT
>   chart          ANN
>   name           Smith, Ann
>   born           1985-04-12
>   fitzpatrick    not recorded
>   conditions
>     - 1: eczema, since 2025-12-01, active (hands); cleared by Dr A. Shah,
>       dermatologist from 2026-11-23 until 2026-12-31 (face clear)
>       revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00:
>         entered under the wrong code
>         - code: pregnancy -> eczema
>       revision 3 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00:
>         dermatologist letter
>         - since: 2026-01-01 -> 2025-12-01
>         - note: first trimester -> hands
>       revision 4 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: face
>         clear
>         - clearance: added by Dr A. Shah, dermatologist from 2026-11-23 until
>           2026-12-31 (face clear)
>     - 2: isotretinoin, since 2025-01-01, active [VOIDED]
>       revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00:
>         resolved
>         - resolved: added 2026-05-01
>       revision 3 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: still
>         taking it
>         - resolved: removed (was 2026-05-01)
>       revision 4 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00: entered
>         on the wrong patient
>         - voided: no -> yes
>     - 3: rosacea flare, since 2026-03-01, resolved 2026-04-01
>       revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00:
>         resolved
>         - resolved: added 2026-04-01
>     - 4: rosacea flare, since 2026-10-01, active
>   consent
>     - 1: signed 2026-06-01, covers microneedling serums [VOIDED]
>       revision 2 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00:
>         duplicate of the paper form
>         - voided: no -> yes
>     - 2: signed 2026-07-02, covers microneedling serums prp
>       revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: typed
>         from the wrong form
>         - signed: 2026-07-01 -> 2026-07-02
>         - covers: microneedling -> microneedling serums prp
>       revision 3 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: her
>         mother signed too
>         - guardian: added Mary Smith
>       revision 4 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: she is
>         an adult
>         - guardian: removed (was Mary Smith)
> --------------------------------------------------------------------------------
> SESSION 1  2026-11-23 09:00
>   interval       first session
>   practitioner   tester
>   indication     other
>   device         pen
>   areas
>     area   side  depth mm  passes
>     cheek  -         1.00       -
>   clinical checks
>     - warning condition:eczema: eczema on file since 2025-12-01; cleared by Dr
>       A. Shah, dermatologist until 2026-12-31 (face clear)
>     - warning condition:rosacea-flare: rosacea flare on file since 2026-10-01
>   checked with   depth limits cheek 1.50 mm; eczema block, isotretinoin block,
>                  pregnancy block, rosacea-flare warn, consent_policy warn,
>                  consent_valid_months 12, interval_block_days 14,
>                  interval_warn_days 28, isotretinoin_months 6, minimum_age 18
>   reactions
>     none recorded
>   follow-ups
>     none recorded
> ================================================================================
> end of history
$ needlebook history ANN --format csv
> patient,session,session_at,session_voided,record,record_id,area,side,depth_mm,passes,product,lot,phase,amount_ml,kind,severity,onset,resolved,onset_day,recovery_day,marks,date,revision,author,recorded_at,field,before,after,text\r
> ANN,,,,condition,1,,,,,,,,,eczema,,2025-12-01,,,,,,4,tester,2026-11-23T15:00:00Z,,,,hands\r
> ANN,,,,clearance,1,,,,,,,,,eczema,,,,,,,2026-12-31,,,,,,,"cleared by Dr A. Shah, dermatologist from 2026-11-23 until 2026-12-31 (face clear)"\r
> ANN,,,,condition correction,1,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,code,pregnancy,eczema,entered under the wrong code\r
> ANN,,,,condition correction,1,,,,,,,,,,,,,,,,,3,tester,2026-11-23T15:00:00Z,since,2026-01-01,2025-12-01,dermatologist letter\r
> ANN,,,,condition correction,1,,,,,,,,,,,,,,,,,3,tester,2026-11-23T15:00:00Z,note,first trimester,hands,dermatologist letter\r
> ANN,,,,condition correction,1,,,,,,,,,,,,,,,,,4,tester,2026-11-23T15:00:00Z,clearance,,"by Dr A. Shah, dermatologist from 2026-11-23 until 2026-12-31 (face clear)",face clear\r
> ANN,,,,condition (voided),2,,,,,,,,,isotretinoin,,2025-01-01,,,,,,4,tester,2026-11-23T15:00:00Z,,,,\r
> ANN,,,,condition correction,2,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,resolved,,2026-05-01,resolved\r
> ANN,,,,condition correction,2,,,,,,,,,,,,,,,,,3,tester,2026-11-23T15:00:00Z,resolved,2026-05-01,,still taking it\r
> ANN,,,,condition correction,2,,,,,,,,,,,,,,,,,4,tester,2026-11-23T15:00:00Z,voided,no,yes,entered on the wrong patient\r
> ANN,,,,condition,3,,,,,,,,,rosacea-flare,,2026-03-01,2026-04-01,,,,,2,tester,2026-11-23T15:00:00Z,,,,\r
> ANN,,,,condition correction,3,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,resolved,,2026-04-01,resolved\r
> ANN,,,,condition,4,,,,,,,,,rosacea-flare,,2026-10-01,,,,,,1,tester,2026-11-23T15:00:00Z,,,,\r
> ANN,,,,consent (voided),1,,,,,,,,,,,,,,,,2026-06-01,2,tester,2026-11-23T15:00:00Z,,,,"signed 2026-06-01, covers microneedling serums"\r
> ANN,,,,consent correction,1,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,voided,no,yes,duplicate of the paper form\r
> ANN,,,,consent,2,,,,,,,,,,,,,,,,2026-07-02,4,tester,2026-11-23T15:00:00Z,,,,"signed 2026-07-02, covers microneedling serums prp"\r
> ANN,,,,consent correction,2,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,signed,2026-07-01,2026-07-02,typed from the wrong form\r
> ANN,,,,consent correction,2,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,covers,microneedling,microneedling serums prp,typed from the wrong form\r
> ANN,,,,consent correction,2,,,,,,,,,,,,,,,,,3,tester,2026-11-23T15:00:00Z,guardian,,Mary Smith,her mother signed too\r
> ANN,,,,consent correction,2,,,,,,,,,,,,,,,,,4,tester,2026-11-23T15:00:00Z,guardian,Mary Smith,,she is an adult\r
> ANN,1,2026-11-23 09:00,0,session,1,,,,,,,,,,,,,,,,2026-11-23,1,tester,2026-11-23T15:00:00Z,,,,practitioner tester; pen; indication other\r
> ANN,1,2026-11-23 09:00,0,area,1,cheek,,1.00,,,,,,,,,,,,,,,,,,,,\r
> ANN,1,2026-11-23 09:00,0,warning,1,,,,,,,,,,,,,,,,,,,,condition:eczema,,,"eczema on file since 2025-12-01; cleared by Dr A. Shah, dermatologist until 2026-12-31 (face clear)"\r
> ANN,1,2026-11-23 09:00,0,warning,1,,,,,,,,,,,,,,,,,,,,condition:rosacea-flare,,,rosacea flare on file since 2026-10-01\r
$ needlebook history ANN --format html
> <!DOCTYPE html>
> <html lang="en">
> <head>
> <meta charset="utf-8">
> <title>Treatment history ANN Smith, Ann</title>
> <style>
> @page { size: A4; margin: 12mm 14mm 14mm 14mm; }
> * { box-sizing: border-box; }
> html { font: 10pt/1.35 "DejaVu Sans", "Liberation Sans", Arial, sans-serif; color: #111; }
> body { margin: 0 auto; max-width: 182mm; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
> table.page { width: 100%; border-collapse: collapse; }
> table.page > thead > tr > td { padding: 0 0 3mm 0; }
> table.page > tbody > tr > td { padding: 0; }
> .running { display: flex; justify-content: space-between; gap: 4mm; font-size: 8pt; color: #333;
>            border-bottom: 0.6pt solid #555; padding-bottom: 1mm; }
> h1 { font-size: 16pt; margin: 0 0 1mm; }
> h2 { font-size: 12.5pt; margin: 0 0 1.5mm; border-bottom: 0.6pt solid #999; break-after: avoid; }
> h3 { font-size: 10pt; margin: 2.5mm 0 1mm; break-after: avoid; }
> p { margin: 0.5mm 0; }
> .meta { color: #333; font-size: 9pt; }
> section { margin: 0 0 5mm; }
> section.session { break-inside: avoid; padding-top: 1mm; }
> figure { margin: 0 0 4mm; break-inside: avoid; }
> figcaption { font-weight: bold; margin-bottom: 1mm; }
> table.grid { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 0.5mm 0 1mm; }
> table.grid th, table.grid td { border: 0.5pt solid #bbb; padding: 0.6mm 1.5mm; text-align: left;
>                                vertical-align: top; }
> table.grid th { background: #eee; }
> table.fields th { width: 32mm; background: none; font-weight: normal; color: #444; }
> table.grid td.num { text-align: right; font-variant-numeric: tabular-nums; }
> .voided { border: 1pt solid #b00; color: #b00; font-weight: bold; padding: 0.5mm 2mm; }
> .override { border-left: 2.5pt solid #e67e22; background: #fdf2e9; padding: 1mm 2mm; margin: 1mm 0; }
> .struck td, p.struck { text-decoration: line-through; color: #666; }
> .correction { border-left: 2.5pt solid #555; background: #f2f2f2; padding: 1mm 2mm; margin: 1mm 0; }
> .warning { border-left: 2.5pt solid #b9770e; background: #fef9e7; padding: 1mm 2mm; margin: 1mm 0; }
> .correction ul, .override ul, .warning ul { margin: 0.5mm 0 0; padding-left: 5mm; }
> .mark { font-weight: bold; }
> .mark-adverse { color: #c0392b; } .mark-prolonged { color: #b9770e; } .mark-open { color: #1a5276; }
> svg.chart { max-width: 100%; height: auto; }
> .end { text-align: center; color: #555; font-size: 8.5pt; margin-top: 4mm; }
> .pair { display: flex; gap: 4mm; break-inside: avoid; margin: 1mm 0 3mm; }
> .pair figure { flex: 1; margin: 0; min-width: 0; }
> .pair p { font-size: 8pt; overflow-wrap: anywhere; }
> .pair img { max-width: 100%; max-height: 70mm; display: block; border: 0.5pt solid #999; }
> .pair .noimage { border: 0.5pt dashed #999; padding: 3mm; color: #444; font-size: 8.5pt; }
> </style>
> </head>
> <body>
> <table class="page">
> <thead><tr><td><div class="running"><span>Treatment history</span><span>ANN · Smith, Ann · born 1985-04-12</span><span>printed 2026-11-23</span></div></td></tr></thead>
> <tbody><tr><td>
> <h1>Treatment history — ANN Smith, Ann</h1>
> <p class="meta">Printed 2026-11-23 15:00 (Europe/London) by tester. Reactions as of 2026-11-23. Every session, correction and override on record is shown.</p>
> <section class="patient">
> <h2>Patient</h2>
> <table class="grid fields">
> <tr><th>chart</th><td>ANN</td></tr>
> <tr><th>name</th><td>Smith, Ann</td></tr>
> <tr><th>born</th><td>1985-04-12</td></tr>
> <tr><th>Fitzpatrick</th><td>not recorded</td></tr>
> </table>
> <h3>Conditions</h3>
> <table class="grid"><tr><th>condition</th><th>since</th><th>resolved</th><th>note</th><th>clearance</th></tr>
> <tr><td>1: eczema</td><td>2025-12-01</td><td>active</td><td>hands</td><td>cleared by Dr A. Shah, dermatologist from 2026-11-23 until 2026-12-31 (face clear)</td></tr>
> <tr class="struck"><td>2: isotretinoin VOIDED</td><td>2025-01-01</td><td>active</td><td></td><td></td></tr>
> <tr><td>3: rosacea flare</td><td>2026-03-01</td><td>2026-04-01</td><td></td><td></td></tr>
> <tr><td>4: rosacea flare</td><td>2026-10-01</td><td>active</td><td></td><td></td></tr>
> </table>
> <div class="correction"><p><b>Correction to condition 1:</b> revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: entered under the wrong code</p><ul>
> <li>code: pregnancy -&gt; eczema</li>
> </ul></div>
> <div class="correction"><p><b>Correction to condition 1:</b> revision 3 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: dermatologist letter</p><ul>
> <li>since: 2026-01-01 -&gt; 2025-12-01</li>
> <li>note: first trimester -&gt; hands</li>
> </ul></div>
> <div class="correction"><p><b>Correction to condition 1:</b> revision 4 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: face clear</p><ul>
> <li>clearance: added by Dr A. Shah, dermatologist from 2026-11-23 until 2026-12-31 (face clear)</li>
> </ul></div>
> <div class="correction"><p><b>Correction to condition 2:</b> revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: resolved</p><ul>
> <li>resolved: added 2026-05-01</li>
> </ul></div>
> <div class="correction"><p><b>Correction to condition 2:</b> revision 3 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: still taking it</p><ul>
> <li>resolved: removed (was 2026-05-01)</li>
> </ul></div>
> <div class="correction"><p><b>Correction to condition 2:</b> revision 4 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00: entered on the wrong patient</p><ul>
> <li>voided: no -&gt; yes</li>
> </ul></div>
> <div class="correction"><p><b>Correction to condition 3:</b> revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: resolved</p><ul>
> <li>resolved: added 2026-04-01</li>
> </ul></div>
> <h3>Consent</h3>
> <p class="struck">1: signed 2026-06-01, covers microneedling serums VOIDED</p>
> <div class="correction"><p><b>Correction to consent 1:</b> revision 2 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00: duplicate of the paper form</p><ul>
> <li>voided: no -&gt; yes</li>
> </ul></div>
> <p>2: signed 2026-07-02, covers microneedling serums prp</p>
> <div class="correction"><p><b>Correction to consent 2:</b> revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: typed from the wrong form</p><ul>
> <li>signed: 2026-07-01 -&gt; 2026-07-02</li>
> <li>covers: microneedling -&gt; microneedling serums prp</li>
> </ul></div>
> <div class="correction"><p><b>Correction to consent 2:</b> revision 3 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: her mother signed too</p><ul>
> <li>guardian: added Mary Smith</li>
> </ul></div>
> <div class="correction"><p><b>Correction to consent 2:</b> revision 4 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: she is an adult</p><ul>
> <li>guardian: removed (was Mary Smith)</li>
> </ul></div>
> </section>
> <section class="charts">
> <h2>Charts</h2>
> <figure>
> <figcaption>Needle depth per area across sessions (mm)</figcaption>
> <svg xmlns="http://www.w3.org/2000/svg" class="chart" width="680" height="232" viewBox="0 0 680 232" role="img" aria-label="Needle depth per area across sessions" font-family="DejaVu Sans, Arial, sans-serif" font-size="10">
> <line x1="48" y1="186.0" x2="510.0" y2="186.0" stroke="#ccc" stroke-width="0.5"/>
> <text x="42.0" y="189.5" text-anchor="end">0.0</text>
> <line x1="48" y1="101.0" x2="510.0" y2="101.0" stroke="#ccc" stroke-width="0.5"/>
> <text x="42.0" y="104.5" text-anchor="end">0.5</text>
> <line x1="48" y1="16.0" x2="510.0" y2="16.0" stroke="#ccc" stroke-width="0.5"/>
> <text x="42.0" y="19.5" text-anchor="end">1.0</text>
> <text x="12.0" y="101.0" text-anchor="middle" transform="rotate(-90 12 101.0)">depth (mm)</text>
> <line x1="279.0" y1="186" x2="279.0" y2="190" stroke="#999" stroke-width="0.5"/>
> <text x="279.0" y="202.0" text-anchor="middle">2026-11-23</text>
> <text x="279.0" y="220.0" text-anchor="middle">session date</text>
> <polyline points="279.0,16.0 " fill="none" stroke="#1f77b4" stroke-width="1.6"/>
> <circle cx="279.0" cy="16.0" r="2.6" fill="#1f77b4"/>
> <line x1="526.0" y1="16.0" x2="544.0" y2="16.0" stroke="#1f77b4" stroke-width="1.6"/>
> <text x="550.0" y="19.5" text-anchor="start">cheek</text>
> </svg>
> </figure>
> <figure>
> <figcaption>Reactions from onset to resolution (days after the session)</figcaption>
> <p>No reactions recorded.</p>
> </figure>
> </section>
> <section class="session" id="session-1">
> <h2>SESSION 1  2026-11-23 09:00</h2>
> <table class="grid fields">
> <tr><th>interval</th><td>first session</td></tr>
> <tr><th>practitioner</th><td>tester</td></tr>
> <tr><th>indication</th><td>other</td></tr>
> <tr><th>device</th><td>pen</td></tr>
> </table>
> <h3>Areas</h3>
> <table class="grid"><tr><th>area</th><th>side</th><th>depth (mm)</th><th>passes</th></tr>
> <tr><td>cheek</td><td>-</td><td class="num">1.00</td><td class="num">-</td></tr>
> </table>
> <div class="warning"><p><b>Warnings of the clinical checks</b></p><ul>
> <li><b>condition:eczema</b>: eczema on file since 2025-12-01; cleared by Dr A. Shah, dermatologist until 2026-12-31 (face clear)</li>
> <li><b>condition:rosacea-flare</b>: rosacea flare on file since 2026-10-01</li>
> </ul></div>
> <p class="meta">Checked with the clinic's settings then: depth limits cheek 1.50 mm; eczema block, isotretinoin block, pregnancy block, rosacea-flare warn, consent_policy warn, consent_valid_months 12, interval_block_days 14, interval_warn_days 28, isotretinoin_months 6, minimum_age 18.</p>
> <h3>Reactions</h3>
> <p>None recorded.</p>
> <h3>Follow-ups</h3>
> <p>None recorded.</p>
> </section>
> <p class="end">End of treatment history. Recorded as audit row 93; chain head <code>93:${SHA256}</code> (verify with <code>needlebook check --head 93:${SHA256}</code>).</p>
> </td></tr></tbody>
> </table>
> </body>
> </html>
$ needlebook history ANN --format json
> {
>   "clinic": "",
>   "time_zone": "Europe/London",
>   "as_of": "2026-11-23",
>   "printed_at": "2026-11-23T15:00:00Z",
>   "printed_by": "tester",
>   "audit_chain_head": {
>     "id": 94,
>     "hash": "${SHA256}"
>   },
>   "patient": {
>     "code": "ANN",
>     "family_name": "Smith",
>     "given_name": "Ann",
>     "birth_date": "1985-04-12",
>     "fitzpatrick": null,
>     "phone": "",
>     "email": "",
>     "note": "",
>     "revision": {
>       "number": 1,
>       "author": "tester",
>       "recorded_at": "2026-11-23T15:00:00Z",
>       "reason": "",
>       "voided": false
>     },
>     "amendments": []
>   },
>   "chart_status": [],
>   "conditions": [
>     {
>       "id": 1,
>       "code": "eczema",
>       "since": "2025-12-01",
>       "resolved": null,
>       "note": "hands",
>       "clearances": [
>         {
>           "by": "Dr A. Shah, dermatologist",
>           "on": "2026-11-23",
>           "until": "2026-12-31",
>           "reason": "face clear"
>         }
>       ],
>       "revision": {
>         "number": 4,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "face clear",
>         "voided": false
>       },
>       "amendments": [
>         {
>           "number": 2,
>           "author": "tester",
>           "recorded_at": "2026-11-23T15:00:00Z",
>           "reason": "entered under the wrong code",
>           "voided": false,
>           "os_account": "${OS_USER}",
>           "changes": [
>             {
>               "field": "code",
>               "before": "pregnancy",
>               "after": "eczema"
>             }
>           ]
>         },
>         {
>           "number": 3,
>           "author": "tester",
>           "recorded_at": "2026-11-23T15:00:00Z",
>           "reason": "dermatologist letter",
>           "voided": false,
>           "os_account": "${OS_USER}",
>           "changes": [
>             {
>               "field": "since",
>               "before": "2026-01-01",
>               "after": "2025-12-01"
>             },
>             {
>               "field": "note",
>               "before": "first trimester",
>               "after": "hands"
>             }
>           ]
>         },
>         {
>           "number": 4,
>           "author": "tester",
>           "recorded_at": "2026-11-23T15:00:00Z",
>           "reason": "face clear",
>           "voided": false,
>           "os_account": "${OS_USER}",
>           "changes": [
>             {
>               "field": "clearance",
>               "before": "",
>               "after": "by Dr A. Shah, dermatologist from 2026-11-23 until 2026-12-31 (face clear)"
>             }
>           ]
>         }
>       ]
>     },
>     {
>       "id": 2,
>       "code": "isotretinoin",
>       "since": "2025-01-01",
>       "resolved": null,
>       "note": "",
>       "clearances": [],
>       "revision": {
>         "number": 4,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "entered on the wrong patient",
>         "voided": true
>       },
>       "amendments": [
>         {
>           "number": 2,
>           "author": "tester",
>           "recorded_at": "2026-11-23T15:00:00Z",
>           "reason": "resolved",
>           "voided": false,
>           "os_account": "${OS_USER}",
>           "changes": [
>             {
>               "field": "resolved",
>               "before": "",
>               "after": "2026-05-01"
>             }
>           ]
>         },
>         {
>           "number": 3,
>           "author": "tester",
>           "recorded_at": "2026-11-23T15:00:00Z",
>           "reason": "still taking it",
>           "voided": false,
>           "os_account": "${OS_USER}",
>           "changes": [
>             {
>               "field": "resolved",
>               "before": "2026-05-01",
>               "after": ""
>             }
>           ]
>         },
>         {
>           "number": 4,
>           "author": "tester",
>           "recorded_at": "2026-11-23T15:00:00Z",
>           "reason": "entered on the wrong patient",
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
>       ]
>     },
>     {
>       "id": 3,
>       "code": "rosacea-flare",
>       "since": "2026-03-01",
>       "resolved": "2026-04-01",
>       "note": "",
>       "clearances": [],
>       "revision": {
>         "number": 2,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "resolved",
>         "voided": false
>       },
>       "amendments": [
>         {
>           "number": 2,
>           "author": "tester",
>           "recorded_at": "2026-11-23T15:00:00Z",
>           "reason": "resolved",
>           "voided": false,
>           "os_account": "${OS_USER}",
>           "changes": [
>             {
>               "field": "resolved",
>               "before": "",
>               "after": "2026-04-01"
>             }
>           ]
>         }
>       ]
>     },
>     {
>       "id": 4,
>       "code": "rosacea-flare",
>       "since": "2026-10-01",
>       "resolved": null,
>       "note": "",
>       "clearances": [],
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
>   "consents": [
>     {
>       "id": 1,
>       "signed": "2026-06-01",
>       "covers": "microneedling serums",
>       "guardian": "",
>       "withdrawn": null,
>       "revision": {
>         "number": 2,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "duplicate of the paper form",
>         "voided": true
>       },
>       "amendments": [
>         {
>           "number": 2,
>           "author": "tester",
>           "recorded_at": "2026-11-23T15:00:00Z",
>           "reason": "duplicate of the paper form",
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
>       ]
>     },
>     {
>       "id": 2,
>       "signed": "2026-07-02",
>       "covers": "microneedling serums prp",
>       "guardian": "",
>       "withdrawn": null,
>       "revision": {
>         "number": 4,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "she is an adult",
>         "voided": false
>       },
>       "amendments": [
>         {
>           "number": 2,
>           "author": "tester",
>           "recorded_at": "2026-11-23T15:00:00Z",
>           "reason": "typed from the wrong form",
>           "voided": false,
>           "os_account": "${OS_USER}",
>           "changes": [
>             {
>               "field": "signed",
>               "before": "2026-07-01",
>               "after": "2026-07-02"
>             },
>             {
>               "field": "covers",
>               "before": "microneedling",
>               "after": "microneedling serums prp"
>             }
>           ]
>         },
>         {
>           "number": 3,
>           "author": "tester",
>           "recorded_at": "2026-11-23T15:00:00Z",
>           "reason": "her mother signed too",
>           "voided": false,
>           "os_account": "${OS_USER}",
>           "changes": [
>             {
>               "field": "guardian",
>               "before": "",
>               "after": "Mary Smith"
>             }
>           ]
>         },
>         {
>           "number": 4,
>           "author": "tester",
>           "recorded_at": "2026-11-23T15:00:00Z",
>           "reason": "she is an adult",
>           "voided": false,
>           "os_account": "${OS_USER}",
>           "changes": [
>             {
>               "field": "guardian",
>               "before": "Mary Smith",
>               "after": ""
>             }
>           ]
>         }
>       ]
>     }
>   ],
>   "sessions": [
>     {
>       "id": 1,
>       "patient": "ANN",
>       "at": "2026-11-23 09:00",
>       "at_utc": "2026-11-23T09:00:00Z",
>       "time_zone": "Europe/London",
>       "practitioner": "tester",
>       "indication": "other",
>       "course": null,
>       "device": "pen",
>       "model": "",
>       "cartridge": "",
>       "cartridge_lot": "",
>       "anaesthetic": "",
>       "endpoint": "",
>       "aftercare": "",
>       "note": "",
>       "areas": [
>         {
>           "area": "cheek",
>           "side": null,
>           "depth_mm": 1.0,
>           "passes": null
>         }
>       ],
>       "serums": [],
>       "findings": [
>         {
>           "key": "condition:eczema",
>           "level": "warning",
>           "message": "eczema on file since 2025-12-01; cleared by Dr A. Shah, dermatologist until 2026-12-31 (face clear)",
>           "override_reason": "",
>           "overridden_by": "",
>           "overridden_at": null
>         },
>         {
>           "key": "condition:rosacea-flare",
>           "level": "warning",
>           "message": "rosacea flare on file since 2026-10-01",
>           "override_reason": "",
>           "overridden_by": "",
>           "overridden_at": null
>         }
>       ],
>       "revision": {
>         "number": 1,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "",
>         "voided": false
>       },
>       "day": "2026-11-23",
>       "days_since_previous": null,
>       "recovery_day": null,
>       "reactions": [],
>       "followups": [],
>       "amendments": [],
>       "settings_used": {
>         "condition.eczema": "block",
>         "condition.isotretinoin": "block",
>         "condition.pregnancy": "block",
>         "condition.rosacea-flare": "warn",
>         "consent_policy": "warn",
>         "consent_valid_months": "12",
>         "depth_limit.cheek": "1.50",
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
= SELECT action, record_kind, record_id, revision, reason FROM audit_log WHERE action LIKE 'con%' ORDER BY id
> consent.add|consent|1|1|
> condition.add|condition|1|1|
> condition.add|condition|2|1|
> condition.amend|condition|1|2|entered under the wrong code
> condition.amend|condition|1|3|dermatologist letter
> condition.add|condition|3|1|
> condition.resolve|condition|3|2|resolved
> condition.add|condition|4|1|
> condition.clear|condition|1|4|cleared by Dr A. Shah, dermatologist until 2026-12-31: face clear
> condition.resolve|condition|2|2|resolved
> condition.amend|condition|2|3|still taking it
> condition.void|condition|2|4|entered on the wrong patient
> consent.add|consent|2|1|
> consent.amend|consent|2|2|typed from the wrong form
> consent.amend|consent|2|3|her mother signed too
> consent.amend|consent|2|4|she is an adult
> consent.void|consent|1|2|duplicate of the paper form
= SELECT r.condition_id, r.revision, k.code FROM condition_revision_code k JOIN condition_revision r ON r.id = k.condition_revision_id ORDER BY k.id
> 1|2|eczema
> 1|3|eczema
> 1|4|eczema
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
> audit chain   ok                94       0  -            -
> records       ok                93       0  -            -
> seals         ok                 0       0  -            no seals: anyone who can write the file could recompute the chain
> schema        ok               254       0  -            -
