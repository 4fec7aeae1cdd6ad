# tests/cli/lib.sh - what every end-to-end test script shares; sourced, not
# run.  Sets ROOT, JS (the binary: ./jamstat unless JS says otherwise), SHARED (../shared/datasets unless
# JS_SHARED_DATASETS says otherwise) and TMP (removed on exit), the C locale,
# and the pass/fail counters with their helpers:
#   ok | bad MSG | skip MSG          count a result (bad and skip print MSG)
#   check NAME GOT WANT              exact equality
#   close NAME GOT WANT              relative difference at most 1e-9 (GOT non-empty)
#   value FILE INDICATOR k=v...      the value column of an indicators.csv row
#   count_ini INI DATA [LINE]...     an analysis file counting DATA by region and
#                                    year (indicator n), then the LINEs
#   finish NAME                      prints "NAME: N passed, N failed, N skipped", exits
ROOT=$(pwd)
JS=${JS:-$ROOT/jamstat} # JS=build-asan/jamstat runs a suite against another build
SHARED=${JS_SHARED_DATASETS:-$ROOT/../shared/datasets}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export LC_ALL=C TZ=UTC
passed=0 failed=0 skipped=0

ok()   { passed=$((passed + 1)); }
bad()  { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
skip() { skipped=$((skipped + 1)); echo "SKIP: $*" >&2; }
check() { if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', expected '$3'"; fi; }
close() {
    if awk -v g="$2" -v w="$3" 'BEGIN { d = g - w; if (d < 0) d = -d; s = (w < 0 ? -w : w); if (s < 1) s = 1
                                        exit !(g != "" && d <= 1e-9 * s) }'; then ok
    else bad "$1: got '$2', expected $3"; fi
}
value() {
    f=$1; ind=$2; shift 2
    awk -F, -v ind="$ind" -v keys="$*" 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
        $1 == ind { n = split(keys, k, " "); m = 1
            for (j = 1; j <= n; j++) { split(k[j], kv, "="); if ($(col[kv[1]]) != kv[2]) m = 0 }
            if (m) { print $(col["value"]); exit } }' "$f"
}
count_ini() {
    ini=$1 data=$2
    shift 2
    printf '[analysis]\ntitle = t\n[data pop]\nfile = %s\n[indicator n]\nkind = count\nby = region, year\n' \
        "$data" > "$ini"
    for line in "$@"; do printf '%s\n' "$line" >> "$ini"; done
}
finish() {
    echo "$1: $passed passed, $failed failed, $skipped skipped"
    [ "$failed" -eq 0 ]
    exit
}
