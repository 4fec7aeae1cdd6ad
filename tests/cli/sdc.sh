#!/bin/sh
# Disclosure control in a run (issue #14): suppress_below on count results.
# 1. A small invented table by hand: 2 regions x 2 sexes, region A's men 2
#    (below 3), so A's women and one of B's cells must go too (the totals
#    by region and by sex are public): expected pattern by hand.
# 2. SCB's county population 2015 by county x sex x single year of age with
#    suppress_below = 50: every output of the run (indicators.csv, the xlsx
#    sheet, the charts' .dat and .csv, the table, the report's tables, alt
#    texts, manifest) holds no value at a suppressed cell, the charts say
#    what their ".." means, and the pattern passes the exact audit again
#    (tests/oracle/sdc_leak.py, which reads the true counts from the file
#    itself).
# 3. Mistakes: a bad [analysis] value; `jamstat check` reports the audit;
#    an unprotectable table exits 65.
# Also: a count that lists its totals and a share of the same table get one
# pattern; shares protected through their counts, [table] suppress_below,
# dominance = n,k on amounts (each with its pattern by hand).
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

# shares of counts are protected through their counts: regions A, B, C
# (A: 40 women, 2 men; B: 30, 25; C: 50, 60), totals public.  By hand: A's
# men (2) are primary, A's women follow from A's total, and one more region
# must lose both cells: B (the candidates go largest first, so C's are
# published).  The shares of women and of men of A and B would give the
# counts away (count = share x public total): "..", C's are 50/110, 60/110.
printf 'year,region,sex,persons\n2020,A,women,40\n2020,A,men,2\n2020,B,women,30\n2020,B,men,25\n2020,C,women,50\n2020,C,men,60\n' > "$TMP/s.csv"
sed 's/d.csv/s.csv/' "$TMP/a.ini" > "$TMP/s.ini"
printf '[indicator w]\nkind = share\npart = sex:women\nwhere = year:2020\nby = region\n[indicator m]\nkind = share\npart = sex:men\nwhere = year:2020\nby = region\n' >> "$TMP/s.ini"
"$JS" run "$TMP/s.ini" -o "$TMP/s" --format svg 2> "$TMP/s.err"
check "share run exits 0" "$?" 0
check "shares of A and B are '..', C's published (by hand)" \
    "$(awk -F, '$1 != "n" && NR > 1 { printf "%s%s=%s;", $1, $2, ($4 == ".." ? ".." : sprintf("%.6f", $4)) }' "$TMP/s/indicators.csv")" \
    "wA=..;wB=..;wC=45.454545;mA=..;mB=..;mC=54.545455;"
check "a suppressed share has no interval and flag suppressed" "$(awk -F, '$1 == "w" && $2 == "A" { print $5 $6 $8 }' "$TMP/s/indicators.csv")" suppressed
grep -q "w: disclosure control (suppress_below = 3): 1 tables, 12 cells with their totals, 1 primary and 3 complementary" "$TMP/s.err" && ok ||
    bad "share audit line: $(cat "$TMP/s.err")"

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
check "the audit counts the cells it proved safe" \
    "$(grep -c "audit: safe, all 4 suppressed cells proved unrecoverable" "$TMP/check.err")" 1
# a block too large for the dense audit (issue 14): 99 municipalities of one
# county x 2 sexes x 40 ages, counts 0..6 from a fixed generator: its
# 3794 suppressed cells include a block of more than 3000 (jamstat before
# the certificates said "not decided" for this table), and the
# certificates prove every one of them safe
awk 'BEGIN { s = 7; print "year,region,sex,age,persons"
    for (m = 1; m <= 99; m++) for (x = 0; x < 2; x++) for (a = 0; a < 40; a++) {
        s = (s * 1103515245 + 12345) % 2147483648
        printf "2020,01%02d,%s,%d,%d\n", m, x ? "men" : "women", a, int(s / 65536) % 7 } }' > "$TMP/big.csv"
