#!/bin/sh
# Deaths and population as a pyramid pair (issue 11, charts): [chart]
# kind = pyramid, data = population, pair = deaths draws the two pyramids
# side by side, each on its own scale, under the same where.  Jämtland (23)
# in 2015 from SCB's county files; the expected counts per band and sex
# are summed from the files with awk.  Also: the CSV names the four series
# by the sections' titles, the source line both sections' sources, the
# alt text describes both pyramids, a title is escaped for LaTeX, and pair
# naming no data section, or with compare, or on an indicator, is an
# error at its line.  Skips where ../shared/datasets is absent.
set -u
. "$(dirname "$0")/lib.sh"
P=$SHARED/scb-county-population-1968-2015.csv D=$SHARED/scb-county-deaths-1968-2015.csv
if [ ! -f "$P" ] || [ ! -f "$D" ]; then
    skip "SCB county population or deaths absent in $SHARED"
    finish pyramid_pair
fi
cat > "$TMP/a.ini" <<EOF
[analysis]
title = t
[data population]
file = $P
title = Folkmängd
source = SCB BE0101A
[data deaths]
file = $D
title = Döda
source = SCB BE0101D
[indicator n]
kind = count
data = population
by = region, sex, age
where = year:2015
[chart pp]
kind = pyramid
data = population
pair = deaths
where = region:23 year:2015
EOF
"$JS" run "$TMP/a.ini" -o "$TMP/out" 2> "$TMP/err"
check "run exits 0" "$?" 0
DAT=$TMP/out/charts/pp.dat GP=$TMP/out/charts/pp.gp

# the oracle: per sex and five-year band (90+ open), population and deaths
for f in "$P" "$D"; do
    awk -F, '$1 == 2015 && $2 == "23" { a = $5; sub(/\+$/, "", a); b = int(a / 5); if (b > 18) b = 18
                                         n[$4, b] += $6 }
             END { for (b = 0; b <= 18; b++) printf "%d %d %d\n", b, n["women", b], n["men", b] }' "$f"
done > "$TMP/oracle"
# the .dat: per band the values of series 0-3 in columns 6, 10, 14, 18
awk -F'\t' '$1 ~ /^[0-9]+$/ { printf "%d %d %d\n", $1, $6, $10 }' "$DAT" > "$TMP/got"
awk -F'\t' '$1 ~ /^[0-9]+$/ { printf "%d %d %d\n", $1, $14, $18 }' "$DAT" >> "$TMP/got"
check "the two pyramids' counts equal the files' (19 bands x 2 x 2)" "$(cmp "$TMP/oracle" "$TMP/got" && echo same)" same
check "the oracle has deaths in it" "$(awk 'NR > 19 { s += $2 + $3 } END { print (s > 1000) }' "$TMP/oracle")" 1

grep -q '^set multiplot' "$GP" && grep -q '^unset multiplot' "$GP" && ok || bad "not one multiplot"
check "two headings, the sections' titles" "$(grep -o "^set label 4 '[^']*'" "$GP" | tr '\n' ';')" \
    "set label 4 'Folkmängd';set label 4 'Döda';"
grep -q "^set label 1 'Källa: SCB BE0101A; SCB BE0101D. Bearbetning" "$GP" && ok || bad "source: $(grep 'label 1 ' "$GP")"
check "two plots" "$(grep -c '^plot ' "$GP")" 2
check "the CSV names the series" "$(head -1 "$TMP/out/charts/pp.csv")" \
    'kategori,"Folkmängd, kvinnor","Folkmängd, män","Döda, kvinnor","Döda, män"'
grep -q 'alt="Två pyramider sida vid sida. Folkmängd: flest kvinnor i åldern .*Döda: flest kvinnor i åldern 90+' \
    "$TMP/out/report.html" && ok || bad "alt text: $(grep -o 'alt="Två[^"]*"' "$TMP/out/report.html")"
if command -v gnuplot > /dev/null 2>&1; then
    [ -s "$TMP/out/charts/pp.png" ] && ok || bad "the pair was not rendered"
else
    skip "gnuplot absent: not rendered"
fi

# a section's title is text, never LaTeX code, in the cairolatex variant
sed 's/^title = Döda$/title = Döda \\input{x} 100% $y$/' "$TMP/a.ini" > "$TMP/t.ini"
"$JS" run "$TMP/t.ini" -o "$TMP/tex" --format tex 2> "$TMP/tex.err"
check "LaTeX variant: exit" "$?" 0
want='set label 4 '"'"'Döda \textbackslash{}input\{x\} 100\% \$y\$'"'"
grep -Fq "$want" "$TMP/tex/charts/pp-tex.gp" && ok ||
    bad "the pair's heading is not escaped for LaTeX: $(grep 'label 4' "$TMP/tex/charts/pp-tex.gp")"

# mistakes: each an error at the chart's pair line, exit 64
sed 's/^pair = deaths$/pair = nosuch/' "$TMP/a.ini" > "$TMP/b.ini"
"$JS" check "$TMP/b.ini" > /dev/null 2> "$TMP/e1"
check "pair = nosuch: exit" "$?" 64
grep -q 'b.ini:[0-9]*:[0-9]*: error: \[chart pp\]: pair: expected the name of a \[data\] section.*found "nosuch"' "$TMP/e1" && ok ||
    bad "pair = nosuch: $(cat "$TMP/e1")"
"$JS" check "$TMP/a.ini" --set chart.pp.compare=year:2010 > /dev/null 2> "$TMP/e2"
check "pair with compare: exit" "$?" 64
grep -q 'and no compare' "$TMP/e2" && ok || bad "pair with compare: $(cat "$TMP/e2")"
printf '[chart pi]\nkind = pyramid\nindicator = n\nwhere = region:23\npair = deaths\n' >> "$TMP/a.ini"
"$JS" check "$TMP/a.ini" > /dev/null 2> "$TMP/e3"
check "pair on an indicator: exit" "$?" 64
grep -q '\[chart pi\]: pair: expected' "$TMP/e3" && ok || bad "pair on an indicator: $(cat "$TMP/e3")"
finish pyramid_pair
