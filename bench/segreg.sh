#!/bin/sh
# make bench, part: the segregation bootstrap (issue #12).  Duncan's D with
# 1,000 multinomial bootstrap replicates for 21 counties + "county unknown"
# x 4 years over 149 occupations (SCB 000000NL_10), timed against the same
# run with replicates = 0, so that the replicates' own rate is shown; and
# the chi-square test (p value) per county-year.  BENCH_REPEAT runs per
# measurement (default 3; the median wall time is reported).
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
