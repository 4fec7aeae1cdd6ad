#!/bin/sh
# End-to-end tests of the jamstat binary on real and malformed files.
# Expected values come from independent sources, named at each check:
# published SCB figures, the awk oracle tests/oracle/county_indicators.awk,
# the Python oracle tests/oracle/pxweb_describe.py.  Tests that need
# ../shared/datasets skip (with a message) when it is absent.
# Closes with "cli: N passed, N failed".
set -u
ROOT=$(pwd)
JS="$ROOT/jamstat"
SHARED=${JS_SHARED_DATASETS:-$ROOT/../shared/datasets}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C TZ=UTC
passed=0 failed=0 skipped=0

ok()   { passed=$((passed + 1)); }
bad()  { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
skip() { skipped=$((skipped + 1)); echo "SKIP: $*" >&2; }
check() { if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', expected '$3'"; fi; }
# close NAME GOT WANT: relative difference below 1e-9
close() {
    if awk -v g="$2" -v w="$3" 'BEGIN { d = g - w; if (d < 0) d = -d; s = (w < 0 ? -w : w); if (s < 1) s = 1; exit !(d <= 1e-9 * s) }'; then ok
    else bad "$1: got $2, expected $3"; fi
}
value() { # value FILE INDICATOR KEYFIELDS... → the value column of the first matching row
    f=$1; ind=$2; shift 2
    awk -F, -v ind="$ind" -v keys="$*" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $1 == ind { n = split(keys, k, " "); m = 1
            for (j = 1; j <= n; j++) { split(k[j], kv, "="); if ($(col[kv[1]]) != kv[2]) m = 0 }
            if (m) { print $(col["value"]); exit } }' "$f"
}

# ---- county indicators against the awk oracle and published figures -----------
POP="$SHARED/scb-county-population-1968-2015.csv"
if [ -f "$POP" ]; then
    cat > "$TMP/county.ini" <<INI
[analysis]
title = Test
[data population]
file = $POP
[indicator population]
kind = count
by = region, year
[indicator sweden]
kind = count
by = year
[indicator women]
kind = count
part = sex:women
by = region, year
[indicator share_women]
kind = share
part = sex:women
by = region, year
[indicator old_age]
kind = dependency
variant = old
by = region, year
[indicator total_se]
kind = dependency
variant = total
by = region, year
[indicator young_eu]
kind = dependency
convention = eurostat
variant = young
by = region, year
[indicator median_age]
kind = median_age
by = region, year
INI
    if "$JS" run "$TMP/county.ini" -o "$TMP/county" 2> "$TMP/county.err"; then
        ok
        CSV="$TMP/county/indicators.csv"
        # SCB: population of Sweden on 31 Dec 2015 was 9,851,017 (datasets/README.md)
        check "Sweden 2015" "$(value "$CSV" sweden year=2015)" 9851017
        # Blekinge 2015: 156,253 inhabitants, 76,780 women (counted from the file with awk)
        check "Blekinge 2015" "$(value "$CSV" population region=10 year=2015)" 156253
        check "Blekinge women 2015" "$(value "$CSV" women region=10 year=2015)" 76780
        for case in "10 2015" "23 1968" "01 1990" "25 2015"; do
            set -- $case
            set -- $1 $2 $(awk -v R="$1" -v Y="$2" -f tests/oracle/county_indicators.awk "$POP")
            close "share women $1 $2" "$(value "$CSV" share_women region=$1 year=$2)" "$5"
            close "old-age dependency $1 $2" "$(value "$CSV" old_age region=$1 year=$2)" "$6"
            close "total dependency SE $1 $2" "$(value "$CSV" total_se region=$1 year=$2)" "$7"
            close "young dependency EU $1 $2" "$(value "$CSV" young_eu region=$1 year=$2)" "$8"
            close "median age $1 $2" "$(value "$CSV" median_age region=$1 year=$2)" "$9"
        done
        # 49.14 % women in Blekinge 2015 (issue #2, from 76,780 / 156,253)
        check "share women Blekinge rounded" "$(printf '%.2f' "$(value "$CSV" share_women region=10 year=2015)")" 49.14
    else
        bad "county run failed: $(cat "$TMP/county.err")"
    fi
else
    skip "$POP absent: county indicator tests skipped"
fi

# ---- describe on SCB PxWeb exports against the Python oracle -----------------------
if [ -d "$SHARED/scb-exports" ]; then
    for f in "$SHARED"/scb-exports/0*.csv "$SHARED"/scb-exports/AM*.csv "$SHARED"/scb-exports/UF*.csv; do
        out=$("$JS" describe "$f" 2>&1) || { bad "describe $f: $out"; continue; }
        python3 tests/oracle/pxweb_describe.py "$f" > "$TMP/oracle.txt"
        check "cells $(basename "$f")" "$(echo "$out" | sed -n 's/^cells: \([0-9]*\).*/\1/p')" "$(sed -n 's/^cells //p' "$TMP/oracle.txt")"
        m=$(echo "$out" | sed -n 's/.*missing \([0-9]*\), suppressed \([0-9]*\), nil \([0-9]*\), not applicable \([0-9]*\).*/\1 \2 \3 \4/p' | awk '{print $1+$2+$3+$4}')
        check "missing $(basename "$f")" "$m" "$(sed -n 's/^missing //p' "$TMP/oracle.txt")"
        sizes=$(echo "$out" | sed -n 's/.*: role [a-z]*, \([0-9]*\) categories.*/\1/p' | tr '\n' ' ')
        want=$(sed -n 's/^dim .* \([0-9]*\)$/\1/p' "$TMP/oracle.txt" | tr '\n' ' ')
        check "dimension sizes $(basename "$f")" "$sizes" "$want"
    done
else
    skip "scb-exports absent: describe tests skipped"
fi

# ---- malformed input: file, line, what was wrong, exit 65, nothing written ------------
bad_case() { # NAME CONTENT EXPECTED-MESSAGE-PART
    printf '%b' "$2" > "$TMP/$1.csv"
    cat > "$TMP/$1.ini" <<INI
[data d]
file = $TMP/$1.csv
[indicator n]
kind = count
by = region
INI
    "$JS" run "$TMP/$1.ini" -o "$TMP/out-$1" 2> "$TMP/$1.err"
    check "exit status, $1" "$?" 65
    if grep -q "$TMP/$1.csv:$3" "$TMP/$1.err"; then ok; else bad "$1 message: $(cat "$TMP/$1.err")"; fi
    if [ -e "$TMP/out-$1" ]; then bad "$1 left output behind"; else ok; fi
}
bad_case ragged 'region,sex,value\n01,women,3\n01,men\n' '3: error: expected 3 fields (as in the header), found 2'
bad_case quote 'region,sex,value\n01,women,3\n"01,men,4\n' '3: error: unterminated quoted field'
bad_case text 'region,sex,value\n01,women,3\n01,men,12a\n' '3: error: expected a number or a data symbol'
bad_case sexcode 'region,sex,value\n01,women,3\n01,X,4\n' '3: error: expected a sex code'
bad_case duplicate 'region,sex,value\n01,women,3\n01,women,4\n' '3: error: duplicate cell'

# ---- the demo: report, charts, manifest; same bytes twice; a failed run keeps results ---
if "$JS" run datasets/example/analysis.ini -o "$TMP/demo1" 2> "$TMP/demo.err"; then
    ok
    for f in report.html manifest.json indicators.csv indicators.xlsx; do
        if [ -s "$TMP/demo1/$f" ]; then ok; else bad "demo: $f missing"; fi
    done
    if command -v gnuplot > /dev/null; then
        n=$(ls "$TMP"/demo1/charts/*.png 2>/dev/null | wc -l)
        check "demo PNG charts" "$n" 4
    else
        skip "gnuplot absent: chart rendering not checked"
    fi
    "$JS" run datasets/example/analysis.ini -o "$TMP/demo2" 2>/dev/null
    for f in indicators.csv manifest.json report.html charts/pyramid.gp charts/pyramid.dat charts/pyramid.svg; do
        if cmp -s "$TMP/demo1/$f" "$TMP/demo2/$f"; then ok; else bad "demo: $f differs between two runs"; fi
    done
    # a failing run (bad --set) must leave the earlier results as they were
    cp "$TMP/demo1/indicators.csv" "$TMP/before.csv"
    "$JS" run datasets/example/analysis.ini -o "$TMP/demo1" --set data.population.file=/nonexistent 2>/dev/null
    check "failed run exit" "$?" 66
    if cmp -s "$TMP/demo1/indicators.csv" "$TMP/before.csv"; then ok; else bad "a failed run changed earlier results"; fi
else
    bad "demo run failed: $(cat "$TMP/demo.err")"
fi

# ---- check writes nothing; usage errors --------------------------------------------------
"$JS" check datasets/example/analysis.ini -o "$TMP/nothing" > /dev/null 2>&1
check "check exit" "$?" 0
if [ -e "$TMP/nothing" ]; then bad "check wrote output"; else ok; fi
"$JS" frobnicate > /dev/null 2>&1
check "unknown command exit" "$?" 64
printf '[indicator x]\nkind = share\nnumerater = age:65-\n' > "$TMP/typo.ini"
"$JS" check "$TMP/typo.ini" 2> "$TMP/typo.err"
check "unknown key exit" "$?" 64
if grep -q 'unknown key "numerater"' "$TMP/typo.err"; then ok; else bad "unknown key message: $(cat "$TMP/typo.err")"; fi

echo "cli: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
