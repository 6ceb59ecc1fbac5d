# report followups: what needs a call on a given day. Open reactions with their days open
# (prolonged first, then the longest open), adverse events (open first), sessions with no
# follow-up once followup_due_days (7) have passed, patients due for their next session, and
# those due whom a condition keeps from it (none here: see report_followups_eligibility.t).
# Today is 2026-11-23. Figures worked out by hand:
#   S1 ANN 11-01  followed up 11-20  R1 erythema open: 22 days open, day 22 > 3: prolonged
#                                     R7 dryness-peeling 11-16..11-21 (day 20; closed)
#   S2 BEN 11-10  no follow-up (13 d) R2 acneiform-eruption open: 13 days, day 13 <= 14
#                                     R4 herpes-reactivation 11-12..11-19: adverse, day 9
#   S3 CAT 11-18  no follow-up (5 d)  R3 erythema open: 5 days, day 5 > 3: prolonged
#   S4 DAN 11-16  no follow-up, exactly 7 days: listed
#   S5 EVE 10-01  followed up 10-03   R5 erythema 10-01..10-03; only session, so due after the
#                                     setting interval_warn_days: 10-01 + 28 = 10-29, 25 days over
#   S6 BEN 10-20  VOIDED, no follow-up, R6 infection open: must appear nowhere
#   S7 FAY 09-01, S8 FAY 10-06 both followed up; last interval 35 days: due 11-10, 13 days over

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook patient add --family Okafor --given Ben --born 1979-02-03 --code BEN
> patient BEN registered: Okafor, Ben
$ needlebook patient add --family Tran --given Cat --born 1990-07-21 --code CAT
> patient CAT registered: Tran, Cat
$ needlebook patient add --family Reyes --given Dan --born 1972-12-30 --code DAN
> patient DAN registered: Reyes, Dan
$ needlebook patient add --family Ng --given Eve --born 1995-05-05 --code EVE
> patient EVE registered: Ng, Eve
$ needlebook patient add --family Lund --given Fay --born 1968-08-18 --code FAY
> patient FAY registered: Lund, Fay
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook consent add BEN --signed 2026-06-01
> consent 2 on file for BEN, signed 2026-06-01, covers microneedling serums
$ needlebook consent add CAT --signed 2026-06-01
> consent 3 on file for CAT, signed 2026-06-01, covers microneedling serums
$ needlebook consent add DAN --signed 2026-06-01
> consent 4 on file for DAN, signed 2026-06-01, covers microneedling serums
$ needlebook consent add EVE --signed 2026-06-01
> consent 5 on file for EVE, signed 2026-06-01, covers microneedling serums
$ needlebook consent add FAY --signed 2026-06-01
> consent 6 on file for FAY, signed 2026-06-01, covers microneedling serums

$ needlebook session log ANN --at "2026-11-01 10:00" --device pen --area cheek=1.0
> session 1 logged for ANN at 2026-11-01 10:00
$ needlebook session log BEN --at "2026-11-10 10:00" --device pen --area forehead=0.5
> session 2 logged for BEN at 2026-11-10 10:00
$ needlebook session log CAT --at "2026-11-18 10:00" --device pen --area neck=0.75
> session 3 logged for CAT at 2026-11-18 10:00
$ needlebook session log DAN --at "2026-11-16 10:00" --device pen --area chin=1.0
> session 4 logged for DAN at 2026-11-16 10:00
$ needlebook session log EVE --at "2026-10-01 10:00" --device roller --area thigh=1.5
> session 5 logged for EVE at 2026-10-01 10:00
$ needlebook session log BEN --at "2026-10-20 10:00" --device pen --area jawline=1.0
> session 6 logged for BEN at 2026-10-20 10:00
$ needlebook session log FAY --at "2026-09-01 10:00" --device pen --area cheek=1.0
> session 7 logged for FAY at 2026-09-01 10:00
$ needlebook session log FAY --at "2026-10-06 10:00" --device pen --area cheek=1.0
> session 8 logged for FAY at 2026-10-06 10:00

