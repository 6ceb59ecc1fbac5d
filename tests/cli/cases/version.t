# --version prints the program's version and the database schema it writes, opens no database
# and exits 0.

$ needlebook --version
> needlebook 0.1.0 (database schema 11)

# No database was made or needed.
$ needlebook patient list
! needlebook: error: no database at ${TMP}/clinic.db; create it with 'needlebook init' or give --db PATH
? 1
