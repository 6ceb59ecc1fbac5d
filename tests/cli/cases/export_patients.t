# export patients, conditions and consents: a fixed header, one row per record (its current
# revision) in code or id order, CRLF line ends (written "\r" at the end of an expected line).
# RFC 4180 quoting: a field holding a comma, a quote, CR or LF is quoted, quotes doubled; UTF-8
# text (accents, emoji) is written as it is. Spreadsheet safety: a text cell starting with
# = + - @ TAB or CR gets a leading "'", numbers (fitzpatrick, ids, voided) never do; --raw
# writes text as typed. --bom starts the output with the UTF-8 byte-order mark.
#
# Names, codes and the consent's guardian are single lines (control_characters.t): the TAB and
# CR cases are notes, typed with $'...' quoting (tests/cli/README.md). NOTE: the expected rows
# hold a raw TAB byte inside a line; the runner keeps it.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --code MAI --family 'Nguyễn, Thị' --given 'Mai 🌸' --born 1990-02-28 --fitzpatrick IV --phone '+44 20 7946 0958' --email mai@example.org --note 'said "ok", then left'
> patient MAI registered: Nguyễn, Thị, Mai 🌸
$ needlebook patient add --code ANN --family '=SUM(A1:A9)' --given '@Ann' --born 1985-04-12 --fitzpatrick 2 --note '-2 units of numbing cream'
> patient ANN registered: =SUM(A1:A9), @Ann
$ needlebook patient add --code=-A1 --family "=cmd|' /C calc'!A0" --given '+Bea' --born 1979-12-31 --email '@bea@example.org'
> patient -A1 registered: =cmd|' /C calc'!A0, +Bea
$ needlebook patient add --code TAB --family Tabb --given Theo --born 2001-09-30 --fitzpatrick vi --note $'\t=HYPERLINK("http://x.example")'
> patient TAB registered: Tabb, Theo
$ needlebook patient add --code CRN --family Okafor --given Zoë --born 1995-05-05 --note $'\r\nfirst\r\nsecond "quoted"'
> patient CRN registered: Okafor, Zoë

$ needlebook condition add MAI --code rosacea-flare --since 2026-01-05 --note '+ flares in winter'
> condition 1 on file for MAI: rosacea flare
$ needlebook condition resolve MAI --code rosacea-flare --on 2026-03-01
> condition 1 of MAI resolved on 2026-03-01: rosacea flare
$ needlebook condition add ANN --code keloid-tendency
> condition 2 on file for ANN: keloid tendency
$ needlebook consent add MAI --signed 2026-06-01 --covers 'microneedling, serums'
> consent 1 on file for MAI, signed 2026-06-01, covers microneedling serums
$ needlebook consent add --signed 2026-05-01 --guardian '=1' -- -A1
> consent 2 on file for -A1, signed 2026-05-01 by =1 (guardian), covers microneedling serums

# The chart code is text: '-A1' is a formula in a spreadsheet, so it is guarded too. Codes sort
# ignoring case ('-' before the letters).
$ needlebook export patients
> code,family_name,given_name,birth_date,fitzpatrick,phone,email,note,merged_into,voided\r
> '-A1,'=cmd|' /C calc'!A0,'+Bea,1979-12-31,,,'@bea@example.org,,,0\r
> ANN,'=SUM(A1:A9),'@Ann,1985-04-12,2,,,'-2 units of numbing cream,,0\r
> CRN,Okafor,Zoë,1995-05-05,,,,"'\r
> first\r
> second ""quoted""",,0\r
> MAI,"Nguyễn, Thị",Mai 🌸,1990-02-28,4,'+44 20 7946 0958,mai@example.org,"said ""ok"", then left",,0\r
> TAB,Tabb,Theo,2001-09-30,6,,,"'	=HYPERLINK(""http://x.example"")",,0\r

$ needlebook export patients --raw
> code,family_name,given_name,birth_date,fitzpatrick,phone,email,note,merged_into,voided\r
> -A1,=cmd|' /C calc'!A0,+Bea,1979-12-31,,,@bea@example.org,,,0\r
> ANN,=SUM(A1:A9),@Ann,1985-04-12,2,,,-2 units of numbing cream,,0\r
> CRN,Okafor,Zoë,1995-05-05,,,,"\r
> first\r
> second ""quoted""",,0\r
> MAI,"Nguyễn, Thị",Mai 🌸,1990-02-28,4,+44 20 7946 0958,mai@example.org,"said ""ok"", then left",,0\r
> TAB,Tabb,Theo,2001-09-30,6,,,"	=HYPERLINK(""http://x.example"")",,0\r

# Condition 1 as resolved by its second revision; no dates given: empty fields.
$ needlebook export conditions
> id,patient,code,since,resolved,note,clearances,voided\r
> 1,MAI,rosacea-flare,2026-01-05,2026-03-01,'+ flares in winter,,0\r
> 2,ANN,keloid-tendency,,,,,0\r

# --bom: the byte-order mark (EF BB BF) comes first, before the header, and only once.
$ needlebook export consents --bom
> ﻿id,patient,signed,covers,guardian,withdrawn_on,withdrawal_reason,voided\r
> 1,MAI,2026-06-01,microneedling serums,,,,0\r
> 2,'-A1,2026-05-01,microneedling serums,'=1,,,0\r

$ needlebook export consents --bom --raw
> ﻿id,patient,signed,covers,guardian,withdrawn_on,withdrawal_reason,voided\r
> 1,MAI,2026-06-01,microneedling serums,,,,0\r
> 2,-A1,2026-05-01,microneedling serums,=1,,,0\r

# --output FILE: the rows go to the file, a confirmation line to stdout; writing again replaces it.
$ needlebook export patients --output ${TMP}/patients.csv
> exported 5 rows of patients to ${TMP}/patients.csv
$ needlebook export patients --output patients.csv --bom
> exported 5 rows of patients to patients.csv

= SELECT reason FROM audit_log WHERE action = 'export' ORDER BY id
> patients (5 rows)
> patients (5 rows)
> conditions (2 rows)
> consents (2 rows)
> consents (2 rows)
> patients (5 rows)
> patients (5 rows)
