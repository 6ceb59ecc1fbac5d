# export --all-revisions: every revision of every record, in record order and then revision
# order, with the columns revision, author, recorded_at (UTC) and reason after the table's own.
# The default export of the same records holds only the newest revision. Authors and reasons
# are text, so one starting with = + - @ is guarded like any other text cell.

%env NEEDLEBOOK_NOW=2026-11-20T10:00:00Z
$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)

$ needlebook patient add --code ANN --family Smith --given Ann --born 1985-04-12
> patient ANN registered: Smith, Ann
$ needlebook patient add --code BOB --family Brown --given Bob --born 1970-01-01 --fitzpatrick 3
> patient BOB registered: Brown, Bob
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook session log ANN --at '2026-11-20 09:00' --device pen --area cheek=1.0x2 --area forehead=0.5 --serum ha-serum@HA1 --practitioner dr.lee
> session 1 logged for ANN at 2026-11-20 09:00
! needlebook: warning: lot:ha-serum:HA1: lot HA1 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA1 --expires YYYY-MM-DD'
$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-20
> reaction 1 recorded for session 1: erythema, mild, open

%env NEEDLEBOOK_NOW=2026-11-22T08:30:00Z
$ needlebook --as @mgr patient amend ANN --reason 'married name, "per ID"' --family Jones
> patient ANN amended (revision 2): Jones, Ann
$ needlebook --as nurse.kim session amend 1 --reason '=typo in depth' --area cheek=0.75x2 --area forehead=0.5
> session 1 amended (revision 2) for ANN at 2026-11-20 09:00
! needlebook: warning: lot:ha-serum:HA1: lot HA1 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA1 --expires YYYY-MM-DD'
$ needlebook --as nurse.kim reaction resolve 1 --on 2026-11-22
> reaction 1 resolved on 2026-11-22, 2 days after onset

%env NEEDLEBOOK_NOW=2026-11-23T15:00:00Z
$ needlebook session void 1 --reason 'logged on the wrong chart'
> session 1 voided (revision 3): logged on the wrong chart

# The current revisions only.
$ needlebook export patients
> code,family_name,given_name,birth_date,fitzpatrick,phone,email,note,merged_into,voided\r
> ANN,Jones,Ann,1985-04-12,,,,,,0\r
> BOB,Brown,Bob,1970-01-01,3,,,,,0\r

# Every revision: who, when (UTC) and why; the first revision has no reason.
$ needlebook export patients --all-revisions
> code,family_name,given_name,birth_date,fitzpatrick,phone,email,note,merged_into,voided,revision,author,recorded_at,recorded_at_local,reason\r
> ANN,Smith,Ann,1985-04-12,,,,,,0,1,tester,2026-11-20T10:00:00Z,2026-11-20T10:00:00+00:00,\r
> ANN,Jones,Ann,1985-04-12,,,,,,0,2,'@mgr,2026-11-22T08:30:00Z,2026-11-22T08:30:00+00:00,"married name, ""per ID"""\r
> BOB,Brown,Bob,1970-01-01,3,,,,,0,1,tester,2026-11-20T10:00:00Z,2026-11-20T10:00:00+00:00,\r

$ needlebook export patients --all-revisions --raw
> code,family_name,given_name,birth_date,fitzpatrick,phone,email,note,merged_into,voided,revision,author,recorded_at,recorded_at_local,reason\r
> ANN,Smith,Ann,1985-04-12,,,,,,0,1,tester,2026-11-20T10:00:00Z,2026-11-20T10:00:00+00:00,\r
> ANN,Jones,Ann,1985-04-12,,,,,,0,2,@mgr,2026-11-22T08:30:00Z,2026-11-22T08:30:00+00:00,"married name, ""per ID"""\r
> BOB,Brown,Bob,1970-01-01,3,,,,,0,1,tester,2026-11-20T10:00:00Z,2026-11-20T10:00:00+00:00,\r

