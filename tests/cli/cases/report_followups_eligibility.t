# report followups: a patient due whom a condition keeps from the next session is listed as not
# eligible (until a day, or while the condition is active), not as due or overdue. Eligible is
# what 'session log' would say about the conditions on that day: a blocking condition active
# (setting condition.CODE, block by default), or isotretinoin stopped less than
# isotretinoin_months (6) before. Today is 2026-11-23. Everyone was treated once, on 2026-09-01,
# so is due after interval_warn_days (28) on 2026-09-29, 55 days ago.
#   AMY  nothing on file                            due, 55 days overdue
#   IZZY isotretinoin 09-05 .. stopped 10-15         not eligible until 2027-04-15
#   ELLA eczema since 09-20                          not eligible while eczema is active
#   ROSA rosacea-flare since 09-20 (warns)           due, 55 days overdue
#   PIA  psoriasis 09-20 .. 11-02                    blocked on the due day, not today: due,
#                                                    overdue from 11-02 (eligible_from), 21 days
#   DORA eczema since 09-20, and isotretinoin stopped 10-15:
#                                                    not eligible while eczema is active

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Adams --given Amy --born 1985-04-12 --code AMY
> patient AMY registered: Adams, Amy
$ needlebook patient add --family Ito --given Izzy --born 1990-02-03 --code IZZY
> patient IZZY registered: Ito, Izzy
$ needlebook patient add --family Egan --given Ella --born 1979-07-21 --code ELLA
> patient ELLA registered: Egan, Ella
$ needlebook patient add --family Ross --given Rosa --born 1982-12-30 --code ROSA
> patient ROSA registered: Ross, Rosa
$ needlebook patient add --family Park --given Pia --born 1995-05-05 --code PIA
> patient PIA registered: Park, Pia
$ needlebook patient add --family Doyle --given Dora --born 1988-08-18 --code DORA
> patient DORA registered: Doyle, Dora
$ needlebook consent add AMY --signed 2026-06-01
> consent 1 on file for AMY, signed 2026-06-01, covers microneedling serums
$ needlebook consent add IZZY --signed 2026-06-01
> consent 2 on file for IZZY, signed 2026-06-01, covers microneedling serums
$ needlebook consent add ELLA --signed 2026-06-01
> consent 3 on file for ELLA, signed 2026-06-01, covers microneedling serums
$ needlebook consent add ROSA --signed 2026-06-01
> consent 4 on file for ROSA, signed 2026-06-01, covers microneedling serums
$ needlebook consent add PIA --signed 2026-06-01
> consent 5 on file for PIA, signed 2026-06-01, covers microneedling serums
$ needlebook consent add DORA --signed 2026-06-01
> consent 6 on file for DORA, signed 2026-06-01, covers microneedling serums
$ needlebook session log AMY --at "2026-09-01 09:00" --device pen --area cheek=1.0
> session 1 logged for AMY at 2026-09-01 09:00
$ needlebook session log IZZY --at "2026-09-01 10:00" --device pen --area cheek=1.0
> session 2 logged for IZZY at 2026-09-01 10:00
$ needlebook session log ELLA --at "2026-09-01 11:00" --device pen --area cheek=1.0
> session 3 logged for ELLA at 2026-09-01 11:00
$ needlebook session log ROSA --at "2026-09-01 12:00" --device pen --area cheek=1.0
> session 4 logged for ROSA at 2026-09-01 12:00
$ needlebook session log PIA --at "2026-09-01 13:00" --device pen --area cheek=1.0
> session 5 logged for PIA at 2026-09-01 13:00
$ needlebook session log DORA --at "2026-09-01 14:00" --device pen --area cheek=1.0
> session 6 logged for DORA at 2026-09-01 14:00
$ needlebook followup add 1 --on 2026-09-03 --outcome none
> follow-up 1 recorded for session 1: no reaction
$ needlebook followup add 2 --on 2026-09-03 --outcome none
> follow-up 2 recorded for session 2: no reaction
$ needlebook followup add 3 --on 2026-09-03 --outcome none
> follow-up 3 recorded for session 3: no reaction
$ needlebook followup add 4 --on 2026-09-03 --outcome none
> follow-up 4 recorded for session 4: no reaction
$ needlebook followup add 5 --on 2026-09-03 --outcome none
> follow-up 5 recorded for session 5: no reaction
$ needlebook followup add 6 --on 2026-09-03 --outcome none
> follow-up 6 recorded for session 6: no reaction

