# Clinical photos: 'photo add' checks the file by its content (a whole JPEG or PNG, whatever
# its name says), copies it into the photo store beside the database (clinic.db.photos/, named
# by its SHA-256) and records its view, day and session. A consent covering photos must be in
# force on the day, or an override says why. Every refusal names the field and what is allowed
# and leaves the database (and the store) as it was. 'photo list' in every format; amend and
# void as revisions; 'check' verifies every stored file and names a changed one.

%file front.jpg=FFD8FFE000104A4649460066726F6E74FFD9
%file side.png=89504E470D0A1A0A0000000D4948445200000000000000000000000000000000000000000049454E44AE426082
%file cut.png=89504E470D0A1A0A0000000D4948445200000000000000000000000000000000000000000049454E44
%file notes.jpg=6A757374206E6F7465730A

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook patient add --family Roe --given Bea --born 1990-02-02 --code BEA
> patient BEA registered: Roe, Bea
$ needlebook consent add ANN --signed 2026-06-01 --covers 'microneedling photos'
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling photos
$ needlebook consent add BEA --signed 2026-06-01
> consent 2 on file for BEA, signed 2026-06-01, covers microneedling serums
$ needlebook session log ANN --at '2026-11-16 10:00' --device pen --area cheek:left=1.0
> session 1 logged for ANN at 2026-11-16 10:00
$ needlebook session log BEA --at '2026-11-17 10:00' --device pen --area forehead=0.5
> session 2 logged for BEA at 2026-11-17 10:00

# Added, with a session and a day, and with today's date.
$ needlebook photo add ANN front.jpg --view front --session 1 --taken 2026-11-16 --note 'baseline, ring light'
> photo 1 recorded for ANN: front, taken 2026-11-16, session 1, 18 bytes, stored as 46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg (baseline, ring light)
$ needlebook photo add ANN side.png --view left-45
> photo 2 recorded for ANN: left-45, taken 2026-11-23, 45 bytes, stored as 9bd2e6584b007d3ab3b6c42c80efe28deadfe7acb4644fae977a4344d5fe3f2f.png
= SELECT p.id, p.sha256, p.bytes, p.media_type, p.file_name, r.revision, r.patient_id, r.view, r.taken_on, r.session_id, r.note, r.override_reason, r.voided, r.author FROM photo p JOIN photo_revision r ON r.photo_id = p.id ORDER BY r.id
> 1|46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67|18|image/jpeg|front.jpg|1|1|front|2026-11-16|1|baseline, ring light||0|tester
> 2|9bd2e6584b007d3ab3b6c42c80efe28deadfe7acb4644fae977a4344d5fe3f2f|45|image/png|side.png|1|1|left-45|2026-11-23||||0|tester
= SELECT action, record_kind, record_id, revision, length(record_hash) FROM audit_log WHERE action LIKE 'photo.%' ORDER BY id
> photo.add|photo|1|1|64
> photo.add|photo|2|1|64

# The same image again shares the store's file.
$ needlebook photo add ANN front.jpg --view other --taken 2026-11-16
> photo 3 recorded for ANN: other, taken 2026-11-16, 18 bytes, stored as 46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg
! needlebook: warning: same-image: photo 3 duplicates photo 1 (taken 2026-11-16) of ANN: the same image (same SHA-256); if it was added twice, void it with 'needlebook photo void 3 --reason …'

# Refusals.
$ needlebook photo add ANN front.jpg --view top
! needlebook: error: unknown view 'top'; allowed: front, left-45, right-45, left-profile, right-profile or other
? 1
$ needlebook photo add ANN notes.jpg --view front
! needlebook: error: notes.jpg is not a JPEG or PNG image by its content (whatever its name says); photos must be JPEG or PNG files
? 1
$ needlebook photo add ANN cut.png --view front
! needlebook: error: cut.png is not a whole PNG image (it looks cut short: a PNG starts with IHDR and ends with IEND); copy it again from the camera
? 1
$ needlebook photo add ANN missing.jpg --view front
! needlebook: error: missing.jpg: no such file (or not a regular file); photos must be JPEG or PNG files
? 1
$ needlebook photo add ANN front.jpg --view front --taken 2026-11-24
! needlebook: error: taken 2026-11-24 is in the future (today is 2026-11-23)
? 1
$ needlebook photo add ANN front.jpg --view front --taken 1985-04-11
! needlebook: error: photo taken 1985-04-11 is before ANN was born (1985-04-12); check the year
? 1
$ needlebook photo add ANN front.jpg --view front --session 2
! needlebook: error: session 2 is BEA's, not ANN's; name a session of ANN (see 'needlebook session list --patient ANN')
? 1
$ needlebook photo add ANN front.jpg --view front --session 9
! needlebook: error: no session 9; see 'needlebook session list'
? 1
$ needlebook photo add NOBODY front.jpg --view front
! needlebook: error: no patient with chart code 'NOBODY'; see 'needlebook patient list'
? 1
$ needlebook photo add BEA front.jpg --view front
! needlebook: error: photo refused by the clinical checks:
!   consent:photos: no consent in force on 2026-11-23 covers clinical photographs (in force: microneedling serums); record one with 'needlebook consent add PATIENT --signed DATE --covers photos'
! use --override KEY="reason" for each finding you accept; the reason is kept with the photo
? 1
$ needlebook photo add BEA front.jpg --view front --override 'consent:photos=ok'
! needlebook: error: the reason for --override consent:photos has 2 characters; the clinic asks for at least 10 (setting override_min_reason), saying why the check is overruled
? 1
$ needlebook photo add BEA front.jpg --view front --override 'depth:cheek=scars need it'
! needlebook: error: --override depth:cheek=scars need it: a photo can only override consent:photos (--override consent:photos="why it is kept without consent")
? 2
$ needlebook photo add ANN front.jpg --view front --override 'consent:photos=signed the form today'
! needlebook: error: --override consent:photos matches no blocking finding of this photo, so nothing was stored; no check blocks it: leave --override out
? 1
= SELECT count(*) FROM photo
> 3