sed 's/d.csv/big.csv/; s/by = region, sex/by = region, sex, age/' "$TMP/a.ini" > "$TMP/big.ini"
"$JS" check "$TMP/big.ini" 2> "$TMP/big.err"
check "check of the large block exits 0" "$?" 0
grep -q "n: disclosure control (suppress_below = 3): 1 tables, 12423 cells with their totals, 2212 primary and 1582 complementary suppressions; audit: safe, all 3794 suppressed cells proved unrecoverable" "$TMP/big.err" && ok ||
    bad "large block audit line: $(grep disclosure "$TMP/big.err")"
# an unprotectable table is a data problem (exit 65, not 70): municipality
# 2301 is alone in county 23, whose added total is public, so its men (2)
# equal county 23's men whatever else is suppressed (by hand).
printf 'year,region,sex,persons\n2020,2301,women,40\n2020,2301,men,2\n2020,2401,women,30\n2020,2401,men,25\n2020,2402,women,30\n2020,2402,men,25\n' > "$TMP/u.csv"
sed 's/d.csv/u.csv/' "$TMP/a.ini" > "$TMP/u.ini"
"$JS" run "$TMP/u.ini" -o "$TMP/u" --format svg 2> "$TMP/u.err"
check "an unsafe pattern exits 65 (bad data)" "$?" 65
grep -q "audit: UNSAFE" "$TMP/u.err" && ok || bad "no UNSAFE verdict: $(cat "$TMP/u.err")"
grep -q "\[indicator n\]: 1 suppressed cells could be recomputed exactly" "$TMP/u.err" && ok ||
    bad "unsafe message: $(cat "$TMP/u.err")"
grep -q "bug in jamstat" "$TMP/u.err" && bad "an unsafe table is called a bug" || ok
"$JS" check "$TMP/u.ini" 2> /dev/null
check "check on the unsafe table exits 65" "$?" 65
# protect_zeros: a 0 is primary too
printf 'year,region,sex,persons\n2020,A,women,40\n2020,A,men,0\n2020,B,women,30\n2020,B,men,25\n' > "$TMP/z.csv"
sed 's/d.csv/z.csv/' "$TMP/a.ini" > "$TMP/z.ini"
"$JS" run "$TMP/z.ini" -o "$TMP/z0" --format svg 2> /dev/null
check "a 0 is published by default" "$(awk -F, 'NR == 3 { print $4 }' "$TMP/z0/indicators.csv")" 0
"$JS" run "$TMP/z.ini" -o "$TMP/z1" --set analysis.protect_zeros=yes --format svg 2> /dev/null
check "protect_zeros = yes: the 0 is suppressed" "$(awk -F, 'NR == 3 { print $4 }' "$TMP/z1/indicators.csv")" ..
# per table: protect_zeros = yes in a [table] suppresses the 0 there only;
# with A's men (0) primary and A's total public, the pattern is the four
# cells as in case 1 (by hand), while indicators.csv publishes all four
printf '[table zt]\nindicators = n\nby = region, sex\nprotect_zeros = yes\n' >> "$TMP/z.ini"
"$JS" run "$TMP/z.ini" -o "$TMP/z2" --format svg 2> /dev/null
check "table protect_zeros: indicators.csv keeps the 0" "$(awk -F, 'NR == 3 { print $4 }' "$TMP/z2/indicators.csv")" 0
check "table protect_zeros = yes: the table's four cells are '..' (by hand)" \
    "$(awk -F, 'NR > 1 { printf "%s%s=%s;", $1, $2, $3 }' "$TMP/z2/zt.csv")" "Amen=..;Awomen=..;Bmen=..;Bwomen=..;"

