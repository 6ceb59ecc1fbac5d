# Generated chart codes continue after the highest P-NNNNNN code on file, not after the row id:
# codes typed by hand (ANN, BOB) take no number. A P-NNNNNN code typed by hand moves the series
# on; a code that only looks similar (other case, more digits) is skipped when it is taken.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook patient add --family Okafor --given Bola --born 1979-03-02 --code BOB
> patient BOB registered: Okafor, Bola
$ needlebook patient add --family Lee --given Cam --born 1990-01-31
> patient P-000001 registered: Lee, Cam
$ needlebook patient add --family Diaz --given Dee --born 1991-02-01
> patient P-000002 registered: Diaz, Dee

# A P-number typed by hand: the series goes on after it.
$ needlebook patient add --family Eze --given Eli --born 1992-03-02 --code P-000005
> patient P-000005 registered: Eze, Eli
$ needlebook patient add --family Ford --given Fay --born 1993-04-03
> patient P-000006 registered: Ford, Fay

# The same code in lower case is taken (codes ignore case), so the next number is used.
$ needlebook patient add --family Gray --given Gus --born 1994-05-04 --code p-000007
> patient p-000007 registered: Gray, Gus
$ needlebook patient add --family Hall --given Hal --born 1995-06-05
> patient P-000008 registered: Hall, Hal

# Seven digits are not a generated code: the series is not moved on.
$ needlebook patient add --family Ito --given Ivy --born 1996-07-06 --code P-0000099
> patient P-0000099 registered: Ito, Ivy
$ needlebook patient add --family Jones --given Jo --born 1997-08-07
> patient P-000009 registered: Jones, Jo

= SELECT id, code FROM patient ORDER BY id
> 1|ANN
> 2|BOB
> 3|P-000001
> 4|P-000002
> 5|P-000005
> 6|P-000006
> 7|p-000007
> 8|P-000008
> 9|P-0000099
> 10|P-000009

# After P-999999 the numbers grow a digit.
$ needlebook patient add --family King --given Kit --born 1998-09-08 --code P-999999
> patient P-999999 registered: King, Kit
$ needlebook patient add --family Lowe --given Lou --born 1999-10-09
> patient P-1000000 registered: Lowe, Lou
$ needlebook patient add --family Moss --given Max --born 2000-11-10
> patient P-1000001 registered: Moss, Max
