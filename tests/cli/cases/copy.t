# copy --from A --to B: a whole clinic, every revision, setting and audit row, into a new
# database; here file to file (SQLite to PostgreSQL and back: tests/pg/copy_both_ways.sh). The
# copied audit chain vouches for the copy: check on it recomputes every record's fingerprint.
# Both sides are audited. Refused, changing nothing: a target holding records, the same
# database twice, a missing source (no file is left behind). Hashes read ${SHA256}; the
# account ${OS_USER}.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook patient amend ANN --family Jones --reason 'married name'
> patient ANN amended (revision 2): Jones, Ann
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek=0.5
> session 1 logged for ANN at 2026-11-20 10:00
! needlebook: warning: consent: no signed consent on file for the session day; record it with 'needlebook consent add'
$ needlebook setting set clinic_name 'Rue de la Paix' --reason 'the sign'
> clinic_name: '' -> Rue de la Paix

$ needlebook copy --to ${TMP}/copy.db
> copied ${TMP}/clinic.db into ${TMP}/copy.db
> rows: 280 in 44 tables
> chain head: 75:${SHA256} (the same in both; every record's fingerprint checked against it on the copy)
> verified: integrity ok, foreign keys ok, audit chain ok (76 rows), records ok (73 rows), seals ok, schema ok (254 rows)
# The copy carries every row: the patient's two revisions, the session, the changed setting.
$ needlebook --db ${TMP}/copy.db patient show ANN
> Patient ANN: Jones, Ann
>   born          1985-04-12
>   fitzpatrick   not recorded
>   conditions
>     none on file
>   consent
>     none on file
>   sessions      1
>     1  2026-11-20 10:00  pen
>   revision 2 by tester on 2026-11-23 15:00: married name
$ needlebook --db ${TMP}/copy.db audit --patient ANN
> Audit trail
>   rows: 4
>   times are UTC, as stored and hashed; clock: fixed when NEEDLEBOOK_NOW set it;
>     account: the operating-system account that ran needlebook, whoever the actor
>     said they were (blank on rows from before schema 4)
>
> id  at                    actor   action         patient  record     revision  reason        clock  account
> 71  2026-11-23T15:00:00Z  tester  patient.add    ANN      patient 1         1  -             fixed  ${OS_USER}
> 72  2026-11-23T15:00:00Z  tester  patient.amend  ANN      patient 1         2  married name  fixed  ${OS_USER}
> 73  2026-11-23T15:00:00Z  tester  session.log    ANN      session 1         1  -             fixed  ${OS_USER}
> 77  2026-11-23T15:00:00Z  tester  patient.show   ANN      patient 1         2  -             fixed  ${OS_USER}
$ needlebook --db ${TMP}/copy.db setting list --format csv
> key,value\r
> clinic_name,Rue de la Paix\r
> time_zone,\r
> isotretinoin_months,6\r
> consent_valid_months,12\r
> interval_warn_days,28\r
> interval_block_days,14\r
> followup_due_days,7\r
> course_overdue_days,14\r
> override_min_reason,10\r
> lot_registration,warn\r
> minimum_age,18\r
> consent_policy,warn\r
> fhir_identifier_system,\r
> depth_limit.forehead,0.50\r
> depth_limit.glabella,0.50\r
> depth_limit.temple,0.50\r
> depth_limit.periorbital,0.50\r
> depth_limit.nose,0.75\r
> depth_limit.cheek,1.50\r
> depth_limit.perioral,0.50\r
> depth_limit.chin,1.50\r
> depth_limit.jawline,1.50\r
> depth_limit.neck,1.00\r
> depth_limit.decolletage,1.00\r
> depth_limit.scalp,1.00\r
> depth_limit.hands,1.00\r
> depth_limit.abdomen,2.50\r
> depth_limit.thigh,2.50\r
> depth_limit.arm,2.50\r
> depth_limit.back,2.50\r
> depth_limit.scar,2.50\r
> depth_limit.other,2.50\r
> recovery.erythema,3\r
> recovery.oedema,3\r
> recovery.pinpoint-bleeding,1\r
> recovery.bruising,10\r
> recovery.itching,7\r
> recovery.burning,7\r
> recovery.dryness-peeling,7\r
> recovery.acneiform-eruption,14\r
> recovery.milia,14\r
> recovery.post-inflammatory-hyperpigmentation,adverse\r
> recovery.infection,adverse\r
> recovery.herpes-reactivation,adverse\r
> recovery.contact-dermatitis,adverse\r
> recovery.granuloma,adverse\r
> recovery.tram-track-scarring,adverse\r
> recovery.other,14\r
> condition.active-infection,block\r
> condition.open-wound,block\r
> condition.eczema,block\r
> condition.psoriasis,block\r
> condition.active-herpes,warn\r
> condition.rosacea-flare,warn\r
> condition.keloid-tendency,warn\r
> condition.isotretinoin,block\r
> condition.pregnancy,block\r
> condition.anticoagulants,warn\r
> condition.bleeding-disorder,block\r
> condition.skin-cancer,block\r
> condition.metal-allergy,block\r
> condition.anaesthetic-allergy,block\r
> condition.uncontrolled-diabetes,warn\r
$ needlebook --db ${TMP}/copy.db check
> Database check: ${TMP}/copy.db
>   file: ${TMP}/copy.db
>   result: ok
>   integrity: SQLite's integrity_check; foreign keys: foreign_key_check; audit
>     chain: each row's SHA-256 and its link to the row before; records: each
>     record revision against the fingerprint its audit row keeps
>
> check         result  rows_checked  faults  first_fault  note
> integrity     ok                 0       0  -            -
> foreign keys  ok                 0       0  -            -
> audit chain   ok                78       0  -            -
> records       ok                75       0  -            -
> seals         ok                 0       0  -            no seals: anyone who can write the file could recompute the chain
> schema        ok               254       0  -            -
# The source names the copy, in the row the copy ends with.
= SELECT id, actor, action, reason FROM audit_log WHERE action = 'database.copy'
> 75|tester|database.copy|to ${TMP}/copy.db: the whole clinic, its audit trail up to this row

# Refused: the copy now holds a patient; the same database twice; a missing source.
$ needlebook copy --to ${TMP}/copy.db
! needlebook: error: ${TMP}/copy.db holds a patient: copy fills only a new database that 'needlebook init' has just made, so that nothing in it is replaced or mixed with what comes in. Give a new file, or an empty database on a server; nothing was changed
? 1
$ needlebook copy --from ${TMP}/clinic.db --to ${TMP}/clinic.db
! needlebook: error: --from and --to both name ${TMP}/clinic.db; nothing was copied
? 1
$ needlebook copy --from ${TMP}/missing.db --to ${TMP}/new.db
! needlebook: error: no database at ${TMP}/missing.db; create it with 'needlebook init' or give --db PATH
? 1
$ needlebook --db ${TMP}/new.db patient list
! needlebook: error: no database at ${TMP}/new.db; create it with 'needlebook init' or give --db PATH
? 1

# A copy of the copy is the same clinic again, with one more audit row on each side.
$ needlebook copy --from ${TMP}/copy.db --to ${TMP}/again.db --format json
> {
>   "from": "${TMP}/copy.db",
>   "to": "${TMP}/again.db",
>   "tables": 44,
>   "rows": 285,
>   "photos": 0,
>   "chain_head": "79:${SHA256}",
>   "verified": "integrity ok, foreign keys ok, audit chain ok (80 rows), records ok (75 rows), seals ok, schema ok (254 rows)"
> }
$ needlebook --db ${TMP}/again.db session list
> id  at                patient  device  areas       serums  flags
>  1  2026-11-20 10:00  ANN      pen     cheek=0.50  0       warning
