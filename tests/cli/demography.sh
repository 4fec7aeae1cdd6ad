#!/bin/sh
# Life expectancy on real data against published figures (METHODS 2.10):
#   - HMD Sweden 2010-2014 from the 1x1 deaths and exposures (HMD's text
#     layout turned into tidy CSV here, a fixture step): e0 and e65 by sex
#     within 0.02 year of HMD's 5x5 table (83.68 / 79.93; 21.17 / 18.51);
#   - SCB counties 2011-2015, 5-year pool: every county inside the county
#     range Folkhälsomyndigheten publishes (2013-2017: women 82.8-84.8, men
#     78.9-81.5), its lower ends less 0.5 year for the two earlier years;
#   - the crude death rate of Sweden 2015 by sex against awk over the files;
#   - the warnings name region, year, sex and age, and no output says nan.
# Skips where ../shared/datasets is absent.
set -u
. "$(dirname "$0")/lib.sh"

# within NAME GOT WANT TOL: |GOT - WANT| <= TOL
within() {
    if awk -v g="$2" -v w="$3" -v t="$4" 'BEGIN { d = g - w; if (d < 0) d = -d; exit !(g != "" && d <= t) }'
    then ok; else bad "$1: got '$2', expected $3 within $4"; fi
}

HMD_D=$SHARED/hmd-sweden-deaths-1x1.txt HMD_E=$SHARED/hmd-sweden-exposures-1x1.txt
if [ -f "$HMD_D" ] && [ -f "$HMD_E" ]; then
    # two header lines, then Year Age Female Male Total
    for f in deaths exposures; do
        awk -v m="$f" 'NR == 1 { print "year,sex,age," m; next } $1 !~ /^[0-9]+$/ { next }
                       NF == 5 { print $1 ",women," $2 "," $3; print $1 ",men," $2 "," $4 }' \
            "$SHARED/hmd-sweden-$f-1x1.txt" > "$TMP/hmd-$f.csv"
    done
    cat > "$TMP/hmd.ini" <<EOF
[analysis]
title = HMD
[data deaths]
file = $TMP/hmd-deaths.csv
[data exposures]
file = $TMP/hmd-exposures.csv
[indicator e]
kind = life_expectancy
deaths = deaths
population = exposures
exposure = mid_year
where = year:2010-2014
at_age = 0, 65
; no man died aged 110+ in 2010-2014 in this release: close at 105+
open_age = 105
by = sex
EOF
    if "$JS" run "$TMP/hmd.ini" -o "$TMP/hmd" --set analysis.outputs=indicators 2> "$TMP/hmd.err"; then
        ok
        CSV=$TMP/hmd/indicators.csv
        within "HMD e0 women 2010-2014" "$(value "$CSV" e sex=women age=0)" 83.68 0.02
        within "HMD e0 men 2010-2014" "$(value "$CSV" e sex=men age=0)" 79.93 0.02
        within "HMD e65 women 2010-2014" "$(value "$CSV" e sex=women age=65)" 21.17 0.02
        within "HMD e65 men 2010-2014" "$(value "$CSV" e sex=men age=65)" 18.51 0.02
    else
        bad "HMD run failed: $(cat "$TMP/hmd.err")"
    fi
    # without open_age the men's table cannot be closed: empty, flagged, named
    sed '/^open_age/d' "$TMP/hmd.ini" > "$TMP/hmd110.ini"
    "$JS" run "$TMP/hmd110.ini" -o "$TMP/hmd110" --set analysis.outputs=indicators 2> "$TMP/hmd110.err"
    check "HMD 110+ without deaths: men flagged" \
        "$(grep '^e,men,0,' "$TMP/hmd110/indicators.csv" | cut -d, -f4,8)" ",zero_denominator"
    if grep -q 'no deaths in the open age class.*the first: sex=men age=110+' "$TMP/hmd110.err"; then ok
    else bad "the warning does not name sex=men age=110+: $(cat "$TMP/hmd110.err")"; fi
else
    skip "HMD files absent in $SHARED"
fi

D=$SHARED/scb-county-deaths-1968-2015.csv P=$SHARED/scb-county-population-1968-2015.csv
if [ -f "$D" ] && [ -f "$P" ]; then
    cat > "$TMP/cty.ini" <<EOF
[analysis]
title = counties
[data deaths]
file = $D
[data population]
file = $P
[indicator e5]
kind = life_expectancy
deaths = deaths
population = population
pool = 5
where = year:2015
by = region, year, sex
[indicator e1]
kind = life_expectancy
deaths = deaths
population = population
by = region, year, sex
[indicator cdr]
kind = crude_rate
events = deaths
population = population
where = year:2015
by = year, sex
EOF
    if "$JS" run "$TMP/cty.ini" -o "$TMP/cty" --set analysis.outputs=indicators 2> "$TMP/cty.err"; then
        ok
        CSV=$TMP/cty/indicators.csv
        check "counties 2011-2015: 21 x 2 results" "$(grep -c '^e5,[0-9]*,[^,]*,2015,2011-2015,' "$CSV")" 42
        # published 2013-2017 ranges; the lower ends less 0.5 for 2011-2015
        out=$(awk -F, '$1 == "e5" && (($6 == "women" && !($7 >= 82.3 && $7 <= 84.8)) ||
                                      ($6 == "men" && !($7 >= 78.4 && $7 <= 81.5))) { print $3, $6, $7 }' "$CSV")
        check "every county inside the published range" "$out" ""
        check "single years: 21 x 48 x 2 results" "$(grep -c '^e1,' "$CSV")" 2016
        check "1968 has no population of 31 Dec 1967: 42 empty, flagged missing_input" \
            "$(grep -c '^e1,[0-9]*,[^,]*,1968,1968,[a-z]*,,,,år,missing_input$' "$CSV")" 42
        if grep -q 'no population on 31 December of the year before.*the first: region=01 (Stockholm) year=1968 sex=women' "$TMP/cty.err"
        then ok; else bad "no warning naming region=01 year=1968 sex=women: $(cat "$TMP/cty.err")"; fi
        if grep -q 'deaths in an age class with no population.*region=03 (Uppsala) year=1973 sex=men age=100+' "$TMP/cty.err"
        then ok; else bad "no warning naming Uppsala 1973 men 100+: $(cat "$TMP/cty.err")"; fi
        # the crude death rate of Sweden 2015 by sex: deaths / the mean of
        # the two year-end populations, per 1 000 (awk over the files)
        for sex in women men; do
            want=$(awk -F, -v s="$sex" 'FNR == 1 { f++; next } f == 1 && $1 == 2015 && $4 == s { d += $6 }
                f == 2 && ($1 == 2014 || $1 == 2015) && $4 == s { p += $6 }
                END { printf "%.12g", 1000 * d / (p / 2) }' "$D" "$P")
            close "crude death rate 2015, $sex" "$(value "$CSV" cdr year=2015 sex=$sex)" "$want"
        done
        if grep -qi 'nan\|inf' "$CSV"; then bad "a nan or inf in $CSV"; else ok; fi
    else
        bad "county run failed: $(cat "$TMP/cty.err")"
    fi
else
    skip "SCB county files absent in $SHARED"
fi

finish demography
