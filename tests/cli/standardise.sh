#!/bin/sh
# Age standardisation against PHE's published test results
# (PHEindicatormethods tests/testthat, ../shared/datasets/phe-test-data):
#   - every DSR row of testresults_DSR.csv (multiarea: per 100 000 and
#     10 000, 95 % and 99.8 %; testdata_1976 on its own standard, given inline
#     and as a [data] section, the two runs identical), to 1e-6 relative, and
#     the count < 10 row empty and flagged small_n;
#   - the "non-independent events" rows (testdata_nonindepe: event_frequency,
#     f1..f4 made a frequency dimension; a blank f is 0, as PHE's na.zero
#     makes it, so the dummy area's missing f4 adds nothing);
#   - a [data] section holding ESP 2013 (METHODS 4.1, with a dimension of
#     one category, and where on the data alone) gives what esp2013 gives;
#   - every ISR row of testresults_ISR.csv for the multiarea data (rate per
#     100 000 and 1 000, ratio x 1 and x 100; Byar and exact), to 1e-6;
#   - the band "55-69" among five-year bands of testdata_multiarea (it should
#     be 55-59) is an error naming the overlapping bands; PHE's error inputs
#     (err1 negative count, err3 negative population, err4 negative
#     standard, err2 no age bands and a zero population) are rejected, as are
#     a standard naming neither a word nor a section, a [data] standard with
#     a negative weight, two categories of another dimension, a gap or a band
#     the data's classes straddle, and event_frequency naming no dimension or
#     with a code "x".
# The fixtures are made here, in TMP: PHE's sheets as exported hold two
# measures per file, empty trailing rows and a blank count (testdata_tiny
# 10-14, which PHE counts as 0: its total_count is 9), so each is split into
# one tidy CSV per measure.  Skips where the PHE folder is absent.
set -u
. "$(dirname "$0")/lib.sh"

PHE=$SHARED/phe-test-data
if [ ! -d "$PHE" ]; then
    skip "PHE test data absent in $PHE"
    finish standardise
fi

# rel NAME GOT WANT: relative difference at most 1e-6
rel() {
    if awk -v g="$2" -v w="$3" 'BEGIN { d = g - w; if (d < 0) d = -d; s = (w < 0 ? -w : w)
                                        exit !(g != "" && d <= 1e-6 * s) }'; then ok
    else bad "$1: got '$2', expected $3"; fi
}
# field FILE INDICATOR AREA COLUMN: a column of an indicators.csv row
field() {
    awk -F, -v ind="$2" -v area="$3" -v c="$4" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $1 == ind && $(col["area"]) == area { print $(col[c]); exit }' "$1"
}
# split SRC COLUMNS OUT: the columns of SRC without empty rows, fields or \r
split_csv() {
    tr -d '\r' < "$1" | awk -F, -v cols="$2" 'BEGIN { n = split(cols, c, " ") }
        { line = ""; empty = 1
          for (i = 1; i <= n; i++) { line = line (i > 1 ? "," : "") $(c[i]); if ($(c[i]) != "") empty = 0 }
          if (!empty) print line }' > "$3"
}

MA=$PHE/testdata_DSR_ISR__testdata_multiarea.csv
sed 's/^testdata_tiny,10-14,,609/testdata_tiny,10-14,0,609/' "$MA" > "$TMP/ma-raw.csv"
split_csv "$TMP/ma-raw.csv" "1 2 3" "$TMP/ma-ev-raw.csv"
split_csv "$TMP/ma-raw.csv" "1 2 4" "$TMP/ma-pop-raw.csv"
sed 's/,55-69,/,55-59,/' "$TMP/ma-ev-raw.csv" > "$TMP/ma-ev.csv"
sed 's/,55-69,/,55-59,/' "$TMP/ma-pop-raw.csv" > "$TMP/ma-pop.csv"

