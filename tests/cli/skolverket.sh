#!/bin/sh
# Skolverket's CSV layout (issue #12): a title block (skip = 5), two header
# rows (header_rows = 2: a group row Flickor/Pojkar over the column names),
# ';' with a trailing ';' on every row, "~100", "..", "." and notes after a
# blank line; and the girls-boys gap in the pass rate with counts derived
# from the published percentages (kind = gap, part, percent_of).
#   - tests/data/csv/skolverket-two-headers.csv: invented numbers in
#     Skolverket's layout; expected cells are the file's own numbers, the
#     gaps are by hand: Aby 163/200 - 154/220 = 11.5 pp (200 x 81.5 % = 163,
#     220 x 70.0 % = 154); Cval round(7 x 64.3 %) = round(4.501) = 5 and
#     round(9 x 44.4 %) = round(3.996) = 4, 5/7 - 4/9 = 26.984126984... pp;
#     the intervals against tests/oracle/skolverket_gap.py.
#   - ../shared/datasets/skolverket/grade6-pass-by-sex-2025.csv (skipped when
#     absent): the gap for every municipality against the same oracle (its
#     own CSV parsing, Wilson and Newcombe), to 1e-9 relative; 285 of 290
#     municipalities published, 5 suppressed; Ale by hand: 178/217 - 159/228
#     (217 x 82.0 % = 177.94, 228 x 69.7 % = 158.916).
set -u
. "$(dirname "$0")/lib.sh"

FIX=$ROOT/tests/data/csv/skolverket-two-headers.csv
ORACLE="/usr/bin/python3 $ROOT/tests/oracle/skolverket_gap.py"
SHARE='"Andel (%) elever som fått godkänt betyg i alla ämnen"'

# write_ini INI FILE [LINE]...: the data section on FILE, then the lines
write_ini() {
    ini=$1 file=$2
    shift 2
    printf '[analysis]\ntitle = t\noutputs = indicators\n[data s]\nfile = %s\nskip = 5\nheader_rows = 2\ndrop = Län, Läns-kod\nsuppressed = ..\n' \
        "$file" > "$ini"
    for line in "$@"; do printf '%s\n' "$line" >> "$ini"; done
}
gap_lines() { # $1: by
    printf '%s\n' "[indicator g]" "kind = gap" "data = s" "where = \"Typ av huvudman\":Samtliga" \
        "part = contents:$SHARE" "percent_of = contents:\"Antal elever\"" "by = $1" \
        "[indicator p]" "kind = gap" "variant = p_value" "data = s" "where = \"Typ av huvudman\":Samtliga" \
        "part = contents:$SHARE" "percent_of = contents:\"Antal elever\"" "by = $1"
}

# ---- the layout, cell by cell ------------------------------------------------------
write_ini "$TMP/cells.ini" "$FIX" "[indicator n]" "kind = count" \
    "by = Kommun, \"Typ av huvudman\", sex, contents"
if "$JS" run "$TMP/cells.ini" -o "$TMP/cells" 2> "$TMP/cells.err"; then ok; else bad "cells: $(cat "$TMP/cells.err")"; fi
C=$TMP/cells/indicators.csv
check "header: dimensions from the stub columns, the group row and the names" "$(head -1 "$C")" \
    "indicator,Kommun,Kommun_label,Typ av huvudman,sex,contents,value,ci_low,ci_high,unit,flags"
# a row per Kommun x type x sex x contents: 3 x 2 x 2 x 2; the notes are not rows
check "rows" "$(awk 'END { print NR - 1 }' "$C")" 24
row() { grep "^n,$1,[^,]*,$2,$3,$4," "$C" | cut -d, -f7,11- ; }
check "Aby, girls, pupils (code from Kommun-kod, label from Kommun)" \
    "$(grep -c '^n,0001,Aby,' "$C")" 8
check "Aby Samtliga girls pupils" "$(row 0001 Samtliga Flickor 'Antal elever')" "200,"
check "Aby Samtliga boys share (decimal comma)" "$(row 0001 Samtliga Pojkar 'Andel[^,]*')" "70,"
check "~100 is 100, flagged" "$(row 0001 Enskild Flickor 'Andel[^,]*')" "100,flagged_input"
check ".. is suppressed (suppressed = ..)" "$(row 0001 Enskild Pojkar 'Andel[^,]*')" ",suppressed_input"
check ". is missing" "$(row 0002 Samtliga Flickor 'Andel[^,]*')" ",missing_input"
check "grouping space" "$(row 0002 Samtliga Flickor 'Antal elever')" "1004,"
check "drop = Län: no column Län" "$(head -1 "$C" | grep -c 'Län')" 0

