#!/bin/sh
# The small-area workload (issue #5, ../shared/bench/TASK.md) checked for
# correctness, not speed: jamstat's whole output on the 2.4-million-row
# input must equal, byte for byte, what the independent Python oracle
# tests/oracle/areas.py computes from the same input.  Also: the reader's
# fast path for plain fields must give the same cube as libcsv's handling
# of quoted fields (quotes, embedded separators), and streaming by year
# must give what reading the whole file gives.
# Skips (with a message) when ../shared is absent.  Closes with
# "areas: N passed, N failed".
set -u
. "$(dirname "$0")/lib.sh"
GEN="$SHARED/../bench/gen_areas.py"
CACHE=${JS_BENCH_CACHE:-${HOME:-/tmp}/.cache/jamstat-bench}

# ---- quoted and unquoted fields give the same result ------------------------------
# Every age 0..100+ for two areas; the second area's code holds a comma.
# The quoted copy quotes fields in a varying pattern (awk, row number).
awk 'BEGIN { print "year,area,sex,age,background,population"
    split("A1|B,2", areas, "|"); split("women men", sexes, " "); split("sweden abroad", bgs, " ")
    for (i = 1; i <= 2; i++) for (s = 1; s <= 2; s++) for (a = 0; a <= 100; a++) for (b = 1; b <= 2; b++) {
        code = areas[i]; if (code ~ /,/) code = "\"" code "\""
        printf "2006,%s,%s,%s,%s,%d\n", code, sexes[s], (a == 100 ? "100+" : a), bgs[b], (a * 7 + i * 3 + s + b) % 23 + 1 } }' > "$TMP/plain.csv"
awk -F, 'NR == 1 { print; next } { n = split($0, f, /,/); out = ""
    for (j = 1; j <= n; j++) { v = f[j]; if ((NR + j) % 3 == 0 && v !~ /"/) v = "\"" v "\""; out = out (j > 1 ? "," : "") v }
    print out }' "$TMP/plain.csv" > "$TMP/quoted.csv"
for f in plain quoted; do
    "$JS" run "$ROOT/bench/areas.ini" --set "data.areas.file=$TMP/$f.csv" -o "$TMP/out-$f" 2> "$TMP/$f.err" || bad "areas run on $f.csv: $(cat "$TMP/$f.err")"
done
if cmp -s "$TMP/out-plain/areas.csv" "$TMP/out-quoted/areas.csv"; then ok; else bad "quoted fields parse differently from plain ones"; fi
if grep -q '"' "$TMP/quoted.csv" && ! cmp -s "$TMP/plain.csv" "$TMP/quoted.csv"; then ok; else bad "the quoted copy has no quotes"; fi
# the area code with a comma comes out quoted (RFC 4180), with the population
# awk counts from the plain file
want=$(awk -F'"' 'NR > 1 && /"B,2"/ { split($3, f, ","); n += f[5] } END { print n }' "$TMP/plain.csv")
if grep -q "^\"B,2\",2006,$want," "$TMP/out-plain/areas.csv"; then ok; else bad "B,2 row (want population $want): $(grep B "$TMP/out-plain/areas.csv")"; fi

# ---- streamed by year = read whole, on an irregular file ------------------------------
# 150 areas x 6 years (12 MB: the file is split between two threads), with
# gaps: areas 20-24 lack ages 3, 13, ..., 93 (their results are missing),
# areas 140-144 start in 2008 and 145-149 in 2011 (new categories in a later
# partition of either half: the cells placed so far go back to staging),
# area 3 is quoted, area 7's sex has a trailing space.  Streamed
# (two threads, and one) must give the same bytes as the whole file read at
# once (the same analysis file without partition).
awk 'BEGIN { print "year,area,sex,age,background,population"
    split("women men", sexes, " "); split("sweden abroad", bgs, " ")
    for (y = 2006; y <= 2011; y++) for (a = 0; a < 150; a++) for (s = 1; s <= 2; s++)
    for (g = 0; g <= 100; g++) for (b = 1; b <= 2; b++) {
        n++
        if ((a >= 20 && a < 25 && g % 10 == 3) || (a >= 140 && y < 2008) || (a >= 145 && y < 2011)) continue
        code = sprintf("%04dA%04d", int(a / 10), a); if (a == 3) code = "\"" code "\""
        sex = sexes[s]; if (a == 7) sex = sex " "
        printf "%d,%s,%s,%s,%s,%d\n", y, code, sex, (g == 100 ? "100+" : g), bgs[b], (n * 7919) % 61 }
    }' > "$TMP/gaps.csv"