$ needlebook condition add IZZY --code isotretinoin --since 2026-09-05
> condition 1 on file for IZZY: isotretinoin
$ needlebook condition resolve IZZY --code isotretinoin --on 2026-10-15
> condition 1 of IZZY resolved on 2026-10-15: isotretinoin
$ needlebook condition add ELLA --code eczema --since 2026-09-20
> condition 2 on file for ELLA: eczema
$ needlebook condition add ROSA --code rosacea-flare --since 2026-09-20
> condition 3 on file for ROSA: rosacea flare
$ needlebook condition add PIA --code psoriasis --since 2026-09-20
> condition 4 on file for PIA: psoriasis
$ needlebook condition resolve PIA --code psoriasis --on 2026-11-02
> condition 4 of PIA resolved on 2026-11-02: psoriasis
$ needlebook condition add DORA --code eczema --since 2026-09-20
> condition 5 on file for DORA: eczema
$ needlebook condition add DORA --code isotretinoin --since 2026-09-05
> condition 6 on file for DORA: isotretinoin
$ needlebook condition resolve DORA --code isotretinoin --on 2026-10-15
> condition 6 of DORA resolved on 2026-10-15: isotretinoin

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
> Sessions with no follow-up after 7 days (0)
>   no session is overdue for a follow-up
>
> Patients due for their next session (3)
> patient  name        last_session  last_day    interval_days  interval_from               due_on      eligible_from  days_overdue
> AMY      Adams, Amy             1  2026-09-01             28  setting interval_warn_days  2026-09-29  -                        55
> ROSA     Ross, Rosa             4  2026-09-01             28  setting interval_warn_days  2026-09-29  -                        55
> PIA      Park, Pia              5  2026-09-01             28  setting interval_warn_days  2026-09-29  2026-11-02               21
>
> Patients due but not eligible for their next session (3)
> patient  name         last_session  last_day    due_on      eligible_from  blocked_by           eligibility
> IZZY     Ito, Izzy               2  2026-09-01  2026-09-29  2027-04-15     isotretinoin         not eligible until 2027-04-15 (isotretinoin stopped on 2026-10-15)
> ELLA     Egan, Ella              3  2026-09-01  2026-09-29  -              eczema               not eligible while eczema is active
> DORA     Doyle, Dora             6  2026-09-01  2026-09-29  -              eczema,isotretinoin  not eligible while eczema is active
>
> Courses due for their next session (late by at most 14 days) (0)
>   no course is due
>
> Courses overdue by more than 14 days (0)
>   no course is overdue

# What the report says is what 'session log' says: IZZY is refused today, and ROSA, whose
# condition only warns, is treated (so she is no longer due in the reports below).
$ needlebook session log IZZY --at "2026-11-23 10:00" --device pen --area cheek=1.0
! needlebook: error: session refused by the clinical checks:
!   condition:isotretinoin: isotretinoin stopped on 2026-10-15, less than 6 months before the session
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1
$ needlebook session log ROSA --at "2026-11-23 10:00" --device pen --area cheek=1.0
> session 7 logged for ROSA at 2026-11-23 10:00
! needlebook: warning: condition:rosacea-flare: rosacea flare on file since 2026-09-20

# As of 2026-11-01 PIA's psoriasis had not resolved yet (11-02): she was not eligible then,
# with no end known; ROSA had not been treated again.
$ needlebook report followups --as-of 2026-11-01
> Follow-ups
>   as of: 2026-11-01
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
> Patients due for their next session (2)
> patient  name        last_session  last_day    interval_days  interval_from               due_on      eligible_from  days_overdue
> AMY      Adams, Amy             1  2026-09-01             28  setting interval_warn_days  2026-09-29  -                        33
> ROSA     Ross, Rosa             4  2026-09-01             28  setting interval_warn_days  2026-09-29  -                        33
>
> Patients due but not eligible for their next session (4)
> patient  name         last_session  last_day    due_on      eligible_from  blocked_by           eligibility
> IZZY     Ito, Izzy               2  2026-09-01  2026-09-29  2027-04-15     isotretinoin         not eligible until 2027-04-15 (isotretinoin stopped on 2026-10-15)
> ELLA     Egan, Ella              3  2026-09-01  2026-09-29  -              eczema               not eligible while eczema is active
> PIA      Park, Pia               5  2026-09-01  2026-09-29  -              psoriasis            not eligible while psoriasis is active
> DORA     Doyle, Dora             6  2026-09-01  2026-09-29  -              eczema,isotretinoin  not eligible while eczema is active
>
> Courses due for their next session (late by at most 14 days) (0)
>   no course is due
>
> Courses overdue by more than 14 days (0)
>   no course is overdue

