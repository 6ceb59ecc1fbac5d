# --format csv on the lists: a header row, one row per record, every line ended by CRLF (written
# "\r" at the end of an expected line). Fields with a comma, a quote or a line break are quoted,
# with quotes doubled; a text field starting with '=', '+', '-' or '@' gets a leading "'" so a
# spreadsheet does not run it as a formula. Numbers and dates are never guarded.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family "O'Brien, Jr" --given 'Seán' --born 1980-03-01 --code OBR --phone '+44 7700 900123' --note '=HYPERLINK("http://example.org")'
> patient OBR registered: O'Brien, Jr, Seán
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN --fitzpatrick 2 --note 'said "no" to numbing cream'
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums
$ needlebook consent add OBR --signed 2026-06-01
> consent 2 on file for OBR, signed 2026-06-01, covers microneedling serums
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area cheek:left=1.0x3 --area periorbital=0.25 --serum ha-serum@HA-2291:during --serum prp@PRP-1
> session 1 logged for ANN at 2026-11-20 10:00
! needlebook: warning: lot:ha-serum:HA-2291: lot HA-2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA-2291 --expires YYYY-MM-DD'
! needlebook: warning: lot:prp:PRP-1: lot PRP-1 of prp is not registered; register it with 'needlebook lot add prp PRP-1 --expires YYYY-MM-DD'
! needlebook: warning: consent:prp: no consent in force covers platelet-rich plasma (in force: microneedling serums)
$ needlebook session log OBR --at '2026-11-21 09:15' --device rf --area abdomen=2.75 --override 'depth:abdomen=stretch marks, thick skin' --practitioner '@dr.jones'
> session 2 logged for OBR at 2026-11-21 09:15
> overridden depth:abdomen: depth 2.75 mm on abdomen exceeds the clinic limit of 2.50 mm (reason: stretch marks, thick skin)
! needlebook: warning: consent:rf: no consent in force covers RF microneedling (in force: microneedling serums)
$ needlebook session log ANN --at '2026-10-01 10:00' --device roller --area neck=0.5
> session 3 logged for ANN at 2026-10-01 10:00
$ needlebook session void 3 --reason 'wrong patient'
> session 3 voided (revision 2): wrong patient

$ needlebook --format csv patient list
> code,family_name,given_name,birth_date,fitzpatrick,phone,email,note,revision\r
> ANN,Smith,Ann,1985-04-12,2,,,"said ""no"" to numbing cream",1\r
> OBR,"O'Brien, Jr",Seán,1980-03-01,,'+44 7700 900123,,"'=HYPERLINK(""http://example.org"")",1\r

# Times in the clinic zone and in UTC; the voided session only with --voided.
$ needlebook --format csv session list
> id,patient,at,at_utc,practitioner,indication,device,areas,serums,findings,revision,voided\r
> 1,ANN,2026-11-20 10:00,2026-11-20T10:00:00Z,tester,other,pen,cheek:left=1.00x3 periorbital=0.25,ha-serum@HA-2291:during prp@PRP-1:after,warning lot:ha-serum:HA-2291: lot HA-2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA-2291 --expires YYYY-MM-DD'; warning lot:prp:PRP-1: lot PRP-1 of prp is not registered; register it with 'needlebook lot add prp PRP-1 --expires YYYY-MM-DD'; warning consent:prp: no consent in force covers platelet-rich plasma (in force: microneedling serums),1,0\r
> 2,OBR,2026-11-21 09:15,2026-11-21T09:15:00Z,'@dr.jones,other,rf,abdomen=2.75,,"overridden depth:abdomen: depth 2.75 mm on abdomen exceeds the clinic limit of 2.50 mm (reason: stretch marks, thick skin); warning consent:rf: no consent in force covers RF microneedling (in force: microneedling serums)",1,0\r

$ needlebook session list --voided --format csv
> id,patient,at,at_utc,practitioner,indication,device,areas,serums,findings,revision,voided\r
> 3,ANN,2026-10-01 10:00,2026-10-01T09:00:00Z,tester,other,roller,neck=0.50,,,2,1\r
> 1,ANN,2026-11-20 10:00,2026-11-20T10:00:00Z,tester,other,pen,cheek:left=1.00x3 periorbital=0.25,ha-serum@HA-2291:during prp@PRP-1:after,warning lot:ha-serum:HA-2291: lot HA-2291 of ha-serum is not registered; register it with 'needlebook lot add ha-serum HA-2291 --expires YYYY-MM-DD'; warning lot:prp:PRP-1: lot PRP-1 of prp is not registered; register it with 'needlebook lot add prp PRP-1 --expires YYYY-MM-DD'; warning consent:prp: no consent in force covers platelet-rich plasma (in force: microneedling serums),1,0\r
> 2,OBR,2026-11-21 09:15,2026-11-21T09:15:00Z,'@dr.jones,other,rf,abdomen=2.75,,"overridden depth:abdomen: depth 2.75 mm on abdomen exceeds the clinic limit of 2.50 mm (reason: stretch marks, thick skin); warning consent:rf: no consent in force covers RF microneedling (in force: microneedling serums)",1,0\r

# The serum catalogue is a list too.
$ needlebook --format csv product list
> code,name,kind,maker,state\r
> exosome-serum,Exosome serum,exosomes,,in use\r
> gf-serum,Growth factor serum,growth-factors,,in use\r
> ha-serum,Hyaluronic acid serum 1%,hyaluronic-acid,,in use\r
> peptide-serum,Copper peptide serum,peptides,,in use\r
> prp,Platelet-rich plasma (autologous),prp,,in use\r
> vitc-serum,Vitamin C serum 10%,vitamin-c,,in use\r

# An empty list is the header alone.
$ needlebook --format csv session list --patient ANN --from 2026-11-22
> id,patient,at,at_utc,practitioner,indication,device,areas,serums,findings,revision,voided\r
