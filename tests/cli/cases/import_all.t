# import --all FOLDER: a whole export into a new database made by init, in one transaction.
# The export's settings and catalogue take the place of init's seeds; every revision comes with
# its author, time and reason; the new trail names the export's manifest. Refused, with the
# database left as it was: a database holding records, a folder without a manifest, and the
# tables only a whole export brings (settings, products) or that are never imported (audit).
# A file of every revision is imported only with its whole export. The whole round trip, byte
# for byte: tests/exchange/clinic_round_trip.sh.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook setting set time_zone Europe/Paris --reason 'the clinic moved'
> time_zone: '' -> Europe/Paris
$ needlebook product add house-serum --name 'House serum' --kind peptides
> product house-serum added: House serum
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook patient amend ANN --family Jones --reason 'married name'
> patient ANN amended (revision 2): Jones, Ann
$ needlebook export --all --all-revisions --raw --output ${TMP}/out
> exported 15 tables (147 rows) and manifest.csv to ${TMP}/out

# Into a new database: the export's settings and products, every revision.
$ needlebook --db ${TMP}/new.db init
> database ready: ${TMP}/new.db (schema version 11)
$ needlebook --db ${TMP}/new.db import --all ${TMP}/out
> imported the clinic exported to ${TMP}/out (manifest.csv SHA-256 ${SHA256}; its audit chain head then: 74:${SHA256})
>   settings.csv: 64 rows
>   products.csv: 7 rows
>   patients.csv: 2 rows
>   conditions.csv: 0 rows
>   consents.csv: 0 rows
>   lots.csv: 0 rows
>   courses.csv: 0 rows
>   sessions.csv: 0 rows
>   reactions.csv: 0 rows
>   followups.csv: 0 rows
>   scores.csv: 0 rows
>   photos.csv: 0 rows
$ needlebook --db ${TMP}/new.db setting list
> setting                                       value
> clinic_name                                   (not set)
> time_zone                                     Europe/Paris
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
$ needlebook --db ${TMP}/new.db patient show ANN
> Patient ANN: Jones, Ann
>   born          1985-04-12
>   fitzpatrick   not recorded
>   conditions
>     none on file
>   consent
>     none on file
>   sessions      0
>   revision 2 by tester on 2026-11-23 16:00: married name

# The new database passes check (its trail, the import naming the manifest: clinic_round_trip.sh).
$ needlebook --db ${TMP}/new.db check
> Database check: ${TMP}/new.db
>   file: ${TMP}/new.db
>   result: ok
>   integrity: SQLite's integrity_check; foreign keys: foreign_key_check; audit
>     chain: each row's SHA-256 and its link to the row before; records: each
>     record revision against the fingerprint its audit row keeps
>
> check         result  rows_checked  faults  first_fault  note
> integrity     ok                 0       0  -            -
> foreign keys  ok                 0       0  -            -
> audit chain   ok                76       0  -            -
> records       ok                74       0  -            -
> seals         ok                 0       0  -            no seals: anyone who can write the file could recompute the chain
> schema        ok               254       0  -            -

# A database that holds records is never filled: nothing is replaced or mixed.
$ needlebook import --all ${TMP}/out
! needlebook: error: ${TMP}/clinic.db holds a patient: import --all fills only a new database that 'needlebook init' has just made, so that nothing in it is replaced or mixed with what comes in. Give a new file, or an empty database on a server; nothing was changed
? 1
$ needlebook --db ${TMP}/new.db import --all ${TMP}/out
! needlebook: error: ${TMP}/new.db holds a patient: import --all fills only a new database that 'needlebook init' has just made, so that nothing in it is replaced or mixed with what comes in. Give a new file, or an empty database on a server; nothing was changed
? 1

# Not a whole export.
$ needlebook --db ${TMP}/empty.db init
> database ready: ${TMP}/empty.db (schema version 11)
$ needlebook --db ${TMP}/empty.db import --all ${TMP}
! needlebook: error: ${TMP} has no manifest.csv: give the folder that 'export --all --raw --output FOLDER' wrote
? 1
$ needlebook --db ${TMP}/empty.db import --all ${TMP}/out/patients.csv
! needlebook: error: ${TMP}/out/patients.csv is not a folder; give the folder that 'export --all --raw --output FOLDER' wrote
? 1
$ needlebook --db ${TMP}/empty.db import --all ${TMP}/out --delimiter ';'
! needlebook: error: --all excludes --delimiter
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

# One table at a time: settings and products only with a whole export, audit never, and a
# file of every revision only with its whole export.
$ needlebook --db ${TMP}/empty.db import settings ${TMP}/out/settings.csv
! needlebook: error: settings are imported with the whole export into a new database (import --all FOLDER); a clinic's own are changed with 'needlebook setting set'
? 1
$ needlebook --db ${TMP}/empty.db import products ${TMP}/out/products.csv
! needlebook: error: products are imported with the whole export into a new database (import --all FOLDER); a clinic's own are changed with 'needlebook product amend'
? 1
$ needlebook --db ${TMP}/empty.db import audit ${TMP}/out/audit.csv
! needlebook: error: audit.csv is the exporting database's audit trail, for auditors; it is not imported (a database keeps its own trail, and one made by import --all names the export it came from)
? 1
$ needlebook --db ${TMP}/empty.db import patients ${TMP}/out/patients.csv
! needlebook: error: ${TMP}/out/patients.csv not imported, nothing was stored (1 problem):
!   patients.csv:1: column revision: this file lists every revision (export --all-revisions); import it with the whole export into a new database: needlebook import --all FOLDER
? 1
$ needlebook --db ${TMP}/empty.db import patients
! needlebook: error: TABLE: name a table and its file, or give --all FOLDER
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
