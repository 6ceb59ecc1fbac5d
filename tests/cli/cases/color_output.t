# Colour: off when output is not a terminal or NO_COLOR is set, on with --color always (the table
# header is bold), never in JSON; --color never wins over a terminal.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 1)
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
