# export --all carries the photo images: each one a photo record names (amended and voided ones
# too) is copied into FOLDER/photos/<sha256>.jpg|png and listed in manifest.csv with its size
# and SHA-256. import --all brings the records back, every revision, and places each image,
# checked against the manifest, the row and its content, in the new clinic's photo store.
# An image missing or changed in the export is refused, naming the row and the file, with
# nothing imported; an image damaged in the store refuses the export. 'import photos' alone
# has no images and is refused, saying how photos move. The source is ${TMP}/src.db; the case
# database, into which the clinic is imported, is ${TMP}/clinic.db.

%file front.jpg=FFD8FFE000104A4649460066726F6E74FFD9
%file left.png=89504E470D0A1A0A0000000D49484452000000010000000108000000003A7E9B550000000A49444154789C636000000002000148AFA4710000000049454E44AE426082

$ needlebook --db ${TMP}/src.db init
> database ready: ${TMP}/src.db (schema version 11)
$ needlebook --db ${TMP}/src.db patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook --db ${TMP}/src.db consent add ANN --signed 2026-06-01 --covers 'microneedling photos'
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling photos
$ needlebook --db ${TMP}/src.db session log ANN --at '2026-08-01 10:00' --device pen --area cheek=1.0
> session 1 logged for ANN at 2026-08-01 10:00
$ needlebook --db ${TMP}/src.db photo add ANN front.jpg --view front --taken 2026-08-01 --session 1
> photo 1 recorded for ANN: front, taken 2026-08-01, session 1, 18 bytes, stored as 46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg
$ needlebook --db ${TMP}/src.db photo add ANN left.png --view left-45 --taken 2026-08-01
> photo 2 recorded for ANN: left-45, taken 2026-08-01, 67 bytes, stored as eaa4a94ea300e0d2c775968cbe42f0b5b51ceafdeb73d64e9efddf6d4e880865.png
$ needlebook --db ${TMP}/src.db photo add ANN front.jpg --view front --taken 2026-11-20 --note 'again'
> photo 3 recorded for ANN: front, taken 2026-11-20, 18 bytes, stored as 46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg (again)
! needlebook: warning: same-image: photo 3 duplicates photo 1 (taken 2026-08-01) of ANN: the same image (same SHA-256); if it was added twice, void it with 'needlebook photo void 3 --reason …'
$ needlebook --db ${TMP}/src.db photo amend 2 --view right-45 --reason 'views swapped'
> photo 2 amended (revision 2): right-45, taken 2026-08-01, 67 bytes, stored as eaa4a94ea300e0d2c775968cbe42f0b5b51ceafdeb73d64e9efddf6d4e880865.png
$ needlebook --db ${TMP}/src.db photo void 3 --reason 'the same picture added twice'
> photo 3 voided (revision 2): front, taken 2026-11-20, 18 bytes, stored as 46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg (again)

# Every revision, with the two images (photo 3 shares photo 1's).
$ needlebook --db ${TMP}/src.db export --all --all-revisions --raw --output ${TMP}/out
> exported 15 tables (156 rows), 2 photo images and manifest.csv to ${TMP}/out
$ needlebook --db ${TMP}/src.db import photos ${TMP}/out/photos.csv
! needlebook: error: photos.csv lists photo records, not their images; a clinic's photos move with their images by 'export --all --raw --output FOLDER' and 'import --all FOLDER' into a new database (or 'backup' and 'restore')
? 1

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook import --all ${TMP}/out
> imported the clinic exported to ${TMP}/out (manifest.csv SHA-256 ${SHA256}; its audit chain head then: 78:${SHA256})
>   settings.csv: 63 rows
>   products.csv: 6 rows
>   patients.csv: 1 row
>   conditions.csv: 0 rows
>   consents.csv: 1 row
>   lots.csv: 0 rows
>   courses.csv: 0 rows
>   sessions.csv: 1 row
>   reactions.csv: 0 rows
>   followups.csv: 0 rows
>   scores.csv: 0 rows
>   photos.csv: 5 rows
>   photos/: 2 images in the photo store
= SELECT i.id, i.sha256, i.bytes, i.media_type, i.file_name, r.revision, p.code, r.view, r.taken_on, r.session_id, r.note, r.voided, r.author, r.reason FROM photo i JOIN photo_revision r ON r.photo_id = i.id JOIN patient p ON p.id = r.patient_id ORDER BY i.id, r.revision
> 1|46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67|18|image/jpeg|front.jpg|1|ANN|front|2026-08-01|1||0|tester|
> 2|eaa4a94ea300e0d2c775968cbe42f0b5b51ceafdeb73d64e9efddf6d4e880865|67|image/png|left.png|1|ANN|left-45|2026-08-01|||0|tester|
> 2|eaa4a94ea300e0d2c775968cbe42f0b5b51ceafdeb73d64e9efddf6d4e880865|67|image/png|left.png|2|ANN|right-45|2026-08-01|||0|tester|views swapped
> 3|46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67|18|image/jpeg|front.jpg|1|ANN|front|2026-11-20||again|0|tester|
> 3|46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67|18|image/jpeg|front.jpg|2|ANN|front|2026-11-20||again|1|tester|the same picture added twice
$ needlebook photo list ANN
> id  view      taken       session  bytes  sha256        store file
>  1  front     2026-08-01        1     18  46c065c04887  46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg
>  2  right-45  2026-08-01        -     67  eaa4a94ea300  eaa4a94ea300e0d2c775968cbe42f0b5b51ceafdeb73d64e9efddf6d4e880865.png
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
> audit chain   ok                80       0  -            -
> records       ok                78       0  -            -
> seals         ok                 0       0  -            no seals: anyone who can write the file could recompute the chain
> photos        ok                 3       0  -            -
> schema        ok               254       0  -            -

# The export changed after it was written: an image's bytes, or an image gone. Refused, nothing
# imported, no file left in the new store.
$ needlebook --db ${TMP}/two.db init
> database ready: ${TMP}/two.db (schema version 11)
%file out/photos/46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg=FFD8FFE000104A4649460066726F6E75FFD9
$ needlebook --db ${TMP}/two.db import --all ${TMP}/out
! needlebook: error: ${TMP}/out/photos.csv not imported, nothing was stored (3 problems):
!   photos.csv:2: column sha256: the image photos/46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg differs from the one the export wrote (its SHA-256 is not the one in manifest.csv and the row)
!   photos.csv:5: column sha256: the image photos/46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg differs from the one the export wrote (its SHA-256 is not the one in manifest.csv and the row)
!   photos.csv:6: column revision: revision 2 of photo 3 comes before its revision 1; list every revision in order
? 1
$ needlebook --db ${TMP}/two.db photo list ANN
! needlebook: error: no patient with chart code 'ANN'; see 'needlebook patient list'
? 1

# A photo's image damaged in the store: the export is refused, and writes nothing.
%file src.db.photos/eaa4a94ea300e0d2c775968cbe42f0b5b51ceafdeb73d64e9efddf6d4e880865.png=89504E47
$ needlebook --db ${TMP}/src.db export --all --raw --output ${TMP}/damaged
! needlebook: error: photo 2 of ANN: its file ${TMP}/src.db.photos/eaa4a94ea300e0d2c775968cbe42f0b5b51ceafdeb73d64e9efddf6d4e880865.png has 4 bytes, the record says 67; nothing was exported. Run 'needlebook check', and restore the image from a backup
? 1
$ needlebook --db ${TMP}/two.db import --all ${TMP}/damaged
! needlebook: error: ${TMP}/damaged is not a folder; give the folder that 'export --all --raw --output FOLDER' wrote
? 1
