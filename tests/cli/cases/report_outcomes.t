# report outcomes: per scale (and group) the units with a baseline and a later score, median
# baseline, latest and change, and the responders by the scale's rule. Every figure below was
# worked out by hand from the clinic entered here (today is 2026-11-23).
#
# Sessions (day in the clinic's zone, Europe/London):
#   1 ANN (II)  2026-07-01 pen     acne-scars    cheek:left=1.0 cheek:right=1.0  ha-serum
#   2 BEN (IV)  2026-07-02 roller  acne-scars    scar=2.0                        gf-serum
#   3 CAT (-)   2026-07-03 pen     melasma       forehead=0.5 cheek=0.5          ha-serum
#   4 DAN (V)   2026-07-04 pen     rejuvenation  forehead=0.5
#   5 ANN       2026-08-05 pen     acne-scars    cheek:left=1.5 cheek:right=1.25
#   6 BEN       2026-08-06 pen     acne-scars    scar=1.75
#   7 CAT       2026-08-07 pen     melasma       forehead=0.5 cheek=0.5
#   8 DAN       2026-09-04 pen     rejuvenation  forehead=0.5, voided: counts nowhere
# Scores (units; a unit's sessions are the patient's from its baseline's day to its latest's):
#   ANN goodman-baron cheek:left   06-30 4, 09-01 2 (10-01 1 voided)  4 -> 2  -2  responder
#       sessions 1, 5: deepest on cheek:left 1.50, pen, ha-serum
#   ANN goodman-baron cheek:right  06-30 3, 09-01 2 then 3 (the day's last counts)
#                                                                      3 -> 3   0
#       sessions 1, 5: deepest on cheek:right 1.25, pen, ha-serum
#   BEN goodman-baron scar         07-01 3, 09-02 2                    3 -> 2  -1  responder
#       sessions 2, 6: deepest 2.00, roller and pen (mixed), gf-serum
#   CAT mmasi                      07-01 10.20, 09-03 7.65   exactly 25% lower: responder
#       sessions 3, 7: deepest 0.50, pen, ha-serum
#   DAN gais-clinician             09-10 2 (much improved), no baseline: responder
#       sessions up to 09-10, no course: 4 (8 is voided): 0.50, pen, no serum
#   DAN glogau                     07-04 II, 09-10 I: a classification, not an outcome: left
#       out unless --scale names it; then 2 -> 1, change -1, responders "-"
# goodman-baron: baselines 3 3 4 -> 3; latest 2 2 3 -> 2; changes -2 -1 0 -> -1; 2 of 3.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN --fitzpatrick II
> patient ANN registered: Smith, Ann
$ needlebook patient add --family Okafor --given Ben --born 1979-02-03 --code BEN --fitzpatrick IV
> patient BEN registered: Okafor, Ben
$ needlebook patient add --family Tran --given Cat --born 1990-07-21 --code CAT
> patient CAT registered: Tran, Cat
$ needlebook patient add --family Novak --given Dan --born 1970-11-30 --code DAN --fitzpatrick V
> patient DAN registered: Novak, Dan
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook consent add BEN --signed 2026-06-01
> consent 2 on file for BEN, signed 2026-06-01, covers microneedling serums
$ needlebook consent add CAT --signed 2026-06-01
> consent 3 on file for CAT, signed 2026-06-01, covers microneedling serums
$ needlebook consent add DAN --signed 2026-06-01
> consent 4 on file for DAN, signed 2026-06-01, covers microneedling serums
$ needlebook lot add ha-serum HA-1 --expires 2027-12-31
> lot HA-1 of ha-serum registered, expires 2027-12-31
$ needlebook lot add gf-serum GF-1 --expires 2027-12-31
> lot GF-1 of gf-serum registered, expires 2027-12-31

