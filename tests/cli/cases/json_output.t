# --format json on add/log/show/list/amend/void prints the record(s) as JSON with id (or code) at the
# top level, lists print an array, warnings stay on stderr and also appear in the logged record.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)

$ needlebook --format json patient add --family Smith --given Ann --born 1985-04-12 --code ANN --fitzpatrick II --phone "+44 20 7946 0000"
> {
>   "code": "ANN",
>   "family_name": "Smith",
>   "given_name": "Ann",
>   "birth_date": "1985-04-12",
>   "fitzpatrick": 2,
>   "phone": "+44 20 7946 0000",
>   "email": "",
>   "note": "",
>   "revision": {
>     "number": 1,
>     "author": "tester",
>     "recorded_at": "2026-11-23T15:00:00Z",
>     "reason": "",
>     "voided": false
>   }
> }

$ needlebook --format json consent add ANN --signed 2026-06-01 --covers "microneedling serums"
> {
>   "id": 1,
>   "signed": "2026-06-01",
>   "covers": "microneedling serums",
>   "guardian": "",
>   "withdrawn": null,
>   "revision": {
>     "number": 1,
>     "author": "tester",
>     "recorded_at": "2026-11-23T15:00:00Z",
>     "reason": "",
>     "voided": false
>   }
> }

$ needlebook --format json condition add ANN --code keloid-tendency --since 2020-01-01
> {
>   "id": 1,
>   "code": "keloid-tendency",
>   "since": "2020-01-01",
>   "resolved": null,
>   "note": "",
>   "clearances": [],
>   "revision": {
>     "number": 1,
>     "author": "tester",
>     "recorded_at": "2026-11-23T15:00:00Z",
>     "reason": "",
>     "voided": false
>   }
> }

$ needlebook --format json session log ANN --at "2026-11-20 10:30" --device pen --area cheek:left=1.0x3 --area forehead=0.25 --serum ha-serum@HA2291 --serum "vitc-serum@VC-9:after" --indication rejuvenation --model "SkinPen Precision"
> {
>   "id": 1,
>   "patient": "ANN",
>   "at": "2026-11-20 10:30",
>   "at_utc": "2026-11-20T10:30:00Z",
>   "time_zone": "Europe/London",
>   "practitioner": "tester",
>   "indication": "rejuvenation",
>   "course": null,
>   "device": "pen",
>   "model": "SkinPen Precision",
>   "cartridge": "",
>   "cartridge_lot": "",
>   "anaesthetic": "",
>   "endpoint": "",
>   "aftercare": "",
>   "note": "",
>   "areas": [
>     {
>       "area": "cheek",
>       "side": "left",
>       "depth_mm": 1.0,
>       "passes": 3
>     },
>     {
>       "area": "forehead",
>       "side": null,
>       "depth_mm": 0.25,
>       "passes": null
>     }
>   ],
>   "serums": [
>     {
>       "product": "ha-serum",
>       "lot": "HA2291",
>       "phase": "after",
>       "amount_ml": null
>     },
>     {
>       "product": "vitc-serum",
>       "lot": "VC-9",
>       "phase": "after",
>       "amount_ml": null
>     }
>   ],
>   "findings": [
>     {
>       "key": "condition:keloid-tendency",
>       "level": "warning",
>       "message": "keloid tendency on file since 2020-01-01",
>       "override_reason": "",
>       "overridden_by": "",
>       "overridden_at": null
>     },
>     {
>       "key": "lot:ha-serum:HA2291",
>       "level": "warning",
>       "message": "lot HA2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA2291 --expires YYYY-MM-DD'",
>       "override_reason": "",
>       "overridden_by": "",
>       "overridden_at": null
>     },
>     {
>       "key": "lot:vitc-serum:VC-9",
>       "level": "warning",
>       "message": "lot VC-9 of vitc-serum is not registered; register it with 'needlebook lot add vitc-serum VC-9 --expires YYYY-MM-DD'",
>       "override_reason": "",
>       "overridden_by": "",
>       "overridden_at": null
>     }
>   ],
>   "revision": {
>     "number": 1,
>     "author": "tester",
>     "recorded_at": "2026-11-23T15:00:00Z",
>     "reason": "",
>     "voided": false
>   }
> }
! needlebook: warning: condition:keloid-tendency: keloid tendency on file since 2020-01-01
! needlebook: warning: lot:ha-serum:HA2291: lot HA2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA2291 --expires YYYY-MM-DD'
! needlebook: warning: lot:vitc-serum:VC-9: lot VC-9 of vitc-serum is not registered; register it with 'needlebook lot add vitc-serum VC-9 --expires YYYY-MM-DD'

