# Lots: registered with their expiry, recallable, and checked with every session. A lot that
# expired before the session day or was recalled on or before it blocks (key lot:LOT); an
# unregistered lot warns, or blocks, or is not checked, as the setting lot_registration says.
# Serum amounts in ml are kept with the session. report lot names how to reach each patient.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN --phone '+44 7700 900001' --email ann@example.org
> patient ANN registered: Smith, Ann
$ needlebook patient add --family Jones --given Bob --born 1979-02-02 --code BOB --phone '07700 900002'
> patient BOB registered: Jones, Bob
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook consent add BOB --signed 2026-06-01
> consent 2 on file for BOB, signed 2026-06-01, covers microneedling serums

# Registering: the product must be in the catalogue (or 'cartridge'); dates in order; once each.
$ needlebook lot add ha-serum HA-100 --expires 2026-11-15 --received 2026-01-10 --note 'fridge 2'
> lot HA-100 of ha-serum registered, expires 2026-11-15
$ needlebook lot add HA-Serum HA-200 --expires 2027-06-30
> lot HA-200 of ha-serum registered, expires 2027-06-30
$ needlebook lot add cartridge CL-7 --expires 2028-01-31
> cartridge lot CL-7 registered, expires 2028-01-31
$ needlebook lot add gf-serum GF-1 --expires 2027-03-31
> lot GF-1 of gf-serum registered, expires 2027-03-31
$ needlebook lot add no-such-serum X-1 --expires 2027-01-01
! needlebook: error: unknown product 'no-such-serum'; allowed: a product code from 'needlebook product list', or cartridge
? 1
$ needlebook lot add ha-serum ha-100 --expires 2027-01-01
! needlebook: error: lot HA-100 of ha-serum is already registered (expires 2026-11-15); see 'needlebook lot list --product ha-serum'
? 1
$ needlebook lot add ha-serum HA-300 --expires 2027-01-01 --received 2027-02-01
! needlebook: error: received 2027-02-01 is in the future (today is 2026-11-23)
? 1
$ needlebook lot add ha-serum HA-300 --expires 2027-13-01
! needlebook: error: expires '2027-13-01' is not a date in the calendar
? 1
$ needlebook lot add ha-serum ' HA-300' --expires 2027-01-01
! needlebook: error: lot ' HA-300' has spaces at its ends
? 1
$ needlebook lot list
> product    lot     expires     received    state
> cartridge  CL-7    2028-01-31
> gf-serum   GF-1    2027-03-31
> ha-serum   HA-100  2026-11-15  2026-01-10  expired
> ha-serum   HA-200  2027-06-30
$ needlebook lot list --product ha-serum --expiring-within 30
> product   lot     expires     received    state
> ha-serum  HA-100  2026-11-15  2026-01-10  expired
$ needlebook --format csv lot list
> product,lot,expires,received,recalled,recall_reason,note\r
> cartridge,CL-7,2028-01-31,,,,\r
> gf-serum,GF-1,2027-03-31,,,,\r
> ha-serum,HA-100,2026-11-15,2026-01-10,,,fridge 2\r
> ha-serum,HA-200,2027-06-30,,,,\r

# An expired lot blocks; an unregistered one warns; amounts in ml are stored.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --cartridge-lot CL-7 --area cheek=1.0 --serum ha-serum@HA-100=1.5ml
! needlebook: error: session refused by the clinical checks:
!   lot:ha-serum:HA-100: lot HA-100 of ha-serum expired on 2026-11-15
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --cartridge-lot CL-7 --area cheek=1.0 --serum ha-serum@HA-100=1.5ml --override 'lot:HA-100=expired lot, none other in stock'
! needlebook: error: --override lot:HA-100 matches no blocking finding of this session, so nothing was stored; the findings to accept: lot:ha-serum:HA-100
? 1
$ needlebook session log ANN --at '2026-11-14 10:00' --device pen --cartridge-lot CL-7 --area forehead=0.5 --serum ha-serum@ha-100=1.5ml --serum vitc-serum@VC-9:after=0.5
> session 1 logged for ANN at 2026-11-14 10:00
! needlebook: warning: lot:vitc-serum:VC-9: lot VC-9 of vitc-serum is not registered; register it with 'needlebook lot add vitc-serum VC-9 --expires YYYY-MM-DD'
$ needlebook session show 2
! needlebook: error: no session 2; see 'needlebook session list'
? 1
$ needlebook session log ANN --at '2026-11-21 10:00' --device pen --area neck=0.5 --serum ha-serum@HA-200=2ml --serum gf-serum@GF-1=200ml
! needlebook: error: serum amount 200 ml is outside (0, 100] ml (in --serum gf-serum@GF-1=200ml)
? 1
$ needlebook session log ANN --at '2026-11-21 10:00' --device pen --area neck=0.5 --serum ha-serum@HA-200=two
! needlebook: error: serum amount 'two' is not a number; use digits with '.' as the decimal point, e.g. 0.25 (in --serum ha-serum@HA-200=two)
? 1