# ini OUT EV POP [LINE...]: an analysis with data sections ev and pop
ini() {
    out=$1 ev=$2 pop=$3
    shift 3
    printf '[analysis]\ntitle = PHE\n[data ev]\nfile = %s\nrole.ageband = age\n[data pop]\nfile = %s\nrole.ageband = age\n' \
        "$ev" "$pop" > "$out"
    for line in "$@"; do printf '%s\n' "$line" >> "$out"; done
}
DSR="kind = standardised_rate
events = ev
population = pop
exposure = mid_year
by = area"

# ---- the band 55-69: an error naming the bands -----------------------------------------
ini "$TMP/bad.ini" "$TMP/ma-ev-raw.csv" "$TMP/ma-pop-raw.csv" "[indicator dsr]" "$DSR"
"$JS" run "$TMP/bad.ini" -o "$TMP/bad" --set analysis.outputs=indicators 2> "$TMP/bad.err"
check "55-69: exit" "$?" 65
if grep -q 'the age classes 55-69 and 60-64 of events overlap' "$TMP/bad.err"; then ok
else bad "55-69: the message does not name the overlapping bands: $(cat "$TMP/bad.err")"; fi

# ---- DSR, multiarea -------------------------------------------------------------------------
ini "$TMP/dsr.ini" "$TMP/ma-ev.csv" "$TMP/ma-pop.csv" \
    "[indicator d5]" "$DSR" "[indicator d4]" "$DSR" "per = 10000" \
    "[indicator d5x]" "$DSR" "level = 99.8" "[indicator d4x]" "$DSR" "per = 10000" "level = 99.8"
if "$JS" run "$TMP/dsr.ini" -o "$TMP/dsr" --set analysis.outputs=indicators 2> "$TMP/dsr.err"; then
    ok
    OUT=$TMP/dsr/indicators.csv
    # area,total_count,total_pop,value,lower95,upper95,lower99.8,upper99.8,statistic,method
    # area,total_count,total_pop,value,lower95,upper95,lower99.8,upper99.8,statistic,method
    tr -d '\r' < "$PHE/testdata_DSR_ISR__testresults_DSR.csv" |
        awk -F, 'NR > 1 && $10 == "Dobson" && $1 ~ /^testdata_(big|small|tiny)$/ {
                     s = $9 == "dsr per 10000" ? 4 : $9 == "dsr per 100000" ? 5 : "na"
                     print $1, s, ($4 == "" ? "-" : $4), $5, $6, $7, $8 }' > "$TMP/want"
    n=0
    while read -r area s v lo hi lox hix; do
        n=$((n + 1))
        if [ "$s" = na ]; then # count < 10: no value
            for i in d4 d5; do
                check "DSR $area ($i): empty" "$(field "$OUT" $i "$area" value)" ""
                check "DSR $area ($i): flagged" "$(field "$OUT" $i "$area" flags)" small_n
            done
            continue
        fi
        rel "DSR $area per 1e$s" "$(field "$OUT" d$s "$area" value)" "$v"
        rel "DSR $area per 1e$s lower 95" "$(field "$OUT" d$s "$area" ci_low)" "$lo"
        rel "DSR $area per 1e$s upper 95" "$(field "$OUT" d$s "$area" ci_high)" "$hi"
        rel "DSR $area per 1e$s lower 99.8" "$(field "$OUT" d${s}x "$area" ci_low)" "$lox"
        rel "DSR $area per 1e$s upper 99.8" "$(field "$OUT" d${s}x "$area" ci_high)" "$hix"
    done < "$TMP/want"
    check "DSR rows compared" "$n" 6
else
    bad "DSR run failed: $(cat "$TMP/dsr.err")"
fi

