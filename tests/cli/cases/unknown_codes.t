# Codes outside the catalogues are refused (exit 1) with a message naming the field, the value
# and every allowed code; codes are lowercase with hyphens, and nothing is stored.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook session log ANN --at "2026-11-10 10:00" --device pen --area cheek:left=1.0 --area forehead=0.25
> session 1 logged for ANN at 2026-11-10 10:00

# session log: area, side, device, indication, serum product and phase.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area ear=0.5
! needlebook: error: unknown area 'ear'; allowed: forehead, glabella, temple, periorbital, nose, cheek, perioral, chin, jawline, neck, decolletage, scalp, hands, abdomen, thigh, arm, back, scar or other
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheeks=1.0
! needlebook: error: unknown area 'cheeks'; allowed: forehead, glabella, temple, periorbital, nose, cheek, perioral, chin, jawline, neck, decolletage, scalp, hands, abdomen, thigh, arm, back, scar or other
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area under-eye=0.25
! needlebook: error: unknown area 'under-eye'; allowed: forehead, glabella, temple, periorbital, nose, cheek, perioral, chin, jawline, neck, decolletage, scalp, hands, abdomen, thigh, arm, back, scar or other
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek:middle=1.0
! needlebook: error: unknown side 'middle'; allowed: left or right
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek:=1.0
! needlebook: error: unknown side ''; allowed: left or right
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device laser --area neck=0.5
! needlebook: error: unknown device 'laser'; allowed: pen, roller, stamp or rf
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area neck=0.5 --indication wrinkles
! needlebook: error: unknown indication 'wrinkles'; allowed: rejuvenation, acne-scars, surgical-scar, stretch-marks, hyperpigmentation, melasma or other
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area neck=0.5 --serum botox@B-1
! needlebook: error: unknown serum product 'botox'; known products: exosome-serum, gf-serum, ha-serum, peptide-serum, prp, vitc-serum
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area neck=0.5 --serum ha-serum@HA1:before
! needlebook: error: unknown serum phase 'before'; allowed: during or after
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area neck=0.5 --serum ha-serum
! needlebook: error: serum 'ha-serum' needs a product and a lot; write PRODUCT@LOT[:during|after][=AMOUNTml], e.g. ha-serum@HA2291=1.5ml
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area neck=0.5 --serum @HA1
! needlebook: error: serum '@HA1' needs a product and a lot; write PRODUCT@LOT[:during|after][=AMOUNTml], e.g. ha-serum@HA2291=1.5ml
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area neck=0.5 --serum ha-serum@
! needlebook: error: serum lot must not be empty
? 1

# The unknown serum is refused even after a good one.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area neck=0.5 --serum ha-serum@HA1 --serum hyaluronic@HA1
! needlebook: error: unknown serum product 'hyaluronic'; known products: exosome-serum, gf-serum, ha-serum, peptide-serum, prp, vitc-serum
? 1

# reaction add: kind, severity, area, side.
$ needlebook reaction add 1 --kind rash --severity mild --onset 2026-11-11
! needlebook: error: unknown kind 'rash'; allowed: erythema, oedema, pinpoint-bleeding, bruising, itching, burning, dryness-peeling, acneiform-eruption, milia, post-inflammatory-hyperpigmentation, infection, herpes-reactivation, contact-dermatitis, granuloma, tram-track-scarring or other
? 1

$ needlebook reaction add 1 --kind erythema --severity awful --onset 2026-11-11
! needlebook: error: unknown severity 'awful'; allowed: mild, moderate or severe
? 1

$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-11 --area ear
! needlebook: error: unknown area 'ear'; allowed: forehead, glabella, temple, periorbital, nose, cheek, perioral, chin, jawline, neck, decolletage, scalp, hands, abdomen, thigh, arm, back, scar or other
? 1

$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-11 --area cheek:top
! needlebook: error: unknown side 'top'; allowed: left or right
? 1

# A reaction must be on skin the session treated.
$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-11 --area neck
! needlebook: error: area neck was not treated in session 1 (treated: cheek:left, forehead)
? 1

$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-11 --area cheek:right
! needlebook: error: area cheek:right was not treated in session 1 (treated: cheek:left, forehead)
? 1

# condition codes, follow-up outcomes.
$ needlebook condition add ANN --code acne
! needlebook: error: unknown condition 'acne'; allowed: active-infection, open-wound, eczema, psoriasis, active-herpes, rosacea-flare, keloid-tendency, isotretinoin, pregnancy, anticoagulants, bleeding-disorder, skin-cancer, metal-allergy, anaesthetic-allergy or uncontrolled-diabetes
? 1

$ needlebook condition add ANN --code 'rosacea flare'
! needlebook: error: unknown condition 'rosacea flare'; allowed: active-infection, open-wound, eczema, psoriasis, active-herpes, rosacea-flare, keloid-tendency, isotretinoin, pregnancy, anticoagulants, bleeding-disorder, skin-cancer, metal-allergy, anaesthetic-allergy or uncontrolled-diabetes
? 1

$ needlebook condition resolve ANN --code acne --on 2026-11-01
! needlebook: error: unknown condition 'acne'; allowed: active-infection, open-wound, eczema, psoriasis, active-herpes, rosacea-flare, keloid-tendency, isotretinoin, pregnancy, anticoagulants, bleeding-disorder, skin-cancer, metal-allergy, anaesthetic-allergy or uncontrolled-diabetes
? 1

$ needlebook followup add 1 --on 2026-11-12 --outcome fine
! needlebook: error: unknown outcome 'fine'; allowed: none or reactions
? 1

# Skin types.
$ needlebook patient add --family Jones --given Bob --born 1980-01-01 --fitzpatrick 7
! needlebook: error: fitzpatrick '7' is not a skin type; allowed: 1 to 6 or I to VI
? 1

$ needlebook patient add --family Jones --given Bob --born 1980-01-01 --fitzpatrick VII
! needlebook: error: fitzpatrick 'VII' is not a skin type; allowed: 1 to 6 or I to VI
? 1

$ needlebook patient add --family Jones --given Bob --born 1980-01-01 --fitzpatrick 0
! needlebook: error: fitzpatrick '0' is not a skin type; allowed: 1 to 6 or I to VI
? 1

# Catalogue codes are matched without regard to case and stored in lowercase.
$ needlebook session log ANN --at "2026-11-20 10:00" --device PEN --area Neck=0.5 --indication Melasma
> session 2 logged for ANN at 2026-11-20 10:00
= SELECT device, indication FROM session_revision WHERE session_id = 2
> pen|melasma
= SELECT area FROM session_area a JOIN session_revision r ON r.id = a.session_revision_id WHERE r.session_id = 2
> neck