# A recall blocks sessions from its day on, not the ones before it.
$ needlebook session log BOB --at '2026-11-18 10:00' --device pen --area forehead=0.5 --serum ha-serum@HA-200=1ml
> session 2 logged for BOB at 2026-11-18 10:00
$ needlebook lot recall HA-200 --reason 'supplier notice 2026-77: contamination' --on 2026-11-19
> lot HA-200 of ha-serum recalled on 2026-11-19; 'needlebook report lot HA-200' lists the patients who received it
$ needlebook lot recall HA-200 --reason 'again'
! needlebook: error: lot HA-200 was already recalled on 2026-11-19
? 1
$ needlebook lot recall NOPE-1 --reason 'typo'
! needlebook: error: no registered lot 'NOPE-1'; register it first with 'needlebook lot add PRODUCT NOPE-1 --expires YYYY-MM-DD'
? 1
$ needlebook session log BOB --at '2026-11-19 10:00' --device pen --area chin=0.5 --serum ha-serum@HA-200
! needlebook: error: session refused by the clinical checks:
!   lot:ha-serum:HA-200: lot HA-200 of ha-serum was recalled on 2026-11-19: supplier notice 2026-77: contamination
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1
$ needlebook session log BOB --at '2026-11-18 16:00' --device pen --area chin=0.5 --serum ha-serum@HA-200
> session 3 logged for BOB at 2026-11-18 16:00
! needlebook: warning: same-day: session 2 on 2026-11-18 10:00 is the same day; to add areas to it, use 'session amend 2 --area …' instead
$ needlebook lot list --product ha-serum
> product   lot     expires     received    state
> ha-serum  HA-100  2026-11-15  2026-01-10  expired
> ha-serum  HA-200  2027-06-30              recalled 2026-11-19: supplier notice 2026-77: contamination
$ needlebook report lot HA-200
> Lot recall: HA-200
>   lot: HA-200
>   registered: ha-serum, expires 2027-06-30, recalled 2026-11-19: supplier notice 2026-77: contamination
>   patients: 1
>   sessions: 2
>   reactions as of: 2026-11-23
>   lots match ignoring case; voided sessions are left out
>   phone and email are as on the patient's record today
>
> patient  name        phone         email  session  session_at        received                lot     areas          reactions
> BOB      Jones, Bob  07700 900002  -            2  2026-11-18 10:00  serum ha-serum (after)  HA-200  forehead=0.50  none recorded
> BOB      Jones, Bob  07700 900002  -            3  2026-11-18 16:00  serum ha-serum (after)  HA-200  chin=0.50      none recorded
$ needlebook --format csv report lot HA-200 --contacts
> patient,family_name,given_name,phone,email,lot,product,expires,recalled_on,sessions,last_session\r
> BOB,Jones,Bob,07700 900002,,HA-200,ha-serum,2027-06-30,2026-11-19,2,2026-11-18\r

# Another product's lot with the same number: its own key, its own registration; the recall
# and the report take --product when the number alone is ambiguous.
$ needlebook lot add vitc-serum HA-200 --expires 2027-02-28
> lot HA-200 of vitc-serum registered, expires 2027-02-28
$ needlebook session log ANN --at '2026-11-22 10:00' --device pen --area chin=0.5 --serum vitc-serum@HA-200=1ml
> session 4 logged for ANN at 2026-11-22 10:00
$ needlebook lot recall HA-200 --reason 'which one?'
! needlebook: error: lot 'HA-200' is registered for ha-serum and vitc-serum; name the one recalled with --product
? 1
$ needlebook report lot HA-200 --contacts
> Lot recall: HA-200
>   lot: HA-200
>   registered: ha-serum, expires 2027-06-30, recalled 2026-11-19: supplier notice 2026-77: contamination; vitc-serum, expires 2027-02-28
>   patients: 2
>   sessions: 3
>   reactions as of: 2026-11-23
>   lots match ignoring case; voided sessions are left out
>   phone and email are as on the patient's record today
>
> patient  family_name  given_name  phone            email            lot     product     expires     recalled_on  sessions  last_session
> BOB      Jones        Bob         07700 900002     -                HA-200  ha-serum    2027-06-30  2026-11-19          2  2026-11-18
> ANN      Smith        Ann         +44 7700 900001  ann@example.org  HA-200  vitc-serum  2027-02-28  -                   1  2026-11-22
$ needlebook report lot HA-200 --product ha-serum --contacts
> Lot recall: HA-200
>   lot: HA-200
>   registered: ha-serum, expires 2027-06-30, recalled 2026-11-19: supplier notice 2026-77: contamination
>   patients: 1
>   sessions: 2
>   reactions as of: 2026-11-23
>   lots match ignoring case; voided sessions are left out
>   phone and email are as on the patient's record today
>
> patient  family_name  given_name  phone         email  lot     product   expires     recalled_on  sessions  last_session
> BOB      Jones        Bob         07700 900002  -      HA-200  ha-serum  2027-06-30  2026-11-19          2  2026-11-18
$ needlebook report lot HA-200 --product gf-serum
! needlebook: error: no session received lot 'HA-200' of gf-serum (voided sessions aside); check the spelling on the label
? 1

