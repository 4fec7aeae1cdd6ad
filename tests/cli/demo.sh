#!/bin/sh
# The real-data demo (issue #15, "What must work" 7): datasets/scb/jamtland.ini
# on the SCB tables shipped in datasets/scb writes a report on Jämtland
# against the country.  The shipped population extract must still sum to
# SCB's published population of Sweden on 31 December 2015 (9,851,017);
# the old-age dependency ratios of Jämtland and of the country (the counties
# summed, region:total) come from tests/oracle/county_indicators.awk over
# the same file.  Needs nothing from ../shared.
# Closes with "demo: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
DIR=$ROOT/datasets/scb
POP=$DIR/population-2000-2015.csv
check "the extract: Sweden on 31 December 2015 (SCB)" \
    "$(awk -F, '$1 == 2015 { s += $6 } END { print s }' "$POP")" 9851017
cp -R "$DIR" "$TMP/scb"
chmod -R u+w "$TMP/scb"
( cd "$TMP/scb" && sha256sum ./* > "$TMP/before" )
"$JS" run "$TMP/scb/jamtland.ini" -o "$TMP/out" 2> "$TMP/err"
check "demo: run exits 0" "$?" 0
( cd "$TMP/scb" && sha256sum -c --quiet "$TMP/before" ) > /dev/null 2>&1 && ok || bad "demo: an input was changed"
R=$TMP/out/report.html
for y in 2015; do
    for reg in 23 ""; do
        want=$(awk -v Y=$y -v R="$reg" -f "$ROOT/tests/oracle/county_indicators.awk" "$POP" | cut -d' ' -f4)
        code=${reg:-total}
        close "old_age_dependency $code $y (awk oracle)" \
            "$(value "$TMP/out/indicators.csv" old_age_dependency region="$code" year=$y)" "$want"
    done
done
check "demo: the counties summed are Riket (lan.csv names code total)" \
    "$(awk -F, '$1 == "median_age" && $2 == "total" { print $3; exit }' "$TMP/out/indicators.csv")" "Riket"
grep -q 'Rapporten jämför kvinnor och män i <strong>Jämtlands län</strong>' "$R" && ok ||
    bad "demo: the introduction (Markdown) in the report"
grep -q '<th scope="row"[^>]*>Jämtlands län</th>' "$R" && ok || bad "demo: Jämtlands län in the report's tables"
check "demo: key figures first, then the three sections in the order written" \
    "$(grep -o '<h2 id="[a-z0-9-]*-h">[^<]*</h2>' "$R" | sed 's/<[^>]*>//g' | head -4 | tr '\n' '|')" \
    "Nyckeltal för Jämtlands län|Befolkningen|Utbildning|Yrken|"
n_charts=$(grep -c '^\[chart ' "$DIR/jamtland.ini")
check "demo: every chart of the analysis is in the report" \
    "$(grep -o '<img [^>]*src="charts/[^"]*\.\(svg\|png\)"' "$R" | sort -u | wc -l | tr -d ' ')" "$n_charts"
if command -v gnuplot > /dev/null 2>&1; then
    missing=0
    for c in $(sed -n 's/^\[chart \(.*\)\]$/\1/p' "$DIR/jamtland.ini"); do
        [ -s "$TMP/out/charts/$c.png" ] || missing=$((missing + 1))
    done
    check "demo: every chart rendered to PNG" "$missing" 0
else
    skip "gnuplot absent: the demo's images not checked"
fi
finish demo
