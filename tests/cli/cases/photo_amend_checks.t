# 'photo amend' checks the amended photo as 'photo add' checks a new one: the day (not in the
# future, not before birth), the session, and a consent covering photos on the day. An override
# is given for one day: moving the photo to another day needs a consent then or an override of
# its own, so an override never "covers" a day nobody accepted. With the day unchanged the
# override on file is kept, '--override' alone corrects its reason, and a consent voided since
# only warns. A refused amendment stores nothing.

%file front.jpg=FFD8FFE000104A4649460066726F6E74FFD9
%file side.jpg=FFD8FFE000104A46494600736964652EFFD9

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

# BEA's photo of the 20th is kept without photo consent, with a reason for that day.
$ needlebook photo add BEA side.jpg --view front --taken 2026-11-20 --override 'consent:photos=verbal consent on the 20th'
> photo 1 recorded for BEA: front, taken 2026-11-20, 18 bytes, stored as 9e1895b82b88573e788e6718339a10cebc4b9011741ec70c9fcddce8ca8249c7.jpg
> kept without a consent covering photos: verbal consent on the 20th

# Moved to the 19th, a day no consent covered photos either: refused, nothing stored.
$ needlebook photo amend 1 --taken 2026-11-19 --reason 'taken the day before'
! needlebook: error: photo refused by the clinical checks:
!   consent:photos: no consent in force on 2026-11-19 covers clinical photographs (in force: microneedling serums); record one with 'needlebook consent add PATIENT --signed DATE --covers photos'
! use --override KEY="reason" for each finding you accept; the reason is kept with the photo
? 1
= SELECT revision, taken_on, override_reason FROM photo_revision WHERE photo_id = 1 ORDER BY revision
> 1|2026-11-20|verbal consent on the 20th

# With an override of its own for the new day it is stored, with the new reason.
$ needlebook photo amend 1 --taken 2026-11-19 --reason 'taken the day before' --override 'consent:photos=verbal consent on the 19th too'
> photo 1 amended (revision 2): front, taken 2026-11-19, 18 bytes, stored as 9e1895b82b88573e788e6718339a10cebc4b9011741ec70c9fcddce8ca8249c7.jpg
> kept without a consent covering photos: verbal consent on the 19th too

# The day unchanged: the override on file stays; --override alone corrects its reason.
$ needlebook photo amend 1 --view left-45 --reason 'wrong view'
> photo 1 amended (revision 3): left-45, taken 2026-11-19, 18 bytes, stored as 9e1895b82b88573e788e6718339a10cebc4b9011741ec70c9fcddce8ca8249c7.jpg
> kept without a consent covering photos: verbal consent on the 19th too
$ needlebook photo amend 1 --override 'consent:photos=verbal consent on the 19th, witnessed' --reason 'reason mistyped'
> photo 1 amended (revision 4): left-45, taken 2026-11-19, 18 bytes, stored as 9e1895b82b88573e788e6718339a10cebc4b9011741ec70c9fcddce8ca8249c7.jpg
> kept without a consent covering photos: verbal consent on the 19th, witnessed
$ needlebook photo amend 1 --override 'consent:photos=verbal consent on the 19th, witnessed' --reason 'again'
! needlebook: error: photo 1 already reads like that; nothing to amend
? 1
$ needlebook photo amend 1 --override 'consent:photos=short' --reason 'too short'
! needlebook: error: the reason for --override consent:photos has 5 characters; the clinic asks for at least 10 (setting override_min_reason), saying why the check is overruled
? 1
$ needlebook photo amend 1 --taken 2026-11-18 --override 'depth:cheek=deep scars need it' --reason 'not a photo finding'
! needlebook: error: --override depth:cheek=deep scars need it: a photo can only override consent:photos (--override consent:photos="why it is kept without consent")
? 2
$ needlebook photo amend 1 --taken 2026-11-18 --override 'verbal consent on the 18th' --reason 'bare override'
! needlebook: error: --override verbal consent on the 18th: a photo can only override consent:photos (--override consent:photos="why it is kept without consent")
? 2

