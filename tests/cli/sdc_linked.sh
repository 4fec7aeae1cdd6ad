#!/bin/sh
# Linked tables under disclosure control (issue #14): counts of one data
# section with different dimensions (by region and age beside by region,
# sex and age) share cells, and a cell one of them suppresses could be
# summed from the other's published cells.  They are protected as one
# table.  The independent oracle tests/oracle/sdc_linked.py (exact
# fractions) decides, from the run's indicators.csv and the true counts,
# that no suppressed cell of either is recoverable from everything the
# run publishes, that every count below the threshold is suppressed and
# that every published count is the true one.
#   - 100 random tables (invented: awk's rand() from seeds 1-100; 20
#     under valgrind or a sanitizer, JS_UNDER_SANITIZER: 2-5
#     regions x 2 sexes x 3-6 ages, counts from 0 to 80, suppress_below
#     = 5): every run safe.  The same two indicators protected in two
#     separate runs (as before the linking) leak in some of them, so the
#     oracle is not blind to what the linking prevents.
#   - SCB's county population 2015, six counties, suppress_below = 50,
#     three linked counts (by region and age, by region and sex, by
#     region, sex and age): safe, and the run reports one joint table.
# Skips the SCB part when ../shared/datasets is absent.
set -u
. "$(dirname "$0")/lib.sh"
ORACLE="/usr/bin/python3 $ROOT/tests/oracle/sdc_linked.py"

gen() { # SEED FILE: an invented table in the county file's columns
    awk -v seed="$1" 'BEGIN { srand(seed); print "year,region_code,region,sex,age,population"
        split("0 1 2 3 4 6 8 12 20 40 80", pick, " ")
        nr = 2 + int(rand() * 4); na = 3 + int(rand() * 4)
        for (r = 1; r <= nr; r++) for (s = 1; s <= 2; s++) for (a = 0; a < na; a++)
            printf "2015,%02d,R%d,%s,%d,%d\n", r, r, s == 1 ? "women" : "men", a, pick[1 + int(rand() * 11)] }' > "$2"
}
ini() { # FILE DATA THRESHOLD INDICATOR=BY...
    f=$1 data=$2 th=$3
    shift 3
    printf '[analysis]\ntitle = t\nsuppress_below = %s\n[data pop]\nfile = %s\n' "$th" "$data" > "$f"
    for spec in "$@"; do
        printf '[indicator %s]\nkind = count\nby = %s\nwhere = year:2015\n' "${spec%%=*}" "$(echo "${spec#*=}" | sed 's/,/, /g')" >> "$f"
    done
}

N=100
[ -n "${JS_UNDER_SANITIZER:-}" ] && N=20 # memory checks need the paths, not the statistics
safe=0 runs=0 apart_leaks=0
for seed in $(seq 1 "$N"); do
    d=$TMP/r$seed
    mkdir -p "$d"
    gen "$seed" "$d/d.csv"
    regs=$(awk -F, 'NR > 1 { print $2 }' "$d/d.csv" | sort -u | paste -sd, -)
    ini "$d/a.ini" "$d/d.csv" 5 by_age=region,age fine=region,sex,age
    if ! "$JS" run "$d/a.ini" -o "$d/o" --set analysis.outputs=indicators > "$d/log" 2>&1; then
        bad "seed $seed: the run failed: $(head -2 "$d/log")"
        continue
    fi
    runs=$((runs + 1))
    if $ORACLE "$d/o/indicators.csv" "$d/d.csv" 2015 5 "$regs" by_age=region,age fine=region,sex,age \
        > "$d/oracle" 2>&1; then
        safe=$((safe + 1))
    else
        echo "seed $seed: $(head -3 "$d/oracle")" >&2
    fi
    # apart: each in a run of its own, the outputs side by side
    ini "$d/b1.ini" "$d/d.csv" 5 by_age=region,age
    ini "$d/b2.ini" "$d/d.csv" 5 fine=region,sex,age
    "$JS" run "$d/b1.ini" -o "$d/p1" --set analysis.outputs=indicators > /dev/null 2>&1
    "$JS" run "$d/b2.ini" -o "$d/p2" --set analysis.outputs=indicators > /dev/null 2>&1
    $ORACLE "$d/p1/indicators.csv:$d/p2/indicators.csv" "$d/d.csv" 2015 5 "$regs" by_age=region,age fine=region,sex,age > /dev/null 2>&1 ||
        apart_leaks=$((apart_leaks + 1))
done
check "random linked tables: every run safe by the oracle" "$safe" "$runs"
check "random linked tables: runs" "$runs" "$N"
echo "sdc_linked: the same counts protected apart leak in $apart_leaks of $N tables"
if [ "$apart_leaks" -gt 0 ]; then ok; else bad "protected apart, no table leaks: the oracle shows nothing"; fi

POP=$SHARED/scb-county-population-1968-2015.csv
if [ ! -f "$POP" ]; then
    skip "$POP absent: SCB's counties not checked"
    finish sdc_linked
fi
awk -F, 'NR == 1 || ($1 == 2015 && $2 ~ /^(20|21|22|23|24|25)$/)' "$POP" > "$TMP/pop.csv"
ini "$TMP/s.ini" "$TMP/pop.csv" 50 by_age=region,age by_sex=region,sex fine=region,sex,age
if "$JS" run "$TMP/s.ini" -o "$TMP/s" --set analysis.outputs=indicators > "$TMP/s.log" 2>&1; then ok
else bad "the SCB run failed: $(head -3 "$TMP/s.log")"; fi
if $ORACLE "$TMP/s/indicators.csv" "$TMP/pop.csv" 2015 50 20,21,22,23,24,25 by_age=region,age by_sex=region,sex \
    fine=region,sex,age > "$TMP/s.oracle" 2>&1; then ok
else bad "SCB counties: $(head -5 "$TMP/s.oracle")"; fi
echo "sdc_linked: SCB counties: $(head -1 "$TMP/s.oracle")"
n=$(grep -c "disclosure control (suppress_below = 50): 1 tables, 2142 cells" "$TMP/s.log")
check "each of the three reports the one joint table (6 x 3 x 102 + totals)" "$n" "3"
finish sdc_linked
