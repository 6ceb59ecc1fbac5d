# history PATIENT (text): the patient's whole record as a manager reads it. Every session, the
# voided one marked and still shown; every area with side, depth and passes; cartridge lot and
# serum lots; the override with its reason; reactions with onset and recovery day and their
# marks; follow-ups; and every correction with who, when (clinic time), why and before -> after.
# The text fits 80 columns: every expected line below is at most 80 characters long.
#
# The clinic is entered as it happened, the clock moving with it (NEEDLEBOOK_NOW):
#   2026-09-16  S1 (09-10) with R1, R2 and follow-up 1
#   2026-10-16  S2 (10-15) with an override; dr.lee corrects its forehead depth the next morning
#               (08:30 UTC = 09:30 BST)
#   2026-10-22  R3 on S2, follow-up 2; S3 (10-20) with R4, voided by m.patel (13:00 BST)
#   2026-11-23  S4 (11-12) with R5, resolved by a second revision; follow-up 3; the patient's
#               phone corrected; BEN's session 5 (not in ANN's history)
# Day counts (recovery day = resolution, or 2026-11-23 while open, - session day):
#   R1 erythema 09-10..09-12: onset day 0, day 2, lasted 2         (norm 3)
#   R2 oedema 09-11..09-16: onset day 1, day 6, lasted 5: prolonged (norm 3)
#   R3 PIH 10-20..open: onset day 5, day 39 (10-15 -> 11-23 = 16 + 23): open, adverse
#   R4 bruising 10-20..10-22: day 0, day 2, lasted 2 (voided session)
#   R5 erythema 11-12..11-14: day 0, day 2, lasted 2
# Intervals: S2 35 days after S1 (09-10 -> 10-15 = 20 + 15); S4 28 days after S2 (16 + 12),
# the voided S3 not counted.

%env NEEDLEBOOK_NOW=2026-09-16T17:00:00Z
$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook setting set clinic_name "Lumen Skin Clinic"
> clinic_name: '' -> Lumen Skin Clinic
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN --fitzpatrick III --phone "+44 7700 900123"
> patient ANN registered: Smith, Ann
$ needlebook patient add --family Okafor --given Ben --born 1979-02-03 --code BEN
> patient BEN registered: Okafor, Ben
$ needlebook consent add ANN --signed 2026-06-01 --covers "microneedling, serums"
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook consent add BEN --signed 2026-06-01
> consent 2 on file for BEN, signed 2026-06-01, covers microneedling serums
$ needlebook condition add ANN --code rosacea-flare --since 2026-08-01 --note cheeks
> condition 1 on file for ANN: rosacea flare
$ needlebook condition resolve ANN --code rosacea-flare --on 2026-09-01
> condition 1 of ANN resolved on 2026-09-01: rosacea flare

$ needlebook session log ANN --at "2026-09-10 10:00" --device pen --model "Dermapen 4" --indication acne-scars --practitioner "Dr Jones" --area cheek:left=1.0x3 --area cheek:right=1.0x3 --area periorbital=0.25x2 --serum ha-serum@HA-2291:during --serum gf-serum@GF-77 --cartridge 16-pin --cartridge-lot CL-120
> session 1 logged for ANN at 2026-09-10 10:00
! needlebook: warning: lot:ha-serum:HA-2291: lot HA-2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA-2291 --expires YYYY-MM-DD'
! needlebook: warning: lot:gf-serum:GF-77: lot GF-77 of gf-serum is not registered; register it with 'needlebook lot add gf-serum GF-77 --expires YYYY-MM-DD'
! needlebook: warning: lot:cartridge:CL-120: cartridge lot CL-120 is not registered; register it with 'needlebook lot add cartridge CL-120 --expires YYYY-MM-DD'
$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-09-10 --resolved 2026-09-12 --area cheek:left
> reaction 1 recorded for session 1: erythema, mild
$ needlebook reaction add 1 --kind oedema --severity moderate --onset 2026-09-11 --resolved 2026-09-16 --area periorbital --note "swelling under both eyes"
> reaction 2 recorded for session 1: oedema, moderate
$ needlebook followup add 1 --on 2026-09-13 --outcome reactions --note settling
> follow-up 1 recorded for session 1: reactions recorded

