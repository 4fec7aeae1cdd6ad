#!/bin/sh
# sort = value | code | label and top = N on charts of categories (issue
# #15, "What must work" 4).  top of a data section sums the rest as
# "Övriga"; codes sort naturally (T2 before T10).  On SCB's occupations
# (shared datasets; skipped when absent) the expected rows come from awk
# over the file; the small case is invented.
# Closes with "sort_top: N passed, N failed, N skipped".
set -u
. "$(dirname "$0")/lib.sh"
NL=$SHARED/scb-exports/000000NL_10.csv
if [ -f "$NL" ]; then
    printf '[analysis]\ntitle = t\n[data occ]\nfile = %s\n[chart top]\nkind = bars\ndata = occ\nwhere = region:10 year:2017\ncategories = "occupation (SSYK 2012)"\ntop = 10\n' "$NL" > "$TMP/a.ini"
    "$JS" run "$TMP/a.ini" -o "$TMP/out" 2> /dev/null
    check "top: run exits 0" "$?" 0
    # awk: Blekinge's 2017 counts per occupation, the ten largest by women
    # plus men (ties in file order), then the rest summed
    awk -F'","' 'NR > 1 && $1 ~ /^"10 / { sub(/^[0-9]+ /, "", $2); sub(/ +$/, "", $2); split($3, a, "\","); split(a[2], v, ",")
            n = v[4] + 0; if (!($2 in t)) o[++m] = $2; t[$2] += n; if (a[1] == "women") w[$2] += n; else mm[$2] += n }
        END { for (i = 1; i <= m; i++) printf "%s\t%d\t%d\t%d\n", o[i], t[o[i]], w[o[i]], mm[o[i]] }' "$NL" |
        sort -t "$(printf '\t')" -k2,2nr -s > "$TMP/all.tsv"
    head -10 "$TMP/all.tsv" | awk -F'\t' '{ print $1 "," $3 "," $4 }' > "$TMP/want"
    tail -n +11 "$TMP/all.tsv" | awk -F'\t' '{ w += $3; m += $4 } END { print "Övriga," w "," m }' >> "$TMP/want"
    sed 1d "$TMP/out/charts/top.csv" | sed 's/^"\(.*\)",/\1,/' > "$TMP/got"
    if cmp -s "$TMP/got" "$TMP/want"; then ok; else bad "top = 10: rows differ from awk's: $(diff "$TMP/got" "$TMP/want" | head -4)"; fi
else
    skip "$NL absent: top on occupations not checked"
fi
printf 'code,sex,n\n' > "$TMP/d.csv"
for c in T10:Tio:5 T2:Två:9 T1:Ett:7 T3:Tre:1; do
    IFS=: read -r code lab n <<X
$c
X
    printf '%s %s,women,%s\n%s %s,men,%s\n' "$code" "$lab" "$n" "$code" "$lab" "$n" >> "$TMP/d.csv"
done
for s in value code label; do
    printf '[analysis]\ntitle = t\n[data d]\nfile = d.csv\n[indicator n]\nkind = count\nby = code, sex\n[chart c]\nkind = bars\nindicator = n\ncategories = code\nsort = %s\n' "$s" > "$TMP/$s.ini"
    cp "$TMP/d.csv" "$TMP/$s.csv" 2> /dev/null
    "$JS" run "$TMP/$s.ini" -o "$TMP/o_$s" 2> "$TMP/err_$s"
    eval "got_$s=\$(sed 1d \"\$TMP/o_\$s/charts/c.csv\" | cut -d, -f1 | tr '\\n' ' ')"
done
check "sort = value: the largest first" "$got_value" "Två Ett Tio Tre "
check "sort = code: natural order, T2 before T10" "$got_code" "Ett Två Tre Tio "
check "sort = label: by the labels" "$got_label" "Ett Tio Tre Två "
printf '[analysis]\ntitle = t\n[data d]\nfile = d.csv\n[indicator n]\nkind = count\nby = code, sex\n[chart c]\nkind = bars\nindicator = n\ncategories = code\ntop = 2\n' > "$TMP/t.ini"
"$JS" run "$TMP/t.ini" -o "$TMP/o_t" 2> /dev/null
check "top of an indicator: the rest left out, no Övriga" "$(sed 1d "$TMP/o_t/charts/c.csv" | cut -d, -f1 | tr '\n' ' ')" "Två Ett "
sed 's/^top = 2$/top = 0/' "$TMP/t.ini" > "$TMP/t0.ini"
"$JS" check "$TMP/t0.ini" 2> "$TMP/err0"
check "top = 0: exit 64" "$?" 64
grep -q 'top: expected a whole number from 1 to 1000, found "0"' "$TMP/err0" && ok || bad "top = 0: message"
sed 's/^kind = bars$/kind = lines/' "$TMP/t.ini" > "$TMP/tl.ini"
"$JS" check "$TMP/tl.ini" 2> "$TMP/errl"
check "top on lines: exit 64" "$?" 64
finish sort_top
