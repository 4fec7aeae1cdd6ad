#!/bin/sh
# tests/cli/fetch.sh - `jamstat fetch`, `jamstat search` and [data] with
# table = against a local PxWebApi 2 mock (tests/mock/pxwebapi.py) serving
# SCB's recorded responses: no network.  Each mock runs on 127.0.0.1 at a
# free port, for a bounded number of requests and seconds, and is killed on
# exit.  Skips when ../shared/datasets/pxwebapi-v2 or python3 is absent.
# Closes with "fetch: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
REC="$SHARED/pxwebapi-v2"
if [ ! -f "$REC/TAB6471_data.json" ] || ! command -v python3 >/dev/null 2>&1; then
    skip "fetch: $REC (SCB's recorded PxWebApi 2 responses) or python3 is absent"
    finish fetch
fi
MOCK="$ROOT/tests/mock/pxwebapi.py"
PIDS=""
trap 'for p in $PIDS; do kill "$p" 2>/dev/null; done; rm -rf "$TMP"' EXIT
export SOURCE_DATE_EPOCH=1780000000 # fetch times in the files are fixed: bytes compare

# mock NAME ARGS...: start a mock; sets API to its base URL, LOG to its log
mock() {
    name=$1
    shift
    rm -f "$TMP/$name.port"
    : > "$TMP/$name.log"
    python3 "$MOCK" --data "$REC" --port-file "$TMP/$name.port" --log "$TMP/$name.log" \
        --lifetime 300 --max-requests 60 "$@" &
    PIDS="$PIDS $!"
    i=0
    while [ ! -s "$TMP/$name.port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
    API="http://127.0.0.1:$(cat "$TMP/$name.port")"
    LOG="$TMP/$name.log"
}
posts() { grep -c '^POST /tables/TAB6471/data' "$LOG"; }

# The whole table in one request: the 2,772 values describe reads back.
mock whole
"$JS" fetch TAB6471 -o "$TMP/whole.json" --api "$API" --where 'Kon:*' 2> "$TMP/err"
check "whole fetch exit" "$?" 0
check "whole fetch: one data request" "$(posts)" 1
"$JS" describe "$TMP/whole.json" > "$TMP/desc" 2>&1
check "describe the fetched table" "$(grep '^cells:' "$TMP/desc")" \
    "cells: 2772 (present 2772, missing 0, suppressed 0, nil 0, not applicable 0)"
check "describe names the origin" "$(grep '^citation:' "$TMP/desc")" \
    "citation: SCB, tabell TAB6471, uppdaterad 2026-06-08"
if grep -q "^fetched: table TAB6471 from $API at 2026-05-28T20:26:40Z" "$TMP/desc"; then ok
else bad "describe: no fetched line: $(cat "$TMP/desc" | head -12)"; fi
# --all: every value of every variable not named (no elimination values):
# the same whole table without naming Kon
"$JS" fetch TAB6471 -o "$TMP/all.json" --api "$API" --all 2> "$TMP/err"
check "fetch --all exit" "$?" 0
# (the same query and values; only the recorded --where differs)
check "fetch --all: the query and values of --where 'Kon:*'" "$(python3 -c "import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
print(a['value'] == b['value'] and a['extension']['jamstat']['query'] == b['extension']['jamstat']['query'])" "$TMP/all.json" "$TMP/whole.json")" True
# the values are SCB's, in SCB's order
check "values as recorded" "$(python3 -c "import json,sys; a=json.load(open(sys.argv[1])); b=json.load(open(sys.argv[2]))
print(a['value'] == b['value'] and a['size'] == b['size'])" "$TMP/whole.json" "$REC/TAB6471_data.json")" True

# Without Kon named it takes its elimination value TotSa: 924 cells.
"$JS" fetch TAB6471 -o "$TMP/elim.json" --api "$API" 2> "$TMP/err"
check "elimination: exit" "$?" 0
check "elimination: Kon is TotSa" "$("$JS" describe "$TMP/elim.json" | grep -c 'Kon (kön): role sex, 1 categories: TotSa')" 1

# Selections by code and label, ranges, latest.
"$JS" fetch TAB6471 -o "$TMP/sel.json" --api "$API" \
    --where 'Region:01,"Blekinge län" Kon:1,2 Tid:latest2 Alder:20-29,30-39' 2> "$TMP/err"
check "selection: exit" "$?" 0
check "selection: cells" "$("$JS" describe "$TMP/sel.json" | grep '^cells:' | cut -d' ' -f2)" 16
check "selection: the query sent" "$(tail -n 1 "$LOG" | sed 's/^POST [^ ]* //')" \
    '{"selection":[{"variableCode":"Region","valueCodes":["01","10"]},{"variableCode":"Alder","valueCodes":["20-29","30-39"]},{"variableCode":"Kon","valueCodes":["1","2"]},{"variableCode":"ContentsCode","valueCodes":["000007SF"]},{"variableCode":"Tid","valueCodes":["2026M03","2026M04"]}]}'
"$JS" fetch TAB6471 -o "$TMP/range.json" --api "$API" --where 'Region:10 Tid:2026M02-' 2> "$TMP/err"
check "time range: periods" "$("$JS" describe "$TMP/range.json" | grep -o 'Tid (månad): role time, [0-9]* categories')" \
    "Tid (månad): role time, 3 categories"

# Mistakes in the selection: the valid names, and the closest one.
n_before=$(posts)
"$JS" fetch TAB6471 -o "$TMP/bad.json" --api "$API" --where 'Regoin:01' 2> "$TMP/err"
check "unknown variable: exit" "$?" 64
check "unknown variable: message" "$(cat "$TMP/err")" \
    'jamstat: error: --where: table TAB6471 has no variable "Regoin" (did you mean Region?); its variables are Region (region), Alder (ålder), Kon (kön), ContentsCode (tabellinnehåll), Tid (månad)'
"$JS" fetch TAB6471 -o "$TMP/bad.json" --api "$API" --where 'Region:011' 2> "$TMP/err"
check "unknown value: exit" "$?" 64
if grep -q 'Region has no value "011" (did you mean 01?); its values are 01 (Stockholms län), 03' "$TMP/err"; then ok
else bad "unknown value: $(cat "$TMP/err")"; fi
"$JS" fetch TAB6471 -o "$TMP/bad.json" --api "$API" --where 'Tid:2030-' 2> "$TMP/err"
check "empty range: exit" "$?" 64
check "no data request for a bad selection" "$(posts)" "$n_before"
[ -e "$TMP/bad.json" ] && bad "a failed fetch left a file" || ok
"$JS" fetch TAB6471 -o "$TMP/bad.json" --api "$API" --codelist Alder=agg_Nonesuch 2> "$TMP/err"
check "unknown codelist: exit" "$?" 69
if grep -q 'table TAB6471: metadata: GET .*codelist%5BAlder%5D=agg_Nonesuch: HTTP 400.*Unknown codelist agg_Nonesuch' "$TMP/err"; then ok
else bad "unknown codelist: $(cat "$TMP/err")"; fi
"$JS" fetch TAB6471 -o "$TMP/cl.json" --api "$API" --codelist 'Alder=agg_Ålder10årJ' --where 'Region:10' 2> "$TMP/err"
check "codelist: exit" "$?" 0
if tail -n 1 "$LOG" | grep -q '"variableCode":"Alder","codelist":"agg_Ålder10årJ"'; then ok
else bad "codelist not in the query: $(tail -n 1 "$LOG")"; fi

# --lang goes into every request but /config
"$JS" fetch TAB6471 -o "$TMP/en.json" --api "$API" --lang en --where 'Region:10' 2> "$TMP/err"
check "lang: exit" "$?" 0
check "lang: requests with lang=en" "$(tail -n 2 "$LOG" | grep -c '[?&]lang=en')" 2

# search
"$JS" search sjukfrånvaro offentlig --api "$API" > "$TMP/search" 2> "$TMP/err"
check "search: exit" "$?" 0
check "search: the table" "$(cat "$TMP/search")" \
    "TAB6468    2026-05-29 2024M01-2026M03  Sjukfrånvaro under sjuklöneperioden i offentlig förvaltning efter näringsgren (SNI 2007) och kön.  Månad 2024M01-2026M03"

# Over the cell limit: split, merged, byte-identical to the whole fetch.
mock split --max-cells 500
"$JS" fetch TAB6471 -o "$TMP/split.json" --api "$API" --where 'Kon:*' 2> "$TMP/err"
check "split fetch: exit" "$?" 0
n=$(posts)
if [ "$n" -ge 6 ]; then ok; else bad "split fetch: expected at least 6 data requests, found $n"; fi
sed "s|$API|API|" "$TMP/split.json" > "$TMP/split.norm"
sed "s|$(grep -o 'http://127.0.0.1:[0-9]*' "$TMP/whole.json" | head -n 1)|API|" "$TMP/whole.json" > "$TMP/whole.norm"
if cmp -s "$TMP/split.norm" "$TMP/whole.norm"; then ok; else bad "split fetch differs from the whole one"; fi
if grep -q 'fetching in [0-9]* requests' "$TMP/err"; then ok; else bad "split: no note: $(cat "$TMP/err")"; fi
# paced to the config's maxCallsPerTimeWindow (3) per timeWindow (1 s): no 4 calls within 0.9 s
if awk '{ t[NR] = $1 } END { for (i = 4; i <= NR; i++) if (t[i] - t[i - 3] < 0.9) exit 1 }' "$LOG.times"; then ok
else bad "calls not paced: $(tr '\n' ' ' < "$LOG.times")"; fi

# 429 with Retry-After: 1 is retried and succeeds.
mock busy --mode 429
"$JS" fetch TAB6471 -o "$TMP/busy.json" --api "$API" --where 'Kon:*' 2> "$TMP/err"
check "429: exit" "$?" 0
check "429: two data requests" "$(posts)" 2
if grep -q 'HTTP 429; trying again in 1 s' "$TMP/err"; then ok; else bad "429: $(cat "$TMP/err")"; fi

# ... and a server that keeps saying 429 is given up on, after a bounded number of tries.
mock busier --mode 429always
"$JS" fetch TAB6471 -o "$TMP/busier.json" --api "$API" --where 'Kon:*' 2> "$TMP/err"
check "429 always: exit" "$?" 69
check "429 always: five tries" "$(posts)" 5
if grep -q 'data request 1 of 1: POST .*: HTTP 429 (too many requests): Too Many Requests: Too many requests (gave up after the tries allowed)' "$TMP/err"; then ok
else bad "429 always: $(cat "$TMP/err")"; fi
[ -e "$TMP/busier.json" ] && bad "429 always left a file" || ok

# 400 too many cells (the server's limit is lower than its config says).
mock lie --mode lie --max-cells 500
"$JS" fetch TAB6471 -o "$TMP/lie.json" --api "$API" --where 'Kon:*' 2> "$TMP/err"
check "400: exit" "$?" 69
check "400: message" "$(cat "$TMP/err")" \
    "jamstat: error: table TAB6471: data request 1 of 1: POST $API/tables/TAB6471/data?outputFormat=json-stat2: HTTP 400 (bad request: the query is not one the API accepts, or asks for too many cells): Bad Request: Too many cells selected: 2772, at most 500"
[ -e "$TMP/lie.json" ] && bad "400 left a file" || ok

# 404: unknown table.
mock gone --mode 404
"$JS" fetch TAB9999 -o "$TMP/gone.json" --api "$API" 2> "$TMP/err"
check "404: exit" "$?" 69
check "404: message" "$(cat "$TMP/err")" \
    "jamstat: error: table TAB9999: metadata: GET $API/tables/TAB9999/metadata: HTTP 404 (not found: no such table, codelist or endpoint): Not Found: Table TAB9999 not found"
[ -e "$TMP/gone.json" ] && bad "404 left a file" || ok

# A server that never answers: bounded by --timeout.
mock hang --mode hang
"$JS" fetch TAB6471 -o "$TMP/hang.json" --api "$API" --timeout 2 2> "$TMP/err"
check "no answer: exit" "$?" 69
check "no answer: message" "$(cat "$TMP/err")" \
    "jamstat: error: table TAB6471: the API's configuration: GET $API/config: no answer within 2 s (--timeout)"
[ -e "$TMP/hang.json" ] && bad "no answer left a file" || ok
"$JS" fetch TAB6471 2> "$TMP/err"
check "fetch without -o: exit" "$?" 64

# [data] with table =: fetched once, then read from the file; --refresh fetches again.
mock run
mkdir -p "$TMP/proj"
cat > "$TMP/proj/a.ini" <<INI
[analysis]
title = Folkmängd
[data pop]
table = TAB6471
api = $API
where = Region:10,12 Kon:1,2 Tid:latest
file = tab6471.json
measure = population
[indicator n]
kind = count
data = pop
by = region, sex
INI
"$JS" run "$TMP/proj/a.ini" -o "$TMP/proj/out" --format svg > "$TMP/run.out" 2>&1
check "run fetches: exit" "$?" 0
check "run fetches: one data request" "$(posts)" 1
"$JS" run "$TMP/proj/a.ini" -o "$TMP/proj/out" --format svg > "$TMP/run.out" 2>&1
check "second run reads the file" "$(posts)" 1
"$JS" check "$TMP/proj/a.ini" > /dev/null 2>&1
check "check reads the file" "$(posts)" 1
"$JS" run "$TMP/proj/a.ini" -o "$TMP/proj/out" --format svg --refresh > "$TMP/run.out" 2>&1
check "--refresh fetches again: exit" "$?" 0
check "--refresh fetches again" "$(posts)" 2
check "manifest cites the table" "$(python3 -c "import json,sys; m=json.load(open(sys.argv[1]))
f=m['inputs'][0]['fetched_from']; print(f['table'], f['updated'], f['citation'])" "$TMP/proj/out/manifest.json")" \
    "TAB6471 2026-06-08T06:00:00Z SCB, tabell TAB6471, uppdaterad 2026-06-08"
if grep -q 'Källa: SCB, tabell TAB6471, uppdaterad 2026-06-08 (pop; hämtad' "$TMP/proj/out/report.html"; then ok
else bad "report does not cite the table"; fi
rm -f "$TMP/proj/tab6471.json"
"$JS" check "$TMP/proj/a.ini" > /dev/null 2> "$TMP/err"
check "check does not fetch: exit" "$?" 66
check "check does not fetch" "$(posts)" 2
# the where of an analysis file: its line and column
sed 's/^where = .*/where = Region:100/' "$TMP/proj/a.ini" > "$TMP/proj/b.ini"
"$JS" run "$TMP/proj/b.ini" > /dev/null 2> "$TMP/err"
check "bad where in the file: exit" "$?" 64
if grep -q "b.ini:6:9: \[data pop\] where: table TAB6471: Region has no value \"100\" (did you mean 10?)" "$TMP/err"; then ok
else bad "bad where in the file: $(cat "$TMP/err")"; fi
printf '[analysis]\ntitle = t\n[data pop]\ntable = TAB6471\n' > "$TMP/proj/c.ini"
"$JS" check "$TMP/proj/c.ini" > /dev/null 2> "$TMP/err"
check "table without file: exit" "$?" 64
finish fetch
