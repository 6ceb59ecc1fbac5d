# The same image (same SHA-256) as a photo on file is most likely a mistake: added twice, or put
# on the wrong chart. 'photo add' stores it (a warning, as 'same-day' is for sessions: a
# clerical slip, corrected with 'photo void') and says so on stderr: 'same-image', naming the
# photo it duplicates, and for another patient's photo that chart, a disclosure audited as
# 'photo.duplicates'. A voided photo is not named. A JPEG with data a camera appended after its
# end marker is taken when its markers lead to that end marker; a PNG stays strict.

%file front.jpg=FFD8FFE000104A4649460066726F6E74FFD9
%file other.jpg=FFD8FFE000104A464946006F74686572FFD9
# SOI, APP0 (JFIF), SOS, scan data with a stuffed FF 00 and a restart marker, EOI, then what a
# camera appends: a second image and zero padding.
%file camera.jpg=FFD8FFE000104A46494600010100000100010000FFDA000801010000003F001234FF0056FFD0789AFFD9FFD8FFDA000801010000003F0012FFD90000000000
# FF D8 FF, then random bytes with an FF D9 among them and more after it.
%file random.jpg=FFD8FF72616E646F6DFFD96D6F7265
%file side.png=89504E470D0A1A0A0000000D4948445200000000000000000000000000000000000000000049454E44AE426082
%file trailing.png=89504E470D0A1A0A0000000D4948445200000000000000000000000000000000000000000049454E44AE42608200000000

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook patient add --family Roe --given Bea --born 1990-02-02 --code BEA
> patient BEA registered: Roe, Bea
$ needlebook consent add ANN --signed 2026-06-01 --covers 'microneedling photos'
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling photos
$ needlebook consent add BEA --signed 2026-06-01 --covers 'microneedling photos'
> consent 2 on file for BEA, signed 2026-06-01, covers microneedling photos
$ needlebook photo add ANN front.jpg --view front --taken 2026-11-16
> photo 1 recorded for ANN: front, taken 2026-11-16, 18 bytes, stored as 46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg

# The same patient, the same image again: stored, with a warning naming the photo.
$ needlebook photo add ANN front.jpg --view other --taken 2026-11-16
> photo 2 recorded for ANN: other, taken 2026-11-16, 18 bytes, stored as 46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg
! needlebook: warning: same-image: photo 2 duplicates photo 1 (taken 2026-11-16) of ANN: the same image (same SHA-256); if it was added twice, void it with 'needlebook photo void 2 --reason …'
$ needlebook photo add ANN front.jpg --view left-45 --taken 2026-11-17 --format json
> {
>   "id": 3,
>   "view": "left-45",
>   "taken": "2026-11-17",
>   "session": null,
>   "note": "",
>   "override_reason": "",
>   "bytes": 18,
>   "media_type": "image/jpeg",
>   "sha256": "46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67",
>   "store_file": "46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg",
>   "file_name": "front.jpg",
>   "revision": {
>     "number": 1,
>     "author": "tester",
>     "recorded_at": "2026-11-23T15:00:00Z",
>     "reason": "",
>     "voided": false
>   }
> }
! needlebook: warning: same-image: photo 3 duplicates photos 1 (taken 2026-11-16), 2 (taken 2026-11-16) of ANN: the same image (same SHA-256); if it was added twice, void it with 'needlebook photo void 3 --reason …'

# Another patient: the warning names ANN's chart and photos; the disclosure is audited.
$ needlebook photo add BEA front.jpg --view front --taken 2026-11-20
> photo 4 recorded for BEA: front, taken 2026-11-20, 18 bytes, stored as 46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg
! needlebook: warning: same-image: the same image (same SHA-256) is photos 1 (taken 2026-11-16), 2 (taken 2026-11-16), 3 (taken 2026-11-17) of ANN, another patient; if photo 4 is on the wrong chart, void it with 'needlebook photo void 4 --reason …'
= SELECT a.action, a.reason, p.code FROM audit_log a JOIN audit_disclosure d ON d.audit_id = a.id JOIN patient p ON p.id = d.patient_id WHERE a.action = 'photo.duplicates'
> photo.duplicates|photo 4 of BEA: the same image on 1 other chart named in a warning|ANN
= SELECT action, record_id FROM audit_log WHERE action LIKE 'photo.%' ORDER BY id
> photo.add|1
> photo.add|2
> photo.add|3
> photo.add|4
> photo.duplicates|

# A voided photo is not named; another image warns of nothing.
$ needlebook photo void 4 --reason 'wrong chart: this is ANN'
> photo 4 voided (revision 2): front, taken 2026-11-20, 18 bytes, stored as 46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg
$ needlebook photo void 2 --reason 'added twice'
> photo 2 voided (revision 2): other, taken 2026-11-16, 18 bytes, stored as 46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg
$ needlebook photo void 3 --reason 'added twice'
> photo 3 voided (revision 2): left-45, taken 2026-11-17, 18 bytes, stored as 46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg
$ needlebook photo add BEA front.jpg --view other --taken 2026-11-20
> photo 5 recorded for BEA: other, taken 2026-11-20, 18 bytes, stored as 46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg
! needlebook: warning: same-image: the same image (same SHA-256) is photo 1 (taken 2026-11-16) of ANN, another patient; if photo 5 is on the wrong chart, void it with 'needlebook photo void 5 --reason …'
$ needlebook photo add BEA other.jpg --view front --taken 2026-11-20
> photo 6 recorded for BEA: front, taken 2026-11-20, 18 bytes, stored as e3ce60646db77070542e3419364b5087c7d0a4987d876a38b261ffdde6a3b197.jpg

# A camera's JPEG with data after the end marker is taken; bytes that only start like a JPEG,
# or a PNG with anything after IEND, are not.
$ needlebook photo add ANN camera.jpg --view front --taken 2026-11-18
> photo 7 recorded for ANN: front, taken 2026-11-18, 63 bytes, stored as 33afbc412eb764a3b0a8a2839aae5c764486cc94455d2bb8264ead6ff717cea0.jpg
$ needlebook photo add ANN random.jpg --view front --taken 2026-11-18
! needlebook: error: random.jpg is not a whole JPEG image (it looks cut short: a JPEG's markers lead from FF D8 to its end marker FF D9); copy it again from the camera
? 1
$ needlebook photo add ANN side.png --view front --taken 2026-11-18
> photo 8 recorded for ANN: front, taken 2026-11-18, 45 bytes, stored as 9bd2e6584b007d3ab3b6c42c80efe28deadfe7acb4644fae977a4344d5fe3f2f.png
$ needlebook photo add ANN trailing.png --view front --taken 2026-11-18
! needlebook: error: trailing.png is not a whole PNG image (it looks cut short: a PNG starts with IHDR and ends with IEND); copy it again from the camera
? 1
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
> audit chain   ok                87       0  -            -
> records       ok                86       0  -            -
> seals         ok                 0       0  -            no seals: anyone who can write the file could recompute the chain
> photos        ok                 8       0  -            -
> schema        ok               254       0  -            -
