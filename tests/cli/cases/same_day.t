# Logging a session on the same clinic day as another session of the patient that treated none
# of the same areas warns that it is probably one visit, to be amended instead (text and JSON).
# Overlapping areas are an interval finding instead; amending, voided sessions, other patients
# and other clinic days do not warn.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook patient add --family Okafor --given Bola --born 1979-03-02 --code BOB
> patient BOB registered: Okafor, Bola
$ needlebook consent add BOB --signed 2026-06-01
> consent 2 on file for BOB, signed 2026-06-01, covers microneedling serums

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek=1.0
> session 1 logged for ANN at 2026-11-20 10:00

# Another patient's session the same day: nothing to say.
$ needlebook session log BOB --at '2026-11-20 11:00' --device pen --area forehead=0.25
> session 2 logged for BOB at 2026-11-20 11:00

# The same patient, the same day, other areas: stored, with a warning.
$ needlebook session log ANN --at '2026-11-20 14:30' --device pen --area forehead=0.25 --area neck=0.5
> session 3 logged for ANN at 2026-11-20 14:30
! needlebook: warning: same-day: session 1 on 2026-11-20 10:00 is the same day; to add areas to it, use 'session amend 1 --area …' instead
= SELECT session_id, revision FROM session_revision WHERE session_id = 3
> 3|1
= SELECT count(*) FROM session_finding WHERE level = 'overridden'
> 0

# One warning per other session that day, in JSON too.
$ needlebook --format json session log ANN --at '2026-11-20 16:00' --device pen --area chin=0.5
> {
>   "id": 4,
>   "patient": "ANN",
>   "at": "2026-11-20 16:00",
>   "at_utc": "2026-11-20T16:00:00Z",
>   "time_zone": "Europe/London",
>   "practitioner": "tester",
>   "indication": "other",
>   "course": null,
>   "device": "pen",
>   "model": "",
>   "cartridge": "",
>   "cartridge_lot": "",
>   "anaesthetic": "",
>   "endpoint": "",
>   "aftercare": "",
>   "note": "",
>   "areas": [
>     {
>       "area": "chin",
>       "side": null,
>       "depth_mm": 0.5,
>       "passes": null
>     }
>   ],
>   "serums": [],
>   "findings": [
>     {
>       "key": "same-day",
>       "level": "warning",
>       "message": "session 1 on 2026-11-20 10:00 and session 3 on 2026-11-20 14:30 are the same day; to add areas to it, use 'session amend 1 --area …' instead",
>       "override_reason": "",
>       "overridden_by": "",
>       "overridden_at": null
>     }
>   ],
>   "revision": {
>     "number": 1,
>     "author": "tester",
>     "recorded_at": "2026-11-23T15:00:00Z",
>     "reason": "",
>     "voided": false
>   }
> }
! needlebook: warning: same-day: session 1 on 2026-11-20 10:00 and session 3 on 2026-11-20 14:30 are the same day; to add areas to it, use 'session amend 1 --area …' instead

# A session that shares an area is an interval block, not this warning; with an override it is
# stored and warns only about the same-day sessions on other areas.
$ needlebook session log ANN --at '2026-11-20 17:00' --device pen --area cheek:left=1.0 --area jawline=1.0
! needlebook: error: session refused by the clinical checks:
!   interval:cheek:left: cheek:left was also treated the same day, in session 1 on 2026-11-20 10:00 (clinic minimum 14 days)
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1
$ needlebook session log ANN --at '2026-11-20 17:00' --device pen --area cheek:left=1.0 --area jawline=1.0 --override 'interval:cheek:left=second pass on the scar, same visit'
> session 5 logged for ANN at 2026-11-20 17:00
> overridden interval:cheek:left: cheek:left was also treated the same day, in session 1 on 2026-11-20 10:00 (clinic minimum 14 days) (reason: second pass on the scar, same visit)
! needlebook: warning: same-day: session 3 on 2026-11-20 14:30 and session 4 on 2026-11-20 16:00 are the same day; to add areas to it, use 'session amend 3 --area …' instead

# Amending a session is no new visit: no same-day warning.
$ needlebook session amend 3 --reason 'note added' --note 'tolerated well'
> session 3 amended (revision 2) for ANN at 2026-11-20 14:30
$ needlebook session amend 4 --reason 'depth mistyped' --area chin=0.75
> session 4 amended (revision 2) for ANN at 2026-11-20 16:00

# Voided sessions do not count.
$ needlebook session log BOB --at '2026-11-21 09:00' --device pen --area chin=1.0
> session 6 logged for BOB at 2026-11-21 09:00
$ needlebook session void 6 --reason 'logged twice'
> session 6 voided (revision 2): logged twice
$ needlebook session log BOB --at '2026-11-21 10:00' --device pen --area neck=0.5
> session 7 logged for BOB at 2026-11-21 10:00

# The day is the clinic's: 23:30 and 00:30 in London are two days though one UTC date in summer,
# and 00:30 BST and 10:00 BST one day though two UTC dates.
$ needlebook session log BOB --at '2026-07-01 23:30' --device pen --area cheek=1.0
> session 8 logged for BOB at 2026-07-01 23:30
$ needlebook session log BOB --at '2026-07-02 00:30' --device pen --area neck=0.5
> session 9 logged for BOB at 2026-07-02 00:30
$ needlebook session log BOB --at '2026-07-02 10:00' --device pen --area forehead=0.25
> session 10 logged for BOB at 2026-07-02 10:00
! needlebook: warning: same-day: session 9 on 2026-07-02 00:30 is the same day; to add areas to it, use 'session amend 9 --area …' instead
= SELECT session_id, performed_at FROM session_revision WHERE session_id >= 8 ORDER BY session_id
> 8|2026-07-01T22:30:00Z
> 9|2026-07-01T23:30:00Z
> 10|2026-07-02T09:00:00Z
