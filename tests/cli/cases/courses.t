# Treatment courses and outcome scores. A course is the plan (indication, sessions planned,
# days between them); a session of the same indication joins the patient's open course, says
# "session k of N", and warns at the first session without baseline photos and beyond the plan.
# Scores are checked against their scale (range, decimals, per area) and corrected as revisions.
# report followups lists courses due and overdue. Every refusal leaves the database as it was.

%file front.jpg=FFD8FFE000104A4649460066726F6E74FFD9
%file left.jpg=FFD8FFE000104A464946006C656674FFD9
%file right.jpg=FFD8FFE000104A46494600726967687420FFD9

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook patient add --family Okafor --given Ben --born 1990-02-01 --code BEN
> patient BEN registered: Okafor, Ben
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook consent add BEN --signed 2026-06-01 --covers 'microneedling serums photos'
> consent 2 on file for BEN, signed 2026-06-01, covers microneedling serums photos

# Starting a course: the plan, checked.
$ needlebook course start ANN --indication acne-scars --planned 3 --every 28 --areas cheek,forehead --goal 'fewer rolling scars' --start 2026-08-01
> course 1 started for ANN: acne-scars, 3 sessions every 28 days from 2026-08-01, areas cheek forehead; goal: fewer rolling scars
$ needlebook course start ANN --indication acne-scars --planned 4 --every 28
! needlebook: error: course 1 for acne-scars is still open for this patient; close it first ('course close 1 --outcome completed|stopped --reason R')
? 1
$ needlebook course start ANN --indication acne-scars --planned 0 --every 28
! needlebook: error: planned '0' is not allowed; allowed: 1 to 30 sessions
? 1
$ needlebook course start ANN --indication acne-scars --planned 3 --every 400
! needlebook: error: every '400' is not allowed; allowed: 1 to 365 days between sessions
? 1
$ needlebook course start ANN --indication tattoo --planned 3 --every 28
! needlebook: error: unknown indication 'tattoo'; allowed: rejuvenation, acne-scars, surgical-scar, stretch-marks, hyperpigmentation, melasma or other
? 1
$ needlebook course start ANN --indication melasma --planned 3 --every 28 --areas cheek,eyelid
! needlebook: error: unknown area 'eyelid' in --areas; allowed: forehead, glabella, temple, periorbital, nose, cheek, perioral, chin, jawline, neck, decolletage, scalp, hands, abdomen, thigh, arm, back, scar or other
? 1
$ needlebook course start ANN --indication melasma --planned 3 --every 28 --start 2026-12-01
! needlebook: error: start 2026-12-01 is in the future (today is 2026-11-23)
? 1
$ needlebook course start ANN --indication melasma --planned 3 --every 28 --start 1980-01-01
! needlebook: error: course start 1980-01-01 is before ANN was born (1985-04-12); check the year
? 1
$ needlebook course start NOBODY --indication melasma --planned 3 --every 28
! needlebook: error: no patient with chart code 'NOBODY'; see 'needlebook patient list'
? 1
$ needlebook course start BEN --indication rejuvenation --planned 3 --every 28 --start 2026-09-01
> course 2 started for BEN: rejuvenation, 3 sessions every 28 days from 2026-09-01

