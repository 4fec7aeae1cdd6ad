#!/bin/sh
# The home region in every chart of categories, values on few observations
# hatched, and signed heat maps on a diverging scale (issue #15, "What must
# work" 2 and 4).  On SCB's county population 1968-2015 (shared datasets;
# skipped when absent) with focus = 23 (Jämtland) and small_n = 130000, so
# that the smaller counties' counts are flagged small_n.  Expected values
# are computed by awk over the CSV (sums per county, sex and year), the
# highlight tint by hand: 18 % of #009E73 over white is
# 255 - 0.18 * (255 - v) per channel = #D1EEE6.
# Closes with "focus_all: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
POP=$SHARED/scb-county-population-1968-2015.csv
if [ ! -f "$POP" ]; then
    skip "$POP absent: focus and small numbers in charts not checked"
    finish focus_all
fi
write_ini() { # FILE LANGUAGE
    cat > "$1" <<INI
[analysis]
title = t
focus = 23
language = $2
[data pop]
file = $POP
source = SCB
[indicator n]
kind = count
by = region, sex
where = year:2015
small_n = 130000
[indicator ny]
kind = count
by = region, year, sex
where = year:2006-2015
small_n = 130000
[indicator g]
kind = gap
of = ny
by = region, year
[indicator s65]
kind = share
part = age:65-
by = region, year, sex
where = region:23,total,22
[chart bars]
kind = bars
indicator = n
categories = region
[chart bars_v]
kind = bars
indicator = n
categories = region
where = region:20,21,22,23,24,25
[chart dumbbell]
kind = dumbbell
indicator = n
categories = region
[chart share]
kind = share100
indicator = n
categories = region
[chart heat_gap]
kind = heatmap
indicator = g
categories = year
[chart heat_women]
kind = heatmap
indicator = ny
categories = year
where = sex:women
[chart heat_ref]
kind = heatmap
indicator = ny
categories = year
where = sex:women
reference = 100000
[chart heat_col]
kind = heatmap
indicator = ny
categories = region
where = sex:women year:2011-2015
[chart lines]
kind = lines
indicator = s65
series = region
label = total=Riket
[chart ranked]
kind = ranked
indicator = n
where = sex:women
[chart scatter]
kind = scatter
indicator = n
INI
}
write_ini "$TMP/sv.ini" sv
write_ini "$TMP/en.ini" en
"$JS" run "$TMP/sv.ini" -o "$TMP/sv" --format svg 2> "$TMP/sv.err"
check "run exits 0" "$?" 0
C=$TMP/sv/charts

# ---- the focus: 1 in the focus column exactly on Jämtland's row ----
# (block 0 of the data file: i, x, label, focus, pos, ...)
focus_rows() { awk -F'\t' '/^$/ { exit } !/^#/ && $4 == 1 { print $3 }' "$1"; }
for k in bars bars_v dumbbell share ranked scatter; do
    check "$k.dat: the focus row is Jämtland's, and only it" "$(focus_rows "$C/$k.dat" | tr '\n' '|')" "Jämtland|"
done
for k in bars bars_v dumbbell share; do
    if grep -q "^set object 80 rect .* behind fillcolor rgb '#D1EEE6' fillstyle solid 1.0 noborder" "$C/$k.gp" &&
       grep -q "tic(.*\$4 != 0 ? '' : stringcolumn(3))" "$C/$k.gp" &&
       grep -q "(\$4 != 0 ? .*(stringcolumn(3)) with labels .*font 'Arial Bold,10'" "$C/$k.gp"; then ok
    else bad "$k.gp: a band in the highlight's tint behind the focus, its label in bold in place of the tic's"; fi
done
# the band sits on the focus's position: lying charts put category i at
# n-1-i; i is 23's place among the counties' codes in order (awk)
pos=$(awk -F, 'NR > 1 { c[$2] = 1 } END { for (k in c) { n++; if (k < "23") i++ } print n - 1 - i }' "$POP")
check "bars.gp: the band spans Jämtland's row" \
    "$(grep -o '^set object 80 rect from screen 0, first [0-9.]* to graph 1, first [0-9.]*' "$C/bars.gp")" \
    "set object 80 rect from screen 0, first $((pos - 1)).5 to graph 1, first $pos.5"
grep -q "^set object 83 rect .* lc rgb c_highlight" "$C/share.gp" && ok || bad "share.gp: the focus's bar outlined"
# heat maps: the focus row is the region's (rows from index 2: pos, label, focus)
got=$(awk -F'\t' '/^# index 2/ { on = 1; next } /^#/ { on = 0 } on && NF && $3 == 1 { print $2 }' "$C/heat_gap.dat")
check "heat_gap.dat: the focus row is Jämtland's" "$got" "Jämtland"
grep -q "^set object 81 rect .* front fillstyle empty border lc rgb c_highlight" "$C/heat_gap.gp" && ok ||
    bad "heat_gap.gp: the focus row outlined in the highlight colour"
