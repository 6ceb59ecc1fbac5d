# An amendment is blocked only by what it changes. A blocking finding the previous revision
# overrode is carried over with its reason; one the previous content raises too (a condition or a
# lower limit entered after the session) is a warning ending in " (so before this amendment
# too)"; only a new blocking finding refuses. So correcting a note needs no clinical override.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area periorbital=0.75 --area cheek=1.0 --override "depth:periorbital=deep crow's feet lines; patient informed"
> session 1 logged for ANN at 2026-11-20 10:00
> overridden depth:periorbital: depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm (reason: deep crow's feet lines; patient informed)

# The override on file is carried over, reason and all: a note needs no --override.
$ needlebook session amend 1 --reason 'note added' --note 'tolerated well'
> session 1 amended (revision 2) for ANN at 2026-11-20 10:00
> overridden depth:periorbital: depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm (reason: deep crow's feet lines; patient informed)

$ needlebook session show 1
> Session 1 for ANN
>   at            2026-11-20 10:00 (Europe/London)
>   practitioner  tester
>   indication    other
>   device        pen
>   note          tolerated well
>   areas
>     area         depth mm  passes
>     periorbital      0.75       -
>     cheek            1.00       -
>   overridden    depth:periorbital: depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm (reason: deep crow's feet lines; patient informed)
>   revision 2 by tester on 2026-11-23 15:00: note added

= SELECT r.revision, f.key, f.level, f.override_reason, r.reason FROM session_revision r JOIN session_finding f ON f.session_revision_id = r.id WHERE r.session_id = 1 ORDER BY r.revision, f.position
> 1|depth:periorbital|overridden|deep crow's feet lines; patient informed|
> 2|depth:periorbital|overridden|deep crow's feet lines; patient informed|note added
= SELECT r.revision, f.message FROM session_finding f JOIN session_revision r ON r.id = f.session_revision_id ORDER BY r.revision, f.position
> 1|depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm
> 2|depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm
= SELECT action, revision, reason FROM audit_log WHERE record_kind = 'session' ORDER BY id
> session.log|1|depth:periorbital: deep crow's feet lines; patient informed
> session.amend|2|note added
> session.show|2|

# An --override with the key of an override on file corrects its reason (the finding stays as it was).
$ needlebook session amend 1 --reason 'aftercare added' --aftercare 'SPF 50' --override 'depth:periorbital=deep lines, as before'
> session 1 amended (revision 3) for ANN at 2026-11-20 10:00
> overridden depth:periorbital: depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm (reason: deep lines, as before)
= SELECT r.revision, f.key, f.override_reason FROM session_finding f JOIN session_revision r ON r.id = f.session_revision_id WHERE r.session_id = 1 AND r.revision = 3
> 3|depth:periorbital|deep lines, as before
= SELECT count(*) FROM session_finding f JOIN session_revision r ON r.id = f.session_revision_id WHERE r.revision = 3
> 1

# A limit lowered after the session: the depth on file exceeds it too, so it only warns.
$ needlebook setting set depth_limit.cheek 0.8
> depth_limit.cheek: 1.50 -> 0.80
$ needlebook session amend 1 --reason 'endpoint noted' --endpoint 'pinpoint bleeding'
> session 1 amended (revision 4) for ANN at 2026-11-20 10:00
> overridden depth:periorbital: depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm (reason: deep lines, as before)
! needlebook: warning: depth:cheek: depth 1.00 mm on cheek exceeds the clinic limit of 0.80 mm (so before this amendment too)
= SELECT r.revision, f.key, f.level, f.message FROM session_finding f JOIN session_revision r ON r.id = f.session_revision_id WHERE r.session_id = 1 AND r.revision = 4 ORDER BY f.position
> 4|depth:periorbital|overridden|depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm
> 4|depth:cheek|warning|depth 1.00 mm on cheek exceeds the clinic limit of 0.80 mm (so before this amendment too)

$ needlebook --format json session amend 1 --reason 'model noted' --model 'Dermapen 4'
> {
>   "id": 1,
>   "patient": "ANN",
>   "at": "2026-11-20 10:00",
>   "at_utc": "2026-11-20T10:00:00Z",
>   "time_zone": "Europe/London",
>   "practitioner": "tester",
>   "indication": "other",
>   "course": null,
>   "device": "pen",
>   "model": "Dermapen 4",
>   "cartridge": "",
>   "cartridge_lot": "",
>   "anaesthetic": "",
>   "endpoint": "pinpoint bleeding",
>   "aftercare": "SPF 50",
>   "note": "tolerated well",
>   "areas": [
>     {
>       "area": "periorbital",
>       "side": null,
>       "depth_mm": 0.75,
>       "passes": null
>     },
>     {
>       "area": "cheek",
>       "side": null,
>       "depth_mm": 1.0,
>       "passes": null
>     }
>   ],
>   "serums": [],
>   "findings": [
>     {
>       "key": "depth:periorbital",
>       "level": "overridden",
>       "message": "depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm",
>       "override_reason": "deep lines, as before",
>       "overridden_by": "tester",
>       "overridden_at": "2026-11-23T15:00:00Z"
>     },
>     {
>       "key": "depth:cheek",
>       "level": "warning",
>       "message": "depth 1.00 mm on cheek exceeds the clinic limit of 0.80 mm (so before this amendment too)",
>       "override_reason": "",
>       "overridden_by": "",
>       "overridden_at": null
>     }
>   ],
>   "revision": {
>     "number": 5,
>     "author": "tester",
>     "recorded_at": "2026-11-23T15:00:00Z",
>     "reason": "model noted",
>     "voided": false
>   }
> }
! needlebook: warning: depth:cheek: depth 1.00 mm on cheek exceeds the clinic limit of 0.80 mm (so before this amendment too)

# A new depth over its limit is what the amendment changes: refused, naming only that finding.
$ needlebook session amend 1 --reason 'neck treated too' --area periorbital=0.75 --area cheek=1.0 --area neck=1.5
! needlebook: error: session refused by the clinical checks:
!   depth:neck: depth 1.50 mm on neck exceeds the clinic limit of 1.00 mm
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

# A deeper periorbital is a new finding too: the override was for 0.75 mm.
$ needlebook session amend 1 --reason 'periorbital was deeper' --area periorbital=1.0 --area cheek=1.0
! needlebook: error: session refused by the clinical checks:
!   depth:periorbital: depth 1.00 mm on periorbital exceeds the clinic limit of 0.50 mm
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

# A cheek deeper than before exceeds the lowered limit in a new way: refused as well.
$ needlebook session amend 1 --reason 'cheek was deeper' --area periorbital=0.75 --area cheek=1.25
! needlebook: error: session refused by the clinical checks:
!   depth:cheek: depth 1.25 mm on cheek exceeds the clinic limit of 0.80 mm
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

# Correcting the depths to the limits leaves nothing to override or warn about.
$ needlebook session amend 1 --reason 'depths mistyped' --area periorbital=0.5 --area cheek=0.8
> session 1 amended (revision 6) for ANN at 2026-11-20 10:00
= SELECT r.revision, count(f.id), sum(f.level = 'overridden') FROM session_revision r LEFT JOIN session_finding f ON f.session_revision_id = r.id WHERE r.session_id = 1 GROUP BY r.id ORDER BY r.revision
> 1|1|1
> 2|1|1
> 3|1|1
> 4|2|1
> 5|2|1
> 6|0|

# A blocking condition entered after the session but dated before it: the session as logged
# raises it too, so amending the note only warns and nothing is overridden.
$ needlebook patient add --family Okafor --given Bola --born 1979-03-02 --code BOB
> patient BOB registered: Okafor, Bola
$ needlebook consent add BOB --signed 2026-06-01
> consent 2 on file for BOB, signed 2026-06-01, covers microneedling serums
$ needlebook session log BOB --at '2026-11-10 10:00' --device pen --area chin=1.0
> session 2 logged for BOB at 2026-11-10 10:00
$ needlebook condition add BOB --code eczema --since 2026-11-01
> condition 1 on file for BOB: eczema
$ needlebook session amend 2 --reason 'note added' --note 'mild redness'
> session 2 amended (revision 2) for BOB at 2026-11-10 10:00
! needlebook: warning: condition:eczema: eczema on file since 2026-11-01 (so before this amendment too)
= SELECT r.revision, count(f.id), sum(f.level = 'overridden') FROM session_revision r LEFT JOIN session_finding f ON f.session_revision_id = r.id WHERE r.session_id = 2 GROUP BY r.id ORDER BY r.revision
> 1|0|
> 2|1|0

# A new session is checked as before: the condition blocks it.
$ needlebook session log BOB --at '2026-11-20 10:00' --device pen --area forehead=0.25
! needlebook: error: session refused by the clinical checks:
!   condition:eczema: eczema on file since 2026-11-01
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

# A condition that began after the session does not touch it as logged; moving the session into
# it is a change the amendment makes, so it blocks.
$ needlebook condition add BOB --code pregnancy --since 2026-11-15
> condition 2 on file for BOB: pregnancy or nursing
$ needlebook session amend 2 --reason 'aftercare added' --aftercare 'SPF 50'
> session 2 amended (revision 3) for BOB at 2026-11-10 10:00
! needlebook: warning: condition:eczema: eczema on file since 2026-11-01 (so before this amendment too)
$ needlebook session amend 2 --reason 'date mistyped' --at '2026-11-16 10:00'
! needlebook: error: session refused by the clinical checks:
!   condition:pregnancy: pregnancy or nursing on file since 2026-11-15
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1
$ needlebook session amend 2 --reason 'date mistyped' --at '2026-11-16 10:00' --override 'condition:pregnancy=obstetrician agreed'
> session 2 amended (revision 4) for BOB at 2026-11-16 10:00
> overridden condition:pregnancy: pregnancy or nursing on file since 2026-11-15 (reason: obstetrician agreed)
! needlebook: warning: condition:eczema: eczema on file since 2026-11-01 (so before this amendment too)
= SELECT r.revision, f.key, f.level, f.message, f.override_reason FROM session_revision r JOIN session_finding f ON f.session_revision_id = r.id WHERE r.session_id = 2 ORDER BY r.revision, f.position
> 2|condition:eczema|warning|eczema on file since 2026-11-01 (so before this amendment too)|
> 3|condition:eczema|warning|eczema on file since 2026-11-01 (so before this amendment too)|
> 4|condition:pregnancy|overridden|pregnancy or nursing on file since 2026-11-15|obstetrician agreed
> 4|condition:eczema|warning|eczema on file since 2026-11-01 (so before this amendment too)|

# The next amendment carries that override over.
$ needlebook session amend 2 --reason 'note corrected' --note 'mild redness, settled'
> session 2 amended (revision 5) for BOB at 2026-11-16 10:00
> overridden condition:pregnancy: pregnancy or nursing on file since 2026-11-15 (reason: obstetrician agreed)
! needlebook: warning: condition:eczema: eczema on file since 2026-11-01 (so before this amendment too)
= SELECT r.revision, f.key, f.level, f.message, f.override_reason FROM session_revision r JOIN session_finding f ON f.session_revision_id = r.id WHERE r.session_id = 2 ORDER BY r.revision, f.position
> 2|condition:eczema|warning|eczema on file since 2026-11-01 (so before this amendment too)|
> 3|condition:eczema|warning|eczema on file since 2026-11-01 (so before this amendment too)|
> 4|condition:pregnancy|overridden|pregnancy or nursing on file since 2026-11-15|obstetrician agreed
> 4|condition:eczema|warning|eczema on file since 2026-11-01 (so before this amendment too)|
> 5|condition:pregnancy|overridden|pregnancy or nursing on file since 2026-11-15|obstetrician agreed
> 5|condition:eczema|warning|eczema on file since 2026-11-01 (so before this amendment too)|
