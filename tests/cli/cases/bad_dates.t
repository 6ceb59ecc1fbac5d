# Impossible or malformed dates and times are refused with exit 1, a message naming the option,
# the value as typed and the expected form; nothing is stored. Leap days are real dates.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook session log ANN --at "2026-11-10 10:00" --device pen --area cheek=1.0
> session 1 logged for ANN at 2026-11-10 10:00

# Birth dates (calendar dates).
$ needlebook patient add --family Jones --given Bob --born '2026-02-30'
! needlebook: error: born '2026-02-30' is not a date in the calendar
? 1

$ needlebook patient add --family Jones --given Bob --born '2026-13-01'
! needlebook: error: born '2026-13-01' is not a date in the calendar
? 1

$ needlebook patient add --family Jones --given Bob --born '2026-2-3'
! needlebook: error: born '2026-2-3' is not a date; use YYYY-MM-DD
? 1

$ needlebook patient add --family Jones --given Bob --born 'yesterday'
! needlebook: error: born 'yesterday' is not a date; use YYYY-MM-DD
? 1

$ needlebook patient add --family Jones --given Bob --born '2025-02-29'
! needlebook: error: born '2025-02-29' is not a date in the calendar
? 1

$ needlebook patient add --family Jones --given Bob --born '2026-04-31'
! needlebook: error: born '2026-04-31' is not a date in the calendar
? 1

$ needlebook patient add --family Jones --given Bob --born '2026-00-10'
! needlebook: error: born '2026-00-10' is not a date in the calendar
? 1

$ needlebook patient add --family Jones --given Bob --born '2026/11/01'
! needlebook: error: born '2026/11/01' is not a date; use YYYY-MM-DD
? 1

$ needlebook patient add --family Jones --given Bob --born ""
! needlebook: error: born '' is not a date; use YYYY-MM-DD
? 1

# Session times: clinic time "YYYY-MM-DD HH:MM" or UTC "YYYY-MM-DDTHH:MMZ".
$ needlebook session log ANN --device pen --area neck=0.5 --at '2026-02-30 10:00'
! needlebook: error: at '2026-02-30 10:00' is not a date in the calendar
? 1

$ needlebook session log ANN --device pen --area neck=0.5 --at '2026-13-01 10:00'
! needlebook: error: at '2026-13-01 10:00' is not a date in the calendar
? 1

$ needlebook session log ANN --device pen --area neck=0.5 --at '2026-2-3 10:00'
! needlebook: error: at '2026-2-3 10:00' is not a time; use 'YYYY-MM-DD HH:MM' (clinic time, Europe/London), 'YYYY-MM-DDTHH:MMZ' (UTC) or now (the current minute)
? 1

$ needlebook session log ANN --device pen --area neck=0.5 --at 'yesterday'
! needlebook: error: at 'yesterday' is not a time; use 'YYYY-MM-DD HH:MM' (clinic time, Europe/London), 'YYYY-MM-DDTHH:MMZ' (UTC) or now (the current minute)
? 1

$ needlebook session log ANN --device pen --area neck=0.5 --at '2026-11-20'
! needlebook: error: at '2026-11-20' is not a time; use 'YYYY-MM-DD HH:MM' (clinic time, Europe/London), 'YYYY-MM-DDTHH:MMZ' (UTC) or now (the current minute)
? 1

$ needlebook session log ANN --device pen --area neck=0.5 --at '29/03/2026 10:00'
! needlebook: error: at '29/03/2026 10:00' is not a time; use 'YYYY-MM-DD HH:MM' (clinic time, Europe/London), 'YYYY-MM-DDTHH:MMZ' (UTC) or now (the current minute)
? 1

$ needlebook session log ANN --device pen --area neck=0.5 --at '2026/03/29 10:00'
! needlebook: error: at '2026/03/29 10:00' is not a time; use 'YYYY-MM-DD HH:MM' (clinic time, Europe/London), 'YYYY-MM-DDTHH:MMZ' (UTC) or now (the current minute)
? 1

# The right shape, but no such time of day.
$ needlebook session log ANN --device pen --area neck=0.5 --at '2026-11-20 24:00'
! needlebook: error: at '2026-11-20 24:00' is not a time of day
? 1

$ needlebook session log ANN --device pen --area neck=0.5 --at '2026-11-20 25:00'
! needlebook: error: at '2026-11-20 25:00' is not a time of day
? 1

$ needlebook session log ANN --device pen --area neck=0.5 --at '2026-11-20 10:60'
! needlebook: error: at '2026-11-20 10:60' is not a time of day
? 1

$ needlebook session log ANN --device pen --area neck=0.5 --at 2026-11-20T25:00Z
! needlebook: error: at '2026-11-20T25:00Z' is not a time of day
? 1

$ needlebook session log ANN --device pen --area neck=0.5 --at '2026-11-20 9:30'
! needlebook: error: at '2026-11-20 9:30' is not a time; use 'YYYY-MM-DD HH:MM' (clinic time, Europe/London), 'YYYY-MM-DDTHH:MMZ' (UTC) or now (the current minute)
? 1

# Every other date option.
$ needlebook consent add ANN --signed 2026-02-30
! needlebook: error: signed '2026-02-30' is not a date in the calendar
? 1

$ needlebook consent add ANN --signed 2026-2-3
! needlebook: error: signed '2026-2-3' is not a date; use YYYY-MM-DD
? 1

$ needlebook condition add ANN --code eczema --since 2026-13-01
! needlebook: error: since '2026-13-01' is not a date in the calendar
? 1

$ needlebook condition resolve ANN --code eczema --on yesterday
! needlebook: error: on 'yesterday' is not a date; use YYYY-MM-DD
? 1

$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-02-30
! needlebook: error: onset '2026-02-30' is not a date in the calendar
? 1

$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-2-3
! needlebook: error: onset '2026-2-3' is not a date; use YYYY-MM-DD
? 1

$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-11 --resolved yesterday
! needlebook: error: resolved 'yesterday' is not a date; use YYYY-MM-DD
? 1

$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-11 --resolved 2026-13-01
! needlebook: error: resolved '2026-13-01' is not a date in the calendar
? 1

$ needlebook followup add 1 --on 2026-02-30 --outcome none
! needlebook: error: on '2026-02-30' is not a date in the calendar
? 1

$ needlebook followup add 1 --on yesterday --outcome none
! needlebook: error: on 'yesterday' is not a date; use YYYY-MM-DD
? 1

$ needlebook session list --from 2026-02-30
! needlebook: error: from '2026-02-30' is not a date in the calendar
? 1

$ needlebook session list --to yesterday
! needlebook: error: to 'yesterday' is not a date; use YYYY-MM-DD
? 1

# Leap days exist in leap years.
$ needlebook patient add --family Leap --given Lee --born 2024-02-29
> patient P-000001 registered: Leap, Lee

# An impossible date in the UTC form reads like the clinic-time form, echoed as typed.
$ needlebook session log ANN --device pen --area neck=0.5 --at 2026-11-31T10:00Z
! needlebook: error: at '2026-11-31T10:00Z' is not a date in the calendar
? 1

# An empty value for an optional date is a usage error, not "not given": --resolved "" would
# store an open reaction and --since "" a condition without a start.
$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-11 --resolved ""
! needlebook: error: --resolved: must not be empty
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook condition add ANN --code eczema --since ""
! needlebook: error: --since: must not be empty
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

= SELECT count(*) FROM reaction
> 0
= SELECT count(*) FROM condition
> 0
= SELECT code FROM patient ORDER BY id
> ANN
> P-000001