# JSON and CSV carry the same lists: eligible_from is null (empty) when no end is on file, and
# blocked_by names the conditions by code.
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
>   "open_reactions": [],
>   "adverse_events": [],
>   "sessions_without_followup": [],
>   "patients_due": [
>     {
>       "patient": "AMY",
>       "name": "Adams, Amy",
>       "last_session": 1,
>       "last_day": "2026-09-01",
>       "interval_days": 28,
>       "interval_from": "setting interval_warn_days",
>       "due_on": "2026-09-29",
>       "eligible_from": null,
>       "days_overdue": 55
>     },
>     {
>       "patient": "PIA",
>       "name": "Park, Pia",
>       "last_session": 5,
>       "last_day": "2026-09-01",
>       "interval_days": 28,
>       "interval_from": "setting interval_warn_days",
>       "due_on": "2026-09-29",
>       "eligible_from": "2026-11-02",
>       "days_overdue": 21
>     }
>   ],
>   "patients_not_eligible": [
>     {
>       "patient": "IZZY",
>       "name": "Ito, Izzy",
>       "last_session": 2,
>       "last_day": "2026-09-01",
>       "due_on": "2026-09-29",
>       "eligible_from": "2027-04-15",
>       "blocked_by": "isotretinoin",
>       "eligibility": "not eligible until 2027-04-15 (isotretinoin stopped on 2026-10-15)"
>     },
>     {
>       "patient": "ELLA",
>       "name": "Egan, Ella",
>       "last_session": 3,
>       "last_day": "2026-09-01",
>       "due_on": "2026-09-29",
>       "eligible_from": null,
>       "blocked_by": "eczema",
>       "eligibility": "not eligible while eczema is active"
>     },
>     {
>       "patient": "DORA",
>       "name": "Doyle, Dora",
>       "last_session": 6,
>       "last_day": "2026-09-01",
>       "due_on": "2026-09-29",
>       "eligible_from": null,
>       "blocked_by": "eczema,isotretinoin",
>       "eligibility": "not eligible while eczema is active"
>     }
>   ],
>   "courses_due": [],
>   "courses_overdue": []
> }
$ needlebook report followups --format csv
> list,patient,session,session_day,reaction,kind,severity,area,onset,days_open,recovery_day,marks,resolved,name,days_since,reactions,last_session,last_day,interval_days,interval_from,due_on,eligible_from,days_overdue,blocked_by,eligibility,course,indication,done,planned,every_days,days_late\r
> patients_due,AMY,,,,,,,,,,,,"Adams, Amy",,,1,2026-09-01,28,setting interval_warn_days,2026-09-29,,55,,,,,,,,\r
> patients_due,PIA,,,,,,,,,,,,"Park, Pia",,,5,2026-09-01,28,setting interval_warn_days,2026-09-29,2026-11-02,21,,,,,,,,\r
> patients_not_eligible,IZZY,,,,,,,,,,,,"Ito, Izzy",,,2,2026-09-01,,,2026-09-29,2027-04-15,,isotretinoin,not eligible until 2027-04-15 (isotretinoin stopped on 2026-10-15),,,,,,\r
> patients_not_eligible,ELLA,,,,,,,,,,,,"Egan, Ella",,,3,2026-09-01,,,2026-09-29,,,eczema,not eligible while eczema is active,,,,,,\r
> patients_not_eligible,DORA,,,,,,,,,,,,"Doyle, Dora",,,6,2026-09-01,,,2026-09-29,,,"eczema,isotretinoin",not eligible while eczema is active,,,,,,\r

# The clinic's settings decide: eczema set to warn frees ELLA (due, 55 days overdue) and leaves
# DORA waiting for the end of her isotretinoin period; a 3-month period ends on 2027-01-15.
$ needlebook setting set condition.eczema warn --reason "dermatologist review of the policy"
> condition.eczema: block -> warn
$ needlebook setting set isotretinoin_months 3 --reason "following the 2017 ASDS guideline"
> isotretinoin_months: 6 -> 3
$ needlebook report followups --format csv
> list,patient,session,session_day,reaction,kind,severity,area,onset,days_open,recovery_day,marks,resolved,name,days_since,reactions,last_session,last_day,interval_days,interval_from,due_on,eligible_from,days_overdue,blocked_by,eligibility,course,indication,done,planned,every_days,days_late\r
> patients_due,AMY,,,,,,,,,,,,"Adams, Amy",,,1,2026-09-01,28,setting interval_warn_days,2026-09-29,,55,,,,,,,,\r
> patients_due,ELLA,,,,,,,,,,,,"Egan, Ella",,,3,2026-09-01,28,setting interval_warn_days,2026-09-29,,55,,,,,,,,\r
> patients_due,PIA,,,,,,,,,,,,"Park, Pia",,,5,2026-09-01,28,setting interval_warn_days,2026-09-29,2026-11-02,21,,,,,,,,\r
> patients_not_eligible,IZZY,,,,,,,,,,,,"Ito, Izzy",,,2,2026-09-01,,,2026-09-29,2027-01-15,,isotretinoin,not eligible until 2027-01-15 (isotretinoin stopped on 2026-10-15),,,,,,\r
> patients_not_eligible,DORA,,,,,,,,,,,,"Doyle, Dora",,,6,2026-09-01,,,2026-09-29,2027-01-15,,isotretinoin,not eligible until 2027-01-15 (isotretinoin stopped on 2026-10-15),,,,,,\r
