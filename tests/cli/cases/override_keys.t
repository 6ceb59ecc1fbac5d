# One override per finding, by key (the product's first promise): a patient with eczema and a
# 2.5 mm periorbital depth is refused with both keys listed and needs both overrides; one
# override alone, a stale one, a bare one and a too short reason are refused with nothing stored.
# Warnings are kept with the session. An override's reason is corrected by an amendment.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook condition add ANN --code eczema --since 2026-01-01
> condition 1 on file for ANN: eczema

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area periorbital=2.5
! needlebook: error: session refused by the clinical checks:
!   condition:eczema: eczema on file since 2026-01-01
!   depth:periorbital: depth 2.50 mm on periorbital exceeds the clinic limit of 0.50 mm
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

# One override does not approve the finding nobody saw.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area periorbital=2.5 --override 'condition:eczema=face clear, hands only'
! needlebook: error: session refused by the clinical checks:
!   depth:periorbital: depth 2.50 mm on periorbital exceeds the clinic limit of 0.50 mm
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

# A bare reason, as older versions took, names the keys to use (exit 2).
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area periorbital=2.5 --override 'test'
! needlebook: error: --override needs the key of the finding it accepts; for this session: --override condition:eczema="reason" --override depth:periorbital="reason"
? 2

# A stale override, for a finding this session does not raise, cannot ride along.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area periorbital=2.5 --override 'condition:eczema=face clear, hands only' --override 'depth:periorbital=deep scar, agreed' --override 'depth:cheek=just in case'
! needlebook: error: --override depth:cheek matches no blocking finding of this session, so nothing was stored; the findings to accept: condition:eczema, depth:periorbital
? 1

