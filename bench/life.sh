#!/bin/sh
# make bench, part: life tables per second (issue #11).  21 counties x 48
# years x 2 sexes = 2,016 single-year tables (0 ... 100+) from SCB's county
# files, once with pool = 1 and once with pool = 5; each run also timed
# against a run that only reads the same two files (a count), so that the
# tables' own rate is shown beside the whole run's.  Then the municipal
# shape the issue asks for, on generated data (there is no public file of
# it here): 290 municipalities x 30 years x 2 sexes = 17,400 single-year
# tables, pool = 1 and pool = 5.  BENCH_REPEAT runs per measurement
# (default 5; the median wall time is reported).
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

# ini FILE KIND-LINES: an analysis of the two files $D and $P
ini() {
    printf '[analysis]\ntitle = bench\n[data deaths]\nfile = %s\n[data population]\nfile = %s\n%s\n' \
        "$D" "$P" "$2" > "$1"
}

. "$ROOT/bench/lib.sh" # median_wall

# measure LABEL WHERE: life tables of $D and $P, pool = 1 and 5, timed
# against reading the two files alone
measure() {
    ini "$TMP/read.ini" "[indicator n]
kind = count
data = deaths
by = region, year, sex
[indicator p]
kind = count
data = population
by = region, year, sex"
    base=$(median_wall "$TMP/read.ini")
    for pool in 1 5; do
        ini "$TMP/lt.ini" "[indicator e0]
kind = life_expectancy
deaths = deaths
population = population
pool = $pool
$2
by = region, year, sex"
        wall=$(median_wall "$TMP/lt.ini")
        n=$(grep -c '^e0,' "$TMP/out/indicators.csv")
        awk -v n="$n" -v w="$wall" -v b="$base" -v pool="$pool" -v what="$1" 'BEGIN {
            own = w - b
            printf "life tables, %spool = %d: %d tables in %.3f s (the run; reading alone %.3f s): %.0f tables/s, %s tables/s beyond reading\n",
                   what, pool, n, w, b, (w > 0 ? n / w : 0), (own > 0.0005 ? sprintf("%.0f", n / own) : "too fast to time:")
        }'
    done
}
measure "" ""

# The municipal shape, generated (invented numbers, the shape of SCB's
# municipal tables): 290 municipalities of 2,500 to 100,000 people, years
# 1985-2015 (1985 only for the person-years of 1986), ages 0 ... 100+,
# deaths from a Gompertz rate with noise, never above the population.
awk -v OFS=, 'BEGIN {
    print "year,region,sex,age,deaths" > "'"$TMP"'/mdeaths.csv"
    print "year,region,sex,age,population" > "'"$TMP"'/mpop.csv"
    seed = 12345
    for (r = 1; r <= 290; r++) {
        size = 2500 + (r * 7919) % 97500
        code = sprintf("m%03d", r)
        for (y = 1985; y <= 2015; y++)
            for (s = 0; s < 2; s++)
                for (a = 0; a <= 100; a++) {
                    seed = (seed * 1103515245 + 12345) % 2147483648
                    u = seed / 2147483648
                    p = int(size / 90 * exp(-((a / 95) ^ 6)) * (0.9 + 0.2 * u))
                    m = 0.00005 + 0.00002 * exp(0.105 * a) * (s == 0 ? 0.6 : 1)
                    d = int(p * m * (0.8 + 0.4 * u) + 0.5)
                    if (d > p) d = p
                    sx = s == 0 ? "women" : "men"
                    ag = a == 100 ? "100+" : a
                    print y, code, sx, ag, d > "'"$TMP"'/mdeaths.csv"
                    print y, code, sx, ag, p > "'"$TMP"'/mpop.csv"
                }
    }
}'
D=$TMP/mdeaths.csv P=$TMP/mpop.csv
measure "290 municipalities (generated), " "where = year:1986-2015"
