# report lot: every patient and session that received a serum lot or a cartridge lot, with the
# areas treated and each reaction recorded after it. Lots match ignoring case; voided sessions
# and lots amended away are not recipients. Today is 2026-11-23.
#   S1 ANN 11-01  ha-serum HA-2291 (during), cartridge 12-pin lot CL-7
#                 R1 erythema 11-01..11-03 (day 2 <= 3: no mark); R2 contact dermatitis open
#                 (adverse)
#   S2 BEN 11-05  ha-serum ha-2291 (after; typed in lower case), gf-serum GF-77
#   S3 CAT 11-10  cartridge "roller 0.75" lot cl-7; R3 bruising 11-10..11-22 (day 12 > 10:
#                 prolonged)
#   S4 DAN 11-12  ha-serum HA-2291, exosome-serum EX-5; R4; then VOIDED
#   S5 EVE 11-14  vitc-serum VC-1, amended to VC-2 (lot mistyped)
#   S6 ANN 11-20  ha-serum HA-2291 (after) on the forehead
# So HA-2291: S1, S2, S6 (2 patients, 3 sessions); CL-7: S1, S3 (2 patients, 2 sessions).

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook patient add --family Okafor --given Ben --born 1979-02-03 --code BEN
> patient BEN registered: Okafor, Ben
$ needlebook patient add --family Tran --given Cat --born 1990-07-21 --code CAT
> patient CAT registered: Tran, Cat
$ needlebook patient add --family Reyes --given Dan --born 1972-12-30 --code DAN
> patient DAN registered: Reyes, Dan
$ needlebook patient add --family Ng --given Eve --born 1995-05-05 --code EVE
> patient EVE registered: Ng, Eve
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook consent add BEN --signed 2026-06-01
> consent 2 on file for BEN, signed 2026-06-01, covers microneedling serums
$ needlebook consent add CAT --signed 2026-06-01
> consent 3 on file for CAT, signed 2026-06-01, covers microneedling serums
$ needlebook consent add DAN --signed 2026-06-01
> consent 4 on file for DAN, signed 2026-06-01, covers microneedling serums
$ needlebook consent add EVE --signed 2026-06-01
> consent 5 on file for EVE, signed 2026-06-01, covers microneedling serums

$ needlebook session log ANN --at "2026-11-01 10:00" --device pen --area cheek:left=1.0 --area cheek:right=1.0 --serum ha-serum@HA-2291:during --cartridge 12-pin --cartridge-lot CL-7
> session 1 logged for ANN at 2026-11-01 10:00
! needlebook: warning: lot:ha-serum:HA-2291: lot HA-2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA-2291 --expires YYYY-MM-DD'
! needlebook: warning: lot:cartridge:CL-7: cartridge lot CL-7 is not registered; register it with 'needlebook lot add cartridge CL-7 --expires YYYY-MM-DD'
$ needlebook session log BEN --at "2026-11-05 14:15" --device pen --area forehead=0.5 --serum ha-serum@ha-2291:after --serum gf-serum@GF-77
> session 2 logged for BEN at 2026-11-05 14:15
! needlebook: warning: lot:ha-serum:ha-2291: lot ha-2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum ha-2291 --expires YYYY-MM-DD'
! needlebook: warning: lot:gf-serum:GF-77: lot GF-77 of gf-serum is not registered; register it with 'needlebook lot add gf-serum GF-77 --expires YYYY-MM-DD'
$ needlebook session log CAT --at "2026-11-10 09:00" --device roller --area neck=0.75 --cartridge "roller 0.75" --cartridge-lot cl-7
> session 3 logged for CAT at 2026-11-10 09:00
! needlebook: warning: lot:cartridge:cl-7: cartridge lot cl-7 is not registered; register it with 'needlebook lot add cartridge cl-7 --expires YYYY-MM-DD'
$ needlebook session log DAN --at "2026-11-12 10:00" --device pen --area chin=1.0 --serum ha-serum@HA-2291 --serum exosome-serum@EX-5
> session 4 logged for DAN at 2026-11-12 10:00
! needlebook: warning: lot:ha-serum:HA-2291: lot HA-2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA-2291 --expires YYYY-MM-DD'
! needlebook: warning: lot:exosome-serum:EX-5: lot EX-5 of exosome-serum is not registered; register it with 'needlebook lot add exosome-serum EX-5 --expires YYYY-MM-DD'
$ needlebook session log EVE --at "2026-11-14 10:00" --device pen --area cheek=1.0 --serum vitc-serum@VC-1
> session 5 logged for EVE at 2026-11-14 10:00
! needlebook: warning: lot:vitc-serum:VC-1: lot VC-1 of vitc-serum is not registered; register it with 'needlebook lot add vitc-serum VC-1 --expires YYYY-MM-DD'
$ needlebook session log ANN --at "2026-11-20 10:00" --device pen --area forehead=0.5 --serum ha-serum@HA-2291:after
> session 6 logged for ANN at 2026-11-20 10:00
! needlebook: warning: lot:ha-serum:HA-2291: lot HA-2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA-2291 --expires YYYY-MM-DD'

