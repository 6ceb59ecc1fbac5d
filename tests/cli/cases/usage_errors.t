# Usage errors exit with 2 and point to --help: missing commands, required options and
# arguments, unknown options, extra arguments, bad global option values. Nothing is stored.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook session log ANN --at "2026-11-10 10:00" --device pen --area cheek=1.0
> session 1 logged for ANN at 2026-11-10 10:00

# No command: the message lists the commands of the group.
$ needlebook
! needlebook: error: 'needlebook' needs a command: init, patient, condition, consent, session, reaction, followup, course, assess, score, photo, product, lot, setting, history, report, export, import, fhir, demo, check, audit, key, seal, backup, restore, copy
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook session
! needlebook: error: 'session' needs a command: log, show, list, amend, void
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

# An unknown command names the word that was not understood.
$ needlebook frobnicate
! needlebook: error: The following argument was not expected: frobnicate
! put a value with spaces in quotes (--at "2026-11-20 10:00") and repeat --area or --serum for each one; see 'needlebook COMMAND --help'
? 2
$ needlebook sessions list
! needlebook: error: The following arguments were not expected: list sessions
! put a value with spaces in quotes (--at "2026-11-20 10:00") and repeat --area or --serum for each one; see 'needlebook COMMAND --help'
? 2
$ needlebook session frob
! needlebook: error: The following argument was not expected: frob
! put a value with spaces in quotes (--at "2026-11-20 10:00") and repeat --area or --serum for each one; see 'needlebook COMMAND --help'
? 2

# Required options and arguments.
$ needlebook session log ANN --device pen --area neck=0.5
! needlebook: error: --at is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook session log ANN --at '2026-11-20 10:00' --area neck=0.5
! needlebook: error: --device is required (or --like SESSION to copy it)
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen
! needlebook: error: --area is required (or --like SESSION to copy it)
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook session log --at '2026-11-20 10:00' --device pen --area neck=0.5
! needlebook: error: PATIENT is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook session log ANN --device pen --area neck=0.5 --at
! needlebook: error: --at: 1 required TEXT missing
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook patient add --given Ann --born 1985-04-12
! needlebook: error: --family is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook patient add --family Smith --born 1985-04-12
! needlebook: error: --given is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook patient add --family Smith --given Ann
! needlebook: error: --born is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook patient show
! needlebook: error: PATIENT is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook condition add ANN
! needlebook: error: --code is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook condition resolve ANN --code eczema
! needlebook: error: --on is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook consent add ANN
! needlebook: error: --signed is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook reaction add 1 --severity mild --onset 2026-11-11
! needlebook: error: --kind is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook reaction add 1 --kind erythema --onset 2026-11-11
! needlebook: error: --severity is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook reaction add 1 --kind erythema --severity mild
! needlebook: error: --onset is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook reaction resolve 1
! needlebook: error: --on is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook followup add 1 --on 2026-11-12
! needlebook: error: --outcome is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook followup add 1 --outcome none
! needlebook: error: --on is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook session show
! needlebook: error: SESSION is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook session void --reason duplicate
! needlebook: error: SESSION is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

# Unknown options, extra arguments, an option given twice.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area neck=0.5 --colour red
! needlebook: error: The following arguments were not expected: red --colour
! put a value with spaces in quotes (--at "2026-11-20 10:00") and repeat --area or --serum for each one; see 'needlebook COMMAND --help'
? 2

$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --dob 1985-04-12
! needlebook: error: The following arguments were not expected: 1985-04-12 --dob
! put a value with spaces in quotes (--at "2026-11-20 10:00") and repeat --area or --serum for each one; see 'needlebook COMMAND --help'
? 2

$ needlebook patient list --all
! needlebook: error: The following argument was not expected: --all
! put a value with spaces in quotes (--at "2026-11-20 10:00") and repeat --area or --serum for each one; see 'needlebook COMMAND --help'
? 2

$ needlebook session show 1 2
! needlebook: error: The following argument was not expected: 2
! put a value with spaces in quotes (--at "2026-11-20 10:00") and repeat --area or --serum for each one; see 'needlebook COMMAND --help'
? 2

$ needlebook session log ANN BOB --at '2026-11-20 10:00' --device pen --area neck=0.5
! needlebook: error: The following argument was not expected: BOB
! put a value with spaces in quotes (--at "2026-11-20 10:00") and repeat --area or --serum for each one; see 'needlebook COMMAND --help'
? 2