%env NEEDLEBOOK_NOW=2026-10-16T08:30:00Z
$ needlebook session log ANN --at "2026-10-15 10:00" --device pen --area periorbital=0.75 --area forehead=0.5 --override "depth:periorbital=deep crow's feet; dermatologist's plan"
> session 2 logged for ANN at 2026-10-15 10:00
> overridden depth:periorbital: depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm (reason: deep crow's feet; dermatologist's plan)
$ needlebook --as dr.lee session amend 2 --reason "forehead depth mistyped" --area periorbital=0.75 --area forehead=0.25
> session 2 amended (revision 2) for ANN at 2026-10-15 10:00
> overridden depth:periorbital: depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm (reason: deep crow's feet; dermatologist's plan)

%env NEEDLEBOOK_NOW=2026-10-22T12:00:00Z
$ needlebook reaction add 2 --kind post-inflammatory-hyperpigmentation --severity mild --onset 2026-10-20 --area periorbital
> reaction 3 recorded for session 2: post-inflammatory hyperpigmentation, mild, open
$ needlebook followup add 2 --on 2026-10-22 --outcome reactions --note "PIH under the left eye"
> follow-up 2 recorded for session 2: reactions recorded
$ needlebook session log ANN --at "2026-10-20 10:00" --device roller --area neck=0.5
> session 3 logged for ANN at 2026-10-20 10:00
$ needlebook reaction add 3 --kind bruising --severity mild --onset 2026-10-20 --resolved 2026-10-22 --area neck
> reaction 4 recorded for session 3: bruising, mild
$ needlebook --as m.patel session void 3 --reason "entered for the wrong patient"
> session 3 voided (revision 2): entered for the wrong patient

%env NEEDLEBOOK_NOW=2026-11-23T15:00:00Z
$ needlebook session log ANN --at "2026-11-12 10:00" --device pen --area cheek=1.25
> session 4 logged for ANN at 2026-11-12 10:00
$ needlebook reaction add 4 --kind erythema --severity mild --onset 2026-11-12 --area cheek
> reaction 5 recorded for session 4: erythema, mild, open
$ needlebook reaction resolve 5 --on 2026-11-14
> reaction 5 resolved on 2026-11-14, 2 days after onset
$ needlebook followup add 4 --on 2026-11-20 --outcome reactions
> follow-up 3 recorded for session 4: reactions recorded
$ needlebook patient amend ANN --reason "new phone number" --phone "01632 960001" --email ann@example.org
> patient ANN amended (revision 2): Smith, Ann
$ needlebook session log BEN --at "2026-11-20 09:00" --device pen --area chin=1.0
> session 5 logged for BEN at 2026-11-20 09:00

