#!/bin/sh
# [analysis] uncertainty = random | none (issue #12): with none, no interval
# is shown in the report (no "ci" cell) or drawn in a chart (no band), while
# indicators.csv keeps it; the interval there is Wilson's for 40 of 100
# women, computed here by awk from the formula (METHODS 5.1), z = 1.96.
# With random the report's notes say in plain words what an interval on
# register counts means, and name the indicators that have one; with none
# they do not.
set -u
. "$(dirname "$0")/lib.sh"

printf 'region,sex,year,value\n01,K,2019,40\n01,M,2019,60\n01,K,2020,45\n01,M,2020,55\n' > "$TMP/u.csv"
printf '[analysis]\ntitle = t\nformats = svg\n[data pop]\nfile = %s\n[indicator sw]\nkind = share\npart = sex:K\nby = region, year\n[chart c]\nkind = lines\nindicator = sw\nwhere = region:01\n' \
    "$TMP/u.csv" > "$TMP/u.ini"
wilson_low=$(awk 'BEGIN { z = 1.959963984540054; n = 100; p = 0.4
    printf "%.6f", 100 * ((2 * n * p + z * z) - z * sqrt(z * z + 4 * n * p * (1 - p))) / (2 * (n + z * z)) }')

for mode in random none; do
    if "$JS" run "$TMP/u.ini" -o "$TMP/$mode" --set "analysis.uncertainty=$mode" 2> "$TMP/$mode.err"; then ok
    else bad "$mode: $(cat "$TMP/$mode.err")"; fi
    check "$mode: indicators.csv keeps the interval (Wilson, 40 of 100)" \
        "$(awk -F, '$1 == "sw" && $3 == 2019 { printf "%.6f", $5 }' "$TMP/$mode/indicators.csv")" "$wilson_low"
done
check "random: the report shows intervals" "$(grep -o 'class="ci"' "$TMP/random/report.html" | wc -l | tr -d ' ')" 2
check "random: the chart draws the band" "$(grep -c 'data using .* with filledcurves' "$TMP/random/charts/c.gp")" 1
check "random: the band has a legend entry" "$(grep -c "keyentry with filledcurves .* title '95 % konfidensintervall'" "$TMP/random/charts/c.gp")" 1
# the report says what its intervals mean, and for which indicators
check "random: the report explains its intervals" \
    "$(grep -c '<h3 id="intervall">Vad intervallen betyder</h3>' "$TMP/random/report.html")" 1
grep -q 'Intervall visas för: <a href="#def-1">sw</a>.</p>' "$TMP/random/report.html" && ok ||
    bad "random: the explanation does not name sw: $(grep -o 'Intervall visas för[^<]*<a[^>]*>[^<]*' "$TMP/random/report.html")"
grep -q 'inte ett urvalsfel' "$TMP/random/report.html" && ok || bad "random: no word of sampling error"
check "none: no explanation of intervals" "$(grep -c 'id="intervall"' "$TMP/none/report.html")" 0
check "none: the report shows no interval" "$(grep -o 'class="ci"' "$TMP/none/report.html" | wc -l | tr -d ' ')" 0
check "none: the chart draws no band" "$(grep -c filledcurves "$TMP/none/charts/c.gp")" 0
check "none: the chart's data hold no interval" \
    "$(awk -F'\t' '!/^#/ { print $8 "," $9 }' "$TMP/none/charts/c.dat" | sort -u)" "..,.."
"$JS" check "$TMP/u.ini" --set analysis.uncertainty=maybe > /dev/null 2> "$TMP/bad.err"
check "uncertainty = maybe: exit" "$?" 64
if grep -q 'uncertainty must be random or none, found "maybe"' "$TMP/bad.err"; then ok
else bad "uncertainty = maybe: $(cat "$TMP/bad.err")"; fi
finish uncertainty
