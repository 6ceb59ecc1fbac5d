# Spreadsheet safety in every text column of a session: a cell starting with = + - @ TAB or CR
# gets a leading "'" (and is quoted when it holds a CR, a comma or a quote); text with such a
# character later on, or after a space, is left alone; the JSON columns start with '[' and are
# never guarded (a lot inside them stays as typed). --raw writes the text as typed. Ids, dates,
# depths and the voided flag are never guarded.
#
# Single-line fields refuse TAB and CR (control_characters.t), so the TAB and CR cases are free
# text: the aftercare starts with a CR LF line break ($'...' quoting, tests/cli/README.md) and the
# override reason with a TAB. NOTE: the expected rows hold a raw TAB byte inside a line; the
# runner keeps it.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --code P1 --family Doe --given Jo --born 1990-01-01
> patient P1 registered: Doe, Jo
$ needlebook consent add P1 --signed 2026-06-01 --guardian '@all areas'
> consent 1 on file for P1, signed 2026-06-01 by @all areas (guardian), covers microneedling serums
$ needlebook session log P1 --at '2026-11-20 10:00' --device pen --area periorbital=0.75 --area cheek=1.0x2 --serum prp@=LOT-1:during --practitioner @dr.lee --model =Dermapen --cartridge +12-pin --cartridge-lot=-CL1 --anaesthetic @numb --endpoint erythema --aftercare $'\r\nSPF, "no sun"' --note ' =not a formula' --override $'\t+deep lines'
! needlebook: error: --override needs the key of the finding it accepts; for this session: --override depth:periorbital="reason"
? 2
$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-20 --note '=HYPERLINK("http://x.example","click")'
! needlebook: error: no session 1; see 'needlebook session list'
? 1
$ needlebook followup add 1 --on 2026-11-22 --outcome reactions --note=-
! needlebook: error: no session 1; see 'needlebook session list'
? 1
$ needlebook condition add P1 --code anticoagulants --note 'a=b; 1+1'
> condition 1 on file for P1: anticoagulants

$ needlebook export sessions
> id,patient,performed_at,performed_at_local,practitioner,indication,device,model,cartridge,cartridge_lot,anaesthetic,endpoint,aftercare,note,areas,serums,findings,course,voided\r

$ needlebook export sessions --raw
> id,patient,performed_at,performed_at_local,practitioner,indication,device,model,cartridge,cartridge_lot,anaesthetic,endpoint,aftercare,note,areas,serums,findings,course,voided\r

$ needlebook export serum_uses
> session,position,product,lot,expiry,phase,amount_ml,voided\r
$ needlebook export serum_uses --raw
> session,position,product,lot,expiry,phase,amount_ml,voided\r

$ needlebook export reactions
> id,session,kind,severity,area,side,onset,resolved,note,voided\r
$ needlebook export reactions --raw
> id,session,kind,severity,area,side,onset,resolved,note,voided\r

# A cell that is only '-' is guarded too.
$ needlebook export followups
> id,session,checked_on,outcome,note,voided\r

$ needlebook export conditions
> id,patient,code,since,resolved,note,clearances,voided\r
> 1,P1,anticoagulants,,,a=b; 1+1,,0\r

$ needlebook export consents
> id,patient,signed,covers,guardian,withdrawn_on,withdrawal_reason,voided\r
> 1,P1,2026-06-01,microneedling serums,'@all areas,,,0\r