# ---- DSR, testdata_1976 on its own standard (the esp1976 column) -------------------------
T76=$PHE/testdata_DSR_ISR__testdata_1976.csv
split_csv "$T76" "1 2" "$TMP/t76-ev.csv"
split_csv "$T76" "1 3" "$TMP/t76-pop.csv"
std=$(tr -d '\r' < "$T76" | awk -F, 'NR > 1 && $1 != "" { printf "%s%s:%s", (n++ ? ", " : ""), $1, $4 }')
sed -i 's/^Age Band,/ageband,/; s/^55-69,/55-59,/' "$TMP/t76-ev.csv" "$TMP/t76-pop.csv"
std=$(printf '%s' "$std" | sed 's/55-69:/55-59:/')
ini "$TMP/t76.ini" "$TMP/t76-ev.csv" "$TMP/t76-pop.csv" \
    "[indicator d76]" "kind = standardised_rate" "events = ev" "population = pop" "exposure = mid_year" \
    "standard = $std" "per = 10000" \
    "[indicator d76x]" "kind = standardised_rate" "events = ev" "population = pop" "exposure = mid_year" \
    "standard = $std" "per = 100000" "level = 99.8"
if "$JS" run "$TMP/t76.ini" -o "$TMP/t76" --set analysis.outputs=indicators 2> "$TMP/t76.err"; then
    ok
    OUT=$TMP/t76/indicators.csv
    get() { awk -F, -v ind="$1" -v c="$2" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
                 $1 == ind { print $(col[c]); exit }' "$OUT"; }
    # testresults_DSR.csv: testdata_1976, per 10 000 and per 100 000
    rel "1976 per 10000" "$(get d76 value)" 859.20975850223658
    rel "1976 per 10000 lower 95" "$(get d76 ci_low)" 799.11609314421025
    rel "1976 per 10000 upper 95" "$(get d76 ci_high)" 922.52538803183177
    # PHE's 99.8 % columns of testdata_1976 are ten times their row's multiplier in both rows
    # (per 10 000: 7659.28 - 9599.21 around 859.21; per 100 000: 76592.8 - 95992.1 around
    # 8592.1): our per-100 000 limits are the per-10 000 row's published numbers
    rel "1976 per 100000 lower 99.8 (PHE's per-10000 row)" "$(get d76x ci_low)" 7659.2821065689559
    rel "1976 per 100000 upper 99.8 (PHE's per-10000 row)" "$(get d76x ci_high)" 9599.2117985716977
else
    bad "1976 run failed: $(cat "$TMP/t76.err")"
fi

# ---- DSR, testdata_1976 with its standard as a [data] section: the inline run's bytes -------------
tr -d '\r' < "$T76" | awk -F, 'NR == 1 { print "ageband,esp1976"; next }
    $1 != "" { print ($1 == "55-69" ? "55-59" : $1) "," $4 }' > "$TMP/t76-std.csv"
ini "$TMP/t76d.ini" "$TMP/t76-ev.csv" "$TMP/t76-pop.csv" \
    "[data std76]" "file = $TMP/t76-std.csv" "role.ageband = age" \
    "[indicator d76]" "kind = standardised_rate" "events = ev" "population = pop" "exposure = mid_year" \
    "standard = std76" "per = 10000" \
    "[indicator d76x]" "kind = standardised_rate" "events = ev" "population = pop" "exposure = mid_year" \
    "standard = std76" "per = 100000" "level = 99.8"
if "$JS" run "$TMP/t76d.ini" -o "$TMP/t76d" --set analysis.outputs=indicators 2> "$TMP/t76d.err"; then
    ok
    OUT=$TMP/t76d/indicators.csv
    rel "1976 [data] per 10000" "$(get d76 value)" 859.20975850223658
    rel "1976 [data] per 10000 lower 95" "$(get d76 ci_low)" 799.11609314421025
    rel "1976 [data] per 10000 upper 95" "$(get d76 ci_high)" 922.52538803183177
    if [ -f "$TMP/t76/indicators.csv" ] && cmp -s "$TMP/t76/indicators.csv" "$OUT"; then ok
    else bad "1976: the [data] standard's results differ from the inline list's"; fi
else
    bad "1976 [data] run failed: $(cat "$TMP/t76d.err")"
fi

# ---- DSR with ESP 2013 as a [data] section, on the multiarea data ---------------------------------
# METHODS 4.1's weights, with a column of one category (fine) and where on the data alone
printf 'ageband,standard,pop\n' > "$TMP/esp.csv"
i=0
for w in 5000 5500 5500 5500 6000 6000 6500 7000 7000 7000 7000 6500 6000 5500 5000 4000 2500 1500 1000; do
    if [ $i -eq 90 ]; then band=90+; else band=$i-$((i + 4)); fi
    printf '%s,ESP2013,%s\n' "$band" "$w" >> "$TMP/esp.csv"
    i=$((i + 5))
done
WHERE="where = area:testdata_big,testdata_small"
ini "$TMP/espw.ini" "$TMP/ma-ev.csv" "$TMP/ma-pop.csv" "[indicator d]" "$DSR" "$WHERE" "standard = esp2013" \
    "[indicator dx]" "$DSR" "$WHERE" "level = 99.8"
ini "$TMP/espd.ini" "$TMP/ma-ev.csv" "$TMP/ma-pop.csv" "[data esp]" "file = $TMP/esp.csv" "role.ageband = age" \
    "[indicator d]" "$DSR" "$WHERE" "standard = esp" "[indicator dx]" "$DSR" "$WHERE" "standard = esp" "level = 99.8"
if "$JS" run "$TMP/espw.ini" -o "$TMP/espw" --set analysis.outputs=indicators 2> "$TMP/espw.err" &&
    "$JS" run "$TMP/espd.ini" -o "$TMP/espd" --set analysis.outputs=indicators 2> "$TMP/espd.err"; then
    ok
    check "ESP [data]: rows" "$(wc -l < "$TMP/espd/indicators.csv" | tr -d ' ')" 5
    if cmp -s "$TMP/espw/indicators.csv" "$TMP/espd/indicators.csv"; then ok
    else bad "ESP 2013 as a [data] section differs from esp2013: $(diff "$TMP/espw/indicators.csv" "$TMP/espd/indicators.csv" | head -4)"; fi
else
    bad "ESP [data] runs failed: $(cat "$TMP/espw.err" "$TMP/espd.err")"
fi

# ---- non-independent events (PHE independent_events = FALSE) ------------------------------------
# testdata_nonindepe: persons with 1..4 events in f1..f4 (blank: 0, PHE's na.zero; the dummy,
# small and tiny areas have no f4, which PHE drops and which adds nothing here)
NI=$PHE/testdata_DSR_ISR__testdata_nonindepe.csv
tr -d '\r' < "$NI" | awk -F, -v ev="$TMP/ni-ev.csv" -v pop="$TMP/ni-pop.csv" '
    NR == 1 { print "area,ageband,freq,persons" > ev; print "area,ageband,pop" > pop; next }
    $1 != "" { band = $2 == "55-69" ? "55-59" : $2; print $1 "," band "," $4 > pop
               for (k = 1; k <= 4; k++) print $1 "," band "," k "," ($(4 + k) == "" ? 0 : $(4 + k)) > ev }'
NID="$DSR
event_frequency = freq"
ini "$TMP/ni.ini" "$TMP/ni-ev.csv" "$TMP/ni-pop.csv" "[indicator n5]" "$NID" "[indicator n5x]" "$NID" "level = 99.8"
if "$JS" run "$TMP/ni.ini" -o "$TMP/ni" --set analysis.outputs=indicators 2> "$TMP/ni.err"; then
    ok
    OUT=$TMP/ni/indicators.csv
    tr -d '\r' < "$PHE/testdata_DSR_ISR__testresults_DSR.csv" |
        awk -F, 'NR > 1 && $1 ~ /^testdata_nonind_/ && $0 ~ /non-independent events"$/ {
                     print $1, ($4 == "" ? "-" : $4), $5, $6, $7, $8 }' > "$TMP/niwant"
    n=0
    while read -r area v lo hi lox hix; do
        n=$((n + 1))
        if [ "$v" = - ]; then # total events < 10: no value
            check "nonind $area: empty" "$(field "$OUT" n5 "$area" value)" ""
            check "nonind $area: flagged" "$(field "$OUT" n5 "$area" flags)" small_n
            continue
        fi
        rel "nonind $area" "$(field "$OUT" n5 "$area" value)" "$v"
        rel "nonind $area lower 95" "$(field "$OUT" n5 "$area" ci_low)" "$lo"
        rel "nonind $area upper 95" "$(field "$OUT" n5 "$area" ci_high)" "$hi"
        rel "nonind $area lower 99.8" "$(field "$OUT" n5x "$area" ci_low)" "$lox"
        rel "nonind $area upper 99.8" "$(field "$OUT" n5x "$area" ci_high)" "$hix"
    done < "$TMP/niwant"
    check "nonind rows compared" "$n" 4
