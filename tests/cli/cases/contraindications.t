# Contraindications on file: blocking ones (eczema, pregnancy) refuse the session unless
# overridden; warning-only ones (rosacea flare, anticoagulants) print a warning on stderr and the
# session is stored (exit 0). A condition counts only on the days it was active.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook patient add --family Jones --given Bob --born 1970-03-03 --code BOB
> patient BOB registered: Jones, Bob
$ needlebook consent add BOB --signed 2026-06-01
> consent 2 on file for BOB, signed 2026-06-01, covers microneedling serums

$ needlebook condition add ANN --code eczema --since 2026-10-01 --note 'flexural, both arms'
> condition 1 on file for ANN: eczema

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek=1.0
! needlebook: error: session refused by the clinical checks:
!   condition:eczema: eczema on file since 2026-10-01
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

# The same condition cannot be on file twice while active.
$ needlebook condition add ANN --code eczema
! needlebook: error: eczema is already on file for ANN (condition 1); resolve it first
? 1

# Before the eczema started, there was nothing to block.
$ needlebook session log ANN --at '2026-09-01 10:00' --device pen --area cheek=1.0
> session 1 logged for ANN at 2026-09-01 10:00

# Several blocking findings are listed together.
$ needlebook condition add ANN --code pregnancy --since 2026-08-01
> condition 2 on file for ANN: pregnancy or nursing

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area neck=0.5
! needlebook: error: session refused by the clinical checks:
!   condition:eczema: eczema on file since 2026-10-01
!   condition:pregnancy: pregnancy or nursing on file since 2026-08-01
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area neck=0.5 --override 'condition:eczema=dermatologist cleared the neck in writing' --override 'condition:pregnancy=dermatologist cleared the neck in writing'
> session 2 logged for ANN at 2026-11-20 10:00
> overridden condition:eczema: eczema on file since 2026-10-01 (reason: dermatologist cleared the neck in writing)
> overridden condition:pregnancy: pregnancy or nursing on file since 2026-08-01 (reason: dermatologist cleared the neck in writing)

= SELECT f.key, f.level, f.message, f.override_reason FROM session_finding f JOIN session_revision r ON r.id = f.session_revision_id WHERE r.session_id = 2 ORDER BY f.position
> condition:eczema|overridden|eczema on file since 2026-10-01|dermatologist cleared the neck in writing
> condition:pregnancy|overridden|pregnancy or nursing on file since 2026-08-01|dermatologist cleared the neck in writing
# Resolved: from the day of resolution on, it no longer blocks.
$ needlebook condition resolve ANN --code eczema --on 2026-11-21
> condition 1 of ANN resolved on 2026-11-21: eczema

$ needlebook condition resolve ANN --code pregnancy --on 2026-11-21
> condition 2 of ANN resolved on 2026-11-21: pregnancy or nursing

$ needlebook session log ANN --at '2026-11-21 10:00' --device pen --area forehead=0.25
> session 3 logged for ANN at 2026-11-21 10:00

# Warning-only conditions: stored, with a warning naming the condition.
$ needlebook condition add BOB --code rosacea-flare --since 2026-11-15
> condition 3 on file for BOB: rosacea flare

$ needlebook condition add BOB --code anticoagulants
> condition 4 on file for BOB: anticoagulants

$ needlebook session log BOB --at '2026-11-20 10:00' --device pen --area forehead=0.25
> session 4 logged for BOB at 2026-11-20 10:00
! needlebook: warning: condition:rosacea-flare: rosacea flare on file since 2026-11-15
! needlebook: warning: condition:anticoagulants: anticoagulants on file

$ needlebook --format json session log BOB --at '2026-11-20 10:00' --device pen --area chin=0.5
> {
>   "id": 5,
>   "patient": "BOB",
>   "at": "2026-11-20 10:00",
>   "at_utc": "2026-11-20T10:00:00Z",
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
>       "key": "condition:rosacea-flare",
>       "level": "warning",
>       "message": "rosacea flare on file since 2026-11-15",
>       "override_reason": "",
>       "overridden_by": "",
>       "overridden_at": null
>     },
>     {
>       "key": "condition:anticoagulants",
>       "level": "warning",
>       "message": "anticoagulants on file",
>       "override_reason": "",
>       "overridden_by": "",
>       "overridden_at": null
>     },
>     {
>       "key": "same-day",
>       "level": "warning",
>       "message": "session 4 on 2026-11-20 10:00 is the same day; to add areas to it, use 'session amend 4 --area …' instead",
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
! needlebook: warning: condition:rosacea-flare: rosacea flare on file since 2026-11-15
! needlebook: warning: condition:anticoagulants: anticoagulants on file
! needlebook: warning: same-day: session 4 on 2026-11-20 10:00 is the same day; to add areas to it, use 'session amend 4 --area …' instead

= SELECT r.session_id, f.key, f.level FROM session_revision r JOIN session_finding f ON f.session_revision_id = r.id WHERE r.session_id IN (4, 5) ORDER BY r.session_id, f.position
> 4|condition:rosacea-flare|warning
> 4|condition:anticoagulants|warning
> 5|condition:rosacea-flare|warning
> 5|condition:anticoagulants|warning
> 5|same-day|warning
= SELECT count(*) FROM session_finding WHERE level = 'overridden'
> 2
