#!/bin/sh
# The value axis's ends (issue #15, "What must work" 4): y_min, y_max and
# y_zero = yes.  Invented counts 100 to 105 over six years; the ranges
# expected are the nice ends around what is asked (by hand).
# Closes with "axis: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
printf 'year,persons\n2010,100\n2011,101\n2012,102\n2013,103\n2014,104\n2015,105\n' > "$TMP/d.csv"
run_with() { # $1 name, then chart lines; prints the lines chart's yrange
    name=$1; shift
    printf '[analysis]\ntitle = t\n[data d]\nfile = d.csv\n[indicator n]\nkind = count\nby = year\n[chart c]\nkind = lines\nindicator = n\n' > "$TMP/$name.ini"
    for l in "$@"; do printf '%s\n' "$l" >> "$TMP/$name.ini"; done
    "$JS" run "$TMP/$name.ini" -o "$TMP/o_$name" 2> "$TMP/err_$name" &&
        sed -n 's/^set yrange \[\([^]]*\)\].*/\1/p' "$TMP/o_$name/charts/c.gp"
}
plain=$(run_with plain)
case $plain in 0:*) bad "without y_zero the axis should not start at 0 (got $plain)" ;; *) ok ;; esac
check "y_zero = yes: from 0" "$(run_with zero 'y_zero = yes' | cut -d: -f1)" 0
check "y_min = 0, y_max = 200 (nice ends as asked)" "$(run_with ends 'y_min = 0' 'y_max = 200')" "0:200"
r=$(run_with wide 'y_min = 50' 'y_max = 150')
if awk -v r="$r" 'BEGIN { split(r, e, ":"); exit !(e[1] <= 50 && e[1] > 0 && e[2] >= 150 && e[2] < 200) }'; then ok; else bad "y_min = 50, y_max = 150: rounded outwards by at most a step, got $r"; fi
"$JS" check "$TMP/ends.ini" > /dev/null 2>&1
check "check accepts them" "$?" 0
printf 'y_min = 9\ny_max = 3\n' > "$TMP/bad.txt"
run_with bad 'y_min = 9' 'y_max = 3' > /dev/null
grep -q 'y_max: expected a number above y_min (9), found 3' "$TMP/err_bad" && ok || bad "y_max below y_min: message"
run_with bad2 'y_zero = maybe' > /dev/null
grep -q 'y_zero: expected yes or no, found "maybe"' "$TMP/err_bad2" && ok || bad "y_zero = maybe: message"
finish axis