# BEA signs a photo consent on the 21st: a day it covers needs no override, and one given is
# refused; without it the override on file is dropped.
$ needlebook consent add BEA --signed 2026-11-21 --covers 'microneedling photos'
> consent 3 on file for BEA, signed 2026-11-21, covers microneedling photos
$ needlebook photo amend 1 --taken 2026-11-22 --reason 'taken later' --override 'consent:photos=verbal consent on the 22nd'
! needlebook: error: --override consent:photos matches no blocking finding of this photo, so nothing was stored; no check blocks it: leave --override out
? 1
$ needlebook photo amend 1 --taken 2026-11-22 --reason 'taken later'
> photo 1 amended (revision 5): left-45, taken 2026-11-22, 18 bytes, stored as 9e1895b82b88573e788e6718339a10cebc4b9011741ec70c9fcddce8ca8249c7.jpg
= SELECT revision, view, taken_on, override_reason, reason FROM photo_revision WHERE photo_id = 1 ORDER BY revision
> 1|front|2026-11-20|verbal consent on the 20th|
> 2|front|2026-11-19|verbal consent on the 19th too|taken the day before
> 3|left-45|2026-11-19|verbal consent on the 19th too|wrong view
> 4|left-45|2026-11-19|verbal consent on the 19th, witnessed|reason mistyped
> 5|left-45|2026-11-22||taken later
= SELECT action, record_id, revision, reason FROM audit_log WHERE action LIKE 'photo.%' ORDER BY id
> photo.add|1|1|verbal consent on the 20th
> photo.amend|1|2|taken the day before
> photo.amend|1|3|wrong view
> photo.amend|1|4|reason mistyped
> photo.amend|1|5|taken later

# ANN's photo had consent: the day and the session are checked as on entry.
$ needlebook photo add ANN front.jpg --view front --session 1 --taken 2026-11-16
> photo 2 recorded for ANN: front, taken 2026-11-16, session 1, 18 bytes, stored as 46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg
$ needlebook photo amend 2 --taken 2026-11-24 --reason 'typo'
! needlebook: error: taken 2026-11-24 is in the future (today is 2026-11-23)
? 1
$ needlebook photo amend 2 --taken 1985-04-11 --reason 'typo'
! needlebook: error: photo taken 1985-04-11 is before ANN was born (1985-04-12); check the year
? 1
$ needlebook photo amend 2 --session 9 --reason 'typo'
! needlebook: error: no session 9; see 'needlebook session list'
? 1

# A consent voided since only warns when the amendment keeps the day.
$ needlebook consent void 1 --reason 'signed by the wrong patient'
> consent 1 voided (revision 2): signed 2026-06-01, covers microneedling photos
$ needlebook photo amend 2 --note 'ring light' --reason 'note added'
> photo 2 amended (revision 2): front, taken 2026-11-16, session 1, 18 bytes, stored as 46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg (ring light)
! needlebook: warning: consent:photos: no consent in force on 2026-11-16 covers clinical photographs (in force: none); record one with 'needlebook consent add PATIENT --signed DATE --covers photos' (so before this amendment too)

# Moved to another day it needs an override of its own.
$ needlebook photo amend 2 --taken 2026-05-01 --session none --reason 'taken at the consultation'
! needlebook: error: photo refused by the clinical checks:
!   consent:photos: no consent in force on 2026-05-01 covers clinical photographs (in force: none); record one with 'needlebook consent add PATIENT --signed DATE --covers photos'
! use --override KEY="reason" for each finding you accept; the reason is kept with the photo
? 1
$ needlebook photo amend 2 --taken 2026-05-01 --session none --reason 'taken at the consultation' --override 'consent:photos=consultation, consent form signed later'
> photo 2 amended (revision 3): front, taken 2026-05-01, 18 bytes, stored as 46c065c0488708085b838f8a535bc6c3ddeec172941ad92fa0370f405b367a67.jpg (ring light)
> kept without a consent covering photos: consultation, consent form signed later
= SELECT revision, taken_on, session_id, note, override_reason FROM photo_revision WHERE photo_id = 2 ORDER BY revision
> 1|2026-11-16|1||
> 2|2026-11-16|1|ring light|
> 3|2026-05-01||ring light|consultation, consent form signed later
