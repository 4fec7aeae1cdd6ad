#!/bin/sh
# Reading real tables for the kinds: heading labels that carry year and sex
# (tab8), a quoted dimension name in a selection.  The kinds themselves, on
# SCB's county table against the awk oracles too, are test vectors:
# tests/vectors/*.txt (tests/cli/vectors.sh).  Skips when ../shared is absent.
# Closes with "kinds: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
# tab8 (heading labels "2006 Kvinnor" = year and sex): the numbers describe
# counts as present equal the numeric cells Python's csv module finds
T8="$SHARED/scb-exports/tab8_tidsserie_2018.csv"
if [ -f "$T8" ]; then
    want=$(python3 -c 'import csv,sys
rows=list(csv.reader(open(sys.argv[1],encoding="cp1252")))
n=0
for r in rows[1:]:
    for v in r[2:]:
        try: float(v); n+=1
        except ValueError: pass
print(n)' "$T8")
    got=$("$JS" describe "$T8" | sed -n 's/^cells: [0-9]* (present \([0-9]*\),.*/\1/p')
    if [ "$got" = "$want" ]; then ok; else bad "tab8 present cells: got '$got', expected $want"; fi
    if "$JS" describe "$T8" | grep -q '^  sex: role sex, 3 categories'; then ok; else bad "tab8: no sex dimension from the heading labels"; fi
fi
# a dimension name with spaces, quoted in a selection: women's share of the
# nursing occupations (SSYK 222 + 223) in Blekinge 2017, against awk over the
# Latin-1 file
NL="$SHARED/scb-exports/000000NL_10.csv"
if [ -f "$NL" ]; then
    printf '[data occ]\nfile = %s\n[indicator w]\nkind = share\npart = sex:women\nby = region\nwhere = year:2017 "occupation (SSYK 2012)":222,223\n' "$NL" > "$TMP/q.ini"
    if "$JS" run "$TMP/q.ini" -o "$TMP/q" 2> "$TMP/q.err"; then
        want=$(iconv -f WINDOWS-1252 -t UTF-8 "$NL" | awk -F'","' '$1 ~ /^"10 / && $2 ~ /^22[23] / {
                   split($3, f, "\",") ; n = split($0, all, ","); v = all[n] + 0; t += v; if ($3 ~ /^women/) w += v }
                   END { printf "%.10f", 100 * w / t }')
        close "quoted dimension name in where" "$(value "$TMP/q/indicators.csv" w region=10)" "$want"
    else
        bad "quoted dimension run: $(cat "$TMP/q.err")"
    fi
fi
finish kinds