sed '/^partition/d' "$ROOT/bench/areas.ini" > "$TMP/whole.ini"
"$JS" run "$TMP/whole.ini" --set "data.areas.file=$TMP/gaps.csv" -o "$TMP/gaps-whole" 2> "$TMP/gaps.err" || bad "whole read of gaps.csv: $(cat "$TMP/gaps.err")"
for j in 2 1; do
    "$JS" run "$ROOT/bench/areas.ini" --set "data.areas.file=$TMP/gaps.csv" -j "$j" -o "$TMP/gaps-$j" 2> "$TMP/gaps.err" || bad "streamed read of gaps.csv (-j $j): $(cat "$TMP/gaps.err")"
    if cmp -s "$TMP/gaps-whole/areas.csv" "$TMP/gaps-$j/areas.csv"; then ok
    else bad "streamed (-j $j) and whole reads of gaps.csv differ: $(cmp "$TMP/gaps-whole/areas.csv" "$TMP/gaps-$j/areas.csv" 2>&1)"; fi
done
# every area and year is a row; those of the gaps are empty
check "gaps.csv rows out (150 areas x 6 years)" "$(($(wc -l < "$TMP/gaps-whole/areas.csv") - 1))" 900
check "gaps.csv rows with a population (900 - 5 x 6 - 5 x 2 - 5 x 5)" \
    "$(awk -F, 'NR > 1 && $3 != ""' "$TMP/gaps-whole/areas.csv" | wc -l)" 835

# ---- the 2.4-million-row input against the oracle -------------------------------------
if [ -f "$GEN" ] && [ -f "$SHARED/scb-county-population-1968-2015.csv" ]; then
    mkdir -p "$CACHE"
    IN="$CACHE/areas-600.csv"
    if [ ! -s "$IN" ]; then
        python3 "$GEN" 600 2006 2015 > "$IN.tmp" && mv "$IN.tmp" "$IN"
    fi
    if "$JS" run bench/areas.ini --set "data.areas.file=$IN" -o "$TMP/bench" 2> "$TMP/bench.err"; then
        python3 tests/oracle/areas.py "$IN" > "$TMP/expected.csv"
        if cmp "$TMP/expected.csv" "$TMP/bench/areas.csv" > "$TMP/cmp.txt" 2>&1; then ok
        else bad "areas.csv differs from the oracle: $(cat "$TMP/cmp.txt")"; fi
        # one thread gives the same bytes as two (the halves are merged in file order)
        "$JS" run bench/areas.ini --set "data.areas.file=$IN" -j 1 -o "$TMP/bench1" 2> /dev/null
        if cmp -s "$TMP/bench/areas.csv" "$TMP/bench1/areas.csv"; then ok; else bad "-j 1 and -j 2 differ"; fi
        rows=$(wc -l < "$TMP/bench/areas.csv")
        [ "$rows" -gt 5000 ] && ok || bad "areas.csv has only $rows lines"
        # a bad number near the end (read by the second thread) is reported
        # at its line in the whole file, as counted by awk
        total=$(wc -l < "$IN")
        badline=$((total - 7))
        awk -v n="$badline" 'NR == n { sub(/[0-9]+$/, "12x") } { print }' "$IN" > "$TMP/broken.csv"
        "$JS" run bench/areas.ini --set "data.areas.file=$TMP/broken.csv" -o "$TMP/broken" 2> "$TMP/broken.err"
        if grep -q "broken.csv:$badline:[0-9]*: error: expected a number" "$TMP/broken.err"; then ok
        else bad "error line in the second half: want $badline, got: $(cat "$TMP/broken.err")"; fi
    else
        bad "bench run failed: $(cat "$TMP/bench.err")"
    fi
else
    skip "$GEN absent: the 2.4 M-row comparison is skipped"
fi
finish areas