# ---- one table, one pattern: a count that lists its totals and a share -------------
# (invented numbers; a table found by a random search in which the two used
# to get different patterns: the count suppressed region B's total as a
# complement, while the share, whose table had no such total, published
# B's share of women beside B's public count of women, which gave the total
# away.)  Totals are known, listed or not, so both get the same pattern; no
# published share may then stand beside a published numerator and a
# suppressed denominator, or a published denominator and a suppressed
# numerator (awk over indicators.csv, the share's rows joined to the
# count's).
printf 'region,age,sex,value\nA,0-19,K,2\nA,0-19,M,25\nA,20-64,K,1\nA,20-64,M,4\nA,65+,K,1\nA,65+,M,10\nB,0-19,K,10\nB,0-19,M,10\nB,20-64,K,40\nB,20-64,M,8\nB,65+,K,3\nB,65+,M,1\nC,0-19,K,10\nC,0-19,M,0\nC,20-64,K,8\nC,20-64,M,8\nC,65+,K,25\nC,65+,M,0\n' > "$TMP/lk.csv"
printf '[analysis]\ntitle = t\nsuppress_below = 5\noutputs = indicators\n[data d]\nfile = lk.csv\n[indicator sw]\nkind = share\npart = sex:K\nby = region, age\nwhere = region:A,B,C,total age:0-19,20-64,65+,total\n[indicator n]\nkind = count\nby = region, age, sex\nwhere = region:A,B,C,total age:0-19,20-64,65+,total sex:K,M,total\n' > "$TMP/lk.ini"
"$JS" run "$TMP/lk.ini" -o "$TMP/lk" 2> "$TMP/lk.err"
check "linked: run exits 0" "$?" 0
check "linked: the count and the share get one pattern" \
    "$(sed -n 's/.*\(sw\|n\): disclosure control (suppress_below = 5): \(.*\); audit.*/\2/p' "$TMP/lk.err" | sort -u | wc -l | tr -d ' ')" 1
check "linked: no published share gives a suppressed count away" \
    "$(awk -F, '$1 == "n" { v[$2 "," $4 "," $6] = $8 }
        $1 == "sw" { s[$2 "," $4] = $8 }
        END { for (k in s) { if (s[k] == "..") continue
                  kk = v[k ",K"]; t = v[k ",total"]
                  if ((kk == ".." && t != "..") || (t == ".." && kk != ".." && kk > 0)) print "leak " k } }' \
        "$TMP/lk/indicators.csv")" ""
check "linked: B's share is published, as are its numerator and total (by hand: 53 of 72)" \
    "$(awk -F, '($1 == "sw" && $2 == "B" && $4 == "total") { printf "%s;", $8 }
                ($1 == "n" && $2 == "B" && $4 == "total" && $6 != "M") { printf "%s;", $8 }' "$TMP/lk/indicators.csv")" \
    "73.61111111111111;53;72;"
grep -q "n: 2 totals below the threshold are printed '..', but totals are taken to be public" "$TMP/lk.err" && ok ||
    bad "linked: no warning of the small totals: $(cat "$TMP/lk.err")"

# ---- [table] suppress_below: the table's own threshold, for what it publishes ----
# Regions A-D (A: 40 women, 2 men; B: 30, 25; C: 50, 60; D: 45, 35).  The
# indicator (suppress_below = 3): A's men primary, A's women and both of
# B's complements (the smallest candidates), C and D published.  Table
# strict (46): every cell below 46 is primary, all of A, B and D; C's 50
# and 60 published; six unknowns under 3 + 2 - 1 independent totals:
# none recoverable, no complement.  Table open (0): every value.  Table
# ws (46) of the share of women: D's share would give D's women away.
printf 'year,region,sex,persons\n2020,A,women,40\n2020,A,men,2\n2020,B,women,30\n2020,B,men,25\n2020,C,women,50\n2020,C,men,60\n2020,D,women,45\n2020,D,men,35\n' > "$TMP/tb.csv"
printf '[analysis]\ntitle = t\nlanguage = en\nsuppress_below = 3\n[data d]\nfile = tb.csv\n[indicator n]\nkind = count\nwhere = year:2020\nby = region, sex\n[indicator w]\nkind = share\npart = sex:women\nwhere = year:2020\nby = region\n[table strict]\nindicators = n\nby = region, sex\nsuppress_below = 46\n[table open]\nindicators = n\nby = region, sex\nsuppress_below = 0\n[table ws]\nindicators = w\nby = region\nsuppress_below = 46\n[chart c]\nkind = bars\nindicator = n\n' > "$TMP/tb.ini"
"$JS" run "$TMP/tb.ini" -o "$TMP/tb" --format svg 2> "$TMP/tb.err"
check "table override run exits 0" "$?" 0
check "indicators.csv keeps the indicator's pattern (by hand)" \
    "$(awk -F, '$1 == "n" { printf "%s%s=%s;", $2, $3, $4 }' "$TMP/tb/indicators.csv")" \
    "Awomen=..;Amen=..;Bwomen=..;Bmen=..;Cwomen=50;Cmen=60;Dwomen=45;Dmen=35;"
