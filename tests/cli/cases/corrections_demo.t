# Every correction command on the demo clinic's records (same seed, same clinic): each works on
# records the demo made, the histories show each correction, and check passes afterwards.

$ needlebook demo --patients 4 --seed 3
> demo clinic in ${TMP}/clinic.db: 4 patients, 21 sessions (67 areas, 17 serums), 43 reactions, 20 follow-ups, 2 courses (4 outcome scores)
$ needlebook patient show P-000001
> Patient P-000001: Mensah, Yuki
>   born          1970-08-13
>   fitzpatrick   II
>   phone         +44 7700 900101
>   email         patient79068@example.org
>   conditions
>     none on file
>   consent
>     1: signed 2026-07-21, covers microneedling serums photos
>   sessions      3
>     1  2026-07-24 12:30  roller
>     2  2026-09-17 10:00  roller
>     3  2026-10-28 12:30  roller
>   revision 1 by tester on 2026-11-23 15:00
$ needlebook session show 1
> Session 1 for P-000001
>   at            2026-07-24 12:30 (Europe/London)
>   practitioner  Nurse Tom Reid
>   indication    rejuvenation
>   device        roller
>   anaesthetic   lidocaine 5% cream, 30 min
>   endpoint      pinpoint bleeding
>   aftercare     SPF 50, no make-up 24 h, gentle cleanser
>   areas
>     area               depth mm  passes
>     forehead               0.50       4
>     periorbital:left       0.20       2
>     periorbital:right      0.20       2
>     cheek:left             0.95       4
>     cheek:right            0.95       4
>   reactions
>     reaction 1: erythema, mild, periorbital:right, onset 2026-07-24, resolved 2026-07-26
>     reaction 3: itching, moderate, cheek:right, onset 2026-07-26, resolved 2026-07-30
>     reaction 2: dryness/peeling, mild, periorbital:left, onset 2026-07-27, resolved 2026-08-02
>   follow-ups
>     follow-up 1: 2026-07-26: reactions recorded
>   revision 1 by tester on 2026-11-23 15:00
$ needlebook condition add P-000001 --code eczema --since 2026-01-01
> condition 1 on file for P-000001: eczema
$ needlebook condition amend 1 --code psoriasis --reason 'the dermatologist letter says psoriasis'
> condition 1 amended (revision 2): psoriasis since 2026-01-01, active
$ needlebook condition void 1 --reason 'belongs to P-000002'
> condition 1 voided (revision 3): psoriasis since 2026-01-01, active
$ needlebook consent amend 1 --covers 'microneedling serums prp photos' --reason 'page two of the form was missed'
> consent 1 amended (revision 2): signed 2026-07-21, covers microneedling serums prp photos
$ needlebook reaction amend 1 --severity moderate --reason 'photo reviewed'
> reaction 1 amended (revision 2): erythema, moderate, periorbital:right, onset 2026-07-24, resolved 2026-07-26
$ needlebook reaction resolve 1 --on 2026-07-27 --reason 'patient phoned: it lasted a day longer'
> reaction 1 resolved on 2026-07-27, 3 days after onset
$ needlebook followup amend 1 --note 'phoned' --reason 'how it was checked'
> follow-up 1 amended (revision 2): 2026-07-26: reactions recorded (phoned)
$ needlebook reaction void 3 --reason 'itching was the other cheek, recorded on reaction 1'
> reaction 3 voided (revision 2): itching, moderate, cheek:right, onset 2026-07-26, resolved 2026-07-30
$ needlebook followup void 1 --reason 'entered twice'
> follow-up 1 voided (revision 3): 2026-07-26: reactions recorded (phoned)
$ needlebook product amend ha-serum --maker 'Skin Labs' --reason 'maker from the box'
> product ha-serum amended (revision 2): maker: added Skin Labs
$ needlebook product retire exosome-serum --reason 'no longer stocked'
> product exosome-serum retired (revision 2): no longer stocked
$ needlebook patient add --family Mensah --given Yuki --born 1970-08-13 --code DUP
> patient DUP registered: Mensah, Yuki
! needlebook: warning: P-000001 has the same name and birth date; if this is the same person, keep one chart: 'needlebook patient merge DUP --into P-000001 --reason …'
$ needlebook consent add DUP --signed 2026-11-01
> consent 5 on file for DUP, signed 2026-11-01, covers microneedling serums
$ needlebook session log DUP --at '2026-11-20 10:00' --device pen --area chin=1.0
> session 22 logged for DUP at 2026-11-20 10:00
$ needlebook patient merge DUP --into P-000001 --reason 'the same person, registered again at reception'
> patient DUP merged into P-000001 (revision 2): 0 conditions moved, 1 consent moved, 1 session moved
$ needlebook patient add --family Test --given Entry --born 1990-01-01 --code ERR
> patient ERR registered: Test, Entry
$ needlebook patient void ERR --reason 'a training entry'
> patient ERR voided (revision 2): Test, Entry
$ needlebook history P-000001
> ================================================================================
> TREATMENT HISTORY  P-000001  Mensah, Yuki
> printed 2026-11-23 15:00 (Europe/London) by tester; reactions as of 2026-11-23
> recorded as audit row 269; chain head for 'check --head':
> 269:${SHA256}
> 4 sessions; every correction and override is shown
> chart DUP merged into P-000001: the same person, registered again at reception
> (on 2026-11-23 15:00 by tester)
> ================================================================================
> PATIENT
>   chart          P-000001
>   name           Mensah, Yuki
>   born           1970-08-13
>   fitzpatrick    II
>   phone          +44 7700 900101
>   email          patient79068@example.org
>   conditions
>     - 1: psoriasis, since 2026-01-01, active [VOIDED]
>       revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: the
>         dermatologist letter says psoriasis
>         - code: eczema -> psoriasis
>       revision 3 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00: belongs
>         to P-000002
>         - voided: no -> yes
>   consent
>     - 1: signed 2026-07-21, covers microneedling serums prp photos
>       revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: page
>         two of the form was missed
>         - covers: microneedling serums photos -> microneedling serums prp photos
>     - 5: signed 2026-11-01, covers microneedling serums
>       revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: chart
>         DUP merged into P-000001: the same person, registered again at reception
>         - chart: DUP -> P-000001
> --------------------------------------------------------------------------------
> SESSION 1  2026-07-24 12:30
>   interval       first session
>   practitioner   Nurse Tom Reid
>   indication     rejuvenation
>   device         roller
>   anaesthetic    lidocaine 5% cream, 30 min
>   endpoint       pinpoint bleeding
>   aftercare      SPF 50, no make-up 24 h, gentle cleanser
>   areas
>     area         side   depth mm  passes
>     forehead     -          0.50       4
>     periorbital  left       0.20       2
>     periorbital  right      0.20       2
>     cheek        left       0.95       4
>     cheek        right      0.95       4
>   checked with   depth limits cheek 1.50 mm, forehead 0.50 mm, periorbital 0.50
>                  mm; consent_policy warn, consent_valid_months 12,
>                  interval_block_days 14, interval_warn_days 28,
>                  isotretinoin_months 6, minimum_age 18
>   reactions
>     - R1 erythema, moderate, periorbital:right
>       onset 2026-07-24 (day 0), resolved 2026-07-27 (day 3, lasted 3 days)
>       revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: photo
>         reviewed
>         - severity: mild -> moderate
>       revision 3 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00:
>         patient phoned: it lasted a day longer
>         - resolved: 2026-07-26 -> 2026-07-27
>     - R3 itching, moderate, cheek:right [VOIDED]
>       onset 2026-07-26 (day 2), resolved 2026-07-30 (day 6, lasted 4 days)
>       revision 2 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00: itching
>         was the other cheek, recorded on reaction 1
>         - voided: no -> yes
>     - R2 dryness/peeling, mild, periorbital:left [prolonged]
>       onset 2026-07-27 (day 3), resolved 2026-08-02 (day 9, lasted 6 days)
>   recovered      day 9
>   follow-ups
>     - F1 2026-07-26: reactions recorded (phoned) [VOIDED]
>       revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: how it
>         was checked
>         - note: added phoned
>       revision 3 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00: entered
>         twice
>         - voided: no -> yes
> --------------------------------------------------------------------------------
> SESSION 2  2026-09-17 10:00
>   interval       55 days after the previous session
>   practitioner   Dr Sofia Marin
>   indication     rejuvenation
>   device         roller
>   anaesthetic    lidocaine 5% cream, 30 min
>   endpoint       pinpoint bleeding
>   aftercare      SPF 50, no make-up 24 h, gentle cleanser
>   areas
>     area      side  depth mm  passes
>     forehead  -         0.35       2
>   serums
>     - peptide-serum, lot pe-D9, during
>   checked with   depth limits forehead 0.50 mm; consent_policy warn,
>                  consent_valid_months 12, interval_block_days 14,
>                  interval_warn_days 28, isotretinoin_months 6, lot_registration
>                  warn, minimum_age 18
>   reactions
>     - R4 erythema, moderate, forehead
>       onset 2026-09-17 (day 0), resolved 2026-09-20 (day 3, lasted 3 days)
>   recovered      day 3
>   follow-ups
>     - F2 2026-09-19: reactions recorded
> --------------------------------------------------------------------------------
> SESSION 3  2026-10-28 12:30
>   interval       41 days after the previous session
>   practitioner   Dr Amara Lee
>   indication     rejuvenation
>   device         roller
>   anaesthetic    lidocaine 5% cream, 30 min
>   endpoint       pinpoint bleeding
>   aftercare      SPF 50, no make-up 24 h, gentle cleanser
>   areas
>     area      side  depth mm  passes
>     forehead  -         0.35       3
>   serums
>     - gf-serum, lot gf-D9, during
>     - exosome-serum, lot ex-D9, after
>   checked with   depth limits forehead 0.50 mm; consent_policy warn,
>                  consent_valid_months 12, interval_block_days 14,
>                  interval_warn_days 28, isotretinoin_months 6, lot_registration
>                  warn, minimum_age 18
>   reactions
>     - R5 erythema, mild, forehead
>       onset 2026-10-28 (day 0), resolved 2026-10-29 (day 1, lasted 1 day)
>     - R6 oedema, mild, forehead
>       onset 2026-10-29 (day 1), resolved 2026-10-30 (day 2, lasted 1 day)
>     - R7 dryness/peeling, mild, forehead
>       onset 2026-10-30 (day 2), resolved 2026-11-02 (day 5, lasted 3 days)
>   recovered      day 5
>   follow-ups
>     - F3 2026-10-30: reactions recorded
> --------------------------------------------------------------------------------
> SESSION 22  2026-11-20 10:00
>   interval       23 days after the previous session
>   practitioner   tester
>   indication     other
>   device         pen
>   areas
>     area  side  depth mm  passes
>     chin  -         1.00       -
>   checked with   depth limits chin 1.50 mm; consent_policy warn,
>                  consent_valid_months 12, interval_block_days 14,
>                  interval_warn_days 28, isotretinoin_months 6, minimum_age 18
>   reactions
>     none recorded
>   follow-ups
>     none recorded
>   corrections
>     revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: chart
>       DUP merged into P-000001: the same person, registered again at reception
>       - chart: DUP -> P-000001
> ================================================================================
> end of history
$ needlebook history P-000001 --format csv
> patient,session,session_at,session_voided,record,record_id,area,side,depth_mm,passes,product,lot,phase,amount_ml,kind,severity,onset,resolved,onset_day,recovery_day,marks,date,revision,author,recorded_at,field,before,after,text\r
> P-000001,,,,condition (voided),1,,,,,,,,,psoriasis,,2026-01-01,,,,,,3,tester,2026-11-23T15:00:00Z,,,,\r
> P-000001,,,,condition correction,1,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,code,eczema,psoriasis,the dermatologist letter says psoriasis\r
> P-000001,,,,condition correction,1,,,,,,,,,,,,,,,,,3,tester,2026-11-23T15:00:00Z,voided,no,yes,belongs to P-000002\r
> P-000001,,,,consent,1,,,,,,,,,,,,,,,,2026-07-21,2,tester,2026-11-23T15:00:00Z,,,,"signed 2026-07-21, covers microneedling serums prp photos"\r
> P-000001,,,,consent correction,1,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,covers,microneedling serums photos,microneedling serums prp photos,page two of the form was missed\r
> P-000001,,,,consent,5,,,,,,,,,,,,,,,,2026-11-01,2,tester,2026-11-23T15:00:00Z,,,,"signed 2026-11-01, covers microneedling serums"\r
> P-000001,,,,consent correction,5,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,chart,DUP,P-000001,"chart DUP merged into P-000001: the same person, registered again at reception"\r
> P-000001,1,2026-07-24 12:30,0,session,1,,,,,,,,,,,,,,,,2026-07-24,1,tester,2026-11-23T15:00:00Z,,,,practitioner Nurse Tom Reid; roller; indication rejuvenation\r
> P-000001,1,2026-07-24 12:30,0,area,1,forehead,,0.50,4,,,,,,,,,,,,,,,,,,,\r
> P-000001,1,2026-07-24 12:30,0,area,1,periorbital,left,0.20,2,,,,,,,,,,,,,,,,,,,\r
> P-000001,1,2026-07-24 12:30,0,area,1,periorbital,right,0.20,2,,,,,,,,,,,,,,,,,,,\r
> P-000001,1,2026-07-24 12:30,0,area,1,cheek,left,0.95,4,,,,,,,,,,,,,,,,,,,\r
> P-000001,1,2026-07-24 12:30,0,area,1,cheek,right,0.95,4,,,,,,,,,,,,,,,,,,,\r
> P-000001,1,2026-07-24 12:30,0,reaction,1,periorbital,right,,,,,,,erythema,moderate,2026-07-24,2026-07-27,0,3,,,,,,,,,\r
> P-000001,1,2026-07-24 12:30,0,reaction correction,1,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,severity,mild,moderate,photo reviewed\r
> P-000001,1,2026-07-24 12:30,0,reaction correction,1,,,,,,,,,,,,,,,,,3,tester,2026-11-23T15:00:00Z,resolved,2026-07-26,2026-07-27,patient phoned: it lasted a day longer\r
> P-000001,1,2026-07-24 12:30,0,reaction (voided),3,cheek,right,,,,,,,itching,moderate,2026-07-26,2026-07-30,2,6,,,,,,,,,\r
> P-000001,1,2026-07-24 12:30,0,reaction correction,3,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,voided,no,yes,"itching was the other cheek, recorded on reaction 1"\r
> P-000001,1,2026-07-24 12:30,0,reaction,2,periorbital,left,,,,,,,dryness-peeling,mild,2026-07-27,2026-08-02,3,9,prolonged,,,,,,,,\r
> P-000001,1,2026-07-24 12:30,0,followup (voided),1,,,,,,,,,,,,,,,,2026-07-26,,,,reactions,,,phoned\r
> P-000001,1,2026-07-24 12:30,0,followup correction,1,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,note,,phoned,how it was checked\r
> P-000001,1,2026-07-24 12:30,0,followup correction,1,,,,,,,,,,,,,,,,,3,tester,2026-11-23T15:00:00Z,voided,no,yes,entered twice\r
> P-000001,2,2026-09-17 10:00,0,session,2,,,,,,,,,,,,,,,,2026-09-17,1,tester,2026-11-23T15:00:00Z,,,,practitioner Dr Sofia Marin; roller; indication rejuvenation\r
> P-000001,2,2026-09-17 10:00,0,area,2,forehead,,0.35,2,,,,,,,,,,,,,,,,,,,\r
> P-000001,2,2026-09-17 10:00,0,serum,2,,,,,peptide-serum,pe-D9,during,,,,,,,,,,,,,,,,\r
> P-000001,2,2026-09-17 10:00,0,reaction,4,forehead,,,,,,,,erythema,moderate,2026-09-17,2026-09-20,0,3,,,,,,,,,\r
> P-000001,2,2026-09-17 10:00,0,followup,2,,,,,,,,,,,,,,,,2026-09-19,,,,reactions,,,\r
> P-000001,3,2026-10-28 12:30,0,session,3,,,,,,,,,,,,,,,,2026-10-28,1,tester,2026-11-23T15:00:00Z,,,,practitioner Dr Amara Lee; roller; indication rejuvenation\r
> P-000001,3,2026-10-28 12:30,0,area,3,forehead,,0.35,3,,,,,,,,,,,,,,,,,,,\r
> P-000001,3,2026-10-28 12:30,0,serum,3,,,,,gf-serum,gf-D9,during,,,,,,,,,,,,,,,,\r
> P-000001,3,2026-10-28 12:30,0,serum,3,,,,,exosome-serum,ex-D9,after,,,,,,,,,,,,,,,,\r
> P-000001,3,2026-10-28 12:30,0,reaction,5,forehead,,,,,,,,erythema,mild,2026-10-28,2026-10-29,0,1,,,,,,,,,\r
> P-000001,3,2026-10-28 12:30,0,reaction,6,forehead,,,,,,,,oedema,mild,2026-10-29,2026-10-30,1,2,,,,,,,,,\r
> P-000001,3,2026-10-28 12:30,0,reaction,7,forehead,,,,,,,,dryness-peeling,mild,2026-10-30,2026-11-02,2,5,,,,,,,,,\r
> P-000001,3,2026-10-28 12:30,0,followup,3,,,,,,,,,,,,,,,,2026-10-30,,,,reactions,,,\r
> P-000001,22,2026-11-20 10:00,0,session,22,,,,,,,,,,,,,,,,2026-11-20,2,tester,2026-11-23T15:00:00Z,,,,practitioner tester; pen; indication other\r
> P-000001,22,2026-11-20 10:00,0,area,22,chin,,1.00,,,,,,,,,,,,,,,,,,,,\r
> P-000001,22,2026-11-20 10:00,0,session correction,22,,,,,,,,,,,,,,,,,2,tester,2026-11-23T15:00:00Z,chart,DUP,P-000001,"chart DUP merged into P-000001: the same person, registered again at reception"\r
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
> audit chain   ok               270       0  -            -
> records       ok               268       0  -            -
> seals         ok                 0       0  -            no seals: anyone who can write the file could recompute the chain
> schema        ok               254       0  -            -
