#!/bin/sh
# make bench: the small-area workload (../shared/bench/TASK.md), jamstat
# side by side with DuckDB on this machine, plus the large-PX read and
# chart rendering at scale.  Timing lives here, never in the tests.
#
# Inputs are generated once with ../shared/bench/gen_areas.py and cached in
# ${JS_BENCH_CACHE:-~/.cache/jamstat-bench} (outside the repository).
# DuckDB is the npm package @duckdb/node-api, installed into that cache the
# first time (BENCH_NO_DUCKDB=1 skips it).  BENCH_REPEAT runs per
# measurement (default 5; the median wall time is reported).  jamstat and
# DuckDB alternate run by run.
set -eu
ROOT=$(pwd)
JS="$ROOT/jamstat"
SHARED=${JS_SHARED_DATASETS:-$ROOT/../shared/datasets}
GEN="$SHARED/../bench/gen_areas.py"
CACHE=${JS_BENCH_CACHE:-${HOME:-/tmp}/.cache/jamstat-bench}
REPEAT=${BENCH_REPEAT:-5}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$CACHE"

if [ ! -f "$GEN" ]; then
    echo "bench: $GEN is absent; nothing to measure" >&2
    exit 0
fi

# once KEY CMD...: run CMD once under /usr/bin/time and append its wall,
# CPU and peak RSS to $TMP/t.KEY
once() {
    key=$1
    shift
    /usr/bin/time -f "%e %U %S %M" -o "$TMP/t" "$@" > /dev/null 2> "$TMP/err" || {
        echo "bench: $key failed:" >&2
        cat "$TMP/err" >&2
        return 1
    }
    cat "$TMP/t" >> "$TMP/t.$key"
}

# report KEY NAME: median wall, user+sys of that run, peak RSS (max over
# runs), rows per second; also KEY wall rss into $TMP/results
report() {
    sort -n "$TMP/t.$1" | awk -v key="$1" -v name="$2" -v rows="$ROWS" '
        { w[NR] = $1; cpu[NR] = $2 + $3; if ($4 > rss) rss = $4 }
        END { m = int((NR + 1) / 2)
              printf "%-44s %7.2f s  cpu %6.2f s  peak %7.1f MiB", name, w[m], cpu[m], rss / 1024
              if (rows > 0) printf "  %6.2f M rows/s", rows / w[m] / 1e6
              printf "  (%d runs, %.2f-%.2f s)\n", NR, w[1], w[NR]
              printf "%s %s %s\n", key, w[m], rss > "/dev/stderr" }' 2>> "$TMP/results"
    rm -f "$TMP/t.$1"
}

# measure KEY NAME CMD...: REPEAT runs of one command
measure() {
    key=$1
    name=$2
    shift 2
    i=0
    while [ "$i" -lt "$REPEAT" ]; do
        once "$key" "$@" || return 1
        i=$((i + 1))
    done
    report "$key" "$name"
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
    # jamstat and DuckDB alternate run by run, so that a change in the
    # machine's load falls on both
    duck=0
    duckdb_ready && duck=1
    i=0
    while [ "$i" -lt "$REPEAT" ]; do
        once js "$JS" run bench/areas.ini --set "data.areas.file=$IN" -o "$TMP/js"
        [ "$duck" = 1 ] && once duck node "$CACHE/duckdb/duckdb-areas.mjs" "$IN" "$TMP/duck.csv"
        once manifest "$JS" run bench/areas.ini --set "data.areas.file=$IN" \
            --set analysis.outputs=tables,manifest -o "$TMP/js-m"
        i=$((i + 1))
    done
    report js "jamstat (areas.ini: the table)"
    report manifest "jamstat (+ manifest: SHA-256 of the input)"
    measure all "jamstat (every output)" "$JS" run bench/areas.ini --set "data.areas.file=$IN" \
        --set analysis.outputs=indicators,xlsx,tables,report,manifest -o "$TMP/js-all"
    measure one "jamstat (one thread)" "$JS" run bench/areas.ini --set "data.areas.file=$IN" -j 1 -o "$TMP/js1"
    if [ "$duck" = 1 ]; then
        report duck "DuckDB (@duckdb/node-api, 2 threads)"
        if cmp -s "$TMP/js/areas.csv" "$TMP/duck.csv"; then
            echo "outputs: jamstat and DuckDB byte-identical"
        else
            echo "outputs: jamstat and DuckDB DIFFER" >&2
        fi
        awk '$1 == "js" { jw = $2; jm = $3 } $1 == "manifest" { mw = $2 } $1 == "duck" { dw = $2; dm = $3 }
             END { if (dw > 0) {
                     printf "ratio: jamstat takes %.2f of DuckDB'"'"'s wall time (1/%.1f) and %.3f of its peak memory (1/%.1f)\n",
                            jw / dw, dw / jw, jm / dm, dm / jm
                     printf "ratio with the manifest: %.2f of DuckDB'"'"'s wall time (1/%.1f)\n", mw / dw, dw / mw } }' "$TMP/results"
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
measure p1 "290 charts, -j 1" "$JS" run "$TMP/pyramids.ini" -j 1 -o "$TMP/p1"
measure pn "290 charts, -j $(nproc)" "$JS" run "$TMP/pyramids.ini" -j "$(nproc)" -o "$TMP/pn"
awk -v n="$(nproc)" '{ printf "290 charts, -j %s: %.1f ms per chart\n", $1 == "p1" ? 1 : n, 1000 * $2 / 290 }' "$TMP/results"

echo
sh "$ROOT/bench/px_big.sh"
