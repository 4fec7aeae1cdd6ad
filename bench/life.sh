#!/bin/sh
# make bench, part: life tables per second (issue #11).  21 counties x 48
# years x 2 sexes = 2,016 single-year tables (0 ... 100+) from SCB's county
# files, once with pool = 1 and once with pool = 5; each run also timed
# against a run that only reads the same two files (a count), so that the
# tables' own rate is shown beside the whole run's.  BENCH_REPEAT runs per
# measurement (default 5; the median wall time is reported).
set -eu
ROOT=$(pwd)
JS="$ROOT/jamstat"
SHARED=${JS_SHARED_DATASETS:-$ROOT/../shared/datasets}
REPEAT=${BENCH_REPEAT:-5}
D=$SHARED/scb-county-deaths-1968-2015.csv
P=$SHARED/scb-county-population-1968-2015.csv
if [ ! -f "$D" ] || [ ! -f "$P" ]; then
    echo "bench life: $D or $P is absent; nothing to measure" >&2
    exit 0
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# ini FILE KIND-LINES: an analysis of the two files
ini() {
    printf '[analysis]\ntitle = bench\n[data deaths]\nfile = %s\n[data population]\nfile = %s\n%s\n' \
        "$D" "$P" "$2" > "$1"
}
ini "$TMP/read.ini" "[indicator n]
kind = count
data = deaths
by = region, year, sex
[indicator p]
kind = count
data = population
by = region, year, sex"
for pool in 1 5; do
    ini "$TMP/lt$pool.ini" "[indicator e0]
kind = life_expectancy
deaths = deaths
population = population
pool = $pool
by = region, year, sex"
done

# median_wall INI: the median wall time of REPEAT runs, in seconds
median_wall() {
    i=0
    : > "$TMP/times"
    while [ "$i" -lt "$REPEAT" ]; do
        /usr/bin/time -f "%e" -o "$TMP/t" "$JS" run "$1" -o "$TMP/out" --set analysis.outputs=indicators \
            > /dev/null 2>&1
        cat "$TMP/t" >> "$TMP/times"
        i=$((i + 1))
    done
    sort -n "$TMP/times" | awk '{ t[NR] = $1 } END { print t[int((NR + 1) / 2)] }'
}
base=$(median_wall "$TMP/read.ini")
for pool in 1 5; do
    wall=$(median_wall "$TMP/lt$pool.ini")
    n=$(grep -c '^e0,' "$TMP/out/indicators.csv")
    awk -v n="$n" -v w="$wall" -v b="$base" -v pool="$pool" 'BEGIN {
        own = w - b
        printf "life tables, pool = %d: %d tables in %.3f s (the run; reading alone %.3f s): %.0f tables/s, %s tables/s beyond reading\n",
               pool, n, w, b, (w > 0 ? n / w : 0), (own > 0.0005 ? sprintf("%.0f", n / own) : "too fast to time:")
    }'
done
