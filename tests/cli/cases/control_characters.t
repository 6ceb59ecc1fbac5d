# Text that cannot forge a line. Names, codes, the acting user (--as, NEEDLEBOOK_USER), lots,
# practitioner, model, cartridge and the other single-line fields refuse line breaks, tabs, every
# other control character (C0, DEL, C1), the bidi controls (U+202A-U+202E, U+2066-U+2069, U+200E,
# U+200F, U+061C), the zero-width and other invisible characters (U+200B-U+200D, U+2060, U+FEFF)
# and text that is not UTF-8: exit 1, the field, the character and what is allowed on stderr,
# nothing stored. Notes, aftercare and reasons may hold line breaks and tabs, nothing else hidden.
# Text output (tables, session show, patient show, history, audit, messages) shows a line break
# as ⏎, a tab as ⇥ and anything else hidden as <U+202E>, so a note cannot fake a row; JSON and
# CSV carry the text as stored. Values with hidden characters are typed with $'...' quoting.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Okafor --given Chidi --born 1988-06-14
> patient P-000001 registered: Okafor, Chidi
$ needlebook consent add P-000001 --signed 2026-11-01 --covers microneedling
> consent 1 on file for P-000001, signed 2026-11-01, covers microneedling

# A name that would print a second, forged row in 'patient list'.
$ needlebook patient add --family $'Smith\nP-000002  Forged, Row' --given Ann --born 1985-04-12
! needlebook: error: family name holds a line break (U+000A) at character 6; allowed: one line of visible text, without line breaks, tabs, control characters, bidi controls or invisible characters
? 1
# A bidi override that would show 'Okafor' backwards after it, a zero-width space that hides a
# second chart under the same visible name, an escape sequence, a C1 control, a byte not UTF-8.
$ needlebook patient add --family $'\u202Erofako' --given Ann --born 1985-04-12
! needlebook: error: family name holds a bidi control (U+202E) at character 1; allowed: one line of visible text, without line breaks, tabs, control characters, bidi controls or invisible characters
? 1
$ needlebook patient add --family Okafor --given $'Chi\u200Bdi' --born 1988-06-14
! needlebook: error: given name holds an invisible character (U+200B) at character 4; allowed: one line of visible text, without line breaks, tabs, control characters, bidi controls or invisible characters
? 1
$ needlebook patient add --family $'Okafor\e[8m' --given Ann --born 1985-04-12
! needlebook: error: family name holds an escape character (terminal control) (U+001B) at character 7; allowed: one line of visible text, without line breaks, tabs, control characters, bidi controls or invisible characters
? 1
$ needlebook patient add --family Okafor --given $'Ann\u0085' --born 1985-04-12
! needlebook: error: given name holds a control character (U+0085) at character 4; allowed: one line of visible text, without line breaks, tabs, control characters, bidi controls or invisible characters
? 1
$ needlebook patient add --family $'Ok\xFFafor' --given Ann --born 1985-04-12
! needlebook: error: family name is not valid UTF-8 text; check the terminal's encoding
? 1
$ needlebook patient add --family Okafor --given $'Ann\tMarie' --born 1985-04-12
! needlebook: error: given name holds a tab (U+0009) at character 4; allowed: one line of visible text, without line breaks, tabs, control characters, bidi controls or invisible characters
? 1
$ needlebook patient add --family Okafor --given Ann --born 1985-04-12 --phone $'0207\r946'
! needlebook: error: phone holds a carriage return (U+000D) at character 5; allowed: one line of visible text, without line breaks, tabs, control characters, bidi controls or invisible characters
? 1
$ needlebook patient amend P-000001 --reason 'spelling' --family $'Okafor\u2066'
! needlebook: error: family name holds a bidi control (U+2066) at character 7; allowed: one line of visible text, without line breaks, tabs, control characters, bidi controls or invisible characters
? 1
# A chart code is refused and echoed on one line.
$ needlebook patient add --family Okafor --given Ann --born 1985-04-12 --code $'P-1\nP-2'
! needlebook: error: chart code 'P-1⏎P-2' is not allowed; use 1 to 32 letters, digits, '-' or '_'
? 1

