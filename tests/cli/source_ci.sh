#!/bin/sh
# A source's own intervals (issue #12): columns ci_low and ci_high of a tidy
# long CSV become the cells' intervals, and an indicator that takes a cell
# unchanged (kind = count by every dimension) shows them; a sum of several
# cells has none; a cell without them (empty) has none; non-count data get
# no invented interval; the same from a JSON-stat file's extension.ci_low
# and extension.ci_high (dense or sparse); a lower end above the upper is
# an error in both. Expected values are the file's own numbers (invented here).
set -u
. "$(dirname "$0")/lib.sh"

printf 'region,sex,year,value,ci_low,ci_high\n01,K,2019,40.5,38.1,42.9\n01,M,2019,60.25,,\n03,K,2019,..,1,2\n03,M,2019,12,11,13.5\n' > "$TMP/ci.csv"
ini() { # $1: file, $2: by
    printf '[analysis]\ntitle = t\noutputs = indicators\n[data s]\nfile = %s\nmeasure_type = share\n[indicator n]\nkind = count\nby = %s\n' \
        "$1" "$2" > "$TMP/ci.ini"
}
row() { awk -F, -v r="$1" -v s="$2" '$1 == "n" && $2 == r && $3 == s { print $5 "," $6 "," $7 }' "$TMP/out/indicators.csv"; }

ini "$TMP/ci.csv" "region, sex, year"
if "$JS" run "$TMP/ci.ini" -o "$TMP/out" 2> "$TMP/err"; then ok; else bad "run: $(cat "$TMP/err")"; fi
check "the measure is value, not the last column" "$(row 01 K)" "40.5,38.1,42.9"
check "an empty interval: none" "$(row 01 M)" "60.25,,"
check "a missing value: no interval either" "$(row 03 K)" ",,"
check "another cell" "$(row 03 M)" "12,11,13.5"

ini "$TMP/ci.csv" "region, year"
"$JS" run "$TMP/ci.ini" -o "$TMP/out" 2> "$TMP/err"
check "a sum of several cells has no interval" \
    "$(awk -F, '$1 == "n" && $2 == "01" { print $4 "," $5 "," $6 }' "$TMP/out/indicators.csv")" "100.75,,"

# streamed by year: the second year's cells are placed directly, with theirs
printf 'region,sex,year,value,ci_low,ci_high\n01,K,2019,40.5,38.1,42.9\n01,M,2019,60.25,,\n01,K,2020,41,39,43\n01,M,2020,61,60,62\n' > "$TMP/p.csv"
ini "$TMP/p.csv" "region, sex, year"
awk '/^\[indicator n\]/ { print "partition = year" } { print }' "$TMP/ci.ini" > "$TMP/p.ini"
"$JS" run "$TMP/p.ini" -o "$TMP/out" 2> "$TMP/err" || bad "partition: $(cat "$TMP/err")"
check "partition = year: 2020, men" \
    "$(awk -F, '$1 == "n" && $3 == "M" && $4 == 2020 { print $5 "," $6 "," $7 }' "$TMP/out/indicators.csv")" "61,60,62"
check "partition = year: 2019, women" \
    "$(awk -F, '$1 == "n" && $3 == "K" && $4 == 2019 { print $5 "," $6 "," $7 }' "$TMP/out/indicators.csv")" "40.5,38.1,42.9"

# non-count data without the source's interval: none is invented
printf 'region,sex,year,value\n01,K,2019,40\n01,M,2019,60\n' > "$TMP/rate.csv"
ini "$TMP/rate.csv" "region, sex, year"
"$JS" run "$TMP/ci.ini" -o "$TMP/out" 2> "$TMP/err"
check "a share without its interval: none invented" "$(row 01 K)" "40,,"

