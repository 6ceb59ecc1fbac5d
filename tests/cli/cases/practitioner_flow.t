# The practitioner's whole flow in text output: register a patient, consent and conditions,
# log a session with three areas and two serums, read it back exactly, record reactions and a
# follow-up, amend and void, amend the patient; the stored rows match what was typed.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)

# The serum catalogue that --serum refers to.
$ needlebook product list
> code           name                               kind                  maker  state
> exosome-serum  Exosome serum                      exosomes                     in use
> gf-serum       Growth factor serum                growth factors               in use
> ha-serum       Hyaluronic acid serum 1%           hyaluronic acid              in use
> peptide-serum  Copper peptide serum               peptides                     in use
> prp            Platelet-rich plasma (autologous)  platelet-rich plasma         in use
> vitc-serum     Vitamin C serum 10%                vitamin C                    in use

$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --fitzpatrick III --phone "+44 7700 900123"
> patient P-000001 registered: Smith, Ann
= SELECT p.code, r.revision, r.family_name, r.given_name, r.birth_date, r.fitzpatrick, r.phone, r.email, r.note, r.author FROM patient p JOIN patient_revision r ON r.patient_id = p.id
> P-000001|1|Smith|Ann|1985-04-12|3|+44 7700 900123|||tester

$ needlebook consent add P-000001 --signed 2026-01-10 --covers "microneedling, serums"
> consent 1 on file for P-000001, signed 2026-01-10, covers microneedling serums

$ needlebook condition add P-000001 --code rosacea-flare --since 2026-09-01 --note "cheeks"
> condition 1 on file for P-000001: rosacea flare

$ needlebook condition resolve P-000001 --code rosacea-flare --on 2026-10-15
> condition 1 of P-000001 resolved on 2026-10-15: rosacea flare
= SELECT condition_id, revision, since, resolved_on, note, reason FROM condition_revision ORDER BY id
> 1|1|2026-09-01||cheeks|
> 1|2|2026-09-01|2026-10-15|cheeks|resolved

# One command, right after treating: three areas (with sides and passes), two serums.
$ needlebook session log P-000001 --at "2026-11-20 10:30" --device pen --area cheek:left=1.0x3 --area cheek:right=1.25x3 --area periorbital=0.25x2 --serum "ha-serum@HA2291:during" --serum gf-serum@GF-77:after --indication acne-scars --model "Dermapen 4" --cartridge 16-pin --cartridge-lot C-5521 --anaesthetic "lidocaine 5%" --endpoint "pinpoint bleeding" --aftercare "SPF 50, no make-up for 24 h" --practitioner "Dr Jones" --note "first of three"
> session 1 logged for P-000001 at 2026-11-20 10:30
! needlebook: warning: lot:ha-serum:HA2291: lot HA2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA2291 --expires YYYY-MM-DD'
! needlebook: warning: lot:gf-serum:GF-77: lot GF-77 of gf-serum is not registered; register it with 'needlebook lot add gf-serum GF-77 --expires YYYY-MM-DD'
! needlebook: warning: lot:cartridge:C-5521: cartridge lot C-5521 is not registered; register it with 'needlebook lot add cartridge C-5521 --expires YYYY-MM-DD'

$ needlebook session show 1
> Session 1 for P-000001
>   at            2026-11-20 10:30 (Europe/London)
>   practitioner  Dr Jones
>   indication    acne scars
>   device        pen, model Dermapen 4, cartridge 16-pin, cartridge lot C-5521
>   anaesthetic   lidocaine 5%
>   endpoint      pinpoint bleeding
>   aftercare     SPF 50, no make-up for 24 h
>   note          first of three
>   areas
>     area         depth mm  passes
>     cheek:left       1.00       3
>     cheek:right      1.25       3
>     periorbital      0.25       2
>   serums
>     product   lot     phase   ml
>     ha-serum  HA2291  during  -
>     gf-serum  GF-77   after   -
>   warning       lot:ha-serum:HA2291: lot HA2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA2291 --expires YYYY-MM-DD'
>   warning       lot:gf-serum:GF-77: lot GF-77 of gf-serum is not registered; register it with 'needlebook lot add gf-serum GF-77 --expires YYYY-MM-DD'
>   warning       lot:cartridge:C-5521: cartridge lot C-5521 is not registered; register it with 'needlebook lot add cartridge C-5521 --expires YYYY-MM-DD'
>   revision 1 by tester on 2026-11-23 15:00