# without suppressed = .. the symbol is missing, as in PxWeb files
sed '/^suppressed/d' "$TMP/cells.ini" > "$TMP/nosup.ini"
"$JS" run "$TMP/nosup.ini" -o "$TMP/nosup" 2> /dev/null
check ".. without suppressed: missing" \
    "$(grep '^n,0001,[^,]*,Enskild,Pojkar,Andel' "$TMP/nosup/indicators.csv" | cut -d, -f11)" missing_input

# ---- mistakes -----------------------------------------------------------------------
sed 's/^header_rows = 2$/header_rows = 3/' "$TMP/cells.ini" > "$TMP/hr3.ini"
"$JS" check "$TMP/hr3.ini" > /dev/null 2> "$TMP/hr3.err"
check "header_rows = 3: exit" "$?" 64
if grep -q 'header_rows must be a whole number from 1 to 2, found "3"' "$TMP/hr3.err"; then ok
else bad "header_rows = 3: $(cat "$TMP/hr3.err")"; fi
# a group over an empty name
sed 's/^Kommun;Kommun-kod;Län;Typ av huvudman;Antal elever;/Kommun;Kommun-kod;Län;Typ av huvudman;;/' "$FIX" > "$TMP/noname.csv"
write_ini "$TMP/noname.ini" "$TMP/noname.csv" "[indicator n]" "kind = count" "by = Kommun"
"$JS" check "$TMP/noname.ini" > /dev/null 2> "$TMP/noname.err"
check "group over an empty name: exit" "$?" 65
if grep -q 'noname.csv:7:.*column 5: expected a name under group "Flickor", found an empty field' "$TMP/noname.err"; then ok
else bad "group over an empty name: $(cat "$TMP/noname.err")"; fi
# the name row shorter than the group row
sed 's/^Kommun;Kommun-kod;Län;Typ av huvudman;\(.*\);$/Kommun;Kommun-kod;Län;Typ av huvudman;\1/' "$FIX" > "$TMP/short.csv"
write_ini "$TMP/short.ini" "$TMP/short.csv" "[indicator n]" "kind = count" "by = Kommun"
"$JS" check "$TMP/short.ini" > /dev/null 2> "$TMP/short.err"
check "name row shorter than the group row: exit" "$?" 65
if grep -q 'short.csv:7: error: expected 9 fields in the second header row (as in the first, header_rows = 2), found 8' "$TMP/short.err"; then ok
else bad "short name row: $(cat "$TMP/short.err")"; fi
# percent_of without part
write_ini "$TMP/nopart.ini" "$FIX" "[indicator g]" "kind = gap" "data = s" "percent_of = contents:\"Antal elever\"" "by = Kommun"
"$JS" run "$TMP/nopart.ini" -o "$TMP/nopart" > /dev/null 2> "$TMP/nopart.err"
if grep -q 'nopart.ini:10: error: \[indicator g\]: percent_of = needs part =, the percentage' "$TMP/nopart.err"; then ok
else bad "percent_of without part: $(cat "$TMP/nopart.err")"; fi

# compare ORACLE_OUT INDICATORS: every oracle line against indicator g's row;
# prints "N M": numbers compared, numbers beyond 1e-9 relative (each on stderr)
compare() {
    awk -F, 'NR == FNR { o[$1] = $2 " " $3 " " $4; next }
        FNR > 1 && $1 == "g" && ($2 in o) { split(o[$2], a, " ")
            for (i = 1; i <= 3; i++) { g = $(3 + i); w = a[i]; d = g - w; if (d < 0) d = -d
                s = w < 0 ? -w : w; if (s < 1) s = 1; n++
                if (g == "" || d > 1e-9 * s) { bad++; print "  " $2 ": field " i ": " g " vs " w > "/dev/stderr" } } }
        END { print n + 0, bad + 0 }' "$1" "$2"
}