$ needlebook session log ANN --at "2026-07-01 10:00" --device pen --indication acne-scars --area cheek:left=1.0 --area cheek:right=1.0 --serum ha-serum@HA-1
> session 1 logged for ANN at 2026-07-01 10:00
$ needlebook session log BEN --at "2026-07-02 10:00" --device roller --indication acne-scars --area scar=2.0 --serum gf-serum@GF-1
> session 2 logged for BEN at 2026-07-02 10:00
$ needlebook session log CAT --at "2026-07-03 10:00" --device pen --indication melasma --area forehead=0.5 --area cheek=0.5 --serum ha-serum@HA-1
> session 3 logged for CAT at 2026-07-03 10:00
$ needlebook session log DAN --at "2026-07-04 10:00" --device pen --indication rejuvenation --area forehead=0.5
> session 4 logged for DAN at 2026-07-04 10:00
$ needlebook session log ANN --at "2026-08-05 10:00" --device pen --indication acne-scars --area cheek:left=1.5 --area cheek:right=1.25
> session 5 logged for ANN at 2026-08-05 10:00
$ needlebook session log BEN --at "2026-08-06 10:00" --device pen --indication acne-scars --area scar=1.75
> session 6 logged for BEN at 2026-08-06 10:00
$ needlebook session log CAT --at "2026-08-07 10:00" --device pen --indication melasma --area forehead=0.5 --area cheek=0.5
> session 7 logged for CAT at 2026-08-07 10:00
$ needlebook session log DAN --at "2026-09-04 10:00" --device pen --indication rejuvenation --area forehead=0.5
> session 8 logged for DAN at 2026-09-04 10:00
$ needlebook session void 8 --reason "logged on the wrong chart"
> session 8 voided (revision 2): logged on the wrong chart

$ needlebook assess ANN --scale goodman-baron --score 4 --area cheek:left --on 2026-06-30
> score 1 recorded for ANN: goodman-baron 4, cheek:left, on 2026-06-30
$ needlebook assess ANN --scale goodman-baron --score 3 --area cheek:right --on 2026-06-30
> score 2 recorded for ANN: goodman-baron 3, cheek:right, on 2026-06-30
$ needlebook assess ANN --scale goodman-baron --score 2 --area cheek:left --on 2026-09-01
> score 3 recorded for ANN: goodman-baron 2, cheek:left, on 2026-09-01
$ needlebook assess ANN --scale goodman-baron --score 2 --area cheek:right --on 2026-09-01
> score 4 recorded for ANN: goodman-baron 2, cheek:right, on 2026-09-01
$ needlebook assess ANN --scale goodman-baron --score 3 --area cheek:right --on 2026-09-01 --note "re-scored in better light"
> score 5 recorded for ANN: goodman-baron 3, cheek:right, on 2026-09-01 (re-scored in better light)
$ needlebook assess ANN --scale goodman-baron --score 1 --area cheek:left --on 2026-10-01
> score 6 recorded for ANN: goodman-baron 1, cheek:left, on 2026-10-01
$ needlebook score void 6 --reason "scored on the wrong side"
> score 6 voided (revision 2): goodman-baron 1, cheek:left, on 2026-10-01
$ needlebook assess BEN --scale goodman-baron --score 3 --area scar --on 2026-07-01
> score 7 recorded for BEN: goodman-baron 3, scar, on 2026-07-01
$ needlebook assess BEN --scale goodman-baron --score 2 --area scar --on 2026-09-02
> score 8 recorded for BEN: goodman-baron 2, scar, on 2026-09-02
$ needlebook assess CAT --scale mmasi --score 10.20 --on 2026-07-01
> score 9 recorded for CAT: mmasi 10.20, on 2026-07-01
$ needlebook assess CAT --scale mmasi --score 7.65 --on 2026-09-03
> score 10 recorded for CAT: mmasi 7.65, on 2026-09-03
$ needlebook assess DAN --scale glogau --score II --on 2026-07-04
> score 11 recorded for DAN: glogau 2 (II), on 2026-07-04
$ needlebook assess DAN --scale gais-clinician --score much-improved --on 2026-09-10
> score 12 recorded for DAN: gais-clinician 2 (much-improved), on 2026-09-10
$ needlebook assess DAN --scale glogau --score I --on 2026-09-10
> score 13 recorded for DAN: glogau 1 (I), on 2026-09-10