# Stored exactly as typed: an instant in UTC, depths as numbers, serums with product and lot.
= SELECT session_id, revision, performed_at, practitioner, indication, device, model, cartridge, cartridge_lot, anaesthetic, endpoint, aftercare, note, override_reason, voided, author FROM session_revision
> 1|1|2026-11-20T10:30:00Z|Dr Jones|acne-scars|pen|Dermapen 4|16-pin|C-5521|lidocaine 5%|pinpoint bleeding|SPF 50, no make-up for 24 h|first of three||0|tester
= SELECT position, area, side, depth_mm, passes FROM session_area ORDER BY position
> 1|cheek|left|1.0|3
> 2|cheek|right|1.25|3
> 3|periorbital||0.25|2
= SELECT u.position, p.code, u.lot, u.phase FROM serum_use u JOIN product p ON p.id = u.product_id ORDER BY u.position
> 1|ha-serum|HA2291|during
> 2|gf-serum|GF-77|after

$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-20 --area cheek:left --note "expected redness"
> reaction 1 recorded for session 1: erythema, mild, open

$ needlebook reaction add 1 --kind pinpoint-bleeding --severity mild --onset 2026-11-20 --resolved 2026-11-21
> reaction 2 recorded for session 1: pinpoint bleeding, mild

$ needlebook reaction resolve 1 --on 2026-11-22
> reaction 1 resolved on 2026-11-22, 2 days after onset
= SELECT reaction_id, revision, kind, severity, area, side, onset_on, resolved_on, note FROM reaction_revision ORDER BY id
> 1|1|erythema|mild|cheek|left|2026-11-20||expected redness
> 2|1|pinpoint-bleeding|mild|||2026-11-20|2026-11-21|
> 1|2|erythema|mild|cheek|left|2026-11-20|2026-11-22|expected redness

$ needlebook followup add 1 --on 2026-11-23 --outcome reactions --note "settling well"
> follow-up 1 recorded for session 1: reactions recorded

$ needlebook session show 1
> Session 1 for P-000001
>   at            2026-11-20 10:30 (Europe/London)
>   practitioner  Dr Jones
>   indication    acne scars
>   device        pen, model Dermapen 4, cartridge 16-pin, cartridge lot C-5521
>   anaesthetic   lidocaine 5%
>   endpoint      pinpoint bleeding
>   aftercare     SPF 50, no make-up for 24 h
>   note          first of three
>   areas
>     area         depth mm  passes
>     cheek:left       1.00       3
>     cheek:right      1.25       3
>     periorbital      0.25       2
>   serums
>     product   lot     phase   ml
>     ha-serum  HA2291  during  -
>     gf-serum  GF-77   after   -
>   warning       lot:ha-serum:HA2291: lot HA2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA2291 --expires YYYY-MM-DD'
>   warning       lot:gf-serum:GF-77: lot GF-77 of gf-serum is not registered; register it with 'needlebook lot add gf-serum GF-77 --expires YYYY-MM-DD'
>   warning       lot:cartridge:C-5521: cartridge lot C-5521 is not registered; register it with 'needlebook lot add cartridge C-5521 --expires YYYY-MM-DD'
>   reactions
>     reaction 1: erythema, mild, cheek:left, onset 2026-11-20, resolved 2026-11-22 (expected redness)
>     reaction 2: pinpoint bleeding, mild, onset 2026-11-20, resolved 2026-11-21
>   follow-ups
>     follow-up 1: 2026-11-23: reactions recorded (settling well)
>   revision 1 by tester on 2026-11-23 15:00

# An amendment is a new revision; the areas given replace all, the rest is kept.
$ needlebook session amend 1 --reason "right cheek depth mistyped" --area cheek:left=1.0x3 --area cheek:right=1.0x3 --area periorbital=0.25x2
> session 1 amended (revision 2) for P-000001 at 2026-11-20 10:30
! needlebook: warning: lot:ha-serum:HA2291: lot HA2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA2291 --expires YYYY-MM-DD'
! needlebook: warning: lot:gf-serum:GF-77: lot GF-77 of gf-serum is not registered; register it with 'needlebook lot add gf-serum GF-77 --expires YYYY-MM-DD'
! needlebook: warning: lot:cartridge:C-5521: cartridge lot C-5521 is not registered; register it with 'needlebook lot add cartridge C-5521 --expires YYYY-MM-DD'

$ needlebook session show 1
> Session 1 for P-000001
>   at            2026-11-20 10:30 (Europe/London)
>   practitioner  Dr Jones
>   indication    acne scars
>   device        pen, model Dermapen 4, cartridge 16-pin, cartridge lot C-5521
>   anaesthetic   lidocaine 5%
>   endpoint      pinpoint bleeding
>   aftercare     SPF 50, no make-up for 24 h
>   note          first of three
>   areas
>     area         depth mm  passes
>     cheek:left       1.00       3
>     cheek:right      1.00       3
>     periorbital      0.25       2
>   serums
>     product   lot     phase   ml
>     ha-serum  HA2291  during  -
>     gf-serum  GF-77   after   -
>   warning       lot:ha-serum:HA2291: lot HA2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA2291 --expires YYYY-MM-DD'
>   warning       lot:gf-serum:GF-77: lot GF-77 of gf-serum is not registered; register it with 'needlebook lot add gf-serum GF-77 --expires YYYY-MM-DD'
>   warning       lot:cartridge:C-5521: cartridge lot C-5521 is not registered; register it with 'needlebook lot add cartridge C-5521 --expires YYYY-MM-DD'
>   reactions
>     reaction 1: erythema, mild, cheek:left, onset 2026-11-20, resolved 2026-11-22 (expected redness)
>     reaction 2: pinpoint bleeding, mild, onset 2026-11-20, resolved 2026-11-21
>   follow-ups
>     follow-up 1: 2026-11-23: reactions recorded (settling well)
>   revision 2 by tester on 2026-11-23 15:00: right cheek depth mistyped

