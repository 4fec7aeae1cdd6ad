#!/bin/sh
# Every indicator kind on real data: ratio, gap, age_distribution and
# mean_age on SCB's county table, against the independent awk oracle
# tests/oracle/county_more.awk (tests/cli/run.sh covers count, share,
# dependency and median_age the same way).  Skips when ../shared is absent.
# Closes with "kinds: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
POP="$SHARED/scb-county-population-1968-2015.csv"

if [ ! -f "$POP" ]; then
    skip "$POP absent: indicator kinds on real data skipped"
    finish kinds
fi
cat > "$TMP/kinds.ini" <<INI
[data population]
file = $POP
[indicator sex_ratio]
kind = ratio
numerator = sex:men
denominator = sex:women
scale = 100
by = region, year
[indicator mean_age]
kind = mean_age
by = region, year
[indicator mean_age_sex]
kind = mean_age
by = region, year, sex
[indicator bands]
kind = age_distribution
bands = 0-19,20-64,65-
percent = yes
by = region, year
[indicator median_sex]
kind = median_age
by = region, year, sex
[indicator median_gap]
kind = gap
of = median_sex
variant = difference
[indicator median_all]
kind = median_age
by = region, year
[indicator median_trend]
kind = trend
of = median_all
fit_from = 2000
project_to = 2030
INI
if ! "$JS" run "$TMP/kinds.ini" -o "$TMP/out" 2> "$TMP/err"; then
    bad "run failed: $(cat "$TMP/err")"
else
    CSV="$TMP/out/indicators.csv"
    for case in "10 2015" "23 1968" "01 2000" "25 1985"; do
        set -- $case
        set -- "$1" "$2" $(awk -v R="$1" -v Y="$2" -f tests/oracle/county_more.awk "$POP")
        close "sex ratio $1 $2" "$(value "$CSV" sex_ratio region=$1 year=$2)" "$3"
        close "mean age $1 $2" "$(value "$CSV" mean_age region=$1 year=$2)" "$4"
        close "share 65+ (age band, percent) $1 $2" "$(value "$CSV" bands region=$1 year=$2 age=65-)" "$5"
        close "median age women $1 $2" "$(value "$CSV" median_sex region=$1 year=$2 sex=women)" "$6"
        close "median age men $1 $2" "$(value "$CSV" median_sex region=$1 year=$2 sex=men)" "$7"
        close "median gap women - men $1 $2" "$(value "$CSV" median_gap region=$1 year=$2)" "$(awk -v a="$6" -v b="$7" 'BEGIN { printf "%.10f", a - b }')"
        close "mean age women $1 $2" "$(value "$CSV" mean_age_sex region=$1 year=$2 sex=women)" "$8"
    done
    # trend: OLS of the median ages 2000-2015 (each from the awk oracle),
    # evaluated at 2030 by awk's own least squares
    for reg in 10 23; do
        want=$(for y in $(seq 2000 2015); do
                   printf '%s %s\n' "$y" "$(awk -v R="$reg" -v Y="$y" -f tests/oracle/county_indicators.awk "$POP" | cut -d' ' -f7)"
               done | awk '{ n++; sx += $1; sy += $2; sxx += $1 * $1; sxy += $1 * $2 }
                     END { b = (n * sxy - sx * sy) / (n * sxx - sx * sx); a = (sy - b * sx) / n
                           printf "%.10f", a + b * 2030 }')
        close "trend of median age, $reg, at 2030" "$(value "$CSV" median_trend region=$reg year=2030)" "$want"
    done
fi
# tab8 (heading labels "2006 Kvinnor" = year and sex): the numbers describe
# counts as present equal the numeric cells Python's csv module finds
T8="$SHARED/scb-exports/tab8_tidsserie_2018.csv"
if [ -f "$T8" ]; then
    want=$(python3 -c 'import csv,sys
rows=list(csv.reader(open(sys.argv[1],encoding="cp1252")))
n=0
for r in rows[1:]:
    for v in r[2:]:
        try: float(v); n+=1
        except ValueError: pass
print(n)' "$T8")
    got=$("$JS" describe "$T8" | sed -n 's/^cells: [0-9]* (present \([0-9]*\),.*/\1/p')
    if [ "$got" = "$want" ]; then ok; else bad "tab8 present cells: got '$got', expected $want"; fi
    if "$JS" describe "$T8" | grep -q '^  sex: role sex, 3 categories'; then ok; else bad "tab8: no sex dimension from the heading labels"; fi
fi
# a dimension name with spaces, quoted in a selection: women's share of the
# nursing occupations (SSYK 222 + 223) in Blekinge 2017, against awk over the
# Latin-1 file
NL="$SHARED/scb-exports/000000NL_10.csv"
if [ -f "$NL" ]; then
    printf '[data occ]\nfile = %s\n[indicator w]\nkind = share\npart = sex:women\nby = region\nwhere = year:2017 "occupation (SSYK 2012)":222,223\n' "$NL" > "$TMP/q.ini"
    if "$JS" run "$TMP/q.ini" -o "$TMP/q" 2> "$TMP/q.err"; then
        want=$(iconv -f WINDOWS-1252 -t UTF-8 "$NL" | awk -F'","' '$1 ~ /^"10 / && $2 ~ /^22[23] / {
                   split($3, f, "\",") ; n = split($0, all, ","); v = all[n] + 0; t += v; if ($3 ~ /^women/) w += v }
                   END { printf "%.10f", 100 * w / t }')
        close "quoted dimension name in where" "$(value "$TMP/q/indicators.csv" w region=10)" "$want"
    else
        bad "quoted dimension run: $(cat "$TMP/q.err")"
    fi
fi
finish kinds
