# 'patient list --search' and the probable-duplicate warning of 'patient add' ignore case and
# accents beyond ASCII: Zoë = zoe = ZOË, Müller = muller, ß = ss, Ø = o, Å = a, Ł = l, É = e,
# Ñ = n, Ç = c (Latin-1 Supplement and Latin Extended-A, Romanian Ș Ț, Greek and Cyrillic case).
# Names are stored and printed as typed; only the comparison folds both sides.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Müller --given Zoë --born 1990-03-04
> patient P-000001 registered: Müller, Zoë
$ needlebook patient add --family Strauß --given Øyvind --born 1982-07-21
> patient P-000002 registered: Strauß, Øyvind
$ needlebook patient add --family Wałęsa --given Åsa --born 1975-01-30
> patient P-000003 registered: Wałęsa, Åsa
$ needlebook patient add --family Núñez --given Élodie --born 1999-12-01
> patient P-000004 registered: Núñez, Élodie
$ needlebook patient add --family Çelik --given Ștefan --born 1968-05-17
> patient P-000005 registered: Çelik, Ștefan
$ needlebook patient add --family Smith --given Zoey --born 1990-03-04
> patient P-000006 registered: Smith, Zoey

# Zoë = zoe = ZOË = ZOE; Zoey is someone else.
$ needlebook patient list --search zoe
> code      name         born        fitzpatrick  phone
> P-000001  Müller, Zoë  1990-03-04  -
> P-000006  Smith, Zoey  1990-03-04  -
$ needlebook patient list --search ZOË
> code      name         born        fitzpatrick  phone
> P-000001  Müller, Zoë  1990-03-04  -
> P-000006  Smith, Zoey  1990-03-04  -
$ needlebook patient list --search muller
> code      name         born        fitzpatrick  phone
> P-000001  Müller, Zoë  1990-03-04  -
$ needlebook patient list --search MÜLLER
> code      name         born        fitzpatrick  phone
> P-000001  Müller, Zoë  1990-03-04  -
$ needlebook patient list --search STRAUSS
> code      name            born        fitzpatrick  phone
> P-000002  Strauß, Øyvind  1982-07-21  -
$ needlebook patient list --search oyvind
> code      name            born        fitzpatrick  phone
> P-000002  Strauß, Øyvind  1982-07-21  -
# The search matches the code and the names joined by spaces, as before.
$ needlebook patient list --search 'WALESA, ASA'
> no patients
$ needlebook patient list --search 'WALESA ASA'
> code      name         born        fitzpatrick  phone
> P-000003  Wałęsa, Åsa  1975-01-30  -
$ needlebook patient list --search nunez
> code      name           born        fitzpatrick  phone
> P-000004  Núñez, Élodie  1999-12-01  -
$ needlebook patient list --search élodie
> code      name           born        fitzpatrick  phone
> P-000004  Núñez, Élodie  1999-12-01  -
$ needlebook patient list --search 'celik stefan'
> code      name           born        fitzpatrick  phone
> P-000005  Çelik, Ștefan  1968-05-17  -
# A decomposed accent (e + U+0301, as some keyboards type it) matches the composed letter.
$ needlebook patient list --search $'E\u0301LODIE'
> code      name           born        fitzpatrick  phone
> P-000004  Núñez, Élodie  1999-12-01  -

# The duplicate warning: same names ignoring case and accents, same birth date.
$ needlebook patient add --family MULLER --given ZOE --born 1990-03-04
> patient P-000007 registered: MULLER, ZOE
! needlebook: warning: P-000001 has the same name and birth date; if this is the same person, keep one chart: 'needlebook patient merge P-000007 --into P-000001 --reason …'
$ needlebook patient add --family strauss --given oyvind --born 1982-07-21
> patient P-000008 registered: strauss, oyvind
! needlebook: warning: P-000002 has the same name and birth date; if this is the same person, keep one chart: 'needlebook patient merge P-000008 --into P-000002 --reason …'
$ needlebook patient add --family WAŁĘSA --given ÅSA --born 1975-01-30
> patient P-000009 registered: WAŁĘSA, ÅSA
! needlebook: warning: P-000003 has the same name and birth date; if this is the same person, keep one chart: 'needlebook patient merge P-000009 --into P-000003 --reason …'
# Another birth date, or a name that only looks alike, is someone else.
$ needlebook patient add --family Muller --given Zoe --born 1990-03-05
> patient P-000010 registered: Muller, Zoe
$ needlebook patient add --family Mueller --given Zoe --born 1990-03-04
> patient P-000011 registered: Mueller, Zoe

= SELECT p.code, r.family_name, r.given_name FROM patient p JOIN patient_revision r ON r.patient_id = p.id WHERE p.code IN ('P-000007', 'P-000008', 'P-000009') ORDER BY p.id
> P-000007|MULLER|ZOE
> P-000008|strauss|oyvind
> P-000009|WAŁĘSA|ÅSA
