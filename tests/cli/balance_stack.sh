#!/bin/sh
# Balance classes as shares, and the stacked chart that draws them (issue
# #12: "balance-class stacked bars").
#   - balanced_share with classes = all on SCB's 000000NL_10.csv (employed
#     persons, 21 counties + "county unknown" x 149 occupations x sex,
#     2014-2017; the unknown occupation 0002 excluded): the percent of
#     women, of men (by = ..., sex) and of all persons (without sex in by)
#     in female-dominated (> 60 % women), balanced (40-60 %) and
#     male-dominated (< 40 %) occupations, for every county-year, against
#     the independent oracle tests/oracle/segregation.py --class-shares
#     (stdlib Python) to 1e-9 relative; the three classes add up to 100;
#     the bootstrap interval holds the estimate in every county (the
#     "county unknown" row, a few hundred persons, is not asserted: a
#     debiased percentile interval of a step function can miss there);
#     the same seed gives the same bytes; classes = balanced by sex equals
#     the oracle's balanced share of women and of men.
#   - the stacked chart of it (year 2017): every part of every bar in its
#     .dat equals the indicator's value; the chart's CSV names each column
#     by its part and sex; the parts take the sexes' colours and grey; the
#     alt text gives the focus county's parts; sort = value orders the
#     counties by the first part (women's + men's share in
#     female-dominated occupations), checked with awk.
#   - a stacked chart of a data section (UF0506A1_2.csv, population by
#     level of education and sex, 2018): counts, not shares; each part
#     equals an awk sum over the file, and the axis reaches the largest bar.
#   - an invented table (said so below) with one missing count: its bar is
#     marked "..", and the missing part is never drawn as 0.
# Skips when ../shared/datasets is absent.
set -u
. "$(dirname "$0")/lib.sh"

NL=$SHARED/scb-exports/000000NL_10.csv
UF=$SHARED/scb-exports/UF0506A1_2.csv
ORACLE="/usr/bin/python3 tests/oracle/segregation.py"
if [ ! -f "$NL" ] || [ ! -f "$UF" ]; then
    skip "SCB exports absent in $SHARED/scb-exports"
    finish balance_stack
fi

cat > "$TMP/b.ini" <<EOF
[analysis]
title = t
focus = 24
[data occ]
file = $NL
source = SCB, 000000NL
[indicator cls]
kind = balanced_share
classes = all
over = occupation (SSYK 2012)
exclude = "occupation (SSYK 2012)":0002
by = region, year, sex
replicates = 200
[indicator cls_all]
kind = balanced_share
classes = all
over = occupation (SSYK 2012)
exclude = "occupation (SSYK 2012)":0002
by = region, year
replicates = 0
[indicator bal_sex]
kind = balanced_share
over = occupation (SSYK 2012)
exclude = "occupation (SSYK 2012)":0002
by = region, year, sex
replicates = 0
[chart st]
kind = stacked
indicator = cls
where = year:2017
sort = value
title = Könsbalans 2017
EOF
if ! "$JS" run "$TMP/b.ini" -o "$TMP/b" > "$TMP/b.log" 2>&1; then
    bad "the balance-class run failed: $(cat "$TMP/b.log")"
    finish balance_stack
fi
ok
$ORACLE "$NL" --exclude 0002 --class-shares > "$TMP/oracle.txt"