# An override with a reason long enough keeps it, the reason stored and printed.
$ needlebook photo add BEA side.png --view front --session 2 --override 'consent:photos=verbal consent, form to follow'
> photo 4 recorded for BEA: front, taken 2026-11-23, session 2, 45 bytes, stored as 9bd2e6584b007d3ab3b6c42c80efe28deadfe7acb4644fae977a4344d5fe3f2f.png
> kept without a consent covering photos: verbal consent, form to follow
! needlebook: warning: same-image: the same image (same SHA-256) is photo 2 (taken 2026-11-23) of ANN, another patient; if photo 4 is on the wrong chart, void it with 'needlebook photo void 4 --reason …'

# The list in each format.
$ needlebook photo list ANN
> id  view     taken       session  bytes  sha256        store file
>  1  front    2026-11-16        1     18  46c065c04887  46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg
>  3  other    2026-11-16        -     18  46c065c04887  46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg
>  2  left-45  2026-11-23        -     45  9bd2e6584b00  9bd2e6584b007d3ab3b6c42c80efe28deadfe7acb4644fae977a4344d5fe3f2f.png
$ needlebook photo list ANN --format json
> [
>   {
>     "id": 1,
>     "view": "front",
>     "taken": "2026-11-16",
>     "session": 1,
>     "note": "baseline, ring light",
>     "override_reason": "",
>     "bytes": 18,
>     "media_type": "image/jpeg",
>     "sha256": "46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67",
>     "store_file": "46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg",
>     "file_name": "front.jpg",
>     "revision": {
>       "number": 1,
>       "author": "tester",
>       "recorded_at": "2026-11-23T15:00:00Z",
>       "reason": "",
>       "voided": false
>     }
>   },
>   {
>     "id": 3,
>     "view": "other",
>     "taken": "2026-11-16",
>     "session": null,
>     "note": "",
>     "override_reason": "",
>     "bytes": 18,
>     "media_type": "image/jpeg",
>     "sha256": "46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67",
>     "store_file": "46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg",
>     "file_name": "front.jpg",
>     "revision": {
>       "number": 1,
>       "author": "tester",
>       "recorded_at": "2026-11-23T15:00:00Z",
>       "reason": "",
>       "voided": false
>     }
>   },
>   {
>     "id": 2,
>     "view": "left-45",
>     "taken": "2026-11-23",
>     "session": null,
>     "note": "",
>     "override_reason": "",
>     "bytes": 45,
>     "media_type": "image/png",
>     "sha256": "9bd2e6584b007d3ab3b6c42c80efe28deadfe7acb4644fae977a4344d5fe3f2f",
>     "store_file": "9bd2e6584b007d3ab3b6c42c80efe28deadfe7acb4644fae977a4344d5fe3f2f.png",
>     "file_name": "side.png",
>     "revision": {
>       "number": 1,
>       "author": "tester",
>       "recorded_at": "2026-11-23T15:00:00Z",
>       "reason": "",
>       "voided": false
>     }
>   }
> ]
$ needlebook photo list ANN --format csv
> id,view,taken,session,bytes,media_type,sha256,store_file,file_name,note,override_reason\r
> 1,front,2026-11-16,1,18,image/jpeg,46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67,46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg,front.jpg,"baseline, ring light",\r
> 3,other,2026-11-16,,18,image/jpeg,46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67,46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg,front.jpg,,\r
> 2,left-45,2026-11-23,,45,image/png,9bd2e6584b007d3ab3b6c42c80efe28deadfe7acb4644fae977a4344d5fe3f2f,9bd2e6584b007d3ab3b6c42c80efe28deadfe7acb4644fae977a4344d5fe3f2f.png,side.png,,\r
$ needlebook photo list BEA
> id  view   taken       session  bytes  sha256        store file
>  4  front  2026-11-23        2     45  9bd2e6584b00  9bd2e6584b007d3ab3b6c42c80efe28deadfe7acb4644fae977a4344d5fe3f2f.png

