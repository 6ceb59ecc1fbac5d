# An area may appear once per session: the same area twice, or an unsided area together with one
# of its sides, is refused (exit 1) on log and on amend; left and right are separate areas.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek=1.0 --area cheek=1.0
! needlebook: error: area cheek is given twice in one session (cheek and cheek); give each area once
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek=1.0 --area cheek=0.5
! needlebook: error: area cheek is given twice in one session (cheek and cheek); give each area once
? 1

# "cheek" already covers both sides.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek=1.0 --area cheek:left=1.0
! needlebook: error: area cheek:left is given twice in one session (cheek and cheek:left); give each area once
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek:left=1.0 --area cheek=1.0
! needlebook: error: area cheek is given twice in one session (cheek:left and cheek); give each area once
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek:left=1.0 --area cheek:right=1.0 --area cheek=1.0
! needlebook: error: area cheek is given twice in one session (cheek:left and cheek); give each area once
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek:left=1.0 --area forehead=0.25 --area cheek:left=0.75
! needlebook: error: area cheek:left is given twice in one session (cheek:left and cheek:left); give each area once
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek:left=1.0 --area CHEEK:LEFT=1.0
! needlebook: error: area cheek:left is given twice in one session (cheek:left and cheek:left); give each area once
? 1

# Left and right are two areas.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek:left=1.0 --area cheek:right=1.0
> session 1 logged for ANN at 2026-11-20 10:00

# The same rule on amend.
$ needlebook session amend 1 --reason 'right cheek depth' --area cheek:left=1.0 --area cheek:right=1.0 --area cheek:right=0.5
! needlebook: error: area cheek:right is given twice in one session (cheek:right and cheek:right); give each area once
? 1

$ needlebook session amend 1 --reason 'both cheeks' --area cheek:left=1.0 --area cheek=1.0
! needlebook: error: area cheek is given twice in one session (cheek:left and cheek); give each area once
? 1

= SELECT count(*) FROM session_revision
> 1
= SELECT area, side, depth_mm FROM session_area ORDER BY position
> cheek|left|1.0
> cheek|right|1.0