check "table strict (46): A, B and D '..' (by hand)" \
    "$(awk -F, 'NR > 1 { printf "%s%s=%s;", $1, $2, $3 }' "$TMP/tb/strict.csv")" \
    "Amen=..;Awomen=..;Bmen=..;Bwomen=..;Cmen=60;Cwomen=50;Dmen=..;Dwomen=..;"
# the chart of n: A's and B's suppressed cells are ".." in its CSV and in
# its xlsx, never blank (a blank is summed as 0) nor the value
check "chart csv: '..' where indicators.csv has it (by hand, from the line above)" \
    "$(awk -F, 'NR > 1 { printf "%s=%s/%s;", $1, $2, $3 }' "$TMP/tb/charts/c.csv" | head -c 200)" \
    "A=../..;B=../..;C=50/60;D=45/35;"
check "chart xlsx: the same '..' (xlsx_rows.py marks numbers with #)" \
    "$(/usr/bin/python3 "$ROOT/tests/oracle/xlsx_rows.py" "$TMP/tb/charts/c.xlsx" | awk -F'|' 'NR > 1 && NR <= 5 { printf "%s=%s/%s;", $2, $3, $4 }')" \
    "A=../..;B=../..;C=#50/#60;D=#45/#35;"
check "table open (0): every value" \
    "$(awk -F, 'NR > 1 { printf "%s%s=%s;", $1, $2, $3 }' "$TMP/tb/open.csv")" \
    "Amen=2;Awomen=40;Bmen=25;Bwomen=30;Cmen=60;Cwomen=50;Dmen=35;Dwomen=45;"
check "table ws (46): only C's share (by hand: 100 x 50 / 110)" \
    "$(awk -F, 'NR > 1 { printf "%s=%s;", $1, $2 }' "$TMP/tb/ws.csv")" "A=..;B=..;C=45.5;D=..;"
grep -q "\[table strict\] n: disclosure control (suppress_below = 46): 1 tables, 15 cells with their totals, 6 primary and 0 complementary suppressions; audit: safe" "$TMP/tb.err" && ok ||
    bad "table audit line: $(cat "$TMP/tb.err")"
"$JS" run "$TMP/tb.ini" -o "$TMP/tbx" --set table.strict.suppress_below=lots 2> "$TMP/tbx.err"
check "table suppress_below = lots exits 64" "$?" 64
grep -q '\[table strict\]: suppress_below must be a number 0 or more, found "lots"' "$TMP/tbx.err" && ok || bad "table message: $(cat "$TMP/tbx.err")"

# ---- sdcTable's microdata1, region x gender ------------------------------------
# The counts of sdcTools/sdcTable's data set microdata1 (data/microdata1.rda,
# 100 persons, read off the file): A 2 women, 18 men; B 19, 14; C 10, 12;
# D 14, 11.  Its tests/testthat/test-protectTable.r marks A/female primary
# and expects the pattern of cells 5, 6, 11, 12 (A and C, both sexes) from
# OPT, HYPERCUBE, HITAS and SIMPLEHEURISTIC (GAUSS: A and D).  jamstat,
# suppress_below = 3 (2 is the only count below), gives the same pattern,
# and the oracle's exact audit (tests/oracle/sdc_audit.py) finds it safe.
printf 'region,gender,persons\nA,female,2\nA,male,18\nB,female,19\nB,male,14\nC,female,10\nC,male,12\nD,female,14\nD,male,11\n' > "$TMP/md.csv"
printf '[analysis]\ntitle = t\nlanguage = en\nsuppress_below = 3\n[data d]\nfile = md.csv\n[indicator n]\nkind = count\nby = region, gender\n' > "$TMP/md.ini"
"$JS" run "$TMP/md.ini" -o "$TMP/md" --format svg 2> "$TMP/md.err"
check "microdata1 run exits 0" "$?" 0
check "microdata1: A and C suppressed, as sdcTable's OPT" \
    "$(awk -F, '$4 == ".." { printf "%s/%s ", $2, $3 }' "$TMP/md/indicators.csv")" "A/female A/male C/female C/male "
