# Reactions and follow-ups are corrected, never overwritten. An amended reaction must still fit
# its session (onset not before the session day, resolution not before onset, an area the
# session treated); an amended follow-up must still agree with the reactions on file. A change
# to a reaction that leaves a follow-up contradicting it is allowed, with a warning naming the
# follow-up to correct. Resolving an already-resolved reaction needs a reason. Every refusal
# leaves the database as it was; every history format shows each correction.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook session log ANN --at '2026-11-16 10:00' --device pen --area cheek:left=1.0 --area forehead=0.5
> session 1 logged for ANN at 2026-11-16 10:00
$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-16 --area cheek:left
> reaction 1 recorded for session 1: erythema, mild, open
$ needlebook reaction add 1 --kind bruising --severity mild --onset 2026-11-17
> reaction 2 recorded for session 1: bruising, mild, open
$ needlebook followup add 1 --on 2026-11-18 --outcome reactions --note 'settling'
> follow-up 1 recorded for session 1: reactions recorded

# reaction amend: each field, and taking the area away with 'none'.
$ needlebook reaction amend 1 --kind oedema --severity moderate --reason 'looked again at the photo'
> reaction 1 amended (revision 2): oedema, moderate, cheek:left, onset 2026-11-16, open
$ needlebook reaction amend 1 --onset 2026-11-17 --resolved 2026-11-19 --note 'cool packs' --reason 'patient phoned' --based-on 2
> reaction 1 amended (revision 3): oedema, moderate, cheek:left, onset 2026-11-17, resolved 2026-11-19 (cool packs)
$ needlebook reaction amend 1 --area forehead --reason 'wrong side of the face'
> reaction 1 amended (revision 4): oedema, moderate, forehead, onset 2026-11-17, resolved 2026-11-19 (cool packs)
$ needlebook reaction amend 1 --area none --reason 'all over'
> reaction 1 amended (revision 5): oedema, moderate, onset 2026-11-17, resolved 2026-11-19 (cool packs)

# Refusals.
$ needlebook reaction amend 1 --kind oedema
! needlebook: error: --reason is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook reaction amend 1 --note x --reason ''
! needlebook: error: reason must say why, e.g. --reason "typo in depth"
? 1
$ needlebook reaction amend 9 --note x --reason 'no such'
! needlebook: error: no reaction 9; reaction ids are printed by 'reaction add' and 'session show'
? 1
$ needlebook reaction amend 1 --area none --reason 'same'
! needlebook: error: reaction 1 already reads like that; nothing to amend
? 1
$ needlebook reaction amend 1 --note y --reason 'stale' --based-on 2
! needlebook: error: reaction 1 was amended meanwhile (now revision 5); run the command again
? 1
$ needlebook reaction amend 1 --onset 2026-11-15 --reason 'before the session'
! needlebook: error: onset 2026-11-15 is before the session on 2026-11-16
? 1
$ needlebook reaction amend 1 --resolved 2026-11-16 --reason 'before onset'
! needlebook: error: resolved 2026-11-16 is before the onset 2026-11-17
? 1
$ needlebook reaction amend 1 --area chin --reason 'not treated'
! needlebook: error: area chin was not treated in session 1 (treated: cheek:left, forehead)
? 1
$ needlebook reaction amend 1 --kind rash --reason 'unknown kind'
! needlebook: error: unknown kind 'rash'; allowed: erythema, oedema, pinpoint-bleeding, bruising, itching, burning, dryness-peeling, acneiform-eruption, milia, post-inflammatory-hyperpigmentation, infection, herpes-reactivation, contact-dermatitis, granuloma, tram-track-scarring or other
? 1
$ needlebook reaction amend 1 --severity bad --reason 'unknown severity'
! needlebook: error: unknown severity 'bad'; allowed: mild, moderate or severe
? 1

# reaction resolve: a second resolution is a correction and needs a reason.
$ needlebook reaction resolve 2 --on 2026-11-20
> reaction 2 resolved on 2026-11-20, 3 days after onset
$ needlebook reaction resolve 2 --on 2026-11-21
! needlebook: error: reaction 2 was already resolved on 2026-11-20; to correct the date, say why with --reason
? 1
$ needlebook reaction resolve 2 --on 2026-11-20 --reason 'same day'
! needlebook: error: reaction 2 already reads like that; nothing to amend
? 1
$ needlebook reaction resolve 2 --on 2026-11-21 --reason 'the bruise lasted a day longer'
> reaction 2 resolved on 2026-11-21, 4 days after onset

