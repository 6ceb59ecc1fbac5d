# Nothing can be recorded as happening after now (NEEDLEBOOK_NOW = 2026-11-23 15:00 UTC, which is
# 15:00 in London in November); the exact present is allowed.

# "Today" is the clinic's day: 23:30 UTC on 1 July is already 2 July in London (BST).
%env NEEDLEBOOK_NOW=2026-07-01T23:30:00Z
$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Early --given Eve --born 2026-07-02
> patient P-000001 registered: Early, Eve
$ needlebook patient add --family Late --given Lou --born 2026-07-03
! needlebook: error: born 2026-07-03 is in the future (today is 2026-07-02)
? 1
$ needlebook session log P-000001 --device pen --area neck=0.5 --at "2026-07-02 00:31"
! needlebook: error: session time 2026-07-02 00:31 is in the future (now is 2026-07-02 00:30); log a session after it happened
? 1

%env NEEDLEBOOK_NOW=2026-11-23T15:00:00Z
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook session log ANN --at "2026-11-10 10:00" --device pen --area cheek=1.0
> session 1 logged for ANN at 2026-11-10 10:00
$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-10
> reaction 1 recorded for session 1: erythema, mild, open
$ needlebook condition add ANN --code anticoagulants
> condition 1 on file for ANN: anticoagulants

$ needlebook session log ANN --device pen --area neck=0.5 --at '2026-11-23 15:01'
! needlebook: error: session time 2026-11-23 15:01 is in the future (now is 2026-11-23 15:00); log a session after it happened
? 1

$ needlebook session log ANN --device pen --area neck=0.5 --at 2026-11-23T15:01Z
! needlebook: error: session time 2026-11-23 15:01 is in the future (now is 2026-11-23 15:00); log a session after it happened
? 1

$ needlebook session log ANN --device pen --area neck=0.5 --at '2027-01-05 09:00'
! needlebook: error: session time 2027-01-05 09:00 is in the future (now is 2026-11-23 15:00); log a session after it happened
? 1

$ needlebook patient add --family Jones --given Baby --born 2026-11-24
! needlebook: error: born 2026-11-24 is in the future (today is 2026-11-23)
? 1

$ needlebook consent add ANN --signed 2026-11-24
! needlebook: error: signed 2026-11-24 is in the future (today is 2026-11-23)
? 1

$ needlebook condition add ANN --code eczema --since 2026-11-24
! needlebook: error: since 2026-11-24 is in the future (today is 2026-11-23)
? 1

$ needlebook condition resolve ANN --code anticoagulants --on 2026-11-24
! needlebook: error: resolved 2026-11-24 is in the future (today is 2026-11-23)
? 1

$ needlebook reaction add 1 --kind oedema --severity mild --onset 2026-11-24
! needlebook: error: onset 2026-11-24 is in the future (today is 2026-11-23)
? 1

$ needlebook reaction add 1 --kind oedema --severity mild --onset 2026-11-12 --resolved 2026-11-24
! needlebook: error: resolved 2026-11-24 is in the future (today is 2026-11-23)
? 1

$ needlebook reaction resolve 1 --on 2026-11-24
! needlebook: error: resolved 2026-11-24 is in the future (today is 2026-11-23)
? 1

$ needlebook followup add 1 --on 2026-11-24 --outcome none
! needlebook: error: follow-up date 2026-11-24 is in the future (today is 2026-11-23)
? 1

# The present minute itself is not the future.
$ needlebook session log ANN --device pen --area neck=0.5 --at '2026-11-23 15:00'
> session 2 logged for ANN at 2026-11-23 15:00
! needlebook: warning: condition:anticoagulants: anticoagulants on file

# No write is recorded at a time earlier than the newest audit row: a clock set back (or
# NEEDLEBOOK_NOW) cannot backdate a void to before the session existed.
%env NEEDLEBOOK_NOW=2026-01-05T09:00:00Z
$ needlebook session void 1 --reason "backdated"
! needlebook: error: the time of this session.void (2026-01-05T09:00:00Z) is earlier than the newest audit row (2026-11-23T15:00:00Z, session.log by tester); a record cannot be written into the past. Check the computer's clock and NEEDLEBOOK_NOW; nothing was changed
? 1
= SELECT count(*) FROM session_revision WHERE session_id = 1
> 1