$ needlebook --format json reaction add 1 --kind oedema --severity moderate --onset 2026-11-21 --area forehead
> {
>   "id": 1,
>   "session": 1,
>   "kind": "oedema",
>   "severity": "moderate",
>   "area": "forehead",
>   "side": null,
>   "onset": "2026-11-21",
>   "resolved": null,
>   "note": "",
>   "revision": {
>     "number": 1,
>     "author": "tester",
>     "recorded_at": "2026-11-23T15:00:00Z",
>     "reason": "",
>     "voided": false
>   }
> }

$ needlebook --format json reaction resolve 1 --on 2026-11-23
> {
>   "id": 1,
>   "session": 1,
>   "kind": "oedema",
>   "severity": "moderate",
>   "area": "forehead",
>   "side": null,
>   "onset": "2026-11-21",
>   "resolved": "2026-11-23",
>   "note": "",
>   "revision": {
>     "number": 2,
>     "author": "tester",
>     "recorded_at": "2026-11-23T15:00:00Z",
>     "reason": "resolved",
>     "voided": false
>   }
> }

$ needlebook --format json followup add 1 --on 2026-11-23 --outcome reactions
> {
>   "id": 1,
>   "session": 1,
>   "on": "2026-11-23",
>   "outcome": "reactions",
>   "note": "",
>   "revision": {
>     "number": 1,
>     "author": "tester",
>     "recorded_at": "2026-11-23T15:00:00Z",
>     "reason": "",
>     "voided": false
>   }
> }

$ needlebook --format json session show 1
> {
>   "id": 1,
>   "patient": "ANN",
>   "at": "2026-11-20 10:30",
>   "at_utc": "2026-11-20T10:30:00Z",
>   "time_zone": "Europe/London",
>   "practitioner": "tester",
>   "indication": "rejuvenation",
>   "course": null,
>   "device": "pen",
>   "model": "SkinPen Precision",
>   "cartridge": "",
>   "cartridge_lot": "",
>   "anaesthetic": "",
>   "endpoint": "",
>   "aftercare": "",
>   "note": "",
>   "areas": [
>     {
>       "area": "cheek",
>       "side": "left",
>       "depth_mm": 1.0,
>       "passes": 3
>     },
>     {
>       "area": "forehead",
>       "side": null,
>       "depth_mm": 0.25,
>       "passes": null
>     }
>   ],
>   "serums": [
>     {
>       "product": "ha-serum",
>       "lot": "HA2291",
>       "phase": "after",
>       "amount_ml": null
>     },
>     {
>       "product": "vitc-serum",
>       "lot": "VC-9",
>       "phase": "after",
>       "amount_ml": null
>     }
>   ],
>   "findings": [
>     {
>       "key": "condition:keloid-tendency",
>       "level": "warning",
>       "message": "keloid tendency on file since 2020-01-01",
>       "override_reason": "",
>       "overridden_by": "",
>       "overridden_at": null
>     },
>     {
>       "key": "lot:ha-serum:HA2291",
>       "level": "warning",
>       "message": "lot HA2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA2291 --expires YYYY-MM-DD'",
>       "override_reason": "",
>       "overridden_by": "",
>       "overridden_at": null
>     },
>     {
>       "key": "lot:vitc-serum:VC-9",
>       "level": "warning",
>       "message": "lot VC-9 of vitc-serum is not registered; register it with 'needlebook lot add vitc-serum VC-9 --expires YYYY-MM-DD'",
>       "override_reason": "",
>       "overridden_by": "",
>       "overridden_at": null
>     }
>   ],
>   "revision": {
>     "number": 1,
>     "author": "tester",
>     "recorded_at": "2026-11-23T15:00:00Z",
>     "reason": "",
>     "voided": false
>   },
>   "reactions": [
>     {
>       "id": 1,
>       "session": 1,
>       "kind": "oedema",
>       "severity": "moderate",
>       "area": "forehead",
>       "side": null,
>       "onset": "2026-11-21",
>       "resolved": "2026-11-23",
>       "note": "",
>       "revision": {
>         "number": 2,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "resolved",
>         "voided": false
>       }
>     }
>   ],
>   "followups": [
>     {
>       "id": 1,
>       "session": 1,
>       "on": "2026-11-23",
>       "outcome": "reactions",
>       "note": "",
>       "revision": {
>         "number": 1,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "",
>         "voided": false
>       }
>     }
>   ],
>   "scores": []
> }

