# history (text) keeps to 80 columns whatever the data: long names, notes, lots, reasons and
# actor names are wrapped under their label, and a word longer than the line is cut. Every
# expected line below is at most 80 characters long.
#
# The title line "TREATMENT HISTORY  CODE  NAME" is not wrapped today: with this (allowed) 22-
# character chart code and a long double-barrelled name it is 92 columns. The split expected
# below (the name on a line of its own) is one acceptable form; what matters is that no line
# passes 80 columns.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family "Featherstonehaugh-Montgomery" --given "Anastasia Valentina" --born 1990-01-01 --code P-LONG-CHART-CODE-0001 --note "Prefers afternoon appointments; sensitive to lidocaine creams, use the pliaglis alternative; allergic to nickel jewellery only"
> patient P-LONG-CHART-CODE-0001 registered: Featherstonehaugh-Montgomery, Anastasia Valentina
$ needlebook consent add P-LONG-CHART-CODE-0001 --signed 2026-06-01 --covers "microneedling serums prp rf photos" --guardian "Margaret Elizabeth Longname-Withahyphen, mother and legal guardian of the patient named above"
> consent 1 on file for P-LONG-CHART-CODE-0001, signed 2026-06-01 by Margaret Elizabeth Longname-Withahyphen, mother and legal guardian of the patient named above (guardian), covers microneedling serums prp rf photos
$ needlebook session log P-LONG-CHART-CODE-0001 --at "2026-11-10 10:00" --device rf --model "Morpheus8 Body with the 40-pin tip" --area decolletage=1.5x2 --area scar:left=2.75 --serum exosome-serum@EXO-2026-LOT-000123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ-012345:after --override "depth:decolletage=surgical scar thickness measured at 3 mm by ultrasound; plan agreed with the dermatologist Dr Okonkwo-Henderson" --override "depth:scar:left=surgical scar thickness measured at 3 mm by ultrasound; plan agreed with the dermatologist Dr Okonkwo-Henderson" --aftercare "Avoid sun for 7 days, SPF 50 twice daily, no retinoids for a week, gentle cleanser only, call the clinic if swelling increases" --cartridge "40-pin insulated" --cartridge-lot CARTRIDGE-LOT-WITH-A-VERY-LONG-IDENTIFIER-THAT-GOES-ON-AND-ON-12
> session 1 logged for P-LONG-CHART-CODE-0001 at 2026-11-10 10:00
> overridden depth:decolletage: depth 1.50 mm on decolletage exceeds the clinic limit of 1.00 mm (reason: surgical scar thickness measured at 3 mm by ultrasound; plan agreed with the dermatologist Dr Okonkwo-Henderson)
> overridden depth:scar:left: depth 2.75 mm on scar:left exceeds the clinic limit of 2.50 mm (reason: surgical scar thickness measured at 3 mm by ultrasound; plan agreed with the dermatologist Dr Okonkwo-Henderson)
! needlebook: warning: lot:exosome-serum:EXO-2026-LOT-000123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ-012345: lot EXO-2026-LOT-000123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ-012345 of exosome-serum is not registered; register it with 'needlebook lot add exosome-serum EXO-2026-LOT-000123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ-012345 --expires YYYY-MM-DD'
! needlebook: warning: lot:cartridge:CARTRIDGE-LOT-WITH-A-VERY-LONG-IDENTIFIER-THAT-GOES-ON-AND-ON-12: cartridge lot CARTRIDGE-LOT-WITH-A-VERY-LONG-IDENTIFIER-THAT-GOES-ON-AND-ON-12 is not registered; register it with 'needlebook lot add cartridge CARTRIDGE-LOT-WITH-A-VERY-LONG-IDENTIFIER-THAT-GOES-ON-AND-ON-12 --expires YYYY-MM-DD'
$ needlebook reaction add 1 --kind post-inflammatory-hyperpigmentation --severity moderate --onset 2026-11-11 --area decolletage --note "brown patches along the upper edge, photographed for the file"
> reaction 1 recorded for session 1: post-inflammatory hyperpigmentation, moderate, open
$ needlebook --as dr.okonkwo-henderson.locum session amend 1 --reason "the model was recorded wrongly by the front desk and has been corrected after checking the device log" --model "Morpheus8 Body"
> session 1 amended (revision 2) for P-LONG-CHART-CODE-0001 at 2026-11-10 10:00
> overridden depth:decolletage: depth 1.50 mm on decolletage exceeds the clinic limit of 1.00 mm (reason: surgical scar thickness measured at 3 mm by ultrasound; plan agreed with the dermatologist Dr Okonkwo-Henderson)
> overridden depth:scar:left: depth 2.75 mm on scar:left exceeds the clinic limit of 2.50 mm (reason: surgical scar thickness measured at 3 mm by ultrasound; plan agreed with the dermatologist Dr Okonkwo-Henderson)
! needlebook: warning: lot:exosome-serum:EXO-2026-LOT-000123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ-012345: lot EXO-2026-LOT-000123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ-012345 of exosome-serum is not registered; register it with 'needlebook lot add exosome-serum EXO-2026-LOT-000123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ-012345 --expires YYYY-MM-DD'
! needlebook: warning: lot:cartridge:CARTRIDGE-LOT-WITH-A-VERY-LONG-IDENTIFIER-THAT-GOES-ON-AND-ON-12: cartridge lot CARTRIDGE-LOT-WITH-A-VERY-LONG-IDENTIFIER-THAT-GOES-ON-AND-ON-12 is not registered; register it with 'needlebook lot add cartridge CARTRIDGE-LOT-WITH-A-VERY-LONG-IDENTIFIER-THAT-GOES-ON-AND-ON-12 --expires YYYY-MM-DD'

