#!/bin/sh
# [data] measure_type: only counts are persons, get Wilson intervals and
# small-number flags.  The same invented table (tests/mistakes/pop.csv)
# read as counts and as amounts (kronor): the values must be the same,
# the unit and the intervals must not.
# Closes with "measure: N passed, N failed".
set -u
. "$(dirname "$0")/lib.sh"
cp tests/mistakes/pop.csv "$TMP/pop.csv"
for m in count amount; do
    cat > "$TMP/$m.ini" <<INI
[analysis]
title = t
language = en
[data pop]
file = pop.csv
measure_type = $m
unit = SEK
[indicator total]
kind = count
by = year
[indicator share]
kind = share
part = sex:women
by = year
INI
    "$JS" run "$TMP/$m.ini" -o "$TMP/$m" 2> /dev/null
    check "$m: exit" "$?" 0
done
C="$TMP/count/indicators.csv" A="$TMP/amount/indicators.csv"
col() { awk -F, -v ind="$2" -v c="$3" 'NR == 1 { for (i = 1; i <= NF; i++) k[$i] = i; next }
        $1 == ind && $(k["year"]) == 2020 { print $(k[c]) }' "$1"; }
# 2020: 12+30+9+13+31+7 = 102, women 51 (hand)
check "count of counts" "$(col "$C" total value)" 102
check "count of amounts" "$(col "$A" total value)" 102
check "unit of counts" "$(col "$C" total unit)" persons
check "unit of amounts: the data's" "$(col "$A" total unit)" SEK
check "share of counts" "$(col "$C" share value)" 50
check "share of amounts" "$(col "$A" share value)" 50
# Wilson 95 % for 51 of 102 (python oracle, the score interval of METHODS 5.1)
want=$(python3 -c 'from math import sqrt
x, n, z = 51, 102, 1.959963984540054
p = x / n; c = p + z * z / (2 * n); h = z * sqrt(p * (1 - p) / n + z * z / (4 * n * n)); d = 1 + z * z / n
print("%.6f" % (100 * (c - h) / d))')
check "counts have an interval" "$(printf '%.6f' "$(col "$C" share ci_low)")" "$want"
check "amounts have none" "$(col "$A" share ci_low)" ""
finish measure
