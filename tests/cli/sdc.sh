#!/bin/sh
# Disclosure control in a run (issue #14): suppress_below on count results.
# 1. A small invented table by hand: 2 regions x 2 sexes, region A's men 2
#    (below 3), so A's women and one of B's cells must go too (the totals
#    by region and by sex are public): expected pattern by hand.
# 2. SCB's county population 2015 by county x sex x single year of age with
#    suppress_below = 50: every output of the run (indicators.csv, the xlsx
#    sheet, the charts' .dat and .csv, the table, the report's tables, alt
#    texts, manifest) holds no value at a suppressed cell, and the pattern
#    passes the exact audit again (tests/oracle/sdc_leak.py, which reads the
#    true counts from the file itself).
# 3. Mistakes: a bad [analysis] value; `jamstat check` reports the audit.
# Closes with "sdc: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"

# ---- 1. by hand -----------------------------------------------------------------
# A: women 40, men 2; B: women 30, men 25.  Primary: A men (2 < 3).  With
# A's total (42) and the men's total (27) public, A women and B men follow,
# then B women: all four are suppressed (one free parameter remains).
printf 'year,region,sex,persons\n2020,A,women,40\n2020,A,men,2\n2020,B,women,30\n2020,B,men,25\n' > "$TMP/d.csv"
printf '[analysis]\ntitle = t\nlanguage = en\nsuppress_below = 3\n[data d]\nfile = d.csv\n[indicator n]\nkind = count\nwhere = year:2020\nby = region, sex\n' > "$TMP/a.ini"
"$JS" run "$TMP/a.ini" -o "$TMP/out" --format svg 2> "$TMP/err"
check "run exits 0" "$?" 0
check "the four cells are '..' (by hand)" \
    "$(awk -F, 'NR > 1 { printf "%s%s=%s;", $2, $3, $4 }' "$TMP/out/indicators.csv")" "Awomen=..;Amen=..;Bwomen=..;Bmen=..;"
check "flag suppressed, no small_n" "$(awk -F, 'NR == 3 { print $NF }' "$TMP/out/indicators.csv")" suppressed
grep -q "1 primary and 3 complementary suppressions; audit: safe" "$TMP/err" && ok || bad "audit line: $(cat "$TMP/err")"
# without the threshold the values are there
"$JS" run "$TMP/a.ini" -o "$TMP/out0" --set analysis.suppress_below=0 --format svg 2> /dev/null
check "suppress_below = 0: no suppression" "$(awk -F, 'NR == 3 { print $4 }' "$TMP/out0/indicators.csv")" 2
# per indicator: its own key wins
"$JS" run "$TMP/a.ini" -o "$TMP/out1" --set indicator.n.suppress_below=2 --format svg 2> /dev/null
check "n.suppress_below = 2: 2 is not below 2" "$(awk -F, 'NR == 3 { print $4 }' "$TMP/out1/indicators.csv")" 2

# ---- 3. mistakes and check -------------------------------------------------------
"$JS" run "$TMP/a.ini" -o "$TMP/bad" --set analysis.suppress_below=many 2> "$TMP/bad.err"
check "suppress_below = many exits 64" "$?" 64
grep -q 'suppress_below must be a number 0 or more, found "many"' "$TMP/bad.err" && ok || bad "message: $(cat "$TMP/bad.err")"
"$JS" run "$TMP/a.ini" -o "$TMP/bad" --set analysis.protect_zeros=maybe 2> "$TMP/bad.err"
check "protect_zeros = maybe exits 64" "$?" 64
"$JS" check "$TMP/a.ini" 2> "$TMP/check.err"
check "check exits 0" "$?" 0
grep -q "n: disclosure control (suppress_below = 3): 1 tables, 9 cells with their totals, 1 primary and 3 complementary suppressions; audit: safe" "$TMP/check.err" && ok ||
    bad "check does not report the audit: $(cat "$TMP/check.err")"
# protect_zeros: a 0 is primary too
printf 'year,region,sex,persons\n2020,A,women,40\n2020,A,men,0\n2020,B,women,30\n2020,B,men,25\n' > "$TMP/z.csv"
sed 's/d.csv/z.csv/' "$TMP/a.ini" > "$TMP/z.ini"
"$JS" run "$TMP/z.ini" -o "$TMP/z0" --format svg 2> /dev/null
check "a 0 is published by default" "$(awk -F, 'NR == 3 { print $4 }' "$TMP/z0/indicators.csv")" 0
"$JS" run "$TMP/z.ini" -o "$TMP/z1" --set analysis.protect_zeros=yes --format svg 2> /dev/null
check "protect_zeros = yes: the 0 is suppressed" "$(awk -F, 'NR == 3 { print $4 }' "$TMP/z1/indicators.csv")" ..

# ---- 2. SCB's county population -------------------------------------------------
POP="$SHARED/scb-county-population-1968-2015.csv"
if [ ! -f "$POP" ]; then
    skip "$POP absent: the real-data leak check is skipped"
elif [ ! -x /usr/bin/python3 ]; then
    skip "/usr/bin/python3 absent: the real-data leak check is skipped"
else
    cat > "$TMP/pop.ini" <<INI
[analysis]
title = Disclosure control on SCB's county population
suppress_below = 50
[data population]
file = $POP
[indicator pop]
kind = count
where = year:2015
by = region, sex, age
[chart pyr]
kind = pyramid
indicator = pop
where = region:23
[chart old]
kind = bars
indicator = pop
where = age:100+
[chart heat]
kind = heatmap
indicator = pop
where = sex:women age:90-
[table t]
indicators = pop
by = region, sex, age
INI
    "$JS" run "$TMP/pop.ini" -o "$TMP/pop" --format svg 2> "$TMP/pop.err"
    check "county run exits 0" "$?" 0
    grep -q "pop: disclosure control (suppress_below = 50): 1 tables, 6732 cells with their totals, .*audit: safe" "$TMP/pop.err" && ok ||
        bad "county audit line: $(grep disclosure "$TMP/pop.err")"
    # the primary cells by awk over the file: 0 < count < 50 in 2015
    want=$(awk -F, '$1 == 2015 && $6 > 0 && $6 < 50' "$POP" | wc -l | tr -d ' ')
    grep -q "pop: disclosure control (suppress_below = 50): 1 tables, 6732 cells with their totals, $want primary" "$TMP/pop.err" && ok ||
        bad "primary count is not awk's $want: $(grep disclosure "$TMP/pop.err")"
    if /usr/bin/python3 "$ROOT/tests/oracle/sdc_leak.py" "$TMP/pop" "$POP" 2015 50 > "$TMP/leak.out"; then ok
    else bad "leaks: $(cat "$TMP/leak.out")"; fi
    grep -q "0 recoverable, 0 leaks" "$TMP/leak.out" && ok || bad "leak summary: $(cat "$TMP/leak.out")"
    # the oracle does find leaks where there are some: the same run unprotected
    "$JS" run "$TMP/pop.ini" -o "$TMP/pop0" --set analysis.suppress_below=0 --format svg 2> /dev/null
    if /usr/bin/python3 "$ROOT/tests/oracle/sdc_leak.py" "$TMP/pop0" "$POP" 2015 50 > /dev/null; then
        bad "the leak oracle passes an unprotected run"
    else ok; fi
fi
finish sdc
