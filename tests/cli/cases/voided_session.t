# A voided session stays on record and says so everywhere; nothing more can be added to it,
# and it cannot be amended or voided again.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook session log ANN --at "2026-11-20 10:00" --device pen --area cheek=1.0
> session 1 logged for ANN at 2026-11-20 10:00

$ needlebook session void 1 --reason "logged twice"
> session 1 voided (revision 2): logged twice

# The void revision repeats the content, so the record still shows what was voided.
$ needlebook session show 1
> Session 1 for ANN  [VOIDED]
>   at            2026-11-20 10:00 (Europe/London)
>   practitioner  tester
>   indication    other
>   device        pen
>   areas
>     area   depth mm  passes
>     cheek      1.00       -
>   revision 2 (VOID) by tester on 2026-11-23 15:00: logged twice

$ needlebook session list
> no sessions

# patient show marks the voided session.
$ needlebook patient show ANN
> Patient ANN: Smith, Ann
>   born          1985-04-12
>   fitzpatrick   not recorded
>   conditions
>     none on file
>   consent
>     1: signed 2026-06-01, covers microneedling serums
>   sessions      1
>     1  2026-11-20 10:00  pen  [VOIDED]
>   revision 1 by tester on 2026-11-23 15:00

$ needlebook session void 1 --reason "again"
! needlebook: error: session 1 is already voided
? 1

$ needlebook session amend 1 --reason "fix depth" --area cheek=0.75
! needlebook: error: session 1 is voided; it cannot be amended
? 1

$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-21
! needlebook: error: session 1 is voided; no reaction can be added to it
? 1

$ needlebook followup add 1 --on 2026-11-22 --outcome none
! needlebook: error: session 1 is voided; no follow-up can be added to it
? 1

# A voided session no longer counts for the interval check on the same area.
$ needlebook session log ANN --at "2026-11-20 11:00" --device pen --area cheek=1.0
> session 2 logged for ANN at 2026-11-20 11:00

= SELECT session_id, revision, voided, reason FROM session_revision ORDER BY id
> 1|1|0|
> 1|2|1|logged twice
> 2|1|0|