# The setting: off checks nothing about registration, block refuses an unregistered lot.
$ needlebook setting set lot_registration block --reason 'only registered stock may be used'
> lot_registration: warn -> block
$ needlebook session log BOB --at '2026-11-20 10:00' --device pen --area neck=0.5 --serum peptide-serum@PS-1
! needlebook: error: session refused by the clinical checks:
!   lot:peptide-serum:PS-1: lot PS-1 of peptide-serum is not registered; register it with 'needlebook lot add peptide-serum PS-1 --expires YYYY-MM-DD'
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1
$ needlebook setting set lot_registration off --reason 'lots kept on paper this month'
> lot_registration: block -> off
$ needlebook session log BOB --at '2026-11-20 10:00' --device pen --area neck=0.5 --serum peptide-serum@PS-1
> session 5 logged for BOB at 2026-11-20 10:00
$ needlebook setting set lot_registration sometimes --reason 'typo'
! needlebook: error: lot_registration 'sometimes' is not allowed; allowed: off, warn or block
? 1
$ needlebook history ANN
> ================================================================================
> TREATMENT HISTORY  ANN  Smith, Ann
> printed 2026-11-23 15:00 (Europe/London) by tester; reactions as of 2026-11-23
> recorded as audit row 92; chain head for 'check --head':
> 92:b6da8bd7aadd6d24160d9d288cbf32b3f43b2ba2afebd5e333709df81c1353f3
> 2 sessions; every correction and override is shown
> ================================================================================
> PATIENT
>   chart          ANN
>   name           Smith, Ann
>   born           1985-04-12
>   fitzpatrick    not recorded
>   phone          +44 7700 900001
>   email          ann@example.org
>   conditions
>     none on file
>   consent
>     - 1: signed 2026-06-01, covers microneedling serums
> --------------------------------------------------------------------------------
> SESSION 1  2026-11-14 10:00
>   interval       first session
>   practitioner   tester
>   indication     other
>   device         pen
>   cartridge lot  CL-7
>   areas
>     area      side  depth mm  passes
>     forehead  -         0.50       -
>   serums
>     - ha-serum, lot ha-100, after, 1.5 ml
>     - vitc-serum, lot VC-9, after, 0.5 ml
>   clinical checks
>     - warning lot:vitc-serum:VC-9: lot VC-9 of vitc-serum is not registered;
>       register it with 'needlebook lot add vitc-serum VC-9 --expires YYYY-MM-DD'
>   checked with   depth limits forehead 0.50 mm; consent_policy warn,
>                  consent_valid_months 12, interval_block_days 14,
>                  interval_warn_days 28, isotretinoin_months 6, lot_registration
>                  warn, minimum_age 18
>   reactions
>     none recorded
>   follow-ups
>     none recorded
> --------------------------------------------------------------------------------
> SESSION 4  2026-11-22 10:00
>   interval       8 days after the previous session
>   practitioner   tester
>   indication     other
>   device         pen
>   areas
>     area  side  depth mm  passes
>     chin  -         0.50       -
>   serums
>     - vitc-serum, lot HA-200, after, 1 ml
>   checked with   depth limits chin 1.50 mm; consent_policy warn,
>                  consent_valid_months 12, interval_block_days 14,
>                  interval_warn_days 28, isotretinoin_months 6, lot_registration
>                  warn, minimum_age 18
>   reactions
>     none recorded
>   follow-ups
>     none recorded
> ================================================================================
> end of history
= SELECT l.lot, r.revision, r.expires_on, r.recalled_on, r.recall_reason FROM lot l JOIN lot_revision r ON r.lot_id = l.id ORDER BY l.id, r.revision
> HA-100|1|2026-11-15||
> HA-200|1|2027-06-30||
> HA-200|2|2027-06-30|2026-11-19|supplier notice 2026-77: contamination
> CL-7|1|2028-01-31||
> GF-1|1|2027-03-31||
> HA-200|1|2027-02-28||
= SELECT action, record_kind, record_id, revision FROM audit_log WHERE record_kind = 'lot' ORDER BY id
> lot.add|lot|1|1
> lot.add|lot|2|1
> lot.add|lot|3|1
> lot.add|lot|4|1
> lot.recall|lot|2|2
> lot.add|lot|5|1