# The usual causes of an extra argument get a hint: a value with a space left unquoted, and two
# values after one --area or --serum.
$ needlebook session log ANN --at 2026-11-20 10:00 --device pen --area neck=0.5
! needlebook: error: The following argument was not expected: 10:00
! put a value with spaces in quotes (--at "2026-11-20 10:00") and repeat --area or --serum for each one; see 'needlebook COMMAND --help'
? 2

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area neck=0.5 cheek=1.0
! needlebook: error: The following argument was not expected: cheek=1.0
! put a value with spaces in quotes (--at "2026-11-20 10:00") and repeat --area or --serum for each one; see 'needlebook COMMAND --help'
? 2

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area neck=0.5 --serum ha-serum@L1 gf-serum@L2
! needlebook: error: The following argument was not expected: gf-serum@L2
! put a value with spaces in quotes (--at "2026-11-20 10:00") and repeat --area or --serum for each one; see 'needlebook COMMAND --help'
? 2

$ needlebook patient add --family Smith --given Ann Marie --born 1985-04-12
! needlebook: error: The following argument was not expected: Marie
! put a value with spaces in quotes (--at "2026-11-20 10:00") and repeat --area or --serum for each one; see 'needlebook COMMAND --help'
? 2

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area neck=0.5 --at '2026-11-20 11:00'
! needlebook: error: --at: At Most 1 required but received 2
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook --frob session list
! needlebook: error: The following argument was not expected: --frob
! put a value with spaces in quotes (--at "2026-11-20 10:00") and repeat --area or --serum for each one; see 'needlebook COMMAND --help'
? 2

$ needlebook -x session list
! needlebook: error: The following argument was not expected: -x
! put a value with spaces in quotes (--at "2026-11-20 10:00") and repeat --area or --serum for each one; see 'needlebook COMMAND --help'
? 2

# Global options with values outside their set.
$ needlebook --format xml session list
! needlebook: error: --format: xml not in {text,json,csv,html,xlsx}
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook --format
! needlebook: error: --format: 1 required TEXT:{text,json,csv,html,xlsx} missing
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook --color sometimes session list
! needlebook: error: --color: sometimes not in {auto,always,never}
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook session list --format yaml
! needlebook: error: --format: yaml not in {text,json,csv,html,xlsx}
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

# An empty value for an optional option is a mistake, not "not given".
$ needlebook --db "" session list
! needlebook: error: --db: must not be empty
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook session list --as ""
! needlebook: error: --as: must not be empty
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-11 --area ""
! needlebook: error: --area: must not be empty
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

# Help is not an error.
$ needlebook session show --help
> show a session with its reactions and follow-ups
> Usage: needlebook session show [OPTIONS] SESSION
>
> Positionals:
>   SESSION TEXT REQUIRED       session id
>
> Options:
>   -h,--help                   Print this help message and exit
>

# --area's help lists the area codes.
$ needlebook session log --help
> log a treatment session
> Usage: needlebook session log [OPTIONS] PATIENT
>
> Positionals:
>   PATIENT TEXT REQUIRED       chart code
>
> Options:
>   -h,--help                   Print this help message and exit
>   --like TEXT                 start from this session of the same patient: its device, model, cartridge and lot, indication, anaesthetic, endpoint, areas, serums and aftercare (not its time, practitioner or note); each option given replaces what is copied
>   --at TEXT REQUIRED          when, 'YYYY-MM-DD HH:MM' in the clinic's zone, 'YYYY-MM-DDTHH:MMZ' in UTC, or now (the current minute)
>   --device TEXT               pen, roller, stamp or rf (required unless --like)
>   --area TEXT ...             treated area, AREA[:left|right]=DEPTH[xPASSES], depth in mm (repeat for each area; on amend or with --like the given areas replace all; required unless --like); AREA: forehead, glabella, temple, periorbital, nose, cheek, perioral, chin, jawline, neck, decolletage, scalp, hands, abdomen, thigh, arm, back, scar or other
>   --serum TEXT ...            serum, PRODUCT@LOT[:during|after][=ML] (phase after unless given; ML the amount used, e.g. =1.5ml; repeat; on amend or with --like the given serums replace all)
>   --no-serums Needs: --like   copy no serum (with --like)
>   --indication TEXT           indication: rejuvenation, acne-scars, surgical-scar, stretch-marks, hyperpigmentation, melasma or other (default other)
>   --model TEXT                device model
>   --cartridge TEXT            cartridge, e.g. 16-pin
>   --cartridge-lot TEXT        cartridge lot number
>   --anaesthetic TEXT          topical anaesthetic used
>   --endpoint TEXT             clinical endpoint reached
>   --aftercare TEXT            aftercare given
>   --practitioner TEXT         who treated (default: the acting user, --as)
>   --note TEXT                 free-text note
>   --course TEXT               the treatment course it belongs to, or none (default: the patient's open course of its indication)
>   --pain TEXT                 procedure pain, 0 (none) to 10 (worst imaginable), stored as a pain-nrs score
>   --override TEXT ...         KEY="reason": accept the blocking finding KEY that a refusal listed (repeat for each); the reason is kept with the session
>

= SELECT count(*) FROM session_revision
> 1
= SELECT count(*) FROM audit_log
> 73
