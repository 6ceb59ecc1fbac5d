# A backup takes the photo store with it: every image the database names is copied into
# FILE.photos/ and verified; 'check' of the backup verifies that folder; a restore brings the
# images back into the live store (an image already there intact is left as it is). A backup
# whose photo file was changed is refused, saving nothing. (The backup's SHA-256 and chain
# head cover the account that runs the test, so hashes are ${SHA256}.)

%file front.jpg=FFD8FFE000104A4649460066726F6E74FFD9

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01 --covers 'microneedling photos'
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling photos
$ needlebook photo add ANN front.jpg --view front
> photo 1 recorded for ANN: front, taken 2026-11-23, 18 bytes, stored as ${SHA256}.jpg

$ needlebook backup ${TMP}/backup.db
> backup saved: ${TMP}/backup.db (548864 bytes)
> sha256: ${SHA256}
> verified: integrity ok, foreign keys ok, audit chain ok (73 rows), records ok (72 rows), seals ok, schema ok (254 rows)
> chain head: 73:${SHA256}
> photos: 1 image copied to ${TMP}/backup.db.photos and verified
$ needlebook --db ${TMP}/backup.db check
> Database check: ${TMP}/backup.db
>   file: ${TMP}/backup.db
>   result: ok
>   integrity: SQLite's integrity_check; foreign keys: foreign_key_check; audit
>     chain: each row's SHA-256 and its link to the row before; records: each
>     record revision against the fingerprint its audit row keeps
>   photos: each photo's file in the photo store beside the database against the
>     size and SHA-256 on record, voided photos too
>
> check         result  rows_checked  faults  first_fault  note
> integrity     ok                 0       0  -            -
> foreign keys  ok                 0       0  -            -
> audit chain   ok                73       0  -            -
> records       ok                72       0  -            -
> seals         ok                 0       0  -            no seals: anyone who can write the file could recompute the chain
> photos        ok                 1       0  -            -
> schema        ok               254       0  -            -
$ needlebook restore ${TMP}/backup.db
> restored ${TMP}/backup.db into ${TMP}/clinic.db
> sha256: ${SHA256}
> verified: integrity ok, foreign keys ok, audit chain ok (73 rows), records ok (72 rows), seals ok, schema ok (254 rows)
> the replaced database is kept as ${TMP}/clinic.db.replaced-20261123T150000Z
> photos: 1 image, each intact in the photo store ${TMP}/clinic.db.photos

# A store file changed behind the program's back: no backup is made.
%file clinic.db.photos/46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg=FFD8FFE000104A4649460066726F6E54FFD9
$ needlebook backup ${TMP}/second.db
! needlebook: error: photo 1 of ANN: its file ${TMP}/clinic.db.photos/${SHA256}.jpg does not hash to the SHA-256 on record (changed); nothing was copied. Run 'needlebook check'
? 1
