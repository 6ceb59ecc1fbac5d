# Isotretinoin blocks while taken and for 6 months (clinic setting) after it was stopped; the
# months are calendar months, and the day the 6 months are over is allowed.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-01-15
> consent 1 on file for ANN, signed 2026-01-15, covers microneedling serums

$ needlebook condition add ANN --code isotretinoin --since 2025-09-01
> condition 1 on file for ANN: isotretinoin

# While taking it.
$ needlebook session log ANN --at '2026-02-10 10:00' --device pen --area cheek=1.0
! needlebook: error: session refused by the clinical checks:
!   condition:isotretinoin: isotretinoin on file since 2025-09-01
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

$ needlebook condition resolve ANN --code isotretinoin --on 2026-03-31
> condition 1 of ANN resolved on 2026-03-31: isotretinoin

# Stopped on 31 March: blocked up to 29 September, allowed from 30 September (31 March + 6 months).
$ needlebook session log ANN --at '2026-04-01 10:00' --device pen --area cheek=1.0
! needlebook: error: session refused by the clinical checks:
!   condition:isotretinoin: isotretinoin stopped on 2026-03-31, less than 6 months before the session
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

$ needlebook session log ANN --at '2026-09-29 18:00' --device pen --area cheek=1.0
! needlebook: error: session refused by the clinical checks:
!   condition:isotretinoin: isotretinoin stopped on 2026-03-31, less than 6 months before the session
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

$ needlebook session log ANN --at '2026-09-30 09:00' --device pen --area cheek=1.0
> session 1 logged for ANN at 2026-09-30 09:00

# Overridden, with the finding stored.
$ needlebook session log ANN --at '2026-08-03 09:00' --device pen --area forehead=0.25 --override 'condition:isotretinoin=dermatologist letter on file'
> session 2 logged for ANN at 2026-08-03 09:00
> overridden condition:isotretinoin: isotretinoin stopped on 2026-03-31, less than 6 months before the session (reason: dermatologist letter on file)

= SELECT r.session_id, f.key, f.message, f.override_reason FROM session_finding f JOIN session_revision r ON r.id = f.session_revision_id WHERE f.level = 'overridden'
> 2|condition:isotretinoin|isotretinoin stopped on 2026-03-31, less than 6 months before the session|dermatologist letter on file