# every oracle share against the run: "compared bad" for one indicator
# (WHOM women/men from the sex column, all from an indicator without sex)
against() { # IND WHOM-FILTER
    awk -v ind="$1" -v only="$2" '
        NR == FNR { if (FNR == 1) { for (i = 1; i <= NF; i++) col[$i] = i; next }
                    if ($1 != ind) next
                    who = ("sex" in col) && $(col["sex"]) != "" ? $(col["sex"]) : "all"
                    cls = ("balance_class" in col) ? $(col["balance_class"]) : "balanced"
                    got[$(col["region"]) " " $(col["year"]) " " who " " cls] = $(col["value"]); next }
        only != "" && $3 !~ only { next }
        { key = $1 " " $2 " " $3 " " $4; want = $5; g = got[key]; n++
          d = g - want; if (d < 0) d = -d
          if (g == "" || d > 1e-9 * (want > 1 ? want : 1)) { bad++; if (bad < 5) print "FAIL: " ind " " key ": got " g ", expected " want > "/dev/stderr" } }
        END { print n + 0, bad + 0 }' FS=, "$TMP/b/indicators.csv" FS=" " "$TMP/oracle.txt"
}
check "classes = all by sex: 88 county-years x 2 sexes x 3 classes, none off" "$(against cls '^(women|men)$')" "528 0"
check "classes = all of all persons: 88 x 3, none off" "$(against cls_all '^all$')" "264 0"
r=$(awk '$4 == "balanced" && $3 != "all"' "$TMP/oracle.txt" > "$TMP/bal.txt"; awk -v ind=bal_sex '
        NR == FNR { if (FNR == 1) { for (i = 1; i <= NF; i++) col[$i] = i; next }
                    if ($1 == ind) got[$(col["region"]) " " $(col["year"]) " " $(col["sex"])] = $(col["value"]); next }
        { g = got[$1 " " $2 " " $3]; n++; d = g - $5; if (d < 0) d = -d; if (g == "" || d > 1e-9 * $5) bad++ }
        END { print n + 0, bad + 0 }' FS=, "$TMP/b/indicators.csv" FS=" " "$TMP/bal.txt")
check "classes = balanced by sex: women's and men's balanced share" "$r" "176 0"

# the three classes add up to 100 for every county-year and sex
r=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $1 == "cls" { s[$(col["region"]) "|" $(col["year"]) "|" $(col["sex"])] += $(col["value"]) }
        END { for (k in s) { n++; d = s[k] - 100; if (d < 0) d = -d; if (d > 1e-9) bad++ } print n + 0, bad + 0 }' \
    "$TMP/b/indicators.csv")
check "the classes add up to 100 in every bar" "$r" "176 0"

# the interval holds the estimate in every county (01-25)
r=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $1 == "cls" && $(col["region"]) != "99" { n++; v = $(col["value"]); lo = $(col["ci_low"]); hi = $(col["ci_high"])
            if (lo == "" || !(lo + 0 <= v + 0 && v + 0 <= hi + 0)) bad++ }
        END { print n + 0, bad + 0 }' "$TMP/b/indicators.csv")
check "the bootstrap interval holds the estimate in every county" "$r" "504 0"

# the same seed, the same bytes
"$JS" run "$TMP/b.ini" -o "$TMP/b2" > /dev/null 2>&1
if cmp -s "$TMP/b/indicators.csv" "$TMP/b2/indicators.csv"; then ok; else bad "a second run gave other numbers"; fi

# ---- the chart ------------------------------------------------------------------
DAT=$TMP/b/charts/st.dat
# .dat columns: i x label focus pos, then value text lo hi per series; the
# series' titles in the header, the parts in the order women, men per class
r=$(awk -F'\t' -v ind=cls '
        FNR == 1 && FILENAME ~ /indicators/ { n_h = split($0, h, ","); for (i = 1; i <= n_h; i++) col[h[i]] = i; next }
        FILENAME ~ /indicators/ { split($0, f, ","); if (f[1] == ind && f[col["year"]] == 2017)
                                      want[f[col["region_label"]] "|" f[col["balance_class"]] "|" f[col["sex"]]] = f[col["value"]]; next }
        /^#/ || NF < 6 { next }
        /^$/ { exit }
        { for (j = 0; j < 6; j++) { cls = j < 2 ? "female_dominated" : j < 4 ? "balanced" : "male_dominated"
                                     sex = j % 2 == 0 ? "women" : "men"; got = $(6 + 4 * j); w = want[$3 "|" cls "|" sex]; n++
                                     d = got - w; if (d < 0) d = -d; if (w == "" || d > 1e-9 * (w > 1 ? w : 1)) bad++ } }
        END { print n + 0, bad + 0 }' "$TMP/b/indicators.csv" FS='\t' "$DAT")
check "every part of every bar in the .dat equals the indicator (22 regions x 6)" "$r" "132 0"
case $(head -1 "$TMP/b/charts/st.csv") in
'kategori,"Kvinnodominerade (över 60 % kvinnor), kvinnor","Kvinnodominerade (över 60 % kvinnor), män",'*) ok ;;
*) bad "the chart CSV does not name its columns by part and sex: $(head -1 "$TMP/b/charts/st.csv")" ;;
esac
for colour in c_women c_neutral c_men; do
    n=$(grep -c "fillcolor rgb $colour" "$TMP/b/charts/st.gp")
    check "the parts drawn in $colour (women's bar and men's)" "$n" "2"
