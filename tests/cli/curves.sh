#!/bin/sh
# Curves by age (issue 11: "ASFR curves by year or region"; the legend of
# an interval band), on SCB's county births and population 1968-2015:
#   - kind = lines with only indicator = (a fertility_rate by year) puts
#     the mother's age along the axis and draws a line per year that where
#     leaves open, titled "Ålder"; series = region draws one per county;
#   - the rates plotted equal an awk oracle over the two files: births to
#     mothers of age x in the year / the mean of the women of age x on
#     31 December of that year and the year before, x 1000 (METHODS 3.1;
#     births under 15 in 15 and over 49 in 49 are the ends' business and
#     are left out of the ages checked here);
#   - every lower limit is at least 0 (exact Poisson limits); the rates
#     of 2015, when one birth has no mother's age, are flagged
#     unknown_age_spread, and those of 1975 are not;
#   - the latest year is in the highlight colour with points, the earlier
#     ones grey, lighter the older; the band has a legend entry with the
#     level, and none with interval = none; gnuplot renders the chart.
# Skips where ../shared/datasets is absent.
set -u
. "$(dirname "$0")/lib.sh"

B=$SHARED/scb-county-births-1968-2015.csv P=$SHARED/scb-county-population-1968-2015.csv
if [ ! -f "$B" ] || [ ! -f "$P" ]; then
    skip "SCB county births or population absent in $SHARED"
    finish curves
fi

cat > "$TMP/a.ini" <<EOF
[analysis]
title = curves
[data births]
file = $B
[data population]
file = $P
[indicator asfr]
kind = fertility_rate
births = births
population = population
where = year:1975,1990,2000,2015
by = year
[indicator asfr_cty]
kind = fertility_rate
births = births
population = population
where = year:2015 region:23,01
by = region, year
[chart curves]
kind = lines
indicator = asfr
[chart counties]
kind = lines
indicator = asfr_cty
series = region
[chart flat]
kind = lines
indicator = asfr
interval = none
EOF
if ! "$JS" run "$TMP/a.ini" -o "$TMP/o" 2> "$TMP/err"; then
    bad "run failed: $(cat "$TMP/err")"
    finish curves
fi
ok
DAT=$TMP/o/charts/curves.dat GP=$TMP/o/charts/curves.gp
check "a series per year" "$(grep '^# i' "$DAT" | tr '\t' '\n' | grep '^\[' | tr '\n' ' ')" "[1975] [1990] [2000] [2015] "
check "ages 15-49 along the axis" "$(grep -v '^#' "$DAT" | awk -F'\t' 'NF > 5 { print $3 }' | tr '\n' ' ' | cut -d' ' -f1,35)" "15 49"
grep -q "^set label 8 'Ålder'" "$GP" && ok || bad "no axis title Ålder: $(grep 'label 8' "$GP")"

# the oracle: ASFR per 1000 for ages 16-48 in each year
# (SCB's one birth of 2015 with "no information" on the mother's age is
# spread over the year's known births pro rata, METHODS 3.1)
awk -F, '
    FNR == 1 { file++; next }
    file == 1 && $5 ~ /^[0-9]+$/ { b[$1, $5 + 0] += $6 }
    file == 1 { if ($5 == "no information") unknown[$1] += $6; else known[$1] += $6 }
    file == 2 && $4 == "women" { w[$1, $5] += $6 }
    END { split("1975 1990 2000 2015", ys, " ")
          for (i = 1; i <= 4; i++) for (x = 16; x <= 48; x++) {
              y = ys[i]; spread = (known[y] + unknown[y]) / known[y]
              printf "%s %d %.17g\n", y, x, 1000 * b[y, x] * spread / ((w[y - 1, x] + w[y, x]) / 2) } }' \
    "$B" "$P" > "$TMP/oracle.tsv"
awk -F'\t' '/^# i/ { for (i = 1; i <= NF; i++) if ($i ~ /^\[/) { y = substr($i, 2, 4); col[y] = i } next }
    /^#/ || NF < 6 { next }
    { for (y in col) print y, $3, $(col[y]) }' "$DAT" | sort > "$TMP/got.tsv"
n=$(awk 'NR == FNR { want[$1 " " $2] = $3; next }
    ($1 " " $2) in want { d = $3 - want[$1 " " $2]; if (d < 0) d = -d
                         if (d > 1e-9 * want[$1 " " $2]) print "MISMATCH", $0, want[$1 " " $2]; else print "ok" }' \
    FS=' ' "$TMP/oracle.tsv" "$TMP/got.tsv" | sort | uniq -c | tr -s ' ' | tr '\n' ';')
check "132 rates equal the awk oracle" "$n" " 132 ok;"
# the one birth of no stated mother's age (2015) is spread, and said so
check "2015's rates flagged unknown_age_spread, 35 ages" \
    "$(grep -c '^asfr,2015,.*,unknown_age_spread$' "$TMP/o/indicators.csv")" 35
check "1975's rates are not" "$(grep '^asfr,1975,' "$TMP/o/indicators.csv" | grep -c unknown_age_spread)" 0
check "no lower limit below 0" \
    "$(awk -F'\t' '/^#/ || NF < 6 { next } { for (i = 8; i <= NF; i += 4) if ($i != ".." && $i < 0) print $3, $i }' "$DAT")" ""

# the look: greys lighter the older, the latest in the highlight style
check "earlier years grey, darker the later" \
    "$(grep -o "lc rgb '#[0-9A-F]*' title '[0-9]*'" "$GP" | sed "s/lc rgb '\(.*\)' title '\(.*\)'/\2 \1/" | tr '\n' ' ')" \
    "1975 #BDBDBD 1990 #6B6B6B 2000 #3A3A3A "
grep -q "with linespoints ls 3 lw 3 .* title '2015'" "$GP" && ok || bad "2015 is not in the highlight style"
grep -q "keyentry with filledcurves .* title '95 % konfidensintervall'" "$GP" && ok || bad "no legend entry for the band"
if grep -q "keyentry" "$TMP/o/charts/flat.gp"; then bad "interval = none still has a band entry"; else ok; fi

# series = region: a line per county, the axis still the ages
check "series = region: a line per county" \
    "$(grep '^# i' "$TMP/o/charts/counties.dat" | tr '\t' '\n' | grep -c '^\[')" 2
check "series = region: ages along the axis" \
    "$(grep -v '^#' "$TMP/o/charts/counties.dat" | awk -F'\t' 'NF > 5' | wc -l | tr -d ' ')" 35

if command -v gnuplot > /dev/null 2>&1; then
    [ -s "$TMP/o/charts/curves.png" ] && [ -s "$TMP/o/charts/counties.png" ] && ok || bad "the curves were not rendered"
else
    skip "gnuplot absent: not rendered"
fi
finish curves
