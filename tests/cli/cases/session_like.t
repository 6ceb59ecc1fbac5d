# session log PATIENT --like SESSION starts from that session's current revision: device, model,
# cartridge and its lot, indication, anaesthetic, endpoint, areas, serums and aftercare; not its
# time, practitioner, note or findings. Each option given replaces what is copied (one --area
# replaces every area, as on amend). The copy is checked as if typed in full, overrides and all.
# Only a standing session of the same patient can be copied; --at is still required.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook patient add --family Roe --given Bob --born 1979-02-03 --code BOB
> patient BOB registered: Roe, Bob
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums

$ needlebook session log ANN --at '2026-09-01 10:00' --device pen --model 'Dermapen 4' --cartridge 16-pin --cartridge-lot CL-120 --indication acne-scars --anaesthetic 'EMLA 5%' --endpoint 'pinpoint bleeding' --area cheek:left=1.5x3 --area cheek:right=1.5x3 --area forehead=0.5x2 --serum ha-serum@HA2291:during --serum gf-serum@GF77 --aftercare 'SPF 50, no make-up for 24 h' --practitioner 'Dr A. Shah' --note 'first of three'
> session 1 logged for ANN at 2026-09-01 10:00
! needlebook: warning: lot:ha-serum:HA2291: lot HA2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA2291 --expires YYYY-MM-DD'
! needlebook: warning: lot:gf-serum:GF77: lot GF77 of gf-serum is not registered; register it with 'needlebook lot add gf-serum GF77 --expires YYYY-MM-DD'
! needlebook: warning: lot:cartridge:CL-120: cartridge lot CL-120 is not registered; register it with 'needlebook lot add cartridge CL-120 --expires YYYY-MM-DD'

# The copy: everything but the time, the practitioner (the acting user) and the note.
$ needlebook session log ANN --like 1 --at '2026-10-01 10:00'
> session 2 logged for ANN at 2026-10-01 10:00
! needlebook: warning: lot:ha-serum:HA2291: lot HA2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA2291 --expires YYYY-MM-DD'
! needlebook: warning: lot:gf-serum:GF77: lot GF77 of gf-serum is not registered; register it with 'needlebook lot add gf-serum GF77 --expires YYYY-MM-DD'
! needlebook: warning: lot:cartridge:CL-120: cartridge lot CL-120 is not registered; register it with 'needlebook lot add cartridge CL-120 --expires YYYY-MM-DD'
$ needlebook session show 2
> Session 2 for ANN
>   at            2026-10-01 10:00 (Europe/London)
>   practitioner  tester
>   indication    acne scars
>   device        pen, model Dermapen 4, cartridge 16-pin, cartridge lot CL-120
>   anaesthetic   EMLA 5%
>   endpoint      pinpoint bleeding
>   aftercare     SPF 50, no make-up for 24 h
>   areas
>     area         depth mm  passes
>     cheek:left       1.50       3
>     cheek:right      1.50       3
>     forehead         0.50       2
>   serums
>     product   lot     phase   ml
>     ha-serum  HA2291  during  -
>     gf-serum  GF77    after   -
>   warning       lot:ha-serum:HA2291: lot HA2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA2291 --expires YYYY-MM-DD'
>   warning       lot:gf-serum:GF77: lot GF77 of gf-serum is not registered; register it with 'needlebook lot add gf-serum GF77 --expires YYYY-MM-DD'
>   warning       lot:cartridge:CL-120: cartridge lot CL-120 is not registered; register it with 'needlebook lot add cartridge CL-120 --expires YYYY-MM-DD'
>   revision 1 by tester on 2026-11-23 15:00

# Each option given replaces the copied value: one --area replaces all three, one --serum both.
$ needlebook session log ANN --like 1 --at '2026-10-02 11:30' --area neck=0.8 --serum gf-serum@GF80 --model 'Dermapen 5' --practitioner 'Dr B. Okafor' --note 'neck only today'
> session 3 logged for ANN at 2026-10-02 11:30
! needlebook: warning: lot:gf-serum:GF80: lot GF80 of gf-serum is not registered; register it with 'needlebook lot add gf-serum GF80 --expires YYYY-MM-DD'
! needlebook: warning: lot:cartridge:CL-120: cartridge lot CL-120 is not registered; register it with 'needlebook lot add cartridge CL-120 --expires YYYY-MM-DD'
$ needlebook session show 3
> Session 3 for ANN
>   at            2026-10-02 11:30 (Europe/London)
>   practitioner  Dr B. Okafor
>   indication    acne scars
>   device        pen, model Dermapen 5, cartridge 16-pin, cartridge lot CL-120
>   anaesthetic   EMLA 5%
>   endpoint      pinpoint bleeding
>   aftercare     SPF 50, no make-up for 24 h
>   note          neck only today
>   areas
>     area  depth mm  passes
>     neck      0.80       -
>   serums
>     product   lot   phase  ml
>     gf-serum  GF80  after  -
>   warning       lot:gf-serum:GF80: lot GF80 of gf-serum is not registered; register it with 'needlebook lot add gf-serum GF80 --expires YYYY-MM-DD'
>   warning       lot:cartridge:CL-120: cartridge lot CL-120 is not registered; register it with 'needlebook lot add cartridge CL-120 --expires YYYY-MM-DD'
>   revision 1 by tester on 2026-11-23 15:00