grep -q "n: disclosure control (suppress_below = 3): 1 tables, 15 cells with their totals, 1 primary and 3 complementary suppressions; audit: safe" "$TMP/md.err" && ok ||
    bad "microdata1 audit line: $(cat "$TMP/md.err")"
if [ -x /usr/bin/python3 ]; then
    /usr/bin/python3 - "$ROOT/tests/oracle" "$TMP/md/indicators.csv" > "$TMP/md.audit" <<'PY'
import csv, sys
sys.path.insert(0, sys.argv[1])
import sdc_audit
regions, sexes = ["A", "B", "C", "D"], ["female", "male"]
cell = {(r, s): i for i, (r, s) in enumerate((r, s) for r in regions + ["T"] for s in sexes + ["T"])}
rows = [dict([(cell[(r, "T")], 1)] + [(cell[(r, s)], -1) for s in sexes]) for r in regions + ["T"]]
rows += [dict([(cell[("T", s)], 1)] + [(cell[(r, s)], -1) for r in regions]) for s in sexes + ["T"]]
unknown = {cell[(row["region"], row["gender"])] for row in csv.DictReader(open(sys.argv[2])) if row["value"] == ".."}
print(len(unknown), "suppressed,", len(sdc_audit.recoverable(rows, unknown)), "recoverable")
PY
    check "the oracle's exact audit of the microdata1 pattern" "$(cat "$TMP/md.audit")" "4 suppressed, 0 recoverable"
else
    skip "/usr/bin/python3 absent: the microdata1 oracle audit is skipped"
fi

# ---- dominance = n,k on amounts ------------------------------------------------
# Turnover of three companies in regions A, B, C (invented), count by
# region with dominance = 1,50: A's largest is 90 of 100 and C's 60 of 100
# (> 50 %: primary), B's 40 of 100 is not; the total (200 + ... = 300) is
# public and A + C = 300 - 100 has two unknowns, so no complement (by hand).
printf 'year,region,company,turnover\n2020,A,c1,90\n2020,A,c2,5\n2020,A,c3,5\n2020,B,c1,30\n2020,B,c2,40\n2020,B,c3,30\n2020,C,c1,20\n2020,C,c2,20\n2020,C,c3,60\n' > "$TMP/c.csv"
printf '[analysis]\ntitle = t\nlanguage = en\ndominance = 1,50\n[data d]\nfile = c.csv\nmeasure = turnover\nmeasure_type = amount\n[indicator t]\nkind = count\nwhere = year:2020\nby = region\n' > "$TMP/c.ini"
"$JS" run "$TMP/c.ini" -o "$TMP/c" --format svg 2> "$TMP/c.err"
check "dominance run exits 0" "$?" 0
check "A and C dominated, B published (by hand)" \
    "$(awk -F, 'NR > 1 { printf "%s=%s;", $2, $3 }' "$TMP/c/indicators.csv")" "A=..;B=100;C=..;"
grep -q "t: disclosure control (dominance = 1,50): 1 tables, 4 cells with their totals, 2 primary and 0 complementary suppressions; audit: safe" "$TMP/c.err" && ok ||
    bad "dominance audit line: $(cat "$TMP/c.err")"
# per indicator: its own key wins; 2,95: A's two largest 95 of 100 is not
# more than 95 %, C's 80 not either, so nothing is suppressed (by hand)
"$JS" run "$TMP/c.ini" -o "$TMP/c2" --set indicator.t.dominance=2,95 --format svg 2> /dev/null
check "t.dominance = 2,95: nothing dominated" "$(awk -F, 'NR > 1 { printf "%s=%s;", $2, $3 }' "$TMP/c2/indicators.csv")" "A=100;B=100;C=100;"
# without contributors the rule cannot be judged: a clear error
printf '[indicator u]\nkind = count\nwhere = year:2020 company:c1\nby = region\n' >> "$TMP/c.ini"
"$JS" run "$TMP/c.ini" -o "$TMP/c3" --format svg 2> "$TMP/c3.err"
check "dominance without contributors exits 64" "$?" 64
grep -q "\[indicator u\]: dominance needs the contributors of each amount, found data \[d\] with no dimension beyond the result's" "$TMP/c3.err" && ok ||
    bad "no-contributor message: $(cat "$TMP/c3.err")"