$ needlebook --format json session list
> [
>   {
>     "id": 1,
>     "patient": "ANN",
>     "at": "2026-11-20 10:30",
>     "at_utc": "2026-11-20T10:30:00Z",
>     "time_zone": "Europe/London",
>     "practitioner": "tester",
>     "indication": "rejuvenation",
>     "course": null,
>     "device": "pen",
>     "model": "SkinPen Precision",
>     "cartridge": "",
>     "cartridge_lot": "",
>     "anaesthetic": "",
>     "endpoint": "",
>     "aftercare": "",
>     "note": "",
>     "areas": [
>       {
>         "area": "cheek",
>         "side": "left",
>         "depth_mm": 1.0,
>         "passes": 3
>       },
>       {
>         "area": "forehead",
>         "side": null,
>         "depth_mm": 0.25,
>         "passes": null
>       }
>     ],
>     "serums": [
>       {
>         "product": "ha-serum",
>         "lot": "HA2291",
>         "phase": "after",
>         "amount_ml": null
>       },
>       {
>         "product": "vitc-serum",
>         "lot": "VC-9",
>         "phase": "after",
>         "amount_ml": null
>       }
>     ],
>     "findings": [
>       {
>         "key": "condition:keloid-tendency",
>         "level": "warning",
>         "message": "keloid tendency on file since 2020-01-01",
>         "override_reason": "",
>         "overridden_by": "",
>         "overridden_at": null
>       },
>       {
>         "key": "lot:ha-serum:HA2291",
>         "level": "warning",
>         "message": "lot HA2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA2291 --expires YYYY-MM-DD'",
>         "override_reason": "",
>         "overridden_by": "",
>         "overridden_at": null
>       },
>       {
>         "key": "lot:vitc-serum:VC-9",
>         "level": "warning",
>         "message": "lot VC-9 of vitc-serum is not registered; register it with 'needlebook lot add vitc-serum VC-9 --expires YYYY-MM-DD'",
>         "override_reason": "",
>         "overridden_by": "",
>         "overridden_at": null
>       }
>     ],
>     "revision": {
>       "number": 1,
>       "author": "tester",
>       "recorded_at": "2026-11-23T15:00:00Z",
>       "reason": "",
>       "voided": false
>     }
>   }
> ]

