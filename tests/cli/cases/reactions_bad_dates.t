# Reaction and follow-up dates must fall between the session day and today: onset before the
# session, resolution before onset, anything in the future is refused (exit 1), nothing stored.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook session log ANN --at "2026-11-10 23:30" --device pen --area cheek=1.0
> session 1 logged for ANN at 2026-11-10 23:30

# Onset before the session day.
$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-09
! needlebook: error: onset 2026-11-09 is before the session on 2026-11-10
? 1

$ needlebook reaction add 1 --kind erythema --severity mild --onset 2025-11-10
! needlebook: error: onset 2025-11-10 is before the session on 2026-11-10
? 1

# Resolved before onset, or before the session.
$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-12 --resolved 2026-11-11
! needlebook: error: resolved 2026-11-11 is before the onset 2026-11-12
? 1

$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-09 --resolved 2026-11-08
! needlebook: error: onset 2026-11-09 is before the session on 2026-11-10
? 1

# In the future.
$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-24
! needlebook: error: onset 2026-11-24 is in the future (today is 2026-11-23)
? 1

$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-12 --resolved 2026-12-01
! needlebook: error: resolved 2026-12-01 is in the future (today is 2026-11-23)
? 1

# Onset on the session day and resolution on the same day are fine.
$ needlebook reaction add 1 --kind pinpoint-bleeding --severity mild --onset 2026-11-10 --resolved 2026-11-10
> reaction 1 recorded for session 1: pinpoint bleeding, mild

$ needlebook reaction add 1 --kind oedema --severity moderate --onset 2026-11-12
> reaction 2 recorded for session 1: oedema, moderate, open

# Resolving later: not before onset, not in the future, not twice.
$ needlebook reaction resolve 2 --on 2026-11-11
! needlebook: error: resolved 2026-11-11 is before the onset 2026-11-12
? 1

$ needlebook reaction resolve 2 --on 2026-11-24
! needlebook: error: resolved 2026-11-24 is in the future (today is 2026-11-23)
? 1

$ needlebook reaction resolve 2 --on 2026-11-15
> reaction 2 resolved on 2026-11-15, 3 days after onset

$ needlebook reaction resolve 2 --on 2026-11-16
! needlebook: error: reaction 2 was already resolved on 2026-11-15; to correct the date, say why with --reason
? 1

$ needlebook reaction resolve 1 --on 2026-11-16
! needlebook: error: reaction 1 was already resolved on 2026-11-10; to correct the date, say why with --reason
? 1

# Follow-ups.
$ needlebook followup add 1 --on 2026-11-09 --outcome none
! needlebook: error: follow-up date 2026-11-09 is before the session on 2026-11-10
? 1

$ needlebook followup add 1 --on 2026-11-24 --outcome none
! needlebook: error: follow-up date 2026-11-24 is in the future (today is 2026-11-23)
? 1

$ needlebook followup add 1 --on 2026-11-10 --outcome reactions
> follow-up 1 recorded for session 1: reactions recorded

= SELECT reaction_id, revision, kind, onset_on, resolved_on FROM reaction_revision ORDER BY id
> 1|1|pinpoint-bleeding|2026-11-10|2026-11-10
> 2|1|oedema|2026-11-12|
> 2|2|oedema|2026-11-12|2026-11-15
= SELECT followup_id, checked_on, outcome FROM followup_revision
> 1|2026-11-10|reactions

# The session day is the clinic's day: 00:30 BST on 10 July is 23:30 UTC on 9 July.
$ needlebook session log ANN --at "2026-07-10 00:30" --device pen --area neck=0.5
> session 2 logged for ANN at 2026-07-10 00:30
= SELECT performed_at FROM session_revision WHERE session_id = 2
> 2026-07-09T23:30:00Z
$ needlebook reaction add 2 --kind erythema --severity mild --onset 2026-07-09
! needlebook: error: onset 2026-07-09 is before the session on 2026-07-10
? 1
$ needlebook reaction add 2 --kind erythema --severity mild --onset 2026-07-10 --resolved 2026-07-12 --area neck
> reaction 3 recorded for session 2: erythema, mild
