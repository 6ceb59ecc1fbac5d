# Who did what: every write adds one audit row naming the actor ($NEEDLEBOOK_USER, or --as which
# wins), the action, the patient, the record and its revision; the practitioner of a session
# defaults to the actor but may be someone else. Refused commands add no row.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
# Creating the database is the first row, in the creator's name; then a row for each setting
# and catalogue product the schema seeded (57 settings, 6 products).
= SELECT id, actor, action, reason FROM audit_log WHERE action NOT LIKE '%.seed'
> 1|tester|schema.create|new database at schema 11
= SELECT action, record_kind, count(*), min(id), max(id) FROM audit_log WHERE action LIKE '%.seed' GROUP BY action ORDER BY action
> product.seed|product|6|65|70
> setting.seed|setting|63|2|64

$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann

%env NEEDLEBOOK_USER=reception
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums

$ needlebook --as dr.jones session log ANN --at "2026-11-20 10:00" --device pen --area cheek=1.0
> session 1 logged for ANN at 2026-11-20 10:00

# --as may also follow the command; the practitioner can differ from who types it in.
$ needlebook session log ANN --at "2026-11-20 11:00" --device pen --area neck=0.5 --practitioner "Dr Patel" --as nurse.kim
> session 2 logged for ANN at 2026-11-20 11:00
! needlebook: warning: same-day: session 1 on 2026-11-20 10:00 is the same day; to add areas to it, use 'session amend 1 --area …' instead

= SELECT session_id, practitioner, author FROM session_revision ORDER BY id
> 1|dr.jones|dr.jones
> 2|Dr Patel|nurse.kim

# Refused: no audit row.
$ needlebook --as dr.jones session log ANN --at "2026-11-21 10:00" --device pen --area cheek=1.0
! needlebook: error: session refused by the clinical checks:
!   interval:cheek: cheek was also treated 1 day earlier, in session 1 on 2026-11-20 10:00 (clinic minimum 14 days)
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

$ needlebook --as dr.jones session log ANN --at "2026-11-21 10:00" --device pen --area forehead=0.25 --practitioner " "
! needlebook: error: practitioner must not be empty
? 1

# Every revision and audit row names who wrote it: a blank actor is refused.
$ needlebook --as " " consent add ANN --signed 2026-11-01
! needlebook: error: the acting user is blank; give --as NAME or set NEEDLEBOOK_USER
? 1

$ needlebook --as "" consent add ANN --signed 2026-11-01
! needlebook: error: --as: must not be empty
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook --as dr.jones session amend 2 --reason "practitioner was Dr Jones" --practitioner dr.jones
> session 2 amended (revision 2) for ANN at 2026-11-20 11:00

$ needlebook reaction add 2 --kind erythema --severity mild --onset 2026-11-20 --area neck
> reaction 1 recorded for session 2: erythema, mild, open

# Each row also names the operating-system account that ran needlebook (whoever --as names) and
# marks a clock fixed by NEEDLEBOOK_NOW.
= SELECT id, at, actor, action, patient_id, record_kind, record_id, revision, reason, os_user IS NOT NULL AND os_user <> '', clock_fixed FROM audit_log WHERE action NOT LIKE '%.seed' ORDER BY id
> 1|2026-11-23T15:00:00Z|tester|schema.create|||||new database at schema 11|1|1
> 71|2026-11-23T15:00:00Z|tester|patient.add|1|patient|1|1||1|1
> 72|2026-11-23T15:00:00Z|reception|consent.add|1|consent|1|1||1|1
> 73|2026-11-23T15:00:00Z|dr.jones|session.log|1|session|1|1||1|1
> 74|2026-11-23T15:00:00Z|nurse.kim|session.log|1|session|2|1||1|1
> 75|2026-11-23T15:00:00Z|dr.jones|session.amend|1|session|2|2|practitioner was Dr Jones|1|1
> 76|2026-11-23T15:00:00Z|reception|reaction.add|1|reaction|1|1||1|1

# Each row carries the hash of the one before it.
= SELECT count(*) FROM audit_log a JOIN audit_log b ON b.id = a.id + 1 WHERE b.prev_hash = a.hash AND length(a.hash) = 64
> 75
= SELECT prev_hash IS NULL FROM audit_log WHERE id = 1
> 1

# One patient's sessions, in time order.
$ needlebook session list --patient ANN
> id  at                patient  device  areas       serums  flags
>  1  2026-11-20 10:00  ANN      pen     cheek=1.00  0
>  2  2026-11-20 11:00  ANN      pen     neck=0.50   0       amended
