#!/bin/sh
# Reference lines say whose they are (issue #15, defect 2).  Invented counts
# (persons by county and sex, with the national row "00 Riket"); the values
# expected are the counts themselves and one share by hand (60 / 124).
#  - reference = total on a chart by sex draws the women's and the men's
#    totals, each in its colour, named by the total category's label;
#  - reference = INDICATOR is named by the region it is the value of (the
#    home region's own share is not "Riket");
#  - an indicator by sex gives both sexes' lines; reference_label wins.
# Closes with "reference: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
printf 'year,region,sex,persons\n' > "$TMP/d.csv"
printf '2020,%s\n' "00 Riket,women,500" "00 Riket,men,480" "23 Jämtlands län,women,60" \
    "23 Jämtlands län,men,64" "24 Västerbottens län,women,130" "24 Västerbottens län,men,132" \
    "25 Norrbottens län,women,120" "25 Norrbottens län,men,131" >> "$TMP/d.csv"
cat > "$TMP/a.ini" <<'INI'
[analysis]
title = t
[data d]
file = d.csv
source = invented
[indicator n]
kind = count
by = region, sex
[indicator share_w]
kind = share
part = sex:women
by = region
[indicator home]
kind = share
part = sex:women
where = region:23
by = year
[indicator n_country]
kind = count
by = year, sex
where = region:00
[chart d1]
kind = dumbbell
indicator = n
reference = total
[chart r1]
kind = ranked
indicator = share_w
reference = home
[chart d2]
kind = dumbbell
indicator = n
where = region:23,24,25
reference = n_country
[chart b1]
kind = bars
indicator = n
where = region:23,24,25
reference = n_country
reference_label = Sverige
[chart r2]
kind = ranked
indicator = share_w
reference = 50
INI
"$JS" run "$TMP/a.ini" -o "$TMP/out" 2> "$TMP/err"
check "run exits 0" "$?" 0
C=$TMP/out/charts
rows() { grep "referenslinje" "$C/$1.csv" | tr '\n' '|'; }
check "d1.csv: women's and men's national lines" "$(rows d1)" \
    '"Riket, kvinnor (referenslinje)",500,|"Riket, män (referenslinje)",480,|'
if grep -q "^set label 5 'Riket, kvinnor 500' .*textcolor rgb c_women" "$C/d1.gp" &&
   grep -q "^set label 11 'Riket, män 480' .*textcolor rgb c_men" "$C/d1.gp"; then ok
else bad "d1.gp: expected the two labelled lines in the women's and men's colours"; fi
# the lower value's label is left of its line, the higher's right of it
if grep -q "'Riket, män 480' at first 480, graph 1 offset -0.4,0.6 right" "$C/d1.gp" &&
   grep -q "'Riket, kvinnor 500' at first 500, graph 1 offset 0.4,0.6 left" "$C/d1.gp"; then ok
else bad "d1.gp: the two labels on the far sides of their lines"; fi
got=$(grep "referenslinje" "$C/r1.csv" | awk -F, '{ printf "%s %.6f", $1, $2 }')
check "r1.csv: the home region's share, named by the region" "$got" \
    "Jämtlands län (referenslinje) $(awk 'BEGIN { printf "%.6f", 100 * 60 / 124 }')"
check "d2.csv: an indicator by sex gives both lines" "$(rows d2)" \
    '"Riket, kvinnor (referenslinje)",500,|"Riket, män (referenslinje)",480,|'
check "b1.csv: reference_label names the line" "$(rows b1)" \
    '"Sverige, kvinnor (referenslinje)",500,|"Sverige, män (referenslinje)",480,|'
# the bars' value axis reaches the lines (500 is above every bar)
hi=$(sed -n 's/^set yrange \[[^:]*:\([0-9.]*\)\].*/\1/p' "$C/b1.gp")
if awk -v h="$hi" 'BEGIN { exit !(h >= 500) }'; then ok; else bad "b1.gp: y axis ends at '$hi', below the line at 500"; fi
# (the two empty fields are the ranked bars' interval limits' columns)
check "r2.csv: a number is a plain reference" "$(rows r2)" 'Referens (referenslinje),50,,|'
finish reference
