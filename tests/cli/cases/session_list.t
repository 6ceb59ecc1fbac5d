# session list: time order, filters by patient and by clinic-zone days (--from and --to inclusive,
# midnight in BST is 23:00 UTC), the empty result, and the flags column.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given ANN --born 1985-04-12 --code ANN
> patient ANN registered: Smith, ANN
$ needlebook patient add --family Smith --given BOB --born 1985-04-12 --code BOB
> patient BOB registered: Smith, BOB
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook consent add BOB --signed 2026-06-01
> consent 2 on file for BOB, signed 2026-06-01, covers microneedling serums

$ needlebook session list
> no sessions

$ needlebook session log ANN --at '2026-07-01 00:30' --device pen --area cheek=1.0
> session 1 logged for ANN at 2026-07-01 00:30

$ needlebook session log BOB --at '2026-06-30 23:30' --device roller --area neck=0.5
> session 2 logged for BOB at 2026-06-30 23:30

$ needlebook session log ANN --at '2026-09-15 14:00' --device stamp --area scar=2.0x4 --serum prp@PRP-1:during --indication surgical-scar
> session 3 logged for ANN at 2026-09-15 14:00
! needlebook: warning: lot:prp:PRP-1: lot PRP-1 of prp is not registered; register it with 'needlebook lot add prp PRP-1 --expires YYYY-MM-DD'
! needlebook: warning: consent:prp: no consent in force covers platelet-rich plasma (in force: microneedling serums)

$ needlebook session log BOB --at '2026-11-20 09:15' --device rf --area abdomen=2.75 --override 'depth:abdomen=stretch marks, thick skin'
> session 4 logged for BOB at 2026-11-20 09:15
> overridden depth:abdomen: depth 2.75 mm on abdomen exceeds the clinic limit of 2.50 mm (reason: stretch marks, thick skin)
! needlebook: warning: consent:rf: no consent in force covers RF microneedling (in force: microneedling serums)

= SELECT session_id, performed_at FROM session_revision ORDER BY performed_at
> 2|2026-06-30T22:30:00Z
> 1|2026-06-30T23:30:00Z
> 3|2026-09-15T13:00:00Z
> 4|2026-11-20T09:15:00Z
$ needlebook session list
> id  at                patient  device  areas         serums  flags
>  2  2026-06-30 23:30  BOB      roller  neck=0.50     0
>  1  2026-07-01 00:30  ANN      pen     cheek=1.00    0
>  3  2026-09-15 14:00  ANN      stamp   scar=2.00x4   1       warning
>  4  2026-11-20 09:15  BOB      rf      abdomen=2.75  0       override,warning

$ needlebook session list --patient ANN
> id  at                patient  device  areas        serums  flags
>  1  2026-07-01 00:30  ANN      pen     cheek=1.00   0
>  3  2026-09-15 14:00  ANN      stamp   scar=2.00x4  1       warning

# 00:30 on 1 July in London belongs to 1 July, although it is 30 June in UTC.
$ needlebook session list --from 2026-07-01
> id  at                patient  device  areas         serums  flags
>  1  2026-07-01 00:30  ANN      pen     cheek=1.00    0
>  3  2026-09-15 14:00  ANN      stamp   scar=2.00x4   1       warning
>  4  2026-11-20 09:15  BOB      rf      abdomen=2.75  0       override,warning

$ needlebook session list --to 2026-06-30
> id  at                patient  device  areas      serums  flags
>  2  2026-06-30 23:30  BOB      roller  neck=0.50  0

$ needlebook session list --from 2026-07-01 --to 2026-09-15
> id  at                patient  device  areas        serums  flags
>  1  2026-07-01 00:30  ANN      pen     cheek=1.00   0
>  3  2026-09-15 14:00  ANN      stamp   scar=2.00x4  1       warning

$ needlebook session list --patient BOB --from 2026-07-01
> id  at                patient  device  areas         serums  flags
>  4  2026-11-20 09:15  BOB      rf      abdomen=2.75  0       override,warning

$ needlebook session list --from 2026-09-16 --to 2026-11-19
> no sessions

# A range that ends before it starts is a mistake, not an empty list.
$ needlebook session list --from 2026-11-20 --to 2026-11-19
! needlebook: error: to 2026-11-19 is before from 2026-11-20
? 1

# Empty filter values are usage errors, not "no filter".
$ needlebook session list --patient ""
! needlebook: error: --patient: must not be empty
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook session list --from ""
! needlebook: error: --from: must not be empty
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook session list --to ""
! needlebook: error: --to: must not be empty
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
