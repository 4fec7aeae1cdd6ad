#!/bin/sh
# A lines chart of an indicator with intervals draws them as bands
# (interval = band, the default; none leaves them out): life expectancy at
# birth in Jämtland (county 23), five years pooled, from SCB's county files.
# The band's limits in the chart's data must be the indicator's own ci_low
# and ci_high in indicators.csv (the same numbers by another path).
# Closes with "bands: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
D=$SHARED/scb-county-deaths-1968-2015.csv P=$SHARED/scb-county-population-1968-2015.csv
if [ ! -f "$D" ] || [ ! -f "$P" ]; then
    skip "$D or $P is absent: the band is not checked"
    finish bands
fi
cat > "$TMP/a.ini" <<EOF
[analysis]
title = e0
language = en
[data deaths]
file = $D
[data population]
file = $P
[indicator e0]
kind = life_expectancy
deaths = deaths
population = population
pool = 5
where = region:23 year:2005-2015
by = year, sex
[chart c]
kind = lines
indicator = e0
[chart plain]
kind = lines
indicator = e0
interval = none
[indicator e0t]
kind = life_expectancy
deaths = deaths
population = population
pool = 5
where = region:23 year:2005-2015
by = year
[chart lone]
kind = lines
indicator = e0t
EOF
"$JS" run "$TMP/a.ini" -o "$TMP/out" --format svg 2> "$TMP/err"
check "run exits 0" "$?" 0
# women in 2015 (2011-2015): the indicator's interval, and the chart's band
want=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) k[$i] = i; next }
       $(k["year"]) == 2015 && $(k["sex"]) == "women" { printf "%.9f %.9f", $(k["ci_low"]), $(k["ci_high"]) }' \
       "$TMP/out/indicators.csv")
# the .dat: i, x, label, focus, pos, then per series value, text, lo, hi
got=$(awk -F'\t' '$2 == 2015 { printf "%.9f %.9f", $8, $9 }' "$TMP/out/charts/c.dat")
check "the band is the indicator's interval (women, 2015)" "$got" "$want"
if [ -n "$want" ]; then ok; else bad "indicators.csv has no interval for 2015"; fi
check "interval = band draws a band per sex" "$(grep -o 'data using [^,]* with filledcurves' "$TMP/out/charts/c.gp" | wc -l | tr -d " ")" 2
check "the bands have one legend entry" "$(grep -c 'keyentry with filledcurves' "$TMP/out/charts/c.gp")" 1
check "interval = none draws none" "$(grep -c filledcurves "$TMP/out/charts/plain.gp")" 0
# one line with no sex: no legend entry "Total" (its title says what it is),
# drawn dark, not in the light grey of a line among others; the band's
# entry stays
check "a lone neutral line has no legend entry" "$(grep -c "title 'Total'" "$TMP/out/charts/lone.gp")" 0
check "the lone line is dark grey" "$(grep -c "with linespoints ls 8 .*lc rgb '#595959' notitle" "$TMP/out/charts/lone.gp")" 1
check "the lone line's band keeps its entry" "$(grep -c 'keyentry with filledcurves' "$TMP/out/charts/lone.gp")" 1
check "lines by sex keep theirs" "$(grep -c "title 'Women'" "$TMP/out/charts/c.gp")" 1
"$JS" check "$TMP/a.ini" --set chart.plain.interval=wide > /dev/null 2> "$TMP/err"
check "interval = wide: exit" "$?" 64
check "interval = wide: message" "$(grep -m1 error "$TMP/err")" \
    'jamstat: error: --set chart.plain.interval: [chart plain]: interval: expected band or none, found "wide"'
finish bands
