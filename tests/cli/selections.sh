#!/bin/sh
# Selections are parsed once, when the analysis file is read, into terms
# and values (src/indic/select.c), and every part of a run uses that parsed
# value.  Three places used to cut the text again themselves, and broke on
# names with spaces: a chart's reference indicator under a quoted where,
# a quoted by or categories (issue #15),
# share100 of a share whose part is quoted, and an age distribution over
# age classes whose codes hold a space ("65+ år").  The table
# tests/data/selections-edu.csv is invented (it says so in its name here);
# the expected values are sums of its rows by hand.
# Closes with "selections: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
cp tests/data/selections-edu.csv "$TMP/edu.csv"
cat > "$TMP/a.ini" <<'INI'
[analysis]
title = t
language = en
[data edu]
file = edu.csv
[indicator x]
kind = count
by = region, level of education
[indicator all]
kind = count
by = level of education
[indicator w]
kind = share
part = "sex":"women"
by = region
where = "level of education":"post-graduate"
[indicator dist]
kind = age_distribution
by = region
[chart c]
kind = bars
indicator = x
where = "level of education":"post-graduate"
reference = all
[chart s]
kind = share100
indicator = w
[indicator xq]
kind = count
by = "region", "level of education"
[chart q]
kind = bars
indicator = all
categories = "level of education"
INI
"$JS" run "$TMP/a.ini" -o "$TMP/out" 2> "$TMP/err"
check "run exits 0" "$?" 0
check "and says nothing" "$(cat "$TMP/err")" ""
I="$TMP/out/indicators.csv"
# the value of indicator $1 in the row whose column $2 is $3 and region $4
# (value splits its keys at blanks, and these names hold blanks)
at() { awk -F, -v ind="$1" -v c="$2" -v want="$3" -v reg="$4" 'NR == 1 { for (i = 1; i <= NF; i++) k[$i] = i; next }
       $1 == ind && $(k[c]) == want && $(k["region"]) == reg { print $(k["value"]) }' "$I"; }
# post-graduates in 01: 1+20+5 women, 2+15+4 men = 47, of whom 26 women
check "count under a quoted by name" "$(at x 'level of education' post-graduate 01)" 47
close "share with a quoted part" "$(value "$I" w region=01)" "$(awk 'BEGIN { printf "%.12f", 100 * 26 / 47 }')"
# 0-19 år in 01: 1+2+30+33 = 66; 65+ år in 03: 7+6+12+10 = 35
check "age class with a space (0-19 år)" "$(at dist age '0-19 år' 01)" 66
check "age class with a space (65+ år)" "$(at dist age '65+ år' 03)" 35
# the reference under the quoted where: post-graduates everywhere, 47 + 92
if grep -q "'National 139'" "$TMP/out/charts/c.gp"; then ok; else bad "reference of indicator all under a quoted where: no 'National 139' in c.gp"; fi
# by and categories take quoted names too (issue #15, defect 5)
check "count under a quoted by list" "$(at xq 'level of education' post-graduate 01)" 47
check "chart along a quoted categories name: one row per level" \
    "$(awk -F, 'NR > 1' "$TMP/out/charts/q.csv" | cut -d, -f1 | sort | tr '\n' ' ')" "$(cut -d, -f4 tests/data/selections-edu.csv | sed 1d | sort -u | tr '\n' ' ')"
check "share100 of the quoted part is drawn" "$(test -s "$TMP/out/charts/s.dat" && echo yes)" yes
# spelled with or without quotes and blanks, a selection selects the same
sed 's/part = "sex":"women"/part =   sex:women  /' "$TMP/a.ini" > "$TMP/b.ini"
"$JS" run "$TMP/b.ini" -o "$TMP/out2" 2> /dev/null
check "the same share unquoted" "$(value "$TMP/out2/indicators.csv" w region=01)" "$(value "$I" w region=01)"
finish selections