$ needlebook --format json session amend 1 --reason "serum lot mistyped" --serum ha-serum@HA2292 --serum "vitc-serum@VC-9:after"
> {
>   "id": 1,
>   "patient": "ANN",
>   "at": "2026-11-20 10:30",
>   "at_utc": "2026-11-20T10:30:00Z",
>   "time_zone": "Europe/London",
>   "practitioner": "tester",
>   "indication": "rejuvenation",
>   "course": null,
>   "device": "pen",
>   "model": "SkinPen Precision",
>   "cartridge": "",
>   "cartridge_lot": "",
>   "anaesthetic": "",
>   "endpoint": "",
>   "aftercare": "",
>   "note": "",
>   "areas": [
>     {
>       "area": "cheek",
>       "side": "left",
>       "depth_mm": 1.0,
>       "passes": 3
>     },
>     {
>       "area": "forehead",
>       "side": null,
>       "depth_mm": 0.25,
>       "passes": null
>     }
>   ],
>   "serums": [
>     {
>       "product": "ha-serum",
>       "lot": "HA2292",
>       "phase": "after",
>       "amount_ml": null
>     },
>     {
>       "product": "vitc-serum",
>       "lot": "VC-9",
>       "phase": "after",
>       "amount_ml": null
>     }
>   ],
>   "findings": [
>     {
>       "key": "condition:keloid-tendency",
>       "level": "warning",
>       "message": "keloid tendency on file since 2020-01-01",
>       "override_reason": "",
>       "overridden_by": "",
>       "overridden_at": null
>     },
>     {
>       "key": "lot:ha-serum:HA2292",
>       "level": "warning",
>       "message": "lot HA2292 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA2292 --expires YYYY-MM-DD'",
>       "override_reason": "",
>       "overridden_by": "",
>       "overridden_at": null
>     },
>     {
>       "key": "lot:vitc-serum:VC-9",
>       "level": "warning",
>       "message": "lot VC-9 of vitc-serum is not registered; register it with 'needlebook lot add vitc-serum VC-9 --expires YYYY-MM-DD'",
>       "override_reason": "",
>       "overridden_by": "",
>       "overridden_at": null
>     }
>   ],
>   "revision": {
>     "number": 2,
>     "author": "tester",
>     "recorded_at": "2026-11-23T15:00:00Z",
>     "reason": "serum lot mistyped",
>     "voided": false
>   }
> }
! needlebook: warning: condition:keloid-tendency: keloid tendency on file since 2020-01-01
! needlebook: warning: lot:ha-serum:HA2292: lot HA2292 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA2292 --expires YYYY-MM-DD'
! needlebook: warning: lot:vitc-serum:VC-9: lot VC-9 of vitc-serum is not registered; register it with 'needlebook lot add vitc-serum VC-9 --expires YYYY-MM-DD'

$ needlebook --format json session void 1 --reason "duplicate entry"
> {
>   "id": 1,
>   "patient": "ANN",
>   "at": "2026-11-20 10:30",
>   "at_utc": "2026-11-20T10:30:00Z",
>   "time_zone": "Europe/London",
>   "practitioner": "tester",
>   "indication": "rejuvenation",
>   "course": null,
>   "device": "pen",
>   "model": "SkinPen Precision",
>   "cartridge": "",
>   "cartridge_lot": "",
>   "anaesthetic": "",
>   "endpoint": "",
>   "aftercare": "",
>   "note": "",
>   "areas": [
>     {
>       "area": "cheek",
>       "side": "left",
>       "depth_mm": 1.0,
>       "passes": 3
>     },
>     {
>       "area": "forehead",
>       "side": null,
>       "depth_mm": 0.25,
>       "passes": null
>     }
>   ],
>   "serums": [
>     {
>       "product": "ha-serum",
>       "lot": "HA2292",
>       "phase": "after",
>       "amount_ml": null
>     },
>     {
>       "product": "vitc-serum",
>       "lot": "VC-9",
>       "phase": "after",
>       "amount_ml": null
>     }
>   ],
>   "findings": [
>     {
>       "key": "condition:keloid-tendency",
>       "level": "warning",
>       "message": "keloid tendency on file since 2020-01-01",
>       "override_reason": "",
>       "overridden_by": "",
>       "overridden_at": null
>     },
>     {
>       "key": "lot:ha-serum:HA2292",
>       "level": "warning",
>       "message": "lot HA2292 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA2292 --expires YYYY-MM-DD'",
>       "override_reason": "",
>       "overridden_by": "",
>       "overridden_at": null
>     },
>     {
>       "key": "lot:vitc-serum:VC-9",
>       "level": "warning",
>       "message": "lot VC-9 of vitc-serum is not registered; register it with 'needlebook lot add vitc-serum VC-9 --expires YYYY-MM-DD'",
>       "override_reason": "",
>       "overridden_by": "",
>       "overridden_at": null
>     }
>   ],
>   "revision": {
>     "number": 3,
>     "author": "tester",
>     "recorded_at": "2026-11-23T15:00:00Z",
>     "reason": "duplicate entry",
>     "voided": true
>   }
> }

$ needlebook --format json patient list
> [
>   {
>     "code": "ANN",
>     "family_name": "Smith",
>     "given_name": "Ann",
>     "birth_date": "1985-04-12",
>     "fitzpatrick": 2,
>     "phone": "+44 20 7946 0000",
>     "email": "",
>     "note": "",
>     "revision": {
>       "number": 1,
>       "author": "tester",
>       "recorded_at": "2026-11-23T15:00:00Z",
>       "reason": "",
>       "voided": false
>     }
>   }
> ]

