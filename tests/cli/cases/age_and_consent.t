# Checks that know the patient and the consent: a patient under the setting minimum_age (18)
# needs a consent in force for microneedling signed by a guardian (key age, blocking); a consent
# covers what its codes say (microneedling serums prp rf photos), every consent in force counts,
# and what no consent covers is a finding (consent:rf, consent:prp, consent:serums) at the level
# of the setting consent_policy; a withdrawal ends what the consent covered, in it and in the
# consents signed before it.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Young --given Tia --born 2010-06-15 --code TIA
> patient TIA registered: Young, Tia
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook product list
> code           name                               kind                  maker  state
> exosome-serum  Exosome serum                      exosomes                     in use
> gf-serum       Growth factor serum                growth factors               in use
> ha-serum       Hyaluronic acid serum 1%           hyaluronic acid              in use
> peptide-serum  Copper peptide serum               peptides                     in use
> prp            Platelet-rich plasma (autologous)  platelet-rich plasma         in use
> vitc-serum     Vitamin C serum 10%                vitamin C                    in use

# Age: the patient is 16; her own consent is not enough, nor her mother's photo form alone; her
# mother's consent to the treatment is.
$ needlebook consent add TIA --signed 2026-11-01
> consent 1 on file for TIA, signed 2026-11-01, covers microneedling serums
$ needlebook session log TIA --at '2026-11-20 10:00' --device pen --area cheek=0.5
! needlebook: error: session refused by the clinical checks:
!   age: the patient is 16 on the session day, under the clinic's minimum age of 18; a consent for microneedling signed by a guardian is needed ('needlebook consent add … --guardian NAME')
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1
$ needlebook consent add TIA --signed 2026-11-02 --covers photos --guardian 'Mia Young (mother)'
> consent 2 on file for TIA, signed 2026-11-02 by Mia Young (mother) (guardian), covers photos
$ needlebook session log TIA --at '2026-11-20 10:00' --device pen --area cheek=0.5
! needlebook: error: session refused by the clinical checks:
!   age: the patient is 16 on the session day, under the clinic's minimum age of 18; a consent for microneedling signed by a guardian is needed ('needlebook consent add … --guardian NAME')
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1
$ needlebook consent add TIA --signed 2026-11-03 --guardian 'Mia Young (mother)'
> consent 3 on file for TIA, signed 2026-11-03 by Mia Young (mother) (guardian), covers microneedling serums
$ needlebook session log TIA --at '2026-11-20 10:00' --device pen --area cheek=0.5
> session 1 logged for TIA at 2026-11-20 10:00
$ needlebook consent add TIA --signed 2026-11-02 --guardian ''
! needlebook: error: --guardian: must not be empty
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook setting set minimum_age 16 --reason 'clinic policy from November'
> minimum_age: 18 -> 16
$ needlebook setting set minimum_age 120 --reason 'typo'
! needlebook: error: minimum_age 120 is out of range; allowed: 0 to 99
? 1

# Scope: codes only, each once; RF and PRP need their own line on a form.
$ needlebook consent add ANN --signed 2026-06-01 --covers 'face and neck'
! needlebook: error: covers: unknown scope 'face'; allowed: microneedling, serums, prp, rf or photos
? 1
$ needlebook consent add ANN --signed 2026-06-01 --covers 'rf rf'
! needlebook: error: covers names rf twice; name each once
? 1
$ needlebook consent add ANN --signed 2026-06-01 --covers ''
! needlebook: error: --covers: must not be empty
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook consent add ANN --signed 2026-06-01 --covers 'microneedling, serums'
> consent 4 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook session log ANN --at '2026-11-10 10:00' --device rf --area cheek=1.0 --serum prp@P-1:during --serum ha-serum@HA-1
> session 2 logged for ANN at 2026-11-10 10:00
! needlebook: warning: lot:prp:P-1: lot P-1 of prp is not registered; register it with 'needlebook lot add prp P-1 --expires YYYY-MM-DD'
! needlebook: warning: lot:ha-serum:HA-1: lot HA-1 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA-1 --expires YYYY-MM-DD'
! needlebook: warning: consent:rf: no consent in force covers RF microneedling (in force: microneedling serums)
! needlebook: warning: consent:prp: no consent in force covers platelet-rich plasma (in force: microneedling serums)
$ needlebook session show 2
> Session 2 for ANN
>   at            2026-11-10 10:00 (Europe/London)
>   practitioner  tester
>   indication    other
>   device        RF microneedling
>   areas
>     area   depth mm  passes
>     cheek      1.00       -
>   serums
>     product   lot   phase   ml
>     prp       P-1   during  -
>     ha-serum  HA-1  after   -
>   warning       lot:prp:P-1: lot P-1 of prp is not registered; register it with 'needlebook lot add prp P-1 --expires YYYY-MM-DD'
>   warning       lot:ha-serum:HA-1: lot HA-1 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA-1 --expires YYYY-MM-DD'
>   warning       consent:rf: no consent in force covers RF microneedling (in force: microneedling serums)
>   warning       consent:prp: no consent in force covers platelet-rich plasma (in force: microneedling serums)
>   revision 1 by tester on 2026-11-23 15:00
$ needlebook setting set consent_policy block --reason 'consent must cover every step'
> consent_policy: warn -> block
$ needlebook session log ANN --at '2026-11-20 10:00' --device rf --area forehead=0.5 --serum prp@P-1:during
! needlebook: error: session refused by the clinical checks:
!   consent:rf: no consent in force covers RF microneedling (in force: microneedling serums)
!   consent:prp: no consent in force covers platelet-rich plasma (in force: microneedling serums)
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1
$ needlebook consent add ANN --signed 2026-11-15 --covers 'prp rf'
> consent 5 on file for ANN, signed 2026-11-15, covers prp rf
$ needlebook session log ANN --at '2026-11-20 10:00' --device rf --area forehead=0.5 --serum prp@P-1:during
> session 3 logged for ANN at 2026-11-20 10:00
! needlebook: warning: lot:prp:P-1: lot P-1 of prp is not registered; register it with 'needlebook lot add prp P-1 --expires YYYY-MM-DD'