# Baseline scores before the first session; a score the scale does not allow is refused.
$ needlebook assess ANN --scale goodman-baron --score 3 --area cheek:left --on 2026-08-01
> score 1 recorded for ANN: goodman-baron 3, cheek:left, on 2026-08-01, course 1
$ needlebook assess ANN --scale goodman-baron --score 4 --area cheek:right --on 2026-08-01
> score 2 recorded for ANN: goodman-baron 4, cheek:right, on 2026-08-01, course 1
$ needlebook assess ANN --scale goodman-baron-quant --score 24 --on 2026-08-01 --by 'Dr A. Shah'
> score 3 recorded for ANN: goodman-baron-quant 24, on 2026-08-01, course 1, by Dr A. Shah
$ needlebook assess ANN --scale glogau --score III --on 2026-08-01
> score 4 recorded for ANN: glogau 3 (III), on 2026-08-01, course 1
$ needlebook assess ANN --scale goodman-baron --score 5 --area cheek:left --on 2026-08-01
! needlebook: error: score '5' is not allowed on goodman-baron; allowed: whole numbers 1 to 4
? 1
$ needlebook assess ANN --scale goodman-baron --score 2.5 --area cheek:left --on 2026-08-01
! needlebook: error: score '2.5' is not allowed on goodman-baron; allowed: whole numbers 1 to 4
? 1
$ needlebook assess ANN --scale goodman-baron --score 3 --on 2026-08-01
! needlebook: error: goodman-baron is scored per area: name one with --area AREA[:left|right]
? 1
$ needlebook assess ANN --scale mmasi --score 3.125 --on 2026-08-01
! needlebook: error: score '3.125' is not allowed on mmasi; allowed: 0 to 24 with at most 2 decimals
? 1
$ needlebook assess ANN --scale mmasi --score 3 --area cheek --on 2026-08-01
! needlebook: error: mmasi is scored for the whole patient, not per area: leave out --area
? 1
$ needlebook assess ANN --scale acne-index --score 3 --on 2026-08-01
! needlebook: error: unknown scale 'acne-index'; allowed: goodman-baron, goodman-baron-quant, mmasi, lemperle, glogau, gais-clinician, gais-patient, pain-nrs
? 1
$ needlebook assess ANN --scale pain-nrs --score 3 --on 2026-08-01
! needlebook: error: pain-nrs is scored during a session: name it with --session, or give --pain with 'session log'
? 1
$ needlebook assess ANN --scale glogau --score V --on 2026-08-01
! needlebook: error: score 'V' is not allowed on glogau; allowed: whole numbers 1 to 4 (1 I, 2 II, 3 III, 4 IV)
? 1
$ needlebook assess ANN --scale gais-patient --score much-improved --on 2026-12-01
! needlebook: error: date 2026-12-01 is in the future (today is 2026-11-23)
? 1

