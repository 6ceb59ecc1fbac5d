# Commands other than init on a database that does not exist fail with exit 1, name the path and
# say how to create it, and do not create the file; a path that is not a database is refused too.

$ needlebook patient list
! needlebook: error: no database at ${TMP}/clinic.db; create it with 'needlebook init' or give --db PATH
? 1

$ needlebook session log P-000001 --at "2026-11-20 10:00" --device pen --area neck=0.5
! needlebook: error: no database at ${TMP}/clinic.db; create it with 'needlebook init' or give --db PATH
? 1

$ needlebook patient add --family Smith --given Ann --born 1985-04-12
! needlebook: error: no database at ${TMP}/clinic.db; create it with 'needlebook init' or give --db PATH
? 1

# Still not there: the refused commands did not create it.
$ needlebook session list
! needlebook: error: no database at ${TMP}/clinic.db; create it with 'needlebook init' or give --db PATH
? 1

$ needlebook --db ${TMP}/elsewhere/clinic.db session list
! needlebook: error: no database at ${TMP}/elsewhere/clinic.db; create it with 'needlebook init' or give --db PATH
? 1

# A directory is not a database.
$ needlebook --db ${TMP} session list
! needlebook: error: cannot open database ${TMP}: unable to open database file
? 1

# A file that exists but is not a Needlebook database yet (here /dev/null, which reads as empty)
# is refused by the read commands instead of getting a schema written into it.
$ needlebook --db /dev/null session list
! needlebook: error: /dev/null is not a Needlebook database yet; create it with 'needlebook init'
? 1

$ needlebook --db /dev/null patient show ANN
! needlebook: error: /dev/null is not a Needlebook database yet; create it with 'needlebook init'
? 1

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)

$ needlebook session list
> no sessions

# init on an existing database is harmless and says so.
$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
= PRAGMA user_version
> 11

# --db wins over $NEEDLEBOOK_DB, and init creates missing folders.
$ needlebook --db ${TMP}/elsewhere/clinic.db init
> database ready: ${TMP}/elsewhere/clinic.db (schema version 11)
$ needlebook --db ${TMP}/elsewhere/clinic.db patient add --family Smith --given Ann --born 1985-04-12
> patient P-000001 registered: Smith, Ann
$ needlebook patient list
> no patients
