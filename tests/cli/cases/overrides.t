# A depth above the area's clinic limit (but within 3.0 mm) is a blocking finding, one per area
# (key depth:AREA): refused without its --override, stored with it and its reason, and shown in
# session show, session list and JSON. A blank override is refused; so is one nothing needed.
# More on keys in override_keys.t.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area periorbital=0.75 --area cheek=1.0
! needlebook: error: session refused by the clinical checks:
!   depth:periorbital: depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

# Every area over its limit is listed, 3.0 mm included.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area periorbital=0.75 --area cheek=2.0 --area neck=3.0
! needlebook: error: session refused by the clinical checks:
!   depth:periorbital: depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm
!   depth:cheek: depth 2.00 mm on cheek exceeds the clinic limit of 1.50 mm
!   depth:neck: depth 3.00 mm on neck exceeds the clinic limit of 1.00 mm
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area periorbital=0.75 --area cheek=1.0 --override "depth:periorbital="
! needlebook: error: override must say why the check is overruled, e.g. --override depth:cheek="dermatologist's plan"
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area periorbital=0.75 --area cheek=1.0 --override 'depth:periorbital=  '
! needlebook: error: override must say why the check is overruled, e.g. --override depth:cheek="dermatologist's plan"
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area periorbital=0.75 --area cheek=1.0 --override "depth:periorbital=deep crow's feet lines; patient informed"
> session 1 logged for ANN at 2026-11-20 10:00
> overridden depth:periorbital: depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm (reason: deep crow's feet lines; patient informed)

= SELECT r.session_id, r.revision, f.key, f.override_reason FROM session_revision r JOIN session_finding f ON f.session_revision_id = r.id
> 1|1|depth:periorbital|deep crow's feet lines; patient informed
= SELECT session_revision_id, key, level, message FROM session_finding
> 1|depth:periorbital|overridden|depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm
= SELECT action, record_id, revision, reason FROM audit_log WHERE action = 'session.log'
> session.log|1|1|depth:periorbital: deep crow's feet lines; patient informed
$ needlebook session show 1
> Session 1 for ANN
>   at            2026-11-20 10:00 (Europe/London)
>   practitioner  tester
>   indication    other
>   device        pen
>   areas
>     area         depth mm  passes
>     periorbital      0.75       -
>     cheek            1.00       -
>   overridden    depth:periorbital: depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm (reason: deep crow's feet lines; patient informed)
>   revision 1 by tester on 2026-11-23 15:00

$ needlebook session list
> id  at                patient  device  areas                        serums  flags
>  1  2026-11-20 10:00  ANN      pen     periorbital=0.75 cheek=1.00  0       override

$ needlebook --format json session show 1
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
>   "model": "",
>   "cartridge": "",
>   "cartridge_lot": "",
>   "anaesthetic": "",
>   "endpoint": "",
>   "aftercare": "",
>   "note": "",
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
>       "override_reason": "deep crow's feet lines; patient informed",
>       "overridden_by": "tester",
>       "overridden_at": "2026-11-23T15:00:00Z"
>     }
>   ],
>   "revision": {
>     "number": 1,
>     "author": "tester",
>     "recorded_at": "2026-11-23T15:00:00Z",
>     "reason": "",
>     "voided": false
>   },
>   "reactions": [],
>   "followups": [],
>   "scores": []
> }

# An amendment is blocked only by what it changes: the override on file is carried over with its
# reason, so adding a note needs no fresh --override (more in amend_checks.t).
$ needlebook session amend 1 --reason 'note added' --note 'tolerated well'
> session 1 amended (revision 2) for ANN at 2026-11-20 10:00
> overridden depth:periorbital: depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm (reason: deep crow's feet lines; patient informed)

# Once the depth is corrected to the limit, nothing is overridden any more.
$ needlebook session amend 1 --reason 'depth was 0.5, mistyped' --area periorbital=0.5 --area cheek=1.0
> session 1 amended (revision 3) for ANN at 2026-11-20 10:00

= SELECT r.revision, count(f.id), group_concat(f.override_reason) FROM session_revision r LEFT JOIN session_finding f ON f.session_revision_id = r.id GROUP BY r.id ORDER BY r.revision
> 1|1|deep crow's feet lines; patient informed
> 2|1|deep crow's feet lines; patient informed
> 3|0|
# An override that nothing needed is refused, and nothing is stored.
$ needlebook session log ANN --at '2026-11-20 11:00' --device pen --area neck=0.5 --override 'depth:neck=just in case'
! needlebook: error: --override depth:neck matches no blocking finding of this session, so nothing was stored; no check blocks it: leave --override out
? 1

= SELECT count(*) FROM session WHERE id = 2
> 0
