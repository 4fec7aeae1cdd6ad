#!/bin/sh
# bench/px_big.sh - read speed and peak memory of the PX reader on a big file.
#
# Usage (from the repository root, after `make`):   sh bench/px_big.sh
#
# Generates once, and caches outside the repository, a PC-Axis file of about
# JS_BENCH_PX_MB megabytes (default 300) derived from SCB's county population
# table (../shared/datasets/scb-county-population-1968-2015.csv): the 21
# counties x 2 sexes x 101 ages x 48 years are replicated over R fictitious
# copies of the counties ("010007 Stockholm 7"), so the table has
# 21*R regions x 2 x 101 x 48 cells.  STUB = region, sex, age; HEADING = year.
# Every copy holds one ".." (so the reader's symbol path is exercised, as in
# real SCB files).  Then it runs `/usr/bin/time -v ./jamstat describe BIG.px`
# and prints file size, wall time, MB/s, peak RSS and peak RSS / file size.
#
# The memory floor: `describe` builds the whole dense cube, which stores
# 8 bytes (double) + 1 byte (status) per cell, + 2 bytes (symbol index) once
# any cell has a symbol (src/model/cube.c).  The script prints that floor
# and the peak RSS above it (what the reader itself costs).
#
# Environment: JS_BENCH_CACHE (default $HOME/.cache/jamstat-bench),
# JS_BENCH_PX_MB (default 300), JS_SHARED_DATASETS (default ../shared/datasets),
# JS_BENCH_RUNS (default 1; the fastest run is reported).
# Exit status: 0 ok, 1 failure (jamstat failed or read the wrong cell count),
# 2 missing prerequisites.
set -eu
export LC_ALL=C

ROOT=$(pwd)
JS="$ROOT/jamstat"
SHARED=${JS_SHARED_DATASETS:-$ROOT/../shared/datasets}
POP="$SHARED/scb-county-population-1968-2015.csv"
CACHE=${JS_BENCH_CACHE:-${HOME:-/tmp}/.cache/jamstat-bench}
MB=${JS_BENCH_PX_MB:-300}
RUNS=${JS_BENCH_RUNS:-1}
GEN_VERSION=1 # bump when the generated file changes shape

[ -x "$JS" ] || { echo "px_big: $JS missing: run make first (from the repo root)" >&2; exit 2; }
[ -f "$POP" ] || { echo "px_big: $POP absent: cannot generate the file" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "px_big: /usr/bin/time missing (apt-get install time)" >&2; exit 2; }
mkdir -p "$CACHE"

BIG="$CACHE/county-population-${MB}mb-v$GEN_VERSION.px"
CELLS_FILE="$BIG.cells"