# regions along the axis: the focus's column outlined, its label in bold
check "heat_col.dat: the focus column is Jämtland's" "$(focus_rows "$C/heat_col.dat" | tr '\n' '|')" "Jämtland|"
col=$(awk -F, 'NR > 1 { c[$2] = 1 } END { for (k in c) if (k < "23") i++; print i }' "$POP") # 23's place
grep -q "^set object 82 rect from first $((col - 1)).5, first -0.5 to first $col.5, first 4.5 front .* lc rgb c_highlight" \
    "$C/heat_col.gp" && ok || bad "heat_col.gp: the focus column ($col) outlined across the five years"
# lines of series = region: the focus's thicker, and again on top
if grep -q "with linespoints ls 1 lw 3.5 pointinterval [0-9]* title 'Jämtland, kvinnor'" "$C/lines.gp" &&
   grep -q "with linespoints ls 2 lw 3.5 pointinterval [0-9]* notitle" "$C/lines.gp" &&
   grep -q "with lines ls 1 lw 1.5 dt 2 title 'Riket, kvinnor'" "$C/lines.gp"; then ok
else bad "lines.gp: Jämtland's lines thicker and drawn again on top, the others thinner"; fi
# the alt text names the focus's values: Jämtland's women and men in 2015 by awk
jw=$(awk -F, '$1 == 2015 && $2 == "23" && $4 == "women" { t += $6 } END { print t }' "$POP")
jm=$(awk -F, '$1 == 2015 && $2 == "23" && $4 == "men" { t += $6 } END { print t }' "$POP")
sp() { printf '%s' "$1" | sed 's/\([0-9]\)\([0-9]\{3\}\)$/\1\xc2\xa0\2/'; } # 63191 -> 63 191 (NBSP)
desc() { grep -o '<desc>[^<]*' "$C/$1.svg" | sed 's/<desc>//; s/\xc2\xa0/\xc2\xa0/g'; }
for k in bars dumbbell scatter; do
    case $(desc "$k") in *"Jämtland: kvinnor $(sp "$jw"), män $(sp "$jm")."*) ok ;;
    *) bad "$k.svg: the alt text names Jämtland's values ($jw, $jm): $(desc "$k")" ;; esac
done
share=$(awk -v w="$jw" -v m="$jm" 'BEGIN { printf "%.0f", 100 * w / (w + m) }')
case $(desc share) in *"Jämtland: kvinnornas andel $share"*) ok ;;
*) bad "share.svg: the alt text gives Jämtland's share of women, $share %: $(desc share)" ;; esac

# ---- few observations: the counts below 130 000 (awk) are hatched ----
small=$(awk -F, 'NR > 1 && $1 == 2015 { t[$2 "," $4] += $6 } END { for (k in t) if (t[k] < 130000) print t[k] }' "$POP" |
        sort -n | tr '\n' ' ')
got=$(awk -F'\t' '/^# index 1/ { on = 1; next } on && NF && !/^#/ { print $3 }' "$C/bars.dat" | sort -n | tr '\n' ' ')
check "bars.dat: the hatched values are the counts below small_n" "$got" "$small"
[ -n "$small" ] && ok || bad "the test needs some small counts"
got=$(awk -F'\t' '/^# index 2/ { on = 1; next } on && NF && !/^#/ { print $2 }' "$C/dumbbell.dat" | sort -n | tr '\n' ' ')
check "dumbbell.dat: the marked values are the counts below small_n" "$got" "$small"
rows=$(awk -F, 'NR > 1 && $1 == 2015 { t[$2 "," $4] += $6; r[$2] = 1 } END {
                for (c in r) if (t[c ",women"] < 130000 || t[c ",men"] < 130000) n++; print n }' "$POP")
check "share.dat: the rows hatched are the counties with a small count" \
    "$(awk -F'\t' '/^# index 2/ { on = 1; next } on && NF && !/^#/' "$C/share.dat" | wc -l | tr -d ' ')" "$rows"
cells=$(awk -F, 'NR > 1 && $1 >= 2006 && $4 == "women" { t[$1 "," $2] += $6 } END { for (k in t) n += t[k] < 130000; print n }' "$POP")
check "heat_women.dat: the cells hatched are the county-years below small_n" \
    "$(awk -F'\t' '/^# index 3/ { on = 1; next } on && NF && !/^#/' "$C/heat_women.dat" | wc -l | tr -d ' ')" "$cells"
for k in bars dumbbell share heat_women; do
    grep -q "keyentry with .* title 'Få observationer'" "$C/$k.gp" && ok || bad "$k.gp: a legend entry 'Få observationer'"
done
grep -q "index 1 using (\$3/2):(\$2):(\$3/2):([0-9.]*) with boxxyerror fs transparent pattern 4" "$C/bars.gp" && ok ||
    bad "bars.gp: the flagged bars drawn over with a fill pattern"
