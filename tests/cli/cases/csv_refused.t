# --format csv is for commands that list records; on a command that writes or prints one record as
# text it is a usage error (exit 2) and nothing is written.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook session log ANN --at "2026-11-10 10:00" --device pen --area cheek=1.0
> session 1 logged for ANN at 2026-11-10 10:00
$ needlebook reaction add 1 --kind erythema --severity mild --onset 2026-11-10
> reaction 1 recorded for session 1: erythema, mild, open

$ needlebook --format csv init
! needlebook: error: --format: csv is for lists; 'init' prints text or json
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook --format csv patient add --family Jones --given Bob --born 1980-01-01
! needlebook: error: --format: csv is for lists; 'patient add' prints text or json
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook --format csv patient amend ANN --reason 'new phone' --phone 123
! needlebook: error: --format: csv is for lists; 'patient amend' prints text or json
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook --format csv consent add ANN --signed 2026-11-01
! needlebook: error: --format: csv is for lists; 'consent add' prints text or json
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook --format csv condition add ANN --code eczema
! needlebook: error: --format: csv is for lists; 'condition add' prints text or json
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook --format csv condition resolve ANN --code eczema --on 2026-11-01
! needlebook: error: --format: csv is for lists; 'condition resolve' prints text or json
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook --format csv session log ANN --at '2026-11-20 10:00' --device pen --area neck=0.5
! needlebook: error: --format: csv is for lists; 'session log' prints text or json
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook --format csv session amend 1 --reason typo --note x
! needlebook: error: --format: csv is for lists; 'session amend' prints text or json
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook --format csv session void 1 --reason duplicate
! needlebook: error: --format: csv is for lists; 'session void' prints text or json
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook --format csv reaction add 1 --kind oedema --severity mild --onset 2026-11-11
! needlebook: error: --format: csv is for lists; 'reaction add' prints text or json
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook --format csv reaction resolve 1 --on 2026-11-12
! needlebook: error: --format: csv is for lists; 'reaction resolve' prints text or json
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

$ needlebook --format csv followup add 1 --on 2026-11-12 --outcome none
! needlebook: error: --format: csv is for lists; 'followup add' prints text or json
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

# Also when the option follows the command.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area neck=0.5 --format csv
! needlebook: error: --format: csv is for lists; 'session log' prints text or json
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

