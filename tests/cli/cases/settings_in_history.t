# A session keeps the setting values its clinical checks used: after the clinic lowers the
# cheek depth limit, the history still says the first session was checked against the old limit
# and the second against the new one; the settings' own revisions say who changed them and why.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --code ANN --family Smith --given Ann --born 1985-04-12
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook session log ANN --at "2026-09-01 10:00" --device pen --area cheek=1.4
> session 1 logged for ANN at 2026-09-01 10:00
$ needlebook setting set depth_limit.cheek 1.2 --reason "clinic policy after the October audit"
> depth_limit.cheek: 1.50 -> 1.20
$ needlebook session log ANN --at "2026-11-02 10:00" --device pen --area cheek=1.0
> session 2 logged for ANN at 2026-11-02 10:00
= SELECT s.key, r.revision, r.value, r.author, r.reason FROM setting_current r JOIN setting s ON s.id = r.setting_id WHERE s.key = 'depth_limit.cheek'
> depth_limit.cheek|2|1.20|tester|clinic policy after the October audit
$ needlebook --format json history ANN
> {
>   "clinic": "",
>   "time_zone": "Europe/London",
>   "as_of": "2026-11-23",
>   "printed_at": "2026-11-23T15:00:00Z",
>   "printed_by": "tester",
>   "audit_chain_head": {
>     "id": 76,
>     "hash": "${SHA256}"
>   },
>   "patient": {
>     "code": "ANN",
>     "family_name": "Smith",
>     "given_name": "Ann",
>     "birth_date": "1985-04-12",
>     "fitzpatrick": null,
>     "phone": "",
>     "email": "",
>     "note": "",
>     "revision": {
>       "number": 1,
>       "author": "tester",
>       "recorded_at": "2026-11-23T15:00:00Z",
>       "reason": "",
>       "voided": false
>     },
>     "amendments": []
>   },
>   "chart_status": [],
>   "conditions": [],
>   "consents": [
>     {
>       "id": 1,
>       "signed": "2026-06-01",
>       "covers": "microneedling serums",
>       "guardian": "",
>       "withdrawn": null,
>       "revision": {
>         "number": 1,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "",
>         "voided": false
>       },
>       "amendments": []
>     }
>   ],
>   "sessions": [
>     {
>       "id": 1,
>       "patient": "ANN",
>       "at": "2026-09-01 10:00",
>       "at_utc": "2026-09-01T09:00:00Z",
>       "time_zone": "Europe/London",
>       "practitioner": "tester",
>       "indication": "other",
>       "course": null,
>       "device": "pen",
>       "model": "",
>       "cartridge": "",
>       "cartridge_lot": "",
>       "anaesthetic": "",
>       "endpoint": "",
>       "aftercare": "",
>       "note": "",
>       "areas": [
>         {
>           "area": "cheek",
>           "side": null,
>           "depth_mm": 1.4,
>           "passes": null
>         }
>       ],
>       "serums": [],
>       "findings": [],
>       "revision": {
>         "number": 1,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "",
>         "voided": false
>       },
>       "day": "2026-09-01",
>       "days_since_previous": null,
>       "recovery_day": null,
>       "reactions": [],
>       "followups": [],
>       "amendments": [],
>       "settings_used": {
>         "consent_policy": "warn",
>         "consent_valid_months": "12",
>         "depth_limit.cheek": "1.50",
>         "interval_block_days": "14",
>         "interval_warn_days": "28",
>         "isotretinoin_months": "6",
>         "minimum_age": "18"
>       }
>     },
>     {
>       "id": 2,
>       "patient": "ANN",
>       "at": "2026-11-02 10:00",
>       "at_utc": "2026-11-02T10:00:00Z",
>       "time_zone": "Europe/London",
>       "practitioner": "tester",
>       "indication": "other",
>       "course": null,
>       "device": "pen",
>       "model": "",
>       "cartridge": "",
>       "cartridge_lot": "",
>       "anaesthetic": "",
>       "endpoint": "",
>       "aftercare": "",
>       "note": "",
>       "areas": [
>         {
>           "area": "cheek",
>           "side": null,
>           "depth_mm": 1.0,
>           "passes": null
>         }
>       ],
>       "serums": [],
>       "findings": [],
>       "revision": {
>         "number": 1,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "",
>         "voided": false
>       },
>       "day": "2026-11-02",
>       "days_since_previous": 62,
>       "recovery_day": null,
>       "reactions": [],
>       "followups": [],
>       "amendments": [],
>       "settings_used": {
>         "consent_policy": "warn",
>         "consent_valid_months": "12",
>         "depth_limit.cheek": "1.20",
>         "interval_block_days": "14",
>         "interval_warn_days": "28",
>         "isotretinoin_months": "6",
>         "minimum_age": "18"
>       }
>     }
>   ],
>   "courses": [],
>   "scores": [],
>   "score_trends": [],
>   "photos": [],
>   "photo_pairs": []
> }