# One group per scale.
$ needlebook report outcomes
> Outcomes by scale
>   grouped by: scale
>   scale: every scale with a responder rule
>   indication: any
>   scores from: the first
>   scores to: the last
>   unit: a patient's scores on one scale (per-area scales: on one area and side);
>     baseline = the earliest score, latest = the newest on a later day (a day's
>     score is the one recorded last); GAIS needs no baseline: its latest rating
>     alone
>   sessions of a unit: the patient's sessions from the baseline's day to the
>     latest's (GAIS: up to the rating's day, from the first session of its
>     course, else every earlier one)
>   medians: the middle value, or the mean of the two middle ones; responders: k
>     of n, n the units the scale's rule decides
>   change = latest - baseline, per unit; lower is better on goodman-baron, mmasi,
>     gais-clinician: a negative change is an improvement
>   responder on goodman-baron: the latest score at least one grade lower (better)
>     than the baseline
>   responder on mmasi: the latest score at least 25% lower than the baseline
>   responder on gais-clinician: the latest rating 1 or 2 (very much or much
>     improved)
>
> scale           units  patients  median_baseline  median_latest  median_change  responders
> goodman-baron       3         2                3              2             -1  2 of 3 (66.7%)
> mmasi               1         1            10.20           7.65          -2.55  1 of 1 (100.0%)
> gais-clinician      1         1                -              2              -  1 of 1 (100.0%)
# By depth: ANN's units 1.50 and 1.25 (1.01-1.50): baselines 4 3 -> 3.5, latest 2 3 -> 2.5,
# changes -2 0 -> -1, 1 of 2; BEN 2.00 (1.51-2.00).
$ needlebook report outcomes --by depth
> Outcomes by depth
>   grouped by: depth
>   scale: every scale with a responder rule
>   indication: any
>   scores from: the first
>   scores to: the last
>   unit: a patient's scores on one scale (per-area scales: on one area and side);
>     baseline = the earliest score, latest = the newest on a later day (a day's
>     score is the one recorded last); GAIS needs no baseline: its latest rating
>     alone
>   sessions of a unit: the patient's sessions from the baseline's day to the
>     latest's (GAIS: up to the rating's day, from the first session of its
>     course, else every earlier one)
>   medians: the middle value, or the mean of the two middle ones; responders: k
>     of n, n the units the scale's rule decides
>   change = latest - baseline, per unit; lower is better on goodman-baron, mmasi,
>     gais-clinician: a negative change is an improvement
>   responder on goodman-baron: the latest score at least one grade lower (better)
>     than the baseline
>   responder on mmasi: the latest score at least 25% lower than the baseline
>   responder on gais-clinician: the latest rating 1 or 2 (very much or much
>     improved)
>   depth: the deepest needle depth of the unit's sessions, on the scored area for
>     a per-area scale; bands in mm, upper bounds inclusive
>   no session: the patient had no session in the unit's days
>
> depth      scale           units  patients  median_baseline  median_latest  median_change  responders
> 1.01-1.50  goodman-baron       2         1              3.5            2.5             -1  1 of 2 (50.0%)
> 1.51-2.00  goodman-baron       1         1                3              2             -1  1 of 1 (100.0%)
> (all)      goodman-baron       3         2                3              2             -1  2 of 3 (66.7%)
> <=0.50     mmasi               1         1            10.20           7.65          -2.55  1 of 1 (100.0%)
> (all)      mmasi               1         1            10.20           7.65          -2.55  1 of 1 (100.0%)
> <=0.50     gais-clinician      1         1                -              2              -  1 of 1 (100.0%)
> (all)      gais-clinician      1         1                -              2              -  1 of 1 (100.0%)
# By serum: a unit under each product its sessions used; DAN's session used none.
$ needlebook --format csv report outcomes --by serum
> serum,scale,units,patients,median_baseline,median_latest,median_change,responders\r
> gf-serum,goodman-baron,1,1,3,2,-1,1 of 1 (100.0%)\r
> ha-serum,goodman-baron,2,1,3.5,2.5,-1,1 of 2 (50.0%)\r
> (all),goodman-baron,3,2,3,2,-1,2 of 3 (66.7%)\r
> ha-serum,mmasi,1,1,10.20,7.65,-2.55,1 of 1 (100.0%)\r
> (all),mmasi,1,1,10.20,7.65,-2.55,1 of 1 (100.0%)\r
> no serum,gais-clinician,1,1,,2,,1 of 1 (100.0%)\r
> (all),gais-clinician,1,1,,2,,1 of 1 (100.0%)\r
# By device: BEN's sessions used a roller and a pen.
$ needlebook report outcomes --by device
> Outcomes by device
>   grouped by: device
>   scale: every scale with a responder rule
>   indication: any
>   scores from: the first
>   scores to: the last
>   unit: a patient's scores on one scale (per-area scales: on one area and side);
>     baseline = the earliest score, latest = the newest on a later day (a day's
>     score is the one recorded last); GAIS needs no baseline: its latest rating
>     alone
>   sessions of a unit: the patient's sessions from the baseline's day to the
>     latest's (GAIS: up to the rating's day, from the first session of its
>     course, else every earlier one)
>   medians: the middle value, or the mean of the two middle ones; responders: k
>     of n, n the units the scale's rule decides
>   change = latest - baseline, per unit; lower is better on goodman-baron, mmasi,
>     gais-clinician: a negative change is an improvement
>   responder on goodman-baron: the latest score at least one grade lower (better)
>     than the baseline
>   responder on mmasi: the latest score at least 25% lower than the baseline
>   responder on gais-clinician: the latest rating 1 or 2 (very much or much
>     improved)
>   mixed: the unit's sessions used more than one device
>   no session: the patient had no session in the unit's days
>
> device  scale           units  patients  median_baseline  median_latest  median_change  responders
> pen     goodman-baron       2         1              3.5            2.5             -1  1 of 2 (50.0%)
> mixed   goodman-baron       1         1                3              2             -1  1 of 1 (100.0%)
> (all)   goodman-baron       3         2                3              2             -1  2 of 3 (66.7%)
> pen     mmasi               1         1            10.20           7.65          -2.55  1 of 1 (100.0%)
> (all)   mmasi               1         1            10.20           7.65          -2.55  1 of 1 (100.0%)
> pen     gais-clinician      1         1                -              2              -  1 of 1 (100.0%)
> (all)   gais-clinician      1         1                -              2              -  1 of 1 (100.0%)
$ needlebook report outcomes --by fitzpatrick
> Outcomes by fitzpatrick
>   grouped by: fitzpatrick
>   scale: every scale with a responder rule
>   indication: any
>   scores from: the first
>   scores to: the last
>   unit: a patient's scores on one scale (per-area scales: on one area and side);
>     baseline = the earliest score, latest = the newest on a later day (a day's
>     score is the one recorded last); GAIS needs no baseline: its latest rating
>     alone
>   sessions of a unit: the patient's sessions from the baseline's day to the
>     latest's (GAIS: up to the rating's day, from the first session of its
>     course, else every earlier one)
>   medians: the middle value, or the mean of the two middle ones; responders: k
>     of n, n the units the scale's rule decides
>   change = latest - baseline, per unit; lower is better on goodman-baron, mmasi,
>     gais-clinician: a negative change is an improvement
>   responder on goodman-baron: the latest score at least one grade lower (better)
>     than the baseline
>   responder on mmasi: the latest score at least 25% lower than the baseline
>   responder on gais-clinician: the latest rating 1 or 2 (very much or much
>     improved)
>
> fitzpatrick   scale           units  patients  median_baseline  median_latest  median_change  responders
> II            goodman-baron       2         1              3.5            2.5             -1  1 of 2 (50.0%)
> IV            goodman-baron       1         1                3              2             -1  1 of 1 (100.0%)
> (all)         goodman-baron       3         2                3              2             -1  2 of 3 (66.7%)
> not recorded  mmasi               1         1            10.20           7.65          -2.55  1 of 1 (100.0%)
> (all)         mmasi               1         1            10.20           7.65          -2.55  1 of 1 (100.0%)
> V             gais-clinician      1         1                -              2              -  1 of 1 (100.0%)
> (all)         gais-clinician      1         1                -              2              -  1 of 1 (100.0%)
# By sessions: ANN 2 and 2, BEN 2 (goodman-baron "2" = every unit); CAT 2; DAN 1.
$ needlebook --format json report outcomes --by sessions
> {
>   "report": "Outcomes by sessions",
>   "grouped_by": "sessions",
>   "scale": "every scale with a responder rule",
>   "indication": "any",
>   "scores_from": "the first",
>   "scores_to": "the last",
>   "notes": [
>     "unit: a patient's scores on one scale (per-area scales: on one area and side); baseline = the earliest score, latest = the newest on a later day (a day's score is the one recorded last); GAIS needs no baseline: its latest rating alone",
>     "sessions of a unit: the patient's sessions from the baseline's day to the latest's (GAIS: up to the rating's day, from the first session of its course, else every earlier one)",
>     "medians: the middle value, or the mean of the two middle ones; responders: k of n, n the units the scale's rule decides",
>     "change = latest - baseline, per unit; lower is better on goodman-baron, mmasi, gais-clinician: a negative change is an improvement",
>     "responder on goodman-baron: the latest score at least one grade lower (better) than the baseline",
>     "responder on mmasi: the latest score at least 25% lower than the baseline",
>     "responder on gais-clinician: the latest rating 1 or 2 (very much or much improved)",
>     "no session: the patient had no session in the unit's days"
>   ],
>   "groups": [
>     {
>       "sessions": "2",
>       "scale": "goodman-baron",
>       "units": 3,
>       "patients": 2,
>       "median_baseline": 3,
>       "median_latest": 2,
>       "median_change": -1,
>       "responders": "2 of 3 (66.7%)"
>     },
>     {
>       "sessions": "(all)",
>       "scale": "goodman-baron",
>       "units": 3,
>       "patients": 2,
>       "median_baseline": 3,
>       "median_latest": 2,
>       "median_change": -1,
>       "responders": "2 of 3 (66.7%)"
>     },
>     {
>       "sessions": "2",
>       "scale": "mmasi",
>       "units": 1,
>       "patients": 1,
>       "median_baseline": 10.2,
>       "median_latest": 7.65,
>       "median_change": -2.55,
>       "responders": "1 of 1 (100.0%)"
>     },
>     {
>       "sessions": "(all)",
>       "scale": "mmasi",
>       "units": 1,
>       "patients": 1,
>       "median_baseline": 10.2,
>       "median_latest": 7.65,
>       "median_change": -2.55,
>       "responders": "1 of 1 (100.0%)"
>     },
>     {
>       "sessions": "1",
>       "scale": "gais-clinician",
>       "units": 1,
>       "patients": 1,
>       "median_baseline": null,
>       "median_latest": 2,
>       "median_change": null,
>       "responders": "1 of 1 (100.0%)"
>     },
>     {
>       "sessions": "(all)",
>       "scale": "gais-clinician",
>       "units": 1,
>       "patients": 1,
>       "median_baseline": null,
>       "median_latest": 2,
>       "median_change": null,
>       "responders": "1 of 1 (100.0%)"
>     }
>   ]
> }
# Only acne-scars sessions: CAT (melasma) and DAN (rejuvenation) drop out.
$ needlebook report outcomes --indication acne-scars
> Outcomes by scale
>   grouped by: scale
>   scale: every scale with a responder rule
>   indication: acne-scars
>   scores from: the first
>   scores to: the last
>   unit: a patient's scores on one scale (per-area scales: on one area and side);
>     baseline = the earliest score, latest = the newest on a later day (a day's
>     score is the one recorded last); GAIS needs no baseline: its latest rating
>     alone
>   sessions of a unit: the patient's sessions from the baseline's day to the
>     latest's (GAIS: up to the rating's day, from the first session of its
>     course, else every earlier one)
>   medians: the middle value, or the mean of the two middle ones; responders: k
>     of n, n the units the scale's rule decides
>   change = latest - baseline, per unit; lower is better on goodman-baron: a
>     negative change is an improvement
>   responder on goodman-baron: the latest score at least one grade lower (better)
>     than the baseline
>   only sessions of acne-scars count; units without one are left out
>
> scale          units  patients  median_baseline  median_latest  median_change  responders
> goodman-baron      3         2                3              2             -1  2 of 3 (66.7%)
# From 07-01: ANN's baselines (06-30) are cut, so her cheeks have one day each: no unit.
$ needlebook report outcomes --from 2026-07-01
> Outcomes by scale
>   grouped by: scale
>   scale: every scale with a responder rule
>   indication: any
>   scores from: 2026-07-01
>   scores to: the last
>   unit: a patient's scores on one scale (per-area scales: on one area and side);
>     baseline = the earliest score, latest = the newest on a later day (a day's
>     score is the one recorded last); GAIS needs no baseline: its latest rating
>     alone
>   sessions of a unit: the patient's sessions from the baseline's day to the
>     latest's (GAIS: up to the rating's day, from the first session of its
>     course, else every earlier one)
>   medians: the middle value, or the mean of the two middle ones; responders: k
>     of n, n the units the scale's rule decides
>   change = latest - baseline, per unit; lower is better on goodman-baron, mmasi,
>     gais-clinician: a negative change is an improvement
>   responder on goodman-baron: the latest score at least one grade lower (better)
>     than the baseline
>   responder on mmasi: the latest score at least 25% lower than the baseline
>   responder on gais-clinician: the latest rating 1 or 2 (very much or much
>     improved)
>
> scale           units  patients  median_baseline  median_latest  median_change  responders
> goodman-baron       1         1                3              2             -1  1 of 1 (100.0%)
> mmasi               1         1            10.20           7.65          -2.55  1 of 1 (100.0%)
> gais-clinician      1         1                -              2              -  1 of 1 (100.0%)
# To 09-01: BEN's, CAT's and DAN's later scores are cut; ANN's cheeks stay.
$ needlebook report outcomes --to 2026-09-01 --by depth
> Outcomes by depth
>   grouped by: depth
>   scale: every scale with a responder rule
>   indication: any
>   scores from: the first
>   scores to: 2026-09-01
>   unit: a patient's scores on one scale (per-area scales: on one area and side);
>     baseline = the earliest score, latest = the newest on a later day (a day's
>     score is the one recorded last); GAIS needs no baseline: its latest rating
>     alone
>   sessions of a unit: the patient's sessions from the baseline's day to the
>     latest's (GAIS: up to the rating's day, from the first session of its
>     course, else every earlier one)
>   medians: the middle value, or the mean of the two middle ones; responders: k
>     of n, n the units the scale's rule decides
>   change = latest - baseline, per unit; lower is better on goodman-baron: a
>     negative change is an improvement
>   responder on goodman-baron: the latest score at least one grade lower (better)
>     than the baseline
>   depth: the deepest needle depth of the unit's sessions, on the scored area for
>     a per-area scale; bands in mm, upper bounds inclusive
>   no session: the patient had no session in the unit's days
>
> depth      scale          units  patients  median_baseline  median_latest  median_change  responders
> 1.01-1.50  goodman-baron      2         1              3.5            2.5             -1  1 of 2 (50.0%)
> (all)      goodman-baron      2         1              3.5            2.5             -1  1 of 2 (50.0%)
$ needlebook report outcomes --scale mmasi
> Outcomes by scale
>   grouped by: scale
>   scale: mmasi
>   indication: any
>   scores from: the first
>   scores to: the last
>   unit: a patient's scores on one scale (per-area scales: on one area and side);
>     baseline = the earliest score, latest = the newest on a later day (a day's
>     score is the one recorded last); GAIS needs no baseline: its latest rating
>     alone
>   sessions of a unit: the patient's sessions from the baseline's day to the
>     latest's (GAIS: up to the rating's day, from the first session of its
>     course, else every earlier one)
>   medians: the middle value, or the mean of the two middle ones; responders: k
>     of n, n the units the scale's rule decides
>   change = latest - baseline, per unit; lower is better on mmasi: a negative
>     change is an improvement
>   responder on mmasi: the latest score at least 25% lower than the baseline
>
> scale  units  patients  median_baseline  median_latest  median_change  responders
> mmasi      1         1            10.20           7.65          -2.55  1 of 1 (100.0%)
# glogau has no responder rule: named, it is reported with responders "-".
$ needlebook report outcomes --scale glogau
> Outcomes by scale
>   grouped by: scale
>   scale: glogau
>   indication: any
>   scores from: the first
>   scores to: the last
>   unit: a patient's scores on one scale (per-area scales: on one area and side);
>     baseline = the earliest score, latest = the newest on a later day (a day's
>     score is the one recorded last); GAIS needs no baseline: its latest rating
>     alone
>   sessions of a unit: the patient's sessions from the baseline's day to the
>     latest's (GAIS: up to the rating's day, from the first session of its
>     course, else every earlier one)
>   medians: the middle value, or the mean of the two middle ones; responders: k
>     of n, n the units the scale's rule decides
>   change = latest - baseline, per unit; lower is better on glogau: a negative
>     change is an improvement
>   responder on glogau: no responder rule (a classification or procedure pain,
>     not an outcome)
>
> scale   units  patients  median_baseline  median_latest  median_change  responders
> glogau      1         1                2              1             -1  -
$ needlebook report outcomes --scale nope
! needlebook: error: unknown scale 'nope'; allowed: goodman-baron, goodman-baron-quant, mmasi, lemperle, glogau, gais-clinician, gais-patient, pain-nrs
? 1
$ needlebook report outcomes --from 2026-09-01 --to 2026-07-01
! needlebook: error: --to 2026-07-01 is before --from 2026-09-01
? 1
# Not audited: it shows no patient, as report recovery.
= SELECT count(*) FROM audit_log WHERE action LIKE 'report%'
> 0

