#!/bin/sh
# make bench, part: the segregation bootstrap (issue #12).  Duncan's D with
# 1,000 multinomial bootstrap replicates for 21 counties + "county unknown"
# x 4 years over 149 occupations (SCB 000000NL_10), timed against the same
# run with replicates = 0, so that the replicates' own rate is shown; and
# the chi-square test (p value) per county-year; and the chi-square test
# per municipality for 290 municipalities x 150 categories (a generated
# table, see gen_muni).  BENCH_REPEAT runs per measurement (default 3; the
# median wall time is reported).
set -eu
ROOT=$(pwd)
JS="$ROOT/jamstat"
SHARED=${JS_SHARED_DATASETS:-$ROOT/../shared/datasets}
REPEAT=${BENCH_REPEAT:-3}
NL=$SHARED/scb-exports/000000NL_10.csv
if [ ! -f "$NL" ]; then
    echo "bench segregation: $NL is absent; nothing to measure" >&2
    exit 0
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# ini FILE KIND REPLICATES: one indicator over occupations by region and year
ini() {
    printf '[analysis]\ntitle = bench\n[data occ]\nfile = %s\n[indicator x]\nkind = %s\nover = occupation (SSYK 2012)\nexclude = "occupation (SSYK 2012)":0002\nby = region, year\nreplicates = %s\n' \
        "$NL" "$2" "$3" > "$1"
}
ini "$TMP/d0.ini" dissimilarity 0
ini "$TMP/d1000.ini" dissimilarity 1000
printf '[analysis]\ntitle = bench\n[data occ]\nfile = %s\n[indicator x]\nkind = independence_test\nvariant = chi_square\nover = occupation (SSYK 2012)\nby = region, year\n' \
    "$NL" > "$TMP/chi.ini"

. "$ROOT/bench/lib.sh" # median_wall
base=$(median_wall "$TMP/d0.ini")
wall=$(median_wall "$TMP/d1000.ini")
n=$(grep -c '^x,' "$TMP/out/indicators.csv")
awk -v n="$n" -v w="$wall" -v b="$base" 'BEGIN {
    reps = n * 1000; own = w - b
    printf "segregation bootstrap: D with 1000 replicates for %d county-years x 148 occupations in %.3f s (without replicates %.3f s): %s replicates/s beyond reading\n",
           n, w, b, (own > 0.0005 ? sprintf("%.0f", reps / own) : "too fast to time:")
}'
chi=$(median_wall "$TMP/chi.ini")
awk -v w="$chi" -v b="$base" 'BEGIN {
    printf "chi-square sex x occupation: %d county-years in %.3f s (reading and D alone %.3f s)\n", 88, w, b
}'

# gen_muni FILE: 290 municipalities (four-digit codes in 21 counties) x 150
# categories x women, men, one year: invented counts (awk's rand() from a
# fixed seed), each category's size drawn log-uniform from 1 to about
# 3 000 and its share of women uniform, so that small municipalities have
# categories with expected counts below 5, as real ones do.
gen_muni() {
    awk 'BEGIN { srand(12); print "region,category,sex,2020"
        for (m = 0; m < 290; m++) {
            code = sprintf("%02d%02d", 1 + m % 21, 10 + int(m / 21))
            scale = exp(rand() * 4)
            for (c = 1; c <= 150; c++) {
                t = int(exp(rand() * 8) * scale / 8); w = int(t * rand())
                printf "%s,c%03d,women,%d\n%s,c%03d,men,%d\n", code, c, w, code, c, t - w } } }' > "$1"
}
gen_muni "$TMP/muni.csv"
printf '[analysis]\ntitle = bench\n[data m]\nfile = %s\n[indicator x]\nkind = count\nby = region, sex\n' \
    "$TMP/muni.csv" > "$TMP/muni0.ini"
for v in chi_square p_value; do
    printf '[analysis]\ntitle = bench\n[data m]\nfile = %s\n[indicator x]\nkind = independence_test\nvariant = %s\nover = category\nby = region\n' \
        "$TMP/muni.csv" "$v" > "$TMP/muni_$v.ini"
done
mbase=$(median_wall "$TMP/muni0.ini")
mchi=$(median_wall "$TMP/muni_chi_square.ini")
mp=$(median_wall "$TMP/muni_p_value.ini")
few=$(grep -c 'few_expected' "$TMP/out/indicators.csv" || true)
awk -v b="$mbase" -v c="$mchi" -v p="$mp" -v few="$few" 'BEGIN {
    printf "chi-square per municipality: 290 municipalities x 150 categories (generated) in %.3f s, p values in %.3f s (%d with expected counts below 5: Monte-Carlo p); reading and counting alone %.3f s: the tests themselves %.3f s and %.3f s\n",
           c, p, few, b, (c > b ? c - b : 0), (p > b ? p - b : 0)
}'
