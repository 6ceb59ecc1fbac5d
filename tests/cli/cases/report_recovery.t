# report recovery: per group the number of reactions, the nearest-rank median and 90th percentile
# of recovery days, how many were prolonged or adverse (and their share) and how many are open.
# Every figure below was worked out by hand from the clinic entered here (today is 2026-11-23).
#
# Sessions (day in the clinic's zone, Europe/London):
#   1 ANN (II)  2026-10-01 pen     cheek:left=1.0 cheek:right=1.0  ha-serum
#   2 BEN (IV)  2026-10-05 roller  forehead=0.5 neck=0.75          gf-serum ha-serum
#               (00:30 BST = 2026-10-04T23:30Z: its day is 10-05 in the clinic, 10-04 in UTC)
#   3 CAT (-)   2026-10-10 rf      abdomen=2.75 (override)         exosome-serum, then amended
#               to no serum, so it counts under (none)
#   4 ANN       2026-11-10 pen     cheek=1.5                       no serum
#   5 BEN       2026-11-01 pen     chin=1.0, voided: its reaction R11 counts nowhere
# Reactions: recovery day = resolved (or 2026-11-23 while open) - session day.
#   R1  S1 erythema cheek:left      10-01..10-03   2
#   R2  S1 erythema cheek:right     10-01..10-06   5  prolonged (> 3)
#   R3  S1 pinpoint-bleeding        10-01..10-02   1  (expected 1: not prolonged)
#   R4  S2 erythema forehead        10-05..10-07   2
#   R5  S2 contact-dermatitis neck  10-06..10-20  15  adverse
#   R6  S2 bruising neck            10-06..10-12   7  (expected 10)
#   R7  S3 infection abdomen        10-12..open   44  adverse, open (10-10 -> 11-23 = 21 + 23)
#   R8  S3 erythema abdomen         10-10..10-12   2
#   R9  S4 erythema cheek           11-10..open   13  prolonged, open
#   R10 S4 dryness-peeling          11-12..11-15   5  (expected 7)
# All ten sorted: 1 2 2 2 5 5 7 13 15 44; median = rank ceil(5) = 5th = 5; p90 = rank 9 = 15;
# prolonged 2/10 = 20.0 %, adverse 2/10 = 20.0 %, open 2.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN --fitzpatrick II
> patient ANN registered: Smith, Ann
$ needlebook patient add --family Okafor --given Ben --born 1979-02-03 --code BEN --fitzpatrick IV
> patient BEN registered: Okafor, Ben
$ needlebook patient add --family Tran --given Cat --born 1990-07-21 --code CAT
> patient CAT registered: Tran, Cat
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook consent add BEN --signed 2026-06-01
> consent 2 on file for BEN, signed 2026-06-01, covers microneedling serums
$ needlebook consent add CAT --signed 2026-06-01
> consent 3 on file for CAT, signed 2026-06-01, covers microneedling serums

