#!/bin/sh
# Intervals in the charts (issue 12): ranked and bars of a gap with error
# bars, and the bars whose interval holds 0 told apart, on real data:
# Skolverket's grade-6 pass rates by sex, 2024/25
# (../shared/datasets/skolverket/grade6-pass-by-sex-2025.csv, read as in
# examples/skolverket.ini), the girls-boys gap per municipality of
# Västerbotten county (where = Kommun:24xx, 15 municipalities: Dorotea is
# suppressed, 7 intervals exclude 0 - Malå's below it - and 7 hold it).
# Checked against the run's own indicators.csv, by awk:
#   - the .dat's lo/hi per category equal ci_low/ci_high of the same
#     municipality (ranked and bars); the chart's CSV has the values;
#   - what gnuplot draws (its table of the plot, set table): the bars drawn
#     in the tint of "interval includes 0" are exactly those with
#     ci_low <= 0 <= ci_high, the full-colour bars exactly the others;
#     an error bar per published municipality, from ci_low to ci_high;
#     every value label at or beyond its interval's far end;
#   - the legend has the error bars' entry with the level (95 %) and the
#     tint's entry, and the zero line is drawn;
#   - interval = none draws no error bars and no such entries; a ranked
#     chart of a count (no intervals) neither;
#   - the alt text's "I N av M kategorier utesluter intervallet 0" equals
#     awk's count;
#   - gnuplot renders every chart (skipped with a message without gnuplot).
# Skips where ../shared/datasets is absent.
set -u
. "$(dirname "$0")/lib.sh"

F=$SHARED/skolverket/grade6-pass-by-sex-2025.csv
if [ ! -f "$F" ]; then
    skip "Skolverket's grade-6 file absent in $SHARED"
    finish chart_intervals
fi
CODES=2401,2403,2404,2409,2417,2418,2421,2422,2425,2460,2462,2463,2480,2481,2482
cat > "$TMP/a.ini" <<EOF
[analysis]
title = t
language = sv
focus = Umeå
[data grade6]
file = $F
source = Skolverket, betyg årskurs 6, 2024/25
skip = 5
header_rows = 2
drop = Län, Läns-kod
suppressed = ..
[indicator g]
kind = gap
data = grade6
where = "Typ av huvudman":Samtliga
part = contents:"Andel (%) elever som fått godkänt betyg i alla ämnen"
percent_of = contents:"Antal elever"
by = Kommun
[indicator n]
kind = count
data = grade6
where = "Typ av huvudman":Samtliga contents:"Antal elever"
by = Kommun
[chart ranked]
kind = ranked
indicator = g
where = Kommun:$CODES
[chart bars]
kind = bars
indicator = g
value_labels = yes
where = Kommun:$CODES
[chart ranked_none]
kind = ranked
indicator = g
interval = none
where = Kommun:$CODES
[chart bars_none]
kind = bars
indicator = g
interval = none
where = Kommun:$CODES
[chart plain]
kind = ranked
indicator = n
where = Kommun:$CODES
EOF
if ! "$JS" run "$TMP/a.ini" -o "$TMP/o" 2> "$TMP/err"; then
    bad "run failed: $(cat "$TMP/err")"
    finish chart_intervals
fi
ok
O=$TMP/o C=$TMP/o/charts

# the oracle: label, value, ci_low, ci_high of the 15 municipalities
awk -F, -v codes="$CODES" 'BEGIN { n = split(codes, c, ","); for (i = 1; i <= n; i++) want[c[i]] = 1 }
    $1 == "g" && ($2 in want) { print $3 "\t" $4 "\t" $5 "\t" $6 }' "$O/indicators.csv" | sort > "$TMP/want.tsv"
check "15 municipalities in indicators.csv" "$(wc -l < "$TMP/want.tsv" | tr -d ' ')" 15
awk -F'\t' '$3 != "" && $3 <= 0 && 0 <= $4 { print $1 }' "$TMP/want.tsv" | sort > "$TMP/incl.txt"
awk -F'\t' '$3 != "" && !($3 <= 0 && 0 <= $4) { print $1 }' "$TMP/want.tsv" | sort > "$TMP/excl.txt"
n_incl=$(wc -l < "$TMP/incl.txt" | tr -d ' ') n_excl=$(wc -l < "$TMP/excl.txt" | tr -d ' ')
[ "$n_incl" -ge 1 ] && [ "$n_excl" -ge 1 ] && ok || bad "the data need both kinds: $n_incl hold 0, $n_excl do not"
check "one interval excludes 0 from below (Malå)" \
    "$(awk -F'\t' '$4 != "" && $4 < 0 { print $1 }' "$TMP/want.tsv")" "Malå"

