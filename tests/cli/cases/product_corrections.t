# Catalogue products are corrected, not entered again: `product amend` adds a revision with the
# name, kind or maker changed (who, when, why kept and audited), `product retire` one that takes
# the product out of use. No new session, no session amendment adding it and no new lot may use a
# retired product; sessions that used it still name it, and may be amended keeping it. Every
# reader takes the newest revision; `product show` lists each correction, field by field.

%env NEEDLEBOOK_NOW=2026-11-16T12:00:00Z
$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook product add ha-boost --name 'Hyaluronc booster' --kind growth-factors
> product ha-boost added: Hyaluronc booster
$ needlebook lot add ha-boost HB-1 --expires 2027-06-30
> lot HB-1 of ha-boost registered, expires 2027-06-30
$ needlebook lot add ha-serum HA-7 --expires 2027-06-30
> lot HA-7 of ha-serum registered, expires 2027-06-30
$ needlebook session log ANN --at '2026-11-02 10:00' --device pen --area cheek=1.0 --serum ha-boost@HB-1:during
> session 1 logged for ANN at 2026-11-02 10:00
$ needlebook session log ANN --at '2026-11-16 10:00' --device pen --area forehead=0.5 --serum ha-serum@HA-7
> session 2 logged for ANN at 2026-11-16 10:00

# Each field corrected on its own, at a later time, then two at once.
%env NEEDLEBOOK_NOW=2026-11-20T09:30:00Z
$ needlebook product amend ha-boost --name 'Hyaluronic booster' --reason 'typo in the name'
> product ha-boost amended (revision 2): name: Hyaluronc booster -> Hyaluronic booster
%env NEEDLEBOOK_NOW=2026-11-20T09:35:00Z
$ needlebook product amend HA-Boost --kind hyaluronic-acid --reason 'it is a hyaluronic acid serum, not growth factors'
> product ha-boost amended (revision 3): kind: growth-factors -> hyaluronic-acid
%env NEEDLEBOOK_NOW=2026-11-20T09:40:00Z
$ needlebook product amend ha-boost --maker 'Dermaceutic Labs' --reason 'maker from the box'
> product ha-boost amended (revision 4): maker: added Dermaceutic Labs
$ needlebook --format json product amend ha-boost --name 'Hyaluronic acid booster 2%' --maker 'Dermaceutic' --reason 'as on the label' --based-on 4
> {
>   "code": "ha-boost",
>   "name": "Hyaluronic acid booster 2%",
>   "kind": "hyaluronic-acid",
>   "maker": "Dermaceutic",
>   "retired": false,
>   "revision": 5,
>   "reason": "as on the label",
>   "changes": [
>     {
>       "field": "name",
>       "before": "Hyaluronic booster",
>       "after": "Hyaluronic acid booster 2%"
>     },
>     {
>       "field": "maker",
>       "before": "Dermaceutic Labs",
>       "after": "Dermaceutic"
>     }
>   ]
> }

# Refused, the catalogue unchanged: no reason (usage), a blank one, an unknown product, nothing
# to change, a stale --based-on, a bad kind, a blank name.
$ needlebook product amend ha-boost --name 'Other'
! needlebook: error: --reason is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook product amend ha-boost --name 'Other' --reason ' '
! needlebook: error: reason must say why, e.g. --reason "typo in depth"
? 1
$ needlebook product amend botox --name 'Botox' --reason 'typo'
! needlebook: error: no product 'botox' in the catalogue; see 'needlebook product list'
? 1
$ needlebook product amend ha-boost --name 'Hyaluronic acid booster 2%' --reason 'again'
! needlebook: error: product ha-boost already reads like that; nothing to amend
? 1
$ needlebook product amend ha-boost --reason 'no field given'
! needlebook: error: product ha-boost already reads like that; nothing to amend
? 1
$ needlebook product amend ha-boost --maker 'Someone else' --reason 'from an old print-out' --based-on 3
! needlebook: error: product ha-boost was amended meanwhile (now revision 5); run the command again
? 1
$ needlebook product amend ha-boost --kind snake-oil --reason 'typo'
! needlebook: error: unknown product kind 'snake-oil'; allowed: hyaluronic-acid, growth-factors, peptides, vitamin-c, exosomes, prp, anaesthetic or other
? 1
$ needlebook product amend ha-boost --name '' --reason 'typo'
! needlebook: error: name must not be empty
? 1
$ needlebook product retire ha-boost
! needlebook: error: --reason is required
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2
$ needlebook product retire ha-boost --reason ''
! needlebook: error: reason must say why, e.g. --reason "typo in depth"
? 1
$ needlebook product retire botox --reason 'typo'
! needlebook: error: no product 'botox' in the catalogue; see 'needlebook product list'
? 1
$ needlebook product retire ha-boost --reason 'discontinued' --based-on 2
! needlebook: error: product ha-boost was amended meanwhile (now revision 5); run the command again
? 1