# The acting user is written into every revision and audit row: --as and NEEDLEBOOK_USER alike.
$ needlebook --as $'dr.lee\n 9  2026-11-23T15:00:00Z  dr.boss' consent add P-000001 --signed 2026-11-02
! needlebook: error: the acting user (--as or NEEDLEBOOK_USER) holds a line break (U+000A) at character 7; allowed: one line of visible text, without line breaks, tabs, control characters, bidi controls or invisible characters
? 1
$ needlebook --as $'dr.\u202Eeel' patient list
! needlebook: error: the acting user (--as or NEEDLEBOOK_USER) holds a bidi control (U+202E) at character 4; allowed: one line of visible text, without line breaks, tabs, control characters, bidi controls or invisible characters
? 1
%env NEEDLEBOOK_USER=dr.lee	nurse
$ needlebook consent add P-000001 --signed 2026-11-02
! needlebook: error: the acting user (--as or NEEDLEBOOK_USER) holds a tab (U+0009) at character 7; allowed: one line of visible text, without line breaks, tabs, control characters, bidi controls or invisible characters
? 1
%env NEEDLEBOOK_USER=tester

# Session fields: practitioner, lots, model, cartridge, anaesthetic, endpoint are single lines.
$ needlebook session log P-000001 --at "2026-11-20 10:30" --device pen --area cheek=1.0 --practitioner $'Dr Lee\nDr Boss'
! needlebook: error: practitioner holds a line break (U+000A) at character 7; allowed: one line of visible text, without line breaks, tabs, control characters, bidi controls or invisible characters
? 1
$ needlebook session log P-000001 --at "2026-11-20 10:30" --device pen --area cheek=1.0 --serum $'ha-serum@HA\u202E1922'
! needlebook: error: serum lot holds a bidi control (U+202E) at character 3; allowed: one line of visible text, without line breaks, tabs, control characters, bidi controls or invisible characters
? 1
$ needlebook session log P-000001 --at "2026-11-20 10:30" --device pen --area cheek=1.0 --cartridge-lot $'CL\uFEFF120'
! needlebook: error: cartridge lot holds an invisible character (U+FEFF) at character 3; allowed: one line of visible text, without line breaks, tabs, control characters, bidi controls or invisible characters
? 1
$ needlebook session log P-000001 --at "2026-11-20 10:30" --device pen --area cheek=1.0 --model $'Dermapen\e[2J'
! needlebook: error: model holds an escape character (terminal control) (U+001B) at character 9; allowed: one line of visible text, without line breaks, tabs, control characters, bidi controls or invisible characters
? 1
# Free text: a bidi control, an escape sequence or a carriage return alone is refused in a note.
$ needlebook session log P-000001 --at "2026-11-20 10:30" --device pen --area cheek=1.0 --note $'fine\n\u202Eenif'
! needlebook: error: note holds a bidi control (U+202E) at character 6; allowed: visible text with line breaks and tabs, without other control characters, bidi controls or invisible characters
? 1
$ needlebook session log P-000001 --at "2026-11-20 10:30" --device pen --area cheek=1.0 --aftercare $'SPF\e[31m'
! needlebook: error: aftercare holds an escape character (terminal control) (U+001B) at character 4; allowed: visible text with line breaks and tabs, without other control characters, bidi controls or invisible characters
? 1
$ needlebook session log P-000001 --at "2026-11-20 10:30" --device pen --area cheek=1.0 --note $'fine\rforged'
! needlebook: error: note holds a carriage return that does not start a line break (CR LF) (U+000D) at character 5; allowed: visible text with line breaks and tabs, without other control characters, bidi controls or invisible characters
? 1
# Typed values echoed by an error stay on the message's line.
$ needlebook session log P-000001 --at $'2026-11-20\nneedlebook: ok' --device pen --area cheek=1.0
! needlebook: error: at '2026-11-20⏎needlebook: ok' is not a time; use 'YYYY-MM-DD HH:MM' (clinic time, Europe/London), 'YYYY-MM-DDTHH:MMZ' (UTC) or now (the current minute)
? 1
$ needlebook session log P-000001 --at "2026-11-20 10:30" --device pen --area $'cheek\e[1m=1.0'
! needlebook: error: unknown area 'cheek<U+001B>[1m'; allowed: forehead, glabella, temple, periorbital, nose, cheek, perioral, chin, jawline, neck, decolletage, scalp, hands, abdomen, thigh, arm, back, scar or other
? 1
= SELECT count(*) FROM session
> 0