$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-01 --resolved 2026-11-03 --area cheek:left
> reaction 1 recorded for session 1: erythema, mild
$ needlebook reaction add 1 --kind contact-dermatitis --severity moderate --onset 2026-11-02 --area cheek:right
> reaction 2 recorded for session 1: allergic/contact dermatitis, moderate, open
$ needlebook reaction add 3 --kind bruising --severity mild --onset 2026-11-10 --area neck
> reaction 3 recorded for session 3: bruising, mild, open
$ needlebook reaction resolve 3 --on 2026-11-22
> reaction 3 resolved on 2026-11-22, 12 days after onset
$ needlebook reaction add 4 --kind erythema --severity mild --onset 2026-11-12 --area chin
> reaction 4 recorded for session 4: erythema, mild, open
$ needlebook session void 4 --reason "logged for the wrong patient"
> session 4 voided (revision 2): logged for the wrong patient
$ needlebook session amend 5 --reason "lot mistyped" --serum vitc-serum@VC-2
> session 5 amended (revision 2) for EVE at 2026-11-14 10:00
! needlebook: warning: lot:vitc-serum:VC-2: lot VC-2 of vitc-serum is not registered; register it with 'needlebook lot add vitc-serum VC-2 --expires YYYY-MM-DD'

# Asked in lower case: HA-2291 and ha-2291 are the same lot; one row per use, in session order.
$ needlebook report lot ha-2291
> Lot recall: ha-2291
>   lot: ha-2291
>   registered: not registered ('needlebook lot add')
>   patients: 2
>   sessions: 3
>   reactions as of: 2026-11-23
>   lots match ignoring case; voided sessions are left out
>   phone and email are as on the patient's record today
>
> patient  name         phone  email  session  session_at        received                 lot      areas                             reactions
> ANN      Smith, Ann   -      -            1  2026-11-01 10:00  serum ha-serum (during)  HA-2291  cheek:left=1.00 cheek:right=1.00  R1 erythema mild cheek:left onset 2026-11-01 resolved 2026-11-03; R2 contact-dermatitis moderate cheek:right onset 2026-11-02 open [adverse]
> BEN      Okafor, Ben  -      -            2  2026-11-05 14:15  serum ha-serum (after)   ha-2291  forehead=0.50                     none recorded
> ANN      Smith, Ann   -      -            6  2026-11-20 10:00  serum ha-serum (after)   HA-2291  forehead=0.50                     none recorded

# The cartridge lot, typed CL-7 and cl-7 on the two sessions.
$ needlebook report lot Cl-7
> Lot recall: Cl-7
>   lot: Cl-7
>   registered: not registered ('needlebook lot add')
>   patients: 2
>   sessions: 2
>   reactions as of: 2026-11-23
>   lots match ignoring case; voided sessions are left out
>   phone and email are as on the patient's record today
>
> patient  name        phone  email  session  session_at        received               lot   areas                             reactions
> ANN      Smith, Ann  -      -            1  2026-11-01 10:00  cartridge 12-pin       CL-7  cheek:left=1.00 cheek:right=1.00  R1 erythema mild cheek:left onset 2026-11-01 resolved 2026-11-03; R2 contact-dermatitis moderate cheek:right onset 2026-11-02 open [adverse]
> CAT      Tran, Cat   -      -            3  2026-11-10 09:00  cartridge roller 0.75  cl-7  neck=0.75                         R3 bruising mild neck onset 2026-11-10 resolved 2026-11-22 [prolonged]

# As CSV: the reactions cell holds a comma (in the marks), so it is quoted.
$ needlebook report lot CL-7 --format csv
> patient,name,phone,email,session,session_at,received,lot,areas,reactions\r
> ANN,"Smith, Ann",,,1,2026-11-01 10:00,cartridge 12-pin,CL-7,cheek:left=1.00 cheek:right=1.00,R1 erythema mild cheek:left onset 2026-11-01 resolved 2026-11-03; R2 contact-dermatitis moderate cheek:right onset 2026-11-02 open [adverse]\r
> CAT,"Tran, Cat",,,3,2026-11-10 09:00,cartridge roller 0.75,cl-7,neck=0.75,R3 bruising mild neck onset 2026-11-10 resolved 2026-11-22 [prolonged]\r

# A lot used by one session as of its current revision only: VC-2 is EVE's, VC-1 was a typo.
$ needlebook --format csv report lot vc-2
> patient,name,phone,email,session,session_at,received,lot,areas,reactions\r
> EVE,"Ng, Eve",,,5,2026-11-14 10:00,serum vitc-serum (after),VC-2,cheek=1.00,none recorded\r
$ needlebook report lot VC-1
! needlebook: error: no session received lot 'VC-1' (serum or cartridge) (voided sessions aside); check the spelling on the label
? 1

# EX-5 went only into the voided session 4: no recipient, the same answer as an unknown lot.
$ needlebook report lot EX-5
! needlebook: error: no session received lot 'EX-5' (serum or cartridge) (voided sessions aside); check the spelling on the label
? 1
$ needlebook report lot ZZ-404 --format csv
! needlebook: error: no session received lot 'ZZ-404' (serum or cartridge) (voided sessions aside); check the spelling on the label
? 1
$ needlebook report lot ""
! needlebook: error: LOT must not be empty
? 1
# A lot is matched whole, never as a pattern.
$ needlebook report lot HA-%
! needlebook: error: no session received lot 'HA-%' (serum or cartridge) (voided sessions aside); check the spelling on the label
? 1
$ needlebook report lot --format html HA-2291
! needlebook: error: --format: html is for 'history' only; other commands print text, json or csv
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