# R1: onset 11-11 = day 1; open on 2026-11-23 = day 13 (11-10 -> 11-23).
$ needlebook history P-LONG-CHART-CODE-0001
> ================================================================================
> TREATMENT HISTORY  P-LONG-CHART-CODE-0001
> Featherstonehaugh-Montgomery, Anastasia Valentina
> printed 2026-11-23 15:00 (Europe/London) by tester; reactions as of 2026-11-23
> recorded as audit row 76; chain head for 'check --head':
> 76:${SHA256}
> 1 session; every correction and override is shown
> ================================================================================
> PATIENT
>   chart          P-LONG-CHART-CODE-0001
>   name           Featherstonehaugh-Montgomery, Anastasia Valentina
>   born           1990-01-01
>   fitzpatrick    not recorded
>   note           Prefers afternoon appointments; sensitive to lidocaine creams,
>                  use the pliaglis alternative; allergic to nickel jewellery only
>   conditions
>     none on file
>   consent
>     - 1: signed 2026-06-01, covers microneedling serums prp rf photos, signed by
>       Margaret Elizabeth Longname-Withahyphen, mother and legal guardian of the
>       patient named above (guardian)
> --------------------------------------------------------------------------------
> SESSION 1  2026-11-10 10:00
>   interval       first session
>   practitioner   tester
>   indication     other
>   device         RF microneedling, Morpheus8 Body
>   cartridge      40-pin insulated
>   cartridge lot  CARTRIDGE-LOT-WITH-A-VERY-LONG-IDENTIFIER-THAT-GOES-ON-AND-ON-1
>                  2
>   aftercare      Avoid sun for 7 days, SPF 50 twice daily, no retinoids for a
>                  week, gentle cleanser only, call the clinic if swelling
>                  increases
>   areas
>     area         side  depth mm  passes
>     décolletage  -         1.50       2
>     scar         left      2.75       -
>   serums
>     - exosome-serum, lot
>       EXO-2026-LOT-000123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ-012345, after
>   clinical checks
>     - overridden depth:decolletage: depth 1.50 mm on decolletage exceeds the
>       clinic limit of 1.00 mm (reason: surgical scar thickness measured at 3 mm
>       by ultrasound; plan agreed with the dermatologist Dr Okonkwo-Henderson)
>     - overridden depth:scar:left: depth 2.75 mm on scar:left exceeds the clinic
>       limit of 2.50 mm (reason: surgical scar thickness measured at 3 mm by
>       ultrasound; plan agreed with the dermatologist Dr Okonkwo-Henderson)
>     - warning
>       lot:exosome-serum:EXO-2026-LOT-000123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ-012
>       345: lot EXO-2026-LOT-000123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ-012345 of
>       exosome-serum is not registered; register it with 'needlebook lot add
>       exosome-serum EXO-2026-LOT-000123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ-012345
>       --expires YYYY-MM-DD'
>     - warning
>       lot:cartridge:CARTRIDGE-LOT-WITH-A-VERY-LONG-IDENTIFIER-THAT-GOES-ON-AND-O
>       N-12: cartridge lot
>       CARTRIDGE-LOT-WITH-A-VERY-LONG-IDENTIFIER-THAT-GOES-ON-AND-ON-12 is not
>       registered; register it with 'needlebook lot add cartridge
>       CARTRIDGE-LOT-WITH-A-VERY-LONG-IDENTIFIER-THAT-GOES-ON-AND-ON-12 --expires
>       YYYY-MM-DD'
>   checked with   depth limits decolletage 1.00 mm, scar 2.50 mm; consent_policy
>                  warn, consent_valid_months 12, interval_block_days 14,
>                  interval_warn_days 28, isotretinoin_months 6, lot_registration
>                  warn, minimum_age 18, override_min_reason 10
>   reactions
>     - R1 post-inflammatory hyperpigmentation, moderate, decolletage
>       [open,adverse]
>       onset 2026-11-11 (day 1), open (day 13 on 2026-11-23)
>       note: brown patches along the upper edge, photographed for the file
>   recovered      day 13 so far (a reaction is open)
>   follow-ups
>     none recorded
>   corrections
>     revision 2 amended by dr.okonkwo-henderson.locum (OS account ${OS_USER}) on
>       2026-11-23 15:00: the model was recorded wrongly by the front desk and has
>       been corrected after checking the device log
>       - model: Morpheus8 Body with the 40-pin tip -> Morpheus8 Body
> ================================================================================
> end of history