else
    bad "nonind run failed: $(cat "$TMP/ni.err")"
fi

# ---- mistakes in the standard and in event_frequency ----------------------------------------------
# fails NAME WANT [LINE...]: a DSR on the multiarea data with LINEs exits non-zero saying WANT
fails() {
    name=$1 want=$2
    shift 2
    ini "$TMP/$name.ini" "$TMP/ma-ev.csv" "$TMP/ma-pop.csv" "$@"
    "$JS" run "$TMP/$name.ini" -o "$TMP/$name" --set analysis.outputs=indicators 2> "$TMP/$name.err"
    rc=$?
    if [ "$rc" -ne 0 ] && grep -qF "$want" "$TMP/$name.err"; then ok
    else bad "$name: exit $rc, expected the message '$want': $(cat "$TMP/$name.err")"; fi
}
fails std-word 'standard must be esp2013, esp2013_85, a list of BAND:WEIGHT (0-4:5000, 5-9:5500, ...) or the name of a [data] section, found "esp2011"' \
    "[indicator d]" "$DSR" "standard = esp2011"
sed 's/^5-9,ESP2013,5500/5-9,ESP2013,-5500/' "$TMP/esp.csv" > "$TMP/esp-neg.csv"
fails std-negative 'standard = esp ([data esp]): band 5-9: expected a population >= 0, found -5500' \
    "[data esp]" "file = $TMP/esp-neg.csv" "role.ageband = age" "[indicator d]" "$DSR" "standard = esp"
{ cat "$TMP/esp.csv"; sed -n 's/^\([^,]*\),ESP2013,/\1,ESP2013b,/p' "$TMP/esp.csv"; } > "$TMP/esp-two.csv"
fails std-two 'standard = esp ([data esp]): expected one population per age band, found 2 categories of dimension standard (ESP2013, ESP2013b)' \
    "[data esp]" "file = $TMP/esp-two.csv" "role.ageband = age" "[indicator d]" "$DSR" "standard = esp"