# The catalogue, the settings, a consent's 'covers' and the lot searched for are single lines.
$ needlebook product add gf-plus --name $'GF Plus\nha-serum  Forged' --kind growth-factors
! needlebook: error: name holds a line break (U+000A) at character 8; allowed: one line of visible text, without line breaks, tabs, control characters, bidi controls or invisible characters
? 1
$ needlebook setting set clinic_name $'Skin Clinic\e]0;owned\a'
! needlebook: error: value holds an escape character (terminal control) (U+001B) at character 12; allowed: one line of visible text, without line breaks, tabs, control characters, bidi controls or invisible characters
? 1
$ needlebook consent add P-000001 --signed 2026-11-02 --covers $'microneedling\nserums'
! needlebook: error: covers holds a line break (U+000A) at character 14; allowed: one line of visible text, without line breaks, tabs, control characters, bidi controls or invisible characters
? 1
$ needlebook condition add P-000001 --code eczema --note $'mild\u2069'
! needlebook: error: note holds a bidi control (U+2069) at character 5; allowed: visible text with line breaks and tabs, without other control characters, bidi controls or invisible characters
? 1
$ needlebook report lot $'HA2291\n'
! needlebook: error: LOT holds a line break (U+000A) at character 7; allowed: one line of visible text, without line breaks, tabs, control characters, bidi controls or invisible characters
? 1
= SELECT count(*) FROM audit_log
> 72

# A note may hold line breaks and tabs: stored as typed.
$ needlebook session log P-000001 --at "2026-11-20 10:30" --device pen --area cheek=1.0 --note $'tolerated well\n  revision 1 by dr.boss on 2026-11-20 10:30' --aftercare $'SPF 50\tdaily\r\nno make-up'
> session 1 logged for P-000001 at 2026-11-20 10:30
= SELECT instr(note, char(10)) > 0, instr(aftercare, char(13, 10)) > 0, instr(aftercare, char(9)) > 0 FROM session_revision
> 1|1|1
$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-20 --note $'mild\n    reaction 2: infection, severe'
> reaction 1 recorded for session 1: erythema, mild, open
$ needlebook patient amend P-000001 --reason $'note added\nby phone' --note $'P-000002  Forged, Row  1990-01-01  -\nsecond line'
> patient P-000001 amended (revision 2): Okafor, Chidi

# Printed as text, every such note stays on its own line: ⏎ for a line break, ⇥ for a tab.
$ needlebook session show 1
> Session 1 for P-000001
>   at            2026-11-20 10:30 (Europe/London)
>   practitioner  tester
>   indication    other
>   device        pen
>   aftercare     SPF 50⇥daily⏎no make-up
>   note          tolerated well⏎  revision 1 by dr.boss on 2026-11-20 10:30
>   areas
>     area   depth mm  passes
>     cheek      1.00       -
>   reactions
>     reaction 1: erythema, mild, onset 2026-11-20, open (mild⏎    reaction 2: infection, severe)
>   revision 1 by tester on 2026-11-23 15:00
$ needlebook patient show P-000001
> Patient P-000001: Okafor, Chidi
>   born          1988-06-14
>   fitzpatrick   not recorded
>   note          P-000002  Forged, Row  1990-01-01  -⏎second line
>   conditions
>     none on file
>   consent
>     1: signed 2026-11-01, covers microneedling
>   sessions      1
>     1  2026-11-20 10:30  pen
>   revision 2 by tester on 2026-11-23 15:00: note added⏎by phone
$ needlebook patient list
> code      name           born        fitzpatrick  phone
> P-000001  Okafor, Chidi  1988-06-14  -