$ needlebook history ANN
> ================================================================================
> TREATMENT HISTORY  ANN  Smith, Ann
> Lumen Skin Clinic
> printed 2026-11-23 15:00 (Europe/London) by tester; reactions as of 2026-11-23
> recorded as audit row 95; chain head for 'check --head':
> 95:${SHA256}
> 3 sessions and 1 voided; every correction and override is shown
> ================================================================================
> PATIENT
>   chart          ANN
>   name           Smith, Ann
>   born           1985-04-12
>   fitzpatrick    III
>   phone          01632 960001
>   email          ann@example.org
>   conditions
>     - 1: rosacea flare, since 2026-08-01, resolved 2026-09-01 (cheeks)
>       revision 2 amended by tester (OS account ${OS_USER}) on 2026-09-16 18:00:
>         resolved
>         - resolved: added 2026-09-01
>   consent
>     - 1: signed 2026-06-01, covers microneedling serums
>   corrections to the patient record
>     revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: new
>       phone number
>       - phone: +44 7700 900123 -> 01632 960001
>       - email: added ann@example.org
> --------------------------------------------------------------------------------
> SESSION 1  2026-09-10 10:00
>   interval       first session
>   practitioner   Dr Jones
>   indication     acne scars
>   device         pen, Dermapen 4
>   cartridge      16-pin
>   cartridge lot  CL-120
>   areas
>     area         side   depth mm  passes
>     cheek        left       1.00       3
>     cheek        right      1.00       3
>     periorbital  -          0.25       2
>   serums
>     - ha-serum, lot HA-2291, during
>     - gf-serum, lot GF-77, after
>   clinical checks
>     - warning lot:ha-serum:HA-2291: lot HA-2291 of ha-serum is not registered;
>       register it with 'needlebook lot add ha-serum HA-2291 --expires
>       YYYY-MM-DD'
>     - warning lot:gf-serum:GF-77: lot GF-77 of gf-serum is not registered;
>       register it with 'needlebook lot add gf-serum GF-77 --expires YYYY-MM-DD'
>     - warning lot:cartridge:CL-120: cartridge lot CL-120 is not registered;
>       register it with 'needlebook lot add cartridge CL-120 --expires
>       YYYY-MM-DD'
>   checked with   depth limits cheek 1.50 mm, periorbital 0.50 mm; rosacea-flare
>                  warn, consent_policy warn, consent_valid_months 12,
>                  interval_block_days 14, interval_warn_days 28,
>                  isotretinoin_months 6, lot_registration warn, minimum_age 18
>   reactions
>     - R1 erythema, mild, cheek:left
>       onset 2026-09-10 (day 0), resolved 2026-09-12 (day 2, lasted 2 days)
>     - R2 oedema, moderate, periorbital [prolonged]
>       onset 2026-09-11 (day 1), resolved 2026-09-16 (day 6, lasted 5 days)
>       note: swelling under both eyes
>   recovered      day 6
>   follow-ups
>     - F1 2026-09-13: reactions recorded (settling)
> --------------------------------------------------------------------------------
> SESSION 2  2026-10-15 10:00
>   interval       35 days after the previous session
>   practitioner   tester
>   indication     other
>   device         pen
>   areas
>     area         side  depth mm  passes
>     periorbital  -         0.75       -
>     forehead     -         0.25       -
>   clinical checks
>     - overridden depth:periorbital: depth 0.75 mm on periorbital exceeds the
>       clinic limit of 0.50 mm (reason: deep crow's feet; dermatologist's plan)
>   checked with   depth limits forehead 0.50 mm, periorbital 0.50 mm;
>                  rosacea-flare warn, consent_policy warn, consent_valid_months
>                  12, interval_block_days 14, interval_warn_days 28,
>                  isotretinoin_months 6, minimum_age 18, override_min_reason 10
>   reactions
>     - R3 post-inflammatory hyperpigmentation, mild, periorbital [open,adverse]
>       onset 2026-10-20 (day 5), open (day 39 on 2026-11-23)
>   recovered      day 39 so far (a reaction is open)
>   follow-ups
>     - F2 2026-10-22: reactions recorded (PIH under the left eye)
>   corrections
>     revision 2 amended by dr.lee (OS account ${OS_USER}) on 2026-10-16 09:30: forehead
>       depth mistyped
>       - area forehead: 0.50 mm -> 0.25 mm
> --------------------------------------------------------------------------------
> SESSION 3  2026-10-20 10:00  [VOIDED]
>   interval       not counted (voided)
>   practitioner   tester
>   indication     other
>   device         roller
>   areas
>     area  side  depth mm  passes
>     neck  -         0.50       -
>   checked with   depth limits neck 1.00 mm; rosacea-flare warn, consent_policy
>                  warn, consent_valid_months 12, interval_block_days 14,
>                  interval_warn_days 28, isotretinoin_months 6, minimum_age 18
>   reactions
>     - R4 bruising, mild, neck
>       onset 2026-10-20 (day 0), resolved 2026-10-22 (day 2, lasted 2 days)
>   recovered      day 2
>   follow-ups
>     none recorded
>   corrections
>     revision 2 VOIDED by m.patel (OS account ${OS_USER}) on 2026-10-22 13:00: entered
>       for the wrong patient
>       - voided: no -> yes
> --------------------------------------------------------------------------------
> SESSION 4  2026-11-12 10:00
>   interval       28 days after the previous session
>   practitioner   tester
>   indication     other
>   device         pen
>   areas
>     area   side  depth mm  passes
>     cheek  -         1.25       -
>   checked with   depth limits cheek 1.50 mm; rosacea-flare warn, consent_policy
>                  warn, consent_valid_months 12, interval_block_days 14,
>                  interval_warn_days 28, isotretinoin_months 6, minimum_age 18
>   reactions
>     - R5 erythema, mild, cheek
>       onset 2026-11-12 (day 0), resolved 2026-11-14 (day 2, lasted 2 days)
>       revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00:
>         resolved
>         - resolved: added 2026-11-14
>   recovered      day 2
>   follow-ups
>     - F3 2026-11-20: reactions recorded
> ================================================================================
> end of history