grep -v '^10-14,' "$TMP/esp.csv" > "$TMP/esp-gap.csv"
fails std-gap 'standard = esp ([data esp]): no band for the ages from 10 to 15 (between 5-9 and 15-19)' \
    "[data esp]" "file = $TMP/esp-gap.csv" "role.ageband = age" "[indicator d]" "$DSR" "standard = esp"
printf 'ageband,pop\n0-2,100\n3-94,900\n95+,10\n' > "$TMP/esp-straddle.csv"
fails std-straddle 'the data'"'"'s age class 0-4 straddles the band 0-2 of standard = esp ([data esp])' \
    "[data esp]" "file = $TMP/esp-straddle.csv" "role.ageband = age" "[indicator d]" "$DSR" "standard = esp"
fails freq-dim 'event_frequency = times: expected a dimension of the events, found none of that name (they have area, ageband)' \
    "[indicator d]" "$DSR" "event_frequency = times"
sed 's/^\(testdata_nonind_small,10-14\),3,/\1,x,/' "$TMP/ni-ev.csv" > "$TMP/ni-x.csv"
ini "$TMP/freq-x.ini" "$TMP/ni-x.csv" "$TMP/ni-pop.csv" "[indicator d]" "$NID"
"$JS" run "$TMP/freq-x.ini" -o "$TMP/freq-x" --set analysis.outputs=indicators 2> "$TMP/freq-x.err"
rc=$?
if [ "$rc" -ne 0 ] && grep -qF 'event_frequency = freq: expected codes that are numbers of events (1, 2, 3, ...), found "x"' "$TMP/freq-x.err"; then ok
else bad "freq-x: exit $rc: $(cat "$TMP/freq-x.err")"; fi

