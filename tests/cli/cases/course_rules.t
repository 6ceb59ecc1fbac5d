# What keeps courses, scores and sessions consistent when one of them is corrected: a session
# outside the plan's areas, a new session when a merge left two open courses, --like (which never
# copies the course), pain scored on its session's day, and voids that would leave a score or a
# session pointing at a record entered in error. Every refusal leaves the database as it was.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook patient add --family Smith --given Anne --born 1985-04-12 --code ANN2
> patient ANN2 registered: Smith, Anne
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook course start ANN --indication acne-scars --planned 3 --every 28 --areas cheek --start 2026-08-01
> course 1 started for ANN: acne-scars, 3 sessions every 28 days from 2026-08-01, areas cheek

# A session of the course that treats an area its plan does not name is logged, with a warning.
$ needlebook session log ANN --at '2026-08-01 10:00' --device pen --indication acne-scars --area cheek=1.0 --area nose=0.5 --pain 3
> session 1 logged for ANN at 2026-08-01 10:00
> session 1 of 3 planned in course 1
> score 1 recorded: pain-nrs 3, on 2026-08-01, session 1, course 1
! needlebook: warning: course:areas: course 1 plans cheek; this session also treats nose
! needlebook: warning: course:baseline-photos: first session of course 1 without a baseline photo set: no front, left-45, right-45 photo taken on or before 2026-08-01
$ needlebook session log ANN --at '2026-08-29 10:00' --like 1
> session 2 logged for ANN at 2026-08-29 10:00
> session 2 of 3 planned in course 1
! needlebook: warning: course:areas: course 1 plans cheek; this session also treats nose

# Pain is scored during the session: on its day.
$ needlebook assess ANN --scale pain-nrs --score 2 --session 2 --on 2026-08-30
! needlebook: error: pain during session 2 is scored on its day, 2026-08-29, not 2026-08-30
? 1

# A merge leaves ANN two open acne-scar courses; a new session joins none and says so.
$ needlebook course start ANN2 --indication acne-scars --planned 2 --every 28 --start 2026-08-15
> course 2 started for ANN2: acne-scars, 2 sessions every 28 days from 2026-08-15
$ needlebook patient merge ANN2 --into ANN --reason 'registered twice'
> patient ANN2 merged into ANN (revision 2): 0 conditions moved, 0 consents moved, 0 sessions moved, 1 course moved
! needlebook: warning: ANN2 is Smith, Anne and ANN is Smith, Ann: the merged chart keeps ANN's name
! needlebook: warning: ANN now has 2 open courses for acne-scars (courses 1, 2): close or void all but one; until then a session joins one only when named with --course
$ needlebook session log ANN --at '2026-09-26 10:00' --like 2
> session 3 logged for ANN at 2026-09-26 10:00
! needlebook: warning: course:which: ANN has 2 open courses for acne-scars (courses 1, 2); this session joins none: amend it with --course, and close all but one
$ needlebook course close 2 --outcome stopped --reason 'registered twice; course 1 goes on'
> course 2 closed (revision 3): acne-scars, 2 sessions every 28 days from 2026-08-15; closed 2026-11-23 stopped (registered twice; course 1 goes on)
$ needlebook session log ANN --at '2026-10-24 10:00' --like 2
> session 4 logged for ANN at 2026-10-24 10:00
> session 3 of 3 planned in course 1
! needlebook: warning: course:areas: course 1 plans cheek; this session also treats nose

# Voids that would leave something pointing at a record entered in error are refused.
$ needlebook assess ANN --scale gais-clinician --score 2 --session 2
> score 2 recorded for ANN: gais-clinician 2 (much-improved), on 2026-08-29, session 2, course 1
$ needlebook session void 2 --reason 'logged twice'
! needlebook: error: session 2 is named by score 2; amend it with '--session none' (or another session), or void it if taken in error, first
? 1
$ needlebook course void 1 --reason 'started in error'
! needlebook: error: course 1 is named by session 1, session 2, session 4, score 1 and score 2; amend each with '--course none' or another course first, or close the course as stopped
? 1
$ needlebook patient void ANN --reason 'registered in error'
! needlebook: error: patient ANN has records not voided (session 1, session 2, session 3, session 4, course 1, course 2, score 1 and score 2); a chart with treatments is not one registered in error: void each record entered in error first ('needlebook session void SESSION --reason …', likewise score, photo and course), or merge a duplicate chart with 'needlebook patient merge'
? 1
= SELECT count(*) FROM assessment_revision WHERE voided = 1
> 0

