# Patient records: registration with optional fields (UTF-8 names, Roman or digit skin types),
# generated and chosen chart codes, validation of each field, list/search, show.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)

$ needlebook patient add --family 'Núñez' --given 'Zoë' --born 1990-07-15 --fitzpatrick iv --email zoe@example.org --note 'prefers mornings'
> patient P-000001 registered: Núñez, Zoë

$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN-01 --fitzpatrick 6
> patient ANN-01 registered: Smith, Ann

= SELECT p.code, r.family_name, r.given_name, r.fitzpatrick, r.email, r.note FROM patient p JOIN patient_revision r ON r.patient_id = p.id ORDER BY p.id
> P-000001|Núñez|Zoë|4|zoe@example.org|prefers mornings
> ANN-01|Smith|Ann|6||
# Refused.
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN-01
! needlebook: error: chart code 'ANN-01' is already taken; leave out --code to get the next free one
? 1

# Chart codes are unique without regard to case.
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ann-01
! needlebook: error: chart code 'ann-01' is already taken; leave out --code to get the next free one
? 1

$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code 'ANN 01'
! needlebook: error: chart code 'ANN 01' is not allowed; use 1 to 32 letters, digits, '-' or '_'
? 1

$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code 'ANN/01'
! needlebook: error: chart code 'ANN/01' is not allowed; use 1 to 32 letters, digits, '-' or '_'
? 1

$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456
! needlebook: error: chart code 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456' is not allowed; use 1 to 32 letters, digits, '-' or '_'
? 1

$ needlebook patient add --family ' ' --given Ann --born 1985-04-12
! needlebook: error: family name must not be empty
? 1

$ needlebook patient add --family Smith --given "" --born 1985-04-12
! needlebook: error: given name must not be empty
? 1

$ needlebook patient add --family Smith --given Ann --born 1899-12-31
! needlebook: error: born 1899-12-31 is before 1900; check the year
? 1

$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --email ann.example.org
! needlebook: error: email 'ann.example.org' has no '@'
? 1

$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --phone 012345678901234567890123456789012345678901
! needlebook: error: phone is 42 characters long; at most 40 are allowed
? 1

$ needlebook patient list
> code      name        born        fitzpatrick  phone
> ANN-01    Smith, Ann  1985-04-12  VI
> P-000001  Núñez, Zoë  1990-07-15  IV

$ needlebook patient list --search smi
> code    name        born        fitzpatrick  phone
> ANN-01  Smith, Ann  1985-04-12  VI

$ needlebook patient list --search zoë
> code      name        born        fitzpatrick  phone
> P-000001  Núñez, Zoë  1990-07-15  IV

$ needlebook patient list --search nobody
> no patients

$ needlebook patient show P-000001
> Patient P-000001: Núñez, Zoë
>   born          1990-07-15
>   fitzpatrick   IV
>   email         zoe@example.org
>   note          prefers mornings
>   conditions
>     none on file
>   consent
>     none on file
>   sessions      0
>   revision 1 by tester on 2026-11-23 15:00

# Amending the skin type to "not recorded" with an empty value.
$ needlebook patient amend ANN-01 --reason 'skin type not assessed yet' --fitzpatrick ""
> patient ANN-01 amended (revision 2): Smith, Ann

$ needlebook patient show ANN-01
> Patient ANN-01: Smith, Ann
>   born          1985-04-12
>   fitzpatrick   not recorded
>   conditions
>     none on file
>   consent
>     none on file
>   sessions      0
>   revision 2 by tester on 2026-11-23 15:00: skin type not assessed yet

= SELECT revision, fitzpatrick, reason FROM patient_revision WHERE patient_id = 2 ORDER BY revision
> 1|6|
> 2||skin type not assessed yet

# ... and looked up without regard to case.
$ needlebook patient show ann-01
> Patient ANN-01: Smith, Ann
>   born          1985-04-12
>   fitzpatrick   not recorded
>   conditions
>     none on file
>   consent
>     none on file
>   sessions      0
>   revision 2 by tester on 2026-11-23 15:00: skin type not assessed yet

# An empty --code is a usage error, not "not given": no code is generated silently.
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ""
! needlebook: error: --code: must not be empty
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