# Retired: from then on no session performed after it, and no new lot, may use it.
%env NEEDLEBOOK_NOW=2026-11-22T17:00:00Z
$ needlebook product retire ha-boost --reason 'discontinued by the maker; use ha-serum' --based-on 5
> product ha-boost retired (revision 6): discontinued by the maker; use ha-serum
%env NEEDLEBOOK_NOW=2026-11-23T15:00:00Z
$ needlebook product retire ha-boost --reason 'again'
! needlebook: error: product ha-boost (Hyaluronic acid booster 2%) was retired on 2026-11-22 17:00 by tester (reason: discontinued by the maker; use ha-serum); nothing to retire
? 1
$ needlebook session log ANN --at '2026-11-23 11:00' --device pen --area chin=0.5 --serum ha-boost@HB-1
! needlebook: error: product ha-boost (Hyaluronic acid booster 2%) was retired on 2026-11-22 17:00 by tester (reason: discontinued by the maker; use ha-serum); a session performed after that cannot use it
? 1
$ needlebook session log ANN --at '2026-11-23 11:00' --device pen --area chin=0.5 --serum ha-serum@HA-7 --serum HA-BOOST@HB-1:after
! needlebook: error: product ha-boost (Hyaluronic acid booster 2%) was retired on 2026-11-22 17:00 by tester (reason: discontinued by the maker; use ha-serum); a session performed after that cannot use it
? 1
$ needlebook session log ANN --like 1 --at '2026-11-23 11:00'
! needlebook: error: product ha-boost (Hyaluronic acid booster 2%) was retired on 2026-11-22 17:00 by tester (reason: discontinued by the maker; use ha-serum); a session performed after that cannot use it
? 1
$ needlebook lot add ha-boost HB-2 --expires 2027-12-31
! needlebook: error: product ha-boost (Hyaluronic acid booster 2%) was retired on 2026-11-22 17:00 by tester (reason: discontinued by the maker; use ha-serum); no new lot can be registered for it
? 1
$ needlebook lot add HA-Boost HB-2 --expires 2027-12-31
! needlebook: error: product ha-boost (Hyaluronic acid booster 2%) was retired on 2026-11-22 17:00 by tester (reason: discontinued by the maker; use ha-serum); no new lot can be registered for it
? 1

# A session that used it keeps it: amended with the serum as it was, or with its phase corrected.
$ needlebook session amend 1 --note 'tolerated well' --reason 'note forgotten'
> session 1 amended (revision 2) for ANN at 2026-11-02 10:00
$ needlebook session amend 1 --serum ha-boost@HB-1:after --reason 'applied after needling, not during'
> session 1 amended (revision 3) for ANN at 2026-11-02 10:00
$ needlebook session show 1
> Session 1 for ANN
>   at            2026-11-02 10:00 (Europe/London)
>   practitioner  tester
>   indication    other
>   device        pen
>   note          tolerated well
>   areas
>     area   depth mm  passes
>     cheek      1.00       -
>   serums
>     product   lot   phase  ml
>     ha-boost  HB-1  after  -
>   revision 3 by tester on 2026-11-23 15:00: applied after needling, not during
$ needlebook session log ANN --at '2026-11-23 11:00' --device pen --area chin=0.5 --serum ha-serum@HA-7
> session 3 logged for ANN at 2026-11-23 11:00
$ needlebook session amend 3 --serum ha-serum@HA-7 --serum ha-boost@HB-1 --reason 'second serum forgotten'
! needlebook: error: product ha-boost (Hyaluronic acid booster 2%) was retired on 2026-11-22 17:00 by tester (reason: discontinued by the maker; use ha-serum); an amendment cannot add it to a session performed after that
? 1

# A session performed before the retirement and recorded late may still name it, and one
# performed before may have it added.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area neck=0.5 --serum ha-boost@HB-1
> session 4 logged for ANN at 2026-11-20 10:00
$ needlebook session amend 2 --serum ha-serum@HA-7 --serum ha-boost@HB-1 --reason 'second serum forgotten'
> session 2 amended (revision 2) for ANN at 2026-11-16 10:00

# A retired product's name can still be corrected (past sessions name it); it stays retired.
$ needlebook product amend ha-boost --name 'Hyaluronic acid booster 2% (old formula)' --reason 'tell it from the new formula'
> product ha-boost amended (revision 7): name: Hyaluronic acid booster 2% -> Hyaluronic acid booster 2% (old formula)