# ---- ISR, multiarea against the reference (refdata) ------------------------------------------
REF=$PHE/testdata_DSR_ISR__refdata.csv
split_csv "$REF" "1 2" "$TMP/ref-ev.csv"
split_csv "$REF" "1 3" "$TMP/ref-pop.csv"
sed -i 's/^Age Band,/ageband,/; s/^55-69,/55-59,/' "$TMP/ref-ev.csv" "$TMP/ref-pop.csv"
ISR="kind = smr
events = ev
population = pop
reference_events = rev
reference_population = rpop
exposure = mid_year
by = area"
ini "$TMP/isr.ini" "$TMP/ma-ev.csv" "$TMP/ma-pop.csv" \
    "[data rev]" "file = $TMP/ref-ev.csv" "role.ageband = age" \
    "[data rpop]" "file = $TMP/ref-pop.csv" "role.ageband = age" \
    "[indicator r5]" "$ISR" "output = rate" "[indicator r3]" "$ISR" "output = rate" "per = 1000" \
    "[indicator s1]" "$ISR" "scale = 1" "[indicator s2]" "$ISR" \
    "[indicator r5x]" "$ISR" "output = rate" "level = 99.8" "[indicator r3x]" "$ISR" "output = rate" \
    "per = 1000" "level = 99.8" "[indicator s1x]" "$ISR" "scale = 1" "level = 99.8" \
    "[indicator s2x]" "$ISR" "level = 99.8"
if "$JS" run "$TMP/isr.ini" -o "$TMP/isr" --set analysis.outputs=indicators 2> "$TMP/isr.err"; then
    ok
    OUT=$TMP/isr/indicators.csv
    n=0
    # area,observed,expected,ref_rate,value,lower95,upper95,lower99.8,upper99.8,statistic,method
    tr -d '\r' < "$PHE/testdata_DSR_ISR__testresults_ISR.csv" |
        awk -F, 'NR > 1 && $1 ~ /^testdata_/ { print $1, $5, $6, $7, $8, $9, $10 }' > "$TMP/iwant"
    while read -r area v lo hi lox hix stat; do
        case $stat in
        *"rate per 100000") i=r5 ;; *"rate per 1000") i=r3 ;; *"ratio x 1") i=s1 ;; *"ratio x 100") i=s2 ;;
        *) i=none ;;
        esac
        n=$((n + 1))
        rel "ISR $area $i" "$(field "$OUT" $i "$area" value)" "$v"
        rel "ISR $area $i lower 95" "$(field "$OUT" $i "$area" ci_low)" "$lo"
        rel "ISR $area $i upper 95" "$(field "$OUT" $i "$area" ci_high)" "$hi"
        rel "ISR $area $i lower 99.8" "$(field "$OUT" ${i}x "$area" ci_low)" "$lox"
        rel "ISR $area $i upper 99.8" "$(field "$OUT" ${i}x "$area" ci_high)" "$hix"
    done < "$TMP/iwant"
    check "ISR rows compared" "$n" 12
else
    bad "ISR run failed: $(cat "$TMP/isr.err")"
fi

