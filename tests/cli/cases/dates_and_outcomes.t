# Records that contradict the patient's life or each other are refused: a condition dated before
# the patient's birth, a follow-up whose outcome disagrees with the reactions on file by its day.
# A session can be logged at the current minute with --at now.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums

$ needlebook condition add ANN --code eczema --since 1980-01-01
! needlebook: error: condition since 1980-01-01 is before ANN was born (1985-04-12); check the year
? 1
$ needlebook condition add ANN --code eczema --since 2026-01-01
> condition 1 on file for ANN: eczema
$ needlebook condition resolve ANN --code eczema --on 1984-12-31
! needlebook: error: condition resolved on 1984-12-31 is before ANN was born (1985-04-12); check the year
? 1
$ needlebook condition resolve ANN --code eczema --on 2026-03-01
> condition 1 of ANN resolved on 2026-03-01: eczema
= SELECT count(*) FROM condition_revision
> 2

# --at now: the clock's minute (NEEDLEBOOK_NOW is 2026-11-23T15:00:00Z, 15:00 in London).
$ needlebook session log ANN --at now --device pen --area forehead=0.5
> session 1 logged for ANN at 2026-11-23 15:00
= SELECT performed_at FROM session_revision
> 2026-11-23T15:00:00Z

$ needlebook session log ANN --at '2026-11-01 10:00' --device pen --area cheek=1.0
> session 2 logged for ANN at 2026-11-01 10:00
$ needlebook reaction add 2 --kind erythema --severity mild --onset 2026-11-03 --area cheek
> reaction 1 recorded for session 2: erythema, mild, open
# Outcome none with a reaction on file by that day; outcome reactions before its onset.
$ needlebook followup add 2 --on 2026-11-04 --outcome none
! needlebook: error: outcome none, but session 2 has reaction 1 (erythema, onset 2026-11-03) on file by 2026-11-04; use --outcome reactions
? 1
$ needlebook followup add 2 --on 2026-11-02 --outcome reactions
! needlebook: error: outcome reactions, but session 2 has no reaction on file by 2026-11-02; record it first with 'needlebook reaction add 2 …', or use --outcome none
? 1
= SELECT count(*) FROM followup
> 0
# Both agree with the file.
$ needlebook followup add 2 --on 2026-11-02 --outcome none --note 'nothing yet'
> follow-up 1 recorded for session 2: no reaction
$ needlebook followup add 2 --on 2026-11-04 --outcome reactions
> follow-up 2 recorded for session 2: reactions recorded
