#!/bin/sh
# describe --all and convert -o - (issue #15, defect 7).
#  - describe --all lists every category: the counts awk finds in the file,
#    on a CSV and on a PC-Axis file that describe streams (the same text
#    with --no-stream);
#  - convert -o - writes to standard output what convert -o FILE writes,
#    and nothing at all when the input cannot be read; -o is required.
# Closes with "cli_io: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
POP=$SHARED/scb-county-population-1968-2015.csv
PX=$SHARED/px/Month/PR0101B3.px
if [ -f "$POP" ]; then
    "$JS" describe --all "$POP" > "$TMP/d.txt" 2> /dev/null
    check "describe --all exits 0" "$?" 0
    # the region line lists every code awk finds in the file
    got=$(grep '^  region:' "$TMP/d.txt" | sed 's/^[^:]*: [^:]*: //' | tr ',' '\n' | awk '{ print $1 }' | tr '\n' ' ')
    want=$(awk -F, 'NR > 1 { print $2 }' "$POP" | sort -u | tr '\n' ' ')
    check "describe --all: every region code" "$got" "$want"
    check "describe --all: 48 years, none left out" \
        "$(grep '^  year:' "$TMP/d.txt" | tr ',' '\n' | grep -c '[0-9]\{4\}')" \
        "$(awk -F, 'NR > 1 { print $1 }' "$POP" | sort -u | wc -l | tr -d ' ')"
    if "$JS" describe "$POP" 2> /dev/null | grep -q '^  region: .*, \.\.\. 25$'; then ok
    else bad "describe without --all: the first categories and the last"; fi
    "$JS" convert "$POP" -o "$TMP/c.csv" 2> /dev/null
    "$JS" convert "$POP" -o - > "$TMP/stdout.csv" 2> /dev/null
    check "convert -o - exits 0" "$?" 0
    if [ -s "$TMP/c.csv" ] && cmp -s "$TMP/c.csv" "$TMP/stdout.csv"; then ok
    else bad "convert -o -: standard output differs from -o FILE"; fi
    check "convert -o -: no file named -" "$(test -e ./- && echo yes || echo no)" no
else
    skip "$POP absent: describe --all and convert -o - on a CSV not checked"
fi
if [ -f "$PX" ]; then
    "$JS" describe --all "$PX" > "$TMP/p1.txt" 2> /dev/null
    "$JS" describe --all --no-stream "$PX" > "$TMP/p2.txt" 2> /dev/null
    if [ -s "$TMP/p1.txt" ] && cmp -s "$TMP/p1.txt" "$TMP/p2.txt"; then ok
    else bad "describe --all: streamed and whole differ"; fi
    # the first variable (streamed by): its VALUES count in the file
    want=$(awk '/^VALUES\("Product group"\)/ { on = 1 } on { n += gsub(/"[^"]*"/, "&") } on && /;/ { print n - 1; exit }' "$PX")
    got=$(grep '^  Product group:' "$TMP/p1.txt" | grep -o '"[^"]*"' | grep -c .) # each with its label
    check "describe --all: every product group of the streamed variable" "$got" "$want"
else
    skip "$PX absent: describe --all on a streamed PC-Axis file not checked"
fi
printf 'year,n\n2020,1\n' > "$TMP/ok.csv"
"$JS" convert "$TMP/nosuch.csv" -o - > "$TMP/none.csv" 2> "$TMP/err"
check "convert -o - of a missing file: exit 66" "$?" 66
check "and nothing on standard output" "$(wc -c < "$TMP/none.csv" | tr -d ' ')" 0
"$JS" convert "$TMP/ok.csv" 2> "$TMP/err"
check "convert without -o: exit 64" "$?" 64
grep -q "convert needs -o OUT.csv (or -o - for standard output)" "$TMP/err" && ok || bad "convert without -o: message"
finish cli_io