# A duplicate chart's score counts on the chart it was merged into (the merge moves it with a
# revision; the report would follow the merge even without one): EVE is BEN registered
# twice, scored 1 on the scar on 09-20. BEN's unit becomes 3 -> 1 (-2), still under IV (BEN's
# type); goodman-baron: latest 2 3 1 -> 2, changes -2 0 -2 -> -2, 2 of 3, and 2 patients, not 3.
$ needlebook patient add --family Okafor --given Ben --born 1979-02-03 --code EVE
> patient EVE registered: Okafor, Ben
! needlebook: warning: BEN has the same name and birth date; if this is the same person, keep one chart: 'needlebook patient merge EVE --into BEN --reason …'
$ needlebook assess EVE --scale goodman-baron --score 1 --area scar --on 2026-09-20
> score 14 recorded for EVE: goodman-baron 1, scar, on 2026-09-20
$ needlebook patient merge EVE --into BEN --reason "registered twice"
> patient EVE merged into BEN (revision 2): 0 conditions moved, 0 consents moved, 0 sessions moved, 1 score moved
$ needlebook report outcomes --scale goodman-baron --by fitzpatrick
> Outcomes by fitzpatrick
>   grouped by: fitzpatrick
>   scale: goodman-baron
>   indication: any
>   scores from: the first
>   scores to: the last
>   unit: a patient's scores on one scale (per-area scales: on one area and side);
>     baseline = the earliest score, latest = the newest on a later day (a day's
>     score is the one recorded last); GAIS needs no baseline: its latest rating
>     alone
>   sessions of a unit: the patient's sessions from the baseline's day to the
>     latest's (GAIS: up to the rating's day, from the first session of its
>     course, else every earlier one)
>   medians: the middle value, or the mean of the two middle ones; responders: k
>     of n, n the units the scale's rule decides
>   change = latest - baseline, per unit; lower is better on goodman-baron: a
>     negative change is an improvement
>   responder on goodman-baron: the latest score at least one grade lower (better)
>     than the baseline
>
> fitzpatrick  scale          units  patients  median_baseline  median_latest  median_change  responders
> II           goodman-baron      2         1              3.5            2.5             -1  1 of 2 (50.0%)
> IV           goodman-baron      1         1                3              1             -2  1 of 1 (100.0%)
> (all)        goodman-baron      3         2                3              2             -2  2 of 3 (66.7%)