# ---- the gap on the invented file -----------------------------------------------------
write_ini "$TMP/gap.ini" "$FIX" "$(gap_lines Kommun)"
if "$JS" run "$TMP/gap.ini" -o "$TMP/gap" 2> "$TMP/gap.err"; then ok; else bad "gap: $(cat "$TMP/gap.err")"; fi
G=$TMP/gap/indicators.csv
close "Aby: 163/200 - 154/220" "$(value "$G" g Kommun=0001)" 11.5
close "Cval: 5/7 - 4/9 (rounded half up from 4.501 and 3.996)" "$(value "$G" g Kommun=0003)" \
    "$(awk 'BEGIN { printf "%.15g", 100 * (5 / 7 - 4 / 9) }')"
check "Aby: derived counts are flagged" "$(grep '^g,0001,' "$G" | cut -d, -f8)" flagged_input
check "Boda: suppressed boys, no value" "$(grep '^g,0002,' "$G" | cut -d, -f4)" ""
check "unit" "$(grep '^g,0001,' "$G" | cut -d, -f7)" procentenheter
$ORACLE "$FIX" > "$TMP/fix.oracle"
check "invented file: oracle lines" "$(wc -l < "$TMP/fix.oracle" | tr -d ' ')" 2
check "invented file: gap and interval vs oracle (compared, beyond 1e-9)" "$(compare "$TMP/fix.oracle" "$G")" "6 0"
# the p value of Aby: the pooled z test (163/200 vs 154/220), by awk
want_p=$(awk 'BEGIN { x = 163; n = 200; y = 154; k = 220; p = (x + y) / (n + k)
    z = (x / n - y / k) / sqrt(p * (1 - p) * (1 / n + 1 / k)); if (z < 0) z = -z
    # erfc by its continued fraction is long; use the complementary normal from awk-less series:
    t = 1 / (1 + 0.2316419 * z); d = 0.3989422804014327 * exp(-z * z / 2)
    q = d * t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))))
    printf "%.4f", 2 * q }')
check "Aby: p value of the z test (4 decimals, Abramowitz-Stegun 26.2.17)" \
    "$(awk -v v="$(value "$G" p Kommun=0001)" 'BEGIN { printf "%.4f", v }')" "$want_p"

# ---- Skolverket's real file -------------------------------------------------------------
SK=$SHARED/skolverket/grade6-pass-by-sex-2025.csv
if [ ! -f "$SK" ]; then
    skip "Skolverket's file absent: $SK"
    finish skolverket
fi
write_ini "$TMP/real.ini" "$SK" "$(gap_lines Kommun)"
if "$JS" run "$TMP/real.ini" -o "$TMP/real" 2> "$TMP/real.err"; then ok; else bad "real: $(cat "$TMP/real.err")"; fi
R=$TMP/real/indicators.csv
check "real: municipalities" "$(grep -c '^g,' "$R")" 290
check "real: municipalities with a gap" "$(awk -F, '$1 == "g" && $4 != ""' "$R" | wc -l | tr -d ' ')" 285
check "real: without (suppressed)" "$(grep '^g,' "$R" | grep -c 'suppressed_input')" 5
close "real: Ale by hand, 178/217 - 159/228" "$(value "$R" g Kommun=1440)" \
    "$(awk 'BEGIN { printf "%.15g", 100 * (178 / 217 - 159 / 228) }')"
$ORACLE "$SK" > "$TMP/real.oracle"
check "real: oracle lines" "$(wc -l < "$TMP/real.oracle" | tr -d ' ')" 285
check "real: gap and interval vs oracle (compared, beyond 1e-9)" "$(compare "$TMP/real.oracle" "$R")" "855 0"
# examples/skolverket.ini: its chart names exactly the municipalities whose
# interval excludes 0 by the oracle, and the chart is drawn
want=$(awk -F, '$3 > 0 || $4 < 0 { print $1 }' "$TMP/real.oracle" | sort | paste -sd, -)
got=$(sed -n 's/^where *= Kommun://p' "$ROOT/examples/skolverket.ini")
check "example: the chart's municipalities are those whose interval excludes 0" "$got" "$want"
if "$JS" run "$ROOT/examples/skolverket.ini" -o "$TMP/example" 2> "$TMP/example.err"; then ok
else bad "example: $(cat "$TMP/example.err")"; fi
check "example: chart rows" "$(awk 'END { print NR - 1 }' "$TMP/example/charts/pass_gap_real.csv")" \
    "$(printf '%s' "$want" | awk -F, '{ print NF }')"
finish skolverket