# followup amend.
$ needlebook followup amend 1 --on 2026-11-19 --note 'settled' --reason 'date of the call'
> follow-up 1 amended (revision 2): 2026-11-19: reactions recorded (settled)
$ needlebook followup amend 1 --outcome none --reason 'contradicts the reactions'
! needlebook: error: outcome none, but session 1 has reaction 1 (oedema, onset 2026-11-17) on file by 2026-11-19; use --outcome reactions
? 1
$ needlebook followup amend 1 --on 2026-11-15 --reason 'before the session'
! needlebook: error: follow-up date 2026-11-15 is before the session on 2026-11-16
? 1
$ needlebook followup amend 1 --on 2026-11-19 --reason 'same'
! needlebook: error: follow-up 1 already reads like that; nothing to amend
? 1
$ needlebook followup amend 4 --on 2026-11-19 --reason 'no such'
! needlebook: error: no follow-up 4; follow-up ids are printed by 'followup add' and 'session show'
? 1
$ needlebook followup amend 1 --note z --reason 'stale' --based-on 1
! needlebook: error: follow-up 1 was amended meanwhile (now revision 2); run the command again
? 1

# Voiding both reactions leaves the follow-up saying "reactions": allowed, with a warning.
$ needlebook reaction void 1
! needlebook: error: --reason is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook reaction void 99 --reason 'no such reaction'
! needlebook: error: no reaction 99; reaction ids are printed by 'reaction add' and 'session show'
? 1
$ needlebook reaction void 1 --reason ''
! needlebook: error: reason must say why, e.g. --reason "typo in depth"
? 1
$ needlebook reaction void 1 --reason 'stale' --based-on 1
! needlebook: error: reaction 1 was amended meanwhile (now revision 5); run the command again
? 1
$ needlebook reaction void 1 --reason 'recorded for the wrong session'
> reaction 1 voided (revision 6): oedema, moderate, onset 2026-11-17, resolved 2026-11-19 (cool packs)
$ needlebook reaction void 2 --reason 'another patient'
> reaction 2 voided (revision 4): bruising, mild, onset 2026-11-17, resolved 2026-11-21
! needlebook: warning: follow-up 1 of 2026-11-19 no longer agrees with the reactions on file: outcome reactions, but session 1 has no reaction on file by 2026-11-19; correct it with 'needlebook followup amend 1 --outcome none --reason …'
$ needlebook reaction void 2 --reason 'again'
! needlebook: error: reaction 2 is already voided
? 1
$ needlebook reaction amend 2 --note x --reason 'voided'
! needlebook: error: reaction 2 is voided; it cannot be amended
? 1
$ needlebook reaction resolve 2 --on 2026-11-22 --reason 'voided'
! needlebook: error: reaction 2 is voided; it cannot be resolved
? 1
$ needlebook followup amend 1 --outcome none --reason 'no reaction after all'
> follow-up 1 amended (revision 3): 2026-11-19: no reaction (settled)
$ needlebook followup void 1
! needlebook: error: --reason is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook followup void 99 --reason 'no such follow-up'
! needlebook: error: no follow-up 99; follow-up ids are printed by 'followup add' and 'session show'
? 1
$ needlebook followup void 1 --reason ' '
! needlebook: error: reason must say why, e.g. --reason "typo in depth"
? 1
$ needlebook followup void 1 --reason 'stale' --based-on 2
! needlebook: error: follow-up 1 was amended meanwhile (now revision 3); run the command again
? 1
$ needlebook followup void 1 --reason 'entered twice'
> follow-up 1 voided (revision 4): 2026-11-19: no reaction (settled)
$ needlebook followup void 1 --reason 'again'
! needlebook: error: follow-up 1 is already voided
? 1
$ needlebook followup amend 1 --note x --reason 'voided'
! needlebook: error: follow-up 1 is voided; it cannot be amended
? 1

