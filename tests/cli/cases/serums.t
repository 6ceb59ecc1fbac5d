# Serums: PRODUCT@LOT[:during|after], product from the catalogue, lot required (at most 60
# characters), phase "after" when not given; stored with the product, lot and phase as typed.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek=1.0 --serum ha-serum@LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL
! needlebook: error: serum lot is 61 characters long; at most 60 are allowed
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek=1.0 --serum ha-serum@HA1:now
! needlebook: error: unknown serum phase 'now'; allowed: during or after
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek=1.0 --serum 'ha-serum@HA1: '
! needlebook: error: unknown serum phase ' '; allowed: during or after
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek=1.0 --serum 'ha-serum@ :after'
! needlebook: error: serum lot must not be empty
? 1

# A lot is matched exactly in a recall, so spaces at its ends are refused.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek=1.0 --serum 'ha-serum@ HA 2291 '
! needlebook: error: serum lot ' HA 2291 ' has spaces at its ends
? 1

# The same serum (product, lot and phase) twice; product codes are read without regard to case.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek=1.0 --serum ha-serum@L1:after --serum HA-Serum@L1
! needlebook: error: serum ha-serum@L1:after is given twice; give each serum once
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek=1.0 --serum ha-serum@HA-2291 --serum peptide-serum@CP/77:During --serum exosome-serum@LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL:after
> session 1 logged for ANN at 2026-11-20 10:00
! needlebook: warning: lot:ha-serum:HA-2291: lot HA-2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA-2291 --expires YYYY-MM-DD'
! needlebook: warning: lot:peptide-serum:CP/77: lot CP/77 of peptide-serum is not registered; register it with 'needlebook lot add peptide-serum CP/77 --expires YYYY-MM-DD'
! needlebook: warning: lot:exosome-serum:LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL: lot LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL of exosome-serum is not registered; register it with 'needlebook lot add exosome-serum LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL --expires YYYY-MM-DD'

= SELECT u.position, p.code, u.lot, u.phase FROM serum_use u JOIN product p ON p.id = u.product_id ORDER BY u.position
> 1|ha-serum|HA-2291|after
> 2|peptide-serum|CP/77|during
> 3|exosome-serum|LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL|after
$ needlebook session show 1
> Session 1 for ANN
>   at            2026-11-20 10:00 (Europe/London)
>   practitioner  tester
>   indication    other
>   device        pen
>   areas
>     area   depth mm  passes
>     cheek      1.00       -
>   serums
>     product        lot                                                           phase   ml
>     ha-serum       HA-2291                                                       after   -
>     peptide-serum  CP/77                                                         during  -
>     exosome-serum  LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL  after   -
>   warning       lot:ha-serum:HA-2291: lot HA-2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA-2291 --expires YYYY-MM-DD'
>   warning       lot:peptide-serum:CP/77: lot CP/77 of peptide-serum is not registered; register it with 'needlebook lot add peptide-serum CP/77 --expires YYYY-MM-DD'
>   warning       lot:exosome-serum:LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL: lot LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL of exosome-serum is not registered; register it with 'needlebook lot add exosome-serum LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL --expires YYYY-MM-DD'
>   revision 1 by tester on 2026-11-23 15:00

# --no-serums on amend removes them all; the first revision keeps them.
$ needlebook session amend 1 --reason 'no serum was used' --no-serums
> session 1 amended (revision 2) for ANN at 2026-11-20 10:00

= SELECT r.revision, count(u.id) FROM session_revision r LEFT JOIN serum_use u ON u.session_revision_id = r.id GROUP BY r.id ORDER BY r.revision
> 1|3
> 2|0

# A product code in other letter case is the catalogue's product.
$ needlebook session log ANN --at '2026-11-20 11:00' --device pen --area neck=0.5 --serum HA-Serum@L1
> session 2 logged for ANN at 2026-11-20 11:00
! needlebook: warning: same-day: session 1 on 2026-11-20 10:00 is the same day; to add areas to it, use 'session amend 1 --area …' instead
! needlebook: warning: lot:ha-serum:L1: lot L1 of ha-serum is not registered; register it with 'needlebook lot add ha-serum L1 --expires YYYY-MM-DD'

= SELECT p.code, u.lot, u.phase FROM serum_use u JOIN product p ON p.id = u.product_id JOIN session_revision r ON r.id = u.session_revision_id WHERE r.session_id = 2
> ha-serum|L1|after