# Once nothing else names it, the session is voided with the pain recorded with it.
$ needlebook score void 2 --reason 'scored at the other visit'
> score 2 voided (revision 2): gais-clinician 2 (much-improved), on 2026-08-29, session 2, course 1
$ needlebook session void 1 --reason 'logged twice'
> session 1 voided (revision 2): logged twice
> score 1 (the pain recorded with it) voided too
$ needlebook score list ANN
> no scores
= SELECT a.id, r.revision, r.voided, r.reason FROM assessment a JOIN assessment_revision r ON r.assessment_id = a.id ORDER BY a.id, r.revision
> 1|1|0|
> 1|2|1|voided with session 1: logged twice
> 2|1|0|
> 2|2|1|scored at the other visit

# An amended session keeps what was scored at it: the pain recorded with it moves with its day
# (a revision of the score), and a score dated before the session's new day refuses the move.
$ needlebook session log ANN --at '2026-11-20 10:00' --like 4 --pain 6
> session 5 logged for ANN at 2026-11-20 10:00
> session 3 of 3 planned in course 1
> score 3 recorded: pain-nrs 6, on 2026-11-20, session 5, course 1
! needlebook: warning: interval:cheek: cheek was also treated 27 days earlier, in session 4 on 2026-10-24 10:00 (clinic recommends at least 28 days)
! needlebook: warning: interval:nose: nose was also treated 27 days earlier, in session 4 on 2026-10-24 10:00 (clinic recommends at least 28 days)
! needlebook: warning: course:areas: course 1 plans cheek; this session also treats nose
$ needlebook assess ANN --scale gais-clinician --score 2 --session 5 --on 2026-11-21
> score 4 recorded for ANN: gais-clinician 2 (much-improved), on 2026-11-21, session 5, course 1
$ needlebook session amend 5 --at '2026-11-22 10:00' --reason 'time typed wrong'
! needlebook: error: the amendment does not fit score 4: it was on 2026-11-21, before the session; amend the score first
? 1
$ needlebook session amend 5 --at '2026-11-21 09:00' --reason 'date typed wrong'
> session 5 amended (revision 2) for ANN at 2026-11-21 09:00
> session 3 of 3 planned in course 1
> score 3 moved with it: pain-nrs 6, on 2026-11-21, session 5, course 1
! needlebook: warning: course:areas: course 1 plans cheek; this session also treats nose
= SELECT a.id, r.revision, r.assessed_on, r.session_id, r.course_id, r.reason FROM assessment a JOIN assessment_revision r ON r.assessment_id = a.id WHERE a.id >= 3 ORDER BY a.id, r.revision
> 3|1|2026-11-20|5|1|
> 3|2|2026-11-21|5|1|moved with session 5: date typed wrong
> 4|1|2026-11-21|5|1|

# A score taken at a session measures the session's course; the scores follow a session moved out
# of its course.
$ needlebook assess ANN --scale gais-patient --score 2 --session 5 --course 2
! needlebook: error: session 5 belongs to course 1; a score taken at it measures that course (or give --course none)
? 1
$ needlebook session amend 5 --course none --reason 'not part of the course'
> session 5 amended (revision 3) for ANN at 2026-11-21 09:00
> score 4 moved with it: gais-clinician 2 (much-improved), on 2026-11-21, session 5
> score 3 moved with it: pain-nrs 6, on 2026-11-21, session 5
= SELECT a.id, r.revision, r.course_id, r.reason FROM assessment a JOIN assessment_revision r ON r.assessment_id = a.id WHERE a.id >= 3 AND r.revision > 1 ORDER BY a.id, r.revision
> 3|2|1|moved with session 5: date typed wrong
> 3|3||moved with session 5: not part of the course
> 4|2||moved with session 5: not part of the course