# ci_low without ci_high
printf 'region,sex,year,value,ci_low\n01,K,2019,40,38\n' > "$TMP/half.csv"
ini "$TMP/half.csv" "region, sex, year"
"$JS" check "$TMP/ci.ini" > /dev/null 2> "$TMP/err"
check "ci_low alone: exit" "$?" 65
if grep -q 'half.csv:1: error: expected columns ci_low and ci_high together (the source'"'"'s interval), found only ci_low' "$TMP/err"; then ok
else bad "ci_low alone: $(cat "$TMP/err")"; fi
# a bad number in ci_high
printf 'region,sex,year,value,ci_low,ci_high\n01,K,2019,40,38,abc\n' > "$TMP/bad.csv"
ini "$TMP/bad.csv" "region, sex, year"
"$JS" check "$TMP/ci.ini" > /dev/null 2> "$TMP/err"
check "ci_high not a number: exit" "$?" 65
if grep -q 'bad.csv:2:.*expected a number or nothing in column ci_high, found "abc"' "$TMP/err"; then ok
else bad "ci_high abc: $(cat "$TMP/err")"; fi
# ci_low above ci_high
printf 'region,sex,year,value,ci_low,ci_high\n01,K,2019,40,41,39\n' > "$TMP/rev.csv"
ini "$TMP/rev.csv" "region, sex, year"
"$JS" check "$TMP/ci.ini" > /dev/null 2> "$TMP/err"
check "ci_low above ci_high: exit" "$?" 65
if grep -q 'rev.csv:2:[0-9]*: error: expected ci_low at most ci_high, found 41 above 39' "$TMP/err"; then ok
else bad "ci_low above ci_high: $(cat "$TMP/err")"; fi

# JSON-stat: extension.ci_low / ci_high, dense or sparse as "value" is
# (jamstat's convention); cell order sex x year: K 2019, K 2020, M 2019, M 2020
jst() { # $1: file, $2: the extension's members
    printf '{"version":"2.0","class":"dataset","id":["region","sex","year"],"size":[1,2,2],
 "dimension":{"region":{"category":{"index":["01"]}},"sex":{"category":{"index":["K","M"]}},
              "year":{"category":{"index":["2019","2020"]}}},
 "value":[40.5,41,null,61],"status":{"2":".."},"extension":{%s}}\n' "$2" > "$1"
}
jst "$TMP/d.json" '"ci_low":[38.1,39,null,60],"ci_high":[42.9,43,1,62]'
ini "$TMP/d.json" "region, sex, year"
if "$JS" run "$TMP/ci.ini" -o "$TMP/out" 2> "$TMP/err"; then ok; else bad "json dense: $(cat "$TMP/err")"; fi
check "JSON-stat dense: women 2019" \
    "$(awk -F, '$1 == "n" && $3 == "K" && $4 == 2019 { print $5 "," $6 "," $7 }' "$TMP/out/indicators.csv")" "40.5,38.1,42.9"
check "JSON-stat dense: men 2020" \
    "$(awk -F, '$1 == "n" && $3 == "M" && $4 == 2020 { print $5 "," $6 "," $7 }' "$TMP/out/indicators.csv")" "61,60,62"
check "JSON-stat: a missing value keeps no interval" \
    "$(awk -F, '$1 == "n" && $3 == "M" && $4 == 2019 { print $5 "," $6 "," $7 }' "$TMP/out/indicators.csv")" ",,"
jst "$TMP/s.json" '"ci_low":{"1":39},"ci_high":{"1":43}'
ini "$TMP/s.json" "region, sex, year"
"$JS" run "$TMP/ci.ini" -o "$TMP/out" 2> "$TMP/err" || bad "json sparse: $(cat "$TMP/err")"
check "JSON-stat sparse: women 2020" \
    "$(awk -F, '$1 == "n" && $3 == "K" && $4 == 2020 { print $5 "," $6 "," $7 }' "$TMP/out/indicators.csv")" "41,39,43"
check "JSON-stat sparse: a cell left out has none" \
    "$(awk -F, '$1 == "n" && $3 == "K" && $4 == 2019 { print $5 "," $6 "," $7 }' "$TMP/out/indicators.csv")" "40.5,,"
# its mistakes
for case in 'half|"ci_low":[1,2,3,4]|found only ci_low' 'short|"ci_low":[1],"ci_high":[2]|expected an array of 4 numbers (one per cell), found 1' \
            'rev|"ci_low":[43,1,1,1],"ci_high":[42.9,2,2,2]|cell 0: the interval.s lower end 43 is above its upper end 42.9' \
            'text|"ci_low":["a",1,1,1],"ci_high":[2,2,2,2]|extension.ci_low of cell 0: expected a number or null'; do
    name=${case%%|*} rest=${case#*|} members=${rest%|*} want=${rest##*|}
    jst "$TMP/$name.json" "$members"
    ini "$TMP/$name.json" "region, sex, year"
    "$JS" check "$TMP/ci.ini" > /dev/null 2> "$TMP/err"
    check "JSON-stat $name: exit" "$?" 65
    if grep -q "$name.json: error: JSON-stat: .*$want" "$TMP/err"; then ok; else bad "JSON-stat $name: $(cat "$TMP/err")"; fi
done
finish source_ci
