# Clock changes: a clinic time that does not exist (clocks forward) or happens twice (clocks
# back) is refused with a hint; the UTC form settles it. Times are shown in the clinic zone.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-01-10
> consent 1 on file for ANN, signed 2026-01-10, covers microneedling serums

$ needlebook session log ANN --at '2026-03-29 01:30' --device pen --area cheek=1.0
! needlebook: error: at '2026-03-29 01:30' does not exist in Europe/London (the clocks went forward)
? 1

$ needlebook session log ANN --at '2026-10-25 01:30' --device pen --area cheek=1.0
! needlebook: error: at '2026-10-25 01:30' happens twice in Europe/London (the clocks went back); give the UTC time instead, '2026-10-25T00:30Z' or '2026-10-25T01:30Z'
? 1

$ needlebook session log ANN --at 2026-10-25T00:30Z --device pen --area cheek=1.0
> session 1 logged for ANN at 2026-10-25 01:30

$ needlebook session log ANN --at 2026-10-25T01:30Z --device pen --area forehead=0.25
> session 2 logged for ANN at 2026-10-25 01:30
! needlebook: warning: same-day: session 1 on 2026-10-25 01:30 is the same day; to add areas to it, use 'session amend 1 --area …' instead

$ needlebook session log ANN --at '2026-03-29 02:30' --device pen --area neck=0.5
> session 3 logged for ANN at 2026-03-29 02:30

= SELECT session_id, performed_at FROM session_revision ORDER BY session_id
> 1|2026-10-25T00:30:00Z
> 2|2026-10-25T01:30:00Z
> 3|2026-03-29T01:30:00Z
$ needlebook session list
> id  at                patient  device  areas          serums  flags
>  3  2026-03-29 02:30  ANN      pen     neck=0.50      0
>  1  2026-10-25 01:30  ANN      pen     cheek=1.00     0
>  2  2026-10-25 01:30  ANN      pen     forehead=0.25  0       warning