$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-01 --area cheek
> reaction 1 recorded for session 1: erythema, mild, open
$ needlebook reaction add 2 --kind acneiform-eruption --severity moderate --onset 2026-11-10 --area forehead
> reaction 2 recorded for session 2: acneiform eruption, moderate, open
$ needlebook reaction add 3 --kind erythema --severity mild --onset 2026-11-18 --area neck
> reaction 3 recorded for session 3: erythema, mild, open
$ needlebook reaction add 2 --kind herpes-reactivation --severity moderate --onset 2026-11-12
> reaction 4 recorded for session 2: herpes reactivation, moderate, open
$ needlebook reaction resolve 4 --on 2026-11-19
> reaction 4 resolved on 2026-11-19, 7 days after onset
$ needlebook reaction add 5 --kind erythema --severity mild --onset 2026-10-01 --resolved 2026-10-03 --area thigh
> reaction 5 recorded for session 5: erythema, mild
$ needlebook reaction add 6 --kind infection --severity severe --onset 2026-10-21 --area jawline
> reaction 6 recorded for session 6: infection, severe, open
$ needlebook reaction add 1 --kind dryness-peeling --severity mild --onset 2026-11-16 --resolved 2026-11-21
> reaction 7 recorded for session 1: dryness/peeling, mild
$ needlebook session void 6 --reason "logged in error"
> session 6 voided (revision 2): logged in error

$ needlebook followup add 1 --on 2026-11-20 --outcome reactions
> follow-up 1 recorded for session 1: reactions recorded
$ needlebook followup add 5 --on 2026-10-03 --outcome reactions
> follow-up 2 recorded for session 5: reactions recorded
$ needlebook followup add 7 --on 2026-09-03 --outcome none
> follow-up 3 recorded for session 7: no reaction
$ needlebook followup add 8 --on 2026-10-08 --outcome none
> follow-up 4 recorded for session 8: no reaction

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
> Open reactions, prolonged first (3)
> patient  session  session_day  reaction  kind                severity  area      onset       days_open  recovery_day  marks
> ANN            1  2026-11-01          1  erythema            mild      cheek     2026-11-01         22            22  open,prolonged
> CAT            3  2026-11-18          3  erythema            mild      neck      2026-11-18          5             5  open,prolonged
> BEN            2  2026-11-10          2  acneiform-eruption  moderate  forehead  2026-11-10         13            13  open
>
> Adverse events, open first (1)
> patient  session  session_day  reaction  kind                 severity  area  onset       resolved    recovery_day  marks
> BEN            2  2026-11-10          4  herpes-reactivation  moderate  -     2026-11-12  2026-11-19             9  adverse
>
> Sessions with no follow-up after 7 days (2)
> patient  name         session  session_day  days_since  reactions
> BEN      Okafor, Ben        2  2026-11-10           13          2
> DAN      Reyes, Dan         4  2026-11-16            7          0
>
> Patients due for their next session (2)
> patient  name       last_session  last_day    interval_days  interval_from               due_on      eligible_from  days_overdue
> EVE      Ng, Eve               5  2026-10-01             28  setting interval_warn_days  2026-10-29  -                        25
> FAY      Lund, Fay             8  2026-10-06             35  last interval               2026-11-10  -                        13
>
> Patients due but not eligible for their next session (0)
>   no patient due is blocked by a condition
>
> Courses due for their next session (late by at most 14 days) (0)
>   no course is due
>
> Courses overdue by more than 14 days (0)
>   no course is overdue

