# Records that do not exist: an unknown chart code, session id or reaction id is refused with
# exit 1 and a hint where to find the right one; ids that are not positive whole numbers say so.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook session log ANN --at "2026-11-10 10:00" --device pen --area cheek=1.0
> session 1 logged for ANN at 2026-11-10 10:00

# Unknown patient, in every command that takes one.
$ needlebook session log P-999999 --at '2026-11-20 10:00' --device pen --area neck=0.5
! needlebook: error: no patient with chart code 'P-999999'; see 'needlebook patient list'
? 1

$ needlebook patient show P-999999
! needlebook: error: no patient with chart code 'P-999999'; see 'needlebook patient list'
? 1

$ needlebook patient amend P-999999 --reason 'new phone' --phone 123
! needlebook: error: no patient with chart code 'P-999999'; see 'needlebook patient list'
? 1

$ needlebook consent add P-999999 --signed 2026-06-01
! needlebook: error: no patient with chart code 'P-999999'; see 'needlebook patient list'
? 1

$ needlebook condition add P-999999 --code eczema
! needlebook: error: no patient with chart code 'P-999999'; see 'needlebook patient list'
? 1

$ needlebook condition resolve P-999999 --code eczema --on 2026-11-01
! needlebook: error: no patient with chart code 'P-999999'; see 'needlebook patient list'
? 1

$ needlebook session list --patient P-999999
! needlebook: error: no patient with chart code 'P-999999'; see 'needlebook patient list'
? 1

# Unknown session.
$ needlebook session show 2
! needlebook: error: no session 2; see 'needlebook session list'
? 1

$ needlebook session amend 2 --reason 'typo' --note x
! needlebook: error: no session 2; see 'needlebook session list'
? 1

$ needlebook session void 2 --reason 'duplicate'
! needlebook: error: no session 2; see 'needlebook session list'
? 1

$ needlebook reaction add 2 --kind erythema --severity mild --onset 2026-11-11
! needlebook: error: no session 2; see 'needlebook session list'
? 1

$ needlebook followup add 2 --on 2026-11-12 --outcome none
! needlebook: error: no session 2; see 'needlebook session list'
? 1

# Unknown reaction.
$ needlebook reaction resolve 1 --on 2026-11-12
! needlebook: error: no reaction 1; reaction ids are printed by 'reaction add' and 'session show'
? 1

# Ids that are not ids.
$ needlebook session show abc
! needlebook: error: session 'abc' is not a session id; use the number printed by 'session log'
? 1

$ needlebook session show 1.0
! needlebook: error: session '1.0' is not a session id; use the number printed by 'session log'
? 1

$ needlebook session show 0
! needlebook: error: session '0' is not a session id; use the number printed by 'session log'
? 1

$ needlebook session show -1
! needlebook: error: session '-1' is not a session id; use the number printed by 'session log'
? 1

$ needlebook session show 1x
! needlebook: error: session '1x' is not a session id; use the number printed by 'session log'
? 1

$ needlebook session show ""
! needlebook: error: session '' is not a session id; use the number printed by 'session log'
? 1

$ needlebook session show 99999999999999999999
! needlebook: error: session '99999999999999999999' is not a session id; use the number printed by 'session log'
? 1

$ needlebook session void one --reason 'duplicate'
! needlebook: error: session 'one' is not a session id; use the number printed by 'session log'
? 1

$ needlebook reaction add '#1' --kind erythema --severity mild --onset 2026-11-11
! needlebook: error: session '#1' is not a session id; use the number printed by 'session log'
? 1

$ needlebook followup add s1 --on 2026-11-12 --outcome none
! needlebook: error: session 's1' is not a session id; use the number printed by 'session log'
? 1

$ needlebook reaction resolve r1 --on 2026-11-12
! needlebook: error: reaction 'r1' is not a reaction id; use the number printed by 'reaction add'
? 1

$ needlebook reaction resolve 0 --on 2026-11-12
! needlebook: error: reaction '0' is not a reaction id; use the number printed by 'reaction add'
? 1

# Nothing to resolve.
$ needlebook condition resolve ANN --code eczema --on 2026-11-01
! needlebook: error: no active eczema on file for ANN
? 1