# The catalogue shows every product with its state; show gives each correction.
$ needlebook product list
> code           name                                      kind                  maker        state
> exosome-serum  Exosome serum                             exosomes                           in use
> gf-serum       Growth factor serum                       growth factors                     in use
> ha-boost       Hyaluronic acid booster 2% (old formula)  hyaluronic acid       Dermaceutic  retired
> ha-serum       Hyaluronic acid serum 1%                  hyaluronic acid                    in use
> peptide-serum  Copper peptide serum                      peptides                           in use
> prp            Platelet-rich plasma (autologous)         platelet-rich plasma               in use
> vitc-serum     Vitamin C serum 10%                       vitamin C                          in use
$ needlebook --format csv product list
> code,name,kind,maker,state\r
> exosome-serum,Exosome serum,exosomes,,in use\r
> gf-serum,Growth factor serum,growth-factors,,in use\r
> ha-boost,Hyaluronic acid booster 2% (old formula),hyaluronic-acid,Dermaceutic,retired\r
> ha-serum,Hyaluronic acid serum 1%,hyaluronic-acid,,in use\r
> peptide-serum,Copper peptide serum,peptides,,in use\r
> prp,Platelet-rich plasma (autologous),prp,,in use\r
> vitc-serum,Vitamin C serum 10%,vitamin-c,,in use\r
$ needlebook --format json product list
> [
>   {
>     "code": "exosome-serum",
>     "name": "Exosome serum",
>     "kind": "exosomes",
>     "maker": "",
>     "retired": false
>   },
>   {
>     "code": "gf-serum",
>     "name": "Growth factor serum",
>     "kind": "growth-factors",
>     "maker": "",
>     "retired": false
>   },
>   {
>     "code": "ha-boost",
>     "name": "Hyaluronic acid booster 2% (old formula)",
>     "kind": "hyaluronic-acid",
>     "maker": "Dermaceutic",
>     "retired": true
>   },
>   {
>     "code": "ha-serum",
>     "name": "Hyaluronic acid serum 1%",
>     "kind": "hyaluronic-acid",
>     "maker": "",
>     "retired": false
>   },
>   {
>     "code": "peptide-serum",
>     "name": "Copper peptide serum",
>     "kind": "peptides",
>     "maker": "",
>     "retired": false
>   },
>   {
>     "code": "prp",
>     "name": "Platelet-rich plasma (autologous)",
>     "kind": "prp",
>     "maker": "",
>     "retired": false
>   },
>   {
>     "code": "vitc-serum",
>     "name": "Vitamin C serum 10%",
>     "kind": "vitamin-c",
>     "maker": "",
>     "retired": false
>   }
> ]
$ needlebook product show ha-boost
> Product ha-boost: Hyaluronic acid booster 2% (old formula)  [RETIRED]
>   kind          hyaluronic acid
>   maker         Dermaceutic
>   state         retired on 2026-11-22 17:00 by tester: discontinued by the maker; use ha-serum
>   revision      7
>   corrections
>     revision 2 amended by tester on 2026-11-20 09:30: typo in the name
>       - name: Hyaluronc booster -> Hyaluronic booster
>     revision 3 amended by tester on 2026-11-20 09:35: it is a hyaluronic acid serum, not growth factors
>       - kind: growth-factors -> hyaluronic-acid
>     revision 4 amended by tester on 2026-11-20 09:40: maker from the box
>       - maker: added Dermaceutic Labs
>     revision 5 amended by tester on 2026-11-20 09:40: as on the label
>       - name: Hyaluronic booster -> Hyaluronic acid booster 2%
>       - maker: Dermaceutic Labs -> Dermaceutic
>     revision 6 retired by tester on 2026-11-22 17:00: discontinued by the maker; use ha-serum
>       - retired: no -> yes
>     revision 7 amended by tester on 2026-11-23 15:00: tell it from the new formula
>       - name: Hyaluronic acid booster 2% -> Hyaluronic acid booster 2% (old formula)
$ needlebook --format json product show ha-boost
> {
>   "code": "ha-boost",
>   "name": "Hyaluronic acid booster 2% (old formula)",
>   "kind": "hyaluronic-acid",
>   "maker": "Dermaceutic",
>   "retired": true,
>   "revision": 7,
>   "retirement": {
>     "revision": 6,
>     "author": "tester",
>     "recorded_at": "2026-11-22T17:00:00Z",
>     "reason": "discontinued by the maker; use ha-serum"
>   },
>   "amendments": [
>     {
>       "number": 2,
>       "author": "tester",
>       "recorded_at": "2026-11-20T09:30:00Z",
>       "reason": "typo in the name",
>       "voided": false,
>       "changes": [
>         {
>           "field": "name",
>           "before": "Hyaluronc booster",
>           "after": "Hyaluronic booster"
>         }
>       ]
>     },
>     {
>       "number": 3,
>       "author": "tester",
>       "recorded_at": "2026-11-20T09:35:00Z",
>       "reason": "it is a hyaluronic acid serum, not growth factors",
>       "voided": false,
>       "changes": [
>         {
>           "field": "kind",
>           "before": "growth-factors",
>           "after": "hyaluronic-acid"
>         }
>       ]
>     },
>     {
>       "number": 4,
>       "author": "tester",
>       "recorded_at": "2026-11-20T09:40:00Z",
>       "reason": "maker from the box",
>       "voided": false,
>       "changes": [
>         {
>           "field": "maker",
>           "before": "",
>           "after": "Dermaceutic Labs"
>         }
>       ]
>     },
>     {
>       "number": 5,
>       "author": "tester",
>       "recorded_at": "2026-11-20T09:40:00Z",
>       "reason": "as on the label",
>       "voided": false,
>       "changes": [
>         {
>           "field": "name",
>           "before": "Hyaluronic booster",
>           "after": "Hyaluronic acid booster 2%"
>         },
>         {
>           "field": "maker",
>           "before": "Dermaceutic Labs",
>           "after": "Dermaceutic"
>         }
>       ]
>     },
>     {
>       "number": 6,
>       "author": "tester",
>       "recorded_at": "2026-11-22T17:00:00Z",
>       "reason": "discontinued by the maker; use ha-serum",
>       "voided": false,
>       "changes": [
>         {
>           "field": "retired",
>           "before": "no",
>           "after": "yes"
>         }
>       ]
>     },
>     {
>       "number": 7,
>       "author": "tester",
>       "recorded_at": "2026-11-23T15:00:00Z",
>       "reason": "tell it from the new formula",
>       "voided": false,
>       "changes": [
>         {
>           "field": "name",
>           "before": "Hyaluronic acid booster 2%",
>           "after": "Hyaluronic acid booster 2% (old formula)"
>         }
>       ]
>     }
>   ]
> }
$ needlebook product show ha-serum
> Product ha-serum: Hyaluronic acid serum 1%
>   kind          hyaluronic acid
>   state         in use
>   revision      1
$ needlebook product show botox
! needlebook: error: no product 'botox' in the catalogue; see 'needlebook product list'
? 1
$ needlebook --format csv product show ha-boost
! needlebook: error: --format: csv is for lists; 'product show' prints text or json
! run 'needlebook --help' or 'needlebook COMMAND --help' for usage
? 2