done
# sort = value: the counties by the women's plus the men's share in
# female-dominated occupations, largest first (ties keep the file's order)
want=$(awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $1 == "cls" && $(col["year"]) == 2017 && $(col["balance_class"]) == "female_dominated" {
            if (!($(col["region_label"]) in s)) order[++n] = $(col["region_label"]); s[$(col["region_label"])] += $(col["value"]) }
        END { for (i = 1; i <= n; i++) print s[order[i]] "\t" i "\t" order[i] }' "$TMP/b/indicators.csv" |
    sort -t "$(printf '\t')" -k1,1gr -k2,2n | cut -f3 | tr '\n' '|')
got=$(awk -F'\t' '/^#/ { next } /^$/ { exit } { print $3 }' "$DAT" | tr '\n' '|')
check "sort = value orders the counties by the first part" "$got" "$want"
alt=$(grep -o 'Staplade staplar[^"]*' "$TMP/b/report.html" | head -1)
w=$(value "$TMP/b/indicators.csv" cls region=24 year=2017 balance_class=balanced sex=women)
wt=$(printf '%.1f' "$w" | tr . ,)
case $alt in
*"Västerbotten county: kvinnor Kvinnodominerade"*"Jämn könsfördelning (40–60 % kvinnor) $wt"*"%"*) ok ;;
*) bad "the alt text lacks the focus's balanced share of women ($wt): $alt" ;;
esac

# ---- a data section: counts by level of education, 2018 ---------------------------
cat > "$TMP/e.ini" <<EOF
[analysis]
title = t
[data edu]
file = $UF
[chart levels]
kind = stacked
data = edu
where = year:2018 region:24,25
EOF
if "$JS" run "$TMP/e.ini" -o "$TMP/e" > "$TMP/e.log" 2>&1; then ok; else bad "the education run failed: $(cat "$TMP/e.log")"; fi
# the file's counts (region, age, level, sex, then one column per year;
# levels hold commas, so Python's csv reads it) for Västerbotten's women in
# each level, in the file's order, against the .dat row of Västerbotten:
# the women's series are columns 6, 14, 22, ... (women then men per level)
want=$(/usr/bin/python3 -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="cp1252", newline="")))
y = rows[0].index("2018")
print("".join("%d|" % int(r[y]) for r in rows[1:] if r[0].startswith("24 ") and r[3] == "women"))' "$UF")
got=$(awk -F'\t' '/^#/ { next } /^$/ { exit } $3 ~ /^24 |Västerbotten/ { for (j = 6; j <= NF; j += 8) printf "%s|", $j + 0 }' \
    "$TMP/e/charts/levels.dat")
check "each part of Västerbotten women's bar equals the file's count" "$got" "$want"
top=$(awk -F'\t' '/^#/ { next } /^$/ { exit } { for (s = 0; s < 2; s++) { t = 0; for (j = 6 + 4 * s; j <= NF; j += 8) t += $j; if (t > m) m = t } }
        END { print m }' "$TMP/e/charts/levels.dat")
xmax=$(sed -n 's/^set xrange \[0:\([0-9.e+]*\)\]/\1/p' "$TMP/e/charts/levels.gp")
if awk -v t="$top" -v x="$xmax" 'BEGIN { exit !(x + 0 >= t + 0 && x + 0 < 2 * t) }'; then ok
else bad "the axis ($xmax) should reach the largest bar ($top)"; fi

# ---- a missing count (an invented table: two regions, two parts, by sex) ----------
cat > "$TMP/m.csv" <<'EOF'
region,part,sex,2020
01 Invented A,one,women,10
01 Invented A,one,men,20
01 Invented A,two,women,..
01 Invented A,two,men,40
02 Invented B,one,women,50
02 Invented B,one,men,60
02 Invented B,two,women,70
02 Invented B,two,men,80
EOF
cat > "$TMP/m.ini" <<EOF
[analysis]
title = t
[data m]
file = $TMP/m.csv
[chart gap]
kind = stacked
data = m
EOF
"$JS" run "$TMP/m.ini" -o "$TMP/m" > "$TMP/m.log" 2>&1
row=$(awk -F'\t' '/^#/ { next } /^$/ { exit } $3 ~ /Invented A/ { print $14 }' "$TMP/m/charts/gap.dat")
check "the missing part is '..' in the .dat, never 0" "$row" ".."
if grep -q "valid(6) && valid(14)" "$TMP/m/charts/gap.gp" && grep -q "'..'" "$TMP/m/charts/gap.gp"; then ok
else bad "the bar with a missing part is not marked '..'"; fi

finish balance_stack