# A session: as logged, as amended (new depth; the serum kept), and voided (voided = 1).
$ needlebook export sessions --all-revisions
> id,patient,performed_at,performed_at_local,practitioner,indication,device,model,cartridge,cartridge_lot,anaesthetic,endpoint,aftercare,note,areas,serums,findings,course,voided,revision,author,recorded_at,recorded_at_local,reason,checked_with\r
> 1,ANN,2026-11-20T09:00:00Z,2026-11-20T09:00:00+00:00,dr.lee,other,pen,,,,,,,,"[{""area"":""cheek"",""side"":null,""depth_mm"":1.0,""passes"":2},{""area"":""forehead"",""side"":null,""depth_mm"":0.5,""passes"":null}]","[{""product"":""ha-serum"",""lot"":""HA1"",""expiry"":null,""phase"":""after"",""amount_ml"":null}]","[{""key"":""lot:ha-serum:HA1"",""level"":""warning"",""message"":""lot HA1 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA1 --expires YYYY-MM-DD'"",""override_reason"":"""",""overridden_by"":"""",""overridden_at"":null}]",,0,1,tester,2026-11-20T10:00:00Z,2026-11-20T10:00:00+00:00,,"[{""key"":""consent_policy"",""revision"":1,""value"":""warn""},{""key"":""consent_valid_months"",""revision"":1,""value"":""12""},{""key"":""depth_limit.cheek"",""revision"":1,""value"":""1.50""},{""key"":""depth_limit.forehead"",""revision"":1,""value"":""0.50""},{""key"":""interval_block_days"",""revision"":1,""value"":""14""},{""key"":""interval_warn_days"",""revision"":1,""value"":""28""},{""key"":""isotretinoin_months"",""revision"":1,""value"":""6""},{""key"":""lot_registration"",""revision"":1,""value"":""warn""},{""key"":""minimum_age"",""revision"":1,""value"":""18""}]"\r
> 1,ANN,2026-11-20T09:00:00Z,2026-11-20T09:00:00+00:00,dr.lee,other,pen,,,,,,,,"[{""area"":""cheek"",""side"":null,""depth_mm"":0.75,""passes"":2},{""area"":""forehead"",""side"":null,""depth_mm"":0.5,""passes"":null}]","[{""product"":""ha-serum"",""lot"":""HA1"",""expiry"":null,""phase"":""after"",""amount_ml"":null}]","[{""key"":""lot:ha-serum:HA1"",""level"":""warning"",""message"":""lot HA1 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA1 --expires YYYY-MM-DD'"",""override_reason"":"""",""overridden_by"":"""",""overridden_at"":null}]",,0,2,nurse.kim,2026-11-22T08:30:00Z,2026-11-22T08:30:00+00:00,'=typo in depth,"[{""key"":""consent_policy"",""revision"":1,""value"":""warn""},{""key"":""consent_valid_months"",""revision"":1,""value"":""12""},{""key"":""depth_limit.cheek"",""revision"":1,""value"":""1.50""},{""key"":""depth_limit.forehead"",""revision"":1,""value"":""0.50""},{""key"":""interval_block_days"",""revision"":1,""value"":""14""},{""key"":""interval_warn_days"",""revision"":1,""value"":""28""},{""key"":""isotretinoin_months"",""revision"":1,""value"":""6""},{""key"":""lot_registration"",""revision"":1,""value"":""warn""},{""key"":""minimum_age"",""revision"":1,""value"":""18""}]"\r
> 1,ANN,2026-11-20T09:00:00Z,2026-11-20T09:00:00+00:00,dr.lee,other,pen,,,,,,,,"[{""area"":""cheek"",""side"":null,""depth_mm"":0.75,""passes"":2},{""area"":""forehead"",""side"":null,""depth_mm"":0.5,""passes"":null}]","[{""product"":""ha-serum"",""lot"":""HA1"",""expiry"":null,""phase"":""after"",""amount_ml"":null}]","[{""key"":""lot:ha-serum:HA1"",""level"":""warning"",""message"":""lot HA1 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA1 --expires YYYY-MM-DD'"",""override_reason"":"""",""overridden_by"":"""",""overridden_at"":null}]",,1,3,tester,2026-11-23T15:00:00Z,2026-11-23T15:00:00+00:00,logged on the wrong chart,\r

# Areas and serums belong to a session revision: each row names it.
$ needlebook export session_areas --all-revisions
> session,position,area,side,depth_mm,passes,voided,revision,author,recorded_at,recorded_at_local,reason\r
> 1,1,cheek,,1.00,2,0,1,tester,2026-11-20T10:00:00Z,2026-11-20T10:00:00+00:00,\r
> 1,2,forehead,,0.50,,0,1,tester,2026-11-20T10:00:00Z,2026-11-20T10:00:00+00:00,\r
> 1,1,cheek,,0.75,2,0,2,nurse.kim,2026-11-22T08:30:00Z,2026-11-22T08:30:00+00:00,'=typo in depth\r
> 1,2,forehead,,0.50,,0,2,nurse.kim,2026-11-22T08:30:00Z,2026-11-22T08:30:00+00:00,'=typo in depth\r
> 1,1,cheek,,0.75,2,1,3,tester,2026-11-23T15:00:00Z,2026-11-23T15:00:00+00:00,logged on the wrong chart\r
> 1,2,forehead,,0.50,,1,3,tester,2026-11-23T15:00:00Z,2026-11-23T15:00:00+00:00,logged on the wrong chart\r

$ needlebook export session_areas
> session,position,area,side,depth_mm,passes,voided\r
> 1,1,cheek,,0.75,2,1\r
> 1,2,forehead,,0.50,,1\r

$ needlebook export serum_uses --all-revisions
> session,position,product,lot,expiry,phase,amount_ml,voided,revision,author,recorded_at,recorded_at_local,reason\r
> 1,1,ha-serum,HA1,,after,,0,1,tester,2026-11-20T10:00:00Z,2026-11-20T10:00:00+00:00,\r
> 1,1,ha-serum,HA1,,after,,0,2,nurse.kim,2026-11-22T08:30:00Z,2026-11-22T08:30:00+00:00,'=typo in depth\r
> 1,1,ha-serum,HA1,,after,,1,3,tester,2026-11-23T15:00:00Z,2026-11-23T15:00:00+00:00,logged on the wrong chart\r

# Resolving a reaction is a revision too, with the reason 'resolved'.
$ needlebook export reactions --all-revisions
> id,session,kind,severity,area,side,onset,resolved,note,voided,revision,author,recorded_at,recorded_at_local,reason\r
> 1,1,erythema,mild,,,2026-11-20,,,0,1,tester,2026-11-20T10:00:00Z,2026-11-20T10:00:00+00:00,\r
> 1,1,erythema,mild,,,2026-11-20,2026-11-22,,0,2,nurse.kim,2026-11-22T08:30:00Z,2026-11-22T08:30:00+00:00,resolved\r

# A table with no records: the header alone.
$ needlebook export followups --all-revisions
> id,session,checked_on,outcome,note,voided,revision,author,recorded_at,recorded_at_local,reason\r

= SELECT reason FROM audit_log WHERE action = 'export' ORDER BY id
> patients (2 rows)
> patients (3 rows), all revisions
> patients (3 rows), all revisions
> sessions (3 rows), all revisions
> session_areas (6 rows), all revisions
> session_areas (2 rows)
> serum_uses (3 rows), all revisions
> reactions (2 rows), all revisions
> followups (0 rows), all revisions