"$JS" run "$TMP/c.ini" -o "$TMP/c4" --set analysis.dominance=1,100 --format svg 2> "$TMP/c4.err"
check "dominance = 1,100 exits 64" "$?" 64
grep -q 'dominance must be n,k .*found "1,100"' "$TMP/c4.err" && ok || bad "bad dominance message: $(cat "$TMP/c4.err")"

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
[indicator wshare]
kind = share
part = sex:women
where = year:2015
by = region, age
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
    grep -q "0 recoverable, [0-9]* share rows, 0 leaks" "$TMP/leak.out" && ok || bad "leak summary: $(cat "$TMP/leak.out")"
    # the share of women by county x age: 21 x 101 rows, none leaking
    grep -q "2121 share rows, 0 leaks" "$TMP/leak.out" && ok || bad "share rows: $(cat "$TMP/leak.out")"
    grep -q "wshare: disclosure control (suppress_below = 50): 1 tables, 6732 cells" "$TMP/pop.err" && ok ||
        bad "the share is not protected: $(grep wshare "$TMP/pop.err")"
    # the share check can fail: a copy of the run with one suppressed share
    # given a number (Stockholm's women aged 98 are complementary-suppressed)
    cp -r "$TMP/pop" "$TMP/popx"
    awk -F, -v OFS=, '$1 == "wshare" && $2 == "01" && $5 == "98" { $6 = "80.1" } { print }' \
        "$TMP/pop/indicators.csv" > "$TMP/popx/indicators.csv"
    if /usr/bin/python3 "$ROOT/tests/oracle/sdc_leak.py" "$TMP/popx" "$POP" 2015 50 > "$TMP/leakx.out"; then
        bad "the leak oracle passes a published suppressed share"
    else grep -q "LEAK: wshare ('01', 'women', '98')" "$TMP/leakx.out" && ok || bad "leakx: $(cat "$TMP/leakx.out")"; fi
    # the charts say what their ".." means (the image's note above the
    # source, and the alt text), and a chart with nothing suppressed does not
    check "charts with suppressed cells carry the note" \
        "$(grep -l "^set label 9 '..  skyddat värde" "$TMP/pop/charts/old.gp" "$TMP/pop/charts/heat.gp" | wc -l | tr -d ' ')" 2
    # and the legend of the bars and the pyramid has an entry for ".."
    check "the legends carry '..  skyddat värde'" \
        "$(grep -l "keyentry .* title '..  skyddat värde'" "$TMP/pop/charts/old.gp" "$TMP/pop/charts/pyr.gp" | wc -l | tr -d ' ')" 2
    grep -q 'Vissa värden är skyddade och visas som två punkter' "$TMP/pop/report.html" && ok ||
        bad "no alt text says that values are suppressed"
    # the oracle does find leaks where there are some: the same run unprotected
    "$JS" run "$TMP/pop.ini" -o "$TMP/pop0" --set analysis.suppress_below=0 --format svg 2> /dev/null
    if /usr/bin/python3 "$ROOT/tests/oracle/sdc_leak.py" "$TMP/pop0" "$POP" 2015 50 > "$TMP/leak0.out" 2>&1; then
        bad "the leak oracle passes an unprotected run"
    else
        # a leak found, not the oracle failing for a reason of its own
        grep -q "^LEAK: " "$TMP/leak0.out" && ok || bad "leak0: $(tail -3 "$TMP/leak0.out")"
    fi
    check "the unprotected run's charts have no such note" "$(grep -c '^set label 9 ' "$TMP/pop0/charts/old.gp")" 0
    check "nor such a legend entry" "$(grep -c "title '..  skyddat värde'" "$TMP/pop0/charts/old.gp")" 0
fi
finish sdc