# A void reason on one line in the confirmation and in the audit list.
$ needlebook session void 1 --reason $'logged twice\n 99  2026-11-23T15:00:00Z  dr.boss'
> session 1 voided (revision 2): logged twice⏎ 99  2026-11-23T15:00:00Z  dr.boss
$ needlebook audit --patient P-000001
> Audit trail
>   rows: 9
>   times are UTC, as stored and hashed; clock: fixed when NEEDLEBOOK_NOW set it;
>     account: the operating-system account that ran needlebook, whoever the actor
>     said they were (blank on rows from before schema 4)
>
> id  at                    actor   action         patient   record      revision  reason                                           clock  account
> 71  2026-11-23T15:00:00Z  tester  patient.add    P-000001  patient 1          1  -                                                fixed  ${OS_USER}
> 72  2026-11-23T15:00:00Z  tester  consent.add    P-000001  consent 1          1  -                                                fixed  ${OS_USER}
> 73  2026-11-23T15:00:00Z  tester  session.log    P-000001  session 1          1  -                                                fixed  ${OS_USER}
> 74  2026-11-23T15:00:00Z  tester  reaction.add   P-000001  reaction 1         1  -                                                fixed  ${OS_USER}
> 75  2026-11-23T15:00:00Z  tester  patient.amend  P-000001  patient 1          2  note added⏎by phone                              fixed  ${OS_USER}
> 76  2026-11-23T15:00:00Z  tester  session.show   P-000001  session 1          1  -                                                fixed  ${OS_USER}
> 77  2026-11-23T15:00:00Z  tester  patient.show   P-000001  patient 1          2  -                                                fixed  ${OS_USER}
> 78  2026-11-23T15:00:00Z  tester  patient.list   P-000001  disclosure         -  search '': 1 patients                            fixed  ${OS_USER}
> 79  2026-11-23T15:00:00Z  tester  session.void   P-000001  session 1          2  logged twice⏎ 99  2026-11-23T15:00:00Z  dr.boss  fixed  ${OS_USER}

# JSON and CSV carry the text as stored, quoted by their own rules.
$ needlebook --format csv patient list
> code,family_name,given_name,birth_date,fitzpatrick,phone,email,note,revision\r
> P-000001,Okafor,Chidi,1988-06-14,,,,"P-000002  Forged, Row  1990-01-01  -
> second line",2\r
$ needlebook --format json patient list
> [
>   {
>     "code": "P-000001",
>     "family_name": "Okafor",
>     "given_name": "Chidi",
>     "birth_date": "1988-06-14",
>     "fitzpatrick": null,
>     "phone": "",
>     "email": "",
>     "note": "P-000002  Forged, Row  1990-01-01  -\nsecond line",
>     "revision": {
>       "number": 2,
>       "author": "tester",
>       "recorded_at": "2026-11-23T15:00:00Z",
>       "reason": "note added\nby phone",
>       "voided": false
>     }
>   }
> ]
# The text history (80 columns, for paper) shows every line break too.
$ needlebook history P-000001
> ================================================================================
> TREATMENT HISTORY  P-000001  Okafor, Chidi
> printed 2026-11-23 15:00 (Europe/London) by tester; reactions as of 2026-11-23
> recorded as audit row 83; chain head for 'check --head':
> 83:${SHA256}
> 0 sessions and 1 voided; every correction and override is shown
> ================================================================================
> PATIENT
>   chart          P-000001
>   name           Okafor, Chidi
>   born           1988-06-14
>   fitzpatrick    not recorded
>   note           P-000002 Forged, Row 1990-01-01 -⏎second line
>   conditions
>     none on file
>   consent
>     - 1: signed 2026-11-01, covers microneedling
>   corrections to the patient record
>     revision 2 amended by tester (OS account ${OS_USER}) on 2026-11-23 15:00: note
>       added⏎by phone
>       - note: added P-000002 Forged, Row 1990-01-01 -⏎second line
> --------------------------------------------------------------------------------
> SESSION 1  2026-11-20 10:30  [VOIDED]
>   interval       not counted (voided)
>   practitioner   tester
>   indication     other
>   device         pen
>   aftercare      SPF 50⇥daily⏎no make-up
>   note           tolerated well⏎ revision 1 by dr.boss on 2026-11-20 10:30
>   areas
>     area   side  depth mm  passes
>     cheek  -         1.00       -
>   checked with   depth limits cheek 1.50 mm; consent_policy warn,
>                  consent_valid_months 12, interval_block_days 14,
>                  interval_warn_days 28, isotretinoin_months 6, minimum_age 18
>   reactions
>     - R1 erythema, mild [open]
>       onset 2026-11-20 (day 0), open (day 3 on 2026-11-23)
>       note: mild⏎ reaction 2: infection, severe
>   recovered      day 3 so far (a reaction is open)
>   follow-ups
>     none recorded
>   corrections
>     revision 2 VOIDED by tester (OS account ${OS_USER}) on 2026-11-23 15:00: logged
>       twice⏎ 99 2026-11-23T15:00:00Z dr.boss
>       - voided: no -> yes
> ================================================================================
> end of history
