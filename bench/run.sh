#!/bin/sh
# make bench: the small-area workload (../shared/bench/TASK.md), jamstat
# side by side with DuckDB on this machine, plus the large-PX read and
# chart rendering at scale.  Timing lives here, never in the tests.
#
# Inputs are generated once with ../shared/bench/gen_areas.py and cached in
# ${JS_BENCH_CACHE:-~/.cache/jamstat-bench} (outside the repository).
# DuckDB is the npm package @duckdb/node-api, installed into that cache the
# first time (BENCH_NO_DUCKDB=1 skips it).  BENCH_REPEAT runs per
# measurement (default 3; the median wall time is reported).
set -eu
ROOT=$(pwd)
JS="$ROOT/jamstat"
SHARED=${JS_SHARED_DATASETS:-$ROOT/../shared/datasets}
GEN="$SHARED/../bench/gen_areas.py"
CACHE=${JS_BENCH_CACHE:-${HOME:-/tmp}/.cache/jamstat-bench}
REPEAT=${BENCH_REPEAT:-3}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$CACHE"

if [ ! -f "$GEN" ]; then
    echo "bench: $GEN is absent; nothing to measure" >&2
    exit 0
fi

# measure NAME CMD...: median wall, user+sys of that run, peak RSS (max over runs)
measure() {
    name=$1
    shift
    : > "$TMP/times"
    i=0
    while [ "$i" -lt "$REPEAT" ]; do
        /usr/bin/time -f "%e %U %S %M" -o "$TMP/t" "$@" > /dev/null 2> "$TMP/err" || {
            echo "bench: $name failed:" >&2
            cat "$TMP/err" >&2
            return 1
        }
        cat "$TMP/t" >> "$TMP/times"
        i=$((i + 1))
    done
    sort -n "$TMP/times" | awk -v name="$name" -v rows="$ROWS" '
        { w[NR] = $1; cpu[NR] = $2 + $3; if ($4 > rss) rss = $4 }
        END { m = int((NR + 1) / 2)
              printf "%-38s %7.2f s  cpu %6.2f s  peak %7.1f MiB", name, w[m], cpu[m], rss / 1024
              if (rows > 0) printf "  %6.2f M rows/s", rows / w[m] / 1e6
              printf "\n"
              printf "%s %s %s\n", name, w[m], rss > "/dev/stderr" }' 2>> "$TMP/results"
}

duckdb_ready() {
    [ "${BENCH_NO_DUCKDB:-0}" = 1 ] && return 1
    command -v node > /dev/null || return 1
    if [ ! -d "$CACHE/duckdb/node_modules/@duckdb/node-api" ]; then
        mkdir -p "$CACHE/duckdb"
        (cd "$CACHE/duckdb" && npm install --silent --no-audit --no-fund @duckdb/node-api > /dev/null 2>&1) || return 1
    fi
    cp "$ROOT/bench/duckdb-areas.mjs" "$CACHE/duckdb/"
}

echo "jamstat $("$JS" --version | cut -d' ' -f2) on $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
# 600 and 6000 areas over 2006-2015 (TASK.md), and 600 areas over 1968-2015:
# more rows, the same areas - memory should follow the areas, not the rows
for spec in 600:2006 6000:2006 600:1968; do
    areas=${spec%:*}
    first=${spec#*:}
    IN="$CACHE/areas-$areas.csv"
    [ "$first" = 2006 ] || IN="$CACHE/areas-$areas-$first.csv"
    if [ ! -s "$IN" ]; then
        echo "bench: generating $IN (once)"
        python3 "$GEN" "$areas" "$first" 2015 > "$IN.tmp" && mv "$IN.tmp" "$IN"
    fi
    ROWS=$(($(wc -l < "$IN") - 1))
    echo
    echo "== $ROWS rows, $(($(wc -c < "$IN") / 1048576)) MiB: bench/areas.ini"
    measure "jamstat (areas.ini: table + manifest)" "$JS" run bench/areas.ini --set "data.areas.file=$IN" -o "$TMP/js"
    measure "jamstat (every output)" "$JS" run bench/areas.ini --set "data.areas.file=$IN" \
        --set analysis.outputs=indicators,xlsx,tables,report,manifest -o "$TMP/js-all"
    measure "jamstat (one thread)" "$JS" run bench/areas.ini --set "data.areas.file=$IN" -j 1 -o "$TMP/js1"
    if duckdb_ready; then
        measure "DuckDB (@duckdb/node-api, 2 threads)" node "$CACHE/duckdb/duckdb-areas.mjs" "$IN" "$TMP/duck.csv"
        if cmp -s "$TMP/js/areas.csv" "$TMP/duck.csv"; then
            echo "outputs: jamstat and DuckDB byte-identical"
        else
            echo "outputs: jamstat and DuckDB DIFFER" >&2
        fi
        awk '/^jamstat \(areas/ { jw = $(NF-1); jm = $NF } /^DuckDB/ { dw = $(NF-1); dm = $NF }
             END { if (dw > 0) printf "ratio: jamstat takes %.2f of DuckDB'"'"'s wall time (1/%.1f) and %.3f of its peak memory (1/%.1f)\n",
                     jw / dw, dw / jw, jm / dm, dm / jm }' "$TMP/results"
    else
        echo "(DuckDB not available: BENCH_NO_DUCKDB=1, or no node/npm)"
    fi
    : > "$TMP/results"
done

# Charts at scale: 290 pyramids (one per area of the 2.4 M-row input), -j 1 vs -j N
IN="$CACHE/areas-600.csv"
awk -F, 'NR > 1 && !seen[$2]++ { print $2 }' "$IN" | head -n 290 > "$TMP/areas.txt"
{
    printf '[analysis]\ntitle = Pyramids\nlanguage = sv\noutputs = charts\nformats = png\n'
    printf '[data areas]\nfile = %s\n' "$IN"
    while read -r a; do
        printf '[chart p%s]\nkind = pyramid\ndata = areas\nwhere = area:%s year:2015\n' "$a" "$a"
    done < "$TMP/areas.txt"
} > "$TMP/pyramids.ini"
echo
echo "== 290 pyramids (PNG) from the 2.4 M-row input"
ROWS=0
REPEAT=1
measure "290 charts, -j 1" "$JS" run "$TMP/pyramids.ini" -j 1 -o "$TMP/p1"
measure "290 charts, -j $(nproc)" "$JS" run "$TMP/pyramids.ini" -j "$(nproc)" -o "$TMP/pn"
awk '{ w = $(NF-1); $(NF-1) = ""; $NF = ""; printf "%s: %.1f ms per chart\n", $0, 1000 * w / 290 }' "$TMP/results"

echo
sh "$ROOT/bench/px_big.sh"