grep -q "Få observationer" "$C/ranked.gp" && bad "ranked.gp: no legend entry where nothing is hatched" || ok
"$JS" run "$TMP/en.ini" -o "$TMP/en" 2> "$TMP/en.err"
check "English run exits 0" "$?" 0
grep -q "keyentry with .* title 'Few observations'" "$TMP/en/charts/bars.gp" && ok ||
    bad "bars.gp in English: the legend entry 'Few observations'"

# ---- signed heat maps: diverging, centred, symmetric ends ----
# the gap women - men per county and year has both signs (awk)
signs=$(awk -F, 'NR > 1 && $1 >= 2006 { v[$1 "," $2] += ($4 == "women" ? $6 : -$6) } END {
                 for (k in v) { if (v[k] < 0) n = 1; if (v[k] > 0) p = 1; a = v[k] < 0 ? -v[k] : v[k]; if (a > m) m = a }
                 print n p, m }' "$POP")
check "the gap has both signs" "${signs% *}" "11"
maxgap=${signs#* }
cb() { sed -n 's/^set cbrange \[\(.*\):\(.*\)\]$/\1 \2/p' "$1"; }
set -- $(cb "$C/heat_gap.gp")
if awk -v lo="$1" -v hi="$2" -v m="$maxgap" 'BEGIN { exit !(lo == -hi && hi >= m) }'; then ok
else bad "heat_gap.gp: cbrange [$1:$2] symmetric about 0 and covering the largest gap $maxgap"; fi
grep -q "^set palette defined (0 c_men, 0.5 '#F7F7F7', 1 c_women)" "$C/heat_gap.gp" && ok ||
    bad "heat_gap.gp: the diverging palette"
set -- $(cb "$C/heat_women.gp")
if awk -v lo="$1" -v hi="$2" 'BEGIN { exit !(lo != -hi && lo >= 0) }'; then ok
else bad "heat_women.gp: one-signed, cbrange [$1:$2] not symmetric"; fi
grep -q "diverging" "$C/heat_women.gp" && bad "heat_women.gp: the sequential palette" || ok
# reference = 100000: the counts lie on both sides (Gotland's 28 836 women,
# Stockholm's million), so the scale diverges about 100 000
set -- $(cb "$C/heat_ref.gp")
if awk -v lo="$1" -v hi="$2" 'BEGIN { exit !(hi - 100000 == 100000 - lo && lo < 28836 && hi > 1120812) }'; then ok
else bad "heat_ref.gp: cbrange [$1:$2] symmetric about the reference 100000"; fi
grep -q "diverging" "$C/heat_ref.gp" && ok || bad "heat_ref.gp: the diverging palette about the reference"

# ---- a hostile focus label stays data (CHARTS.md's attacks through labels) ----
{
    printf 'year,region,sex,persons\n'
    for r in "x' . system('touch $TMP/pwn1') . '" 'y`touch '"$TMP"'/pwn2`' B; do
        printf '2015,"%s",women,3\n2015,"%s",men,40\n' "$r" "$r"
    done
} > "$TMP/h.csv"
printf '[analysis]\ntitle = t\nfocus = y`touch %s/pwn2`\n[data d]\nfile = h.csv\n[indicator n]\nkind = count\nby = region, sex\n' \
    "$TMP" > "$TMP/h.ini"
for k in bars dumbbell share100; do printf '[chart %s]\nkind = %s\nindicator = n\ncategories = region\n' "$k" "$k" >> "$TMP/h.ini"; done
"$JS" run "$TMP/h.ini" -o "$TMP/h" 2> "$TMP/h.err"
check "hostile labels: run exits 0" "$?" 0
check "hostile labels: nothing ran" "$(ls "$TMP" | grep -c pwn)" 0
check "hostile labels: the focus is marked in the data (the backquoted one)" \
    "$(awk -F'\t' '/^$/ { exit } !/^#/ && $4 == 1 { print $1 }' "$TMP/h/charts/bars.dat")" 1
grep -q touch "$TMP/h/charts/bars.gp" "$TMP/h/charts/dumbbell.gp" "$TMP/h/charts/share100.gp" &&
    bad "hostile labels: a label entered a script" || ok
check "hostile labels: the women's 3 are hatched (small_n 5), in the three rows" \
    "$(awk -F'\t' '/^# index 1/ { on = 1; next } on && NF && !/^#/' "$TMP/h/charts/bars.dat" | wc -l | tr -d ' ')" 3

# ---- rendered: every kind's script runs in gnuplot ----
if command -v gnuplot > /dev/null 2>&1; then
    for k in bars bars_v dumbbell share heat_gap heat_women heat_ref heat_col lines ranked scatter; do
        [ -s "$C/$k.svg" ] && ok || bad "$k.svg: rendered"
    done
    check "no gnuplot warnings" "$(grep -ci 'warning.*gnuplot\|gnuplot.*error' "$TMP/sv.err")" 0
else
    skip "gnuplot absent: the scripts were not rendered"
fi
finish focus_all