# ---- generation (once) --------------------------------------------------------------
if [ ! -s "$BIG" ] || [ ! -s "$CELLS_FILE" ]; then
    echo "px_big: generating $BIG (once)" >&2
    tmp="$CACHE/.gen.$$"
    mkdir -p "$tmp"
    trap 'rm -rf "$tmp"' EXIT
    # One copy of the DATA block: a row per (county, sex, age), 48 yearly values.
    awk -F, -v block="$tmp/block" -v meta="$tmp/meta" '
        NR == 1 { next }
        {
            y = $1; rc = $2; s = $4; a = $5
            v[rc, s, a, y] = $6
            if (!(rc in county)) { county[rc] = $3; nc++ }
            if (!(y in year)) { year[y] = 1; ny++ }
            if (!(s in sex)) { sex[s] = ++ns; sexname[ns] = s }
            if (!(a in age)) { age[a] = 1; na++ }
        }
        function agekey(x) { return x == "100+" ? 100 : x + 0 }
        END {
            n = 0; for (k in county) cl[++n] = k
            for (i = 2; i <= n; i++) for (j = i; j > 1 && cl[j-1] > cl[j]; j--) { t = cl[j]; cl[j] = cl[j-1]; cl[j-1] = t }
            n = 0; for (k in year) yl[++n] = k
            for (i = 2; i <= n; i++) for (j = i; j > 1 && yl[j-1] + 0 > yl[j] + 0; j--) { t = yl[j]; yl[j] = yl[j-1]; yl[j-1] = t }
            n = 0; for (k in age) al[++n] = k
            for (i = 2; i <= n; i++) for (j = i; j > 1 && agekey(al[j-1]) > agekey(al[j]); j--) { t = al[j]; al[j] = al[j-1]; al[j-1] = t }
            for (c = 1; c <= nc; c++)
                for (s = 1; s <= ns; s++)
                    for (a = 1; a <= na; a++) {
                        line = ""
                        for (t = 1; t <= ny; t++) {
                            key = cl[c] SUBSEP sexname[s] SUBSEP al[a] SUBSEP yl[t]
                            x = (key in v) ? v[key] : "\"..\""
                            # one ".." per copy: the last cell of the block
                            if (c == nc && s == ns && a == na && t == ny) x = "\"..\""
                            line = line (t > 1 ? " " : "") x
                        }
                        print line > block
                    }
            printf "%d %d %d %d\n", nc, ns, na, ny > meta
            for (c = 1; c <= nc; c++) printf "C %s %s\n", cl[c], county[cl[c]] > meta
            for (s = 1; s <= ns; s++) printf "S %s\n", sexname[s] > meta
            for (a = 1; a <= na; a++) printf "A %s\n", al[a] > meta
            for (t = 1; t <= ny; t++) printf "Y %s\n", yl[t] > meta
        }' "$POP"
    block_bytes=$(wc -c < "$tmp/block")
    reps=$(( (MB * 1000000 + block_bytes - 1) / block_bytes ))
    # The header: every list quoted, one entry per line (regions 5 to a line).
    awk -v reps="$reps" '
        NR == 1 { nc = $1; ns = $2; na = $3; ny = $4; next }
        $1 == "C" { c++; code[c] = $2; name[c] = substr($0, length($1) + length($2) + 3) }
        $1 == "S" { s++; sx[s] = $2 }
        $1 == "A" { a++; ag[a] = $2 }
        $1 == "Y" { y++; yr[y] = $2 }
        function list(kw, var, arr, n,    i, out) {
            out = kw "(\"" var "\")="
            for (i = 1; i <= n; i++) out = out (i > 1 ? "," : "") (i % 8 == 0 ? "\n" : "") "\"" arr[i] "\""
            print out ";"
        }
        END {
            print "CHARSET=\"ANSI\";"
            print "AXIS-VERSION=\"2013\";"
            print "CODEPAGE=\"utf-8\";"
            print "LANGUAGE=\"sv\";"
            print "CREATION-DATE=\"20240131 12:00\";"
            print "DECIMALS=0;"
            print "SHOWDECIMALS=0;"
            print "MATRIX=\"JSBIG01\";"
            print "SUBJECT-CODE=\"BE\";"
            print "SUBJECT-AREA=\"Befolkning\";"
            print "TITLE=\"Folkmängd efter region, kön, ålder och år (fiktiva kopior av länen)\";"
            print "CONTENTS=\"Folkmängd\";"
            print "UNITS=\"personer\";"
            print "STUB=\"region\",\"kön\",\"ålder\";"
            print "HEADING=\"år\";"
            out = "VALUES(\"region\")="; cod = "CODES(\"region\")="; k = 0
            for (r = 0; r < reps; r++)
                for (i = 1; i <= nc; i++) {
                    k++
                    cd = r == 0 ? code[i] : sprintf("%s%04d", code[i], r)
                    lab = r == 0 ? name[i] : name[i] " " r
                    sep = (k > 1 ? "," : "") (k % 5 == 0 ? "\n" : "")
                    out = out sep "\"" cd " " lab "\""
                    cod = cod sep "\"" cd "\""
                    if (length(out) > 60000) { printf "%s", out; out = "" }
                    if (length(cod) > 60000) { printf "%s", cod > "/dev/stderr"; cod = "" }
                }
            print out ";"
            printf "%s;\n", cod > "/dev/stderr"
            list("VALUES", "kön", sx, ns)
            list("VALUES", "ålder", ag, na)
            list("VALUES", "år", yr, ny)
            list("TIMEVAL", "år", yr, ny)
            print "SOURCE=\"SCB (BE0101N1, via demdata), replicated by bench/px_big.sh\";"
            print "DATA="
        }' "$tmp/meta" > "$tmp/head" 2> "$tmp/codes"
    # TIMEVAL needs TLIST(A1) first: patch the generic list line.
    sed -i 's/^TIMEVAL("år")=/TIMEVAL("år")=TLIST(A1),/' "$tmp/head"
    # CODES("region") goes right after VALUES("region") (keyword order is free in PX).
    {
        cat "$tmp/head" | sed '/^DATA=$/d'
        cat "$tmp/codes"
        echo "DATA="
        i=0
        while [ "$i" -lt "$reps" ]; do cat "$tmp/block"; i=$((i + 1)); done
        echo ";"
    } > "$tmp/big.px"
    set -- $(head -n 1 "$tmp/meta")
    echo $(( $1 * reps * $2 * $3 * $4 )) > "$tmp/cells"
    mv "$tmp/big.px" "$BIG"
    mv "$tmp/cells" "$CELLS_FILE"
    rm -rf "$tmp"
    trap - EXIT