# A copy is checked as if typed in full: the cheek limit lowered since blocks both cheeks.
$ needlebook setting set depth_limit.cheek 1.2 --reason 'clinic protocol revised'
> depth_limit.cheek: 1.50 -> 1.20
$ needlebook session log ANN --like 2 --at '2026-11-10 10:00'
! needlebook: error: session refused by the clinical checks:
!   depth:cheek:left: depth 1.50 mm on cheek:left exceeds the clinic limit of 1.20 mm
!   depth:cheek:right: depth 1.50 mm on cheek:right exceeds the clinic limit of 1.20 mm
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1
$ needlebook session log ANN --like 2 --at '2026-11-10 10:00' --override 'depth:cheek:left=deep rolling scars, agreed' --override 'depth:cheek:right=deep rolling scars, agreed'
> session 4 logged for ANN at 2026-11-10 10:00
> overridden depth:cheek:left: depth 1.50 mm on cheek:left exceeds the clinic limit of 1.20 mm (reason: deep rolling scars, agreed)
> overridden depth:cheek:right: depth 1.50 mm on cheek:right exceeds the clinic limit of 1.20 mm (reason: deep rolling scars, agreed)
! needlebook: warning: lot:ha-serum:HA2291: lot HA2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA2291 --expires YYYY-MM-DD'
! needlebook: warning: lot:gf-serum:GF77: lot GF77 of gf-serum is not registered; register it with 'needlebook lot add gf-serum GF77 --expires YYYY-MM-DD'
! needlebook: warning: lot:cartridge:CL-120: cartridge lot CL-120 is not registered; register it with 'needlebook lot add cartridge CL-120 --expires YYYY-MM-DD'
= SELECT f.key, f.level, f.override_reason FROM session_finding f JOIN session_revision r ON r.id = f.session_revision_id WHERE r.session_id = 4 ORDER BY f.position
> depth:cheek:left|overridden|deep rolling scars, agreed
> depth:cheek:right|overridden|deep rolling scars, agreed
> lot:ha-serum:HA2291|warning|
> lot:gf-serum:GF77|warning|
> lot:cartridge:CL-120|warning|

# Overrides are not copied: session 4's findings are raised afresh, with the interval to it.
$ needlebook session log ANN --like 4 --at now
! needlebook: error: session refused by the clinical checks:
!   depth:cheek:left: depth 1.50 mm on cheek:left exceeds the clinic limit of 1.20 mm
!   depth:cheek:right: depth 1.50 mm on cheek:right exceeds the clinic limit of 1.20 mm
!   interval:cheek:left: cheek:left was also treated 13 days earlier, in session 4 on 2026-11-10 10:00 (clinic minimum 14 days)
!   interval:cheek:right: cheek:right was also treated 13 days earlier, in session 4 on 2026-11-10 10:00 (clinic minimum 14 days)
!   interval:forehead: forehead was also treated 13 days earlier, in session 4 on 2026-11-10 10:00 (clinic minimum 14 days)
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

# --at now is the current minute; --no-serums copies no serum.
$ needlebook session log ANN --like 3 --at now --no-serums
> session 5 logged for ANN at 2026-11-23 15:00
! needlebook: warning: lot:cartridge:CL-120: cartridge lot CL-120 is not registered; register it with 'needlebook lot add cartridge CL-120 --expires YYYY-MM-DD'
$ needlebook session show 5
> Session 5 for ANN
>   at            2026-11-23 15:00 (Europe/London)
>   practitioner  tester
>   indication    acne scars
>   device        pen, model Dermapen 5, cartridge 16-pin, cartridge lot CL-120
>   anaesthetic   EMLA 5%
>   endpoint      pinpoint bleeding
>   aftercare     SPF 50, no make-up for 24 h
>   areas
>     area  depth mm  passes
>     neck      0.80       -
>   warning       lot:cartridge:CL-120: cartridge lot CL-120 is not registered; register it with 'needlebook lot add cartridge CL-120 --expires YYYY-MM-DD'
>   revision 1 by tester on 2026-11-23 15:00

# Only a standing session of the same patient.
$ needlebook session log BOB --like 1 --at '2026-11-20 10:00'
! needlebook: error: --like 1: session 1 is not one of BOB's; --like copies a session of the same patient; 'needlebook session list --patient BOB' lists BOB's sessions
? 1
$ needlebook session log ANN --like 99 --at '2026-11-20 10:00'
! needlebook: error: --like 99: there is no session 99; 'needlebook session list --patient ANN' lists ANN's sessions
? 1
$ needlebook session log ANN --like one --at '2026-11-20 10:00'
! needlebook: error: session 'one' is not a session id; use the number printed by 'session log'
? 1
$ needlebook session void 5 --reason 'logged on the wrong chart'
> session 5 voided (revision 2): logged on the wrong chart
$ needlebook session log ANN --like 5 --at '2026-11-20 10:00'
! needlebook: error: --like 5: session 5 is voided; copy a session that stands; 'needlebook session list --patient ANN' lists ANN's sessions
? 1

# --at is still required, and its refusal says that now is accepted; --no-serums needs --like.
$ needlebook session log ANN --like 1
! needlebook: error: --at is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook session log ANN --like 1 --at 'today 10:00'
! needlebook: error: at 'today 10:00' is not a time; use 'YYYY-MM-DD HH:MM' (clinic time, Europe/London), 'YYYY-MM-DDTHH:MMZ' (UTC) or now (the current minute)
? 1
$ needlebook session log ANN --at now --device pen --area neck=0.5 --no-serums
! needlebook: error: --no-serums requires --like
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
= SELECT count(*) FROM session
> 5
