#!/bin/sh
# The target chart (issue 13: "a chart shows the achieved path, the trend,
# the target and the required path to it"), on Region Dalarna's follow-up
# of the employment rate 20-64 by sex (rus-followup/sysselsatt.csv):
#   - a lines chart with target = the name of a [indicator] of kind target
#     (80 % by 2030) draws, from each sex's last value, a dotted line to 80
#     in 2030, in the sex's colour, with one legend entry, and runs its
#     axis on to 2030; the line starts at the file's own last value (awk);
#   - a series that has reached the target gets none (the men, above 80 in
#     the last year: awk says which); with direction = down and a target
#     of 85 both have reached it, so there is no path and no entry;
#   - target = 80 with target_year = 2030 gives the same paths;
#   - target_year without a target, on a bars chart, or a target indicator
#     of parity are errors at the chart's line; gnuplot renders the chart.
# Skips where ../shared/datasets is absent.
set -u
. "$(dirname "$0")/lib.sh"

E=$SHARED/rus-followup/sysselsatt.csv
if [ ! -f "$E" ]; then
    skip "$E absent"
    finish target_chart
fi
cat > "$TMP/a.ini" <<EOF
[analysis]
title = t
[data emp]
file = $E
[indicator employment]
kind = count
data = emp
unit = %
where = gender:K,M
by = region, year, sex
[indicator goal]
kind = target
of = employment
target = 80
target_year = 2030
[indicator goal_down]
kind = target
of = employment
target = 85
target_year = 2030
direction = down
[indicator parity]
kind = target
of = employment
target = parity
target_year = 2030
[chart by_name]
kind = lines
indicator = employment
where = region:"Region Dalarna"
target = goal
[chart by_number]
kind = lines
indicator = employment
where = region:"Region Dalarna"
target = 80
target_year = 2030
[chart reached]
kind = lines
indicator = employment
where = region:"Region Dalarna"
target = goal_down
EOF
if ! "$JS" run "$TMP/a.ini" -o "$TMP/o" 2> "$TMP/err"; then
    bad "run failed: $(cat "$TMP/err")"
    finish target_chart
fi
ok
# the report's table of the target names its statistics and prints years
# and the status whole: "Målår 2030", the year reached as the whole year
# at or after indicators.csv's (awk), not "2 030,00"
row() { # LABEL: the women's cell of the goal table's row LABEL in report.html
    awk -v want="$1" '/<h3[^>]*>.*Tabell [0-9]*\..*goal/ { on = 1 } on && /<\/table>/ { exit }
        on && index($0, ">" want "<") { n = split($0, c, "<td class=\"num[^\"]*\">"); split(c[2], v, "<"); print v[1]; exit }' \
        "$TMP/o/report.html"
}
reached=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) k[$i] = i; next }
    $1 == "goal" && $(k["statistic"]) == "year_reached" && $(k["gender"]) == "K" {
        v = $(k["value"]); printf "%d", (v == int(v)) ? v : int(v) + 1 }' "$TMP/o/indicators.csv")
check "the target table: Målår whole" "$(row Målår)" "2030"
check "the target table: the year reached, rounded up" "$(row 'År då målet nås')" "$reached"
case $(row 'Status (1 nått; 2 i takt; 3 ur takt)') in [123]) ok ;; *) bad "the status is not whole: $(row 'Status (1 nått; 2 i takt; 3 ur takt)')" ;; esac
# the last year and its values from the file: year, women, men
last=$(awk -F, 'NR > 1 && $3 == "\"Region Dalarna\"" { g = $2; gsub(/"/, "", g); if ($1 >= y) { y = $1; v[y, g] = $4 } }
                END { printf "%s %.17g %.17g", y, v[y, "K"], v[y, "M"] }' "$E")
set -- $last
year=$1 women=$2 men=$3
GP=$TMP/o/charts/by_name.gp
got=$(sed -n 's/^set arrow 6[0-9] from \([0-9]*\), \([0-9.]*\) to 2030, 80 nohead front lw 1.5 dt 3 lc rgb \(c_[a-z]*\)$/\1 \2 \3/p' "$GP")
# each sex draws a path unless it is at or above 80 in the last year
want=$(awk -v y="$year" -v w="$women" -v m="$men" 'BEGIN {
    if (w < 80) printf "%s %s c_women;", y, w; if (m < 80) printf "%s %s c_men;", y, m }')
check "paths from the file's last values to 80 in 2030 (awk)" \
    "$(echo "$got" | awk '{ printf "%s %.17g %s;", $1, $2, $3 }')" \
    "$(echo "$want" | tr ';' '\n' | awk 'NF { printf "%s %.17g %s;", $1, $2, $3 }')"
check "at least one sex has a path and one has reached 80 (the data)" \
    "$(awk -v w="$women" -v m="$men" 'BEGIN { print ((w < 80) != (m < 80)) }')" 1
check "one legend entry" "$(grep -c "keyentry with lines lw 1.5 dt 3 lc rgb c_grey title 'Nödvändig takt till målet 2030'" "$GP")" 1
grep -q '^set xrange \[[0-9]*:2030\]' "$GP" && ok || bad "the axis does not reach 2030: $(grep xrange "$GP")"
check "target = 80, target_year = 2030: the same paths" \
    "$(grep '^set arrow 6' "$TMP/o/charts/by_number.gp")" "$(grep '^set arrow 6' "$GP")"
check "direction = down, 85: reached, no path" "$(grep -c '^set arrow 6' "$TMP/o/charts/reached.gp")" 0
check "direction = down, 85: no legend entry" "$(grep -c 'Nödvändig takt' "$TMP/o/charts/reached.gp")" 0
if command -v gnuplot > /dev/null 2>&1; then
    [ -s "$TMP/o/charts/by_name.png" ] && ok || bad "the chart was not rendered"
else
    skip "gnuplot absent: not rendered"
fi

# mistakes, each at its line, exit 64
mistake() { # NAME SED-SCRIPT WANT
    sed "$2" "$TMP/a.ini" > "$TMP/m.ini"
    "$JS" check "$TMP/m.ini" > /dev/null 2> "$TMP/m.err"
    check "$1: exit" "$?" 64
    if grep -q "m.ini:[0-9]*:[0-9]*: error: .*$3" "$TMP/m.err"; then ok; else bad "$1: $(cat "$TMP/m.err")"; fi
}
mistake "target_year without a target" '/^\[chart by_number\]/,$ { /^target = 80$/d; }' 'target_year: expected a year for the target of a lines chart, found "2030" without a target'
mistake "target = parity" 's/^target = goal$/target = parity/' 'parity is a gap.s 0'
mistake "target_year on bars" '/^\[chart by_number\]/,/^target_year/ { s/^kind = lines$/kind = bars/; s/^where = .*/& year:2021/; }' 'target_year: expected a year for the target of a lines chart'
finish target_chart