# As of 2026-11-15 the clinic stood otherwise: S3 and S4 had not happened, R3 had not begun,
# R4 (resolved 11-19) was still open, and S1's follow-up (11-20) was still to come.
#   R1: 11-01 -> 11-15 = 14 days open, day 14, prolonged; R2: 5 days, day 5;
#   R4: 11-12 -> 11-15 = 3 days open, day 11-10 -> 11-15 = 5, open and adverse (no norm, so
#   never prolonged).
#   S1: 14 days without a follow-up, with 1 reaction by then (R7 began on 11-16).
#   EVE due 10-29: 2 + 15 = 17 days over; FAY due 11-10: 5 days over.
$ needlebook report followups --as-of 2026-11-15
> Follow-ups
>   as of: 2026-11-15
>   followup due days: 7
>   course overdue days: 14
>   days_open = as-of date - onset; recovery_day = as-of date - session day
>   days_overdue = as-of date - due_on, or - eligible_from when a condition
>     blocked a session on due_on
>   not eligible: due, but a condition blocks a session on the as-of day
>   a course's next session is due its interval after the last one (the start day
>     before the first); days_late = as-of date - due_on
>
> Open reactions, prolonged first (3)
> patient  session  session_day  reaction  kind                 severity  area      onset       days_open  recovery_day  marks
> ANN            1  2026-11-01          1  erythema             mild      cheek     2026-11-01         14            14  open,prolonged
> BEN            2  2026-11-10          2  acneiform-eruption   moderate  forehead  2026-11-10          5             5  open
> BEN            2  2026-11-10          4  herpes-reactivation  moderate  -         2026-11-12          3             5  open,adverse
>
> Adverse events, open first (1)
> patient  session  session_day  reaction  kind                 severity  area  onset       resolved  recovery_day  marks
> BEN            2  2026-11-10          4  herpes-reactivation  moderate  -     2026-11-12  -                    5  open,adverse
>
> Sessions with no follow-up after 7 days (1)
> patient  name        session  session_day  days_since  reactions
> ANN      Smith, Ann        1  2026-11-01           14          1
>
> Patients due for their next session (2)
> patient  name       last_session  last_day    interval_days  interval_from               due_on      eligible_from  days_overdue
> EVE      Ng, Eve               5  2026-10-01             28  setting interval_warn_days  2026-10-29  -                        17
> FAY      Lund, Fay             8  2026-10-06             35  last interval               2026-11-10  -                         5
>
> Patients due but not eligible for their next session (0)
>   no patient due is blocked by a condition
>
> Courses due for their next session (late by at most 14 days) (0)
>   no course is due
>
> Courses overdue by more than 14 days (0)
>   no course is overdue

# As CSV: one table with a 'list' column, the columns of all five lists in order of first
# appearance, empty cells for columns a list does not have, CRLF line ends.
$ needlebook report followups --format csv
> list,patient,session,session_day,reaction,kind,severity,area,onset,days_open,recovery_day,marks,resolved,name,days_since,reactions,last_session,last_day,interval_days,interval_from,due_on,eligible_from,days_overdue,blocked_by,eligibility,course,indication,done,planned,every_days,days_late\r
> open_reactions,ANN,1,2026-11-01,1,erythema,mild,cheek,2026-11-01,22,22,"open,prolonged",,,,,,,,,,,,,,,,,,,\r
> open_reactions,CAT,3,2026-11-18,3,erythema,mild,neck,2026-11-18,5,5,"open,prolonged",,,,,,,,,,,,,,,,,,,\r
> open_reactions,BEN,2,2026-11-10,2,acneiform-eruption,moderate,forehead,2026-11-10,13,13,open,,,,,,,,,,,,,,,,,,,\r
> adverse_events,BEN,2,2026-11-10,4,herpes-reactivation,moderate,,2026-11-12,,9,adverse,2026-11-19,,,,,,,,,,,,,,,,,,\r
> sessions_without_followup,BEN,2,2026-11-10,,,,,,,,,,"Okafor, Ben",13,2,,,,,,,,,,,,,,,\r
> sessions_without_followup,DAN,4,2026-11-16,,,,,,,,,,"Reyes, Dan",7,0,,,,,,,,,,,,,,,\r
> patients_due,EVE,,,,,,,,,,,,"Ng, Eve",,,5,2026-10-01,28,setting interval_warn_days,2026-10-29,,25,,,,,,,,\r
> patients_due,FAY,,,,,,,,,,,,"Lund, Fay",,,8,2026-10-06,35,last interval,2026-11-10,,13,,,,,,,,\r

