#!/bin/sh
# The home region against the country (issue #15, "What must work" 1): in
# any selection, "total" names a dimension's total category, or the sum of
# all its categories where the data has none; a lines chart draws a line
# per region with series = region (the focus solid, the others dashed), and
# label = CODE=Label renames categories.  On SCB's county population
# (shared datasets; skipped when absent), which has no national row: every
# expected value is a sum over the file by awk.
# Closes with "region_lines: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
POP=$SHARED/scb-county-population-1968-2015.csv
if [ ! -f "$POP" ]; then
    skip "$POP absent: region against country not checked"
    finish region_lines
fi
cat > "$TMP/a.ini" <<INI
[analysis]
title = t
focus = 23
[data pop]
file = $POP
source = SCB
[indicator n]
kind = count
by = region, year, sex
where = region:23,total year:2014-
[indicator s65]
kind = share
part = age:65-
by = region, year, sex
where = region:23,total,22
[chart l1]
kind = lines
indicator = s65
series = region
label = total=Riket
[chart l2]
kind = lines
data = pop
series = region
where = region:total,23 sex:women
label = total=Riket, 23=Jämtlands län
[chart p1]
kind = pyramid
data = pop
where = region:23 year:2015
compare = region:total
percent = yes
label = "total=Riket"
INI
"$JS" run "$TMP/a.ini" -o "$TMP/out" 2> "$TMP/err"
check "run exits 0" "$?" 0
I=$TMP/out/indicators.csv
# the counties summed by awk, per year and sex
sum() { awk -F, -v y="$1" -v s="$2" 'NR > 1 && $1 == y && $4 == s { t += $6 } END { printf "%d", t }' "$POP"; }
check "total = the counties summed (2015, women)" "$(value "$I" n region=total year=2015 sex=women)" "$(sum 2015 women)"
check "total = the counties summed (2014, men)" "$(value "$I" n region=total year=2014 sex=men)" "$(sum 2014 men)"
check "and Jämtland beside it" "$(value "$I" n region=23 year=2015 sex=women)" \
    "$(awk -F, 'NR > 1 && $1 == 2015 && $2 == "23" && $4 == "women" { t += $6 } END { print t }' "$POP")"
want=$(awk -F, 'NR > 1 && $1 == 2015 && $4 == "men" { a += $6; if ($5 + 0 >= 65) o += $6 } END { printf "%.9f", 100 * o / a }' "$POP")
close "share 65+ of the country's men, 2015" "$(value "$I" s65 region=total year=2015 sex=men)" "$want"
C=$TMP/out/charts
# (the value columns; each line's interval limits follow them)
check "l1.csv: a line per region and sex, the home region first, then the country" \
    "$(head -1 "$C/l1.csv" | sed 's/,"Jämtland, kvinnor, nedre gräns".*//')" \
    'kategori,"Jämtland, kvinnor","Jämtland, män","Riket, kvinnor","Riket, män","Västernorrland, kvinnor","Västernorrland, män"'
check "l2.csv: label renames the regions" "$(head -1 "$C/l2.csv")" 'kategori,"Jämtlands län, kvinnor","Riket, kvinnor"'
check "l2.csv: the country's women in 1968" "$(awk -F, '$1 == 1968 { print $3 }' "$C/l2.csv")" "$(sum 1968 women)"
if grep -q "with linespoints ls 1 lw 3.5 .*title 'Jämtland, kvinnor'" "$C/l1.gp" &&
   grep -q "with lines ls 1 lw 1.5 dt 2 title 'Riket, kvinnor'" "$C/l1.gp" &&
   grep -q "with lines ls 2 lw 1.5 dt 3 title 'Västernorrland, män'" "$C/l1.gp"; then ok
else bad "l1.gp: the home region solid with points and thicker, the others thinner and dashed in turn"; fi
# the pyramid's comparison: the country's women 0-4 in percent of everyone
want=$(awk -F, 'NR > 1 && $1 == 2015 { a += $6; if ($4 == "women" && $5 + 0 < 5) w += $6 } END { printf "%.9f", 100 * w / a }' "$POP")
check "pyramid: the comparison named by label" "$(head -1 "$C/p1.csv")" "kategori,Kvinnor,Män,Riket,Riket"
close "pyramid compare = region:total, women 0-4 in %" "$(awk -F, '$1 == "0–4" { print $4 }' "$C/p1.csv")" "$want"
# mistakes: a result's values are not summed; total beside other
# categories of a summed-over dimension would count them twice
sed 's/^where = region:23,total,22$/where = region:23,22/' "$TMP/a.ini" |
    sed 's/^label = total=Riket$/where = region:23,total/' > "$TMP/b.ini"
"$JS" run "$TMP/b.ini" -o "$TMP/out2" 2> "$TMP/err2"
check "total of a result without one: exit 64" "$?" 64
grep -q "\[chart l1\]: where: the indicator has no total in dimension \"region\", and its values cannot be summed" "$TMP/err2" &&
    ok || bad "total of a result: message, got $(head -2 "$TMP/err2")"
# the same for a reference indicator under the chart's where (it used to
# add up the counties' shares into one line)
printf '[analysis]\ntitle = t\n[data pop]\nfile = %s\n[indicator sh]\nkind = share\npart = age:65-\nby = region, year\n[chart r]\nkind = bars\ndata = pop\ncategories = sex\nwhere = region:total year:2015\nreference = sh\n' "$POP" > "$TMP/r.ini"
"$JS" run "$TMP/r.ini" -o "$TMP/out5" 2> "$TMP/err5"
check "reference of a result without a total: exit 64" "$?" 64
grep -q "\[chart r\]: where: the indicator has no total in dimension \"region\"" "$TMP/err5" &&
    ok || bad "reference of a result without a total: message, got $(head -2 "$TMP/err5")"
printf '[analysis]\ntitle = t\n[data pop]\nfile = %s\n[indicator n]\nkind = count\nby = year\nwhere = region:23,total\n' "$POP" > "$TMP/c.ini"
"$JS" run "$TMP/c.ini" -o "$TMP/out3" 2> "$TMP/err3"
check "total with others, summed over: exit 64" "$?" 64
grep -q 'dimension "region" is summed over, and "total" with other categories would count them twice' "$TMP/err3" &&
    ok || bad "total with others: message, got $(head -2 "$TMP/err3")"
printf '[analysis]\ntitle = t\n[data pop]\nfile = %s\n[chart l]\nkind = lines\ndata = pop\nlabel = Riket\n' "$POP" > "$TMP/d.ini"
"$JS" check "$TMP/d.ini" 2> "$TMP/err4"
check "label without =: exit 64" "$?" 64
grep -q 'label: expected CODE=Label items' "$TMP/err4" && ok || bad "label without =: message"
finish region_lines