# Sessions join the open course; the first warns of missing baseline photos; --pain is stored.
$ needlebook session log ANN --at '2026-08-01 10:00' --device pen --area cheek:left=1.5 --area cheek:right=1.5 --indication acne-scars --pain 4
> session 1 logged for ANN at 2026-08-01 10:00
> session 1 of 3 planned in course 1
> score 5 recorded: pain-nrs 4, on 2026-08-01, session 1, course 1
! needlebook: warning: course:baseline-photos: first session of course 1 without a baseline photo set: no front, left-45, right-45 photo taken on or before 2026-08-01
$ needlebook session log ANN --at '2026-08-29 10:00' --device pen --area cheek:left=1.5 --indication acne-scars --pain 11
! needlebook: error: pain '11' is not allowed; allowed: whole numbers 0 to 10
? 1
$ needlebook session log ANN --at '2026-08-29 10:00' --device pen --area cheek:left=1.5 --indication acne-scars --pain 3
> session 2 logged for ANN at 2026-08-29 10:00
> session 2 of 3 planned in course 1
> score 6 recorded: pain-nrs 3, on 2026-08-29, session 2, course 1
$ needlebook session log ANN --at '2026-09-05 10:00' --device pen --area forehead=0.5 --indication rejuvenation
> session 3 logged for ANN at 2026-09-05 10:00
$ needlebook session log ANN --at '2026-09-26 10:00' --device pen --area cheek:left=1.5 --indication acne-scars --course 2
! needlebook: error: course 2 is another patient's course
? 1
$ needlebook session log ANN --at '2026-09-26 10:00' --device pen --area cheek:left=1.5 --indication melasma --course 1
! needlebook: error: course 1 is for acne-scars, and this session is for melasma; give --indication acne-scars or another course
? 1
$ needlebook session log ANN --at '2026-07-26 10:00' --device pen --area cheek:left=1.5 --indication acne-scars --course 1
! needlebook: error: course 1 starts on 2026-08-01, after this session's day 2026-07-26
? 1
$ needlebook session log ANN --at '2026-09-26 10:00' --device pen --area cheek:left=1.5 --indication acne-scars --course none
> session 4 logged for ANN at 2026-09-26 10:00
$ needlebook session log ANN --at '2026-10-24 10:00' --device pen --area cheek:left=1.5 --indication acne-scars
> session 5 logged for ANN at 2026-10-24 10:00
> session 3 of 3 planned in course 1
$ needlebook session log ANN --at '2026-11-21 10:00' --device pen --area cheek:left=1.5 --indication acne-scars
> session 6 logged for ANN at 2026-11-21 10:00
> session 4 of 3 planned in course 1
! needlebook: warning: course:beyond-plan: course 1 planned 3 sessions; this makes 4
# With a baseline photo set taken by its day, the first session of a course does not warn.
$ needlebook photo add BEN front.jpg --view front --taken 2026-09-01
> photo 1 recorded for BEN: front, taken 2026-09-01, 18 bytes, stored as 46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg
$ needlebook photo add BEN left.jpg --view left-45 --taken 2026-09-01
> photo 2 recorded for BEN: left-45, taken 2026-09-01, 17 bytes, stored as 2fad80b67cbbb7b6cbdb9da39f2b4e7fdc2dfec330752ece610a9011c7ca252f.jpg
$ needlebook photo add BEN right.jpg --view right-45 --taken 2026-09-01
> photo 3 recorded for BEN: right-45, taken 2026-09-01, 19 bytes, stored as a80b79d2cfa1e81b922776aa5a713ed53930cd1a4bbe338c8a4a6e5290611c96.jpg
$ needlebook session log BEN --at '2026-09-01 11:00' --device pen --area forehead=0.5 --indication rejuvenation
> session 7 logged for BEN at 2026-09-01 11:00
> session 1 of 3 planned in course 2
$ needlebook session show 2
> Session 2 for ANN
>   at            2026-08-29 10:00 (Europe/London)
>   practitioner  tester
>   indication    acne scars
>   course        session 2 of 3 planned in course 1
>   device        pen
>   areas
>     area        depth mm  passes
>     cheek:left      1.50       -
>   scores
>     score 6: pain-nrs 3, on 2026-08-29, session 2, course 1
>   revision 1 by tester on 2026-11-23 15:00
$ needlebook --format json session show 2
> {
>   "id": 2,
>   "patient": "ANN",
>   "at": "2026-08-29 10:00",
>   "at_utc": "2026-08-29T09:00:00Z",
>   "time_zone": "Europe/London",
>   "practitioner": "tester",
>   "indication": "acne-scars",
>   "course": 1,
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
>       "area": "cheek",
>       "side": "left",
>       "depth_mm": 1.5,
>       "passes": null
>     }
>   ],
>   "serums": [],
>   "findings": [],
>   "revision": {
>     "number": 1,
>     "author": "tester",
>     "recorded_at": "2026-11-23T15:00:00Z",
>     "reason": "",
>     "voided": false
>   },
>   "reactions": [],
>   "followups": [],
>   "course_session": 2,
>   "course_planned": 3,
>   "scores": [
>     {
>       "id": 6,
>       "patient_id": 1,
>       "scale": "pain-nrs",
>       "score": 3.0,
>       "score_text": "3",
>       "area": null,
>       "side": null,
>       "on": "2026-08-29",
>       "session": 2,
>       "course": 1,
>       "by": "",
>       "note": "",
>       "revision": {
>         "number": 1,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "",
>         "voided": false
>       }
>     }
>   ]
> }
$ needlebook session show 3
> Session 3 for ANN
>   at            2026-09-05 10:00 (Europe/London)
>   practitioner  tester
>   indication    rejuvenation
>   device        pen
>   areas
>     area      depth mm  passes
>     forehead      0.50       -
>   revision 1 by tester on 2026-11-23 15:00
$ needlebook course show 1
> Course 1 for ANN
>   indication    acne scars
>   plan          3 sessions, every 28 days, from 2026-08-01
>   areas         cheek forehead
>   goal          fewer rolling scars
>   done          4 of 3; days between sessions 28, 56, 28 (planned 28)
>   state         all sessions done; close it
>   sessions
>     1 of 3  session 1  2026-08-01 10:00
>     2 of 3  session 2  2026-08-29 10:00
>     3 of 3  session 5  2026-10-24 10:00
>     4 of 3  session 6  2026-11-21 10:00
>   revision 1 by tester on 2026-11-23 15:00
$ needlebook course list
> course  patient  indication    done    every    started     state
> 1       ANN      acne-scars    4 of 3  28 days  2026-08-01  all sessions done; close it
> 2       BEN      rejuvenation  1 of 3  28 days  2026-09-01  next due 2026-09-29 (55 days late)
$ needlebook course list --patient BEN --open
> course  patient  indication    done    every    started     state
> 2       BEN      rejuvenation  1 of 3  28 days  2026-09-01  next due 2026-09-29 (55 days late)
$ needlebook --format csv course list
> id,patient,indication,planned,done,every_days,started_on,next_due,closed_on,outcome\r
> 1,ANN,acne-scars,3,4,28,2026-08-01,,,\r
> 2,BEN,rejuvenation,3,1,28,2026-09-01,2026-09-29,,\r