# .dat lo/hi (columns 8, 9) = ci_low/ci_high, by label, to 1e-12 relative
for ch in ranked bars; do
    got=$(awk -F'\t' 'NR == FNR { lo[$1] = $3; hi[$1] = $4; n++; next }
        /^#/ || NF < 9 { next }
        { l = ($8 == ".." ? "" : $8); h = ($9 == ".." ? "" : $9); seen++
          if (!($3 in lo)) { print "unknown " $3; next }
          if ((l == "") != (lo[$3] == "") || (h == "") != (hi[$3] == "")) { print "missing " $3; next }
          if (l != "") { d = l - lo[$3]; e = h - hi[$3]; s = (lo[$3] < 0 ? -lo[$3] : lo[$3]) + 1
                         if (d * d > 1e-24 * s * s || e * e > 1e-24 * s * s) print "differs " $3 } }
        END { if (seen != n) print "rows " seen " of " n }' "$TMP/want.tsv" "$C/$ch.dat")
    check "$ch: .dat lo/hi = indicators.csv ci_low/ci_high" "$got" ""
done
# NAME.csv: the values, then the drawn interval's lower and upper limits
check "ranked.csv: the values and the limits" "$(head -1 "$C/ranked.csv")" \
    'kategori,Totalt,"Totalt, nedre gräns","Totalt, övre gräns"'
got=$(awk -F'\t' 'NR == FNR { if ($2 != "") { v[$1] = $2; lo[$1] = $3; hi[$1] = $4 }; next }
    FNR > 1 && ($1 in v) { d = $2 - v[$1]; e = $3 - lo[$1]; f = $4 - hi[$1]
                           if (d * d > 1e-20 || e * e > 1e-20 || f * f > 1e-20) print $1 }' "$TMP/want.tsv" FS=, "$C/ranked.csv")
check "ranked.csv numbers and limits = indicators.csv" "$got" ""

# the script: the legend's entries and the zero line
for ch in ranked bars; do
    grep -q "keyentry .* title '95 % konfidensintervall'" "$C/$ch.gp" && ok || bad "$ch: no legend entry for the error bars"
    grep -q "keyentry .* title 'Intervallet omfattar 0'" "$C/$ch.gp" && ok || bad "$ch: no legend entry for the tint"
    grep -q "^set arrow 70 .* nohead front" "$C/$ch.gp" && ok || bad "$ch: no zero line"
done
for ch in ranked_none bars_none plain; do
    if grep -q "c_whisk .*notitle\|konfidensintervall\|Intervallet omfattar" "$C/$ch.gp"; then
        bad "$ch: error bars or their legend entries drawn"
    else ok; fi
done
check "interval = none: no lo/hi in the .dat" \
    "$(awk -F'\t' '!/^#/ && NF >= 9 && ($8 != ".." || $9 != "..")' "$C/ranked_none.dat" "$C/plain.dat")" ""

# the alt text (report.html) counts the intervals that exclude 0 as awk does
n_int=$((n_incl + n_excl))
check "alt text: ranked and bars" \
    "$(grep -o "I [0-9]* av [0-9]* kategorier utesluter intervallet 0" "$O/report.html" | sort | uniq -c | tr -s ' ')" \
    " 2 I $n_excl av $n_int kategorier utesluter intervallet 0"
if grep -o 'alt="[^"]*"' "$O/report.html" | grep -v "Felstaplarna" | grep -q "utesluter"; then
    bad "an alt text without error bars counts intervals"
else ok; fi

if ! command -v gnuplot > /dev/null 2>&1; then
    skip "gnuplot absent: not rendered, what is drawn not checked"
    finish chart_intervals
fi
for ch in ranked bars ranked_none bars_none plain; do
    [ -s "$C/$ch.png" ] && [ -s "$C/$ch.svg" ] && ok || bad "$ch was not rendered"
done

# What gnuplot draws: the plot again into a table (set table, C decimal
# point, 15 digits), one block per plot element ("# Curve k") in the order
# of the script's plot lines, drawn points typed "i" (undefined ones "u").
table() {
    (cd "$C" && sed "s|^plot |set table './$1.tab'\\nunset decimalsign\\nset format x '%.15g'\\nset format y '%.15g'\\nplot |" \
        "$1.gp" > "$1-table.gp" && gnuplot -d -e "fmt='png'" "$1-table.gp" > /dev/null 2>&1) || bad "$1: gnuplot table failed"
}
# element CHART PATTERN: the index of the first plot element matching the awk pattern
element() {
    awk -v pat="$2" '/^plot / { on = 1; e = 0 } on { if ($0 ~ pat) { print e; exit } e++ }' "$C/$1.gp"
}
# drawn CHART PATTERN POSCOL XY: the labels of the categories that element
# draws, by position (ranked: column 5 of the .dat, bars: column 1) in
# field XY of the table's rows
drawn() {
    awk -v k="$(element "$1" "$2")" -v poscol="$3" -v xy="$4" '
        NR == FNR { if (!/^#/ && NF >= 9) lab[$poscol + 0] = $3; next }
        /^# Curve [0-9]/ { cur = $3; next }
        /^#/ || NF == 0 { next }
        cur == k && $NF == "i" { print lab[$xy + 0] }' FS='\t' "$C/$1.dat" FS=' ' "$C/$1.tab" | sort
}
table ranked
table bars
check "ranked: tinted bars = intervals holding 0" \
    "$(drawn ranked '[(][$]4 == 0 && in0' 5 2 | tr '\n' ' ')" \
    "$(grep -v '^Umeå$' "$TMP/incl.txt" | tr '\n' ' ')"
check "ranked: the focus (Umeå) tinted in the highlight's tint" \
    "$(drawn ranked '[(][$]4 != 0 && in0' 5 2 | tr '\n' ' ')" "$(grep '^Umeå$' "$TMP/incl.txt" | tr '\n' ' ')"
check "ranked: full-colour bars = intervals excluding 0" \
    "$( (drawn ranked '[(][$]4 == 0 && !in0' 5 2; drawn ranked '[(][$]4 != 0 && !in0' 5 2) | sort | tr '\n' ' ')" \
    "$(tr '\n' ' ' < "$TMP/excl.txt")"
check "bars: tinted bars = intervals holding 0" \
    "$(drawn bars '[(]in0[(]8[)] [?]' 1 1 | tr '\n' ' ')" "$(tr '\n' ' ' < "$TMP/incl.txt")"
check "bars: full-colour bars = intervals excluding 0" \
    "$(drawn bars '!in0[(]8[)]' 1 1 | tr '\n' ' ')" "$(tr '\n' ' ' < "$TMP/excl.txt")"
check "ranked: an error bar per published municipality" \
    "$(drawn ranked 'with vectors nohead lc rgb c_whisk' 5 2 | wc -l | tr -d ' ')" "$n_int"

# the error bars run from ci_low to ci_high (vectors: x, y, dx, dy), and
# every value label stands at or past its interval's end (x >= hi, or <= lo)
got=$(awk -v k="$(element ranked 'with vectors nohead lc rgb c_whisk')" '
    FILENAME ~ /want/ { if ($2 != "") { lo[$1] = $3; hi[$1] = $4 }; next }
    FILENAME ~ /dat$/ { if (!/^#/ && NF >= 9) lab[$5 + 0] = $3; next }
    /^# Curve [0-9]/ { cur = $3; next }
    /^#/ || NF == 0 { next }
    cur == k && $NF == "i" { n = lab[$2 + 0]; d = $1 - lo[n]; e = $1 + $3 - hi[n]
                             s = (hi[n] < 0 ? -hi[n] : hi[n]) + 1
                             if (d * d > 1e-20 * s * s || e * e > 1e-20 * s * s) print "bar " n }
    /"[^"]/ && cur > k { n = lab[$2 + 0]; x = $1 + 0; labels++
        if (n in lo && !(x >= hi[n] - 1e-9 || x <= lo[n] + 1e-9)) print "label " n }
    END { if (labels < 14) print labels " labels" }' \
    FS='\t' "$TMP/want.tsv" FS='\t' "$C/ranked.dat" FS=' ' "$C/ranked.tab")
check "ranked: error bars lo..hi, labels beyond them" "$got" ""
finish chart_intervals