$ needlebook session log ANN --at "2026-10-01 10:00" --device pen --area cheek:left=1.0 --area cheek:right=1.0 --serum ha-serum@HA-1:during --cartridge 12-pin --cartridge-lot C-1
> session 1 logged for ANN at 2026-10-01 10:00
! needlebook: warning: lot:ha-serum:HA-1: lot HA-1 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA-1 --expires YYYY-MM-DD'
! needlebook: warning: lot:cartridge:C-1: cartridge lot C-1 is not registered; register it with 'needlebook lot add cartridge C-1 --expires YYYY-MM-DD'
$ needlebook session log BEN --at "2026-10-05 00:30" --device roller --area forehead=0.5 --area neck=0.75 --serum gf-serum@GF-1 --serum ha-serum@HA-2
> session 2 logged for BEN at 2026-10-05 00:30
! needlebook: warning: lot:gf-serum:GF-1: lot GF-1 of gf-serum is not registered; register it with 'needlebook lot add gf-serum GF-1 --expires YYYY-MM-DD'
! needlebook: warning: lot:ha-serum:HA-2: lot HA-2 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA-2 --expires YYYY-MM-DD'
= SELECT performed_at FROM session_revision WHERE session_id = 2
> 2026-10-04T23:30:00Z
$ needlebook session log CAT --at "2026-10-10 10:00" --device rf --area abdomen=2.75 --serum exosome-serum@EX-1 --override "depth:abdomen=stretch marks, dermatologist's plan"
> session 3 logged for CAT at 2026-10-10 10:00
> overridden depth:abdomen: depth 2.75 mm on abdomen exceeds the clinic limit of 2.50 mm (reason: stretch marks, dermatologist's plan)
! needlebook: warning: lot:exosome-serum:EX-1: lot EX-1 of exosome-serum is not registered; register it with 'needlebook lot add exosome-serum EX-1 --expires YYYY-MM-DD'
! needlebook: warning: consent:rf: no consent in force covers RF microneedling (in force: microneedling serums)
$ needlebook session log ANN --at "2026-11-10 10:00" --device pen --area cheek=1.5
> session 4 logged for ANN at 2026-11-10 10:00
$ needlebook session log BEN --at "2026-11-01 10:00" --device pen --area chin=1.0
> session 5 logged for BEN at 2026-11-01 10:00

$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-10-01 --resolved 2026-10-03 --area cheek:left
> reaction 1 recorded for session 1: erythema, mild
$ needlebook reaction add 1 --kind erythema --severity moderate --onset 2026-10-01 --area cheek:right
> reaction 2 recorded for session 1: erythema, moderate, open
$ needlebook reaction add 1 --kind pinpoint-bleeding --severity mild --onset 2026-10-01 --resolved 2026-10-02
> reaction 3 recorded for session 1: pinpoint bleeding, mild
$ needlebook reaction add 2 --kind erythema --severity mild --onset 2026-10-05 --resolved 2026-10-07 --area forehead
> reaction 4 recorded for session 2: erythema, mild
$ needlebook reaction add 2 --kind contact-dermatitis --severity moderate --onset 2026-10-06 --resolved 2026-10-20 --area neck
> reaction 5 recorded for session 2: allergic/contact dermatitis, moderate
$ needlebook reaction add 2 --kind bruising --severity mild --onset 2026-10-06 --resolved 2026-10-12 --area neck
> reaction 6 recorded for session 2: bruising, mild
$ needlebook reaction add 3 --kind infection --severity severe --onset 2026-10-12 --area abdomen
> reaction 7 recorded for session 3: infection, severe, open
$ needlebook reaction add 3 --kind erythema --severity mild --onset 2026-10-10 --resolved 2026-10-12 --area abdomen
> reaction 8 recorded for session 3: erythema, mild
$ needlebook reaction add 4 --kind erythema --severity mild --onset 2026-11-10 --area cheek
> reaction 9 recorded for session 4: erythema, mild, open
$ needlebook reaction add 4 --kind dryness-peeling --severity mild --onset 2026-11-12 --resolved 2026-11-15
> reaction 10 recorded for session 4: dryness/peeling, mild
$ needlebook reaction add 5 --kind erythema --severity severe --onset 2026-11-01 --resolved 2026-11-20 --area chin
> reaction 11 recorded for session 5: erythema, severe
$ needlebook reaction resolve 2 --on 2026-10-06
> reaction 2 resolved on 2026-10-06, 5 days after onset
$ needlebook session amend 3 --reason "no serum was applied after all" --no-serums
> session 3 amended (revision 2) for CAT at 2026-10-10 10:00
> overridden depth:abdomen: depth 2.75 mm on abdomen exceeds the clinic limit of 2.50 mm (reason: stretch marks, dermatologist's plan)
! needlebook: warning: consent:rf: no consent in force covers RF microneedling (in force: microneedling serums)
$ needlebook session void 5 --reason "logged for the wrong patient"
> session 5 voided (revision 2): logged for the wrong patient

# By kind (the default), in catalogue order:
#   erythema R1 2, R2 5, R4 2, R8 2, R9 13 -> 2 2 2 5 13: median rank ceil(2.5) = 3rd = 2,
#     p90 rank ceil(4.5) = 5th = 13; prolonged R2 R9 = 2/5 = 40.0 %; open R9.
#   (R11, erythema of the voided session, would make it 6: it must not count.)
#   each other kind has one reaction, so its median and p90 are its recovery day.
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
> kind                reactions  median_days  p90_days  prolonged  prolonged_pct  adverse  adverse_pct  open
> erythema                    5            2        13          2           40.0        0          0.0     1
> pinpoint-bleeding           1            1         1          0            0.0        0          0.0     0
> bruising                    1            7         7          0            0.0        0          0.0     0
> dryness-peeling             1            5         5          0            0.0        0          0.0     0
> infection                   1           44        44          0            0.0        1        100.0     1
> contact-dermatitis          1           15        15          0            0.0        1        100.0     0
> (all)                      10            5        15          2           20.0        2         20.0     2

# By depth band (the reaction's area in its session, else the session's deepest area):
#   <=0.5    R4 forehead 0.5 (upper bound inclusive)                  2
#   0.5-1.0  R1 cheek:left 1.0, R2 cheek:right 1.0, R3 (S1 deepest 1.0), R5 R6 neck 0.75
#            -> 1 2 5 7 15: median rank 3 = 5, p90 rank 5 = 15; prolonged R2 1/5 = 20.0 %,
#            adverse R5 1/5 = 20.0 %
#   1.0-1.5  R9 cheek 1.5, R10 (S4 deepest 1.5) -> 5 13: median rank 1 = 5, p90 rank 2 = 13;
#            prolonged R9 1/2 = 50.0 %; open R9
#   1.5-2.0  nothing: left out
#   >2.0     R7 R8 abdomen 2.75 -> 2 44: median 2, p90 44; adverse R7 1/2 = 50.0 %; open R7
$ needlebook report recovery --by depth
> Recovery by depth
>   grouped by: depth
>   sessions from: the first
>   sessions to: the last
>   as of: 2026-11-23
>   recovery day = resolution day - session day; an open reaction counts to the
>     as-of date
>   median and p90: nearest-rank percentiles (the value at rank ceil(p/100 x n) of
>     the sorted recovery days)
>   prolonged: recovery day beyond the expected resolution of its kind (setting
>     recovery.KIND); adverse: kinds that are always adverse events
>   depth: the reaction's area in its session, else the session's deepest area;
>     bands in mm, upper bounds inclusive
>
> depth    reactions  median_days  p90_days  prolonged  prolonged_pct  adverse  adverse_pct  open
> <=0.5            1            2         2          0            0.0        0          0.0     0
> 0.5-1.0          5            5        15          1           20.0        1         20.0     0
> 1.0-1.5          2            5        13          1           50.0        0          0.0     1
> >2.0             2            2        44          0            0.0        1         50.0     1
> (all)           10            5        15          2           20.0        2         20.0     2

# By serum, each reaction under every product of its session (current revision):
#   gf-serum  S2: R4 2, R5 15, R6 7 -> 2 7 15: median rank 2 = 7, p90 rank ceil(2.7) = 3 = 15;
#             adverse R5 1/3 = 33.3 %
#   ha-serum  S1 + S2: 1 2 2 5 7 15: median rank 3 = 2, p90 rank ceil(5.4) = 6 = 15;
#             prolonged R2 1/6 = 16.7 %, adverse R5 1/6 = 16.7 %
#   (none)    S3 (its exosome serum amended away) + S4: R8 2, R10 5, R9 13, R7 44 -> median rank 2
#             = 5, p90 rank ceil(3.6) = 4 = 44; prolonged R9 1/4 = 25.0 %, adverse R7 25.0 %,
#             open R7 R9
#   (all) counts each reaction once: 10, as above.
$ needlebook report recovery --by serum
> Recovery by serum
>   grouped by: serum
>   sessions from: the first
>   sessions to: the last
>   as of: 2026-11-23
>   recovery day = resolution day - session day; an open reaction counts to the
>     as-of date
>   median and p90: nearest-rank percentiles (the value at rank ceil(p/100 x n) of
>     the sorted recovery days)
>   prolonged: recovery day beyond the expected resolution of its kind (setting
>     recovery.KIND); adverse: kinds that are always adverse events
>   a reaction counts under every serum its session used
>
> serum     reactions  median_days  p90_days  prolonged  prolonged_pct  adverse  adverse_pct  open
> gf-serum          3            7        15          0            0.0        1         33.3     0
> ha-serum          6            2        15          1           16.7        1         16.7     0
> (none)            4            5        44          1           25.0        1         25.0     2
> (all)            10            5        15          2           20.0        2         20.0     2

# --from/--to are session days in the clinic's zone, both inclusive. 2026-10-05..2026-10-10 keeps
# S2 (10-05 local although 10-04 in UTC) and S3 (10-10):
#   erythema R4 2, R8 2; bruising R6 7; infection R7 44 (open); contact-dermatitis R5 15
#   (all) 2 2 7 15 44: median rank 3 = 7, p90 rank 5 = 44; adverse 2/5 = 40.0 %; open 1
$ needlebook report recovery --from 2026-10-05 --to 2026-10-10
> Recovery by kind
>   grouped by: kind
>   sessions from: 2026-10-05
>   sessions to: 2026-10-10
>   as of: 2026-11-23
>   recovery day = resolution day - session day; an open reaction counts to the
>     as-of date
>   median and p90: nearest-rank percentiles (the value at rank ceil(p/100 x n) of
>     the sorted recovery days)
>   prolonged: recovery day beyond the expected resolution of its kind (setting
>     recovery.KIND); adverse: kinds that are always adverse events
>
> kind                reactions  median_days  p90_days  prolonged  prolonged_pct  adverse  adverse_pct  open
> erythema                    2            2         2          0            0.0        0          0.0     0
> bruising                    1            7         7          0            0.0        0          0.0     0
> infection                   1           44        44          0            0.0        1        100.0     1
> contact-dermatitis          1           15        15          0            0.0        1        100.0     0
> (all)                       5            7        44          0            0.0        2         40.0     1

# --to 2026-10-04 keeps S1 only (S2 is 10-05 in the clinic): erythema R1 2, R2 5 -> median rank 1
# = 2, p90 rank 2 = 5, prolonged 1/2; pinpoint-bleeding R3 1; (all) 1 2 5 -> median 2, p90 5,
# prolonged 1/3 = 33.3 %. As CSV: one table, so no 'list' column; CRLF line ends.
$ needlebook report recovery --to 2026-10-04 --format csv
> kind,reactions,median_days,p90_days,prolonged,prolonged_pct,adverse,adverse_pct,open\r
> erythema,2,2,5,1,50.0,0,0.0,0\r
> pinpoint-bleeding,1,1,1,0,0.0,0,0.0,0\r
> (all),3,2,5,1,33.3,0,0.0,0\r

# --from 2026-11-01 keeps S4 (S5 on that day is voided): erythema R9 13 open and prolonged,
# dryness-peeling R10 5; (all) 5 13 -> median rank 1 = 5, p90 rank 2 = 13.
$ needlebook --format csv report recovery --from 2026-11-01 --by kind
> kind,reactions,median_days,p90_days,prolonged,prolonged_pct,adverse,adverse_pct,open\r
> erythema,1,13,13,1,100.0,0,0.0,1\r
> dryness-peeling,1,5,5,0,0.0,0,0.0,0\r
> (all),2,5,13,1,50.0,0,0.0,1\r

$ needlebook report recovery --by serum --format csv
> serum,reactions,median_days,p90_days,prolonged,prolonged_pct,adverse,adverse_pct,open\r
> gf-serum,3,7,15,0,0.0,1,33.3,0\r
> ha-serum,6,2,15,1,16.7,1,16.7,0\r
> (none),4,5,44,1,25.0,1,25.0,2\r
> (all),10,5,15,2,20.0,2,20.0,2\r

# A period with no sessions: the table says so; CSV is the header alone.
$ needlebook report recovery --from 2026-11-20
> Recovery by kind
>   grouped by: kind
>   sessions from: 2026-11-20
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
$ needlebook report recovery --from 2026-11-20 --format csv
> kind,reactions,median_days,p90_days,prolonged,prolonged_pct,adverse,adverse_pct,open\r

# The other groupings, as CSV.
#   fitzpatrick: ANN II = R1 R2 R3 R9 R10 -> 1 2 5 5 13: median rank 3 = 5, p90 rank 5 = 13,
#   prolonged R2 R9 2/5 = 40.0 %, open R9; BEN IV = S2 -> 2 7 15 as gf-serum above; CAT has no
#   type: R7 R8 -> 2 44.
$ needlebook report recovery --by fitzpatrick --format csv
> fitzpatrick,reactions,median_days,p90_days,prolonged,prolonged_pct,adverse,adverse_pct,open\r
> II,5,5,13,2,40.0,0,0.0,1\r
> IV,3,7,15,0,0.0,1,33.3,0\r
> (not recorded),2,2,44,0,0.0,1,50.0,1\r
> (all),10,5,15,2,20.0,2,20.0,2\r
#   device: pen = S1 + S4 (the same five as ANN), roller = S2, rf = S3.
$ needlebook report recovery --by device --format csv
> device,reactions,median_days,p90_days,prolonged,prolonged_pct,adverse,adverse_pct,open\r
> pen,5,5,13,2,40.0,0,0.0,1\r
> roller,3,7,15,0,0.0,1,33.3,0\r
> rf,2,2,44,0,0.0,1,50.0,1\r
> (all),10,5,15,2,20.0,2,20.0,2\r
#   area (sides together): forehead R4 2; cheek R1 2, R2 5, R9 13 -> median rank 2 = 5, p90 rank
#   3 = 13, prolonged 2/3 = 66.7 %; neck R5 15, R6 7 -> 7, 15, adverse 1/2; abdomen R7 R8 -> 2, 44;
#   reactions naming no area (R3 1, R10 5) last -> median rank 1 = 1, p90 rank 2 = 5.
$ needlebook report recovery --by area --format csv
> area,reactions,median_days,p90_days,prolonged,prolonged_pct,adverse,adverse_pct,open\r
> forehead,1,2,2,0,0.0,0,0.0,0\r
> cheek,3,5,13,2,66.7,0,0.0,1\r
> neck,2,7,15,0,0.0,1,50.0,0\r
> abdomen,2,2,44,0,0.0,1,50.0,1\r
> (whole session),2,1,5,0,0.0,0,0.0,0\r
> (all),10,5,15,2,20.0,2,20.0,2\r

# Refusals: an unknown grouping is a usage error (2); a bad date names the field (1); so does a
# period that ends before it starts. Nothing is written either way.
$ needlebook report recovery --by colour
! needlebook: error: --by: colour not in {kind,area,depth,fitzpatrick,device,serum}
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook report recovery --from 2026-02-30
! needlebook: error: from '2026-02-30' is not a date in the calendar
? 1
$ needlebook report recovery --by depth --to 2026-13-01
! needlebook: error: to '2026-13-01' is not a date in the calendar
? 1
$ needlebook report recovery --from 5.10.2026
! needlebook: error: from '5.10.2026' is not a date; use YYYY-MM-DD
? 1
$ needlebook report recovery --from 2026-10-05 --to 2026-10-01
! needlebook: error: --to 2026-10-01 is before --from 2026-10-05
? 1
$ needlebook report recovery --format html
! needlebook: error: --format: html is for 'history' only; other commands print text, json or csv
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

# Reports only read: the audit log holds the 25 writes above (3 patients, 3 consents, 5
# sessions, 11 reactions, 1 resolve, 1 amend, 1 void) and nothing else.
= SELECT count(*), max(id) FROM audit_log
> 95|95