# A session moved into the course, another out of it.
$ needlebook session amend 4 --course 1 --reason 'part of the course after all'
> session 4 amended (revision 2) for ANN at 2026-09-26 10:00
> session 3 of 3 planned in course 1
! needlebook: warning: course:beyond-plan: course 1 planned 3 sessions; this makes 5
$ needlebook session amend 6 --course none --reason 'a touch-up, not the course'
> session 6 amended (revision 2) for ANN at 2026-11-21 10:00
$ needlebook course show 1
> Course 1 for ANN
>   indication    acne scars
>   plan          3 sessions, every 28 days, from 2026-08-01
>   areas         cheek forehead
>   goal          fewer rolling scars
>   done          4 of 3; days between sessions 28, 28, 28 (planned 28)
>   state         all sessions done; close it
>   sessions
>     1 of 3  session 1  2026-08-01 10:00
>     2 of 3  session 2  2026-08-29 10:00
>     3 of 3  session 4  2026-09-26 10:00
>     4 of 3  session 5  2026-10-24 10:00
>   revision 1 by tester on 2026-11-23 15:00

# Follow-up scores; corrections are revisions.
$ needlebook assess ANN --scale goodman-baron --score 2 --area cheek:left --session 5
> score 7 recorded for ANN: goodman-baron 2, cheek:left, on 2026-10-24, session 5, course 1
$ needlebook assess ANN --scale goodman-baron --score 3 --area cheek:right --on 2026-11-21
> score 8 recorded for ANN: goodman-baron 3, cheek:right, on 2026-11-21, course 1
$ needlebook assess ANN --scale gais-patient --score much-improved --on 2026-11-21 --by patient
> score 9 recorded for ANN: gais-patient 2 (much-improved), on 2026-11-21, course 1, by patient
$ needlebook assess ANN --scale goodman-baron --score 2 --area cheek:left --on 2026-10-23 --session 5
! needlebook: error: date 2026-10-23 is before session 5 on 2026-10-24
? 1
$ needlebook assess BEN --scale goodman-baron --score 2 --area cheek:left --session 5
! needlebook: error: session 5 is another patient's (chart ANN)
? 1
$ needlebook score amend 8 --score 2 --reason 'read from the wrong row'
> score 8 amended (revision 2): goodman-baron 2, cheek:right, on 2026-11-21, course 1
$ needlebook score amend 8 --score 5 --reason 'typo'
! needlebook: error: score '5' is not allowed on goodman-baron; allowed: whole numbers 1 to 4
? 1
$ needlebook score amend 8 --score 1 --reason 'again' --based-on 1
! needlebook: error: score 8 was amended meanwhile (now revision 2); run the command again
? 1
$ needlebook score void 9 --reason 'scored twice'
> score 9 voided (revision 2): gais-patient 2 (much-improved), on 2026-11-21, course 1, by patient
$ needlebook score void 9 --reason 'scored twice'
! needlebook: error: score 9 is already voided
? 1
$ needlebook score list ANN
> score  on          scale                value    area         session  course  by
> 4      2026-08-01  glogau               3 (III)  -            -        1       tester
> 1      2026-08-01  goodman-baron        3        cheek:left   -        1       tester
> 2      2026-08-01  goodman-baron        4        cheek:right  -        1       tester
> 3      2026-08-01  goodman-baron-quant  24       -            -        1       Dr A. Shah
> 5      2026-08-01  pain-nrs             4        -            1        1       tester
> 6      2026-08-29  pain-nrs             3        -            2        1       tester
> 7      2026-10-24  goodman-baron        2        cheek:left   5        1       tester
> 8      2026-11-21  goodman-baron        2        cheek:right  -        1       tester
$ needlebook --format csv score list ANN
> id,on,scale,score,area,session,course,by,note,revision\r
> 4,2026-08-01,glogau,3 (III),,,1,,,1\r
> 1,2026-08-01,goodman-baron,3,cheek:left,,1,,,1\r
> 2,2026-08-01,goodman-baron,4,cheek:right,,1,,,1\r
> 3,2026-08-01,goodman-baron-quant,24,,,1,Dr A. Shah,,1\r
> 5,2026-08-01,pain-nrs,4,,1,1,,,1\r
> 6,2026-08-29,pain-nrs,3,,2,1,,,1\r
> 7,2026-10-24,goodman-baron,2,cheek:left,5,1,,,1\r
> 8,2026-11-21,goodman-baron,2,cheek:right,,1,,,2\r
$ needlebook --format json score list BEN
> []