$ needlebook reaction amend 1 --reason 'nothing given'
! needlebook: error: reaction amend changes the fields given: give one or more of --kind, --severity, --onset, --resolved, --area, --note
? 2
$ needlebook followup amend 1 --reason 'nothing given'
! needlebook: error: followup amend changes the fields given: give one or more of --on, --outcome, --note
? 2
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area chin=1.0
> session 2 logged for ANN at 2026-11-20 10:00
$ needlebook reaction add 2 --kind erythema --severity mild --onset 2026-11-20
> reaction 3 recorded for session 2: erythema, mild, open
$ needlebook session void 2 --reason 'logged on the wrong chart'
> session 2 voided (revision 2): logged on the wrong chart
$ needlebook reaction amend 3 --severity moderate --reason 'voided session'
! needlebook: error: session 2 is voided; its reactions can only be voided
? 1
$ needlebook reaction void 3 --reason 'with its session'
> reaction 3 voided (revision 2): erythema, mild, onset 2026-11-20, open
$ needlebook session show 1
> Session 1 for ANN
>   at            2026-11-16 10:00 (Europe/London)
>   practitioner  tester
>   indication    other
>   device        pen
>   areas
>     area        depth mm  passes
>     cheek:left      1.00       -
>     forehead        0.50       -
>   revision 1 by tester on 2026-11-23 15:00
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
>   no reactions recorded in this period
$ needlebook history ANN
> ================================================================================
> TREATMENT HISTORY  ANN  Smith, Ann
> printed 2026-11-23 15:00 (Europe/London) by tester; reactions as of 2026-11-23
> recorded as audit row 93; chain head for 'check --head':
> 93:${SHA256}
> 1 session and 1 voided; every correction and override is shown
> ================================================================================
> PATIENT
>   chart          ANN
>   name           Smith, Ann
>   born           1985-04-12
>   fitzpatrick    not recorded
>   conditions
>     none on file
>   consent
>     - 1: signed 2026-06-01, covers microneedling serums
> --------------------------------------------------------------------------------
> SESSION 1  2026-11-16 10:00
>   interval       first session
>   practitioner   tester
>   indication     other
>   device         pen
>   areas
>     area      side  depth mm  passes
>     cheek     left      1.00       -
>     forehead  -         0.50       -
>   checked with   depth limits cheek 1.50 mm, forehead 0.50 mm; consent_policy
>                  warn, consent_valid_months 12, interval_block_days 14,
>                  interval_warn_days 28, isotretinoin_months 6, minimum_age 18
>   reactions
>     - R1 oedema, moderate [VOIDED]
>       onset 2026-11-17 (day 1), resolved 2026-11-19 (day 3, lasted 2 days)
>       note: cool packs
>       revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: looked
>         again at the photo
>         - kind: erythema -> oedema
>         - severity: mild -> moderate
>       revision 3 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00:
>         patient phoned
>         - onset: 2026-11-16 -> 2026-11-17
>         - resolved: added 2026-11-19
>         - note: added cool packs
>       revision 4 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: wrong
>         side of the face
>         - area: cheek:left -> forehead
>       revision 5 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: all
>         over
>         - area: removed (was forehead)
>       revision 6 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00:
>         recorded for the wrong session
>         - voided: no -> yes
>     - R2 bruising, mild [VOIDED]
>       onset 2026-11-17 (day 1), resolved 2026-11-21 (day 5, lasted 4 days)
>       revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00:
>         resolved
>         - resolved: added 2026-11-20
>       revision 3 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: the
>         bruise lasted a day longer
>         - resolved: 2026-11-20 -> 2026-11-21
>       revision 4 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00: another
>         patient
>         - voided: no -> yes
>   follow-ups
>     - F1 2026-11-19: no reaction (settled) [VOIDED]
>       revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: date
>         of the call
>         - checked on: 2026-11-18 -> 2026-11-19
>         - note: settling -> settled
>       revision 3 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: no
>         reaction after all
>         - outcome: reactions -> none
>       revision 4 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00: entered
>         twice
>         - voided: no -> yes
> --------------------------------------------------------------------------------
> SESSION 2  2026-11-20 10:00  [VOIDED]
>   interval       not counted (voided)
>   practitioner   tester
>   indication     other
>   device         pen
>   areas
>     area  side  depth mm  passes
>     chin  -         1.00       -
>   checked with   depth limits chin 1.50 mm; consent_policy warn,
>                  consent_valid_months 12, interval_block_days 14,
>                  interval_warn_days 28, isotretinoin_months 6, minimum_age 18
>   reactions
>     - R3 erythema, mild [open] [VOIDED]
>       onset 2026-11-20 (day 0), open (day 3 on 2026-11-23)
>       revision 2 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00: with
>         its session
>         - voided: no -> yes
>   follow-ups
>     none recorded
>   corrections
>     revision 2 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00: logged on
>       the wrong chart
>       - voided: no -> yes
> ================================================================================
> end of history
$ needlebook history ANN --format csv
> patient,session,session_at,session_voided,record,record_id,area,side,depth_mm,passes,product,lot,phase,amount_ml,kind,severity,onset,resolved,onset_day,recovery_day,marks,date,revision,author,recorded_at,field,before,after,text\r
> ANN,,,,consent,1,,,,,,,,,,,,,,,,2026-06-01,1,tester,2026-11-23T15:00:00Z,,,,"signed 2026-06-01, covers microneedling serums"\r
> ANN,1,2026-11-16 10:00,0,session,1,,,,,,,,,,,,,,,,2026-11-16,1,tester,2026-11-23T15:00:00Z,,,,practitioner tester; pen; indication other\r
> ANN,1,2026-11-16 10:00,0,area,1,cheek,left,1.00,,,,,,,,,,,,,,,,,,,,\r
> ANN,1,2026-11-16 10:00,0,area,1,forehead,,0.50,,,,,,,,,,,,,,,,,,,,\r
> ANN,1,2026-11-16 10:00,0,reaction (voided),1,,,,,,,,,oedema,moderate,2026-11-17,2026-11-19,1,3,,,,,,,,,cool packs\r
> ANN,1,2026-11-16 10:00,0,reaction correction,1,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,kind,erythema,oedema,looked again at the photo\r
> ANN,1,2026-11-16 10:00,0,reaction correction,1,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,severity,mild,moderate,looked again at the photo\r
> ANN,1,2026-11-16 10:00,0,reaction correction,1,,,,,,,,,,,,,,,,,3,tester,2026-11-23T15:00:00Z,onset,2026-11-16,2026-11-17,patient phoned\r
> ANN,1,2026-11-16 10:00,0,reaction correction,1,,,,,,,,,,,,,,,,,3,tester,2026-11-23T15:00:00Z,resolved,,2026-11-19,patient phoned\r
> ANN,1,2026-11-16 10:00,0,reaction correction,1,,,,,,,,,,,,,,,,,3,tester,2026-11-23T15:00:00Z,note,,cool packs,patient phoned\r
> ANN,1,2026-11-16 10:00,0,reaction correction,1,,,,,,,,,,,,,,,,,4,tester,2026-11-23T15:00:00Z,area,cheek:left,forehead,wrong side of the face\r
> ANN,1,2026-11-16 10:00,0,reaction correction,1,,,,,,,,,,,,,,,,,5,tester,2026-11-23T15:00:00Z,area,forehead,,all over\r
> ANN,1,2026-11-16 10:00,0,reaction correction,1,,,,,,,,,,,,,,,,,6,tester,2026-11-23T15:00:00Z,voided,no,yes,recorded for the wrong session\r
> ANN,1,2026-11-16 10:00,0,reaction (voided),2,,,,,,,,,bruising,mild,2026-11-17,2026-11-21,1,5,,,,,,,,,\r
> ANN,1,2026-11-16 10:00,0,reaction correction,2,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,resolved,,2026-11-20,resolved\r
> ANN,1,2026-11-16 10:00,0,reaction correction,2,,,,,,,,,,,,,,,,,3,tester,2026-11-23T15:00:00Z,resolved,2026-11-20,2026-11-21,the bruise lasted a day longer\r
> ANN,1,2026-11-16 10:00,0,reaction correction,2,,,,,,,,,,,,,,,,,4,tester,2026-11-23T15:00:00Z,voided,no,yes,another patient\r
> ANN,1,2026-11-16 10:00,0,followup (voided),1,,,,,,,,,,,,,,,,2026-11-19,,,,none,,,settled\r
> ANN,1,2026-11-16 10:00,0,followup correction,1,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,checked on,2026-11-18,2026-11-19,date of the call\r
> ANN,1,2026-11-16 10:00,0,followup correction,1,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,note,settling,settled,date of the call\r
> ANN,1,2026-11-16 10:00,0,followup correction,1,,,,,,,,,,,,,,,,,3,tester,2026-11-23T15:00:00Z,outcome,reactions,none,no reaction after all\r
> ANN,1,2026-11-16 10:00,0,followup correction,1,,,,,,,,,,,,,,,,,4,tester,2026-11-23T15:00:00Z,voided,no,yes,entered twice\r
> ANN,2,2026-11-20 10:00,1,session,2,,,,,,,,,,,,,,,,2026-11-20,2,tester,2026-11-23T15:00:00Z,,,,practitioner tester; pen; indication other\r
> ANN,2,2026-11-20 10:00,1,area,2,chin,,1.00,,,,,,,,,,,,,,,,,,,,\r
> ANN,2,2026-11-20 10:00,1,reaction (voided),3,,,,,,,,,erythema,mild,2026-11-20,,0,3,open,,,,,,,,\r
> ANN,2,2026-11-20 10:00,1,reaction correction,3,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,voided,no,yes,with its session\r
> ANN,2,2026-11-20 10:00,1,session correction,2,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,voided,no,yes,logged on the wrong chart\r
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
> <p>None on file.</p>
> <h3>Consent</h3>
> <p>1: signed 2026-06-01, covers microneedling serums</p>
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
> <text x="279.0" y="202.0" text-anchor="middle">2026-11-16</text>
> <text x="279.0" y="220.0" text-anchor="middle">session date</text>
> <polyline points="279.0,16.0 " fill="none" stroke="#1f77b4" stroke-width="1.6"/>
> <circle cx="279.0" cy="16.0" r="2.6" fill="#1f77b4"/>
> <line x1="526.0" y1="16.0" x2="544.0" y2="16.0" stroke="#1f77b4" stroke-width="1.6"/>
> <text x="550.0" y="19.5" text-anchor="start">cheek:left</text>
> <polyline points="279.0,101.0 " fill="none" stroke="#d62728" stroke-width="1.6"/>
> <circle cx="279.0" cy="101.0" r="2.6" fill="#d62728"/>
> <line x1="526.0" y1="31.0" x2="544.0" y2="31.0" stroke="#d62728" stroke-width="1.6"/>
> <text x="550.0" y="34.5" text-anchor="start">forehead</text>
> </svg>
> </figure>
> <figure>
> <figcaption>Reactions from onset to resolution (days after the session)</figcaption>
> <p>No reactions recorded.</p>
> </figure>
> </section>
> <section class="session" id="session-1">
> <h2>SESSION 1  2026-11-16 10:00</h2>
> <table class="grid fields">
> <tr><th>interval</th><td>first session</td></tr>
> <tr><th>practitioner</th><td>tester</td></tr>
> <tr><th>indication</th><td>other</td></tr>
> <tr><th>device</th><td>pen</td></tr>
> </table>
> <h3>Areas</h3>
> <table class="grid"><tr><th>area</th><th>side</th><th>depth (mm)</th><th>passes</th></tr>
> <tr><td>cheek</td><td>left</td><td class="num">1.00</td><td class="num">-</td></tr>
> <tr><td>forehead</td><td>-</td><td class="num">0.50</td><td class="num">-</td></tr>
> </table>
> <p class="meta">Checked with the clinic's settings then: depth limits cheek 1.50 mm, forehead 0.50 mm; consent_policy warn, consent_valid_months 12, interval_block_days 14, interval_warn_days 28, isotretinoin_months 6, minimum_age 18.</p>
> <h3>Reactions</h3>
> <table class="grid"><tr><th>#</th><th>reaction</th><th>area</th><th>onset</th><th>resolved</th><th>recovery day</th><th>marks</th></tr>
> <tr class="struck"><td>R1</td><td>oedema, moderate<br>cool packs</td><td>-</td><td>2026-11-17 (day 1)</td><td>2026-11-19 (2 days)</td><td class="num">3</td><td>VOIDED</td></tr>
> <tr class="struck"><td>R2</td><td>bruising, mild</td><td>-</td><td>2026-11-17 (day 1)</td><td>2026-11-21 (4 days)</td><td class="num">5</td><td>VOIDED</td></tr>
> </table>
> <div class="correction"><p><b>Correction to reaction R1:</b> revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: looked again at the photo</p><ul>
> <li>kind: erythema -&gt; oedema</li>
> <li>severity: mild -&gt; moderate</li>
> </ul></div>
> <div class="correction"><p><b>Correction to reaction R1:</b> revision 3 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: patient phoned</p><ul>
> <li>onset: 2026-11-16 -&gt; 2026-11-17</li>
> <li>resolved: added 2026-11-19</li>
> <li>note: added cool packs</li>
> </ul></div>
> <div class="correction"><p><b>Correction to reaction R1:</b> revision 4 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: wrong side of the face</p><ul>
> <li>area: cheek:left -&gt; forehead</li>
> </ul></div>
> <div class="correction"><p><b>Correction to reaction R1:</b> revision 5 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: all over</p><ul>
> <li>area: removed (was forehead)</li>
> </ul></div>
> <div class="correction"><p><b>Correction to reaction R1:</b> revision 6 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00: recorded for the wrong session</p><ul>
> <li>voided: no -&gt; yes</li>
> </ul></div>
> <div class="correction"><p><b>Correction to reaction R2:</b> revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: resolved</p><ul>
> <li>resolved: added 2026-11-20</li>
> </ul></div>
> <div class="correction"><p><b>Correction to reaction R2:</b> revision 3 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: the bruise lasted a day longer</p><ul>
> <li>resolved: 2026-11-20 -&gt; 2026-11-21</li>
> </ul></div>
> <div class="correction"><p><b>Correction to reaction R2:</b> revision 4 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00: another patient</p><ul>
> <li>voided: no -&gt; yes</li>
> </ul></div>
> <h3>Follow-ups</h3>
> <p class="struck">F1 2026-11-19: no reaction — settled VOIDED</p>
> <div class="correction"><p><b>Correction to follow-up F1:</b> revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: date of the call</p><ul>
> <li>checked on: 2026-11-18 -&gt; 2026-11-19</li>
> <li>note: settling -&gt; settled</li>
> </ul></div>
> <div class="correction"><p><b>Correction to follow-up F1:</b> revision 3 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: no reaction after all</p><ul>
> <li>outcome: reactions -&gt; none</li>
> </ul></div>
> <div class="correction"><p><b>Correction to follow-up F1:</b> revision 4 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00: entered twice</p><ul>
> <li>voided: no -&gt; yes</li>
> </ul></div>
> </section>
> <section class="session" id="session-2">
> <h2>SESSION 2  2026-11-20 10:00  [VOIDED]</h2>
> <p class="voided">VOIDED: logged on the wrong chart</p>
> <table class="grid fields">
> <tr><th>interval</th><td>not counted (voided)</td></tr>
> <tr><th>practitioner</th><td>tester</td></tr>
> <tr><th>indication</th><td>other</td></tr>
> <tr><th>device</th><td>pen</td></tr>
> </table>
> <h3>Areas</h3>
> <table class="grid"><tr><th>area</th><th>side</th><th>depth (mm)</th><th>passes</th></tr>
> <tr><td>chin</td><td>-</td><td class="num">1.00</td><td class="num">-</td></tr>
> </table>
> <p class="meta">Checked with the clinic's settings then: depth limits chin 1.50 mm; consent_policy warn, consent_valid_months 12, interval_block_days 14, interval_warn_days 28, isotretinoin_months 6, minimum_age 18.</p>
> <h3>Reactions</h3>
> <table class="grid"><tr><th>#</th><th>reaction</th><th>area</th><th>onset</th><th>resolved</th><th>recovery day</th><th>marks</th></tr>
> <tr class="struck"><td>R3</td><td>erythema, mild</td><td>-</td><td>2026-11-20 (day 0)</td><td>open</td><td class="num">3 so far</td><td><span class="mark mark-open">open</span> VOIDED</td></tr>
> </table>
> <div class="correction"><p><b>Correction to reaction R3:</b> revision 2 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00: with its session</p><ul>
> <li>voided: no -&gt; yes</li>
> </ul></div>
> <h3>Follow-ups</h3>
> <p>None recorded.</p>
> <h3>Corrections</h3>
> <div class="correction"><p><b>Correction:</b> revision 2 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00: logged on the wrong chart</p><ul>
> <li>voided: no -&gt; yes</li>
> </ul></div>
> </section>
> <p class="end">End of treatment history. Recorded as audit row 95; chain head <code>95:${SHA256}</code> (verify with <code>needlebook check --head 95:${SHA256}</code>).</p>
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
>     "id": 96,
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
>   "conditions": [],
>   "consents": [
>     {
>       "id": 1,
>       "signed": "2026-06-01",
>       "covers": "microneedling serums",
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
>       "at": "2026-11-16 10:00",
>       "at_utc": "2026-11-16T10:00:00Z",
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
>           "side": "left",
>           "depth_mm": 1.0,
>           "passes": null
>         },
>         {
>           "area": "forehead",
>           "side": null,
>           "depth_mm": 0.5,
>           "passes": null
>         }
>       ],
>       "serums": [],
>       "findings": [],
>       "revision": {
>         "number": 1,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "",
>         "voided": false
>       },
>       "day": "2026-11-16",
>       "days_since_previous": null,
>       "recovery_day": null,
>       "reactions": [
>         {
>           "id": 1,
>           "session": 1,
>           "kind": "oedema",
>           "severity": "moderate",
>           "area": null,
>           "side": null,
>           "onset": "2026-11-17",
>           "resolved": "2026-11-19",
>           "note": "cool packs",
>           "revision": {
>             "number": 6,
>             "author": "tester",
>             "recorded_at": "2026-11-23T15:00:00Z",
>             "reason": "recorded for the wrong session",
>             "voided": true
>           },
>           "timeline": {
>             "onset_day": 1,
>             "recovery_day": 3,
>             "duration_days": 2,
>             "open": false,
>             "prolonged": false,
>             "adverse": false
>           },
>           "amendments": [
>             {
>               "number": 2,
>               "author": "tester",
>               "recorded_at": "2026-11-23T15:00:00Z",
>               "reason": "looked again at the photo",
>               "voided": false,
>               "os_account": "${OS_USER}",
>               "changes": [
>                 {
>                   "field": "kind",
>                   "before": "erythema",
>                   "after": "oedema"
>                 },
>                 {
>                   "field": "severity",
>                   "before": "mild",
>                   "after": "moderate"
>                 }
>               ]
>             },
>             {
>               "number": 3,
>               "author": "tester",
>               "recorded_at": "2026-11-23T15:00:00Z",
>               "reason": "patient phoned",
>               "voided": false,
>               "os_account": "${OS_USER}",
>               "changes": [
>                 {
>                   "field": "onset",
>                   "before": "2026-11-16",
>                   "after": "2026-11-17"
>                 },
>                 {
>                   "field": "resolved",
>                   "before": "",
>                   "after": "2026-11-19"
>                 },
>                 {
>                   "field": "note",
>                   "before": "",
>                   "after": "cool packs"
>                 }
>               ]
>             },
>             {
>               "number": 4,
>               "author": "tester",
>               "recorded_at": "2026-11-23T15:00:00Z",
>               "reason": "wrong side of the face",
>               "voided": false,
>               "os_account": "${OS_USER}",
>               "changes": [
>                 {
>                   "field": "area",
>                   "before": "cheek:left",
>                   "after": "forehead"
>                 }
>               ]
>             },
>             {
>               "number": 5,
>               "author": "tester",
>               "recorded_at": "2026-11-23T15:00:00Z",
>               "reason": "all over",
>               "voided": false,
>               "os_account": "${OS_USER}",
>               "changes": [
>                 {
>                   "field": "area",
>                   "before": "forehead",
>                   "after": ""
>                 }
>               ]
>             },
>             {
>               "number": 6,
>               "author": "tester",
>               "recorded_at": "2026-11-23T15:00:00Z",
>               "reason": "recorded for the wrong session",
>               "voided": true,
>               "os_account": "${OS_USER}",
>               "changes": [
>                 {
>                   "field": "voided",
>                   "before": "no",
>                   "after": "yes"
>                 }
>               ]
>             }
>           ]
>         },
>         {
>           "id": 2,
>           "session": 1,
>           "kind": "bruising",
>           "severity": "mild",
>           "area": null,
>           "side": null,
>           "onset": "2026-11-17",
>           "resolved": "2026-11-21",
>           "note": "",
>           "revision": {
>             "number": 4,
>             "author": "tester",
>             "recorded_at": "2026-11-23T15:00:00Z",
>             "reason": "another patient",
>             "voided": true
>           },
>           "timeline": {
>             "onset_day": 1,
>             "recovery_day": 5,
>             "duration_days": 4,
>             "open": false,
>             "prolonged": false,
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
>                   "after": "2026-11-20"
>                 }
>               ]
>             },
>             {
>               "number": 3,
>               "author": "tester",
>               "recorded_at": "2026-11-23T15:00:00Z",
>               "reason": "the bruise lasted a day longer",
>               "voided": false,
>               "os_account": "${OS_USER}",
>               "changes": [
>                 {
>                   "field": "resolved",
>                   "before": "2026-11-20",
>                   "after": "2026-11-21"
>                 }
>               ]
>             },
>             {
>               "number": 4,
>               "author": "tester",
>               "recorded_at": "2026-11-23T15:00:00Z",
>               "reason": "another patient",
>               "voided": true,
>               "os_account": "${OS_USER}",
>               "changes": [
>                 {
>                   "field": "voided",
>                   "before": "no",
>                   "after": "yes"
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
>           "on": "2026-11-19",
>           "outcome": "none",
>           "note": "settled",
>           "revision": {
>             "number": 4,
>             "author": "tester",
>             "recorded_at": "2026-11-23T15:00:00Z",
>             "reason": "entered twice",
>             "voided": true
>           },
>           "amendments": [
>             {
>               "number": 2,
>               "author": "tester",
>               "recorded_at": "2026-11-23T15:00:00Z",
>               "reason": "date of the call",
>               "voided": false,
>               "os_account": "${OS_USER}",
>               "changes": [
>                 {
>                   "field": "checked on",
>                   "before": "2026-11-18",
>                   "after": "2026-11-19"
>                 },
>                 {
>                   "field": "note",
>                   "before": "settling",
>                   "after": "settled"
>                 }
>               ]
>             },
>             {
>               "number": 3,
>               "author": "tester",
>               "recorded_at": "2026-11-23T15:00:00Z",
>               "reason": "no reaction after all",
>               "voided": false,
>               "os_account": "${OS_USER}",
>               "changes": [
>                 {
>                   "field": "outcome",
>                   "before": "reactions",
>                   "after": "none"
>                 }
>               ]
>             },
>             {
>               "number": 4,
>               "author": "tester",
>               "recorded_at": "2026-11-23T15:00:00Z",
>               "reason": "entered twice",
>               "voided": true,
>               "os_account": "${OS_USER}",
>               "changes": [
>                 {
>                   "field": "voided",
>                   "before": "no",
>                   "after": "yes"
>                 }
>               ]
>             }
>           ]
>         }
>       ],
>       "amendments": [],
>       "settings_used": {
>         "consent_policy": "warn",
>         "consent_valid_months": "12",
>         "depth_limit.cheek": "1.50",
>         "depth_limit.forehead": "0.50",
>         "interval_block_days": "14",
>         "interval_warn_days": "28",
>         "isotretinoin_months": "6",
>         "minimum_age": "18"
>       }
>     },
>     {
>       "id": 2,
>       "patient": "ANN",
>       "at": "2026-11-20 10:00",
>       "at_utc": "2026-11-20T10:00:00Z",
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
>           "area": "chin",
>           "side": null,
>           "depth_mm": 1.0,
>           "passes": null
>         }
>       ],
>       "serums": [],
>       "findings": [],
>       "revision": {
>         "number": 2,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "logged on the wrong chart",
>         "voided": true
>       },
>       "day": "2026-11-20",
>       "days_since_previous": null,
>       "recovery_day": null,
>       "reactions": [
>         {
>           "id": 3,
>           "session": 2,
>           "kind": "erythema",
>           "severity": "mild",
>           "area": null,
>           "side": null,
>           "onset": "2026-11-20",
>           "resolved": null,
>           "note": "",
>           "revision": {
>             "number": 2,
>             "author": "tester",
>             "recorded_at": "2026-11-23T15:00:00Z",
>             "reason": "with its session",
>             "voided": true
>           },
>           "timeline": {
>             "onset_day": 0,
>             "recovery_day": 3,
>             "duration_days": null,
>             "open": true,
>             "prolonged": false,
>             "adverse": false
>           },
>           "amendments": [
>             {
>               "number": 2,
>               "author": "tester",
>               "recorded_at": "2026-11-23T15:00:00Z",
>               "reason": "with its session",
>               "voided": true,
>               "os_account": "${OS_USER}",
>               "changes": [
>                 {
>                   "field": "voided",
>                   "before": "no",
>                   "after": "yes"
>                 }
>               ]
>             }
>           ]
>         }
>       ],
>       "followups": [],
>       "amendments": [
>         {
>           "number": 2,
>           "author": "tester",
>           "recorded_at": "2026-11-23T15:00:00Z",
>           "reason": "logged on the wrong chart",
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
>         "depth_limit.chin": "1.50",
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
= SELECT action, record_kind, record_id, revision, reason FROM audit_log WHERE record_kind IN ('reaction', 'followup') ORDER BY id
> reaction.add|reaction|1|1|
> reaction.add|reaction|2|1|
> followup.add|followup|1|1|
> reaction.amend|reaction|1|2|looked again at the photo
> reaction.amend|reaction|1|3|patient phoned
> reaction.amend|reaction|1|4|wrong side of the face
> reaction.amend|reaction|1|5|all over
> reaction.resolve|reaction|2|2|resolved
> reaction.resolve|reaction|2|3|the bruise lasted a day longer
> followup.amend|followup|1|2|date of the call
> reaction.void|reaction|1|6|recorded for the wrong session
> reaction.void|reaction|2|4|another patient
> followup.amend|followup|1|3|no reaction after all
> followup.void|followup|1|4|entered twice
> reaction.add|reaction|3|1|
> reaction.void|reaction|3|2|with its session
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
> audit chain   ok                96       0  -            -
> records       ok                95       0  -            -
> seals         ok                 0       0  -            no seals: anyone who can write the file could recompute the chain
> schema        ok               254       0  -            -
