# Consent: a session with no signed consent on file for its day, or with the latest consent older
# than 12 months (clinic setting), is stored with a warning on stderr (exit 0).

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann

# None on file.
$ needlebook session log ANN --at '2026-01-05 10:00' --device pen --area cheek=1.0
> session 1 logged for ANN at 2026-01-05 10:00
! needlebook: warning: consent: no signed consent on file for the session day; record it with 'needlebook consent add'

$ needlebook consent add ANN --signed 2025-03-10 --covers microneedling
> consent 1 on file for ANN, signed 2025-03-10, covers microneedling

# Signed 10 March 2025: valid up to 9 March 2026, expired from 10 March 2026.
$ needlebook session log ANN --at '2026-03-09 10:00' --device pen --area neck=0.5
> session 2 logged for ANN at 2026-03-09 10:00

$ needlebook session log ANN --at '2026-03-10 10:00' --device pen --area scalp=0.5
> session 3 logged for ANN at 2026-03-10 10:00
! needlebook: warning: consent: consent signed 2025-03-10 expired on 2026-03-10 (valid 12 months)

$ needlebook session log ANN --at '2026-04-10 10:00' --device pen --area forehead=0.25
> session 4 logged for ANN at 2026-04-10 10:00
! needlebook: warning: consent: consent signed 2025-03-10 expired on 2026-03-10 (valid 12 months)

# A consent signed after the session does not cover it.
$ needlebook consent add ANN --signed 2026-11-01 --covers 'microneedling serums'
> consent 2 on file for ANN, signed 2026-11-01, covers microneedling serums

$ needlebook session log ANN --at '2026-10-20 10:00' --device pen --area chin=0.5
> session 5 logged for ANN at 2026-10-20 10:00
! needlebook: warning: consent: consent signed 2025-03-10 expired on 2026-03-10 (valid 12 months)

# The newest consent counts.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area perioral=0.25
> session 6 logged for ANN at 2026-11-20 10:00

# Warnings store nothing extra.
= SELECT count(*), sum(level = 'warning'), sum(key = 'consent') FROM session_finding
> 4|4|4
= SELECT count(*) FROM session_finding WHERE level = 'overridden'
> 0