fi

# ---- measurement ---------------------------------------------------------------------
want_cells=$(cat "$CELLS_FILE")
bytes=$(wc -c < "$BIG")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
best_wall="" best_rss=""
run=0
while [ "$run" -lt "$RUNS" ]; do
    run=$((run + 1))
    if ! /usr/bin/time -v -o "$out/time" "$JS" describe "$BIG" > "$out/describe" 2> "$out/err"; then
        echo "px_big: jamstat describe failed:" >&2
        cat "$out/err" "$out/time" >&2
        exit 1
    fi
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0
                                                  for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$out/time")
    rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out/time")
    if [ -z "$best_wall" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
        best_wall=$wall
    fi
    if [ -z "$best_rss" ] || [ "$rss" -lt "$best_rss" ]; then best_rss=$rss; fi
done
cells=$(sed -n 's/^cells: \([0-9]*\).*/\1/p' "$out/describe")
symbols=$(sed -n 's/^cells: .*missing \([0-9]*\).*/\1/p' "$out/describe")
if [ "$cells" != "$want_cells" ]; then
    echo "px_big: describe reports $cells cells, the generator wrote $want_cells" >&2
    exit 1
fi
# The cube floor (cube.c): 8 + 1 bytes per cell, + 2 when any cell has a symbol.
per_cell=9
[ "${symbols:-0}" -gt 0 ] && per_cell=11
awk -v bytes="$bytes" -v cells="$cells" -v wall="$best_wall" -v rss_kb="$best_rss" \
    -v per="$per_cell" -v runs="$RUNS" -v file="$BIG" 'BEGIN {
    mb = bytes / 1e6; rss = rss_kb * 1024; floor = cells * per
    printf "px_big: %s\n", file
    printf "  file size      %.1f MB (%d bytes), %d cells, %.2f bytes/cell\n", mb, bytes, cells, bytes / cells
    printf "  wall time      %.2f s (best of %d)\n", wall, runs
    printf "  read speed     %.1f MB/s, %.1f Mcells/s\n", (wall > 0 ? mb / wall : 0), (wall > 0 ? cells / 1e6 / wall : 0)
    printf "  peak RSS       %.1f MB\n", rss / 1e6
    printf "  RSS / file     %.2f\n", rss / bytes
    printf "  cube floor     %.1f MB (%d bytes/cell: value, status%s)\n", floor / 1e6, per, (per > 9 ? ", symbol" : "")
    printf "  RSS / floor    %.3f (reader and process overhead %.1f MB)\n", rss / floor, (rss - floor) / 1e6
}'
