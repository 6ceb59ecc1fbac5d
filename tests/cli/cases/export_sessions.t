# export sessions, session_areas, serum_uses, reactions and followups: the current revision of
# each record in id order, a fixed header, CRLF line ends (written "\r" at the end of an expected
# line). Instants are UTC (a July session at 09:30 in London is 08:30Z), dates YYYY-MM-DD, depths
# in session_areas with two decimals and '.' as the point. A session row also carries its areas,
# serums and overridden findings as JSON arrays (quoted, quotes doubled). A voided session stays
# in, marked voided = 1. Text starting with = + - @ gets a leading "'"; numbers never do.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN --fitzpatrick 2
> patient ANN registered: Smith, Ann
$ needlebook patient add --family "O'Brien" --given Sean --born 1980-03-01 --code OBR
> patient OBR registered: O'Brien, Sean
$ needlebook consent add ANN --signed 2026-06-01 --covers 'microneedling, serums'
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook consent add OBR --signed 2026-06-01
> consent 2 on file for OBR, signed 2026-06-01, covers microneedling serums

$ needlebook session log ANN --at '2026-07-15 09:30' --device pen --indication acne-scars --model 'Dr. Pen A6' --cartridge 16-pin --cartridge-lot CL-120 --area cheek:left=1.5x3 --area cheek:right=1.5x3 --area periorbital=0.25 --serum ha-serum@HA2291:during --serum gf-serum@GF77 --anaesthetic 'lidocaine 5%' --endpoint 'pinpoint bleeding' --aftercare 'SPF 50, no make-up 24h' --practitioner dr.lee --note 'first session'
> session 1 logged for ANN at 2026-07-15 09:30
! needlebook: warning: lot:ha-serum:HA2291: lot HA2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA2291 --expires YYYY-MM-DD'
! needlebook: warning: lot:gf-serum:GF77: lot GF77 of gf-serum is not registered; register it with 'needlebook lot add gf-serum GF77 --expires YYYY-MM-DD'
! needlebook: warning: lot:cartridge:CL-120: cartridge lot CL-120 is not registered; register it with 'needlebook lot add cartridge CL-120 --expires YYYY-MM-DD'
$ needlebook session log OBR --at '2026-11-21 09:15' --device rf --area abdomen=2.75 --override 'depth:abdomen=stretch marks, thick skin' --practitioner '@dr.jones' --note '=1+1'
> session 2 logged for OBR at 2026-11-21 09:15
> overridden depth:abdomen: depth 2.75 mm on abdomen exceeds the clinic limit of 2.50 mm (reason: stretch marks, thick skin)
! needlebook: warning: consent:rf: no consent in force covers RF microneedling (in force: microneedling serums)
$ needlebook session log ANN --at '2026-10-01 10:00' --device roller --area neck=0.5 --endpoint=-erythema --aftercare '+ice pack'
> session 3 logged for ANN at 2026-10-01 10:00
$ needlebook session void 3 --reason 'wrong patient'
> session 3 voided (revision 2): wrong patient

$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-07-15 --resolved 2026-07-17 --area cheek:left --note '@home: cold compress'
> reaction 1 recorded for session 1: erythema, mild
$ needlebook reaction add 2 --kind bruising --severity moderate --onset 2026-11-21
> reaction 2 recorded for session 2: bruising, moderate, open
$ needlebook reaction resolve 2 --on 2026-11-23
> reaction 2 resolved on 2026-11-23, 2 days after onset
$ needlebook followup add 1 --on 2026-07-22 --outcome reactions --note 'redness gone, "happy"'
> follow-up 1 recorded for session 1: reactions recorded
$ needlebook followup add 2 --on 2026-11-23 --outcome reactions
> follow-up 2 recorded for session 2: reactions recorded