# Closing and correcting a course.
$ needlebook report followups
> Follow-ups
>   as of: 2026-11-23
>   followup due days: 7
>   course overdue days: 14
>   days_open = as-of date - onset; recovery_day = as-of date - session day
>   days_overdue = as-of date - due_on, or - eligible_from when a condition
>     blocked a session on due_on
>   not eligible: due, but a condition blocks a session on the as-of day
>   a course's next session is due its interval after the last one (the start day
>     before the first); days_late = as-of date - due_on
>
> Open reactions, prolonged first (0)
>   none open
>
> Adverse events, open first (0)
>   none recorded
>
> Sessions with no follow-up after 7 days (6)
> patient  name         session  session_day  days_since  reactions
> ANN      Smith, Ann         1  2026-08-01          114          0
> ANN      Smith, Ann         2  2026-08-29           86          0
> BEN      Okafor, Ben        7  2026-09-01           83          0
> ANN      Smith, Ann         3  2026-09-05           79          0
> ANN      Smith, Ann         4  2026-09-26           58          0
> ANN      Smith, Ann         5  2026-10-24           30          0
>
> Patients due for their next session (1)
> patient  name         last_session  last_day    interval_days  interval_from               due_on      eligible_from  days_overdue
> BEN      Okafor, Ben             7  2026-09-01             28  setting interval_warn_days  2026-09-29  -                        55
>
> Patients due but not eligible for their next session (0)
>   no patient due is blocked by a condition
>
> Courses due for their next session (late by at most 14 days) (0)
>   no course is due
>
> Courses overdue by more than 14 days (1)
> patient  name         course  indication    done  planned  every_days  last_day    due_on      days_late
> BEN      Okafor, Ben       2  rejuvenation     1        3          28  2026-09-01  2026-09-29         55
$ needlebook course close 1 --outcome finished --reason 'plan done'
! needlebook: error: unknown outcome 'finished'; allowed: completed or stopped
? 1
$ needlebook course close 1 --outcome completed --on 2026-11-01 --reason 'plan done'
> course 1 closed (revision 2): acne-scars, 3 sessions every 28 days from 2026-08-01, areas cheek forehead; goal: fewer rolling scars; closed 2026-11-01 completed (plan done)
$ needlebook course close 1 --outcome completed --reason 'plan done, scars improved'
! needlebook: error: course 1 was already closed on 2026-11-01 (completed); to correct the close, 'course amend' it with --closed or --outcome
? 1
$ needlebook course close 1 --outcome completed --reason 'again'
! needlebook: error: course 1 was already closed on 2026-11-01 (completed); to correct the close, 'course amend' it with --closed or --outcome
? 1
$ needlebook course amend 1 --planned 5 --reason 'agreed two more'
> course 1 amended (revision 3): acne-scars, 5 sessions every 28 days from 2026-08-01, areas cheek forehead; goal: fewer rolling scars; closed 2026-11-01 completed (plan done)
$ needlebook course amend 1 --reason 'nothing'
! needlebook: error: course amend changes the fields given: give one or more of --indication, --planned, --every, --areas, --goal, --start, --closed, --outcome
? 2
$ needlebook course void 1 --reason 'in error'
! needlebook: error: course 1 is named by session 1, session 2, session 4, session 5, score 1, score 2, score 3, score 4, score 5, score 6 and 2 more; amend each with '--course none' or another course first, or close the course as stopped
? 1
$ needlebook course amend 1 --closed none --reason 'closed by mistake'
> course 1 amended (revision 4): acne-scars, 5 sessions every 28 days from 2026-08-01, areas cheek forehead; goal: fewer rolling scars
$ needlebook course amend 1 --closed 2026-11-22 --outcome stopped --reason 'stopped, not completed'
> course 1 amended (revision 5): acne-scars, 5 sessions every 28 days from 2026-08-01, areas cheek forehead; goal: fewer rolling scars; closed 2026-11-22 stopped (stopped, not completed)
$ needlebook course amend 1 --outcome completed --closed none --reason 'x'
! needlebook: error: --outcome with --closed none: a reopened course has no outcome
? 1
$ needlebook course void 2 --reason 'started in error'
! needlebook: error: course 2 is named by session 7; amend it with '--course none' or another course first, or close the course as stopped
? 1
$ needlebook course start BEN --indication melasma --planned 2 --every 30 --start 2026-11-01
> course 3 started for BEN: melasma, 2 sessions every 30 days from 2026-11-01
$ needlebook course void 3 --reason 'started in error'
> course 3 voided (revision 2): melasma, 2 sessions every 30 days from 2026-11-01
$ needlebook course show 1
> Course 1 for ANN
>   indication    acne scars
>   plan          5 sessions, every 28 days, from 2026-08-01
>   areas         cheek forehead
>   goal          fewer rolling scars
>   done          4 of 5; days between sessions 28, 28, 28 (planned 28)
>   state         stopped 2026-11-22
>   closed        2026-11-22, stopped: stopped, not completed
>   sessions
>     1 of 5  session 1  2026-08-01 10:00
>     2 of 5  session 2  2026-08-29 10:00
>     3 of 5  session 4  2026-09-26 10:00
>     4 of 5  session 5  2026-10-24 10:00
>   revision 5 by tester on 2026-11-23 15:00: stopped, not completed
$ needlebook check
> Database check: ${TMP}/clinic.db
>   file: ${TMP}/clinic.db
>   result: ok
>   integrity: SQLite's integrity_check; foreign keys: foreign_key_check; audit
>     chain: each row's SHA-256 and its link to the row before; records: each
>     record revision against the fingerprint its audit row keeps
>   photos: each photo's file in the photo store beside the database against the
>     size and SHA-256 on record, voided photos too
>
> check         result  rows_checked  faults  first_fault  note
> integrity     ok                 0       0  -            -
> foreign keys  ok                 0       0  -            -
> audit chain   ok               118       0  -            -
> records       ok               117       0  -            -
> seals         ok                 0       0  -            no seals: anyone who can write the file could recompute the chain
> photos        ok                 3       0  -            -
> schema        ok               254       0  -            -
= SELECT action, count(*) FROM audit_log WHERE record_kind IN ('course', 'assessment') GROUP BY action ORDER BY action
> assessment.add|9
> assessment.amend|1
> assessment.void|1
> course.amend|3
> course.close|1
> course.show|3
> course.start|3
> course.void|1