# Withdrawal: consent 5 (PRP and RF) from 2026-11-21 ends PRP and RF, in it and in the older
# consent 4, which still covers microneedling and serums; withdrawing consent 4 ends the rest.
$ needlebook consent withdraw 5 --on 2026-11-21 --reason 'does not want PRP any more'
> consent 5 withdrawn on 2026-11-21: from that day neither it nor a consent signed before it covers prp rf
$ needlebook consent withdraw 5 --on 2026-11-21 --reason 'again'
! needlebook: error: consent 5 was already withdrawn on 2026-11-21
? 1
$ needlebook consent withdraw 99 --on 2026-11-21 --reason 'typo'
! needlebook: error: no consent 99; 'needlebook patient show PATIENT' lists a patient's consents
? 1
$ needlebook consent withdraw 4 --on 2026-05-01 --reason 'before it was signed'
! needlebook: error: withdrawn on 2026-05-01 is before the consent was signed (2026-06-01)
? 1
$ needlebook session log ANN --at '2026-11-21 10:00' --device rf --area chin=0.5 --serum prp@P-1:during
! needlebook: error: session refused by the clinical checks:
!   consent:rf: no consent in force covers RF microneedling (in force: microneedling serums)
!   consent:prp: no consent in force covers platelet-rich plasma (in force: microneedling serums)
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1
$ needlebook session log ANN --at '2026-11-21 10:00' --device pen --area chin=0.5
> session 4 logged for ANN at 2026-11-21 10:00
$ needlebook consent withdraw 4 --on 2026-11-22 --reason 'stopping treatment'
> consent 4 withdrawn on 2026-11-22: from that day neither it nor a consent signed before it covers microneedling serums
$ needlebook session log ANN --at '2026-11-22 10:00' --device pen --area neck=0.5
! needlebook: error: session refused by the clinical checks:
!   consent: consent 4 signed 2026-06-01 was withdrawn on 2026-11-22 (stopping treatment); record a new one with 'needlebook consent add'
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1
$ needlebook patient show ANN
> Patient ANN: Smith, Ann
>   born          1985-04-12
>   fitzpatrick   not recorded
>   conditions
>     none on file
>   consent
>     4: signed 2026-06-01, covers microneedling serums, withdrawn 2026-11-22 (stopping treatment)
>     5: signed 2026-11-15, covers prp rf, withdrawn 2026-11-21 (does not want PRP any more)
>   sessions      3
>     2  2026-11-10 10:00  RF microneedling
>     3  2026-11-20 10:00  RF microneedling
>     4  2026-11-21 10:00  pen
>   revision 1 by tester on 2026-11-23 15:00
$ needlebook --format json patient show ANN
> {
>   "code": "ANN",
>   "family_name": "Smith",
>   "given_name": "Ann",
>   "birth_date": "1985-04-12",
>   "fitzpatrick": null,
>   "phone": "",
>   "email": "",
>   "note": "",
>   "revision": {
>     "number": 1,
>     "author": "tester",
>     "recorded_at": "2026-11-23T15:00:00Z",
>     "reason": "",
>     "voided": false
>   },
>   "conditions": [],
>   "consents": [
>     {
>       "id": 4,
>       "signed": "2026-06-01",
>       "covers": "microneedling serums",
>       "guardian": "",
>       "withdrawn": {
>         "on": "2026-11-22",
>         "reason": "stopping treatment"
>       },
>       "revision": {
>         "number": 2,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "stopping treatment",
>         "voided": false
>       }
>     },
>     {
>       "id": 5,
>       "signed": "2026-11-15",
>       "covers": "prp rf",
>       "guardian": "",
>       "withdrawn": {
>         "on": "2026-11-21",
>         "reason": "does not want PRP any more"
>       },
>       "revision": {
>         "number": 2,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "does not want PRP any more",
>         "voided": false
>       }
>     }
>   ],
>   "sessions": [
>     2,
>     3,
>     4
>   ]
> }
$ needlebook setting set consent_policy sometimes --reason 'typo'
! needlebook: error: consent_policy 'sometimes' is not allowed; allowed: warn or block
? 1
= SELECT c.id, r.revision, r.covers, t.guardian, t.withdrawn_on, t.withdrawal_reason FROM consent c JOIN consent_revision r ON r.consent_id = c.id LEFT JOIN consent_terms t ON t.consent_revision_id = r.id ORDER BY c.id, r.revision
> 1|1|microneedling serums|||
> 2|1|photos|Mia Young (mother)||
> 3|1|microneedling serums|Mia Young (mother)||
> 4|1|microneedling serums|||
> 4|2|microneedling serums||2026-11-22|stopping treatment
> 5|1|prp rf|||
> 5|2|prp rf||2026-11-21|does not want PRP any more