# One row a session. Session 3 is voided but kept (its voiding revision carries its area).
$ needlebook export sessions
> id,patient,performed_at,performed_at_local,practitioner,indication,device,model,cartridge,cartridge_lot,anaesthetic,endpoint,aftercare,note,areas,serums,findings,course,voided\r
> 1,ANN,2026-07-15T08:30:00Z,2026-07-15T09:30:00+01:00,dr.lee,acne-scars,pen,Dr. Pen A6,16-pin,CL-120,lidocaine 5%,pinpoint bleeding,"SPF 50, no make-up 24h",first session,"[{""area"":""cheek"",""side"":""left"",""depth_mm"":1.5,""passes"":3},{""area"":""cheek"",""side"":""right"",""depth_mm"":1.5,""passes"":3},{""area"":""periorbital"",""side"":null,""depth_mm"":0.25,""passes"":null}]","[{""product"":""ha-serum"",""lot"":""HA2291"",""expiry"":null,""phase"":""during"",""amount_ml"":null},{""product"":""gf-serum"",""lot"":""GF77"",""expiry"":null,""phase"":""after"",""amount_ml"":null}]","[{""key"":""lot:ha-serum:HA2291"",""level"":""warning"",""message"":""lot HA2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA2291 --expires YYYY-MM-DD'"",""override_reason"":"""",""overridden_by"":"""",""overridden_at"":null},{""key"":""lot:gf-serum:GF77"",""level"":""warning"",""message"":""lot GF77 of gf-serum is not registered; register it with 'needlebook lot add gf-serum GF77 --expires YYYY-MM-DD'"",""override_reason"":"""",""overridden_by"":"""",""overridden_at"":null},{""key"":""lot:cartridge:CL-120"",""level"":""warning"",""message"":""cartridge lot CL-120 is not registered; register it with 'needlebook lot add cartridge CL-120 --expires YYYY-MM-DD'"",""override_reason"":"""",""overridden_by"":"""",""overridden_at"":null}]",,0\r
> 2,OBR,2026-11-21T09:15:00Z,2026-11-21T09:15:00+00:00,'@dr.jones,other,rf,,,,,,,'=1+1,"[{""area"":""abdomen"",""side"":null,""depth_mm"":2.75,""passes"":null}]",,"[{""key"":""depth:abdomen"",""level"":""overridden"",""message"":""depth 2.75 mm on abdomen exceeds the clinic limit of 2.50 mm"",""override_reason"":""stretch marks, thick skin"",""overridden_by"":""tester"",""overridden_at"":""2026-11-23T15:00:00Z""},{""key"":""consent:rf"",""level"":""warning"",""message"":""no consent in force covers RF microneedling (in force: microneedling serums)"",""override_reason"":"""",""overridden_by"":"""",""overridden_at"":null}]",,0\r
> 3,ANN,2026-10-01T09:00:00Z,2026-10-01T10:00:00+01:00,tester,other,roller,,,,,'-erythema,'+ice pack,,"[{""area"":""neck"",""side"":null,""depth_mm"":0.5,""passes"":null}]",,,,1\r

# One row an area, in the order given; depths with two decimals; no side or passes: empty.
$ needlebook export session_areas
> session,position,area,side,depth_mm,passes,voided\r
> 1,1,cheek,left,1.50,3,0\r
> 1,2,cheek,right,1.50,3,0\r
> 1,3,periorbital,,0.25,,0\r
> 2,1,abdomen,,2.75,,0\r
> 3,1,neck,,0.50,,1\r

# One row a serum; the phase defaults to 'after'; no expiry or amount was given.
$ needlebook export serum_uses
> session,position,product,lot,expiry,phase,amount_ml,voided\r
> 1,1,ha-serum,HA2291,,during,,0\r
> 1,2,gf-serum,GF77,,after,,0\r

# The current revision: reaction 2 resolved on 2026-11-23 by its second revision.
$ needlebook export reactions
> id,session,kind,severity,area,side,onset,resolved,note,voided\r
> 1,1,erythema,mild,cheek,left,2026-07-15,2026-07-17,'@home: cold compress,0\r
> 2,2,bruising,moderate,,,2026-11-21,2026-11-23,,0\r

$ needlebook export followups
> id,session,checked_on,outcome,note,voided\r
> 1,1,2026-07-22,reactions,"redness gone, ""happy""",0\r
> 2,2,2026-11-23,reactions,,0\r

$ needlebook export consents
> id,patient,signed,covers,guardian,withdrawn_on,withdrawal_reason,voided\r
> 1,ANN,2026-06-01,microneedling serums,,,,0\r
> 2,OBR,2026-06-01,microneedling serums,,,,0\r

# --raw leaves the text as typed (for round trips, not for spreadsheets); numbers are the same.
$ needlebook export reactions --raw
> id,session,kind,severity,area,side,onset,resolved,note,voided\r
> 1,1,erythema,mild,cheek,left,2026-07-15,2026-07-17,@home: cold compress,0\r
> 2,2,bruising,moderate,,,2026-11-21,2026-11-23,,0\r

# Global options may follow the command, and --format csv is accepted (export is CSV anyway).
$ needlebook export followups --format csv
> id,session,checked_on,outcome,note,voided\r
> 1,1,2026-07-22,reactions,"redness gone, ""happy""",0\r
> 2,2,2026-11-23,reactions,,0\r

# Exporting changes no record; each export is audited with its table and row count.
= SELECT count(*) FROM session_revision
> 4
= SELECT at, actor, action, reason FROM audit_log WHERE action = 'export' ORDER BY id
> 2026-11-23T15:00:00Z|tester|export|sessions (3 rows)
> 2026-11-23T15:00:00Z|tester|export|session_areas (5 rows)
> 2026-11-23T15:00:00Z|tester|export|serum_uses (2 rows)
> 2026-11-23T15:00:00Z|tester|export|reactions (2 rows)
> 2026-11-23T15:00:00Z|tester|export|followups (2 rows)
> 2026-11-23T15:00:00Z|tester|export|consents (2 rows)
> 2026-11-23T15:00:00Z|tester|export|reactions (2 rows)
> 2026-11-23T15:00:00Z|tester|export|followups (2 rows)
