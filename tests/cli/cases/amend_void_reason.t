# Amend and void need a reason: leaving out --reason is a usage error (exit 2), a blank reason is
# refused (exit 1), and an amendment that changes nothing is refused; the reason is stored with
# the revision and in the audit log.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook session log ANN --at "2026-11-10 10:00" --device pen --area cheek=1.0
> session 1 logged for ANN at 2026-11-10 10:00

# No --reason at all: usage error.
$ needlebook session amend 1 --note x
! needlebook: error: --reason is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook session void 1
! needlebook: error: --reason is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook patient amend ANN --phone 1
! needlebook: error: --reason is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook session amend 1 --note x --reason
! needlebook: error: --reason: 1 required TEXT missing
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

# A blank reason: refused.
$ needlebook session amend 1 --reason "" --note x
! needlebook: error: reason must say why, e.g. --reason "typo in depth"
? 1

$ needlebook session amend 1 --reason '   ' --note x
! needlebook: error: reason must say why, e.g. --reason "typo in depth"
? 1

$ needlebook session void 1 --reason ""
! needlebook: error: reason must say why, e.g. --reason "typo in depth"
? 1

$ needlebook session void 1 --reason ' '
! needlebook: error: reason must say why, e.g. --reason "typo in depth"
? 1

$ needlebook patient amend ANN --reason "" --phone 1
! needlebook: error: reason must say why, e.g. --reason "typo in depth"
? 1

# An amendment must change something.
$ needlebook session amend 1 --reason 'nothing'
! needlebook: error: session 1 already reads like that; nothing to amend
? 1

$ needlebook session amend 1 --reason 'same depth' --area cheek=1.00
! needlebook: error: session 1 already reads like that; nothing to amend
? 1

$ needlebook patient amend ANN --reason 'nothing'
! needlebook: error: patient ANN already reads like that; nothing to amend
? 1

$ needlebook patient amend ANN --reason 'same name' --family Smith
! needlebook: error: patient ANN already reads like that; nothing to amend
? 1

# An amendment is checked like a new session.
$ needlebook session amend 1 --reason 'moved' --at '2026-11-30 10:00'
! needlebook: error: session time 2026-11-30 10:00 is in the future (now is 2026-11-23 15:00); log a session after it happened
? 1

$ needlebook session amend 1 --reason 'depth' --area cheek=3.5
! needlebook: error: depth 3.50 mm on cheek is outside (0, 3.0] mm; no override can allow it
? 1

$ needlebook session amend 1 --reason 'device' --device laser
! needlebook: error: unknown device 'laser'; allowed: pen, roller, stamp or rf
? 1

# Done right.
$ needlebook session amend 1 --reason 'note added at follow-up' --note 'tolerated well'
> session 1 amended (revision 2) for ANN at 2026-11-10 10:00

$ needlebook patient amend ANN --reason 'married name' --family Jones
> patient ANN amended (revision 2): Jones, Ann

$ needlebook session void 1 --reason 'patient withdrew consent for the record'
> session 1 voided (revision 3): patient withdrew consent for the record

= SELECT session_id, revision, note, reason, voided FROM session_revision ORDER BY revision
> 1|1|||0
> 1|2|tolerated well|note added at follow-up|0
> 1|3|tolerated well|patient withdrew consent for the record|1
= SELECT revision, family_name, reason FROM patient_revision ORDER BY revision
> 1|Smith|
> 2|Jones|married name
= SELECT action, record_kind, record_id, revision, reason FROM audit_log WHERE action LIKE '%.amend' OR action LIKE '%.void' ORDER BY id
> session.amend|session|1|2|note added at follow-up
> patient.amend|patient|1|2|married name
> session.void|session|1|3|patient withdrew consent for the record
