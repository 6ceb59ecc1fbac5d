# A depth above the area's clinic limit (but within 3.0 mm) is a blocking finding: refused without
# --override, stored with it together with the reason and the findings it overrode, and shown in
# session show, session list and JSON. A blank override reason is refused; an unneeded one warns.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 6)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area periorbital=0.75 --area cheek=1.0
! needlebook: error: session refused by the clinical checks:
!   depth: depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm
! use --override "reason" if this is intended; the reason is kept with the session
? 1

# Every area over its limit is listed, 3.0 mm included.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area periorbital=0.75 --area cheek=2.0 --area neck=3.0
! needlebook: error: session refused by the clinical checks:
!   depth: depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm
!   depth: depth 2.00 mm on cheek exceeds the clinic limit of 1.50 mm
!   depth: depth 3.00 mm on neck exceeds the clinic limit of 1.00 mm
! use --override "reason" if this is intended; the reason is kept with the session
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area periorbital=0.75 --area cheek=1.0 --override ""
! needlebook: error: override must say why the checks are overruled, e.g. --override "dermatologist's plan"
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area periorbital=0.75 --area cheek=1.0 --override '  '
! needlebook: error: override must say why the checks are overruled, e.g. --override "dermatologist's plan"
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area periorbital=0.75 --area cheek=1.0 --override "deep crow's feet lines; patient informed"
> session 1 logged for ANN at 2026-11-20 10:00
> overridden depth: depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm (reason: deep crow's feet lines; patient informed)

= SELECT session_id, revision, override_reason FROM session_revision
> 1|1|deep crow's feet lines; patient informed
= SELECT session_revision_id, rule, detail FROM session_override
> 1|depth|depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm
= SELECT action, record_id, revision, reason FROM audit_log WHERE action = 'session.log'
> session.log|1|1|deep crow's feet lines; patient informed
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
>   overridden    deep crow's feet lines; patient informed
>     depth: depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm
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
>   "override_reason": "deep crow's feet lines; patient informed",
>   "overrides": [
>     {
>       "rule": "depth",
>       "detail": "depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm"
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
>   "followups": []
> }

# An amendment is blocked only by what it changes: the override on file is carried over with its
# reason, so adding a note needs no fresh --override (more in amend_checks.t).
$ needlebook session amend 1 --reason 'note added' --note 'tolerated well'
> session 1 amended (revision 2) for ANN at 2026-11-20 10:00
> overridden depth: depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm (reason: deep crow's feet lines; patient informed)

# Once the depth is corrected to the limit, nothing is overridden any more.
$ needlebook session amend 1 --reason 'depth was 0.5, mistyped' --area periorbital=0.5 --area cheek=1.0
> session 1 amended (revision 3) for ANN at 2026-11-20 10:00

= SELECT r.revision, r.override_reason, count(o.id) FROM session_revision r LEFT JOIN session_override o ON o.session_revision_id = r.id GROUP BY r.id ORDER BY r.revision
> 1|deep crow's feet lines; patient informed|1
> 2|deep crow's feet lines; patient informed|1
> 3||0
# An override that nothing needed is not stored, and the practitioner is told.
$ needlebook session log ANN --at '2026-11-20 11:00' --device pen --area neck=0.5 --override 'just in case'
> session 2 logged for ANN at 2026-11-20 11:00
! needlebook: warning: interval: session 1 on 2026-11-20 10:00 is the same day; to add areas to it, use 'session amend 1 --area …' instead
! needlebook: warning: --override was given but no check blocked the session; the reason was not stored

= SELECT override_reason FROM session_revision WHERE session_id = 2
>
