# Colour: off when output is not a terminal or NO_COLOR is set, on with --color always (the table
# header is bold), never in JSON; --color never wins over a terminal.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN --fitzpatrick 2
> patient ANN registered: Smith, Ann

$ needlebook patient list
> code  name        born        fitzpatrick  phone
> ANN   Smith, Ann  1985-04-12  II

$ needlebook --color always patient list
> [1mcode  name        born        fitzpatrick  phone[0m
> ANN   Smith, Ann  1985-04-12  II

$ needlebook --color never patient list
> code  name        born        fitzpatrick  phone
> ANN   Smith, Ann  1985-04-12  II

%unset NO_COLOR
$ needlebook --color auto patient list
> code  name        born        fitzpatrick  phone
> ANN   Smith, Ann  1985-04-12  II

$ needlebook --color always --format json patient list --search nobody
> []

# The "error:" label is red only when colour is on: --color always (also with NO_COLOR), never
# when the output is not a terminal or --color never.
$ needlebook --color always session show 9
! needlebook: [31merror:[0m no session 9; see 'needlebook session list'
? 1

$ needlebook --color auto session show 9
! needlebook: error: no session 9; see 'needlebook session list'
? 1

%env NO_COLOR=1
$ needlebook --color always session show 9
! needlebook: [31merror:[0m no session 9; see 'needlebook session list'
? 1

$ needlebook --color never session show 9
! needlebook: error: no session 9; see 'needlebook session list'
? 1

