# The clinic's settings: listed, changed with validation and an audit row each, and used by the
# clinical checks and the display of times straight away. Bad keys and values change nothing.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook setting set depth_limit.cheek 1.2
> depth_limit.cheek: 1.50 -> 1.20
$ needlebook setting set depth_limit.cheek 1.2
! needlebook: error: depth_limit.cheek is already 1.20; nothing to change
? 1
$ needlebook setting set depth_limit.cheek 3.2
! needlebook: error: depth_limit.cheek 3.2 is outside (0, 3.0] mm
? 1
$ needlebook setting set depth_limit.elbow 1.0
! needlebook: error: unknown setting 'depth_limit.elbow'; see 'needlebook setting list' for the keys
? 1
$ needlebook setting set interval_block_days 30
! needlebook: error: interval_block_days must not exceed interval_warn_days (30 and 28 would)
? 1
$ needlebook setting set condition.rosacea-flare stop
! needlebook: error: condition.rosacea-flare 'stop' is not allowed; allowed: block or warn
? 1
$ needlebook setting set time_zone Mars/Base
! needlebook: error: unknown time zone 'Mars/Base' (clinic setting time_zone); use an IANA name such as Europe/London
? 1
$ needlebook setting set recovery.erythema adverse
> recovery.erythema: 3 -> adverse
$ needlebook setting set time_zone America/New_York
> time_zone: '' -> America/New_York

$ needlebook --format json setting list
> {
>   "clinic_name": "",
>   "time_zone": "America/New_York",
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
>   "depth_limit.cheek": "1.20",
>   "depth_limit.perioral": "0.50",
>   "depth_limit.chin": "1.50",
>   "depth_limit.jawline": "1.50",
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
>   "recovery.erythema": "adverse",
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

# The new cheek limit blocks 1.5 mm; session times are now typed and shown in New York time.
$ needlebook patient add --family Smith --given Ann --born 1985-04-12
> patient P-000001 registered: Smith, Ann
$ needlebook consent add P-000001 --signed 2026-06-01
> consent 1 on file for P-000001, signed 2026-06-01, covers microneedling serums
$ needlebook session log P-000001 --at '2026-11-20 10:00' --device pen --area cheek=1.5
! needlebook: error: session refused by the clinical checks:
!   depth:cheek: depth 1.50 mm on cheek exceeds the clinic limit of 1.20 mm
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1
$ needlebook session log P-000001 --at '2026-11-20 10:00' --device pen --area cheek=1.2
> session 1 logged for P-000001 at 2026-11-20 10:00
= SELECT performed_at FROM session_revision
> 2026-11-20T15:00:00Z

= SELECT action, actor, reason FROM audit_log WHERE action = 'setting.change' ORDER BY id
> setting.change|tester|depth_limit.cheek: '1.50' -> '1.20'
> setting.change|tester|recovery.erythema: '3' -> 'adverse'
> setting.change|tester|time_zone: '' -> 'America/New_York'

# block, warn and adverse are read in any case and stored in lower case; time zone names are not.
$ needlebook setting set condition.rosacea-flare Block
> condition.rosacea-flare: warn -> block
$ needlebook setting set condition.rosacea-flare BLOCK
! needlebook: error: condition.rosacea-flare is already block; nothing to change
? 1
$ needlebook setting set condition.eczema Warn
> condition.eczema: block -> warn
$ needlebook setting set recovery.oedema ADVERSE
> recovery.oedema: 3 -> adverse
$ needlebook setting set time_zone america/new_york
! needlebook: error: unknown time zone 'america/new_york' (clinic setting time_zone); use an IANA name such as Europe/London
? 1
= SELECT key, value, revision FROM setting_current WHERE key IN ('condition.eczema', 'condition.rosacea-flare') ORDER BY key
> condition.eczema|warn|2
> condition.rosacea-flare|block|2
= SELECT value, revision, author FROM setting_current WHERE key = 'recovery.oedema'
> adverse|2|tester
= SELECT value FROM setting_current WHERE key = 'time_zone'
> America/New_York
= SELECT reason FROM audit_log WHERE action = 'setting.change' ORDER BY id DESC LIMIT 3
> recovery.oedema: '3' -> 'adverse'
> condition.eczema: 'block' -> 'warn'
> condition.rosacea-flare: 'warn' -> 'block'

# The help of KEY names every key.
$ needlebook setting set --help
> change a setting (audited)
> Usage: needlebook setting set [OPTIONS] KEY VALUE
>
> Positionals:
>   KEY TEXT REQUIRED           clinic_name (printed on histories), time_zone (IANA name, empty for the system's), isotretinoin_months, consent_valid_months, interval_warn_days, interval_block_days, followup_due_days, course_overdue_days, override_min_reason, lot_registration (off, warn or block), minimum_age (years, 0 for none), consent_policy (warn or block), fhir_identifier_system (the URI of the clinic's chart codes in FHIR: http, https, urn:oid: or urn:uuid:; empty to unset), depth_limit.AREA (mm), depth_limit.AREA.DEVICE (mm, or none to clear), recovery.KIND (days or adverse), condition.CODE (block or warn); see 'setting list'
>   VALUE TEXT REQUIRED         the new value
>
> Options:
>   -h,--help                   Print this help message and exit
>   --reason TEXT               why it changes (kept with the revision)
>
