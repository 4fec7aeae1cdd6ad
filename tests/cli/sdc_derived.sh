#!/bin/sh
# Disclosure control of results built on counts (issue #14: "Results
# built on a suppressed count (shares, rates, gaps) are suppressed too"):
# a rate, a life table, any kind computed straight from counts is ".."
# where a count it stands on is.  On SCB's county files (deaths and
# population by county, sex and age, 2014-2015) with suppress_below =
# 1200, so that the deaths of the small counties by sex fall below it:
#   - the crude death rate and life expectancy at birth, by county, year
#     and sex, are ".." exactly where the count of deaths by county, year
#     and sex (kind count, protected as every count is) is ".." (an awk
#     join); some are;
#   - a suppressed row carries no number (no value, no interval) and no
#     flag but suppressed (a life table's deaths_exceed_population would
#     tell of the counts);
#   - every published value equals the run's without protection;
#   - no warning says a result is unprotected.
# Skips when ../shared/datasets is absent.
set -u
. "$(dirname "$0")/lib.sh"

D=$SHARED/scb-county-deaths-1968-2015.csv
P=$SHARED/scb-county-population-1968-2015.csv
if [ ! -f "$D" ] || [ ! -f "$P" ]; then
    skip "SCB's county files absent in $SHARED"
    finish sdc_derived
fi
ini() { # FILE THRESHOLD
    {
        printf '[analysis]\ntitle = t\n'
        [ "$2" -gt 0 ] && printf 'suppress_below = %s\n' "$2"
        printf '[data deaths]\nfile = %s\n[data pop]\nfile = %s\n' "$D" "$P"
        printf '[indicator rate]\nkind = crude_rate\nevents = deaths\npopulation = pop\nby = region, year, sex\nwhere = year:2014,2015\n'
        printf '[indicator e0]\nkind = life_expectancy\ndeaths = deaths\npopulation = pop\nby = region, year, sex\nwhere = year:2014,2015\n'
        printf '[indicator d]\nkind = count\ndata = deaths\nby = region, year, sex\nwhere = year:2014,2015\n'
    } > "$1"
}
ini "$TMP/p.ini" 1200
ini "$TMP/u.ini" 0
if ! "$JS" run "$TMP/p.ini" -o "$TMP/p" --set analysis.outputs=indicators > "$TMP/p.log" 2>&1; then
    bad "the protected run failed: $(cat "$TMP/p.log")"
    finish sdc_derived
fi
"$JS" run "$TMP/u.ini" -o "$TMP/u" --set analysis.outputs=indicators > /dev/null 2>&1 || bad "the open run failed"
if grep -q "not protected" "$TMP/p.log"; then bad "a result is said to be unprotected: $(grep 'not protected' "$TMP/p.log")"
else ok; fi

for ind in rate e0; do
    r=$(awk -F, -v ind="$ind" 'FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        NR == FNR { if ($1 == "d" && $(col["value"]) == "..") hidden[$(col["region"]) "|" $(col["year"]) "|" $(col["sex"])] = 1; next }
        $1 == ind { n++; key = $(col["region"]) "|" $(col["year"]) "|" $(col["sex"]); sup = $(col["value"]) == ".."
                    if (sup) { s++; if ($(col["ci_low"]) != "" || $(col["ci_high"]) != "" || $NF != "suppressed") leak++ }
                    if (sup != (key in hidden)) { bad++; if (bad < 4) print "FAIL: " ind " " key > "/dev/stderr" } }
        END { print n + 0, s + 0, bad + 0, leak + 0 }' "$TMP/p/indicators.csv" "$TMP/p/indicators.csv")
    set -- $r
    want=$(awk -F, -v ind="$ind" '$1 == ind' "$TMP/u/indicators.csv" | wc -l | tr -d ' ')
    check "$ind: rows, as in the unprotected run" "$1" "$want"
    if [ "$2" -gt 0 ]; then ok; else bad "$ind: no cell is suppressed at 1200, the test shows nothing"; fi
    check "$ind: suppressed exactly where the count of deaths is" "$3" "0"
    check "$ind: a suppressed row has no number" "$4" "0"
    r=$(awk -F, -v ind="$ind" 'NR == FNR { if (FNR == 1) { for (i = 1; i <= NF; i++) c1[$i] = i; next }
                             if ($1 == ind) open[$(c1["region"]) "|" $(c1["year"]) "|" $(c1["sex"])] = $(c1["value"]); next }
            FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
            $1 == ind && $(col["value"]) != ".." { n++; if ($(col["value"]) != open[$(col["region"]) "|" $(col["year"]) "|" $(col["sex"])]) bad++ }
            END { print n + 0, bad + 0 }' "$TMP/u/indicators.csv" "$TMP/p/indicators.csv")
    set -- $r
    check "$ind: every published value equals the unprotected run's" "$2" "0"
done

finish sdc_derived