# Today is the latest day a report can be about (the same report as without --as-of); a later
# day is refused, and so is a bad date.
$ needlebook report followups --as-of 2026-11-23 --format csv
> list,patient,session,session_day,reaction,kind,severity,area,onset,days_open,recovery_day,marks,resolved,name,days_since,reactions,last_session,last_day,interval_days,interval_from,due_on,eligible_from,days_overdue,blocked_by,eligibility,course,indication,done,planned,every_days,days_late\r
> open_reactions,ANN,1,2026-11-01,1,erythema,mild,cheek,2026-11-01,22,22,"open,prolonged",,,,,,,,,,,,,,,,,,,\r
> open_reactions,CAT,3,2026-11-18,3,erythema,mild,neck,2026-11-18,5,5,"open,prolonged",,,,,,,,,,,,,,,,,,,\r
> open_reactions,BEN,2,2026-11-10,2,acneiform-eruption,moderate,forehead,2026-11-10,13,13,open,,,,,,,,,,,,,,,,,,,\r
> adverse_events,BEN,2,2026-11-10,4,herpes-reactivation,moderate,,2026-11-12,,9,adverse,2026-11-19,,,,,,,,,,,,,,,,,,\r
> sessions_without_followup,BEN,2,2026-11-10,,,,,,,,,,"Okafor, Ben",13,2,,,,,,,,,,,,,,,\r
> sessions_without_followup,DAN,4,2026-11-16,,,,,,,,,,"Reyes, Dan",7,0,,,,,,,,,,,,,,,\r
> patients_due,EVE,,,,,,,,,,,,"Ng, Eve",,,5,2026-10-01,28,setting interval_warn_days,2026-10-29,,25,,,,,,,,\r
> patients_due,FAY,,,,,,,,,,,,"Lund, Fay",,,8,2026-10-06,35,last interval,2026-11-10,,13,,,,,,,,\r
$ needlebook report followups --as-of 2026-11-24
! needlebook: error: --as-of 2026-11-24 is after today (2026-11-23); a report cannot know what has not happened yet
? 1
$ needlebook report followups --as-of 2026-11-31
! needlebook: error: as-of '2026-11-31' is not a date in the calendar
? 1

# A follow-up settles a session from the day it was done: the follow-up of S2 today takes it off
# the list; DAN's session stays.
$ needlebook followup add 2 --on 2026-11-23 --outcome reactions --note "herpes settled, acne flare ongoing"
> follow-up 5 recorded for session 2: reactions recorded
$ needlebook report followups --format json
> {
>   "report": "Follow-ups",
>   "as_of": "2026-11-23",
>   "followup_due_days": 7,
>   "course_overdue_days": 14,
>   "notes": [
>     "days_open = as-of date - onset; recovery_day = as-of date - session day",
>     "days_overdue = as-of date - due_on, or - eligible_from when a condition blocked a session on due_on",
>     "not eligible: due, but a condition blocks a session on the as-of day",
>     "a course's next session is due its interval after the last one (the start day before the first); days_late = as-of date - due_on"
>   ],
>   "open_reactions": [
>     {
>       "patient": "ANN",
>       "session": 1,
>       "session_day": "2026-11-01",
>       "reaction": 1,
>       "kind": "erythema",
>       "severity": "mild",
>       "area": "cheek",
>       "onset": "2026-11-01",
>       "days_open": 22,
>       "recovery_day": 22,
>       "marks": "open,prolonged"
>     },
>     {
>       "patient": "CAT",
>       "session": 3,
>       "session_day": "2026-11-18",
>       "reaction": 3,
>       "kind": "erythema",
>       "severity": "mild",
>       "area": "neck",
>       "onset": "2026-11-18",
>       "days_open": 5,
>       "recovery_day": 5,
>       "marks": "open,prolonged"
>     },
>     {
>       "patient": "BEN",
>       "session": 2,
>       "session_day": "2026-11-10",
>       "reaction": 2,
>       "kind": "acneiform-eruption",
>       "severity": "moderate",
>       "area": "forehead",
>       "onset": "2026-11-10",
>       "days_open": 13,
>       "recovery_day": 13,
>       "marks": "open"
>     }
>   ],
>   "adverse_events": [
>     {
>       "patient": "BEN",
>       "session": 2,
>       "session_day": "2026-11-10",
>       "reaction": 4,
>       "kind": "herpes-reactivation",
>       "severity": "moderate",
>       "area": null,
>       "onset": "2026-11-12",
>       "resolved": "2026-11-19",
>       "recovery_day": 9,
>       "marks": "adverse"
>     }
>   ],
>   "sessions_without_followup": [
>     {
>       "patient": "DAN",
>       "name": "Reyes, Dan",
>       "session": 4,
>       "session_day": "2026-11-16",
>       "days_since": 7,
>       "reactions": 0
>     }
>   ],
>   "patients_due": [
>     {
>       "patient": "EVE",
>       "name": "Ng, Eve",
>       "last_session": 5,
>       "last_day": "2026-10-01",
>       "interval_days": 28,
>       "interval_from": "setting interval_warn_days",
>       "due_on": "2026-10-29",
>       "eligible_from": null,
>       "days_overdue": 25
>     },
>     {
>       "patient": "FAY",
>       "name": "Lund, Fay",
>       "last_session": 8,
>       "last_day": "2026-10-06",
>       "interval_days": 35,
>       "interval_from": "last interval",
>       "due_on": "2026-11-10",
>       "eligible_from": null,
>       "days_overdue": 13
>     }
>   ],
>   "patients_not_eligible": [],
>   "courses_due": [],
>   "courses_overdue": []
> }

