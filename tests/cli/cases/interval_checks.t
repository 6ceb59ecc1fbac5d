# Interval since the last session on the same skin: under 14 days blocks, 14 to 27 days warns,
# 28 days or more is fine (clinic settings). Other areas and the other side do not count; an
# unsided area overlaps both sides; a back-dated entry is checked against later sessions too.

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
$ needlebook session log ANN --at "2026-10-01 10:00" --device pen --area cheek:left=1.0 --area forehead=0.25
> session 1 logged for ANN at 2026-10-01 10:00
$ needlebook session log BOB --at "2026-10-01 10:00" --device pen --area nose=0.5
> session 2 logged for BOB at 2026-10-01 10:00

# 13 days: blocked.
$ needlebook session log ANN --at '2026-10-14 18:00' --device pen --area cheek:left=1.0
! needlebook: error: session refused by the clinical checks:
!   interval:cheek:left: cheek:left was also treated 13 days earlier, in session 1 on 2026-10-01 10:00 (clinic minimum 14 days)
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

# The unsided cheek includes the left cheek.
$ needlebook session log ANN --at '2026-10-14 18:00' --device pen --area cheek=1.0
! needlebook: error: session refused by the clinical checks:
!   interval:cheek: cheek was also treated 13 days earlier, in session 1 on 2026-10-01 10:00 (clinic minimum 14 days)
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

# A back-dated entry 6 days before the existing session.
$ needlebook session log ANN --at '2026-09-25 10:00' --device pen --area cheek:left=1.0
! needlebook: error: session refused by the clinical checks:
!   interval:cheek:left: cheek:left was also treated 6 days later, in session 1 on 2026-10-01 10:00 (clinic minimum 14 days)
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

# Later the same day.
$ needlebook session log ANN --at '2026-10-01 16:00' --device pen --area cheek:left=1.0
! needlebook: error: session refused by the clinical checks:
!   interval:cheek:left: cheek:left was also treated the same day, in session 1 on 2026-10-01 10:00 (clinic minimum 14 days)
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

# 14 days: allowed, with a warning.
$ needlebook session log ANN --at '2026-10-15 10:00' --device pen --area forehead=0.25
> session 3 logged for ANN at 2026-10-15 10:00
! needlebook: warning: interval:forehead: forehead was also treated 14 days earlier, in session 1 on 2026-10-01 10:00 (clinic recommends at least 28 days)

# A different area, and the other side, are not affected.
$ needlebook session log ANN --at '2026-10-05 10:00' --device pen --area neck=0.5 --area cheek:right=1.0
> session 4 logged for ANN at 2026-10-05 10:00

# 28 days: no finding.
$ needlebook session log ANN --at '2026-10-29 10:00' --device pen --area cheek:left=1.0
> session 5 logged for ANN at 2026-10-29 10:00

# 27 days: a warning.
$ needlebook session log BOB --at '2026-10-28 10:00' --device pen --area nose=0.5
> session 6 logged for BOB at 2026-10-28 10:00
! needlebook: warning: interval:nose: nose was also treated 27 days earlier, in session 2 on 2026-10-01 10:00 (clinic recommends at least 28 days)

# The refusal names only the area that blocks (chin was never treated).
$ needlebook session log BOB --at '2026-11-02 10:00' --device pen --area nose=0.5 --area chin=0.5
! needlebook: error: session refused by the clinical checks:
!   interval:nose: nose was also treated 5 days earlier, in session 6 on 2026-10-28 10:00 (clinic minimum 14 days)
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

# Overridden: the interval finding is stored with the reason.
$ needlebook session log BOB --at '2026-11-02 10:00' --device pen --area nose=0.5 --override 'interval:nose=touch-up agreed at review'
> session 7 logged for BOB at 2026-11-02 10:00
> overridden interval:nose: nose was also treated 5 days earlier, in session 6 on 2026-10-28 10:00 (clinic minimum 14 days) (reason: touch-up agreed at review)

= SELECT r.session_id, f.key, f.level, f.message FROM session_finding f JOIN session_revision r ON r.id = f.session_revision_id WHERE f.level = 'overridden'
> 7|interval:nose|overridden|nose was also treated 5 days earlier, in session 6 on 2026-10-28 10:00 (clinic minimum 14 days)
= SELECT count(*) FROM session
> 7