# Each revision has its audit row, with its reason; check verifies them against the rows.
= SELECT action, record_id, revision, reason FROM audit_log WHERE record_kind = 'product' AND revision > 1 ORDER BY id
> product.amend|7|2|typo in the name
> product.amend|7|3|it is a hyaluronic acid serum, not growth factors
> product.amend|7|4|maker from the box
> product.amend|7|5|as on the label
> product.retire|7|6|discontinued by the maker; use ha-serum
> product.amend|7|7|tell it from the new formula
= SELECT product_id, revision, name, kind, maker, retired, author, recorded_at, reason FROM product_revision ORDER BY id
> 7|2|Hyaluronic booster|growth-factors||0|tester|2026-11-20T09:30:00Z|typo in the name
> 7|3|Hyaluronic booster|hyaluronic-acid||0|tester|2026-11-20T09:35:00Z|it is a hyaluronic acid serum, not growth factors
> 7|4|Hyaluronic booster|hyaluronic-acid|Dermaceutic Labs|0|tester|2026-11-20T09:40:00Z|maker from the box
> 7|5|Hyaluronic acid booster 2%|hyaluronic-acid|Dermaceutic|0|tester|2026-11-20T09:40:00Z|as on the label
> 7|6|Hyaluronic acid booster 2%|hyaluronic-acid|Dermaceutic|1|tester|2026-11-22T17:00:00Z|discontinued by the maker; use ha-serum
> 7|7|Hyaluronic acid booster 2% (old formula)|hyaluronic-acid|Dermaceutic|1|tester|2026-11-23T15:00:00Z|tell it from the new formula
$ needlebook check
> Database check: ${TMP}/clinic.db
>   file: ${TMP}/clinic.db
>   result: ok
>   integrity: SQLite's integrity_check; foreign keys: foreign_key_check; audit
>     chain: each row's SHA-256 and its link to the row before; records: each
>     record revision against the fingerprint its audit row keeps
>
> check         result  rows_checked  faults  first_fault  note
> integrity     ok                 0       0  -            -
> foreign keys  ok                 0       0  -            -
> audit chain   ok                89       0  -            -
> records       ok                88       0  -            -
> seals         ok                 0       0  -            no seals: anyone who can write the file could recompute the chain
> schema        ok               254       0  -            -