# The first revision is still there, areas and serums included.
= SELECT r.revision, a.area, a.side, a.depth_mm FROM session_area a JOIN session_revision r ON r.id = a.session_revision_id WHERE a.area = 'cheek' AND a.side = 'right' ORDER BY r.revision
> 1|cheek|right|1.25
> 2|cheek|right|1.0
= SELECT r.revision, count(u.id) FROM session_revision r LEFT JOIN serum_use u ON u.session_revision_id = r.id GROUP BY r.id ORDER BY r.revision
> 1|2
> 2|2

# A second session on other skin, 8 weeks earlier, then voided as logged in error.
$ needlebook session log P-000001 --at "2026-09-25 09:00" --device roller --area neck=0.5
> session 2 logged for P-000001 at 2026-09-25 09:00
! needlebook: warning: condition:rosacea-flare: rosacea flare on file since 2026-09-01
# Clinic time in summer is BST: stored as 08:00 UTC.
= SELECT performed_at FROM session_revision WHERE session_id = 2
> 2026-09-25T08:00:00Z

$ needlebook patient amend P-000001 --reason "new phone number" --phone "01632 960001" --email ann@example.org
> patient P-000001 amended (revision 2): Smith, Ann

$ needlebook patient show P-000001
> Patient P-000001: Smith, Ann
>   born          1985-04-12
>   fitzpatrick   III
>   phone         01632 960001
>   email         ann@example.org
>   conditions
>     1: rosacea-flare since 2026-09-01, resolved 2026-10-15
>   consent
>     1: signed 2026-01-10, covers microneedling serums
>   sessions      2
>     2  2026-09-25 09:00  roller
>     1  2026-11-20 10:30  pen
>   revision 2 by tester on 2026-11-23 15:00: new phone number

$ needlebook patient list
> code      name        born        fitzpatrick  phone
> P-000001  Smith, Ann  1985-04-12  III          01632 960001

$ needlebook session void 2 --reason "entered for the wrong patient"
> session 2 voided (revision 2): entered for the wrong patient
= SELECT session_id, revision, reason, voided FROM session_revision ORDER BY session_id, revision
> 1|1||0
> 1|2|right cheek depth mistyped|0
> 2|1||0
> 2|2|entered for the wrong patient|1

# Voided sessions leave the default list, and stay visible with --voided.
$ needlebook session list
> id  at                patient   device  areas                                                    serums  flags
>  1  2026-11-20 10:30  P-000001  pen     cheek:left=1.00x3 cheek:right=1.00x3 periorbital=0.25x2  2       warning,amended

$ needlebook session list --voided
> id  at                patient   device  areas                                                    serums  flags
>  2  2026-09-25 09:00  P-000001  roller  neck=0.50                                                0       warning,void
>  1  2026-11-20 10:30  P-000001  pen     cheek:left=1.00x3 cheek:right=1.00x3 periorbital=0.25x2  2       warning,amended

# One audit row per write and per read of a record, in order, naming who did it and which
# revision it made or showed.
= SELECT action, actor, record_kind, record_id, revision, reason FROM audit_log WHERE action NOT LIKE '%.seed' ORDER BY id
> schema.create|tester||||new database at schema 11
> patient.add|tester|patient|1|1|
> consent.add|tester|consent|1|1|
> condition.add|tester|condition|1|1|
> condition.resolve|tester|condition|1|2|resolved
> session.log|tester|session|1|1|
> session.show|tester|session|1|1|
> reaction.add|tester|reaction|1|1|
> reaction.add|tester|reaction|2|1|
> reaction.resolve|tester|reaction|1|2|resolved
> followup.add|tester|followup|1|1|
> session.show|tester|session|1|1|
> session.amend|tester|session|1|2|right cheek depth mistyped
> session.show|tester|session|1|2|
> session.log|tester|session|2|1|
> patient.amend|tester|patient|1|2|new phone number
> patient.show|tester|patient|1|2|
> patient.list|tester|disclosure|||search '': 1 patients
> session.void|tester|session|2|2|entered for the wrong patient
> session.list|tester|disclosure|||1 sessions
> session.list|tester|disclosure|||2 sessions