# Corrections.
$ needlebook photo amend 1 --view right-45 --reason 'wrong side'
> photo 1 amended (revision 2): right-45, taken 2026-11-16, session 1, 18 bytes, stored as 46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg (baseline, ring light)
$ needlebook photo amend 1 --session none --taken 2026-11-17 --note '' --reason 'taken the day after' --based-on 2
> photo 1 amended (revision 3): right-45, taken 2026-11-17, 18 bytes, stored as 46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg
$ needlebook photo amend 1 --view right-45 --reason 'same'
! needlebook: error: photo 1 already reads like that; nothing to amend
? 1
$ needlebook photo amend 1 --view left-45 --reason 'stale' --based-on 1
! needlebook: error: photo 1 was amended meanwhile (now revision 3); run the command again
? 1
$ needlebook photo amend 1 --session 2 --reason 'BEA session'
! needlebook: error: session 2 is BEA's, not ANN's; name a session of ANN (see 'needlebook session list --patient ANN')
? 1
$ needlebook photo amend 1 --reason 'nothing given'
! needlebook: error: photo amend changes the fields given: give one or more of --view, --taken, --session, --note
? 2
$ needlebook photo void 3 --reason 'duplicate of photo 1'
> photo 3 voided (revision 2): other, taken 2026-11-16, 18 bytes, stored as 46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg
$ needlebook photo void 3 --reason 'again'
! needlebook: error: photo 3 is already voided
? 1
$ needlebook photo amend 3 --note x --reason 'voided'
! needlebook: error: photo 3 is voided; it cannot be amended
? 1
$ needlebook photo void 9 --reason 'no such'
! needlebook: error: no photo 9; photo ids are printed by 'photo add' and 'photo list'
? 1
$ needlebook photo list ANN
> id  view      taken       session  bytes  sha256        store file
>  1  right-45  2026-11-17        -     18  46c065c04887  46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg
>  2  left-45   2026-11-23        -     45  9bd2e6584b00  9bd2e6584b007d3ab3b6c42c80efe28deadfe7acb4644fae977a4344d5fe3f2f.png

# check verifies every stored file, the voided photo's too.
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
> audit chain   ok                89       0  -            -
> records       ok                88       0  -            -
> seals         ok                 0       0  -            no seals: anyone who can write the file could recompute the chain
> photos        ok                 4       0  -            -
> schema        ok               254       0  -            -

# A stored file changed behind the program's back fails the check, naming photo and chart
# (as JSON: the text table's width would follow the length of the temporary folder's name).
%file clinic.db.photos/46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg=FFD8FFE000104A4649460066726F6E54FFD9
$ needlebook check --format json
> {
>   "report": "Database check: ${TMP}/clinic.db",
>   "file": "${TMP}/clinic.db",
>   "result": "FAULTS FOUND",
>   "notes": [
>     "integrity: SQLite's integrity_check; foreign keys: foreign_key_check; audit chain: each row's SHA-256 and its link to the row before; records: each record revision against the fingerprint its audit row keeps",
>     "photos: each photo's file in the photo store beside the database against the size and SHA-256 on record, voided photos too"
>   ],
>   "checks": [
>     {
>       "check": "integrity",
>       "result": "ok",
>       "rows_checked": 0,
>       "faults": 0,
>       "first_fault": null,
>       "note": null
>     },
>     {
>       "check": "foreign keys",
>       "result": "ok",
>       "rows_checked": 0,
>       "faults": 0,
>       "first_fault": null,
>       "note": null
>     },
>     {
>       "check": "audit chain",
>       "result": "ok",
>       "rows_checked": 89,
>       "faults": 0,
>       "first_fault": null,
>       "note": null
>     },
>     {
>       "check": "records",
>       "result": "ok",
>       "rows_checked": 88,
>       "faults": 0,
>       "first_fault": null,
>       "note": null
>     },
>     {
>       "check": "seals",
>       "result": "ok",
>       "rows_checked": 0,
>       "faults": 0,
>       "first_fault": null,
>       "note": "no seals: anyone who can write the file could recompute the chain"
>     },
>     {
>       "check": "photos",
>       "result": "FAULT",
>       "rows_checked": 4,
>       "faults": 2,
>       "first_fault": "photo 1 of ANN: its file ${TMP}/clinic.db.photos/46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg does not hash to the SHA-256 on record (changed); restore it from a backup",
>       "note": null
>     },
>     {
>       "check": "schema",
>       "result": "ok",
>       "rows_checked": 254,
>       "faults": 0,
>       "first_fault": null,
>       "note": null
>     }
>   ]
> }
! needlebook: error: ${TMP}/clinic.db failed its check: photos: photo 1 of ANN: its file ${TMP}/clinic.db.photos/46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg does not hash to the SHA-256 on record (changed); restore it from a backup
? 1
# ... and a new photo of the same image is refused rather than reuse the changed file.
$ needlebook photo add ANN front.jpg --view front
! needlebook: error: the photo store's file ${TMP}/clinic.db.photos/46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg does not hold the image its name says (its content was changed); run 'needlebook check' and restore the file from a backup
? 1