$ needlebook --format json patient show ANN
> {
>   "code": "ANN",
>   "family_name": "Smith",
>   "given_name": "Ann",
>   "birth_date": "1985-04-12",
>   "fitzpatrick": 2,
>   "phone": "+44 20 7946 0000",
>   "email": "",
>   "note": "",
>   "revision": {
>     "number": 1,
>     "author": "tester",
>     "recorded_at": "2026-11-23T15:00:00Z",
>     "reason": "",
>     "voided": false
>   },
>   "conditions": [
>     {
>       "id": 1,
>       "code": "keloid-tendency",
>       "since": "2020-01-01",
>       "resolved": null,
>       "note": "",
>       "clearances": [],
>       "revision": {
>         "number": 1,
>         "author": "tester",
>         "recorded_at": "2026-11-23T15:00:00Z",
>         "reason": "",
>         "voided": false
>       }
>     }
>   ],
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
>       }
>     }
>   ],
>   "sessions": [
>     1
>   ]
> }

# A global option may also follow the command.
$ needlebook session list --voided --format json --patient ANN
> [
>   {
>     "id": 1,
>     "patient": "ANN",
>     "at": "2026-11-20 10:30",
>     "at_utc": "2026-11-20T10:30:00Z",
>     "time_zone": "Europe/London",
>     "practitioner": "tester",
>     "indication": "rejuvenation",
>     "course": null,
>     "device": "pen",
>     "model": "SkinPen Precision",
>     "cartridge": "",
>     "cartridge_lot": "",
>     "anaesthetic": "",
>     "endpoint": "",
>     "aftercare": "",
>     "note": "",
>     "areas": [
>       {
>         "area": "cheek",
>         "side": "left",
>         "depth_mm": 1.0,
>         "passes": 3
>       },
>       {
>         "area": "forehead",
>         "side": null,
>         "depth_mm": 0.25,
>         "passes": null
>       }
>     ],
>     "serums": [
>       {
>         "product": "ha-serum",
>         "lot": "HA2292",
>         "phase": "after",
>         "amount_ml": null
>       },
>       {
>         "product": "vitc-serum",
>         "lot": "VC-9",
>         "phase": "after",
>         "amount_ml": null
>       }
>     ],
>     "findings": [
>       {
>         "key": "condition:keloid-tendency",
>         "level": "warning",
>         "message": "keloid tendency on file since 2020-01-01",
>         "override_reason": "",
>         "overridden_by": "",
>         "overridden_at": null
>       },
>       {
>         "key": "lot:ha-serum:HA2292",
>         "level": "warning",
>         "message": "lot HA2292 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA2292 --expires YYYY-MM-DD'",
>         "override_reason": "",
>         "overridden_by": "",
>         "overridden_at": null
>       },
>       {
>         "key": "lot:vitc-serum:VC-9",
>         "level": "warning",
>         "message": "lot VC-9 of vitc-serum is not registered; register it with 'needlebook lot add vitc-serum VC-9 --expires YYYY-MM-DD'",
>         "override_reason": "",
>         "overridden_by": "",
>         "overridden_at": null
>       }
>     ],
>     "revision": {
>       "number": 3,
>       "author": "tester",
>       "recorded_at": "2026-11-23T15:00:00Z",
>       "reason": "duplicate entry",
>       "voided": true
>     }
>   }
> ]

# Empty lists are empty arrays, not text.
$ needlebook --format json session list
> []
$ needlebook --format json patient list --search nobody
> []

$ needlebook --format json init
> {
>   "database": "${TMP}/clinic.db",
>   "schema_version": 11
> }

# A refused command prints nothing on stdout, in JSON as in text.
$ needlebook --format json session log ANN --at "2026-11-20 10:00" --device pen --area periorbital=0.75
! needlebook: error: session refused by the clinical checks:
!   depth:periorbital: depth 0.75 mm on periorbital exceeds the clinic limit of 0.50 mm
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1
$ needlebook --format json session show 7
! needlebook: error: no session 7; see 'needlebook session list'
? 1
