#!/bin/sh
# Disclosure control of a gap of shares (issue #14: "Results built on a
# suppressed count (shares, rates, gaps) are suppressed too").  On SCB's
# UF0506A1_2.csv (population by county, level of education and sex,
# 1985-2018) with suppress_below = 3000, so that the post-graduate counts
# of the small counties fall below it:
#   - the gap (women's minus men's share with post-secondary education),
#     its p value and its ratio are ".." exactly where women's or men's
#     share (kind share, the same part, by sex), protected through the same
#     counts, is ".." (an awk join of the rows); some are;
#   - a suppressed gap carries no number anywhere in its row (no value, no
#     interval);
#   - every published gap equals the gap of the run without protection;
#   - the run no longer warns that the gap is unprotected.
# The share's own protection is checked against the leak oracle in
# tests/cli/sdc.sh.  Skips when ../shared/datasets is absent.
set -u
. "$(dirname "$0")/lib.sh"

UF=$SHARED/scb-exports/UF0506A1_2.csv
if [ ! -f "$UF" ]; then
    skip "$UF absent"
    finish sdc_gap
fi
P='"level of education":"post-secondary education, less than 3 years (ISCED97 4+5B)","post-secondary education 3 years or more (ISCED97 5A)","post-graduate education (ISCED97 6)"'
ini() { # FILE THRESHOLD
    {
        printf '[analysis]\ntitle = t\n'
        [ "$2" -gt 0 ] && printf 'suppress_below = %s\n' "$2"
        printf '[data edu]\nfile = %s\n' "$UF"
        for v in difference p_value ratio; do
            printf '[indicator gap_%s]\nkind = gap\nvariant = %s\npart = %s\nby = region, year\n' "$v" "$v" "$P"
        done
        printf '[indicator share]\nkind = share\npart = %s\nby = region, year, sex\n' "$P"
    } > "$1"
}
ini "$TMP/p.ini" 3000
ini "$TMP/u.ini" 0
if ! "$JS" run "$TMP/p.ini" -o "$TMP/p" --set analysis.outputs=indicators > "$TMP/p.log" 2>&1; then
    bad "the protected run failed: $(cat "$TMP/p.log")"
    finish sdc_gap
fi
"$JS" run "$TMP/u.ini" -o "$TMP/u" --set analysis.outputs=indicators > /dev/null 2>&1 || bad "the open run failed"

if grep -q "gap.*not protected" "$TMP/p.log"; then bad "the gap is still said to be unprotected"; else ok; fi

for v in difference p_value ratio; do
    r=$(awk -F, -v ind="gap_$v" 'FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        NR == FNR { if ($1 == "share" && $(col["flags"]) ~ /suppressed/) hidden[$(col["region"]) "|" $(col["year"])] = 1; next }
        $1 == ind { n++; key = $(col["region"]) "|" $(col["year"]); sup = $(col["flags"]) ~ /suppressed/
                    if (sup) { s++; if ($(col["value"]) != ".." || $(col["ci_low"]) != "" || $(col["ci_high"]) != "") leak++ }
                    if (sup != (key in hidden)) { bad++; if (bad < 4) print "FAIL: " ind " " key > "/dev/stderr" } }
        END { print n + 0, s + 0, bad + 0, leak + 0 }' "$TMP/p/indicators.csv" "$TMP/p/indicators.csv")
    set -- $r
    check "gap $v: rows" "$1" "714"
    if [ "$2" -gt 0 ]; then ok; else bad "gap $v: no cell is suppressed at 3000, the test shows nothing"; fi
    check "gap $v: suppressed exactly where a sex's share is" "$3" "0"
    check "gap $v: a suppressed gap has no number in its row" "$4" "0"
done

# the published gaps are the open run's
r=$(awk -F, 'NR == FNR { if (FNR == 1) { for (i = 1; i <= NF; i++) c1[$i] = i; next }
                         if ($1 == "gap_difference") open[$(c1["region"]) "|" $(c1["year"])] = $(c1["value"]); next }
        FNR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $1 == "gap_difference" && $(col["flags"]) !~ /suppressed/ { n++; if ($(col["value"]) != open[$(col["region"]) "|" $(col["year"])]) bad++ }
        END { print n + 0, bad + 0 }' "$TMP/u/indicators.csv" "$TMP/p/indicators.csv")
set -- $r
check "every published gap equals the unprotected run's" "$2" "0"
if [ "$1" -gt 0 ]; then ok; else bad "no gap is published"; fi

finish sdc_gap