# A reason must say why: at least override_min_reason characters (10 unless set).
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area periorbital=2.5 --override 'condition:eczema=ok' --override 'depth:periorbital=deep scar, agreed'
! needlebook: error: the reason for --override condition:eczema has 2 characters; the clinic asks for at least 10 (setting override_min_reason), saying why the check is overruled
? 1
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area periorbital=2.5 --override 'condition:eczema=face clear, hands only' --override 'depth:periorbital='
! needlebook: error: override must say why the check is overruled, e.g. --override depth:cheek="dermatologist's plan"
? 1
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area periorbital=2.5 --override 'depth:periorbital=deep scar, agreed' --override 'depth:periorbital=said twice here'
! needlebook: error: --override depth:periorbital is given twice; give one reason for each finding
? 1
= SELECT count(*) FROM session
> 0

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area periorbital=2.5 --override 'condition:eczema=face clear, hands only' --override 'depth:periorbital=deep scar, agreed'
> session 1 logged for ANN at 2026-11-20 10:00
> overridden condition:eczema: eczema on file since 2026-01-01 (reason: face clear, hands only)
> overridden depth:periorbital: depth 2.50 mm on periorbital exceeds the clinic limit of 0.50 mm (reason: deep scar, agreed)
= SELECT session_revision_id, position, key, level, message, override_reason FROM session_finding ORDER BY id
> 1|1|condition:eczema|overridden|eczema on file since 2026-01-01|face clear, hands only
> 1|2|depth:periorbital|overridden|depth 2.50 mm on periorbital exceeds the clinic limit of 0.50 mm|deep scar, agreed
= SELECT action, reason FROM audit_log WHERE action = 'session.log'
> session.log|condition:eczema: face clear, hands only; depth:periorbital: deep scar, agreed
$ needlebook session show 1
> Session 1 for ANN
>   at            2026-11-20 10:00 (Europe/London)
>   practitioner  tester
>   indication    other
>   device        pen
>   areas
>     area         depth mm  passes
>     periorbital      2.50       -
>   overridden    condition:eczema: eczema on file since 2026-01-01 (reason: face clear, hands only)
>   overridden    depth:periorbital: depth 2.50 mm on periorbital exceeds the clinic limit of 0.50 mm (reason: deep scar, agreed)
>   revision 1 by tester on 2026-11-23 15:00
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
>       "depth_mm": 2.5,
>       "passes": null
>     }
>   ],
>   "serums": [],
>   "findings": [
>     {
>       "key": "condition:eczema",
>       "level": "overridden",
>       "message": "eczema on file since 2026-01-01",
>       "override_reason": "face clear, hands only",
>       "overridden_by": "tester",
>       "overridden_at": "2026-11-23T15:00:00Z"
>     },
>     {
>       "key": "depth:periorbital",
>       "level": "overridden",
>       "message": "depth 2.50 mm on periorbital exceeds the clinic limit of 0.50 mm",
>       "override_reason": "deep scar, agreed",
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
$ needlebook session list
> id  at                patient  device  areas             serums  flags
>  1  2026-11-20 10:00  ANN      pen     periorbital=2.50  0       override
$ needlebook --format csv session list
> id,patient,at,at_utc,practitioner,indication,device,areas,serums,findings,revision,voided\r
> 1,ANN,2026-11-20 10:00,2026-11-20T10:00:00Z,tester,other,pen,periorbital=2.50,,"overridden condition:eczema: eczema on file since 2026-01-01 (reason: face clear, hands only); overridden depth:periorbital: depth 2.50 mm on periorbital exceeds the clinic limit of 0.50 mm (reason: deep scar, agreed)",1,0\r

# The reason on file can be corrected; giving the same one again changes nothing.
$ needlebook session amend 1 --reason 'override reason was too vague' --override 'depth:periorbital=deep acne scar under the eye, patient informed'
> session 1 amended (revision 2) for ANN at 2026-11-20 10:00
> overridden condition:eczema: eczema on file since 2026-01-01 (reason: face clear, hands only)
> overridden depth:periorbital: depth 2.50 mm on periorbital exceeds the clinic limit of 0.50 mm (reason: deep acne scar under the eye, patient informed)
$ needlebook session amend 1 --reason 'again' --override 'depth:periorbital=deep acne scar under the eye, patient informed'
! needlebook: error: session 1 already reads like that; nothing to amend
? 1
$ needlebook session amend 1 --reason 'a stale key' --override 'consent=signed on paper'
! needlebook: error: --override consent matches no blocking finding of this session, so nothing was stored; the findings to accept: condition:eczema, depth:periorbital
? 1
= SELECT session_revision_id, key, override_reason FROM session_finding WHERE level = 'overridden' ORDER BY id
> 1|condition:eczema|face clear, hands only
> 1|depth:periorbital|deep scar, agreed
> 2|condition:eczema|face clear, hands only
> 2|depth:periorbital|deep acne scar under the eye, patient informed

# A warning (a session the same day on other skin) is kept with the session.
$ needlebook session log ANN --at '2026-11-20 11:00' --device pen --area neck=0.5 --override 'condition:eczema=face clear, hands only'
> session 2 logged for ANN at 2026-11-20 11:00
> overridden condition:eczema: eczema on file since 2026-01-01 (reason: face clear, hands only)
! needlebook: warning: same-day: session 1 on 2026-11-20 10:00 is the same day; to add areas to it, use 'session amend 1 --area …' instead
$ needlebook session show 2
> Session 2 for ANN
>   at            2026-11-20 11:00 (Europe/London)
>   practitioner  tester
>   indication    other
>   device        pen
>   areas
>     area  depth mm  passes
>     neck      0.50       -
>   overridden    condition:eczema: eczema on file since 2026-01-01 (reason: face clear, hands only)
>   warning       same-day: session 1 on 2026-11-20 10:00 is the same day; to add areas to it, use 'session amend 1 --area …' instead
>   revision 1 by tester on 2026-11-23 15:00
= SELECT key, level FROM session_finding WHERE session_revision_id = 3 ORDER BY position
> condition:eczema|overridden
> same-day|warning

# The clinic may ask for longer reasons.
$ needlebook setting set override_min_reason 30 --reason 'reasons must name the plan'
> override_min_reason: 10 -> 30
$ needlebook session log ANN --at '2026-11-21 11:00' --device pen --area chin=0.5 --override 'condition:eczema=face clear, hands only'
! needlebook: error: the reason for --override condition:eczema has 22 characters; the clinic asks for at least 30 (setting override_min_reason), saying why the check is overruled
? 1
$ needlebook setting set override_min_reason 0 --reason 'no minimum'
! needlebook: error: override_min_reason 0 is out of range; allowed: 1 to 200
? 1