# ---- PHE's error inputs ------------------------------------------------------------------------
# err1: a negative count; err3: a negative population; err4: a negative standard weight
for e in err1 err3 err4; do
    src=$PHE/testdata_DSR_ISR__testdata_$e.csv
    split_csv "$src" "1 2" "$TMP/$e-ev.csv"
    split_csv "$src" "1 3" "$TMP/$e-pop.csv"
    sed -i 's/^Age Band,/ageband,/; s/^55-69,/55-59,/' "$TMP/$e-ev.csv" "$TMP/$e-pop.csv"
    std=$(tr -d '\r' < "$src" | awk -F, 'NR > 1 && $1 != "" { printf "%s%s:%s", (n++ ? ", " : ""), $1, $4 }' |
          sed 's/55-69:/55-59:/')
    ini "$TMP/$e.ini" "$TMP/$e-ev.csv" "$TMP/$e-pop.csv" "[indicator d]" "kind = standardised_rate" \
        "events = ev" "population = pop" "exposure = mid_year" "standard = $std"
    "$JS" run "$TMP/$e.ini" -o "$TMP/$e" --set analysis.outputs=indicators 2> "$TMP/$e.err"
    rc=$?
    case $e in
    err1) want='age=25-29: a negative number of events' ;;
    err3) want='age=5-9: a negative population' ;;
    err4) want='standard must be esp2013, esp2013_85, a list of BAND:WEIGHT with weights >= 0' ;;
    esac
    if [ "$rc" -ne 0 ] && grep -q "$want" "$TMP/$e.err"; then ok
    else bad "$e: exit $rc, expected the message '$want': $(cat "$TMP/$e.err")"; fi
    [ -f "$TMP/$e/indicators.csv" ] && bad "$e: indicators.csv written" || ok
done
# err2: no age band column, and Area1's 5-9 population is 0 with 25 events
split_csv "$PHE/testdata_DSR_ISR__testdata_err2.csv" "1 2" "$TMP/err2-ev.csv"
split_csv "$PHE/testdata_DSR_ISR__testdata_err2.csv" "1 3" "$TMP/err2-pop.csv"
ini "$TMP/err2.ini" "$TMP/err2-ev.csv" "$TMP/err2-pop.csv" "[indicator d]" "$DSR"
"$JS" run "$TMP/err2.ini" -o "$TMP/err2" --set analysis.outputs=indicators 2> "$TMP/err2.err"
rc=$?
if [ "$rc" -ne 0 ] && grep -q 'ageband\|age dimension\|duplicate\|twice' "$TMP/err2.err"; then ok
else bad "err2: exit $rc: $(cat "$TMP/err2.err")"; fi
# and once with its age bands (row order of the reference): the zero population is named
awk -F, 'NR == FNR { if (FNR > 1) band[FNR - 1] = $1; next }
         FNR == 1 { print "area,ageband," (col == 2 ? "count" : "pop"); next }
         { k = (FNR - 2) % 19 + 1; print $1 "," band[k] "," $col }' col=2 "$TMP/ref-ev.csv" "$TMP/err2-ev.csv" > "$TMP/err2b-ev.csv"
awk -F, 'NR == FNR { if (FNR > 1) band[FNR - 1] = $1; next }
         FNR == 1 { print "area,ageband,pop"; next }
         { k = (FNR - 2) % 19 + 1; print $1 "," band[k] "," $2 }' "$TMP/ref-ev.csv" "$TMP/err2-pop.csv" > "$TMP/err2b-pop.csv"
ini "$TMP/err2b.ini" "$TMP/err2b-ev.csv" "$TMP/err2b-pop.csv" "[indicator d]" "$DSR"
"$JS" run "$TMP/err2b.ini" -o "$TMP/err2b" --set analysis.outputs=indicators 2> "$TMP/err2b.err"
rc=$?
if [ "$rc" -eq 65 ] && grep -q 'area=Area1 age=5-9: events where the population is zero' "$TMP/err2b.err"; then ok
else bad "err2 with bands: exit $rc: $(cat "$TMP/err2b.err")"; fi

finish standardise
