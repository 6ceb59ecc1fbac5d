# check reports the files in the photo store that no photo record names: an image an
# interrupted 'photo add' or 'import --all' placed before its record committed, and a temporary
# file (.needlebook-…) of a write cut short. Not damage to the records, so the check still
# passes, but patient data nobody can see: the photos row's note counts them, names the first
# and says to review them. check deletes nothing.

%file front.jpg=FFD8FFE000104A4649460066726F6E74FFD9

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01 --covers 'microneedling photos'
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling photos
$ needlebook photo add ANN front.jpg --view front --taken 2026-08-01
> photo 1 recorded for ANN: front, taken 2026-08-01, 18 bytes, stored as 46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg
$ needlebook check
> Database check: ${TMP}/clinic.db
>   file: ${TMP}/clinic.db
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

# What a 'kill -9' can leave: an image whose record never committed, and a temporary file.
%file clinic.db.photos/eaa4a94ea300e0d2c775968cbe42f0b5b51ceafdeb73d64e9efddf6d4e880865.png=89504E470D0A1A0A0000000D49484452000000010000000108000000003A7E9B550000000A49444154789C636000000002000148AFA4710000000049454E44AE426082
%file clinic.db.photos/.needlebook-Qx81Za=FFD8FFE0
$ needlebook check
> Database check: ${TMP}/clinic.db
>   file: ${TMP}/clinic.db
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
> photos        ok                 1       0  -            2 files in the store no photo record names (first: .needlebook-Qx81Za; 1 leftover temporary file): patient data nobody can see, left by an interrupted 'photo add' or 'import --all'; review them in ${TMP}/clinic.db.photos and move out what no record needs (check deletes nothing)
> schema        ok               254       0  -            -
$ needlebook photo list ANN
> id  view   taken       session  bytes  sha256        store file
>  1  front  2026-08-01        -     18  46c065c04887  46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg
