# A session whose clinic-local day is before the patient's birth date is a mistyped year: refused
# (exit 1) whatever the override, on log and on amend. The birth day itself is fine.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12
> patient P-000001 registered: Smith, Ann
$ needlebook patient add --family Okafor --given Bola --born 1979-03-02
> patient P-000002 registered: Okafor, Bola
$ needlebook patient add --family Lee --given Cam --born 1990-01-31
> patient P-000003 registered: Lee, Cam
$ needlebook consent add P-000003 --signed 2026-06-01
> consent 1 on file for P-000003, signed 2026-06-01, covers microneedling serums

$ needlebook session log P-000003 --at '1980-01-01 10:00' --device pen --area cheek=1.0
! needlebook: error: session on 1980-01-01 is before P-000003 was born (1990-01-31); check the year
? 1

$ needlebook session log P-000003 --at '1980-01-01 10:00' --device pen --area cheek=1.0 --override 'as the chart says'
! needlebook: error: session on 1980-01-01 is before P-000003 was born (1990-01-31); check the year
? 1

# The day before the birth day, late in the evening.
$ needlebook session log P-000003 --at '1990-01-30 23:59' --device pen --area cheek=1.0
! needlebook: error: session on 1990-01-30 is before P-000003 was born (1990-01-31); check the year
? 1

$ needlebook session log P-000003 --at '2026-11-20 10:00' --device pen --area cheek=1.0
> session 1 logged for P-000003 at 2026-11-20 10:00

# Amending the session to a year before the birth is refused too.
$ needlebook session amend 1 --reason 'year mistyped' --at '1989-11-20 10:00'
! needlebook: error: session on 1989-11-20 is before P-000003 was born (1990-01-31); check the year
? 1

= SELECT session_id, revision, performed_at FROM session_revision
> 1|1|2026-11-20T10:00:00Z

# The day is the clinic's: 23:00 UTC on 1 July is already 2 July in London (BST).
$ needlebook patient add --family Early --given Eve --born 2026-07-02
> patient P-000004 registered: Early, Eve
$ needlebook consent add P-000004 --signed 2026-07-02 --guardian "Ada Early (mother)"
> consent 2 on file for P-000004, signed 2026-07-02 by Ada Early (mother) (guardian), covers microneedling serums
$ needlebook session log P-000004 --at 2026-07-01T22:59Z --device pen --area cheek=1.0
! needlebook: error: session on 2026-07-01 is before P-000004 was born (2026-07-02); check the year
? 1
$ needlebook session log P-000004 --at 2026-07-01T23:00Z --device pen --area cheek=1.0
> session 2 logged for P-000004 at 2026-07-02 00:00

= SELECT s.id, p.code, r.performed_at FROM session s JOIN patient p ON p.id = s.patient_id JOIN session_revision r ON r.session_id = s.id ORDER BY s.id
> 1|P-000003|2026-11-20T10:00:00Z
> 2|P-000004|2026-07-01T23:00:00Z
