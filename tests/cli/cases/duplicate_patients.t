# patient add warns when another current chart has the same family and given names (ignoring
# case) and birth date: probably the same person. The chart is still registered (exit 0).

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann

$ needlebook patient add --family Smith --given Ann --born 1985-04-12
> patient P-000001 registered: Smith, Ann
! needlebook: warning: ANN has the same name and birth date; if this is the same person, keep one chart: 'needlebook patient merge P-000001 --into ANN --reason …'

# Other case: the same names. Every such chart is named, by code.
$ needlebook patient add --family SMITH --given ann --born 1985-04-12 --fitzpatrick 2
> patient P-000002 registered: SMITH, ann
! needlebook: warning: ANN has the same name and birth date; if this is the same person, keep one chart: 'needlebook patient merge P-000002 --into ANN --reason …'
! needlebook: warning: P-000001 has the same name and birth date; if this is the same person, keep one chart: 'needlebook patient merge P-000002 --into P-000001 --reason …'

# Another birth date or another given name: other people.
$ needlebook patient add --family Smith --given Ann --born 1985-04-13
> patient P-000003 registered: Smith, Ann
$ needlebook patient add --family Smith --given Anne --born 1985-04-12
> patient P-000004 registered: Smith, Anne
$ needlebook patient add --family Smyth --given Ann --born 1985-04-12
> patient P-000005 registered: Smyth, Ann

= SELECT p.code, r.family_name, r.given_name, r.birth_date FROM patient p JOIN patient_revision r ON r.patient_id = p.id ORDER BY p.id
> ANN|Smith|Ann|1985-04-12
> P-000001|Smith|Ann|1985-04-12
> P-000002|SMITH|ann|1985-04-12
> P-000003|Smith|Ann|1985-04-13
> P-000004|Smith|Anne|1985-04-12
> P-000005|Smyth|Ann|1985-04-12
= SELECT count(*) FROM audit_log WHERE action = 'patient.add'
> 6

# Only the current revision counts: a chart amended to another name no longer matches, and one
# amended to this name does.
$ needlebook patient amend P-000003 --reason 'birth date mistyped' --born 1985-04-12
> patient P-000003 amended (revision 2): Smith, Ann
$ needlebook patient amend ANN --reason 'married name' --family Jones
> patient ANN amended (revision 2): Jones, Ann
$ needlebook patient add --family smith --given ANN --born 1985-04-12 --code ANN-2
> patient ANN-2 registered: smith, ANN
! needlebook: warning: P-000001 has the same name and birth date; if this is the same person, keep one chart: 'needlebook patient merge ANN-2 --into P-000001 --reason …'
! needlebook: warning: P-000002 has the same name and birth date; if this is the same person, keep one chart: 'needlebook patient merge ANN-2 --into P-000002 --reason …'
! needlebook: warning: P-000003 has the same name and birth date; if this is the same person, keep one chart: 'needlebook patient merge ANN-2 --into P-000003 --reason …'

# The warning goes to stderr in JSON too; stdout is the new chart.
$ needlebook --format json patient add --family Jones --given Ann --born 1985-04-12
> {
>   "code": "P-000006",
>   "family_name": "Jones",
>   "given_name": "Ann",
>   "birth_date": "1985-04-12",
>   "fitzpatrick": null,
>   "phone": "",
>   "email": "",
>   "note": "",
>   "revision": {
>     "number": 1,
>     "author": "tester",
>     "recorded_at": "2026-11-23T15:00:00Z",
>     "reason": "",
>     "voided": false
>   }
> }
! needlebook: warning: ANN has the same name and birth date; if this is the same person, keep one chart: 'needlebook patient merge P-000006 --into ANN --reason …'
