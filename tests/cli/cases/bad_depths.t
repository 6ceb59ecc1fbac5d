# Needle depths that are not numbers, or outside the absolute bound (0, 3.0] mm, are validation
# errors (exit 1, no override possible); passes must be 1 to 20. Nothing is stored.

$ needlebook init
> database ready: ${TMP}/clinic.db (schema version 11)
$ needlebook patient add --family Smith --given Ann --born 1985-04-12 --code ANN
> patient ANN registered: Smith, Ann
$ needlebook consent add ANN --signed 2026-06-01
> consent 1 on file for ANN, signed 2026-06-01, covers microneedling serums

# Not numbers: the decimal point is ".", no signs, no exponents, no empty value.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=abc'
! needlebook: error: depth 'abc' is not a number; use digits with '.' as the decimal point, e.g. 0.25 (in --area back=abc)
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=1,5'
! needlebook: error: depth '1,5' has a decimal comma; write it with a point: 1.5 (in --area back=1,5)
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=-1'
! needlebook: error: depth '-1' is negative; it must be greater than 0 (in --area back=-1)
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=1e1'
! needlebook: error: depth '1e1' is not a number; use digits with '.' as the decimal point, e.g. 0.25 (in --area back=1e1)
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back='
! needlebook: error: depth '' is not a number; use digits with '.' as the decimal point, e.g. 0.25 (in --area back=)
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=+1'
! needlebook: error: depth '+1' is not a number; use digits with '.' as the decimal point, e.g. 0.25 (in --area back=+1)
? 1

# A depth that starts with the point is refused with the way to write it.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=.5'
! needlebook: error: depth '.5' needs a digit before the point, e.g. 0.5 (in --area back=.5)
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'cheek:left=.75MMx2'
! needlebook: error: depth '.75' needs a digit before the point, e.g. 0.75 (in --area cheek:left=.75MMx2)
? 1

# The unit alone is no depth; it is 'mm' or 'MM', not mixed.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=mm'
! needlebook: error: depth 'mm' is not a number; use digits with '.' as the decimal point, e.g. 0.25 (in --area back=mm)
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=1.5Mm'
! needlebook: error: depth '1.5Mm' is not a number; use digits with '.' as the decimal point, e.g. 0.25 (in --area back=1.5Mm)
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=1.'
! needlebook: error: depth '1.' is not a number; use digits with '.' as the decimal point, e.g. 0.25 (in --area back=1.)
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=1..5'
! needlebook: error: depth '1..5' is not a number; use digits with '.' as the decimal point, e.g. 0.25 (in --area back=1..5)
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=nan'
! needlebook: error: depth 'nan' is not a number; use digits with '.' as the decimal point, e.g. 0.25 (in --area back=nan)
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back= 1'
! needlebook: error: depth ' 1' is not a number; use digits with '.' as the decimal point, e.g. 0.25 (in --area back= 1)
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=1.0.0'
! needlebook: error: depth '1.0.0' is not a number; use digits with '.' as the decimal point, e.g. 0.25 (in --area back=1.0.0)
? 1

# A depth is read to 0.01 mm at most: 0.255 is a typo, not a depth.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area back=0.255
! needlebook: error: depth '0.255' has more than 2 decimals (in --area back=0.255)
? 1

# Out of the absolute bound: refused even with --override.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=0'
! needlebook: error: depth 0.00 mm on back is outside (0, 3.0] mm; no override can allow it
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=0.00'
! needlebook: error: depth 0.00 mm on back is outside (0, 3.0] mm; no override can allow it
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=3.5'
! needlebook: error: depth 3.50 mm on back is outside (0, 3.0] mm; no override can allow it
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=3.01'
! needlebook: error: depth 3.01 mm on back is outside (0, 3.0] mm; no override can allow it
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=25'
! needlebook: error: depth 25.00 mm on back is outside (0, 3.0] mm; no override can allow it
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area back=3.5 --override 'deep scar'
! needlebook: error: depth 3.50 mm on back is outside (0, 3.0] mm; no override can allow it
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area back=0 --override 'deep scar'
! needlebook: error: depth 0.00 mm on back is outside (0, 3.0] mm; no override can allow it
? 1

# The bad area is found even when it is not the first one.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area back=1.0 --area arm=4
! needlebook: error: depth 4.00 mm on arm is outside (0, 3.0] mm; no override can allow it
? 1

# Passes.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=1.0x0'
! needlebook: error: passes 0 is out of range; allowed: 1 to 20 (in --area back=1.0x0)
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=1.0x21'
! needlebook: error: passes 21 is out of range; allowed: 1 to 20 (in --area back=1.0x21)
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=1.0xabc'
! needlebook: error: passes 'abc' is not a whole number; allowed: 1 to 20 (in --area back=1.0xabc)
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=1.0x'
! needlebook: error: passes '' is not a whole number; allowed: 1 to 20 (in --area back=1.0x)
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=1.0x-1'
! needlebook: error: passes -1 is out of range; allowed: 1 to 20 (in --area back=1.0x-1)
? 1

$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area 'back=1.0x2.5'
! needlebook: error: passes '2.5' is not a whole number; allowed: 1 to 20 (in --area back=1.0x2.5)
? 1

# An area without a depth.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area back
! needlebook: error: area 'back' has no depth; write AREA[:left|right]=DEPTH[xPASSES], e.g. cheek:left=1.0x3
? 1

# 3.0 mm is inside the absolute bound: above the back's limit of 2.5 mm it is a clinical block
# (overridable, see overrides.t), not a validation error.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area back=3.0
! needlebook: error: session refused by the clinical checks:
!   depth:back: depth 3.00 mm on back exceeds the clinic limit of 2.50 mm
! use --override KEY="reason" for each finding you accept; the reason is kept with the session
? 1

# The smallest depth, a limit exactly, the optional 'mm' or 'MM' suffix and the most passes are
# accepted.
$ needlebook session log ANN --at '2026-11-20 10:00' --device pen --area back=0.01x1 --area arm=2.5mmx20 --area cheek:left=1.5MM
> session 1 logged for ANN at 2026-11-20 10:00
= SELECT area, side, depth_mm, passes FROM session_area ORDER BY position
> back||0.01|1
> arm||2.5|20
> cheek|left|1.5|