# Nothing to report reads as such (as of the first session's day, 2026-09-01: FAY's S7 is 0 days
# old, no reaction has begun, and her next session is due 09-29).
$ needlebook report followups --as-of 2026-09-01
> Follow-ups
>   as of: 2026-09-01
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
> Sessions with no follow-up after 7 days (0)
>   no session is overdue for a follow-up
>
> Patients due for their next session (0)
>   nobody is due
>
> Patients due but not eligible for their next session (0)
>   no patient due is blocked by a condition
>
> Courses due for their next session (late by at most 14 days) (0)
>   no course is due
>
> Courses overdue by more than 14 days (0)
>   no course is overdue

# Two sessions on one day are one visit, not an interval of 0 days: GUS, seen twice on 11-20
# (both followed up), is not due for his next session 3 days later. His only visit day gives
# the setting's 28 days: due 12-18.
$ needlebook patient add --family Berg --given Gus --born 1980-01-01 --code GUS
> patient GUS registered: Berg, Gus
$ needlebook consent add GUS --signed 2026-06-01
> consent 7 on file for GUS, signed 2026-06-01, covers microneedling serums
$ needlebook session log GUS --at "2026-11-20 10:00" --device pen --area cheek=1.0
> session 9 logged for GUS at 2026-11-20 10:00
$ needlebook session log GUS --at "2026-11-20 11:00" --device pen --area neck=0.5
> session 10 logged for GUS at 2026-11-20 11:00
! needlebook: warning: same-day: session 9 on 2026-11-20 10:00 is the same day; to add areas to it, use 'session amend 9 --area …' instead
$ needlebook followup add 9 --on 2026-11-21 --outcome none
> follow-up 6 recorded for session 9: no reaction
$ needlebook followup add 10 --on 2026-11-21 --outcome none
> follow-up 7 recorded for session 10: no reaction
$ needlebook report followups --format csv
> list,patient,session,session_day,reaction,kind,severity,area,onset,days_open,recovery_day,marks,resolved,name,days_since,reactions,last_session,last_day,interval_days,interval_from,due_on,eligible_from,days_overdue,blocked_by,eligibility,course,indication,done,planned,every_days,days_late\r
> open_reactions,ANN,1,2026-11-01,1,erythema,mild,cheek,2026-11-01,22,22,"open,prolonged",,,,,,,,,,,,,,,,,,,\r
> open_reactions,CAT,3,2026-11-18,3,erythema,mild,neck,2026-11-18,5,5,"open,prolonged",,,,,,,,,,,,,,,,,,,\r
> open_reactions,BEN,2,2026-11-10,2,acneiform-eruption,moderate,forehead,2026-11-10,13,13,open,,,,,,,,,,,,,,,,,,,\r
> adverse_events,BEN,2,2026-11-10,4,herpes-reactivation,moderate,,2026-11-12,,9,adverse,2026-11-19,,,,,,,,,,,,,,,,,,\r
> sessions_without_followup,DAN,4,2026-11-16,,,,,,,,,,"Reyes, Dan",7,0,,,,,,,,,,,,,,,\r
> patients_due,EVE,,,,,,,,,,,,"Ng, Eve",,,5,2026-10-01,28,setting interval_warn_days,2026-10-29,,25,,,,,,,,\r
> patients_due,FAY,,,,,,,,,,,,"Lund, Fay",,,8,2026-10-06,35,last interval,2026-11-10,,13,,,,,,,,\r
