# Depth limits per area and device: depth_limit.AREA.DEVICE (e.g. depth_limit.jawline.rf 2.5)
# replaces depth_limit.AREA for that device only; 'none' clears it, and the area's limit applies
# again. The limit a session was checked with is named in its history.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01 --covers 'microneedling serums rf'
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums rf
$ needlebook session log ANN --at '2026-11-01 10:00' --device rf --area jawline=2.25
! needlebook: error: session refused by the clinical checks:
!   depth:jawline: depth 2.25 mm on jawline exceeds the clinic limit of 1.50 mm
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1
$ needlebook setting set depth_limit.jawline.rf 2.5 --reason 'RF tips insulated; manufacturer guidance'
> depth_limit.jawline.rf: none -> 2.50
$ needlebook setting set depth_limit.jawline.RF 2.5 --reason 'same key, other spelling'
! needlebook: error: depth_limit.jawline.rf is already 2.50; nothing to change
? 1
$ needlebook setting set depth_limit.jawline.laser 2.5 --reason 'no such device'
! needlebook: error: unknown device 'laser'; allowed: pen, roller, stamp or rf
? 1
$ needlebook setting set depth_limit.jaw.rf 2.5 --reason 'no such area'
! needlebook: error: unknown area 'jaw'; allowed: forehead, glabella, temple, periorbital, nose, cheek, perioral, chin, jawline, neck, decolletage, scalp, hands, abdomen, thigh, arm, back, scar or other
? 1
$ needlebook setting set depth_limit.jawline.rf 3.5 --reason 'beyond the absolute bound'
! needlebook: error: depth_limit.jawline.rf 3.5 is outside (0, 3.0] mm
? 1
$ needlebook session log ANN --at '2026-11-01 10:00' --device rf --area jawline=2.25
> session 1 logged for ANN at 2026-11-01 10:00
$ needlebook session log ANN --at '2026-11-01 11:00' --device rf --area jawline:left=2.75
! needlebook: error: session refused by the clinical checks:
!   depth:jawline:left: depth 2.75 mm on jawline:left exceeds the clinic limit of 2.50 mm for rf
!   interval:jawline:left: jawline:left was also treated the same day, in session 1 on 2026-11-01 10:00 (clinic minimum 14 days)
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1
$ needlebook session log ANN --at '2026-11-02 10:00' --device pen --area neck=1.0 --area jawline:right=2.25
! needlebook: error: session refused by the clinical checks:
!   depth:jawline:right: depth 2.25 mm on jawline:right exceeds the clinic limit of 1.50 mm
!   interval:jawline:right: jawline:right was also treated 1 day earlier, in session 1 on 2026-11-01 10:00 (clinic minimum 14 days)
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1
$ needlebook setting list
> setting                                       value
> clinic_name                                   (not set)
> time_zone                                     (system zone)
> isotretinoin_months                           6
> consent_valid_months                          12
> interval_warn_days                            28
> interval_block_days                           14
> followup_due_days                             7
> course_overdue_days                           14
> override_min_reason                           10
> lot_registration                              warn
> minimum_age                                   18
> consent_policy                                warn
> fhir_identifier_system                        (not set)
> depth_limit.forehead                          0.50
> depth_limit.glabella                          0.50
> depth_limit.temple                            0.50
> depth_limit.periorbital                       0.50
> depth_limit.nose                              0.75
> depth_limit.cheek                             1.50
> depth_limit.perioral                          0.50
> depth_limit.chin                              1.50
> depth_limit.jawline                           1.50
> depth_limit.jawline.rf                        2.50
> depth_limit.neck                              1.00
> depth_limit.decolletage                       1.00
> depth_limit.scalp                             1.00
> depth_limit.hands                             1.00
> depth_limit.abdomen                           2.50
> depth_limit.thigh                             2.50
> depth_limit.arm                               2.50
> depth_limit.back                              2.50
> depth_limit.scar                              2.50
> depth_limit.other                             2.50
> recovery.erythema                             3
> recovery.oedema                               3
> recovery.pinpoint-bleeding                    1
> recovery.bruising                             10
> recovery.itching                              7
> recovery.burning                              7
> recovery.dryness-peeling                      7
> recovery.acneiform-eruption                   14
> recovery.milia                                14
> recovery.post-inflammatory-hyperpigmentation  adverse
> recovery.infection                            adverse
> recovery.herpes-reactivation                  adverse
> recovery.contact-dermatitis                   adverse
> recovery.granuloma                            adverse
> recovery.tram-track-scarring                  adverse
> recovery.other                                14
> condition.active-infection                    block
> condition.open-wound                          block
> condition.eczema                              block
> condition.psoriasis                           block
> condition.active-herpes                       warn
> condition.rosacea-flare                       warn
> condition.keloid-tendency                     warn
> condition.isotretinoin                        block
> condition.pregnancy                           block
> condition.anticoagulants                      warn
> condition.bleeding-disorder                   block
> condition.skin-cancer                         block
> condition.metal-allergy                       block
> condition.anaesthetic-allergy                 block
> condition.uncontrolled-diabetes               warn
$ needlebook --format json setting list
> {
>   "clinic_name": "",
>   "time_zone": "",
>   "isotretinoin_months": "6",
>   "consent_valid_months": "12",
>   "interval_warn_days": "28",
>   "interval_block_days": "14",
>   "followup_due_days": "7",
>   "course_overdue_days": "14",
>   "override_min_reason": "10",
>   "lot_registration": "warn",
>   "minimum_age": "18",
>   "consent_policy": "warn",
>   "fhir_identifier_system": "",
>   "depth_limit.forehead": "0.50",
>   "depth_limit.glabella": "0.50",
>   "depth_limit.temple": "0.50",
>   "depth_limit.periorbital": "0.50",
>   "depth_limit.nose": "0.75",
>   "depth_limit.cheek": "1.50",
>   "depth_limit.perioral": "0.50",
>   "depth_limit.chin": "1.50",
>   "depth_limit.jawline": "1.50",
>   "depth_limit.jawline.rf": "2.50",
>   "depth_limit.neck": "1.00",
>   "depth_limit.decolletage": "1.00",
>   "depth_limit.scalp": "1.00",
>   "depth_limit.hands": "1.00",
>   "depth_limit.abdomen": "2.50",
>   "depth_limit.thigh": "2.50",
>   "depth_limit.arm": "2.50",
>   "depth_limit.back": "2.50",
>   "depth_limit.scar": "2.50",
>   "depth_limit.other": "2.50",
>   "recovery.erythema": "3",
>   "recovery.oedema": "3",
>   "recovery.pinpoint-bleeding": "1",
>   "recovery.bruising": "10",
>   "recovery.itching": "7",
>   "recovery.burning": "7",
>   "recovery.dryness-peeling": "7",
>   "recovery.acneiform-eruption": "14",
>   "recovery.milia": "14",
>   "recovery.post-inflammatory-hyperpigmentation": "adverse",
>   "recovery.infection": "adverse",
>   "recovery.herpes-reactivation": "adverse",
>   "recovery.contact-dermatitis": "adverse",
>   "recovery.granuloma": "adverse",
>   "recovery.tram-track-scarring": "adverse",
>   "recovery.other": "14",
>   "condition.active-infection": "block",
>   "condition.open-wound": "block",
>   "condition.eczema": "block",
>   "condition.psoriasis": "block",
>   "condition.active-herpes": "warn",
>   "condition.rosacea-flare": "warn",
>   "condition.keloid-tendency": "warn",
>   "condition.isotretinoin": "block",
>   "condition.pregnancy": "block",
>   "condition.anticoagulants": "warn",
>   "condition.bleeding-disorder": "block",
>   "condition.skin-cancer": "block",
>   "condition.metal-allergy": "block",
>   "condition.anaesthetic-allergy": "block",
>   "condition.uncontrolled-diabetes": "warn"
> }
$ needlebook history ANN
> ================================================================================
> TREATMENT HISTORY  ANN  Smith, Ann
> printed 2026-11-23 15:00 (Europe/London) by tester; reactions as of 2026-11-23
> recorded as audit row 75; chain head for 'check --head':
> 75:42640df7f616aeb92ef9e200118d2bfbfeee39938b529c1256f10031d5c1d796
> 1 session; every correction and override is shown
> ================================================================================
> PATIENT
>   chart          ANN
>   name           Smith, Ann
>   born           1985-04-12
>   fitzpatrick    not recorded
>   conditions
>     none on file
>   consent
>     - 1: signed 2026-06-01, covers microneedling serums rf
> --------------------------------------------------------------------------------
> SESSION 1  2026-11-01 10:00
>   interval       first session
>   practitioner   tester
>   indication     other
>   device         RF microneedling
>   areas
>     area     side  depth mm  passes
>     jawline  -         2.25       -
>   checked with   depth limits jawline 1.50 mm, jawline with rf 2.50 mm;
>                  consent_policy warn, consent_valid_months 12,
>                  interval_block_days 14, interval_warn_days 28,
>                  isotretinoin_months 6, minimum_age 18
>   reactions
>     none recorded
>   follow-ups
>     none recorded
> ================================================================================
> end of history
$ needlebook setting set depth_limit.jawline.rf none --reason 'back to the area limit'
> depth_limit.jawline.rf: 2.50 -> none
$ needlebook setting set depth_limit.jawline.rf none --reason 'again'
! needlebook: error: depth_limit.jawline.rf is already none; nothing to change
? 1
$ needlebook session log ANN --at '2026-11-20 10:00' --device rf --area jawline=2.25
! needlebook: error: session refused by the clinical checks:
!   depth:jawline: depth 2.25 mm on jawline exceeds the clinic limit of 1.50 mm
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1
= SELECT s.key, r.revision, r.value FROM setting s JOIN setting_revision r ON r.setting_id = s.id WHERE s.key GLOB 'depth_limit.*.*' ORDER BY r.id
> depth_limit.jawline.rf|1|2.50
> depth_limit.jawline.rf|2|
$ needlebook check
> Database check: ${TMP}/clinic.db
>   file: ${TMP}/clinic.db
>   result: ok
>   integrity: SQLite's integrity_check; foreign keys: foreign_key_check; audit
>     chain: each row's SHA-256 and its link to the row before; records: each
>     record revision against the fingerprint its audit row keeps
>
> check         result  rows_checked  faults  first_fault  note
> integrity     ok                 0       0  -            -
> foreign keys  ok                 0       0  -            -
> audit chain   ok                76       0  -            -
> records       ok                75       0  -            -
> seals         ok                 0       0  -            no seals: anyone who can write the file could recompute the chain
> schema        ok               254       0  -            -
