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
# real SCB files).  Then it runs `/usr/bin/time -v ./jamstat ...` on it in
# three ways and prints, for each, wall time, MB/s of PX read, peak RSS and
# peak RSS / file size:
#   describe              streamed (the default): the PX reader hands the
#                         table over one category of its first variable
#                         (one region) at a time, so memory is one region's
#                         cells whatever the file size;
#   describe --no-stream  the whole dense cube: 8 bytes (double) + 1 byte
#                         (status) per cell, + 2 bytes (symbol index) once
#                         any cell has a symbol (src/model/cube.c);
#   convert               streamed, writing the tidy CSV (about 4 GB for
#                         the default file) into a scratch folder, removed
#                         afterwards.
# It checks the cell and row counts, that both describes print the same
# text, and that the streamed peak RSS is below 0.3 x the file size.
#
# Environment: JS_BENCH_CACHE (default $HOME/.cache/jamstat-bench),
# JS_BENCH_PX_MB (default 300), JS_SHARED_DATASETS (default ../shared/datasets),
# JS_BENCH_RUNS (default 1; the fastest run is reported), JS_BENCH_WHOLE=0
# (skip describe --no-stream), JS_BENCH_CONVERT=0 (skip convert).
# Exit status: 0 ok, 1 failure (jamstat failed, read the wrong cell count,
# or a streamed run's peak RSS was not below 0.3 x the file size),
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

# measure NAME CMD...: runs CMD $RUNS times (stdout to $out/NAME.out); sets
# wall (best, seconds) and rss (best, KB).  Exits 1 if CMD fails.
measure() {
    name=$1
    shift
    wall="" rss=""
    run=0
    while [ "$run" -lt "$RUNS" ]; do
        run=$((run + 1))
        if ! /usr/bin/time -v -o "$out/time" "$@" > "$out/$name.out" 2> "$out/err"; then
            echo "px_big: $name failed:" >&2
            cat "$out/err" "$out/time" >&2
            exit 1
        fi
        w=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0
                                                   for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$out/time")
        r=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$out/time")
        if [ -z "$wall" ] || awk -v a="$w" -v b="$wall" 'BEGIN { exit !(a < b) }'; then wall=$w; fi
        if [ -z "$rss" ] || [ "$r" -lt "$rss" ]; then rss=$r; fi
    done
}

# row LABEL: one line of the table from $wall and $rss
row() {
    awk -v label="$1" -v bytes="$bytes" -v wall="$wall" -v rss_kb="$rss" 'BEGIN {
        mb = bytes / 1e6; rss = rss_kb * 1024
        printf "  %-28s %7.2f s  %7.1f MB/s  peak RSS %7.1f MB  RSS/file %5.3f\n",
               label, wall, (wall > 0 ? mb / wall : 0), rss / 1e6, rss / bytes }'
}

cells_of() { sed -n 's/^cells: \([0-9]*\).*/\1/p' "$1"; }

awk -v bytes="$bytes" -v cells="$want_cells" -v runs="$RUNS" -v file="$BIG" 'BEGIN {
    printf "px_big: %s\n", file
    printf "  file size %.1f MB (%d bytes), %d cells, %.2f bytes/cell; best of %d run(s)\n",
           bytes / 1e6, bytes, cells, bytes / cells, runs }'

# describe, streamed (the default: one region of the table in memory at a time)
measure describe "$JS" describe "$BIG"
if [ "$(cells_of "$out/describe.out")" != "$want_cells" ]; then
    echo "px_big: describe reports $(cells_of "$out/describe.out") cells, the generator wrote $want_cells" >&2
    exit 1
fi
row "describe (streamed)"
describe_rss=$rss

# describe --no-stream: the whole dense cube, 8 + 1 (+ 2 with symbols) bytes per cell
if [ "${JS_BENCH_WHOLE:-1}" = 1 ]; then
    measure whole "$JS" describe --no-stream "$BIG"
    if ! cmp -s "$out/describe.out" "$out/whole.out"; then
        echo "px_big: describe --no-stream writes other text than the streamed describe" >&2
        exit 1
    fi
    row "describe --no-stream"
fi

# convert, streamed: the tidy CSV (about 14 times the PX file) into a scratch folder
if [ "${JS_BENCH_CONVERT:-1}" = 1 ]; then
    measure convert "$JS" convert "$BIG" -o "$out/big.csv"
    csv_bytes=$(wc -c < "$out/big.csv")
    rows=$(($(wc -l < "$out/big.csv") - 1))
    rm -f "$out/big.csv"
    if [ "$rows" != "$want_cells" ]; then
        echo "px_big: convert wrote $rows rows, the generator wrote $want_cells cells" >&2
        exit 1
    fi
    row "convert (streamed)"
    awk -v b="$csv_bytes" -v w="$wall" 'BEGIN { printf "  %-28s %.1f MB of CSV written, %.1f MB/s\n", "", b / 1e6, (w > 0 ? b / 1e6 / w : 0) }'
    convert_rss=$rss
fi

# The streaming promise: peak memory well below the file size.
for pair in "describe ${describe_rss}" "convert ${convert_rss:-0}"; do
    set -- $pair
    if [ "$2" -gt 0 ] && [ $(( $2 * 1024 * 10 )) -ge $(( bytes * 3 )) ]; then
        echo "px_big: $1 peak RSS $2 KB is not below 0.3 x the file size" >&2
        exit 1
    fi
done
